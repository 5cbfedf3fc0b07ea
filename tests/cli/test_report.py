"""`faskel report`: every format read back and checked against build_summary; output paths,
refusals and a failed write that keeps the old file."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest

from faskel_cli.core.dates import parse_week
from faskel_cli.core.db import connect
from faskel_cli.core.summary import build_summary
from faskel_cli.core.visits import ProblemInput
from tests.helpers import (
    Cli,
    add_activity,
    add_followup,
    add_visit,
    build_template,
    copy_db,
    seed,
)

WEEK = "2026-W48"  # 2026-11-23 .. 2026-11-29; conftest freezes today at 2026-11-28
SCRIPT = "<script>alert('x')</script>"
SHEETS = ["Ringkasan", "Kunjungan", "Kegiatan", "Tindak Lanjut"]


def _reported(db) -> None:
    """Visits, an activity and follow-ups of week 48 (and one of week 47), with typed text
    that looks like formulas and markup."""
    seed(db)
    add_visit(
        db, day="2026-11-24", lkk=["Posyandu Melati"], male=5, female=7, duration=90,
        notes=f"{SCRIPT} & =HYPERLINK(\"http://x\")",
    )  # fmt: skip
    add_visit(
        db, day="2026-11-25", kind="bimbingan", strand="pemetaan", lkk=["PKK Medono"],
        male=3, female=4, notes="=1+2",
    )  # fmt: skip
    add_visit(
        db, day="2026-11-26", kelurahan="Kauman", who="budi", kind="pengawasan",
        strand="pengawasan", male=10,
        problems=[ProblemInput("-Drainase tersumbat", "+Kerja bakti", "2026-11-27")],
    )  # fmt: skip
    add_visit(db, day="2026-11-17", kelurahan="Tirto", male=1, female=1)
    add_activity(
        db, "2026-11-24", title="=SUM(A1:A9)", start="2026-11-02", budget="25jt",
        funding="@Dana Kelurahan",
    )  # fmt: skip
    add_followup(
        db, kelurahan="Tirto", problem=f"<b>Rapat</b> {SCRIPT}", action="Undang RW",
        on="2026-11-17", due="2026-12-05",
    )  # fmt: skip


@pytest.fixture(scope="session")
def report_template(templates) -> Path:
    path = templates / "reported.db"
    build_template(path, _reported)
    return path


@pytest.fixture
def reported(report_template, db_path) -> Cli:
    return Cli(copy_db(report_template, db_path))


def summary_of(db_path: Path, week: str = WEEK, kecamatan: str | None = None) -> dict:
    database = connect(db_path, write=False)
    try:
        return build_summary(database, parse_week(week), kecamatan_kode=kecamatan)
    finally:
        database.close()


def write(cli, tmp_path: Path, fmt: str, *extra: str) -> Path:
    target = tmp_path / f"out.{fmt}"
    result = cli.ok("report", "--week", WEEK, "--format", fmt, "--output", str(target), *extra)
    assert result.stdout.strip().endswith(str(target))
    assert len(result.stdout.strip().splitlines()) == 1
    return target


# --- xlsx -------------------------------------------------------------------------------------


def test_xlsx_sheets_numbers_types(reported, tmp_path, db_path):
    target = write(reported, tmp_path, "xlsx")
    summary = summary_of(db_path)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == SHEETS
    sheet = book["Ringkasan"]
    assert "Kota Pekalongan" in sheet["A1"].value and WEEK in sheet["A1"].value
    assert sheet.freeze_panes == "D5"
    assert sheet.auto_filter.ref.startswith("A4:")
    headings = [c.value for c in sheet[4]]
    assert headings[:4] == ["Kecamatan", "Kode", "Kelurahan", "Kunjungan"]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=5) if row[1].value}
    # One row per kelurahan of the area, each matching build_summary.
    for kel in summary["kelurahan"]:
        row = rows[kel["kode"]]
        assert row[2].value == kel["nama"]
        assert row[3].value == kel["visits"] and isinstance(row[3].value, int)
        assert row[4].value == kel["facilitators"]
        assert row[5].value == kel["lkk_reached"]
        assert (row[6].value, row[7].value) == (kel["male"], kel["female"])
        assert row[8].value == kel["female_share"]
        assert [c.value for c in row[9:13]] == list(kel["activities"].values())
        if kel["last_visit"]:
            assert row[18].value == datetime.fromisoformat(kel["last_visit"])
            assert row[18].is_date and row[18].number_format == "dd/mm/yyyy"
        else:
            assert row[18].value is None
    medono = rows["33.75.01.1002"]
    assert [c.value for c in medono[3:9]] == [2, 1, 2, 8, 11, 0.579]
    assert medono[8].number_format == "0.0%"
    assert medono[10].value == 1  # the activity is in pelaksanaan as of the end
    # Not visited rows stand out (a fill), visited ones do not.
    assert rows["33.75.01.1006"][2].fill.fgColor.rgb.endswith("FCE4E4")
    assert medono[2].fill.fgColor.rgb in (None, "00000000")


def test_xlsx_subtotals_are_formulas_with_the_summary_values(reported, tmp_path, db_path):
    target = write(reported, tmp_path, "xlsx")
    summary = summary_of(db_path)
    formulas = openpyxl.load_workbook(target)["Ringkasan"]
    cached = openpyxl.load_workbook(target, data_only=True)["Ringkasan"]
    by_kode = {row[1].value: row[0].row for row in formulas.iter_rows(min_row=5) if row[1].value}
    for kec in summary["kecamatan"]:
        line = by_kode[kec["kode"]]
        members = [
            by_kode[k["kode"]] for k in summary["kelurahan"] if k["kecamatan_kode"] == kec["kode"]
        ]
        visits = formulas.cell(line, 4).value
        # Below the kelurahan rows, adding them up by kecamatan: safe to sort (tests/cli/
        # test_xlsx_layout.py).
        first, last = min(by_kode[k["kode"]] for k in summary["kelurahan"]), max(members)
        assert line > last and visits.startswith(f"=SUMIF($A${first}:$A$")
        assert cached.cell(line, 4).value == kec["visits"]
        # The cached value is what the formula gives: the sum of the kelurahan rows.
        assert kec["visits"] == sum(cached.cell(r, 4).value for r in members)
        assert cached.cell(line, 7).value == kec["male"]
        assert cached.cell(line, 17).value == kec["followups_open"]
        # Distinct counts are the summary's own numbers, never a formula.
        assert formulas.cell(line, 5).value == kec["facilitators"]
        assert formulas.cell(line, 6).value == kec["lkk_reached"]
        assert formulas.cell(line, 9).value.startswith("=IF(")
        assert cached.cell(line, 9).value in (kec["female_share"], "")
        assert cached.cell(line, 20).value == kec["kelurahan_visited"]
        assert cached.cell(line, 21).value == kec["kelurahan_total"]
    total = by_kode[summary["area"]["kode"]]
    subtotals = [by_kode[k["kode"]] for k in summary["kecamatan"]]
    assert formulas.cell(total, 4).value == "=" + "+".join(f"D{r}" for r in subtotals)
    totals = summary["totals"]
    assert cached.cell(total, 4).value == totals["visits"] == 3
    assert cached.cell(total, 5).value == totals["facilitators"] == 2
    assert cached.cell(total, 20).value == totals["kelurahan_visited"] == 2
    assert cached.cell(total, 21).value == totals["kelurahan_total"] == 27
    assert cached.cell(total, 18).value == totals["followups_overdue"] == 1


def test_xlsx_detail_sheets(reported, tmp_path):
    target = write(reported, tmp_path, "xlsx")
    book = openpyxl.load_workbook(target)
    visits = book["Kunjungan"]
    assert visits.freeze_panes == "B5"
    rows = list(visits.iter_rows(min_row=5, values_only=False))
    assert len(rows) == 3  # week 48 only, oldest first
    assert [r[0].value for r in rows] == [
        datetime(2026, 11, 24),
        datetime(2026, 11, 25),
        datetime(2026, 11, 26),
    ]
    assert all(r[0].is_date for r in rows)
    notes = {r[10].value: r[10] for r in rows if r[10].value}
    # Typed text that looks like a formula is a string cell, never a formula.
    assert notes["=1+2"].data_type == "s"
    assert notes[f'{SCRIPT} & =HYPERLINK("http://x")'].data_type == "s"
    assert (rows[0][7].value, rows[0][8].value, rows[0][9].value) == (5, 7, 90)

    activities = book["Kegiatan"]
    row = next(activities.iter_rows(min_row=5))
    assert row[2].value == "=SUM(A1:A9)" and row[2].data_type == "s"
    assert row[4].value == "@Dana Kelurahan" and row[4].data_type == "s"
    assert row[5].value == 25_000_000 and row[5].number_format == '"Rp" #,##0'
    assert row[7].value == "Pelaksanaan"
    assert row[8].value == datetime(2026, 11, 24)
    assert row[9].value == datetime(2026, 11, 2) and row[10].value == datetime(2026, 11, 24)

    followups = book["Tindak Lanjut"]
    rows = [r for r in followups.iter_rows(min_row=5) if r[0].value]
    assert len(rows) == 2  # open as of the end of the week
    by_kelurahan = {r[1].value: r for r in rows}
    kauman = by_kelurahan["Kauman"]
    assert kauman[2].value == "-Drainase tersumbat" and kauman[2].data_type == "s"
    assert kauman[3].value == "+Kerja bakti" and kauman[3].data_type == "s"
    assert kauman[5].value == datetime(2026, 11, 27)
    assert kauman[7].value == "Ya" and kauman[8].value == 2
    assert by_kelurahan["Tirto"][7].value == "Tidak"


def test_xlsx_headings_translate_sheet_names_do_not(reported, tmp_path):
    target = tmp_path / "en.xlsx"
    reported.ok("--lang", "en", "report", "--week", WEEK, "-o", str(target))
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == SHEETS
    assert [c.value for c in book["Ringkasan"][4]][3] == "Visits"
    assert book["Kegiatan"]["H5"].value == "Implementation"


def test_xlsx_of_a_kecamatan(reported, tmp_path, db_path):
    out = tmp_path / "{area}-{start}-{end}.xlsx"
    reported.ok(
        "report", "--week", WEEK, "--kecamatan", "Pekalongan Timur", "-o", str(out), "--quiet"
    )
    target = tmp_path / "pekalongan-timur-2026-11-23-2026-11-29.xlsx"
    cached = openpyxl.load_workbook(target, data_only=True)
    kodes = [r[1].value for r in cached["Ringkasan"].iter_rows(min_row=5) if r[1].value]
    assert all(k.startswith("33.75.02") or k == "33.75" for k in kodes)
    assert [r[2] for r in cached["Kunjungan"].iter_rows(min_row=5, values_only=True)] == ["Kauman"]
    assert [r[1] for r in cached["Tindak Lanjut"].iter_rows(min_row=5, values_only=True)] == [
        "Kauman"
    ]


def test_xlsx_of_an_empty_period(cli, tmp_path):
    cli.ok("init")
    target = tmp_path / "empty.xlsx"
    cli.ok("report", "--week", "2026-W01", "-o", str(target))
    book = openpyxl.load_workbook(target, data_only=True)
    assert book.sheetnames == SHEETS
    sheet = book["Ringkasan"]
    total = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1] == "33.75"][0]
    assert total[3] == 0 and total[19] == 0 and total[20] == 27


# --- html -------------------------------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.meta: dict[str, str] = {}
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "meta":
            found = dict(attrs)
            if "name" in found:
                self.meta[found["name"]] = found.get("content", "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def test_html_self_contained_escaped_with_charts(reported, tmp_path, db_path):
    target = write(reported, tmp_path, "html")
    source = target.read_text(encoding="utf-8")
    page = Page()
    page.feed(source)
    text = "".join(page.text)
    # Typed markup shows as text, never as markup.
    assert "script" not in page.tags
    assert "<b>Rapat</b>" in text and SCRIPT in text
    assert "&lt;script&gt;" in source
    # Self-contained: no JavaScript, nothing fetched.
    assert not {"script", "link", "img", "iframe", "object"} & set(page.tags)
    assert not [v for k, v in page.attrs if k in ("src", "href") or k.startswith("on")]
    assert "http" not in source.replace('xmlns="http://www.w3.org/2000/svg"', "")
    # Phones and A4.
    assert page.meta["viewport"].startswith("width=device-width")
    assert "@media print" in page.style and "A4" in page.style
    # The charts: visits per kelurahan, the 8-week trend, activities by stage (bars in
    # HTML and CSS, the trend in SVG: tests/cli/test_html_layout.py).
    assert page.tags.count("svg") == 1
    classes = [v for k, v in page.attrs if k == "class" and v and v.startswith("chart")]
    assert classes == ["chart hbars", "chart columns", "chart stacked"]
    summary = summary_of(db_path)
    assert "2 dari 27 kelurahan dikunjungi (7%)" in text
    for kel in summary["kelurahan"]:
        assert kel["nama"] in text
    assert "2026-W41" in text and WEEK in text  # the trend's first and last weeks
    assert "Tindak lanjut terbuka per 29/11/2026 (2)" in text
    assert "Drainase tersumbat" in text


def test_html_trend_numbers_come_from_build_trend(reported, tmp_path, db_path):
    from faskel_cli.core.trend import build_trend

    target = write(reported, tmp_path, "html")
    database = connect(db_path, write=False)
    trend = build_trend(database, parse_week(WEEK).end, weeks=8)
    database.close()
    source = target.read_text(encoding="utf-8")
    chart = source[source.index('class="chart columns"') :]
    chart = chart[: chart.index("</svg>")]
    for week, count in zip(trend["weeks"], trend["totals"]["visits"], strict=True):
        assert f"<title>{week['label']}: {count}</title>" in chart or (
            count == 0 and f">{week['label']}</text>" in chart
        )


# --- csv, json, md, text --------------------------------------------------------------------


def test_csv_bom_comma_one_row_per_kelurahan(reported, tmp_path, db_path):
    target = write(reported, tmp_path, "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    summary = summary_of(db_path)
    assert len(rows) == len(summary["kelurahan"]) == 27
    medono = next(r for r in rows if r["kode"] == "33.75.01.1002")
    assert medono["visits"] == "2" and medono["female"] == "11"
    assert medono["activities_pelaksanaan"] == "1"


def test_json_is_exactly_build_summary(reported, tmp_path, db_path):
    target = write(reported, tmp_path, "json")
    assert json.loads(target.read_text(encoding="utf-8")) == summary_of(db_path)
    result = reported.ok("report", "--week", WEEK, "--format", "json", "--output", "-")
    assert json.loads(result.stdout) == summary_of(db_path)


def test_md_is_the_summary_markdown(reported, tmp_path):
    target = write(reported, tmp_path, "md")
    text = target.read_text(encoding="utf-8")
    assert text == reported.ok("summary", "--week", WEEK, "--format", "md").stdout
    assert "| Medono | 2 |" in text


def test_text_for_whatsapp(reported):
    result = reported.ok("report", "--week", WEEK, "--format", "text")
    text = result.stdout
    lines = text.splitlines()
    assert lines[0] == "*Laporan Faskel Kota Pekalongan*"
    assert "*2 dari 27 kelurahan dikunjungi (7%)*" in lines
    assert "*Kelurahan belum dikunjungi (25)*" in lines
    assert "- Tirto (Pekalongan Barat)" in lines
    assert "*Tindak lanjut terlambat (1)*" in lines
    at = lines.index("- *Kauman*: -Drainase tersumbat")
    assert lines[at + 1] == "  tenggat 27/11/2026, terlambat 2 hari"
    assert max(len(line) for line in lines) <= 80


def test_english(reported):
    text = reported.ok("--lang", "en", "report", "--week", WEEK, "-f", "text").stdout
    assert "*2 of 27 kelurahan visited (7%)*" in text
    assert "*Overdue follow-ups (1)*" in text


# --- output paths -----------------------------------------------------------------------------


def test_output_template_and_missing_folders(reported, tmp_path):
    template = tmp_path / "a" / "b" / "laporan-{area}-{week}.html"
    result = reported.ok("report", "--week", WEEK, "-o", str(template))
    target = tmp_path / "a" / "b" / "laporan-kota-pekalongan-2026-W48.html"
    assert target.is_file()
    assert result.stdout == f"Laporan ditulis: {target}\n"
    assert result.stderr == ""


def test_range_period_template(reported, tmp_path):
    out = tmp_path / "lap-{week}.csv"
    reported.ok("report", "--since", "2026-11-01", "--until", "2026-11-30", "-o", str(out))
    assert (tmp_path / "lap-2026-11-01_2026-11-30.csv").is_file()


def test_quiet(reported, tmp_path):
    result = reported.ok("report", "--week", WEEK, "-o", str(tmp_path / "x.xlsx"), "--quiet")
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "x.xlsx").is_file()


def test_format_from_suffix_and_default_text(reported, tmp_path):
    reported.ok("report", "--week", WEEK, "-o", str(tmp_path / "x.json"))
    assert json.loads((tmp_path / "x.json").read_text())["period"]["label"] == WEEK
    assert reported.ok("report", "--week", WEEK).stdout.startswith("*Laporan")


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["-f", "xlsx"], 2, "stdout"),
        (["-f", "xlsx", "-o", "-"], 2, "stdout"),
        (["-o", "lap-{bulan}.csv"], 2, "{bulan}"),
        (["-f", "pdf", "-o", "x.pdf"], 2, "pdf"),
        (["--kecamatan", "Pekalongan Tengah", "-o", "x.csv"], 2, "Pekalongan"),
        (["--week", "2025-W53", "-o", "x.csv"], 2, "2025-W53"),
    ],
)
def test_refused(cli, tmp_path, monkeypatch, args, code, words):
    cli.ok("init")
    monkeypatch.chdir(tmp_path)
    result = cli.fails("report", *args, code=code)
    assert words in result.stderr
    assert list(tmp_path.glob("x.*")) == []


def test_target_is_a_folder(reported, tmp_path):
    folder = tmp_path / "laporan.xlsx"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep")
    result = reported.fails("report", "--week", WEEK, "-o", str(folder), code=6)
    assert "folder" in result.stderr
    assert (folder / "keep.txt").read_text() == "keep"


def test_parent_is_a_file(reported, tmp_path):
    (tmp_path / "laporan").write_text("not a folder")
    result = reported.fails(
        "report", "--week", WEEK, "-o", str(tmp_path / "laporan" / "x.xlsx"), code=6
    )
    assert "bukan folder" in result.stderr
    assert (tmp_path / "laporan").read_text() == "not a folder"


def test_replaces_the_previous_report(reported, tmp_path):
    target = tmp_path / "lap.csv"
    target.write_text("old")
    target.chmod(0o640)
    reported.ok("report", "--week", WEEK, "-o", str(target))
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_csv_neutralises_text_a_spreadsheet_would_run(reported, db_path):
    from faskel_cli.reports import ReportData, csvfile

    summary = summary_of(db_path)
    summary["kelurahan"][0]["nama"] = '=HYPERLINK("http://x")'
    summary["kelurahan"][1]["nama"] = "@SUM(1)"
    summary["kelurahan"][2]["nama"] = "+62 812"
    summary["kelurahan"][3]["nama"] = "-1+1"
    summary["kelurahan"][4]["nama"] = "\tcmd"
    summary["kelurahan"][5]["nama"] = "Tirto =1"
    data = ReportData(
        summary=summary, period=parse_week(WEEK), scope="x", generated=date(2026, 11, 28)
    )
    rows = list(csv.reader(io.StringIO(csvfile.render(data).lstrip("\ufeff"), newline="")))
    names = [row[1] for row in rows[1:7]]
    assert names == [
        '\'=HYPERLINK("http://x")',
        "'@SUM(1)",
        "'+62 812",
        "'-1+1",
        "'\tcmd",
        "Tirto =1",
    ]


def test_csv_keeps_a_carriage_return_inside_its_cell(reported, db_path):
    from faskel_cli.reports import ReportData, csvfile

    summary = summary_of(db_path)
    summary["kelurahan"][0]["nama"] = "\r=1"
    data = ReportData(
        summary=summary, period=parse_week(WEEK), scope="x", generated=date(2026, 11, 28)
    )
    rows = list(csv.reader(io.StringIO(csvfile.render(data).lstrip("\ufeff"), newline="")))
    assert len(rows) == 28
    assert rows[1][1] == "'\r=1"


def test_html_to_stdout(reported):
    result = reported.ok("report", "--week", WEEK, "-f", "html", "-o", "-")
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.count('class="chart ') == 3
