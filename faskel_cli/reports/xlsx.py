"""The Excel workbook: Ringkasan, Kunjungan, Kegiatan, Tindak Lanjut.

Counts are numbers, dates real Excel dates, money in rupiah format. Every sheet is safe to
sort and filter: the filter covers the data rows only, and the subtotal and total rows of
Ringkasan sit below them as SUMIF/SUM formulas a coordinator can check (written with their
value from the summary, so viewers that do not recalculate still show the numbers). Rows
are as tall as their wrapped text; printing is A4 landscape at 8 pt or more, with the
headings (and key columns) repeated, the title in the page header and page numbers. Text
people typed is always written as a string, never as a formula. Facilitators are shown
by name."""

from __future__ import annotations

import io
from datetime import datetime, time
from typing import TYPE_CHECKING

from faskel_cli.messages import get_lang, t
from faskel_cli.render_summary import completeness_line
from faskel_cli.reports import SHEETS, ReportData, levels
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

if TYPE_CHECKING:
    from xlsxwriter import Workbook
from faskel_cli.reports.periods import title as period_title

HEADER_ROW = 3  # title, period line, a blank row, then the headings
FIRST_ROW = HEADER_ROW + 1
MONEY = '"Rp" #,##0'
COUNT = "#,##0"
SHARE = "0.0%"

# Row heights: xlsxwriter cannot autofit them (Excel does not on opening either), so each row
# gets the height its longest wrapped cell needs, estimated from the text and the column
# width (a column `w` wide holds about w digits of the 11 pt default font; letters are
# narrower on average, so the estimate errs towards a taller row).
LINE_HEIGHT = 15.0  # points: one line of 11 pt Calibri, Excel's default row
MAX_ROW_HEIGHT = 409.0  # Excel's limit

# Printing: A4 landscape, narrow margins; fit to the page width only when the text would
# still print at 8 pt or more (11 pt at >= 80 %), else 80 % over several pages wide with
# the key columns repeated on each.
A4_LANDSCAPE_WIDTH = 842.0  # points
SIDE_MARGIN = 0.3  # inches
MIN_PRINT_SCALE = 80

# Row styles: fill colours of kelurahan not visited, subtotals and the total.
_STYLES: dict[str, dict[str, object]] = {
    "normal": {},
    "missing": {"bg_color": "#FCE4E4"},
    "subtotal": {"bold": True, "bg_color": "#EDEDED"},
    "total": {"bold": True, "bg_color": "#D9D9D9", "top": 1},
}


def column_points(width: float) -> float:
    """The printed width in points of a column `width` characters wide (Excel: 7 px per
    character of the default font plus 5 px padding, at 96 px per inch)."""
    return (7 * width + 5) * 0.75


def wrapped_lines(text: str, width: float, sized: bool = True) -> int:
    """How many lines `text` takes wrapped at word boundaries in a column `width` wide
    (`sized`: as wide as its longest text, rather than held at a limit)."""
    fits = max(int(width) - 1, 1) if sized else 0  # a column sized to its text holds it
    # Wrapped text takes more room than its length in digits: wider letters, the unused end
    # of each line. 0.85 matches what LibreOffice (Carlito) and Excel (Calibri) need.
    capacity = max(int((width - 1) * 0.85), 1)
    lines = 0
    for paragraph in text.splitlines() or [""]:
        if len(paragraph) <= fits:
            lines += 1
            continue
        count, used = 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size <= capacity:
                used += 1 + size
                continue
            if used:
                count += 1
            while size > capacity:  # a word longer than the column breaks anywhere
                count += 1
                size -= capacity
            used = size
        lines += count
    return lines


def row_height(lines: int) -> float:
    return min(max(lines, 1) * LINE_HEIGHT, MAX_ROW_HEIGHT)


def _header_text(text: str) -> str:
    """Text for a page header or footer: `&` starts a code there, `&&` is an ampersand."""
    return text.replace("&", "&&")


# The heading cells of every faskel workbook (reports and the template to fill).
HEADER_FORMAT = {
    "bold": True,
    "bg_color": "#1F4E79",
    "font_color": "#FFFFFF",
    "text_wrap": True,
    "valign": "top",
    "border": 1,
}


class _Formats:
    """Cell formats by (kind, row style), made once per workbook."""

    def __init__(self, workbook) -> None:
        self.workbook = workbook
        self.cache: dict = {}
        self.date_pattern = "dd/mm/yyyy" if get_lang() == "id" else "yyyy-mm-dd"
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.subtitle = workbook.add_format({"italic": True, "font_color": "#555555"})
        self.header = workbook.add_format(HEADER_FORMAT)

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
            else:  # text wraps inside its column: never cut, never over the next cell
                props["text_wrap"] = True
            self.cache[key] = self.workbook.add_format(props)
        return self.cache[key]


class _Sheet:
    """A worksheet that remembers how wide each column's content is and the text of each
    row, to size the columns, fit each row's height to its text and set up printing."""

    def __init__(self, workbook, name: str, formats: _Formats, columns: list[tuple[str, str]]):
        self.ws = workbook.add_worksheet(name)
        self.f = formats
        self.columns = columns  # (heading, kind)
        # Headings wrap: a column needs the room of its longest word, not of its heading.
        self.widths = [max(len(word) + 1 for word in h.split()) for h, _ in columns]
        self.texts: dict[int, list[tuple[int, str]]] = {}
        self.title = ""

    def _width(self, col: int, text: str) -> None:
        longest = max((len(part) for part in text.splitlines()), default=0)
        self.widths[col] = max(self.widths[col], longest)

    def titles(self, title: str, subtitle: str) -> None:
        self.title = title
        self.ws.write_string(0, 0, title, self.f.title)
        self.ws.write_string(1, 0, subtitle, self.f.subtitle)
        self.ws.set_row(0, 20)

    def headings(self) -> None:
        for col, (text, _) in enumerate(self.columns):
            self.ws.write_string(HEADER_ROW, col, text, self.f.header)

    def cell(self, row: int, col: int, item, style: str = "normal", measure: bool = True) -> None:
        """Write `item` as its column's kind: text is always a string (never a formula).
        A text written with `measure` False wraps to the column's width rather than widen it."""
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
            if measure:
                self._width(col, text)
            self.texts.setdefault(row, []).append((col, text))

    def formula(self, row: int, col: int, formula: str, cached, style: str) -> None:
        kind = self.columns[col][1]
        self.ws.write_formula(
            row, col, formula, self.f(kind, style), "" if cached is None else cached
        )

    def finish(self, last_row: int, freeze_cols: int = 0) -> None:
        """Freeze the headings (and key columns), filter the data rows HEADER_ROW..last_row
        (nothing else: sorting and filtering touch only them), size columns and rows, and
        set up printing."""
        self.ws.freeze_panes(FIRST_ROW, freeze_cols)
        self.ws.autofilter(HEADER_ROW, 0, max(last_row, HEADER_ROW), len(self.columns) - 1)
        widths, sized = [], []
        for col, (_, kind) in enumerate(self.columns):
            limit = 48 if kind == "wrap" else 36
            width = min(max(self.widths[col], 6), limit) + 1
            if kind == "id":  # hex digits and letters, all as wide as a digit: no slack
                width += 2
            widths.append(width)
            sized.append(self.widths[col] <= limit)
            self.ws.set_column(col, col, width)
        header_lines = max(
            wrapped_lines(text, width - 1)  # bold: a little wider than the body text
            for (text, _), width in zip(self.columns, widths, strict=True)
        )
        # One line more than the headings need: the filter button sits at the bottom.
        self.ws.set_row(HEADER_ROW, row_height(header_lines + 1))
        for row, cells in self.texts.items():
            lines = max(wrapped_lines(text, widths[col], sized[col]) for col, text in cells)
            if lines > 1:
                self.ws.set_row(row, row_height(lines))
        self._print(widths, freeze_cols)

    def _print(self, widths: list[int], freeze_cols: int) -> None:
        ws = self.ws
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_margins(left=SIDE_MARGIN, right=SIDE_MARGIN, top=0.75, bottom=0.75)
        ws.hide_gridlines(0)  # print the cell grid: a table reads better on paper with it
        ws.repeat_rows(HEADER_ROW)
        if freeze_cols:
            ws.repeat_columns(0, freeze_cols - 1)
        printable = A4_LANDSCAPE_WIDTH - 2 * SIDE_MARGIN * 72
        needed = sum(column_points(width) for width in widths)
        if needed * MIN_PRINT_SCALE / 100 <= printable:
            ws.fit_to_pages(1, 0)  # one page wide, at no less than MIN_PRINT_SCALE
        else:
            ws.set_print_scale(MIN_PRINT_SCALE)
            ws.print_across()  # page 2 holds the next columns of the same rows
        ws.set_header(f"&C&B{_header_text(self.title)}")
        # &P and &N: this page's number and the number of pages (codes the catalogue keeps).
        ws.set_footer(f"&L{_header_text(self.title)}&R{t('rep.page_of')}")


def new_workbook(buffer: io.BytesIO) -> Workbook:
    """An xlsxwriter Workbook written into `buffer`, in which a text is only ever text: a
    name that starts with `=`, a link or a number-like code (0812…) stays as typed."""
    import xlsxwriter

    return xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )


def render(data: ReportData) -> bytes:

    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    formats = _Formats(workbook)
    made = datetime.combine(data.generated, time())
    workbook.set_properties(
        {
            "title": f"{t('rep.title', area=data.scope)} {period_title(data.period.label)}",
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
    return t(
        "rep.sheet_title", sheet=sheet, area=data.scope, period=period_title(data.period.label)
    )


def _kind(field_kind: str) -> str:
    return {"sum": "count", "distinct": "count", "share": "share", "date": "date"}[field_kind]


def _summary_sheet(workbook, formats: _Formats, data: ReportData, subtitle: str) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell

    summary = data.summary
    columns = [
        (levels.group_heading(summary, "rep.col.kecamatan"), "text"),
        (heading("kode"), "text"),
        (levels.row_heading(summary, "rep.col.kelurahan"), "text"),
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

    def cell(row: int, col: int, both: bool = False, row_abs: bool = False) -> str:
        return xl_rowcol_to_cell(row, col, row_abs=both or row_abs, col_abs=both)

    # The kelurahan rows are the data table: the filter covers them and nothing else, so a
    # coordinator may sort and filter them at will. The subtotals and the total sit below,
    # after a blank row (where Excel's sort region ends), and add up the table by its
    # kecamatan column (SUMIF), which no sort or filter of the table can break.
    row = FIRST_ROW
    for _, members in groups(summary):
        for kel in members:
            style = "missing" if kel["kode"] in not_visited else "normal"
            sheet.cell(row, 0, kel["kecamatan"], style)
            sheet.cell(row, 1, kel["kode"], style)
            sheet.cell(row, 2, kel["nama"], style)
            for offset, (key, _) in enumerate(SUMMARY_FIELDS):
                sheet.cell(row, first_field + offset, value(kel, key), style)
            if levels.is_villages(summary):
                sheet.cell(row, visited_col, 0 if kel["kode"] in not_visited else 1, style)
                sheet.cell(row, total_col, None, style)
            else:  # a unit above the villages: its villages visited and their number
                sheet.cell(row, visited_col, kel["kelurahan_visited"], style)
                sheet.cell(row, total_col, kel["kelurahan_total"], style)
            row += 1
    top, bottom = FIRST_ROW, row - 1
    keys = f"{cell(top, 0, True)}:{cell(bottom, 0, True)}"
    row += 1
    subtotal_rows: list[int] = []
    for kec, _ in groups(summary):
        style = "subtotal"
        sheet.cell(row, 0, kec["nama"], style)
        sheet.cell(row, 1, kec["kode"], style)
        sheet.cell(row, 2, t("rep.subtotal_label"), style)
        name = xl_rowcol_to_cell(row, 0, col_abs=True)

        def over_members(col: int, name=name) -> str:
            if bottom < top:
                return "=0"
            column = f"{cell(top, col, row_abs=True)}:{cell(bottom, col, row_abs=True)}"
            return f"=SUMIF({keys},{name},{column})"

        _group_row(sheet, row, kec, style, first_field, over_members)
        sheet.formula(row, visited_col, over_members(visited_col), kec["kelurahan_visited"], style)
        sheet.formula(
            row,
            total_col,
            over_members(total_col)
            if not levels.is_villages(summary)
            else f"=COUNTIF({keys},{name})"
            if bottom >= top
            else "=0",
            kec["kelurahan_total"],
            style,
        )
        subtotal_rows.append(row)
        row += 1
    totals = summary["totals"]
    style = "total"
    sheet.cell(row, 0, data.scope, style)
    sheet.cell(row, 1, summary["area"]["kode"], style)
    sheet.cell(row, 2, t("rep.total_label"), style)

    def over_subtotals(col: int) -> str:
        if not subtotal_rows:
            return "=0"
        return "=" + "+".join(cell(r, col) for r in subtotal_rows)

    _group_row(sheet, row, totals, style, first_field, over_subtotals)
    sheet.formula(row, visited_col, over_subtotals(visited_col), totals["kelurahan_visited"], style)
    sheet.formula(row, total_col, over_subtotals(total_col), totals["kelurahan_total"], style)
    # The legend in the row between the period line and the headings: on the first page.
    legend = f"{t('rep.legend_not_visited')} {t('rep.legend_sort')}"
    sheet.ws.write_string(HEADER_ROW - 1, 0, legend, formats.subtitle)
    sheet.finish(bottom, freeze_cols=3)


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
        ("id", "id"),
        ("ref", "text"),
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
            elif key == "facilitator":
                item = data.name(item)
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
        ("id", "id"),
        ("ref", "text"),
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
        ("id", "id"),
        ("ref", "text"),
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
            "owner": data.name(item.get("owner")),
        }
        for col, (key, _) in enumerate(keys):
            sheet.cell(row, col, values.get(key), style)
        row += 1
    _empty_note(sheet, row, not data.followups)
    sheet.finish(row - 1, freeze_cols=2)


def _empty_note(sheet: _Sheet, row: int, empty: bool) -> None:
    if empty:
        sheet.ws.write_string(row + 1, 0, t("rep.none_in_period"), sheet.f.subtitle)
