"""Every CSV faskel writes comes from one writer (render.to_csv) with the same guards: a
byte-order mark, CRLF rows, every text cell neutralised (lists joined into one cell
included); `csv` is the machine form, `csv-id` the form for Indonesian regional settings."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from faskel_cli import render

BOM = b"\xef\xbb\xbf"
WEEK = "2026-W48"
HYPERLINK = '=HYPERLINK("http://x","y")'


@pytest.fixture
def dangerous(seeded):
    """Records whose typed text a spreadsheet would run: LKK names (a list cell of visits
    and activities), notes, titles, problems, actions, funding."""
    seeded.ok("lkk", "add", "--kelurahan", "Kauman", "--type", "pkk", "--name", HYPERLINK)
    seeded.ok("lkk", "add", "--kelurahan", "Kauman", "--type", "rt", "--name", "@RT 01")
    seeded.ok(
        "visit", "add", "--date", "2026-11-24", "--kelurahan", "Kauman", "--facilitator", "budi",
        "--kind", "pendampingan", "--strand", "kesadaran", "--lkk", HYPERLINK, "--lkk", "@RT 01",
        "--male", "5", "--female", "7", "--notes", "+62 812",
        "--problem", "-Drainase", "--followup", "=1+2", "--due", "2026-11-27",
    )  # fmt: skip
    seeded.ok(
        "visit", "add", "--date", "2026-11-25", "--kelurahan", "Medono", "--facilitator", "siti",
        "--kind", "bimbingan", "--strand", "pemetaan", "--male", "1", "--female", "2",
    )  # fmt: skip
    seeded.ok(
        "activity", "add", "--kelurahan", "Kauman", "--title", "=SUM(A1:A9)", "--type", "fisik",
        "--date", "2026-11-02", "--funding", "@Dana", "--lkk", HYPERLINK,
    )  # fmt: skip
    return seeded


# Every command that writes CSV, in both forms where it has them.
COMMANDS = [
    ("visit", "list"),
    ("activity", "list"),
    ("followup", "list", "--all"),
    ("kelurahan", "list"),
    ("lkk", "list"),
    ("facilitator", "list"),
    ("summary", "--week", WEEK),
    ("summary", "--week", WEEK, "--by", "facilitator"),
    ("trend", "--week", WEEK, "--weeks", "3"),
    ("report", "--week", WEEK),
]
TWO_FORMS = {"visit", "activity", "followup", "summary", "report"}
CASES = [(cmd, "csv") for cmd in COMMANDS] + [
    (cmd, "csv-id") for cmd in COMMANDS if cmd[0] in TWO_FORMS
]


def rows_of(raw: bytes, form: str) -> list[list[str]]:
    text = raw.decode("utf-8")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=",;"[form == "csv-id"]))


@pytest.mark.parametrize(("command", "form"), CASES, ids=lambda v: "-".join(v) if v else "")
def test_every_csv_has_the_same_guards(dangerous, command, form):
    raw = dangerous.ok(*command, "--format", form).stdout_bytes
    assert raw.startswith(BOM)
    assert not raw.startswith(BOM + b"sep=")  # a sep= line makes Excel ignore the BOM
    # Every row ends CRLF, and no typed text holds a line end: no bare LF anywhere.
    assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n")
    rows = rows_of(raw, form)
    assert len(rows) >= 2 and len({len(r) for r in rows}) == 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(render.FORMULA_STARTS), (command, cell)


def test_list_cells_are_joined_then_neutralised(dangerous):
    raw = dangerous.ok("visit", "list", "--format", "csv").stdout_bytes
    header, *lines = rows_of(raw, "csv")
    rows = [dict(zip(header, line, strict=True)) for line in lines]
    kauman = next(r for r in rows if r["kelurahan"] == "Kauman")
    assert kauman["lkk"] == "'" + HYPERLINK + "; @RT 01"
    assert kauman["notes"] == "'+62 812"
    raw = dangerous.ok("activity", "list", "--format", "csv").stdout_bytes
    header, *lines = rows_of(raw, "csv")
    activity = dict(zip(header, lines[0], strict=True))
    assert activity["lkk"] == "'" + HYPERLINK
    assert activity["title"] == "'=SUM(A1:A9)" and activity["funding"] == "'@Dana"
    raw = dangerous.ok("followup", "list", "--all", "--format", "csv").stdout_bytes
    header, *lines = rows_of(raw, "csv")
    followup = dict(zip(header, lines[0], strict=True))
    assert followup["problem"] == "'-Drainase" and followup["action"] == "'=1+2"


def test_machine_and_indonesian_forms_of_the_summary(dangerous):
    machine = dangerous.ok("summary", "--week", WEEK, "--format", "csv").stdout_bytes
    people = dangerous.ok("summary", "--week", WEEK, "--format", "csv-id").stdout_bytes
    assert machine.split(b"\r\n")[0].count(b",") == 19
    assert people.split(b"\r\n")[0].count(b";") == 19 and b"," not in people.split(b"\r\n")[0]
    header, *lines = rows_of(machine, "csv")
    by_name = {line[1]: dict(zip(header, line, strict=True)) for line in lines}
    header, *lines = rows_of(people, "csv-id")
    by_name_id = {line[1]: dict(zip(header, line, strict=True)) for line in lines}
    # Kauman: 5 men, 7 women: 0.583 women.
    assert by_name["Kauman"]["female_share"] == "0.583"
    assert by_name_id["Kauman"]["female_share"] == "0,583"
    # Counts, dates and codes are the same in both forms; only decimals and separators differ.
    for key in ("kode", "visits", "male", "female", "last_visit"):
        assert by_name["Kauman"][key] == by_name_id["Kauman"][key]
    assert by_name_id["Kauman"]["last_visit"] == "2026-11-24"
    assert by_name_id["Tirto"]["female_share"] == ""


def test_report_csv_forms_match_the_summary(dangerous, tmp_path):
    summary = dangerous.ok("summary", "--week", WEEK, "--format", "csv").stdout_bytes
    people = dangerous.ok("summary", "--week", WEEK, "--format", "csv-id").stdout_bytes
    # `--output x.csv` keeps the machine form: what scripts and cron jobs already read.
    dangerous.ok("report", "--week", WEEK, "--output", str(tmp_path / "a.csv"))
    assert (tmp_path / "a.csv").read_bytes() == summary
    dangerous.ok(
        "report", "--week", WEEK, "--format", "csv-id", "--output", str(tmp_path / "b.csv")
    )
    assert (tmp_path / "b.csv").read_bytes() == people
    assert dangerous.ok("report", "--week", WEEK, "--format", "csv-id").stdout_bytes == people


def test_csv_id_on_lists_only_where_offered(dangerous):
    dangerous.fails("kelurahan", "list", "--format", "csv-id", code=2)
    dangerous.fails("trend", "--format", "csv-id", code=2)


@pytest.mark.parametrize(
    ("value", "machine", "people"),
    [
        (None, "", ""),
        (True, "1", "1"),
        (0, "0", "0"),
        (1234567, "1234567", "1234567"),
        (0.294, "0.294", "0,294"),
        (0.8, "0.8", "0,8"),
        (1.5, "1.5", "1,5"),
        (date(2026, 11, 24), "2026-11-24", "2026-11-24"),
        ("=1+2", "'=1+2", "'=1+2"),
        ("-5", "'-5", "'-5"),
        ("\t@x", "'\t@x", "'\t@x"),
        (["=A1", "b"], "'=A1; b", "'=A1; b"),
        (["b", "+c"], "b; +c", "b; +c"),
        ("33.75.01", "33.75.01", "33.75.01"),
    ],
)
def test_csv_cell_every_type(value, machine, people):
    assert render.csv_cell(value) == machine
    assert render.csv_cell(value, "csv-id") == people


def test_headings_and_carriage_returns(tmp_path):
    text = render.to_csv([{"a": "x\ry", "=b": 1}], ["a", "=b"], form="csv-id")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert rows == [["a", "'=b"], ["x\ry", "1"]]
