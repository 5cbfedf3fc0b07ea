"""`faskel trend`: visits per kelurahan per ISO week, as a chart and as JSON/CSV."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from tests.conftest import Cli, dump
from tests.test_summary import ENV, KECAMATAN, KELURAHAN, build_week_db

MEDONO, TIRTO, KAUMAN, PONCOL = "33.75.01.1002", "33.75.01.1009", "33.75.02.1004", "33.75.02.1007"


@pytest.fixture(scope="module")
def trend_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("trend") / "template.db"
    build_week_db(path)
    return path


@pytest.fixture
def week(trend_template, db_path) -> Cli:
    shutil.copyfile(trend_template, db_path)
    return Cli(db_path)


def expected(weeks: list[tuple[str, str, str]], kelurahan: dict, kecamatan: dict) -> dict:
    n = len(weeks)
    kel_rows = []
    for kode, nama in KELURAHAN:
        visits = kelurahan.get(kode, [0] * n)
        kel_rows.append(
            {
                "kode": kode,
                "nama": nama,
                "kecamatan_kode": kode[:8],
                "kecamatan": dict(KECAMATAN)[kode[:8]],
                "visits": visits,
                "total": sum(visits),
            }
        )
    kec_rows = []
    for kode, nama in KECAMATAN:
        visits = kecamatan.get(kode, [0] * n)
        kec_rows.append({"kode": kode, "nama": nama, "visits": visits, "total": sum(visits)})
    totals = [sum(row["visits"][i] for row in kel_rows) for i in range(n)]
    return {
        "area": {"kode": "33.75", "nama": "Kota Pekalongan"},
        "weeks": [{"label": label, "start": start, "end": end} for label, start, end in weeks],
        "kelurahan": kel_rows,
        "kecamatan": kec_rows,
        "totals": {"visits": totals, "total": sum(totals)},
    }


def test_trend_every_field(week):
    got = week.json("trend", "--weeks", "3")
    assert got == expected(
        [
            ("2026-W46", "2026-11-09", "2026-11-15"),
            ("2026-W47", "2026-11-16", "2026-11-22"),
            ("2026-W48", "2026-11-23", "2026-11-29"),
        ],
        # Medono: 20 and 22 Nov (the Sunday ends W47), 23 and 25 Nov; Kauman's deleted
        # visit of 24 Nov is not counted.
        {MEDONO: [0, 2, 2], TIRTO: [0, 0, 1], KAUMAN: [0, 0, 1], PONCOL: [0, 1, 0]},
        {"33.75.01": [0, 2, 3], "33.75.02": [0, 1, 1]},
    )
    assert got["totals"] == {"visits": [0, 3, 4], "total": 7}


def test_trend_weeks_default_to_eight_ending_this_week(week):
    got = week.json("trend")
    assert [w["label"] for w in got["weeks"]] == [f"2026-W{n}" for n in range(41, 49)]
    assert got["totals"]["visits"] == [0, 0, 0, 0, 0, 0, 3, 4]
    earlier = week.json("trend", "--week", "last", "--weeks", "2")
    assert [w["label"] for w in earlier["weeks"]] == ["2026-W46", "2026-W47"]
    assert earlier["totals"]["visits"] == [0, 3]


def test_trend_by_kecamatan(week):
    got = week.json("trend", "--weeks", "2", "--kecamatan", "Pekalongan Timur")
    assert [row["kode"] for row in got["kelurahan"]] == [k for k, _ in KELURAHAN[7:14]]
    assert [row["kode"] for row in got["kecamatan"]] == ["33.75.02"]
    assert got["totals"] == {"visits": [1, 1], "total": 2}


def test_trend_across_the_turn_of_the_year(cli):
    env = {**ENV, "FASKEL_TODAY": "2027-01-10"}
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", env=env)
    for day in ("2026-12-27", "2026-12-28", "2027-01-03", "2027-01-03", "2027-01-04"):
        cli.ok(
            "visit", "add", "--date", day, "--kelurahan", "Medono", "--facilitator", "siti",
            "--kind", "bimbingan", "--strand", "pemetaan", env=env,
        )  # fmt: skip
    got = cli.json("trend", "--week", "2027-W01", "--weeks", "3")
    assert got["weeks"] == [
        {"label": "2026-W52", "start": "2026-12-21", "end": "2026-12-27"},
        {"label": "2026-W53", "start": "2026-12-28", "end": "2027-01-03"},
        {"label": "2027-W01", "start": "2027-01-04", "end": "2027-01-10"},
    ]
    medono = next(row for row in got["kelurahan"] if row["kode"] == MEDONO)
    assert medono["visits"] == [1, 3, 1] and medono["total"] == 5
    older = cli.json("trend", "--week", "2025-W02", "--weeks", "2")
    assert [w["label"] for w in older["weeks"]] == ["2025-W01", "2025-W02"]
    assert older["weeks"][0]["start"] == "2024-12-30"


def test_trend_csv(week):
    text = week.ok("trend", "--weeks", "3", "--format", "csv").stdout[1:]  # the BOM
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
        (["--format", "md"], "json"),
        (["--kecamatan", "Pekalongan Tengah"], "Pekalongan"),
    ],
)
def test_trend_bad_input(week, db_path, args, hint):
    before = dump(db_path)
    assert hint in week.fails("trend", *args).stderr
    assert dump(db_path) == before
