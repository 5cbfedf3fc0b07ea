"""The edge of `faskel activity`: ids and JSON on stdout, tables and CSV, warnings and
one-line refusals on stderr with their exit codes, English."""

from __future__ import annotations

import pytest

from faskel_cli.core.activities import KEYS
from tests.helpers import dump, ref_of

VISIT = [
    "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
    "--kind", "pendampingan", "--strand", "pemetaan",
]  # fmt: skip


def add_activity(cli, *extra, kelurahan="Medono", date="2026-10-01"):
    args = ["activity", "add", "-k", kelurahan, "--title", "Normalisasi saluran RW 03"]
    if "--type" not in extra:
        args += ["--type", "fisik"]
    if date and "--date" not in extra:
        args += ["--date", date]
    return cli.ok(*args, *extra).stdout.strip()


def test_add_prints_the_id_and_json_has_exact_keys(seeded):
    activity_id = add_activity(seeded, "--budget", "Rp 25.000.000", "--lkk", "PKK Medono")
    assert len(activity_id) == 36 and activity_id[14] == "7"  # alone on its line
    shown = seeded.json("activity", "show", activity_id[:13])
    assert list(shown) == [*KEYS, "visits"]
    assert (shown["budget"], shown["lkk"], shown["visits"]) == (25_000_000, ["PKK Medono"], [])
    item = seeded.json(
        "activity", "add", "-k", "Kauman", "--title", "Pelatihan menjahit", "--type", "non-fisik"
    )
    assert list(item) == KEYS
    assert (item["type"], item["stage_since"]) == ("nonfisik", "2026-11-28")


def test_advance_says_the_move_and_show_is_a_table(seeded, db_path):
    activity_id = add_activity(seeded, "--budget", "25jt")
    out = seeded.ok(
        "activity", "advance", activity_id, "--date", "2026-10-20", "--note", "Kerja bakti"
    )
    assert "perencanaan → pelaksanaan" in out.stdout and "2026-10-20" in out.stdout
    seeded.ok("activity", "advance", activity_id, "--date", "10/11/2026", "--spent", "24.500.000")
    item = seeded.json("activity", "advance", activity_id, "--date", "2026-11-20")
    assert (item["stage"], item["spent"], len(item["stages"])) == ("evaluasi", 24_500_000, 4)
    table = seeded.ok("activity", "show", activity_id).stdout
    assert "DIHAPUS" not in table and "field." not in table
    assert "Rp 24.500.000" in table and "Kerja bakti" in table and "evaluasi" in table
    before = dump(db_path)
    assert "evaluasi" in seeded.fails("activity", "advance", activity_id, code=4).stderr
    assert dump(db_path) == before


def _list_setup(cli):
    old = add_activity(cli, "--date", "2026-09-01")
    moving = add_activity(cli, "--date", "2026-10-01", "--type", "nonfisik")
    cli.ok("activity", "advance", moving, "--date", "2026-11-20")
    done = add_activity(cli, "--date", "2026-08-01", kelurahan="Tirto")
    for day in ("2026-08-10", "2026-08-20", "2026-09-01"):
        cli.ok("activity", "advance", done, "--date", day)
    kauman = add_activity(cli, "--date", "2026-11-01", kelurahan="Kauman")
    return old, moving, kauman


def test_list_table_csv_and_the_stall_days_setting(seeded):
    old, moving, kauman = _list_setup(seeded)
    rows = seeded.json("activity", "list")
    assert len(rows) == 4 and all(list(r) == KEYS for r in rows)
    assert [r["id"] for r in seeded.json("activity", "list", "--stalled")] == [old]
    assert [r["id"] for r in seeded.json("activity", "list", "--stage", "pelaksanaan")] == [moving]
    seeded.ok("config", "set", "stall_days", "20")  # more stalled
    assert {r["id"] for r in seeded.json("activity", "list", "--stalled")} == {old, kauman}
    table = seeded.ok("activity", "list").stdout
    for heading in ("Kelurahan", "Judul", "Jenis", "Tahap", "Sejak", "Hari"):
        assert heading in table
    assert "Kegiatan (4)" in table and "88" in table  # 2026-09-01 .. 2026-11-28
    csv_text = seeded.ok("activity", "list", "--format", "csv").stdout.removeprefix(
        "\ufeff"
    )  # the BOM
    assert csv_text.splitlines()[0] == ",".join([*KEYS, "days_in_stage"])
    assert "perencanaan 2026-10-01; pelaksanaan 2026-11-20" in csv_text


def test_list_as_of_and_english_title(seeded):
    old, moving, kauman = _list_setup(seeded)
    by_id = {r["id"]: r for r in seeded.json("activity", "list", "--as-of", "2026-10-15")}
    assert kauman not in by_id and by_id[moving]["stage"] == "perencanaan"
    assert seeded.json("activity", "list", "--stalled", "--as-of", "2026-09-30") == []
    english = seeded.ok("--lang", "en", "activity", "list", "--stalled").stdout
    assert "Stalled activities (1)" in english


def test_empty_list(seeded):
    assert "Tidak ada kegiatan" in seeded.ok("activity", "list").stdout
    assert seeded.json("activity", "list") == []


def test_show_lists_the_visits_of_the_activity(seeded):
    activity_id = add_activity(seeded)
    visit_id = seeded.ok(
        *VISIT, "--activity", activity_id[:13], "--notes", "Pengawasan kerja bakti saluran"
    ).stdout.strip()
    assert [v["id"] for v in seeded.json("activity", "show", activity_id)["visits"]] == [visit_id]
    table = seeded.ok("activity", "show", activity_id).stdout
    assert "2026-11-23" in table and "Pengawasan kerja bakti" in table


def test_delete_restore_and_history(seeded, db_path):
    activity_id = add_activity(seeded)
    assert (
        ref_of(seeded, "activity", activity_id)
        in seeded.ok("activity", "delete", activity_id).stdout
    )
    before = dump(db_path)
    seeded.fails("activity", "advance", activity_id, code=4)
    seeded.fails("activity", "delete", activity_id, code=4)
    seeded.fails(*VISIT, "--activity", activity_id, code=3)
    assert "DIHAPUS" in seeded.ok("activity", "show", activity_id).stdout
    assert dump(db_path) == before
    assert (
        ref_of(seeded, "activity", activity_id)
        in seeded.ok("activity", "restore", activity_id).stdout
    )
    seeded.fails("activity", "restore", activity_id, code=4)
    history = seeded.json("history", activity_id)
    assert [h["action"] for h in history] == ["create", "delete", "restore"]


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["advance", "{id}", "--to", "pertanggungjawaban"], "--force"),
        (["advance", "{id}", "--to", "pelaksanaan", "--spent", "-5000"], "negatif"),
        (["add", "-k", "Medono", "--title", "X", "--type", "jalan"], "nonfisik"),
        (["add", "-k", "Medono"], "--title, --type"),  # every missing option at once
        (["edit", "{id}"], "tidak ada yang diubah"),
    ],
)
def test_bad_input_is_one_line_and_database_untouched(seeded, db_path, args, hint):
    activity_id = add_activity(seeded)
    before = dump(db_path)
    result = seeded.fails("activity", *[a.format(id=activity_id) for a in args], code=2)
    assert hint in result.stderr
    assert dump(db_path) == before


def test_unknown_ids_and_bad_options_refused(seeded, db_path):
    kauman = add_activity(seeded, kelurahan="Kauman")
    before = dump(db_path)
    seeded.fails("activity", "show", "ffffffff", code=3)
    seeded.fails("activity", "advance", "ffffffff", code=3)
    seeded.fails("activity", "delete", "not-an-id!", code=2)
    seeded.fails("activity", "list", "--stage", "selesai", code=2)
    seeded.fails("activity", "list", "--as-of", "kemarin lusa", code=2)
    seeded.fails("activity", "list", "--format", "xml", code=2)
    result = seeded.fails(*VISIT, "--activity", kauman, code=2)
    assert "Kauman" in result.stderr and "Medono" in result.stderr
    assert "ffffffff" in seeded.fails(*VISIT, "--activity", "ffffffff", code=3).stderr
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


def test_edit_prints_the_activity(seeded):
    activity_id = add_activity(seeded, "--lkk", "Posyandu Melati")
    edited = seeded.json("activity", "edit", activity_id, "--budget", "30.000.000")
    assert (edited["budget"], edited["lkk"]) == (30_000_000, ["Posyandu Melati"])
    assert seeded.json("activity", "edit", activity_id, "--no-lkk")["lkk"] == []
    seeded.fails("activity", "edit", activity_id, "--lkk", "BKM Kauman", code=2)
