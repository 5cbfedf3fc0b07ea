"""Summaries through the core: ISO weeks at the turn of the year, periods refused, per
facilitator, and the query layer itself (plain sqlite3 connections, index use)."""

from __future__ import annotations

import re
import sqlite3

import pytest

from faskel_cli.core import regions, summary
from faskel_cli.core.dates import parse_week, resolve_period
from faskel_cli.core.db import connect
from faskel_cli.core.errors import InputError
from faskel_cli.messages import text
from tests.helpers import (
    BARAT,
    MEDONO,
    TIRTO,
    add_visit,
    counts,
    expected,
    undo_m016,
)


@pytest.fixture
def week(week_path):
    database = connect(week_path)
    yield database
    database.close()


def of_week(db, label: str, kecamatan_kode=None) -> dict:
    return summary.build_summary(db, parse_week(label), kecamatan_kode)


# --- ISO weeks at the turn of the year ----------------------------------------------------


@pytest.fixture
def year_turn(empty_db, monkeypatch):
    monkeypatch.setenv("FASKEL_TODAY", "2027-01-10")
    from faskel_cli.core import facilitators

    facilitators.add(empty_db, "Siti Aminah", "siti", ["Medono"])
    for day, kelurahan, male, female in (
        ("2024-12-29", "Medono", 9, 9),  # Sunday of 2024-W52
        ("2024-12-30", "Medono", 1, 0),  # Monday of 2025-W01
        ("2025-01-05", "Tirto", 0, 2),  # Sunday of 2025-W01
        ("2025-01-06", "Medono", 9, 9),  # 2025-W02
        ("2026-12-27", "Medono", 9, 9),  # Sunday of 2026-W52
        ("2026-12-28", "Medono", 3, 0),  # Monday of 2026-W53
        ("2027-01-03", "Tirto", 0, 4),  # Sunday of 2026-W53
        ("2027-01-04", "Medono", 9, 9),  # 2027-W01
    ):
        add_visit(
            empty_db, day=day, kelurahan=kelurahan, kind="bimbingan", strand="pemetaan",
            male=male, female=female,
        )  # fmt: skip
    return empty_db


@pytest.mark.parametrize(
    ("week", "start", "end", "medono", "tirto", "area_last"),
    [
        ("2025-W01", "2024-12-30", "2025-01-05", (1, 0, "2024-12-30"), (0, 2, "2025-01-05"),
         "2025-01-05"),
        ("2026-W53", "2026-12-28", "2027-01-03", (3, 0, "2026-12-28"), (0, 4, "2027-01-03"),
         "2027-01-03"),
    ],
)  # fmt: skip
def test_year_turn_weeks_every_field(year_turn, week, start, end, medono, tirto, area_last):
    got = of_week(year_turn, week)
    (m_male, m_female, m_last), (t_male, t_female, t_last) = medono, tirto
    male, female = m_male + t_male, m_female + t_female
    share = round(female / (male + female), 3)
    kelurahan = {
        MEDONO: counts(
            visits=1,
            facilitators=1,
            male=m_male,
            female=m_female,
            female_share=0.0,
            last_visit=m_last,
        ),
        TIRTO: counts(
            visits=1,
            facilitators=1,
            male=t_male,
            female=t_female,
            female_share=1.0,
            last_visit=t_last,
        ),
    }
    barat = counts(
        visits=2,
        facilitators=1,
        male=male,
        female=female,
        female_share=share,
        last_visit=area_last,
    )
    assert got == expected(
        week,
        start,
        end,
        kelurahan,
        {BARAT: {**barat, "kelurahan_visited": 2}},
        {**barat, "kelurahan_visited": 2, "kelurahan_total": 27, "completeness": 0.074},
    )
    # The same dates typed as a range are that ISO week; one day less is a plain range.
    assert resolve_period(None, start, end).label == week
    assert resolve_period(None, start, start).label == f"{start}..{start}"


@pytest.mark.parametrize(
    ("week", "hint"),
    [
        ("2025-W53", "2025"),  # 2025 has 52 ISO weeks
        ("2026-W54", "2026"),  # 2026 has 53
        ("2026-W00", "2026"),
        ("2026-48", "2026-W48"),
        ("minggu depan", "2026-W48"),
    ],
)
def test_invalid_weeks_are_refused(week, hint):
    with pytest.raises(InputError) as caught:
        parse_week(week)
    assert week in text(caught.value) and hint in text(caught.value)


def test_bad_periods_are_refused():
    with pytest.raises(InputError) as caught:
        resolve_period("2026-W48", "2026-11-01", None)
    assert "--week" in text(caught.value)
    with pytest.raises(InputError) as caught:
        resolve_period(None, "2026-11-30", "2026-11-01")
    assert "--until" in text(caught.value)


# --- per facilitator -------------------------------------------------------------------------


def test_by_facilitator_every_field(week, week_path):
    conn = sqlite3.connect(week_path)
    ids = dict(conn.execute("select handle, id from facilitators").fetchall())
    conn.close()
    got = summary.summary_by_facilitator(week, parse_week("2026-W48"))
    assert got == [
        {
            "id": ids["budi"],
            "handle": "budi",
            "name": "Budi Santoso",
            "visits": 2,
            "kelurahan_covered": 1,
            "kelurahan_assigned": 1,
            "kelurahan_visited": 2,
            "lkk_reached": 3,
            "male": 7,
            "female": 3,
            "female_share": 0.3,
            "hours": 1.0,
            "followups_open": 1,
            "followups_overdue": 1,
            "days_worked": 2,  # 25 and 27 November
            "followups_opened": 1,  # f4, raised on 24 November (f3 on 2 November)
            "followups_done": 1,  # f4, done on 28 November
            "last_bundle_at": None,  # no bundle came: all made here
            "last_bundle_newest": None,
        },
        {
            "id": ids["siti"],
            "handle": "siti",
            "name": "Siti Aminah",
            "visits": 2,
            "kelurahan_covered": 2,
            "kelurahan_assigned": 2,
            "kelurahan_visited": 2,
            "lkk_reached": 1,
            "male": 4,
            "female": 9,
            "female_share": 0.692,
            "hours": 1.5,
            "followups_open": 2,
            "followups_overdue": 1,
            "days_worked": 2,  # 23 and 28 November (24 November's visit is deleted)
            "followups_opened": 1,  # f1 (f6, also of 23 November, is deleted)
            "followups_done": 1,  # f2, done on 24 November
            "last_bundle_at": None,
            "last_bundle_newest": None,
        },
    ]
    timur = summary.summary_by_facilitator(
        week, parse_week("this"), regions.kecamatan(week, "Pekalongan Timur").kode
    )
    shown = [
        (r["handle"], r["visits"], r["kelurahan_covered"], r["kelurahan_assigned"]) for r in timur
    ]
    assert shown == [("budi", 1, 1, 1)]


# --- the query layer -------------------------------------------------------------------------


def test_core_reads_plain_sqlite3_and_sqlite_utils_alike(week, week_path):
    period = parse_week("2026-W48")
    plain = summary.open_read(week_path)
    assert isinstance(plain, sqlite3.Connection)
    rich_db = connect(week_path, write=False)
    try:
        assert summary.build_summary(plain, period) == summary.build_summary(rich_db, period)
        assert summary.summary_by_facilitator(plain, period) == summary.summary_by_facilitator(
            rich_db, period
        )
        assert summary.build_summary(plain, period) == summary.build_summary(week, period)
    finally:
        plain.close()
        rich_db.close()


def test_open_read_declines_what_it_cannot_read_alone(tmp_path):
    assert summary.open_read(tmp_path / "missing.db") is None
    bare = tmp_path / "bare.db"
    sqlite3.connect(bare).execute("create table t (x)").connection.close()
    assert summary.open_read(bare) is None  # no faskel migrations: the ordinary path reports


def test_a_file_of_the_release_before_is_migrated_then_summarised_the_same(week, week_path):
    """The last migration pending (m016, whose table and index the queries name): the fast
    path declines, and the ordinary one migrates the file and gives the same numbers."""
    period = parse_week("2026-W48")
    want = summary.build_summary(week, period)
    conn = sqlite3.connect(week_path)
    with conn:
        undo_m016(conn)
    conn.close()
    assert summary.open_read(week_path) is None
    reader = connect(week_path, write=False)
    try:
        assert summary.build_summary(reader, period) == want
    finally:
        reader.close()
    fast = summary.open_read(week_path)
    assert fast is not None
    fast.close()


def test_queries_read_the_period_through_indexes(week, week_path):
    conn = summary.open_read(week_path)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    summary.build_summary(conn, parse_week("2026-W48"))
    summary.summary_by_facilitator(conn, parse_week("2026-W48"))
    conn.set_trace_callback(None)
    plans = []
    for sql in statements:
        plans += [row[3] for row in conn.execute("explain query plan " + sql)]
    conn.close()
    text = "\n".join(plans)
    assert "SEARCH visits USING INDEX visits_summary (date>? AND date<?)" in text
    assert "SEARCH v USING INDEX visits_links (date>? AND date<?)" in text
    assert "SEARCH vl USING PRIMARY KEY (visit_id=?)" in text
    # Activities by stage from the counts kept per village, corrected through the range
    # of those whose stage changed after the period, from their index alone.
    assert "SCAN activity_stage_counts\n" in text
    assert "SEARCH a USING COVERING INDEX activities_stage_since (stage_since>?)" in text
    # Never a scan of a whole table that grows with the history.
    allowed = "(?! USING (COVERING )?INDEX followups_open\\b)"
    for table in ("visits", "visit_lkk", "followups", "activity_stages", "activities"):
        assert not re.search(rf"SCAN {table}\b{allowed}", text), table
