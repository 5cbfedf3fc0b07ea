"""The monthly report as a PDF: A4 portrait, DejaVu Sans embedded (subset), photos two
across and three down, the signature blocks kept on one page. fpdf2 is imported here."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faskel_cli.messages import t
from faskel_cli.reports.lapbul import PHOTOS_PER_PAGE, Block

if TYPE_CHECKING:
    from fpdf import FPDF

FONTS = Path(__file__).resolve().parents[1] / "fonts"
FAMILY = "DejaVu"
MARGIN = 18.0  # mm, left and right
TOP = 16.0
BOTTOM = 16.0
TEXT = 9.5  # pt
SMALL = 7.6
LINE = 4.6  # mm per line of body text
INK = (25, 25, 25)
HEAD_FILL = (226, 232, 240)


def font_files() -> tuple[Path, Path]:
    """DejaVu Sans and its bold, shipped with faskel (faskel_cli/fonts/)."""
    return FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"


def _document(footer_text: str) -> FPDF:
    from fpdf import FPDF

    class Lapbul(FPDF):
        def footer(self) -> None:
            self.set_y(-11)
            self.set_font(FAMILY, "", 7)
            self.set_text_color(110, 110, 110)
            self.cell(0, 4, footer_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, t("rep.lapbul.page", n=self.page_no()), align="R")
            self.set_text_color(*INK)

    pdf = Lapbul(orientation="P", unit="mm", format="A4")
    regular, bold = font_files()
    pdf.add_font(FAMILY, "", str(regular))
    pdf.add_font(FAMILY, "B", str(bold))
    pdf.set_margins(MARGIN, TOP, MARGIN)
    pdf.set_auto_page_break(True, margin=BOTTOM + 4)
    pdf.set_text_color(*INK)
    pdf.set_creator("faskel")
    pdf.set_lang("id")
    pdf.add_page()
    return pdf


def _room(pdf: FPDF, needed: float) -> None:
    """A new page unless `needed` mm are left on this one."""
    if pdf.get_y() + needed > pdf.h - pdf.b_margin:
        pdf.add_page()


def _title(pdf: FPDF, block: Block) -> None:
    pdf.set_font(FAMILY, "B", 15)
    pdf.cell(0, 8, block.text, align="C", new_x="LMARGIN", new_y="NEXT")


def _subtitle(pdf: FPDF, block: Block) -> None:
    pdf.set_font(FAMILY, "B", 10.5)
    pdf.multi_cell(0, 5.4, block.text, align="C", new_x="LMARGIN", new_y="NEXT")


# What a block's first part takes (mm): a heading is kept on the page of what follows it.
PHOTO_BOX = 66.0
PHOTO_CAPTION = 13.0
PHOTO_ROW = PHOTO_BOX + PHOTO_CAPTION + 3
SIGNATURES = 58.0
HEADING = 12.3  # the space above, the line and the rule under it
SUBHEADING = 1.2 + LINE


def _first_part(block: Block | None) -> float:
    if block is None:
        return 0.0
    return {"photos": PHOTO_ROW, "signatures": SIGNATURES, "table": 12.0}.get(block.kind, 2 * LINE)


def _heading(pdf: FPDF, block: Block) -> None:
    pdf.ln(4)
    pdf.set_font(FAMILY, "B", 11)
    pdf.cell(0, 6.5, block.text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(120, 120, 120)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(1.8)


def _subheading(pdf: FPDF, block: Block) -> None:
    pdf.ln(1.2)
    pdf.set_font(FAMILY, "B", TEXT)
    pdf.multi_cell(0, LINE, block.text, new_x="LMARGIN", new_y="NEXT")


def _fields(pdf: FPDF, block: Block) -> None:
    if block is not None and pdf.page_no() == 1 and pdf.get_y() < 60:
        pdf.ln(4)
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for label, value in block.rows:
        pdf.set_font(FAMILY, "B", TEXT)
        pdf.cell(48, LINE + 0.6, label)
        pdf.set_font(FAMILY, "", TEXT)
        pdf.cell(4, LINE + 0.6, ":")
        pdf.multi_cell(width - 52, LINE + 0.6, value, align="L", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: FPDF, block: Block) -> None:
    from fpdf.fonts import FontFace

    pdf.set_font(FAMILY, "", SMALL)
    pdf.set_draw_color(150, 150, 150)
    align: Any = tuple(block.align) if block.align else "LEFT"
    with pdf.table(
        col_widths=tuple(block.widths),
        text_align=align,
        line_height=3.9,
        padding=1.1,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        repeat_headings=1,
        first_row_as_headings=True,
    ) as table:
        table.row(block.header)
        for cells in block.rows:
            table.row(cells)
    pdf.ln(1)


def _items(pdf: FPDF, block: Block) -> None:
    pdf.set_font(FAMILY, "", TEXT)
    for (item,) in block.rows:
        pdf.set_x(pdf.l_margin + 3)
        pdf.cell(4, LINE, "•")
        pdf.multi_cell(0, LINE, item, align="L", new_x="LMARGIN", new_y="NEXT")


def _text(pdf: FPDF, block: Block) -> None:
    pdf.set_font(FAMILY, "", TEXT)
    pdf.multi_cell(0, LINE, block.text, align="L", new_x="LMARGIN", new_y="NEXT")


def _photos(pdf: FPDF, block: Block) -> None:
    """Two across, three down (PHOTOS_PER_PAGE), each fitted in its box with its caption."""
    gap = 6.0
    width = (pdf.w - pdf.l_margin - pdf.r_margin - gap) / 2
    box_h, row_h = PHOTO_BOX, PHOTO_ROW
    top = pdf.get_y()
    for index, (picture, caption) in enumerate(block.photos):
        column = index % 2
        if column == 0:
            _room(pdf, row_h)
            top = pdf.get_y()
        x = pdf.l_margin + column * (width + gap)
        if picture:
            pdf.image(io.BytesIO(picture), x=x, y=top, w=width, h=box_h, keep_aspect_ratio=True)
        pdf.set_draw_color(200, 200, 200)
        pdf.rect(x, top, width, box_h)
        pdf.set_xy(x, top + box_h + 1)
        pdf.set_font(FAMILY, "", 7.2)
        pdf.multi_cell(width, 3.3, caption, align="C", max_line_height=3.3)
        if column == 1 or index == len(block.photos) - 1:
            pdf.set_xy(pdf.l_margin, top + row_h)
    assert PHOTOS_PER_PAGE == 6  # three rows of row_h fit a page


def _signatures(pdf: FPDF, block: Block) -> None:
    left, right = block.rows
    _room(pdf, SIGNATURES)
    pdf.ln(8)
    top = pdf.get_y()
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    for column, lines in enumerate((left, right)):
        x = pdf.l_margin + column * half
        pdf.set_xy(x, top)
        for n, line in enumerate(lines):
            bold = n == 3 and bool(line)
            pdf.set_font(FAMILY, "B" if bold else "", TEXT)
            if n == 2:  # the space to sign in
                pdf.set_xy(x, pdf.get_y() + 18)
                continue
            pdf.set_x(x)
            pdf.multi_cell(half - 4, LINE + 0.4, line or " ", align="C", new_x="LEFT", new_y="NEXT")
            if bold:
                name_w = min(pdf.get_string_width(line), half - 4)
                start = x + (half - 4 - name_w) / 2
                pdf.line(start, pdf.get_y() - 0.6, start + name_w, pdf.get_y() - 0.6)


LAYOUT = {
    "title": _title,
    "subtitle": _subtitle,
    "heading": _heading,
    "subheading": _subheading,
    "fields": _fields,
    "table": _table,
    "items": _items,
    "text": _text,
    "photos": _photos,
    "signatures": _signatures,
}


def render(blocks: list[Block], footer_text: str) -> tuple[bytes, int]:
    """(the PDF's bytes, its number of pages)."""
    pdf = _document(footer_text)
    for index, block in enumerate(blocks):
        if block.kind in ("heading", "subheading"):
            # Never the last line of a page: a new page unless what follows starts here too.
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            own = HEADING if block.kind == "heading" else SUBHEADING
            _room(pdf, own + _first_part(following))
        LAYOUT[block.kind](pdf, block)
    return bytes(pdf.output()), pdf.page_no()
