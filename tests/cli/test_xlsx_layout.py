"""The workbook as coordinators use it: sorting and filtering cannot break the totals, rows
fit their text, printing reads at 8 pt or more with headings, title and page numbers, and
facilitators appear by name. (scripts/check-clients checks the same in LibreOffice.)"""

from __future__ import annotations

import random
import re

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, range_boundaries

from faskel_cli.core.dates import parse_week
from faskel_cli.core.db import connect
from faskel_cli.core.summary import build_summary
from faskel_cli.reports import xlsx

WEEK = "2026-W48"
LONG_NOTE = (
    "Rapat kader posyandu membahas jadwal penimbangan balita, pembagian tugas kader, "
    "pencatatan KMS dan rencana kunjungan rumah ibu hamil yang belum datang bulan ini; "
    "ketua RW meminta laporan tertulis sebelum akhir bulan."
)
LONG_PROBLEM = "Saluran air di RT 03 tersumbat sampah dan lumpur rob sejak dua minggu lalu"
LONG_ACTION = "Usulkan kerja bakti bersama LPM dan koordinasi dengan DPUPR untuk pengerukan"


@pytest.fixture
def book(seeded, tmp_path):
    seeded.ok(
        "visit", "add", "--date", "2026-11-24", "--kelurahan", "Medono", "--facilitator", "siti",
        "--kind", "pendampingan", "--strand", "kesadaran", "--lkk", "Posyandu Melati",
        "--male", "5", "--female", "7", "--notes", LONG_NOTE,
    )  # fmt: skip
    seeded.ok(
        "visit", "add", "--date", "2026-11-25", "--kelurahan", "Kauman", "--facilitator", "budi",
        "--kind", "pengawasan", "--strand", "pengawasan", "--male", "10", "--female", "3",
        "--problem", LONG_PROBLEM, "--followup", LONG_ACTION, "--due", "2026-11-27",
    )  # fmt: skip
    seeded.ok(
        "visit", "add", "--date", "2026-11-26", "--kelurahan", "Tirto", "--facilitator", "siti",
        "--kind", "bimbingan", "--strand", "pemetaan", "--male", "2", "--female", "9",
    )  # fmt: skip
    target = tmp_path / "lap.xlsx"
    seeded.ok("report", "--week", WEEK, "--output", str(target))
    return target


def summary_of(db_path):
    database = connect(db_path, write=False)
    try:
        return build_summary(database, parse_week(WEEK))
    finally:
        database.close()


# --- sorting and filtering ---------------------------------------------------------------


def _evaluate(sheet, formula: str) -> float:
    """The formulas the summary sheet uses: SUMIF, COUNTIF and sums of cells."""

    def values(ref: str) -> list:
        low_col, low_row, high_col, high_row = range_boundaries(ref.replace("$", ""))
        return [
            sheet.cell(r, c).value
            for r in range(low_row, high_row + 1)
            for c in range(low_col, high_col + 1)
        ]

    body = formula.lstrip("=")
    if match := re.fullmatch(r"SUMIF\(([^,]+),([^,]+),([^,]+)\)", body):
        keys, name, numbers = match.groups()
        wanted = values(name)[0]
        return sum(
            n or 0 for k, n in zip(values(keys), values(numbers), strict=True) if k == wanted
        )
    if match := re.fullmatch(r"COUNTIF\(([^,]+),([^,]+)\)", body):
        keys, name = match.groups()
        return sum(1 for k in values(keys) if k == values(name)[0])
    total = 0.0
    for ref in body.split("+"):
        item = sheet[ref.replace("$", "")].value
        total += _evaluate(sheet, item) if isinstance(item, str) else (item or 0)
    return total


def test_filter_covers_the_kelurahan_rows_only(book, db_path):
    summary = summary_of(db_path)
    sheet = openpyxl.load_workbook(book)["Ringkasan"]
    low_col, low_row, high_col, high_row = range_boundaries(sheet.auto_filter.ref)
    assert (low_col, low_row) == (1, 4)
    data = [r for r in range(5, high_row + 1)]
    assert len(data) == len(summary["kelurahan"])
    kodes = {k["kode"] for k in summary["kelurahan"]}
    assert {sheet.cell(r, 2).value for r in data} == kodes
    # Below the data: one blank row (where a sort region ends), then no formula that the
    # data's own rows hold; subtotals only reference the data and their own row.
    assert all(sheet.cell(high_row + 1, c).value is None for c in range(1, high_col + 1))
    for row in sheet.iter_rows(min_row=5, max_row=high_row):
        assert not any(isinstance(c.value, str) and c.value.startswith("=") for c in row)


def test_sorting_and_filtering_keep_the_totals(book, db_path):
    """Shuffle the kelurahan rows as a sort would (whole rows within the filter range),
    then evaluate every subtotal and total formula: the summary's numbers each time."""
    summary = summary_of(db_path)
    sheet = openpyxl.load_workbook(book)["Ringkasan"]
    _, _, high_col, high_row = range_boundaries(sheet.auto_filter.ref)
    by_kode = {sheet.cell(r, 2).value: r for r in range(high_row + 2, sheet.max_row + 1)}
    headings = [c.value for c in sheet[4]]
    visits_col = headings.index("Kunjungan") + 1
    male_col = headings.index("Peserta L") + 1
    visited_col = headings.index("Dikunjungi") + 1
    rows = [
        [sheet.cell(r, c).value for c in range(1, high_col + 1)] for r in range(5, high_row + 1)
    ]
    for order in ("descending", "shuffled", "ascending"):
        if order == "descending":
            rows.sort(key=lambda r: r[visits_col - 1], reverse=True)
        elif order == "shuffled":
            random.Random(48).shuffle(rows)
        else:
            rows.sort(key=lambda r: (r[0], r[2]))
        for offset, values in enumerate(rows):
            for col, item in enumerate(values, start=1):
                sheet.cell(5 + offset, col).value = item
        for kec in [*summary["kecamatan"], {"kode": summary["area"]["kode"], **summary["totals"]}]:
            line = by_kode[kec["kode"]]
            for col, key in ((visits_col, "visits"), (male_col, "male")):
                assert _evaluate(sheet, sheet.cell(line, col).value) == kec[key], (order, kec)
            assert _evaluate(sheet, sheet.cell(line, visited_col).value) == kec["kelurahan_visited"]
            total = sheet.cell(line, visited_col + 1).value
            assert _evaluate(sheet, total) == kec["kelurahan_total"]


def test_every_sheet_filters_its_data_rows_only(book):
    workbook = openpyxl.load_workbook(book)
    for name in ("Kunjungan", "Tindak Lanjut"):
        sheet = workbook[name]
        _, _, _, high_row = range_boundaries(sheet.auto_filter.ref)
        assert sheet.cell(high_row, 1).value is not None
        assert all(c.value is None for c in sheet[high_row + 1])


# --- rows fit their text --------------------------------------------------------------------


def _width(sheet, letter: str) -> float:
    """The width of a column (openpyxl keeps neighbours of one width as one range)."""
    index = column_index_from_string(letter)
    for dims in sheet.column_dimensions.values():
        if dims.min <= index <= dims.max:
            return dims.width
    raise AssertionError(letter)


def test_rows_are_as_tall_as_their_wrapped_text(book):
    workbook = openpyxl.load_workbook(book)
    visits = workbook["Kunjungan"]
    notes = next(r for r in visits.iter_rows(min_row=5) if r[10].value == LONG_NOTE)
    assert notes[10].alignment.wrap_text
    lines = xlsx.wrapped_lines(LONG_NOTE, _width(visits, "K"))
    assert lines >= 4
    assert visits.row_dimensions[notes[10].row].height == lines * xlsx.LINE_HEIGHT
    # A note that fits one line keeps the default height.
    short = next(r for r in visits.iter_rows(min_row=5) if r[2].value == "Tirto")
    assert visits.row_dimensions[short[0].row].height is None
    followups = workbook["Tindak Lanjut"]
    kauman = next(r for r in followups.iter_rows(min_row=5) if r[1].value == "Kauman")
    needed = max(
        xlsx.wrapped_lines(LONG_PROBLEM, _width(followups, "C")),
        xlsx.wrapped_lines(LONG_ACTION, _width(followups, "D")),
    )
    assert needed >= 2
    assert followups.row_dimensions[kauman[0].row].height == needed * xlsx.LINE_HEIGHT
    assert kauman[2].alignment.wrap_text and kauman[3].alignment.wrap_text
    # Headings wrap and their row holds them (and the filter button below them).
    for sheet in workbook:
        heads = [(c.value, c.column_letter) for c in sheet[4] if c.value]
        need = max(xlsx.wrapped_lines(text, _width(sheet, col) - 1) for text, col in heads)
        assert sheet.row_dimensions[4].height >= need * xlsx.LINE_HEIGHT
        assert all(c.alignment.wrap_text for c in sheet[4] if c.value)


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("", 10, 1),
        ("pendek", 10, 1),
        ("satu dua tiga", 10, 3),  # over 9: wrapped at 7 a line, "satu" / "dua" / "tiga"
        ("satu dua tiga empat", 10, 4),  # "satu" / "dua" / "tiga" / "empat"
        ("a" * 9, 10, 1),
        ("a" * 25, 10, 4),
        ("baris satu\nbaris dua", 40, 2),
        (LONG_NOTE, 48, 6),
    ],
)
def test_wrapped_lines(text, width, lines):
    assert xlsx.wrapped_lines(text, width) == lines


def test_a_column_held_at_its_limit_wraps_sooner():
    # Sized to its longest text, 9 characters hold on a line 10 wide; held at a limit
    # (longer texts in it), the same 9 are estimated as wrapped text.
    assert xlsx.wrapped_lines("a" * 9, 10) == 1
    assert xlsx.wrapped_lines("a" * 9, 10, sized=False) == 2


def test_row_height_is_capped():
    assert xlsx.row_height(1) == 15 and xlsx.row_height(3) == 45
    assert xlsx.row_height(1000) == xlsx.MAX_ROW_HEIGHT == 409


# --- printing -------------------------------------------------------------------------------


def test_printing_reads_at_8_points_with_headings_title_and_page_numbers(book):
    workbook = openpyxl.load_workbook(book)
    frozen = {"Ringkasan": "$A:$C", "Kunjungan": "$A:$A", "Kegiatan": "$A:$C"}
    frozen["Tindak Lanjut"] = "$A:$B"
    for sheet in workbook:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9
        assert sheet.print_title_rows == "$4:$4"
        assert sheet.print_title_cols == frozen[sheet.title]
        assert sheet.title in sheet.oddHeader.center.text
        assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
        assert "Halaman" in sheet.oddFooter.right.text
        assert sheet.print_options.gridLines
        widths = [
            _width(sheet, sheet.cell(4, col).column_letter)
            for col in range(1, sheet.max_column + 1)
        ]
        needed = sum(xlsx.column_points(w) for w in widths)
        printable = xlsx.A4_LANDSCAPE_WIDTH - 2 * xlsx.SIDE_MARGIN * 72
        if sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage:
            # One page wide only where that keeps 11 pt text at 8 pt or more.
            assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0  # 1 by default
            assert printable / needed * 11 >= 8
        else:
            assert setup.scale == xlsx.MIN_PRINT_SCALE and 11 * setup.scale / 100 >= 8
            assert setup.pageOrder == "overThenDown"
            assert needed * setup.scale / 100 > printable


def test_a_narrow_sheet_fits_the_page_width(cli, tmp_path):
    """An empty period: every sheet but Ringkasan is narrow enough for one page wide."""
    target = tmp_path / "empty.xlsx"
    cli.ok("init")
    cli.ok("report", "--week", "2026-W01", "-o", str(target))
    sheet = openpyxl.load_workbook(target)["Tindak Lanjut"]
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0


def test_page_header_text_escapes_ampersands():
    assert xlsx._header_text("Kota A & B") == "Kota A && B"


# --- names ---------------------------------------------------------------------------------


def test_facilitators_by_name(book):
    workbook = openpyxl.load_workbook(book)
    visits = workbook["Kunjungan"]
    heads = [c.value for c in visits[4]]
    names = {r[heads.index("Fasilitator")] for r in visits.iter_rows(min_row=5, values_only=True)}
    assert names == {"Siti Aminah", "Budi Santoso"}
    followups = workbook["Tindak Lanjut"]
    heads = [c.value for c in followups[4]]
    owners = [
        r[heads.index("Penanggung jawab")]
        for r in followups.iter_rows(min_row=5, values_only=True)
        if r[0]
    ]
    assert owners == ["Budi Santoso"]


def test_a_handle_without_a_name_stays_a_handle():
    from datetime import date

    from faskel_cli.reports import ReportData

    data = ReportData(summary={}, period=parse_week(WEEK), scope="x", generated=date(2026, 11, 28))
    data.names = {"budi": "Budi Santoso"}
    assert data.name("budi") == "Budi Santoso"
    assert data.name("lain") == "lain" and data.name(None) is None
