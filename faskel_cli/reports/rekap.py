"""The coordinator's recap (`faskel report rekap`): its columns, shared by every format,
and the text formats (JSON, Markdown, CSV). The xlsx is rekap_xlsx.py, the PDF
rekap_pdf.py; the numbers are core.rekap.build_rekap's, nothing is counted here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from faskel_cli.core.received import local_date
from faskel_cli.messages import t
from faskel_cli.reports.common import show_date, to_date
from faskel_cli.reports.periods import title as period_title

FORMATS = ("xlsx", "pdf", "json", "md", "csv", "csv-id")
TEXT_FORMATS = ("json", "md", "csv", "csv-id")
SUFFIXES = {".xlsx": "xlsx", ".pdf": "pdf", ".json": "json", ".md": "md", ".csv": "csv"}
# Sheet names are stable in every language: coordinators and scripts refer to them.
SHEETS = ("Fasilitator", "Kelurahan")

# (key, heading key, kind): kinds as reports/xlsx.py writes them (text, count, share, date).
FACILITATOR_COLUMNS = [
    ("name", "rep.rekap.col.facilitator", "text"),
    ("visits", "rep.rekap.col.visits", "count"),
    ("kelurahan_covered", "rep.rekap.col.covered", "count"),
    ("kelurahan_assigned", "rep.rekap.col.assigned", "count"),
    ("days_worked", "rep.rekap.col.days_worked", "count"),
    ("male", "rep.rekap.col.male", "count"),
    ("female", "rep.rekap.col.female", "count"),
    ("female_share", "rep.rekap.col.female_share", "share"),
    ("followups_opened", "rep.rekap.col.fu_opened", "count"),
    ("followups_done", "rep.rekap.col.fu_done", "count"),
    ("followups_overdue", "rep.rekap.col.fu_overdue", "count"),
    ("last_bundle", "rep.rekap.col.last_bundle", "date"),
    ("last_bundle_newest", "rep.rekap.col.bundle_newest", "date"),
]
KELURAHAN_COLUMNS = [
    ("kecamatan", "rep.rekap.col.kecamatan", "text"),
    ("nama", "rep.rekap.col.kelurahan", "text"),
    ("assigned", "rep.rekap.col.assigned_to", "text"),
    ("visits", "rep.rekap.col.visits", "count"),
    ("days_visited", "rep.rekap.col.days_visited", "count"),
    ("facilitators", "rep.rekap.col.facilitators", "count"),
    ("male", "rep.rekap.col.male", "count"),
    ("female", "rep.rekap.col.female", "count"),
    ("female_share", "rep.rekap.col.female_share", "share"),
    ("followups_opened", "rep.rekap.col.fu_opened", "count"),
    ("followups_done", "rep.rekap.col.fu_done", "count"),
    ("followups_overdue", "rep.rekap.col.fu_overdue", "count"),
    ("last_visit", "rep.rekap.col.last_visit", "date"),
]
# The columns whose total is the sum of the rows above it (the others: the core's value).
SUMMED = {
    "visits",
    "days_worked",
    "days_visited",
    "male",
    "female",
    "followups_opened",
    "followups_done",
    "followups_overdue",
}


@dataclass
class Rekap:
    """What a recap shows: core.rekap.build_rekap's dict, the area or kecamatan it covers
    and the day it was made."""

    data: dict
    scope: str
    generated: date
    names: dict[str, str] = field(default_factory=dict)

    @property
    def villages(self) -> str:
        """What its villages are called: kelurahan, desa or desa/kelurahan."""
        from faskel_cli.reports.levels import villages_word

        return villages_word(self.data["kelurahan_totals"])

    @property
    def title(self) -> str:
        return t(
            "rep.rekap.title", area=self.scope, period=period_title(self.data["period"]["label"])
        )

    @property
    def period_line(self) -> str:
        period = self.data["period"]
        return t(
            "rep.period",
            label=period_title(period["label"]),
            start=show_date(period["start"]),
            end=show_date(period["end"]),
        )

    def subtitle(self) -> str:
        totals = self.data["kelurahan_totals"]
        return " · ".join(
            [
                self.period_line,
                t(
                    "rep.rekap.coverage",
                    visited=totals["kelurahan_visited"],
                    total=totals["kelurahan_total"],
                    villages=self.villages,
                ),
                t("rep.generated", date=show_date(self.generated)),
            ]
        )

    def facilitator_rows(self) -> list[dict]:
        """The facilitator table's cells: dates as dates, the name with its handle."""
        return [
            {
                **row,
                "name": f"{row['name']} ({row['handle']})" if row["name"] else row["handle"],
                "last_bundle": local_date(row["last_bundle_at"]),
                "last_bundle_newest": to_date(row["last_bundle_newest"]),
            }
            for row in self.data["facilitators"]
        ]

    def facilitator_total(self) -> dict:
        return {**self.data["facilitator_totals"], "name": t("rep.rekap.total")}

    def kelurahan_rows(self) -> list[dict]:
        return [
            {
                **row,
                "assigned": ", ".join(self.names.get(h) or h for h in row["assigned"]),
                "last_visit": to_date(row["last_visit"]),
            }
            for row in self.data["kelurahan"]
        ]

    def kelurahan_total(self) -> dict:
        return {**self.data["kelurahan_totals"], "kecamatan": t("rep.rekap.total")}


def format_from(output: str | None) -> str | None:
    """The format an --output name implies (rekap.pdf -> pdf), None for stdout or no
    suffix; another suffix is refused naming the recap's."""
    from faskel_cli.reports.paths import format_from as from_suffix

    return from_suffix(output, SUFFIXES)


def cell_text(value, kind: str) -> str:
    """A cell as text (Markdown, PDF): dates as people write them, shares in percent."""
    if value is None or value == "":
        return "-"
    if kind == "date":
        return show_date(value)
    if kind == "share":
        from faskel_cli.render_summary import percent

        return percent(value)
    return str(value)


def _markdown_table(columns, rows: list[dict], total: dict) -> list[str]:
    from faskel_cli.render_summary import _md_escape

    out = ["| " + " | ".join(_md_escape(t(h)) for _, h, _ in columns) + " |"]
    out.append("|" + "|".join(":---" if k == "text" else "---:" for _, _, k in columns) + "|")
    for row in [*rows, total]:
        cells = [_md_escape(cell_text(row.get(key), kind)) for key, _, kind in columns]
        if row is total:
            cells = [f"**{c}**" if c != "-" else c for c in cells]
        out.append("| " + " | ".join(cells) + " |")
    return out


def markdown(rekap: Rekap) -> str:
    from faskel_cli.render_summary import _md_escape

    out = [f"## {_md_escape(rekap.title)}", "", _md_escape(rekap.subtitle()), ""]
    out += [f"### {t('rep.rekap.facilitators')}", ""]
    out += _markdown_table(FACILITATOR_COLUMNS, rekap.facilitator_rows(), rekap.facilitator_total())
    out += ["", f"### {t('rep.rekap.kelurahan', villages=rekap.villages)}", ""]
    out += _markdown_table(KELURAHAN_COLUMNS, rekap.kelurahan_rows(), rekap.kelurahan_total())
    out += ["", _md_escape(t("rep.rekap.legend", villages=rekap.villages))]
    return "\n".join(out) + "\n"


# The CSV: one table, each row saying which it is (facilitator, kelurahan or a total).
CSV_COLUMNS = [
    "row",
    "handle",
    "name",
    "kode",
    "nama",
    "kecamatan",
    "assigned",
    "visits",
    "kelurahan_covered",
    "kelurahan_assigned",
    "days_worked",
    "days_visited",
    "facilitators",
    "male",
    "female",
    "female_share",
    "followups_opened",
    "followups_done",
    "followups_overdue",
    "last_visit",
    "last_bundle_at",
    "last_bundle_newest",
]


def csv_rows(rekap: Rekap) -> list[dict]:
    data = rekap.data
    rows = [{"row": "facilitator", **row} for row in data["facilitators"]]
    rows.append({"row": "facilitator_total", **data["facilitator_totals"]})
    for row in data["kelurahan"]:
        rows.append({"row": "kelurahan", **row, "assigned": " ".join(row["assigned"])})
    rows.append({"row": "kelurahan_total", **data["kelurahan_totals"]})
    return [{key: row.get(key) for key in CSV_COLUMNS} for row in rows]


def text_bytes(fmt: str, rekap: Rekap) -> bytes:
    """The recap in one of TEXT_FORMATS, as UTF-8 (the xlsx and the PDF: rekap_xlsx.render,
    rekap_pdf.render)."""
    assert fmt in TEXT_FORMATS
    if fmt == "json":
        from faskel_cli.render import to_json

        return (to_json(rekap.data) + "\n").encode("utf-8")
    if fmt == "md":
        return markdown(rekap).encode("utf-8")
    from faskel_cli.render import to_csv

    return to_csv(csv_rows(rekap), CSV_COLUMNS, form=fmt).encode("utf-8")
