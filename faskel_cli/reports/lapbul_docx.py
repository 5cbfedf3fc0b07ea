"""The monthly report as a .docx (for an office that edits before signing): the same
blocks as the PDF, A4 portrait, tables with a header row repeated on every page, photos two
across. python-docx is imported here."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from faskel_cli.reports.lapbul import Block

if TYPE_CHECKING:
    from docx.document import Document

FONT = "DejaVu Sans"  # the PDF's; Word and LibreOffice fall back to a sans face without it


def _cell_text(cell: Any, text: str, *, bold: bool = False, size: float = 7.6, align=None) -> None:
    from docx.shared import Pt

    cell.text = ""
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _keep_rows_whole(row: Any) -> None:
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _narrow_margins(table: Any, twips: int = 57) -> None:
    """Cell margins of 1 mm (Word's default is 1.9 mm): a date fits its column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(twips))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)


def _shade(cell: Any, colour: str = "E2E8F0") -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(doc: Document, block: Block, width_mm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    aligns = {"L": None, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}
    table = doc.add_table(rows=1, cols=len(block.header))
    table.style = "Table Grid"
    table.autofit = False
    _narrow_margins(table)
    widths = [Mm(width_mm * share / sum(block.widths)) for share in block.widths]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice reads
    for cell, text, width in zip(table.rows[0].cells, block.header, widths, strict=True):
        _cell_text(cell, text, bold=True)
        _shade(cell)
        cell.width = width
    _repeat_header(table.rows[0])
    for cells in block.rows:
        row = table.add_row()
        _keep_rows_whole(row)
        for n, (cell, text) in enumerate(zip(row.cells, cells, strict=True)):
            align = aligns[block.align[n]] if block.align else None
            _cell_text(cell, text, align=align)
            cell.width = widths[n]
    doc.add_paragraph()


def _fields(doc: Document, block: Block, width_mm: float) -> None:
    from docx.shared import Mm

    table = doc.add_table(rows=0, cols=2)
    table.autofit = False
    table.columns[0].width, table.columns[1].width = Mm(48), Mm(width_mm - 48)
    for label, value in block.rows:
        cells = table.add_row().cells
        _cell_text(cells[0], label, bold=True, size=9.5)
        _cell_text(cells[1], value, size=9.5)
        cells[0].width, cells[1].width = Mm(48), Mm(width_mm - 48)


def _photos(doc: Document, block: Block, width_mm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    half = (width_mm - 6) / 2
    table = doc.add_table(rows=0, cols=2)
    table.columns[0].width = table.columns[1].width = Mm(half + 3)
    cells: list = []
    for index, (picture, caption) in enumerate(block.photos):
        if index % 2 == 0:
            cells = table.add_row().cells
        cell = cells[index % 2]
        cell.width = Mm(half)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if picture:
            from PIL import Image

            width, height = Image.open(io.BytesIO(picture)).size
            size = {"height": Mm(62)} if height * half > width * 62 else {"width": Mm(half)}
            paragraph.add_run().add_picture(io.BytesIO(picture), **size)
        text = cell.add_paragraph()
        text.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = text.add_run(caption)
        run.font.size = Pt(7.5)


def _signatures(doc: Document, block: Block, width_mm: float) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    table.columns[0].width = table.columns[1].width = Mm(width_mm / 2)
    for cell, lines in zip(table.rows[0].cells, block.rows, strict=True):
        cell.width = Mm(width_mm / 2)
        cell.text = ""
        for n, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if n == 2:
                paragraph.paragraph_format.space_before = Pt(36)
                continue
            run = paragraph.add_run(line)
            run.font.size = Pt(9.5)
            if n == 3:
                run.bold = run.underline = True


def render(blocks: list[Block], footer_text: str) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    doc = docx.Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(18)
    section.top_margin = section.bottom_margin = Mm(16)
    width_mm = 210 - 36
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9.5)
    footer = section.footer.paragraphs[0]
    footer.text = footer_text
    footer.runs[0].font.size = Pt(7)
    doc.core_properties.author = "faskel"
    doc.core_properties.language = "id-ID"
    for block in blocks:
        if block.kind == "title":
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(block.text)
            run.bold, run.font.size = True, Pt(15)
        elif block.kind == "subtitle":
            paragraph = doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(block.text).bold = True
        elif block.kind == "heading":
            doc.add_heading(block.text, level=2)
        elif block.kind == "subheading":
            paragraph = doc.add_paragraph()
            paragraph.add_run(block.text).bold = True
            paragraph.paragraph_format.keep_with_next = True  # as Word's headings are
        elif block.kind == "items":
            for (item,) in block.rows:
                doc.add_paragraph(item, style="List Bullet")
        elif block.kind == "text":
            doc.add_paragraph(block.text)
        elif block.kind == "fields":
            _fields(doc, block, width_mm)
        elif block.kind == "table":
            _table(doc, block, width_mm)
        elif block.kind == "photos":
            _photos(doc, block, width_mm)
        elif block.kind == "signatures":
            _signatures(doc, block, width_mm)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
