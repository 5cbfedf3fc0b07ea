"""The visits workbook to fill offline (`faskel template visits`), read back by
`faskel visit import` (core/sheet_import.py).

Sheets: Kunjungan (one row per visit), Kendala (problems and follow-ups, linked to a visit
by its No.), Petunjuk (how to fill it, with an example row) and a hidden Daftar holding the
dropdown lists. Headings are the fixed Indonesian headings of core/sheet_format.py, each
with a note giving its field name and what goes in; dropdowns (data validation) for
kelurahan (hers first), kind, strand, LKK and facilitator; dates as date cells, counts as
whole numbers. Every row is prefilled with its No. and a ref (a random UUID, in a grey
column) that gives the row its identity when it comes back."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from faskel_cli.core import sheet_format as fmt
from faskel_cli.core.vocab import STRANDS, VISIT_KINDS
from faskel_cli.messages import get_lang, t
from faskel_cli.reports.xlsx import HEADER_FORMAT, new_workbook

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

MAX_ROWS = 10_000
DEFAULT_ROWS = 500
_WIDTHS = {
    "no": 6,
    "tanggal": 12,
    "kelurahan": 20,
    "fasilitator": 13,
    "jenis": 15,
    "bidang": 17,
    "lkk": 26,
    "laki_laki": 10,
    "perempuan": 11,
    "durasi": 10,
    "kegiatan": 14,
    "catatan": 40,
    "ref": 9,
    "ref_kunjungan": 11,
    "kendala": 40,
    "tindak_lanjut": 40,
    "tenggat": 12,
    "penanggung_jawab": 16,
}
_DATES = ("tanggal", "tenggat")
_COUNTS = ("laki_laki", "perempuan", "durasi", "no", "ref_kunjungan")


@dataclass
class TemplateData:
    area: str
    made: date
    rows: int
    handle: str | None
    kelurahan: list[str]  # the dropdown, hers first
    lkk: list[str]
    handles: list[str]
    refs: list[str] = field(default_factory=list)


def gather(db: Db, facilitator: str | None, rows: int) -> TemplateData:
    """What the template lists, from the database: the area's kelurahan (the
    facilitator's own first), LKK names and facilitator handles."""
    from faskel_cli.core import clock, facilitators, lkk, regions
    from faskel_cli.core.errors import InputError
    from faskel_cli.core.store import get_setting

    if not 1 <= rows <= MAX_ROWS:
        raise InputError("err.template_rows", value=rows, max=MAX_ROWS)
    handle = facilitator or get_setting(db, "me")
    person = facilitators.resolve(db, handle) if handle else None
    own = list(person["kelurahan"]) if person else []
    places = regions.kelurahan_rows(db)
    counts: dict[str, int] = {}
    for place in places:
        counts[place["nama"]] = counts.get(place["nama"], 0) + 1
    names = {
        p["kode"]: p["nama"] if counts[p["nama"]] == 1 else f"{p['kecamatan']}/{p['nama']}"
        for p in places
    }
    ordered = [k for k in own if k in names] + [p["kode"] for p in places if p["kode"] not in own]
    groups = lkk.list_all(db)
    lkk_names: list[str] = []
    for item in sorted(groups, key=lambda g: (g["kelurahan_kode"] not in own, g["name"].lower())):
        if item["name"] not in lkk_names:
            lkk_names.append(item["name"])
    return TemplateData(
        area=regions.area(db).nama,
        made=clock.today(),
        rows=rows,
        handle=person["handle"] if person else None,
        kelurahan=[names[k] for k in ordered],
        lkk=lkk_names,
        handles=facilitators.handles(db),
        refs=[str(uuid.uuid4()) for _ in range(rows)],
    )


class _Writer:
    def __init__(self, data: TemplateData) -> None:
        self.data = data
        self.buffer = io.BytesIO()
        self.book = new_workbook(self.buffer)
        book = self.book
        date_pattern = "dd/mm/yyyy" if get_lang() == "id" else "yyyy-mm-dd"
        self.header = book.add_format(HEADER_FORMAT)
        self.required = book.add_format(
            {
                "bold": True,
                "bg_color": "#C00000",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "valign": "top",
                "border": 1,
            }
        )
        self.formats: dict[str, Any] = {
            "date": book.add_format({"num_format": date_pattern, "valign": "top"}),
            "count": book.add_format({"num_format": "0", "valign": "top"}),
            "text": book.add_format({"num_format": "@", "valign": "top"}),
            "wrap": book.add_format({"num_format": "@", "valign": "top", "text_wrap": True}),
            "ref": book.add_format(
                {"num_format": "@", "font_color": "#808080", "bg_color": "#EDEDED", "font_size": 8}
            ),
            "no": book.add_format(
                {"num_format": "0", "font_color": "#555555", "bg_color": "#F2F2F2"}
            ),
        }
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.bold = book.add_format({"bold": True})
        self.lists: dict[str, str] = {}

    def kind(self, name: str) -> str:
        if name in _DATES:
            return "date"
        if name == "ref":
            return "ref"
        if name == "no":
            return "no"
        if name in _COUNTS:
            return "count"
        if name in ("catatan", "kendala", "tindak_lanjut"):
            return "wrap"
        return "text"

    def hint(self, name: str) -> str:
        choices = {"jenis": ", ".join(VISIT_KINDS), "bidang": ", ".join(STRANDS)}
        text = t(f"sheet.hint.{name}", choices=choices.get(name, ""))
        return f"{name}: {text}"

    def headings(self, sheet: Any, kind: str) -> None:
        for col, item in enumerate(fmt.fields(kind)):
            style = self.required if item.required else self.header
            sheet.write_string(0, col, item.heading, style)
            sheet.write_comment(0, col, self.hint(item.name), {"x_scale": 2, "y_scale": 1.2})
            sheet.set_column(col, col, _WIDTHS[item.name], self.formats[self.kind(item.name)])
        sheet.freeze_panes(1, 0)
        sheet.set_row(0, 30)
        self.printed(sheet)
        sheet.repeat_rows(0)

    @staticmethod
    def printed(sheet: Any) -> None:
        """A4 landscape, as wide as the page (forms get printed and filled by hand too)."""
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)

    def _list_columns(self) -> list[tuple[str, list[str]]]:
        return [
            ("kelurahan", self.data.kelurahan),
            ("jenis", list(VISIT_KINDS)),
            ("bidang", list(STRANDS)),
            ("lkk", self.data.lkk),
            ("fasilitator", self.data.handles),
        ]

    def prepare_lists(self) -> None:
        """Where each dropdown's list will be (a list typed into the rule itself holds 255
        characters at most, too few for 27 kelurahan)."""
        for col, (name, values) in enumerate(self._list_columns()):
            letter = chr(ord("A") + col)
            last = max(len(values), 1) + 1
            self.lists[name] = f"={fmt.LISTS_SHEET}!${letter}$2:${letter}${last}"

    def list_sheet(self) -> None:
        sheet = self.book.add_worksheet(fmt.LISTS_SHEET)
        for col, (name, values) in enumerate(self._list_columns()):
            sheet.write_string(0, col, t(f"sheet.list.{name}"), self.bold)
            for row, value in enumerate(values, 1):
                sheet.write_string(row, col, value)
            sheet.set_column(col, col, 24)
        sheet.hide()

    def validations(self, sheet: Any, kind: str) -> None:
        last = self.data.rows
        visits_last = self.data.rows + 1
        for col, item in enumerate(fmt.fields(kind)):
            rule: dict[str, Any] | None = None
            name = item.name
            if name in ("kelurahan", "jenis", "bidang"):
                rule = {"validate": "list", "source": self.lists[name]}
                rule["input_message"] = t("sheet.validation.list")
            elif name in ("lkk", "fasilitator", "penanggung_jawab"):
                source = self.lists["lkk" if name == "lkk" else "fasilitator"]
                # Several LKK go in one cell, and a handle may be new: the list helps, the
                # import checks.
                rule = {"validate": "list", "source": source, "show_error": False}
            elif name in ("laki_laki", "perempuan"):
                rule = {"validate": "integer", "criteria": "between", "minimum": 0}
                rule.update(maximum=10_000, error_message=t("sheet.validation.count"))
            elif name == "durasi":
                rule = {"validate": "integer", "criteria": "between", "minimum": 1}
                rule.update(maximum=24 * 60, error_type="warning")
                rule["error_message"] = t("sheet.validation.minutes")
            elif name == "tanggal":
                rule = {"validate": "date", "criteria": "between"}
                rule.update(minimum=date(2000, 1, 1), maximum="=TODAY()")
                rule["error_message"] = t("sheet.validation.date")
            elif name == "tenggat":
                rule = {"validate": "date", "criteria": ">=", "value": date(2000, 1, 1)}
                rule["error_message"] = t("sheet.validation.due")
            elif name == "ref_kunjungan":
                source = f"={fmt.VISITS_SHEET}!$A$2:$A${visits_last}"
                rule = {"validate": "list", "source": source, "error_type": "warning"}
            if rule is None:
                continue
            if rule.get("error_message"):
                rule["error_title"] = t("sheet.validation.title")
            sheet.data_validation(1, col, last, col, rule)

    def visits(self) -> None:
        sheet = self.book.add_worksheet(fmt.VISITS_SHEET)
        self.headings(sheet, "visits")
        names = [item.name for item in fmt.VISIT_FIELDS]
        no, ref, who = names.index("no"), names.index("ref"), names.index("fasilitator")
        for row in range(1, self.data.rows + 1):
            sheet.write_number(row, no, row, self.formats["no"])
            sheet.write_string(row, ref, self.data.refs[row - 1], self.formats["ref"])
            if self.data.handle:
                sheet.write_string(row, who, self.data.handle, self.formats["text"])
        self.validations(sheet, "visits")
        sheet.autofilter(0, 0, self.data.rows, len(names) - 1)
        sheet.activate()

    def problems(self) -> None:
        sheet = self.book.add_worksheet(fmt.PROBLEMS_SHEET)
        self.headings(sheet, "problems")
        self.validations(sheet, "problems")

    def guide(self) -> None:
        sheet = self.book.add_worksheet(fmt.INSTRUCTIONS_SHEET)
        data = self.data
        sheet.set_column(0, 0, 30)
        sheet.set_column(1, 1, 18)
        sheet.set_column(2, 12, 16)
        self.printed(sheet)
        sheet.write_string(0, 0, t("sheet.guide.title"), self.title)
        who = data.handle or t("sheet.guide.everyone")
        made = t("sheet.guide.made", date=data.made.isoformat(), who=who, area=data.area)
        sheet.write_string(1, 0, made)
        row = 3
        for line in t("sheet.guide.steps").split("|"):
            sheet.write_string(row, 0, line)
            row += 1
        row += 1
        sheet.write_string(row, 0, t("sheet.guide.example"), self.bold)
        row += 1
        example = self.example()
        for col, item in enumerate(fmt.VISIT_FIELDS):
            sheet.write_string(row, col, item.heading, self.header)
            self.example_cell(sheet, row + 1, col, item.name, example[item.name])
        row += 3
        sheet.write_string(row, 0, t("sheet.guide.example_problem"), self.bold)
        row += 1
        problem = {
            "ref_kunjungan": 1,
            "kendala": t("sheet.guide.example_problem_text"),
            "tindak_lanjut": t("sheet.guide.example_followup"),
            "tenggat": data.made + timedelta(days=14),
            "penanggung_jawab": example["fasilitator"],
        }
        for col, item in enumerate(fmt.PROBLEM_FIELDS):
            sheet.write_string(row, col, item.heading, self.header)
            self.example_cell(sheet, row + 1, col, item.name, problem[item.name])
        row += 3
        for col, key in enumerate(("columns", "field", "meaning")):
            sheet.write_string(row, col, t(f"sheet.guide.{key}"), self.header)
        for sheet_name, kind in ((fmt.VISITS_SHEET, "visits"), (fmt.PROBLEMS_SHEET, "problems")):
            for item in fmt.fields(kind):
                row += 1
                sheet.write_string(row, 0, f"{sheet_name}: {item.heading}")
                sheet.write_string(row, 1, item.name)
                sheet.write_string(row, 2, self.hint(item.name).split(": ", 1)[1])

    def example(self) -> dict[str, object]:
        data = self.data
        return {
            "no": 1,
            "tanggal": data.made - timedelta(days=1),
            "kelurahan": data.kelurahan[0] if data.kelurahan else "Medono",
            "fasilitator": data.handle or (data.handles[0] if data.handles else "siti"),
            "jenis": VISIT_KINDS[0],
            "bidang": STRANDS[0],
            "lkk": data.lkk[0] if data.lkk else "Posyandu Melati",
            "laki_laki": 4,
            "perempuan": 9,
            "durasi": 90,
            "kegiatan": "",
            "catatan": t("sheet.guide.example_notes"),
            "ref": data.refs[0][:8] + "...",
        }

    def example_cell(self, sheet: Any, row: int, col: int, name: str, value: object) -> None:
        style = self.formats[self.kind(name)]
        if isinstance(value, date):
            sheet.write_datetime(row, col, datetime.combine(value, time()), style)
        elif isinstance(value, int):
            sheet.write_number(row, col, value, style)
        else:
            sheet.write_string(row, col, str(value), style)

    def render(self) -> bytes:
        self.book.set_properties(
            {
                "title": t("sheet.guide.title"),
                "author": "faskel",
                "created": datetime.combine(self.data.made, time()),
            }
        )
        self.prepare_lists()
        self.visits()
        self.problems()
        self.guide()
        self.list_sheet()
        self.book.close()
        return self.buffer.getvalue()


def render(data: TemplateData) -> bytes:
    return _Writer(data).render()
