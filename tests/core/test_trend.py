"""Visits per kelurahan per ISO week through the core (core.weekly.build_trend)."""

from __future__ import annotations

from datetime import date

import pytest

from faskel_cli.core import regions
from faskel_cli.core import trend as weekly
from faskel_cli.core.dates import parse_week
from faskel_cli.core.db import connect
from faskel_cli.core.errors import InputError
from faskel_cli.messages import text
from tests.helpers import KAUMAN, KECAMATAN, KELURAHAN, MEDONO, PONCOL, TIRTO, add_visit


@pytest.fixture
def week(week_path):
    database = connect(week_path)
    yield database
    database.close()


def trend(db, weeks: int, label: str = "this", kecamatan: str | None = None) -> dict:
    kode = regions.kecamatan(db, kecamatan).kode if kecamatan else None
    return weekly.build_trend(db, parse_week(label).end, weeks, kode)


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
        "level": "kelurahan",
        "group_level": "kecamatan",
        "scope": {"kode": "33.75", "nama": "Kota Pekalongan", "level": "kabupaten"},
    }


def test_trend_every_field(week):
    got = trend(week, 3)
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


def test_trend_weeks_end_with_the_week_given(week):
    got = trend(week, 8)
    assert [w["label"] for w in got["weeks"]] == [f"2026-W{n}" for n in range(41, 49)]
    assert got["totals"]["visits"] == [0, 0, 0, 0, 0, 0, 3, 4]
    earlier = trend(week, 2, "last")
    assert [w["label"] for w in earlier["weeks"]] == ["2026-W46", "2026-W47"]
    assert earlier["totals"]["visits"] == [0, 3]


def test_trend_by_kecamatan(week):
    got = trend(week, 2, kecamatan="Pekalongan Timur")
    assert [row["kode"] for row in got["kelurahan"]] == [k for k, _ in KELURAHAN[7:14]]
    assert [row["kode"] for row in got["kecamatan"]] == ["33.75.02"]
    assert got["totals"] == {"visits": [1, 1], "total": 2}


def test_trend_across_the_turn_of_the_year(empty_db, monkeypatch):
    monkeypatch.setenv("FASKEL_TODAY", "2027-01-10")
    from faskel_cli.core import facilitators

    facilitators.add(empty_db, "Siti Aminah", "siti", ["Medono"])
    for day in ("2026-12-27", "2026-12-28", "2027-01-03", "2027-01-03", "2027-01-04"):
        add_visit(empty_db, day=day, kind="bimbingan", strand="pemetaan")
    got = trend(empty_db, 3, "2027-W01")
    assert got["weeks"] == [
        {"label": "2026-W52", "start": "2026-12-21", "end": "2026-12-27"},
        {"label": "2026-W53", "start": "2026-12-28", "end": "2027-01-03"},
        {"label": "2027-W01", "start": "2027-01-04", "end": "2027-01-10"},
    ]
    medono = next(row for row in got["kelurahan"] if row["kode"] == MEDONO)
    assert medono["visits"] == [1, 3, 1] and medono["total"] == 5
    older = trend(empty_db, 2, "2025-W02")
    assert [w["label"] for w in older["weeks"]] == ["2025-W01", "2025-W02"]
    assert older["weeks"][0]["start"] == "2024-12-30"
    assert [w.label for w in weekly.trend_weeks(date(2027, 1, 10), 2)] == ["2026-W53", "2027-W01"]


@pytest.mark.parametrize(("weeks", "hint"), [(0, "--weeks 0"), (261, "260")])
def test_trend_weeks_out_of_range(week, weeks, hint):
    with pytest.raises(InputError) as caught:
        trend(week, weeks)
    assert hint in text(caught.value)
