"""Activities: start, advance through the four stages, list (stalled), show, link visits,
delete/restore; rupiah amounts; and every bad input refused with the database untouched."""

from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faskel_cli.core import money
from faskel_cli.core.errors import InputError
from tests.conftest import ROOT, dump

KEYS = [
    "id",
    "kelurahan_kode",
    "kelurahan",
    "kecamatan",
    "title",
    "type",
    "funding",
    "budget",
    "spent",
    "stage",
    "stage_since",
    "stages",
    "lkk",
    "created_at",
    "updated_at",
]

# A visit to Medono (the start of `visit add`), used here and in test_followups.
VISIT = [
    "visit",
    "add",
    "--date",
    "2026-11-23",
    "-k",
    "Medono",
    "--facilitator",
    "siti",
    "--kind",
    "pendampingan",
    "--strand",
    "pemetaan",
]


def add_activity(cli, *extra, kelurahan="Medono", date="2026-10-01"):
    args = ["activity", "add", "-k", kelurahan, "--title", "Normalisasi saluran RW 03"]
    if "--type" not in extra:
        args += ["--type", "fisik"]
    if date and "--date" not in extra:
        args += ["--date", date]
    return cli.ok(*args, *extra).stdout.strip()


def stage_rows(db_path, activity_id):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "select id, seq, stage, date, note, spent, created_at from activity_stages "
            "where activity_id = ? order by seq",
            [activity_id],
        ).fetchall()
    finally:
        conn.close()


def activity_row(db_path, activity_id):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "select start_date, stage, stage_since, budget, spent from activities where id = ?",
            [activity_id],
        ).fetchone()
    finally:
        conn.close()


# --- rupiah ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("25000000", 25_000_000),
        ("25.000.000", 25_000_000),
        ("25jt", 25_000_000),
        ("25 juta", 25_000_000),
        ("25 JT", 25_000_000),
        ("Rp 25.000.000", 25_000_000),
        ("Rp25.000.000", 25_000_000),
        ("Rp. 25.000.000,-", 25_000_000),
        ("IDR 25.000.000", 25_000_000),
        ("25.000.000,00", 25_000_000),
        ("25,000,000", 25_000_000),
        ("25 000 000", 25_000_000),
        ("1,5 juta", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("7,85 juta", 7_850_000),
        ("1.500 juta", 1_500_000_000),
        ("500rb", 500_000),
        ("500 ribu", 500_000),
        ("2 miliar", 2_000_000_000),
        ("0", 0),
        ("1 triliun", 1_000_000_000_000),
        (12_500, 12_500),
    ],
)
def test_rupiah_forms(typed, amount):
    assert money.parse_rupiah(typed, "--budget") == amount


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("-5000", "err.money_negative"),
        ("Rp -5.000", "err.money_negative"),
        ("\u22125.000", "err.money_negative"),
        ("banyak", "err.money_format"),
        ("", "err.money_format"),
        ("25.00.000", "err.money_format"),
        ("25 jt jt", "err.money_format"),
        ("25 dolar", "err.money_format"),
        ("1,5", "err.money_fraction"),
        ("25.000,50", "err.money_fraction"),
        ("1.000.000.000.001", "err.money_too_big"),
        ("1,5 triliun", "err.money_too_big"),
        ("2 M", "err.money_unit_m"),
        ("1,500", "err.money_ambiguous"),
    ],
)
def test_rupiah_refused(typed, key):
    with pytest.raises(InputError) as caught:
        money.parse_rupiah(typed, "--spent")
    assert caught.value.key == key
    assert caught.value.params["option"] == "--spent"


@given(st.integers(min_value=0, max_value=money.MAX_RUPIAH))
def test_rupiah_round_trip(amount):
    assert money.parse_rupiah(money.format_rupiah(amount)) == amount


# --- add, advance, show ---------------------------------------------------------------------


def test_add_starts_in_perencanaan_and_json_has_exact_keys(seeded, db_path):
    activity_id = add_activity(
        seeded,
        "--funding",
        "Dana Kelurahan 2026",
        "--budget",
        "Rp 25.000.000",
        "--lkk",
        "PKK Medono",
        "--lkk",
        "posyandu melati",
    )
    assert len(activity_id) == 36 and activity_id[14] == "7"  # a UUIDv7
    shown = seeded.json("activity", "show", activity_id[:13])
    assert list(shown) == [*KEYS, "visits"]
    assert shown["kelurahan_kode"] == "33.75.01.1002"
    assert shown["kecamatan"] == "Pekalongan Barat"
    assert (shown["type"], shown["funding"], shown["budget"], shown["spent"]) == (
        "fisik",
        "Dana Kelurahan 2026",
        25_000_000,
        None,
    )
    assert (shown["stage"], shown["stage_since"]) == ("perencanaan", "2026-10-01")
    assert shown["stages"] == [{"stage": "perencanaan", "date": "2026-10-01", "note": None}]
    assert shown["lkk"] == ["PKK Medono", "Posyandu Melati"]
    assert shown["visits"] == []
    assert shown["created_at"].endswith("Z")
    # the data contract: seq 0 is the perencanaan event on the start date
    rows = stage_rows(db_path, activity_id)
    assert [(r[1], r[2], r[3]) for r in rows] == [(0, "perencanaan", "2026-10-01")]
    assert activity_row(db_path, activity_id)[:3] == ("2026-10-01", "perencanaan", "2026-10-01")


def test_add_defaults_to_today_and_json_format(seeded):
    item = seeded.json(
        "activity", "add", "-k", "Kauman", "--title", "Pelatihan menjahit", "--type", "non-fisik"
    )
    assert list(item) == KEYS
    assert (item["type"], item["stage_since"], item["budget"]) == ("nonfisik", "2026-11-28", None)


def test_advance_through_all_four_stages(seeded, db_path):
    activity_id = add_activity(seeded, "--budget", "25jt")
    out = seeded.ok(
        "activity", "advance", activity_id, "--date", "2026-10-20", "--note", "Kerja bakti"
    )
    assert "perencanaan → pelaksanaan" in out.stdout
    seeded.ok("activity", "advance", activity_id, "--date", "10/11/2026", "--spent", "24.500.000")
    first_rows = stage_rows(db_path, activity_id)
    item = seeded.json("activity", "advance", activity_id, "--date", "2026-11-20")
    assert (item["stage"], item["stage_since"], item["spent"]) == (
        "evaluasi",
        "2026-11-20",
        24_500_000,
    )
    assert item["stages"] == [
        {"stage": "perencanaan", "date": "2026-10-01", "note": None},
        {"stage": "pelaksanaan", "date": "2026-10-20", "note": "Kerja bakti"},
        {"stage": "pertanggungjawaban", "date": "2026-11-10", "note": None},
        {"stage": "evaluasi", "date": "2026-11-20", "note": None},
    ]
    rows = stage_rows(db_path, activity_id)
    assert [r[1] for r in rows] == [0, 1, 2, 3]
    assert rows[2][5] == 24_500_000  # spent kept on its event
    assert rows[:3] == first_rows  # earlier events are never rewritten
    assert activity_row(db_path, activity_id)[1:3] == ("evaluasi", "2026-11-20")
    table = seeded.ok("activity", "show", activity_id).stdout
    assert "DIHAPUS" not in table
    assert "Rp 24.500.000" in table and "Kerja bakti" in table and "evaluasi" in table
    # nothing comes after evaluasi
    before = dump(db_path)
    assert "evaluasi" in seeded.fails("activity", "advance", activity_id, code=4).stderr
    assert dump(db_path) == before


def test_english_stage_aliases_and_default_date(seeded):
    activity_id = add_activity(seeded)
    item = seeded.json("activity", "advance", activity_id, "--to", "implementation")
    assert (item["stage"], item["stage_since"]) == ("pelaksanaan", "2026-11-28")


def test_forced_skip_and_back_keep_every_event(seeded, db_path):
    activity_id = add_activity(seeded)
    seeded.ok(
        "activity",
        "advance",
        activity_id,
        "--to",
        "pertanggungjawaban",
        "--force",
        "--note",
        "Pelaksanaan selesai sebelum didampingi",
        "--date",
        "2026-10-10",
        "--spent",
        "3,5 jt",
    )
    item = seeded.json(
        "activity",
        "advance",
        activity_id,
        "--to",
        "pelaksanaan",
        "--force",
        "--note",
        "Pekerjaan diulang karena hujan",
        "--date",
        "2026-10-10",
    )
    assert item["stage"] == "pelaksanaan" and item["spent"] == 3_500_000
    assert [s["stage"] for s in item["stages"]] == [
        "perencanaan",
        "pertanggungjawaban",
        "pelaksanaan",
    ]
    assert [r[1] for r in stage_rows(db_path, activity_id)] == [0, 1, 2]
    history = seeded.json("history", activity_id)
    assert [h["action"] for h in history] == ["create", "advance", "advance"]
    assert history[1]["before"]["stage"] == "perencanaan"
    assert history[1]["after"]["stage"] == "pertanggungjawaban"


def _list_setup(cli):
    """Four activities as of 2026-11-28: stalled in perencanaan, recent in pelaksanaan,
    finished (evaluasi, long ago) and one in Kauman."""
    old = add_activity(cli, "--date", "2026-09-01")
    moving = add_activity(cli, "--date", "2026-10-01", "--type", "nonfisik")
    cli.ok("activity", "advance", moving, "--date", "2026-11-20")
    done = add_activity(cli, "--date", "2026-08-01", kelurahan="Tirto")
    for day in ("2026-08-10", "2026-08-20", "2026-09-01"):
        cli.ok("activity", "advance", done, "--date", day)
    kauman = add_activity(cli, "--date", "2026-11-01", kelurahan="Kauman")
    return old, moving, done, kauman


def test_list_columns_filters_and_stalled(seeded):
    old, moving, done, kauman = _list_setup(seeded)
    rows = seeded.json("activity", "list")
    assert len(rows) == 4
    assert all(list(r) == KEYS for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id[moving]["stage"] == "pelaksanaan"
    assert [r["id"] for r in seeded.json("activity", "list", "--stalled")] == [old]
    assert {r["id"] for r in seeded.json("activity", "list", "-k", "medono")} == {old, moving}
    assert [
        r["id"] for r in seeded.json("activity", "list", "--kecamatan", "Pekalongan Timur")
    ] == [kauman]
    assert [r["id"] for r in seeded.json("activity", "list", "--stage", "evaluation")] == [done]
    assert [r["id"] for r in seeded.json("activity", "list", "--type", "nonfisik")] == [moving]
    # a smaller stall_days setting: more stalled; evaluasi is never stalled
    seeded.ok("config", "set", "stall_days", "20")
    assert {r["id"] for r in seeded.json("activity", "list", "--stalled")} == {old, kauman}
    table = seeded.ok("activity", "list").stdout
    for heading in ("Kelurahan", "Judul", "Jenis", "Tahap", "Sejak", "Hari"):
        assert heading in table
    assert "Kegiatan (4)" in table and "88" in table  # 2026-09-01 .. 2026-11-28
    csv_text = seeded.ok("activity", "list", "--format", "csv").stdout[1:]  # the BOM
    assert csv_text.splitlines()[0] == ",".join([*KEYS, "days_in_stage"])
    assert "perencanaan 2026-10-01; pelaksanaan 2026-11-20" in csv_text


def test_list_as_of_uses_the_stage_then(seeded):
    old, moving, done, kauman = _list_setup(seeded)
    rows = seeded.json("activity", "list", "--as-of", "2026-10-15")
    by_id = {r["id"]: r for r in rows}
    assert kauman not in by_id  # started after the day
    assert (by_id[moving]["stage"], by_id[moving]["stage_since"]) == ("perencanaan", "2026-10-01")
    assert len(by_id[moving]["stages"]) == 1
    stalled = seeded.json("activity", "list", "--stalled", "--as-of", "2026-10-15")
    assert [r["id"] for r in stalled] == [old]  # 44 days; moving only 14
    assert seeded.json("activity", "list", "--stalled", "--as-of", "2026-09-30") == []
    english = seeded.ok("--lang", "en", "activity", "list", "--stalled").stdout
    assert "Stalled activities (1)" in english


def test_empty_list(seeded):
    assert "Tidak ada kegiatan" in seeded.ok("activity", "list").stdout
    assert seeded.json("activity", "list") == []


def test_visit_references_activity_and_show_lists_it(seeded, db_path):
    activity_id = add_activity(seeded)
    visit_id = seeded.ok(
        *VISIT, "--activity", activity_id[:13], "--notes", "Pengawasan kerja bakti saluran"
    ).stdout.strip()
    shown = seeded.json("activity", "show", activity_id)
    assert [v["id"] for v in shown["visits"]] == [visit_id]
    assert shown["visits"][0]["date"] == "2026-11-23"
    assert shown["visits"][0]["facilitator"] == "siti"
    table = seeded.ok("activity", "show", activity_id).stdout
    assert "2026-11-23" in table and "Pengawasan kerja bakti" in table
    # a deleted visit is no longer listed
    seeded.ok("visit", "delete", visit_id)
    assert seeded.json("activity", "show", activity_id)["visits"] == []


def test_delete_restore_and_history(seeded, db_path):
    activity_id = add_activity(seeded)
    assert activity_id in seeded.ok("activity", "delete", activity_id).stdout
    assert seeded.json("activity", "list") == []
    before = dump(db_path)
    seeded.fails("activity", "advance", activity_id, code=4)
    seeded.fails("activity", "delete", activity_id, code=4)
    seeded.fails(*VISIT, "--activity", activity_id)
    assert "DIHAPUS" in seeded.ok("activity", "show", activity_id).stdout
    assert dump(db_path) == before
    seeded.ok("activity", "restore", activity_id)
    seeded.fails("activity", "restore", activity_id, code=4)
    assert len(seeded.json("activity", "list")) == 1
    history = seeded.json("history", activity_id)
    assert [h["action"] for h in history] == ["create", "delete", "restore"]
    assert history[1]["after"]["deleted_at"] is not None


# --- bad input ------------------------------------------------------------------------------

BAD_ADVANCES = [
    (["--to", "pertanggungjawaban"], "--force"),  # a skip without --force
    (["--to", "evaluasi", "--force"], "--note"),  # a skip with --force but no reason
    (["--to", "accountability", "--note", "x"], "--force"),  # --note alone is not enough
    (["--date", "2026-09-30"], "2026-10-01"),  # before the previous stage's date
    (["--date", "2026-12-01"], "2026-12-01"),  # in the future
    (["--to", "planning"], "perencanaan"),  # the stage it is in
    (["--to", "selesai"], "evaluasi"),  # unknown stage lists the choices
    (["--spent", "-5000"], "--spent"),  # negative (and on the wrong stage)
]


@pytest.mark.parametrize(("extra", "hint"), BAD_ADVANCES)
def test_bad_advance_from_perencanaan(seeded, db_path, extra, hint):
    activity_id = add_activity(seeded)
    before = dump(db_path)
    result = seeded.fails("activity", "advance", activity_id, *extra)
    assert hint in result.stderr
    assert dump(db_path) == before


BAD_ACCOUNTING = [
    (["--spent", "-5000"], "negatif"),
    (["--spent", "Rp -5.000"], "negatif"),
    (["--spent", "banyak"], "bukan jumlah rupiah"),
    (["--spent", "1,5"], "rupiah bulat"),
    (["--spent", "1.000.000.000.001"], "1 triliun"),
    (["--spent", "2 triliun"], "1 triliun"),
    (["--spent", "2 M"], "miliar"),
]


@pytest.mark.parametrize(("extra", "hint"), BAD_ACCOUNTING)
def test_bad_spent_refused(seeded, db_path, extra, hint):
    activity_id = add_activity(seeded)
    seeded.ok("activity", "advance", activity_id, "--date", "2026-10-20")
    before = dump(db_path)
    result = seeded.fails("activity", "advance", activity_id, *extra)
    assert hint in result.stderr
    assert dump(db_path) == before


def test_backward_move_and_spent_on_wrong_stage_refused(seeded, db_path):
    activity_id = add_activity(seeded)
    seeded.ok("activity", "advance", activity_id, "--date", "2026-10-20")
    seeded.ok("activity", "advance", activity_id, "--date", "2026-11-10", "--spent", "20jt")
    before = dump(db_path)
    result = seeded.fails("activity", "advance", activity_id, "--to", "pelaksanaan")
    assert "mundur" in result.stderr and "--force" in result.stderr
    result = seeded.fails("activity", "advance", activity_id, "--to", "pelaksanaan", "--force")
    assert "--note" in result.stderr
    result = seeded.fails("activity", "advance", activity_id, "--spent", "21jt")
    assert "pertanggungjawaban" in result.stderr  # --spent belongs with that stage
    result = seeded.fails("activity", "advance", activity_id, "--date", "2026-11-09")
    assert "2026-11-10" in result.stderr
    assert dump(db_path) == before


BAD_ADDS = [
    (["-k", "Medon", "--title", "X", "--type", "fisik"], "Medono"),
    (["-k", "Medono", "--title", "X", "--type", "fisik", "--lkk", "BKM Kauman"], "Kauman"),
    (["-k", "Medono", "--title", "X", "--type", "jalan"], "nonfisik"),
    (["-k", "Medono", "--title", "  ", "--type", "fisik"], "--title"),
    (["-k", "Medono", "--title", "X" * 301, "--type", "fisik"], "300"),
    (["-k", "Medono", "--title", "X", "--type", "fisik", "--date", "2026-12-01"], "2026-12-01"),
    (["-k", "Medono", "--title", "X", "--type", "fisik", "--budget", "-1"], "--budget"),
    (["-k", "Medono", "--title", "X", "--type", "fisik", "--budget", "2 triliun"], "triliun"),
    (["-k", "Medono", "--title", "X", "--type", "fisik", "--budget", "dua juta"], "--budget"),
    (["-k", "Medono"], "--title, --type"),
]


@pytest.mark.parametrize(("args", "hint"), BAD_ADDS)
def test_bad_add_refused(seeded, db_path, args, hint):
    before = dump(db_path)
    result = seeded.fails("activity", "add", *args)
    assert hint in result.stderr
    assert dump(db_path) == before


def test_visit_with_unknown_or_other_kelurahan_activity_refused(seeded, db_path):
    kauman = add_activity(seeded, kelurahan="Kauman")
    before = dump(db_path)
    result = seeded.fails(*VISIT, "--activity", kauman)
    assert "Kauman" in result.stderr and "Medono" in result.stderr
    result = seeded.fails(*VISIT, "--activity", "ffffffff", code=3)
    assert "ffffffff" in result.stderr
    seeded.fails(*VISIT, "--activity", "abc")
    assert dump(db_path) == before


def test_unknown_ids_refused(seeded, db_path):
    add_activity(seeded)
    before = dump(db_path)
    seeded.fails("activity", "show", "ffffffff", code=3)
    seeded.fails("activity", "advance", "ffffffff", code=3)
    seeded.fails("activity", "delete", "not-an-id!")
    seeded.fails("activity", "list", "--stage", "selesai")
    seeded.fails("activity", "list", "--as-of", "kemarin lusa")
    seeded.fails("activity", "list", "--format", "xml")
    assert dump(db_path) == before


def test_english_messages(seeded):
    activity_id = add_activity(seeded)
    result = seeded.fails("--lang", "en", "activity", "advance", activity_id, "--to", "evaluasi")
    assert "skipping to evaluasi needs --force" in result.stderr
    result = seeded.fails("--lang", "en", "activity", "add", "-k", "Medono", "--budget", "x")
    assert "missing required options" in result.stderr


def test_spent_over_budget_warns(seeded):
    activity_id = add_activity(seeded, "--budget", "10 juta")
    seeded.ok("activity", "advance", activity_id, "--date", "2026-10-20")
    result = seeded.ok(
        "activity", "advance", activity_id, "--date", "2026-11-01", "--spent", "11jt"
    )
    assert "Rp 11.000.000" in result.stderr and "Rp 10.000.000" in result.stderr


# --- sample data ----------------------------------------------------------------------------


def test_sample_has_activities_in_every_stage(cli, db_path):
    cli.ok("db", "seed", str(ROOT / "data" / "sample.json"))
    rows = cli.json("activity", "list")
    assert {r["stage"] for r in rows} == {
        "perencanaan",
        "pelaksanaan",
        "pertanggungjawaban",
        "evaluasi",
    }
    assert all(r["lkk"] or r["kelurahan"] == "Bandengan" for r in rows)
    stalled = cli.json("activity", "list", "--stalled")
    assert len(stalled) >= 2 and all(r["stage"] != "evaluasi" for r in stalled)
    linked = [r for r in rows if cli.json("activity", "show", r["id"])["visits"]]
    assert len(linked) >= 5
    data = json.loads((ROOT / "data" / "sample.json").read_text(encoding="utf-8"))
    days = [a["date"] for a in data["activities"]]
    days += [m["date"] for a in data["activities"] for m in a.get("stages", [])]
    assert max(days) <= "2026-11-27"


def test_edit_corrects_what_was_typed_and_keeps_the_stages(seeded, db_path):
    activity_id = add_activity(seeded, "--budget", "25jt", "--lkk", "Posyandu Melati")
    seeded.ok("activity", "advance", activity_id, "--date", "2026-10-10")
    stages_before = stage_rows(db_path, activity_id)
    edited = seeded.json(
        "activity",
        "edit",
        activity_id,
        "--title",
        "Normalisasi saluran RW 04",
        "--budget",
        "30.000.000",
        "--lkk",
        "PKK Medono",
        "--type",
        "nonfisik",
    )
    assert (edited["title"], edited["budget"], edited["lkk"], edited["type"]) == (
        "Normalisasi saluran RW 04",
        30_000_000,
        ["PKK Medono"],
        "nonfisik",
    )
    assert edited["stage"] == "pelaksanaan"
    assert stage_rows(db_path, activity_id) == stages_before
    assert seeded.json("activity", "edit", activity_id, "--no-lkk")["lkk"] == []
    history = seeded.json("history", activity_id)
    assert history[-2]["before"]["title"] == "Normalisasi saluran RW 03"
    before = dump(db_path)
    seeded.fails("activity", "edit", activity_id)  # nothing to change
    seeded.fails("activity", "edit", activity_id, "--lkk", "BKM Kauman")  # another kelurahan
    seeded.fails("activity", "edit", activity_id, "--budget", "-1")
    seeded.fails("activity", "edit", activity_id, "--title", " ")
    assert dump(db_path) == before
