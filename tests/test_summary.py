"""`faskel summary`: hand-checked numbers (every JSON field), periods and ISO weeks at the turn
of the year, every rendering (table at 80 and 120 columns, CSV, Markdown), per facilitator,
and the query layer itself (plain sqlite3 connections, index use)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY, Cli, dump

ENV = {"FASKEL_TODAY": TODAY, "FASKEL_LANG": None, "FASKEL_DB": None, "NO_COLOR": "1"}

# Kota Pekalongan (data/wilayah.csv): (kode, nama) of the 4 kecamatan and 27 kelurahan.
KECAMATAN = [
    ("33.75.01", "Pekalongan Barat"),
    ("33.75.02", "Pekalongan Timur"),
    ("33.75.03", "Pekalongan Utara"),
    ("33.75.04", "Pekalongan Selatan"),
]
KELURAHAN = [
    ("33.75.01.1002", "Medono"),
    ("33.75.01.1003", "Podosugih"),
    ("33.75.01.1004", "Sapuro Kebulen"),
    ("33.75.01.1006", "Bendan Kergon"),
    ("33.75.01.1008", "Pasirkratonkramat"),
    ("33.75.01.1009", "Tirto"),
    ("33.75.01.1012", "Pringrejo"),
    ("33.75.02.1002", "Noyontaansari"),
    ("33.75.02.1004", "Kauman"),
    ("33.75.02.1007", "Poncol"),
    ("33.75.02.1008", "Klego"),
    ("33.75.02.1009", "Gamer"),
    ("33.75.02.1010", "Setono"),
    ("33.75.02.1012", "Kali Baros"),
    ("33.75.03.1002", "Krapyak"),
    ("33.75.03.1003", "Kandang Panjang"),
    ("33.75.03.1004", "Panjang Wetan"),
    ("33.75.03.1006", "Padukuhan Kraton"),
    ("33.75.03.1007", "Degayu"),
    ("33.75.03.1009", "Bandengan"),
    ("33.75.03.1010", "Panjang Baru"),
    ("33.75.04.1002", "Banyurip"),
    ("33.75.04.1003", "Buaran Kradenan"),
    ("33.75.04.1004", "Jenggot"),
    ("33.75.04.1006", "Kuripan Kertoharjo"),
    ("33.75.04.1008", "Kuripan Yosorejo"),
    ("33.75.04.1010", "Sokoduwet"),
]
KEC_TOTAL = {"33.75.01": 7, "33.75.02": 7, "33.75.03": 7, "33.75.04": 6}
MEDONO, TIRTO, KAUMAN, PONCOL = "33.75.01.1002", "33.75.01.1009", "33.75.02.1004", "33.75.02.1007"
BARAT, TIMUR = "33.75.01", "33.75.02"


def counts(activities=(0, 0, 0, 0), **values) -> dict:
    """The count fields of a summary row: zero (and nulls) unless given."""
    row = {
        "visits": 0,
        "facilitators": 0,
        "lkk_reached": 0,
        "male": 0,
        "female": 0,
        "female_share": None,
        "activities": dict(
            zip(
                ("perencanaan", "pelaksanaan", "pertanggungjawaban", "evaluasi"),
                activities,
                strict=True,
            )
        ),
        "stage_moves": 0,
        "followups_opened": 0,
        "followups_done": 0,
        "followups_open": 0,
        "followups_overdue": 0,
        "last_visit": None,
    }
    unknown = set(values) - set(row)
    assert not unknown, unknown
    row.update(values)
    return row


def expected(label, start, end, kelurahan: dict, kecamatan: dict, totals: dict) -> dict:
    """The whole JSON: every kelurahan and kecamatan, those not given being all zero."""
    kel_rows = []
    for kode, nama in KELURAHAN:
        kec_kode = kode[:8]
        kec_nama = dict(KECAMATAN)[kec_kode]
        kel_rows.append(
            {
                "kode": kode,
                "nama": nama,
                "kecamatan_kode": kec_kode,
                "kecamatan": kec_nama,
                **kelurahan.get(kode, counts()),
            }
        )
    kec_rows = []
    for kode, nama in KECAMATAN:
        given = dict(kecamatan.get(kode, {"kelurahan_visited": 0}))
        visited = given.pop("kelurahan_visited")
        kec_rows.append(
            {
                "kode": kode,
                "nama": nama,
                **(given or counts()),
                "kelurahan_visited": visited,
                "kelurahan_total": KEC_TOTAL[kode],
            }
        )
    return {
        "area": {"kode": "33.75", "nama": "Kota Pekalongan"},
        "period": {"label": label, "start": start, "end": end},
        "kelurahan": kel_rows,
        "kecamatan": kec_rows,
        "totals": totals,
        "not_visited": [row["kode"] for row in kel_rows if row["visits"] == 0],
    }


# --- the hand-checked database -------------------------------------------------------------


def build_week_db(path: Path) -> dict:
    """Visits, activities and follow-ups around 2026-W48 (23-29 Nov 2026), all made through
    the CLI. Returns the ids of what was made."""
    cli = Cli(path)

    def ok(*args: str) -> str:
        return cli.ok(*args, env=ENV).stdout.strip()

    ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", "-k", "Tirto")
    ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "--kelurahan", "Kauman")
    for kelurahan, kind, name in (
        ("Medono", "posyandu", "Posyandu Melati"),
        ("Medono", "pkk", "PKK Medono"),
        ("Medono", "karang-taruna", "Karang Taruna Medono"),
        ("Kauman", "bkm", "BKM Kauman"),
    ):
        ok("lkk", "add", "--kelurahan", kelurahan, "--type", kind, "--name", name)

    def visit(day, kelurahan, who, *extra) -> str:
        return ok(
            "visit", "add", "--date", day, "--kelurahan", kelurahan, "--facilitator", who,
            "--kind", "pendampingan", "--strand", "kesadaran", *extra,
        )  # fmt: skip

    ids = {}
    # 2026-W48
    ids["v1"] = visit(
        "2026-11-23", "Medono", "siti", "--lkk", "Posyandu Melati",
        "--lkk", "Karang Taruna Medono", "--male", "4", "--female", "9", "--duration", "90",
    )  # fmt: skip
    ids["v2"] = visit(
        "2026-11-25", "Medono", "budi", "--lkk", "Posyandu Melati", "--lkk", "PKK Medono",
        "--male", "2", "--female", "3", "--duration", "60",
    )  # fmt: skip
    ids["v3"] = visit("2026-11-27", "Kauman", "budi", "--lkk", "BKM Kauman", "--male", "5")
    ids["v4"] = visit("2026-11-28", "Tirto", "siti")
    ids["v5"] = visit("2026-11-24", "Kauman", "siti", "--male", "50", "--female", "50")
    ok("visit", "delete", ids["v5"])
    # 2026-W47, the Sunday 2026-11-22 included
    ids["v6"] = visit(
        "2026-11-20", "Medono", "siti", "--lkk", "PKK Medono", "--male", "10", "--female", "10"
    )
    ids["v7"] = visit("2026-11-16", "Poncol", "budi", "--male", "3", "--female", "4")
    ids["v8"] = visit("2026-11-22", "Medono", "siti", "--male", "1", "--female", "1")
    # An LKK removed after it was reached is no longer counted.
    ok("lkk", "remove", "Karang Taruna Medono", "--kelurahan", "Medono")

    def activity(kelurahan, title, kind, day, *moves) -> str:
        found = ok(
            "activity", "add", "--kelurahan", kelurahan, "--title", title, "--type", kind,
            "--date", day,
        )  # fmt: skip
        for move in moves:
            ok("activity", "advance", found, "--date", move)
        return found

    ids["a1"] = activity("Medono", "Normalisasi saluran", "fisik", "2026-10-01", "2026-11-10",
                         "2026-11-24")  # fmt: skip
    ids["a2"] = activity("Medono", "Pelatihan kader", "nonfisik", "2026-11-26")
    ids["a3"] = activity("Kauman", "Kerja bakti", "fisik", "2026-09-01", "2026-09-15",
                         "2026-10-01", "2026-11-27")  # fmt: skip
    ids["a4"] = activity("Kauman", "Sosialisasi PHBS", "nonfisik", "2026-11-01")
    ok("activity", "delete", ids["a4"])
    ids["a5"] = activity("Tirto", "Perbaikan jalan", "fisik", "2026-11-20", "2026-11-28")

    def followup(kelurahan, day, due, owner) -> str:
        return ok(
            "followup", "add", "--kelurahan", kelurahan, "--problem", "Kendala " + day,
            "--action", "Tindak lanjut", "--date", day, "--due", due, "--owner", owner,
        )  # fmt: skip

    ids["f1"] = followup("Medono", "2026-11-23", "2026-11-25", "siti")
    ids["f2"] = followup("Medono", "2026-11-10", "2026-12-10", "siti")
    ok("followup", "done", ids["f2"], "--note", "Selesai", "--date", "2026-11-24")
    ids["f3"] = followup("Kauman", "2026-11-02", "2026-11-20", "budi")
    ids["f4"] = followup("Kauman", "2026-11-24", "2026-12-01", "budi")
    ok("followup", "done", ids["f4"], "--note", "Selesai", "--date", "2026-11-28")
    ids["f5"] = followup("Tirto", "2026-11-05", "2026-11-30", "siti")
    ids["f6"] = followup("Medono", "2026-11-23", "2026-11-30", "siti")
    ok("followup", "delete", ids["f6"])
    return ids


@pytest.fixture(scope="module")
def week_template(tmp_path_factory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("summary") / "template.db"
    ids = build_week_db(path)
    return path, ids


@pytest.fixture
def week(week_template, db_path) -> Cli:
    """A fresh copy of the hand-checked database for one test."""
    template, ids = week_template
    shutil.copyfile(template, db_path)
    cli = Cli(db_path)
    cli.ids = ids
    return cli


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
    got = week.json("summary", "--week", "2026-W48")
    want = expected(
        "2026-W48", "2026-11-23", "2026-11-29", W48_KELURAHAN, W48_KECAMATAN, W48_TOTALS
    )
    assert got == want
    # Keys exactly, in the documented order.
    assert list(got) == ["area", "period", "kelurahan", "kecamatan", "totals", "not_visited"]
    assert list(got["kelurahan"][0]) == [
        "kode", "nama", "kecamatan_kode", "kecamatan", "visits", "facilitators",
        "lkk_reached", "male", "female", "female_share", "activities", "stage_moves",
        "followups_opened", "followups_done", "followups_open", "followups_overdue",
        "last_visit",
    ]  # fmt: skip
    assert list(got["kecamatan"][0])[-2:] == ["kelurahan_visited", "kelurahan_total"]
    assert list(got["totals"])[-3:] == ["kelurahan_visited", "kelurahan_total", "completeness"]
    assert len(got["not_visited"]) == 24


def test_earlier_week_stage_as_of_its_end_and_followup_closed_after_it(week):
    """2026-W47: activities are in the stage they had on 22 Nov (later moves ignored, the
    activity started on 26 Nov not counted); the follow-up done on 24 Nov was open then."""
    got = week.json("summary", "--week", "last")
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
    this = week.json("summary")
    assert this["period"] == {"label": "2026-W48", "start": "2026-11-23", "end": "2026-11-29"}
    assert week.json("summary", "--week", "this") == this
    assert week.json("summary", "--week", "ini") == this
    assert week.json("summary", "--since", "2026-11-23", "--until", "2026-11-29") == this
    assert week.json("summary", "--week", "2026w48") == this


def test_date_range_is_labelled_start_to_end(week):
    got = week.json("summary", "--since", "16/11/2026", "--until", "2026-11-29")
    assert got["period"] == {
        "label": "2026-11-16..2026-11-29",
        "start": "2026-11-16",
        "end": "2026-11-29",
    }
    totals = got["totals"]
    assert (totals["visits"], totals["facilitators"], totals["kelurahan_visited"]) == (7, 2, 4)
    assert (totals["male"], totals["female"], totals["lkk_reached"]) == (25, 27, 3)
    assert totals["stage_moves"] == 3 and totals["followups_opened"] == 2


def test_kecamatan_only(week):
    got = week.json("summary", "--week", "2026-W48", "--kecamatan", "Pekalongan Barat")
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
        }
    ]
    assert got["totals"] == {
        **barat,
        "kelurahan_visited": 2,
        "kelurahan_total": 7,
        "completeness": 0.286,
    }
    assert got["not_visited"] == [
        "33.75.01.1003", "33.75.01.1004", "33.75.01.1006", "33.75.01.1008", "33.75.01.1012",
    ]  # fmt: skip
    assert week.json("summary", "--kecamatan", "33.75.01") == week.json(
        "summary", "--kecamatan", "pekalongan-barat"
    )


def test_empty_database_shows_every_kelurahan(cli):
    cli.ok("init")
    got = cli.json("summary", "--week", "2026-W48")
    assert got == expected(
        "2026-W48",
        "2026-11-23",
        "2026-11-29",
        {},
        {},
        {**counts(), "kelurahan_visited": 0, "kelurahan_total": 27, "completeness": 0.0},
    )
    assert len(got["not_visited"]) == 27


# --- ISO weeks at the turn of the year ----------------------------------------------------


@pytest.fixture
def year_turn(cli) -> Cli:
    env = {**ENV, "FASKEL_TODAY": "2027-01-10"}
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", env=env)
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
        cli.ok(
            "visit", "add", "--date", day, "--kelurahan", kelurahan, "--facilitator", "siti",
            "--kind", "bimbingan", "--strand", "pemetaan", "--male", str(male),
            "--female", str(female), env=env,
        )  # fmt: skip
    return cli


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
    got = year_turn.json("summary", "--week", week)
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
    assert year_turn.json("summary", "--since", start, "--until", end)["period"]["label"] == week
    shorter = year_turn.json("summary", "--since", start, "--until", start)
    assert shorter["period"]["label"] == f"{start}..{start}"


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
def test_invalid_weeks_are_refused_in_one_line(cli, week, hint):
    result = cli.fails("summary", "--week", week, code=2)
    assert week in result.stderr and hint in result.stderr


def test_bad_options_are_refused_in_one_line(week, db_path):
    before = dump(db_path)
    assert "Pekalongan" in week.fails("summary", "--kecamatan", "Pekalongan Tengah").stderr
    assert "facilitator" in week.fails("summary", "--by", "desa", code=2).stderr
    assert "md" in week.fails("summary", "--format", "xlsx", code=2).stderr
    assert "--week" in week.fails("summary", "--week", "2026-W48", "--since", "2026-11-01").stderr
    assert (
        "--until" in week.fails("summary", "--since", "2026-11-30", "--until", "2026-11-01").stderr
    )
    assert dump(db_path) == before


def test_summary_only_reads(week, db_path):
    before = dump(db_path)
    for fmt in ("table", "json", "csv", "md"):
        week.ok("summary", "--format", fmt)
        week.ok("summary", "--by", "facilitator", "--format", fmt)
    assert dump(db_path) == before


# --- renderings ------------------------------------------------------------------------------


def test_csv_is_the_json_flattened(week):
    data = week.json("summary", "--week", "2026-W48")
    text = week.ok("summary", "--week", "2026-W48", "--format", "csv").stdout[1:]  # the BOM
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 27
    assert list(rows[0]) == [
        "kode", "nama", "kecamatan_kode", "kecamatan", "visits", "facilitators",
        "lkk_reached", "male", "female", "female_share", "activities_perencanaan",
        "activities_pelaksanaan", "activities_pertanggungjawaban", "activities_evaluasi",
        "stage_moves", "followups_opened", "followups_done", "followups_open",
        "followups_overdue", "last_visit",
    ]  # fmt: skip
    for row, item in zip(rows, data["kelurahan"], strict=True):
        for key, value in row.items():
            if key.startswith("activities_"):
                want = item["activities"][key.removeprefix("activities_")]
            else:
                want = item[key]
            assert value == ("" if want is None else str(want)), key
    assert rows[0]["female_share"] == "0.667" and rows[1]["female_share"] == ""


def test_markdown_table(week):
    text = week.ok("summary", "--week", "2026-W48", "--format", "md").stdout
    lines = text.splitlines()
    assert lines[0] == "### Ringkasan 2026-W48 · Kota Pekalongan"
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 27 + 4 + 1  # heading, rule, kelurahan, subtotals, total
    assert table[0].startswith("| Kelurahan | Kunj |")
    medono = next(line for line in table if "Medono" in line)
    assert medono == "| Medono | 2 | 2 | 2 | 6 | 12 | 67% | 1 | 0 | 1 | 0 | 1/1 | 2026-11-25 |"
    assert "| ○ Podosugih | 0 |" in text
    assert "| **Pekalongan Barat (2/7)** | **3** | **2** |" in text
    assert "| **Kota Pekalongan (3/27)** | **4** | **2** | **3** | **11** | **12** |" in text
    assert "**3 dari 27 kelurahan dikunjungi (11%)**" in text
    english = week.ok("--lang", "en", "summary", "--week", "2026-W48", "--format", "md").stdout
    assert "**3 of 27 kelurahan visited (11%)**" in english


def _table(cli, columns: int, *first: str) -> list[str]:
    result = cli.ok(*first, "summary", "--week", "2026-W48", env={"COLUMNS": str(columns)})
    return result.stdout.splitlines()


@pytest.mark.parametrize("columns", [80, 120])
def test_table_fits_and_never_cuts_a_number(week, columns):
    lines = _table(week, columns)
    assert all(len(line.rstrip()) <= columns for line in lines), max(map(len, lines))
    # One line per kelurahan (never wrapped), grouped by kecamatan with subtotals.
    for _, nama in KELURAHAN:
        assert sum(1 for line in lines if re.search(rf"^[○ ] {nama}\b", line)) == 1, nama
    medono = next(line for line in lines if line.startswith("  Medono"))
    assert medono.split()[1:7] == ["2", "2", "2", "6", "12", "67%"]
    assert medono.rstrip().endswith("1/1  2026-11-25")
    # Not visited: marked with a symbol that needs no colour; never left out.
    assert next(line for line in lines if "Podosugih" in line).startswith("○ Podosugih")
    names = [nama for _, nama in KELURAHAN]
    marked = [line for line in lines if line.startswith("○ ") and line[2:].split("  ")[0] in names]
    assert len(marked) == 24
    assert any(line.startswith("○ belum dikunjungi: Podosugih, Sapuro Kebulen") for line in lines)
    assert any(line.startswith("Pekalongan Barat (2/7)") for line in lines)
    assert any(line.startswith("Kota Pekalongan (3/27)") for line in lines)
    order = [i for i, line in enumerate(lines) if "Medono" in line or "Pekalongan Barat (" in line]
    assert order == sorted(order)
    assert "3 dari 27 kelurahan dikunjungi (11%)" in lines
    if columns == 120:
        assert "Ren" in lines[1] and "Eva" in lines[1]  # one column per stage
    else:
        assert "Tahap" in lines[1] and "1·0·1·0" in medono  # stages in one column


@pytest.mark.parametrize("columns", [80, 120])
def test_table_in_english(week, columns):
    lines = _table(week, columns, "--lang", "en")
    assert all(len(line.rstrip()) <= columns for line in lines)
    assert "3 of 27 kelurahan visited (11%)" in lines
    assert any(line.startswith("○ not visited: Podosugih") for line in lines)
    assert lines[0].startswith("Summary 2026-W48 · Kota Pekalongan")


def test_table_with_large_numbers_at_80_columns(week):
    for _ in range(3):
        week.ok(
            "visit", "add", "--date", "2026-11-26", "--kelurahan", "Kuripan Kertoharjo",
            "--facilitator", "budi", "--kind", "pengawasan", "--strand", "pengawasan",
            "--male", "10000", "--female", "9999",
        )  # fmt: skip
    lines = _table(week, 80)
    assert all(len(line.rstrip()) <= 80 for line in lines)
    row = next(line for line in lines if "Kuripan Kertoharjo" in line)
    assert row.split()[2] == "3"
    total = next(line for line in lines if line.startswith("Kota Pekalongan"))
    assert "30011" in total.split() and "30009" in total.split()


# --- per facilitator -------------------------------------------------------------------------


def test_by_facilitator_every_field(week, db_path):
    conn = sqlite3.connect(db_path)
    ids = dict(conn.execute("select handle, id from facilitators").fetchall())
    conn.close()
    got = week.json("summary", "--week", "2026-W48", "--by", "facilitator")
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
        },
    ]
    timur = week.json("summary", "--by", "facilitator", "--kecamatan", "Pekalongan Timur")
    shown = [
        (r["handle"], r["visits"], r["kelurahan_covered"], r["kelurahan_assigned"]) for r in timur
    ]
    assert shown == [("budi", 1, 1, 1)]


def test_by_facilitator_renderings(week):
    lines = week.ok("summary", "--by", "facilitator", env={"COLUMNS": "80"}).stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    siti = next(line for line in lines if "siti" in line)
    assert "2/2" in siti and "1.5" in siti and "2/1" in siti
    text = week.ok("summary", "--by", "facilitator", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["handle"] for r in rows] == ["budi", "siti"] and rows[1]["hours"] == "1.5"
    md = week.ok("summary", "--by", "facilitator", "--format", "md").stdout
    assert "| siti | Siti Aminah | 2 | 2/2 | 1 | 4 | 9 | 69% | 1.5 | 2/1 |" in md


# --- the query layer -------------------------------------------------------------------------


def test_core_reads_plain_sqlite3_and_sqlite_utils_alike(week, db_path):
    from faskel_cli.core import summary
    from faskel_cli.core.dates import parse_week
    from faskel_cli.core.db import connect

    period = parse_week("2026-W48")
    plain = summary.open_read(db_path)
    assert isinstance(plain, sqlite3.Connection)
    rich_db = connect(db_path, write=False)
    try:
        assert summary.build_summary(plain, period) == summary.build_summary(rich_db, period)
        assert summary.summary_by_facilitator(plain, period) == summary.summary_by_facilitator(
            rich_db, period
        )
        assert json.dumps(summary.build_summary(plain, period)) == json.dumps(
            week.json("summary", "--week", "2026-W48")
        )
    finally:
        plain.close()
        rich_db.close()


def test_open_read_declines_what_it_cannot_read_alone(tmp_path):
    from faskel_cli.core import summary

    assert summary.open_read(tmp_path / "missing.db") is None
    bare = tmp_path / "bare.db"
    sqlite3.connect(bare).execute("create table t (x)").connection.close()
    assert summary.open_read(bare) is None  # no faskel migrations: the ordinary path reports


def test_queries_read_the_period_through_indexes(week, db_path):
    from faskel_cli.core import summary
    from faskel_cli.core.dates import parse_week

    conn = summary.open_read(db_path)
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
    # Never a scan of a whole table that grows with the history.
    for table in ("visits", "visit_lkk", "followups", "activity_stages", "activities"):
        assert not re.search(rf"SCAN {table}\b(?! USING (COVERING )?INDEX followups_open)", text), (
            table
        )


def test_summary_json_imports_no_heavy_library(week, db_path):
    """The summary is timed against the sqlite3 shell (bench/): its JSON needs neither
    sqlite-utils nor pydantic nor rich."""
    code = (
        "import sys\n"
        "from faskel_cli.cli import main\n"
        f"sys.argv = ['faskel', '--db', {str(db_path)!r}, 'summary', '--week', 'last',"
        " '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('sqlite_utils', 'pydantic', 'rich') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "FASKEL_TODAY": TODAY}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert json.loads(done.stdout)["period"]["label"] == "2026-W47"
    assert "HEAVY []" in done.stderr, done.stderr
