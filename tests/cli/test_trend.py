"""The edge of `faskel trend`: JSON as the core builds it, the chart at 80 and 120 columns,
CSV, English, one-line refusals."""

from __future__ import annotations

import csv
import io

import pytest

from faskel_cli.core import trend
from faskel_cli.core.dates import parse_week
from faskel_cli.core.db import connect
from tests.helpers import MEDONO, dump


def test_json_is_the_core_trend_ending_this_week(week, db_path):
    database = connect(db_path, write=False)
    try:
        eight = trend.build_trend(database, parse_week("this").end, 8)
        two = trend.build_trend(database, parse_week("last").end, 2)
    finally:
        database.close()
    assert week.json("trend") == eight
    assert week.json("trend", "--week", "last", "--weeks", "2") == two


def test_trend_csv(week):
    text = week.ok("trend", "--weeks", "3", "--format", "csv").stdout.removeprefix(
        "\ufeff"
    )  # the BOM
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == [
        "kode", "nama", "kecamatan_kode", "kecamatan", "2026-W46", "2026-W47", "2026-W48",
        "total",
    ]  # fmt: skip
    assert len(rows) == 27
    assert rows[0] == {
        "kode": MEDONO,
        "nama": "Medono",
        "kecamatan_kode": "33.75.01",
        "kecamatan": "Pekalongan Barat",
        "2026-W46": "0",
        "2026-W47": "2",
        "2026-W48": "2",
        "total": "4",
    }


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("weeks", ["8", "26"])
def test_trend_chart_fits(week, columns, weeks):
    result = week.ok("trend", "--weeks", weeks, env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert all(len(line.rstrip()) <= columns for line in lines), max(map(len, lines))
    n = int(weeks)
    medono = next(line for line in lines if line.startswith("  Medono"))
    poncol = next(line for line in lines if line.startswith("  Poncol"))
    # One scale for every kelurahan: 2 visits is the most, a full block; · is none.
    assert medono.split()[1] == "·" * (n - 2) + "██"
    assert poncol.split()[1] == "·" * (n - 2) + "▄·"
    assert medono.split()[-1] == "4"  # the total is always shown
    assert "W48" in lines[1] or "W48" in lines[2]  # the latest weeks' numbers come first
    assert any(line.startswith("Kota Pekalongan") for line in lines)
    assert lines[-1].startswith("Skala: █ = 2 kunjungan per minggu")


def test_trend_in_english(week):
    lines = week.ok("--lang", "en", "trend", "--weeks", "4").stdout.splitlines()
    assert lines[0].startswith("Visits per week 2026-W45 to 2026-W48")
    assert lines[-1] == "Scale: █ = 2 visits a week, · = no visits."


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["--weeks", "0"], "--weeks 0"),
        (["--weeks", "261"], "260"),
        (["--week", "2025-W53"], "2025-W53"),
        (["--weeks", "x"], "--weeks"),
        (["--format", "md"], "json"),
        (["--kecamatan", "Pekalongan Tengah"], "Pekalongan"),
    ],
)
def test_trend_bad_input(week, db_path, args, hint):
    before = dump(db_path)
    assert hint in week.fails("trend", *args).stderr
    assert dump(db_path) == before
