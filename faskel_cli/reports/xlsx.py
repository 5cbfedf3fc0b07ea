"""The Excel workbook: Ringkasan, Kunjungan, Kegiatan, Tindak Lanjut.

Counts are numbers, dates real Excel dates, money in rupiah format. Subtotal and total rows
of Ringkasan are SUM formulas a coordinator can check, written with their value (from the
summary) so viewers that do not recalculate still show the numbers. Text people typed is
always written as a string, never as a formula."""

from __future__ import annotations

import io
from datetime import datetime, time

from faskel_cli.messages import get_lang, t
from faskel_cli.render_summary import completeness_line
from faskel_cli.reports import SHEETS, ReportData
from faskel_cli.reports.common import (
    SUMMARY_FIELDS,
    groups,
    heading,
    is_overdue,
    period_line,
    show_date,
    stage_dates,
    stage_label,
    to_date,
    value,
)

HEADER_ROW = 3  # title, period line, a blank row, then the headings
FIRST_ROW = HEADER_ROW + 1
MONEY = '"Rp" #,##0'
COUNT = "#,##0"
SHARE = "0.0%"

# Row styles: fill colours of kelurahan not visited, subtotals and the total.
_STYLES: dict[str, dict[str, object]] = {
    "normal": {},
    "missing": {"bg_color": "#FCE4E4"},
    "subtotal": {"bold": True, "bg_color": "#EDEDED"},
    "total": {"bold": True, "bg_color": "#D9D9D9", "top": 1},
}


class _Formats:
    """Cell formats by (kind, row style), made once per workbook."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.cache: dict = {}
        self.date_pattern = "dd/mm/yyyy" if get_lang() == "id" else "yyyy-mm-dd"
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"italic": True, "font_color": "#555555"})
        self.header = workbook.add_format(
            {
                "bold": True,
                "bg_color": "#1F4E79",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "valign": "top",
                "border": 1,
            }
        )

    def __call__(self, kind: str, style: str = "normal"):
        key = (kind, style)
        if key not in self.cache:
            props = dict(_STYLES[style])
            props["valign"] = "top"
            if kind == "count":
                props["num_format"] = COUNT
            elif kind == "share":
                props["num_format"] = SHARE
            elif kind == "money":
                props["num_format"] = MONEY
            elif kind == "date":
                props["num_format"] = self.date_pattern
            elif kind == "wrap":
                props["text_wrap"] = True
            self.cache[key] = self.workbook.add_format(props)
        return self.cache[key]


class _Sheet:
    """A worksheet that remembers how wide each column's content is."""

    def __init__(self, workbook, name: str, formats: _Formats, columns: list[tuple[str, str]]):
        self.ws = workbook.add_worksheet(name)
        self.f = formats
        self.columns = columns  # (heading, kind)
        self.widths = [len(h) for h, _ in columns]

    def _width(self, col: int, text: str) -> None:
        longest = max((len(part) for part in text.splitlines()), default=0)
        self.widths[col] = max(self.widths[col], longest)

    def titles(self, title: str, subtitle: str) -> None:
        self.ws.write_string(0, 0, title, self.f.title)
        self.ws.write_string(1, 0, subtitle, self.f.subtitle)
        self.ws.set_row(0, 20)

    def headings(self) -> None:
        for col, (text, _) in enumerate(self.columns):
            self.ws.write_string(HEADER_ROW, col, text, self.f.header)

    def cell(self, row: int, col: int, item, style: str = "normal") -> None:
        """Write `item` as its column's kind: text is always a string (never a formula)."""
        kind = self.columns[col][1]
        fmt = self.f(kind, style)
        if item is None or item == "":
            self.ws.write_blank(row, col, None, fmt)
        elif kind == "date" and (day := to_date(item)) is not None:
            self.ws.write_datetime(row, col, datetime.combine(day, time()), fmt)
            self._width(col, "00/00/0000")
        elif kind in ("count", "money", "share") and isinstance(item, int | float):
            self.ws.write_number(row, col, item, fmt)
            self._width(col, f"{item:,}" if kind != "share" else "00.0%")
            if kind == "money":
                self._width(col, f"Rp {item:,}")
        else:
            text = ", ".join(map(str, item)) if isinstance(item, list) else str(item)
            self.ws.write_string(row, col, text, fmt)
            self._width(col, text)

    def formula(self, row: int, col: int, formula: str, cached, style: str) -> None:
        kind = self.columns[col][1]
        self.ws.write_formula(
            row, col, formula, self.f(kind, style), "" if cached is None else cached
        )

    def finish(self, last_row: int, freeze_cols: int = 0) -> None:
        self.ws.freeze_panes(FIRST_ROW, freeze_cols)
        self.ws.autofilter(HEADER_ROW, 0, max(last_row, HEADER_ROW), len(self.columns) - 1)
        for col, (_, kind) in enumerate(self.columns):
            limit = 48 if kind == "wrap" else 36
            width = min(max(self.widths[col], 6), limit) + 2
            self.ws.set_column(col, col, width)
        self.ws.set_row(HEADER_ROW, 32)
        self.ws.set_landscape()
        self.ws.set_paper(9)  # A4
        self.ws.fit_to_pages(1, 0)
        self.ws.repeat_rows(HEADER_ROW)


def render(data: ReportData) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _Formats(workbook)
    made = datetime.combine(data.generated, time())
    workbook.set_properties(
        {
            "title": f"{t('rep.title', area=data.scope)} {data.period.label}",
            "author": "faskel",
            "created": made,
        }
    )
    subtitle = " · ".join(
        [
            period_line(data.period),
            completeness_line(data.summary["totals"]),
            t("rep.generated", date=show_date(data.generated)),
        ]
    )
    _summary_sheet(workbook, formats, data, subtitle)
    _visits_sheet(workbook, formats, data, subtitle)
    _activities_sheet(workbook, formats, data, subtitle)
    _followups_sheet(workbook, formats, data, subtitle)
    workbook.close()
    return buffer.getvalue()


def _title(sheet: str, data: ReportData) -> str:
    return t("rep.sheet_title", sheet=sheet, area=data.scope, period=data.period.label)


def _kind(field_kind: str) -> str:
    return {"sum": "count", "distinct": "count", "share": "share", "date": "date"}[field_kind]


def _summary_sheet(workbook, formats: _Formats, data: ReportData, subtitle: str) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell

    summary = data.summary
    columns = [
        (heading("kecamatan"), "text"),
        (heading("kode"), "text"),
        (heading("kelurahan"), "text"),
        *[(heading(key), _kind(kind)) for key, kind in SUMMARY_FIELDS],
        (heading("visited"), "count"),
        (heading("kelurahan_total"), "count"),
    ]
    sheet = _Sheet(workbook, SHEETS[0], formats, columns)
    sheet.titles(_title(SHEETS[0], data), subtitle)
    sheet.headings()
    first_field = 3
    visited_col = first_field + len(SUMMARY_FIELDS)
    total_col = visited_col + 1
    not_visited = set(summary["not_visited"])

    def cell(row, col):
        return xl_rowcol_to_cell(row, col)

    row = FIRST_ROW
    subtotal_rows: list[int] = []
    for kec, members in groups(summary):
        top = row
        for kel in members:
            style = "missing" if kel["kode"] in not_visited else "normal"
            sheet.cell(row, 0, kel["kecamatan"], style)
            sheet.cell(row, 1, kel["kode"], style)
            sheet.cell(row, 2, kel["nama"], style)
            for offset, (key, _) in enumerate(SUMMARY_FIELDS):
                sheet.cell(row, first_field + offset, value(kel, key), style)
            sheet.cell(row, visited_col, 0 if kel["kode"] in not_visited else 1, style)
            sheet.cell(row, total_col, None, style)
            row += 1
        bottom = row - 1
        style = "subtotal"
        sheet.cell(row, 0, kec["nama"], style)
        sheet.cell(row, 1, kec["kode"], style)
        sheet.cell(row, 2, t("rep.subtotal", name=kec["nama"]), style)

        def over_members(col: int, top=top, bottom=bottom) -> str:
            if bottom < top:
                return "=0"
            return f"=SUM({cell(top, col)}:{cell(bottom, col)})"

        _group_row(sheet, row, kec, style, first_field, over_members)
        count_range = f"{cell(top, visited_col)}:{cell(bottom, visited_col)}"
        sheet.formula(
            row,
            visited_col,
            f"=SUM({count_range})" if bottom >= top else "=0",
            kec["kelurahan_visited"],
            style,
        )
        sheet.formula(
            row,
            total_col,
            f"=COUNT({count_range})" if bottom >= top else "=0",
            kec["kelurahan_total"],
            style,
        )
        subtotal_rows.append(row)
        row += 1
    totals = summary["totals"]
    style = "total"
    sheet.cell(row, 0, None, style)
    sheet.cell(row, 1, summary["area"]["kode"], style)
    sheet.cell(row, 2, t("rep.total", name=data.scope), style)

    def over_subtotals(col: int) -> str:
        if not subtotal_rows:
            return "=0"
        return "=" + "+".join(cell(r, col) for r in subtotal_rows)

    _group_row(sheet, row, totals, style, first_field, over_subtotals)
    sheet.formula(row, visited_col, over_subtotals(visited_col), totals["kelurahan_visited"], style)
    sheet.formula(row, total_col, over_subtotals(total_col), totals["kelurahan_total"], style)
    last = row
    sheet.ws.write_string(row + 2, 0, t("rep.legend_not_visited"), formats.subtitle)
    sheet.finish(last - 1, freeze_cols=3)
    # The filter covers the kelurahan and subtotal rows; the total stays visible under it.


def _group_row(sheet: _Sheet, row: int, entry: dict, style: str, first: int, sum_formula) -> None:
    """A subtotal or total row: SUM formulas for what adds up (cached: the summary's own
    figure), the summary's distinct counts as numbers, the share as a formula."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    columns = {key: first + offset for offset, (key, _) in enumerate(SUMMARY_FIELDS)}
    for key, kind in SUMMARY_FIELDS:
        col = columns[key]
        if kind == "sum":
            sheet.formula(row, col, sum_formula(col), value(entry, key), style)
        elif kind == "share":
            male = xl_rowcol_to_cell(row, columns["male"])
            female = xl_rowcol_to_cell(row, columns["female"])
            sheet.formula(
                row,
                col,
                f'=IF({male}+{female}=0,"",ROUND({female}/({male}+{female}),3))',
                value(entry, key),
                style,
            )
        else:  # distinct counts and the latest visit cannot be summed: the summary's own
            sheet.cell(row, col, value(entry, key), style)


def _visits_sheet(workbook, formats: _Formats, data: ReportData, subtitle: str) -> None:
    keys = [
        ("date", "date"),
        ("kecamatan", "text"),
        ("kelurahan", "text"),
        ("facilitator", "text"),
        ("kind", "text"),
        ("strand", "text"),
        ("lkk", "text"),
        ("male", "count"),
        ("female", "count"),
        ("duration", "count"),
        ("notes", "wrap"),
        ("id", "text"),
    ]
    sheet = _Sheet(workbook, SHEETS[1], formats, [(heading(k), kind) for k, kind in keys])
    sheet.titles(_title(SHEETS[1], data), subtitle)
    sheet.headings()
    row = FIRST_ROW
    for visit in data.visits:
        for col, (key, _) in enumerate(keys):
            item = visit.get("duration_minutes") if key == "duration" else visit.get(key)
            if key == "lkk":
                item = "; ".join(item or [])
            sheet.cell(row, col, item)
        row += 1
    _empty_note(sheet, row, not data.visits)
    sheet.finish(row - 1, freeze_cols=1)


def _activities_sheet(workbook, formats: _Formats, data: ReportData, subtitle: str) -> None:
    from faskel_cli.core.vocab import STAGES

    keys = [
        ("kecamatan", "text"),
        ("kelurahan", "text"),
        ("title", "wrap"),
        ("type", "text"),
        ("funding", "text"),
        ("budget", "money"),
        ("spent", "money"),
        ("stage", "text"),
        ("stage_since", "date"),
        *[(stage, "date") for stage in STAGES],
        ("lkk", "text"),
        ("id", "text"),
    ]
    sheet = _Sheet(workbook, SHEETS[2], formats, [(heading(k), kind) for k, kind in keys])
    sheet.titles(_title(SHEETS[2], data), subtitle)
    sheet.headings()
    row = FIRST_ROW
    for activity in data.activities:  # as of the period's end (list_activities)
        values = {
            **activity,
            "stage": stage_label(activity["stage"]),
            "lkk": "; ".join(activity["lkk"]),
            **stage_dates(activity),
        }
        for col, (key, _) in enumerate(keys):
            sheet.cell(row, col, values.get(key))
        row += 1
    _empty_note(sheet, row, not data.activities)
    sheet.finish(row - 1, freeze_cols=3)


def _followups_sheet(workbook, formats: _Formats, data: ReportData, subtitle: str) -> None:
    keys = [
        ("kecamatan", "text"),
        ("kelurahan", "text"),
        ("problem", "wrap"),
        ("action", "wrap"),
        ("problem_date", "date"),
        ("due", "date"),
        ("owner", "text"),
        ("overdue", "text"),
        ("days_overdue", "count"),
        ("status", "text"),
        ("done_date", "date"),
        ("id", "text"),
    ]
    sheet = _Sheet(workbook, SHEETS[3], formats, [(heading(k), kind) for k, kind in keys])
    sheet.titles(_title(SHEETS[3], data), subtitle)
    sheet.headings()
    row = FIRST_ROW
    for item in data.followups:
        overdue = is_overdue(item)
        style = "missing" if overdue else "normal"
        values = {
            **item,
            "overdue": t("rep.yes") if overdue else t("rep.no"),
            "days_overdue": item["days_overdue"] if overdue else None,
            "status": t("rep.status." + item["status"]),
        }
        for col, (key, _) in enumerate(keys):
            sheet.cell(row, col, values.get(key), style)
        row += 1
    _empty_note(sheet, row, not data.followups)
    sheet.finish(row - 1, freeze_cols=2)


def _empty_note(sheet: _Sheet, row: int, empty: bool) -> None:
    if empty:
        sheet.ws.write_string(row + 1, 0, t("rep.none_in_period"), sheet.f.subtitle)
