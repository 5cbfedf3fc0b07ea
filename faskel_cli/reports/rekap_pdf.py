"""The recap as a PDF (fpdf2): A4 landscape, DejaVu Sans embedded (faskel_cli/fonts/), the
facilitator table then the kelurahan table, each with its total row and its headings
repeated on every page it runs over; page numbers in the footer.

fpdf2 is imported here only (a recap is the only thing that needs it at that moment)."""

from __future__ import annotations

from pathlib import Path

from faskel_cli.messages import t
from faskel_cli.reports.rekap import (
    FACILITATOR_COLUMNS,
    KELURAHAN_COLUMNS,
    Rekap,
    cell_text,
)

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FAMILY = "DejaVu"
HEADING_FILL = (31, 78, 121)  # the workbook's heading colour (reports/xlsx.py)
TOTAL_FILL = (217, 217, 217)
BODY_SIZE = 8
HEADING_SIZE = 7
PADDING = 1.0  # mm around the text of a cell
TEXT_LIMIT = 70.0  # mm: a text column wider than this wraps


def render(rekap: Rekap) -> bytes:
    from fpdf import FPDF

    class Document(FPDF):
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(FAMILY, size=7)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, rekap.title, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 5, t("rep.rekap.page", page=self.page_no()), align="R")

    pdf = Document(orientation="landscape", format="A4")
    pdf.set_title(rekap.title)
    pdf.set_author("faskel")
    pdf.set_creator("faskel")
    pdf.set_creation_date(_moment(rekap))
    pdf.add_font(FAMILY, "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font(FAMILY, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(12, 12, 12)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    pdf.set_font(FAMILY, "B", 14)
    pdf.multi_cell(0, 7, rekap.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FAMILY, size=9)
    pdf.set_text_color(85, 85, 85)
    pdf.multi_cell(0, 5, rekap.subtitle(), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    _section(pdf, t("rep.rekap.facilitators"))
    _table(pdf, FACILITATOR_COLUMNS, rekap.facilitator_rows(), rekap.facilitator_total())
    _section(pdf, t("rep.rekap.kelurahan", villages=rekap.villages))
    _table(pdf, KELURAHAN_COLUMNS, rekap.kelurahan_rows(), rekap.kelurahan_total())
    pdf.ln(3)
    pdf.set_font(FAMILY, size=7)
    pdf.set_text_color(85, 85, 85)
    pdf.multi_cell(
        0, 4, t("rep.rekap.legend", villages=rekap.villages), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())


def _moment(rekap: Rekap):
    """The creation date of the document: the day it was made, at midnight WIB (stable,
    so the same recap made twice the same day is the same file)."""
    from datetime import datetime, time

    from faskel_cli.core.clock import WIB

    return datetime.combine(rekap.generated, time(), tzinfo=WIB)


def _section(pdf, heading: str) -> None:
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")


def _widths(pdf, columns, cells: list[list[str]]) -> list[float]:
    """Each column as wide as its longest heading word (headings wrap between words, never
    inside one) and its widest value (a text column up to TEXT_LIMIT); the room left on
    the page goes to the text columns, and a table too wide shrinks them first."""
    pdf.set_font(FAMILY, "B", HEADING_SIZE)
    needs = [
        max(pdf.get_string_width(word) for word in t(heading).split()) for _, heading, _ in columns
    ]
    pdf.set_font(FAMILY, "B", BODY_SIZE)  # the total row is bold: the widest of each value
    for row in cells:
        for col, text in enumerate(row):
            needs[col] = max(needs[col], pdf.get_string_width(text))
    widths = [need + 2 * PADDING + 1 for need in needs]
    text_cols = [col for col, (_, _, kind) in enumerate(columns) if kind == "text"]
    for col in text_cols:
        widths[col] = min(widths[col], TEXT_LIMIT)
    room = pdf.epw - sum(widths)
    texts = sum(widths[col] for col in text_cols)
    for col in text_cols:
        widths[col] += room * widths[col] / texts if texts else 0
    return widths


def _table(pdf, columns, rows: list[dict], total: dict) -> None:
    from fpdf.fonts import FontFace

    cells = [[cell_text(item.get(key), kind) for key, _, kind in columns] for item in rows]
    last = [cell_text(total.get(key), kind) for key, _, kind in columns]
    widths = _widths(pdf, columns, [*cells, last])
    pdf.set_font(FAMILY, size=BODY_SIZE)
    heading = FontFace(
        emphasis="BOLD", size_pt=HEADING_SIZE, color=(255, 255, 255), fill_color=HEADING_FILL
    )
    bold = FontFace(emphasis="BOLD", fill_color=TOTAL_FILL)
    align = tuple("LEFT" if kind == "text" else "RIGHT" for _, _, kind in columns)
    with pdf.table(
        width=sum(widths),
        col_widths=widths,
        text_align=align,
        headings_style=heading,
        line_height=1.25 * BODY_SIZE * 0.3528,  # 1.25 lines of the body size, in mm
        padding=PADDING,
    ) as table:
        head = table.row()
        for _, key, _ in columns:
            head.cell(t(key))
        for row in cells:
            table.row(row)
        total_row = table.row()
        for text in last:
            total_row.cell(text, style=bold)  # per cell: Row(style=) came in fpdf2 2.8
