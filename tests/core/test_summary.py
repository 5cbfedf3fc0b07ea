"""Summaries through the core (core.summary): hand-checked numbers (every field), periods
and ISO weeks at the turn of the year, per facilitator, and the query layer itself (plain
sqlite3 connections, index use)."""

from __future__ import annotations

import pytest

from faskel_cli.core import regions, summary
from faskel_cli.core.dates import parse_week, resolve_period
from faskel_cli.core.db import connect
from tests.helpers import (
    BARAT,
    KAUMAN,
    KELURAHAN,
    MEDONO,
    PONCOL,
    TIMUR,
    TIRTO,
    counts,
    expected,
)


@pytest.fixture
def week(week_path):
    """The core's Database on a fresh copy of the hand-checked database (helpers.build_week_db)."""
    database = connect(week_path)
    yield database
    database.close()


def of_week(db, label: str, kecamatan_kode=None) -> dict:
    return summary.build_summary(db, parse_week(label), kecamatan_kode)


W48_KELURAHAN = {
    MEDONO: counts(
        visits=2,
        facilitators=2,
        lkk_reached=2,
        male=6,
        female=12,
        female_share=0.667,
        activities=(1, 0, 1, 0),
        stage_moves=1,
        followups_opened=1,
        followups_done=1,
        followups_open=1,
        followups_overdue=1,
        last_visit="2026-11-25",
    ),
    TIRTO: counts(
        visits=1,
        facilitators=1,
        activities=(0, 1, 0, 0),
        stage_moves=1,
        followups_open=1,
        last_visit="2026-11-28",
    ),
    KAUMAN: counts(
        visits=1,
        facilitators=1,
        lkk_reached=1,
        male=5,
        female_share=0.0,
        activities=(0, 0, 0, 1),
        stage_moves=1,
        followups_opened=1,
        followups_done=1,
        followups_open=1,
        followups_overdue=1,
        last_visit="2026-11-27",
    ),
    PONCOL: counts(last_visit="2026-11-16"),
}
W48_KECAMATAN = {
    BARAT: {
        **counts(
            visits=3,
            facilitators=2,  # siti and budi: distinct over the kecamatan, not 2 + 1
            lkk_reached=2,
            male=6,
            female=12,
            female_share=0.667,
            activities=(1, 1, 1, 0),
            stage_moves=2,
            followups_opened=1,
            followups_done=1,
            followups_open=2,
            followups_overdue=1,
            last_visit="2026-11-28",
        ),
        "kelurahan_visited": 2,
    },
    TIMUR: {
        **counts(
            visits=1,
            facilitators=1,
            lkk_reached=1,
            male=5,
            female_share=0.0,
            activities=(0, 0, 0, 1),
            stage_moves=1,
            followups_opened=1,
            followups_done=1,
            followups_open=1,
            followups_overdue=1,
            last_visit="2026-11-27",
        ),
        "kelurahan_visited": 1,
    },
}
W48_TOTALS = {
    **counts(
        visits=4,
        facilitators=2,  # distinct over the area, not 2 + 1
        lkk_reached=3,
        male=11,
        female=12,
        female_share=0.522,
        activities=(1, 1, 1, 1),
        stage_moves=3,
        followups_opened=2,
        followups_done=2,
        followups_open=3,
        followups_overdue=2,
        last_visit="2026-11-28",
    ),
    "kelurahan_visited": 3,
    "kelurahan_total": 27,
    "completeness": 0.111,
}


def test_week_every_field(week):
    got = of_week(week, "2026-W48")
    want = expected(
        "2026-W48", "2026-11-23", "2026-11-29", W48_KELURAHAN, W48_KECAMATAN, W48_TOTALS
    )
    assert got == want
    # Keys exactly, in the documented order.
    assert list(got) == [
        "area",
        "period",
        "kelurahan",
        "kecamatan",
        "totals",
        "not_visited",
        "level",
        "group_level",
        "scope",
    ]
    assert list(got["kelurahan"][0]) == [
        "kode", "nama", "kecamatan_kode", "kecamatan", "visits", "facilitators",
        "lkk_reached", "male", "female", "female_share", "activities", "stage_moves",
        "followups_opened", "followups_done", "followups_open", "followups_overdue",
        "last_visit",
    ]  # fmt: skip
    # Village counts, then (added with areas at every level) desa and those not visited.
    villages = ["kelurahan_visited", "kelurahan_total", "desa_total", "not_visited"]
    assert list(got["kecamatan"][0])[-5:] == [*villages, "completeness"]
    assert list(got["totals"])[-5:] == [*villages, "completeness"]
    assert len(got["not_visited"]) == 24


def test_earlier_week_stage_as_of_its_end_and_followup_closed_after_it(week):
    """2026-W47: activities are in the stage they had on 22 Nov (later moves ignored, the
    activity started on 26 Nov not counted); the follow-up done on 24 Nov was open then."""
    got = of_week(week, "last")
    want = expected(
        "2026-W47",
        "2026-11-16",
        "2026-11-22",
        {
            MEDONO: counts(
                visits=2,
                facilitators=1,
                lkk_reached=1,
                male=11,
                female=11,
                female_share=0.5,
                activities=(0, 1, 0, 0),
                followups_open=1,
                last_visit="2026-11-22",
            ),
            TIRTO: counts(activities=(1, 0, 0, 0), followups_open=1),
            KAUMAN: counts(activities=(0, 0, 1, 0), followups_open=1, followups_overdue=1),
            PONCOL: counts(
                visits=1,
                facilitators=1,
                male=3,
                female=4,
                female_share=0.571,
                last_visit="2026-11-16",
            ),
        },
        {
            BARAT: {
                **counts(
                    visits=2,
                    facilitators=1,
                    lkk_reached=1,
                    male=11,
                    female=11,
                    female_share=0.5,
                    activities=(1, 1, 0, 0),
                    followups_open=2,
                    last_visit="2026-11-22",
                ),
                "kelurahan_visited": 1,
            },
            TIMUR: {
                **counts(
                    visits=1,
                    facilitators=1,
                    male=3,
                    female=4,
                    female_share=0.571,
                    activities=(0, 0, 1, 0),
                    followups_open=1,
                    followups_overdue=1,
                    last_visit="2026-11-16",
                ),
                "kelurahan_visited": 1,
            },
        },
        {
            **counts(
                visits=3,
                facilitators=2,
                lkk_reached=1,
                male=14,
                female=15,
                female_share=0.517,
                activities=(1, 1, 1, 0),
                followups_open=3,
                followups_overdue=1,
                last_visit="2026-11-22",
            ),
            "kelurahan_visited": 2,
            "kelurahan_total": 27,
            "completeness": 0.074,
        },
    )
    assert got == want


def test_default_and_named_weeks(week):
    this = summary.build_summary(week, resolve_period(None, None, None))
    assert this["period"] == {
        "label": "2026-W48",
        "start": "2026-11-23",
        "end": "2026-11-29",
        "kind": "week",
    }
    assert of_week(week, "this") == this
    assert of_week(week, "ini") == this
    assert summary.build_summary(week, resolve_period(None, "2026-11-23", "2026-11-29")) == this
    assert of_week(week, "2026w48") == this


def test_date_range_is_labelled_start_to_end(week):
    got = summary.build_summary(week, resolve_period(None, "16/11/2026", "2026-11-29"))
    assert got["period"] == {
        "label": "2026-11-16..2026-11-29",
        "start": "2026-11-16",
        "end": "2026-11-29",
        "kind": "range",
    }
    totals = got["totals"]
    assert (totals["visits"], totals["facilitators"], totals["kelurahan_visited"]) == (7, 2, 4)
    assert (totals["male"], totals["female"], totals["lkk_reached"]) == (25, 27, 3)
    assert totals["stage_moves"] == 3 and totals["followups_opened"] == 2


def test_kecamatan_only(week):
    got = of_week(week, "2026-W48", regions.kecamatan(week, "Pekalongan Barat").kode)
    assert [row["kode"] for row in got["kelurahan"]] == [k for k, _ in KELURAHAN[:7]]
    assert got["kelurahan"][0] == {
        "kode": MEDONO,
        "nama": "Medono",
        "kecamatan_kode": BARAT,
        "kecamatan": "Pekalongan Barat",
        **W48_KELURAHAN[MEDONO],
    }
    barat = {k: v for k, v in W48_KECAMATAN[BARAT].items() if k != "kelurahan_visited"}
    assert got["kecamatan"] == [
        {
            "kode": BARAT,
            "nama": "Pekalongan Barat",
            **barat,
            "kelurahan_visited": 2,
            "kelurahan_total": 7,
            "desa_total": 0,
            "not_visited": 5,
            "completeness": 0.286,
        }
    ]
    assert got["totals"] == {
        **barat,
        "kelurahan_visited": 2,
        "kelurahan_total": 7,
        "desa_total": 0,
        "not_visited": 5,
        "completeness": 0.286,
    }
    assert got["not_visited"] == [
        "33.75.01.1003", "33.75.01.1004", "33.75.01.1006", "33.75.01.1008", "33.75.01.1012",
    ]  # fmt: skip
    assert regions.kecamatan(week, "33.75.01") == regions.kecamatan(week, "pekalongan-barat")


def test_empty_database_shows_every_kelurahan(empty_db):
    got = of_week(empty_db, "2026-W48")
    assert got == expected(
        "2026-W48",
        "2026-11-23",
        "2026-11-29",
        {},
        {},
        {**counts(), "kelurahan_visited": 0, "kelurahan_total": 27, "completeness": 0.0},
    )
    assert len(got["not_visited"]) == 27
