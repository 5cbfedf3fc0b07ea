"""--month, --quarter and --year through the real CLI, beside --week and --since/--until:
every command that takes a period, weeks crossing months, refusals, labels in both
languages and the {month}/{quarter}/{year} fields of report names."""

from __future__ import annotations

import json

import pytest

from faskel_cli.core import followups
from faskel_cli.core.db import connect
from tests.helpers import Cli, add_followup, add_visit, dump

TODAY = "2026-12-15"  # so that 30 November and 1 December are in the past

# (day, kelurahan, facilitator): ISO weeks W44 (26 Oct..1 Nov) and W49 (30 Nov..6 Dec)
# each cross a month; 30 September is in the third quarter.
VISITS = [
    ("2026-09-30", "Medono", "siti"),
    ("2026-10-31", "Medono", "siti"),  # Saturday of W44
    ("2026-11-01", "Tirto", "siti"),  # Sunday of W44
    ("2026-11-30", "Tirto", "siti"),  # Monday of W49
    ("2026-12-01", "Kauman", "budi"),  # Tuesday of W49
]


@pytest.fixture
def months(seeded_path, monkeypatch) -> Cli:
    monkeypatch.setenv("FASKEL_TODAY", TODAY)
    database = connect(seeded_path)
    try:
        for day, kelurahan, who in VISITS:
            add_visit(database, day=day, kelurahan=kelurahan, who=who, male=1, female=2)
        # Raised in October, due in early November, never done: overdue at November's end.
        add_followup(database, on="2026-10-20", due="2026-11-05", problem="Oktober")
        done = add_followup(database, on="2026-11-10", due="2026-11-25", problem="Selesai")
        followups.done(database, done, note="Kader baru", on="2026-11-20")
        add_followup(database, on="2026-11-12", due="2026-12-31", problem="Terbuka")
        add_followup(database, on="2026-12-02", due="2026-12-20", problem="Desember")
    finally:
        database.close()
    return Cli(seeded_path)


def visits_of(cli: Cli, *period: str) -> int:
    return cli.json("summary", *period)["totals"]["visits"]


@pytest.mark.parametrize(
    ("period", "visits", "label", "start", "end", "kind"),
    [
        (("--month", "2026-11"), 2, "2026-11", "2026-11-01", "2026-11-30", "month"),
        (("--month", "11/2026"), 2, "2026-11", "2026-11-01", "2026-11-30", "month"),
        (("--month", "last"), 2, "2026-11", "2026-11-01", "2026-11-30", "month"),
        (("--month", "bulan-lalu"), 2, "2026-11", "2026-11-01", "2026-11-30", "month"),
        (("--month", "this"), 1, "2026-12", "2026-12-01", "2026-12-31", "month"),
        (("--month", "bulan-ini"), 1, "2026-12", "2026-12-01", "2026-12-31", "month"),
        (("--month", "2026-10"), 1, "2026-10", "2026-10-01", "2026-10-31", "month"),
        (("--quarter", "2026-Q4"), 4, "2026-Q4", "2026-10-01", "2026-12-31", "quarter"),
        (("--quarter", "triwulan-ini"), 4, "2026-Q4", "2026-10-01", "2026-12-31", "quarter"),
        (("--quarter", "last"), 1, "2026-Q3", "2026-07-01", "2026-09-30", "quarter"),
        (("--year", "2026"), 5, "2026", "2026-01-01", "2026-12-31", "year"),
        (("--year", "tahun-lalu"), 0, "2025", "2025-01-01", "2025-12-31", "year"),
        # Weeks crossing months: each counts its days in both months.
        (("--week", "2026-W44"), 2, "2026-W44", "2026-10-26", "2026-11-01", "week"),
        (("--week", "2026-W49"), 2, "2026-W49", "2026-11-30", "2026-12-06", "week"),
        (
            ("--since", "2026-11-01", "--until", "2026-11-30"),
            2,
            "2026-11-01..2026-11-30",
            "2026-11-01",
            "2026-11-30",
            "range",
        ),
    ],
)
def test_summary_of_each_period(months, period, visits, label, start, end, kind):
    data = months.json("summary", *period)
    assert data["period"] == {"label": label, "start": start, "end": end, "kind": kind}
    assert data["totals"]["visits"] == visits


def test_a_month_counts_its_own_days_of_the_weeks_that_cross_it(months):
    """W44 and W49 each hold two visits, one on either side of a month's edge."""
    november = months.json("summary", "--month", "2026-11")
    by_name = {row["nama"]: row["visits"] for row in november["kelurahan"]}
    assert (by_name["Medono"], by_name["Tirto"], by_name["Kauman"]) == (0, 2, 0)
    w49 = {
        row["nama"]: row["visits"]
        for row in months.json("summary", "--week", "2026-W49")["kelurahan"]
    }
    assert (w49["Tirto"], w49["Kauman"]) == (1, 1)
    assert visits_of(months, "--month", "2026-10") == 1


def test_summary_by_facilitator_takes_a_month(months):
    rows = months.json("summary", "--by", "facilitator", "--month", "2026-12")
    assert {row["handle"]: row["visits"] for row in rows} == {"siti": 0, "budi": 1}


@pytest.mark.parametrize(
    ("lang", "period", "words"),
    [
        ("id", ("--month", "2026-11"), "Ringkasan November 2026"),
        ("en", ("--month", "2026-11"), "Summary November 2026"),
        ("id", ("--month", "2026-05"), "Ringkasan Mei 2026"),
        ("en", ("--month", "2026-05"), "Summary May 2026"),
        ("id", ("--quarter", "2026-Q4"), "Ringkasan Triwulan IV 2026"),
        ("en", ("--quarter", "2026-Q4"), "Summary Q4 2026"),
        ("id", ("--year", "2026"), "Ringkasan 2026 "),
        ("id", ("--week", "2026-W49"), "Ringkasan 2026-W49"),
    ],
)
def test_labels_people_read(months, lang, period, words):
    result = months.ok("--lang", lang, "summary", *period, env={"COLUMNS": "120"})
    assert words in result.stdout
    markdown = months.ok("--lang", lang, "summary", *period, "--format", "md")
    assert words.strip() in markdown.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--month", "2026-13"), "'2026-13'"),
        (("--month", "2026-00"), "'2026-00'"),
        (("--month", "Nov"), "'Nov'"),
        (("--quarter", "2026-Q5"), "'2026-Q5'"),
        (("--quarter", "Q0"), "'Q0'"),
        (("--year", "1999"), "'1999'"),
        (("--year", "2026-11"), "'2026-11'"),
        (("--week", "2026-W48", "--month", "2026-11"), "--week, --month"),
        (("--month", "2026-11", "--quarter", "2026-Q4"), "--month, --quarter"),
        (("--year", "2026", "--since", "2026-01-01"), "--year, --since"),
        (("--month", "2026-11", "--until", "2026-11-30"), "--month, --until"),
    ],
)
@pytest.mark.parametrize(
    "command",
    [
        ("summary",),
        ("report", "--format", "json"),
        ("visit", "list"),
        ("followup", "list"),
    ],
)
def test_bad_periods_are_one_line_and_touch_nothing(months, command, args, words):
    before = dump(months.db_path)
    result = months.fails(*command, *args, code=2)
    assert words in result.stderr
    assert dump(months.db_path) == before


def test_visit_list_of_a_month_quarter_and_year(months):
    def days(*period: str) -> list[str]:
        return sorted(row["date"] for row in months.json("visit", "list", *period))

    assert days("--month", "2026-11") == ["2026-11-01", "2026-11-30"]
    assert days("--quarter", "2026-Q4") == [v[0] for v in VISITS[1:]]
    assert days("--year", "2026") == [v[0] for v in VISITS]
    assert days("--week", "2026-W49") == ["2026-11-30", "2026-12-01"]
    assert days("--since", "2026-11-30") == ["2026-11-30", "2026-12-01"]
    assert days("--until", "2026-10-31") == ["2026-09-30", "2026-10-31"]
    title = months.ok("--lang", "en", "visit", "list", "--quarter", "2026-Q4").stdout
    assert "Q4 2026" in title


def test_followup_list_of_a_month(months):
    """--all: raised in the month; --done: done in it; --open and --overdue: as of its end."""

    def problems(*args: str) -> list[str]:
        return sorted(row["problem"] for row in months.json("followup", "list", *args))

    november = ("--month", "2026-11")
    assert problems("--all", *november) == ["Selesai", "Terbuka"]
    assert problems("--done", *november) == ["Selesai"]
    assert problems("--open", *november) == ["Oktober", "Terbuka"]
    assert problems("--overdue", *november) == ["Oktober"]
    assert problems("--done", "--month", "2026-10") == []
    assert problems("--all", "--quarter", "2026-Q4") == [
        "Desember",
        "Oktober",
        "Selesai",
        "Terbuka",
    ]
    # Without a period: as of today (15 December), as before.
    assert problems("--overdue") == ["Oktober"]
    assert problems("--all", "--week", "2026-W49") == ["Desember"]


def test_followup_list_refuses_a_period_with_as_of(months):
    result = months.fails("followup", "list", "--month", "2026-11", "--as-of", "2026-11-30", code=2)
    assert "--as-of" in result.stderr and "--month" in result.stderr


def test_trend_of_a_month_shows_the_weeks_that_touch_it(months):
    data = months.json("trend", "--month", "2026-11")
    assert [week["label"] for week in data["weeks"]] == [
        "2026-W44",
        "2026-W45",
        "2026-W46",
        "2026-W47",
        "2026-W48",
        "2026-W49",
    ]
    assert data["totals"]["visits"] == [2, 0, 0, 0, 0, 2]  # whole weeks, both months' days
    quarter = months.json("trend", "--quarter", "2026-Q4")
    assert (quarter["weeks"][0]["label"], quarter["weeks"][-1]["label"]) == (
        "2026-W40",
        "2026-W53",
    )
    assert len(months.json("trend", "--year", "2026")["weeks"]) == 53
    assert len(months.json("trend", "--weeks", "3")["weeks"]) == 3
    months.fails("trend", "--month", "2026-11", "--weeks", "4", code=2)
    months.fails("trend", "--month", "2026-11", "--week", "2026-W48", code=2)


def test_report_names_hold_month_quarter_and_year(months, tmp_path):
    template = str(tmp_path / "lap-{month}-{quarter}-{year}-{week}.json")
    months.ok("report", "--month", "2026-11", "--output", template)
    written = tmp_path / "lap-2026-11-2026-Q4-2026-2026-11-01_2026-11-30.json"
    assert json.loads(written.read_text())["period"]["label"] == "2026-11"
    # A week across two months names both.
    months.ok("report", "--week", "2026-W49", "--output", template)
    assert (tmp_path / "lap-2026-11_2026-12-2026-Q4-2026-2026-W49.json").is_file()
    months.ok("report", "--quarter", "2026-Q4", "--output", str(tmp_path / "q-{quarter}.md"))
    assert "Triwulan IV 2026" in (tmp_path / "q-2026-Q4.md").read_text()


def test_an_unknown_placeholder_still_names_the_known_ones(months, tmp_path):
    result = months.fails("report", "--output", str(tmp_path / "x-{bulan}.md"), code=2)
    assert "{month}" in result.stderr and "{quarter}" in result.stderr


def test_report_xlsx_titles_read_the_month(months, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "r.xlsx"
    months.ok("--lang", "en", "report", "--month", "2026-11", "--output", str(target))
    sheet = load_workbook(target).worksheets[0]
    assert "November 2026" in str(sheet["A1"].value)
