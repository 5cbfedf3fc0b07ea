"""Short references through the CLI: every list, show and history shows them (the `ref` key
in JSON, in place of the long id in tables), every command taking an id takes them, and
`terakhir`/`last`; a reference never names the wrong record."""

from __future__ import annotations

import sqlite3

from faskel_cli.core import refs
from tests.helpers import Cli, dump

VISIT = [
    "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
    "--kind", "pendampingan", "--strand", "kesadaran",
]  # fmt: skip


def add_visit(cli: Cli, *extra: str) -> dict:
    visit_id = cli.ok(*VISIT, *extra).stdout.strip()
    return cli.json("visit", "show", visit_id)


def add_activity(cli: Cli, title: str = "Normalisasi saluran") -> dict:
    return cli.json(
        "activity", "add", "-k", "Medono", "--title", title, "--type", "fisik",
        "--date", "2026-10-01",
    )  # fmt: skip


def test_lists_and_shows_give_the_reference_and_tables_show_it_for_the_id(seeded):
    visit = add_visit(seeded, "--problem", "Saluran mampet", "--followup", "Kerja bakti")
    activity = add_activity(seeded)
    assert refs.is_ref(visit["ref"]) and refs.is_ref(activity["ref"])
    listed = seeded.json("visit", "list")
    assert [(v["id"], v["ref"]) for v in listed] == [(visit["id"], visit["ref"])]
    table = seeded.ok("visit", "list", env={"COLUMNS": "120"}).stdout
    assert f" {visit['ref']} " in f" {table} " and visit["id"][:8] not in table
    followup = seeded.json("followup", "list")[0]
    assert refs.is_ref(followup["ref"]) and followup["visit_ref"] == visit["ref"]
    followups_table = seeded.ok("followup", "list", env={"COLUMNS": "120"}).stdout
    assert followup["ref"] in followups_table and followup["id"][:8] not in followups_table
    shown = seeded.ok("followup", "show", followup["ref"]).stdout
    assert followup["ref"] in shown and visit["ref"] in shown
    assert activity["ref"] in seeded.ok("activity", "list").stdout
    assert activity["ref"] in seeded.ok("activity", "show", activity["ref"]).stdout
    visit_table = seeded.ok("visit", "show", visit["ref"]).stdout
    assert visit["ref"] in visit_table and followup["ref"] in visit_table  # its problems
    lkk = seeded.json("lkk", "list")
    assert all(refs.is_ref(item["ref"]) for item in lkk)
    assert lkk[0]["ref"] in seeded.ok("lkk", "list", "--wide").stdout
    csv_head = seeded.ok("visit", "list", "--format", "csv").stdout.splitlines()[0]
    assert csv_head.removeprefix("\ufeff").startswith("id,ref,")


def test_every_command_taking_an_id_takes_the_reference(seeded):
    activity = add_activity(seeded)
    visit = add_visit(seeded, "--activity", activity["ref"])
    assert seeded.json("visit", "show", visit["ref"].upper())["id"] == visit["id"]
    assert seeded.json("visit", "edit", visit["ref"], "--male", "5")["male"] == 5
    assert visit["ref"] in seeded.ok("visit", "delete", visit["ref"]).stdout
    assert visit["ref"] in seeded.ok("visit", "restore", visit["ref"]).stdout
    shown = seeded.json("activity", "show", activity["ref"])
    assert [v["ref"] for v in shown["visits"]] == [visit["ref"]]
    assert seeded.json("activity", "edit", activity["ref"], "--funding", "Dana Kelurahan")
    moved = seeded.json("activity", "advance", activity["ref"], "--date", "2026-11-01")
    assert moved["stage"] == "pelaksanaan"
    assert activity["ref"] in seeded.ok("activity", "delete", activity["ref"]).stdout
    assert activity["ref"] in seeded.ok("activity", "restore", activity["ref"]).stdout
    followup = seeded.json(
        "followup", "add", "--visit", visit["ref"], "--problem", "Kader kurang",
        "--action", "Rekrut kader",
    )  # fmt: skip
    assert followup["visit_id"] == visit["id"] and followup["activity_ref"] == activity["ref"]
    ref = followup["ref"]
    assert seeded.json("followup", "show", ref)["id"] == followup["id"]
    assert ref in seeded.ok("followup", "edit", ref, "--due", "2026-12-20").stdout
    assert ref in seeded.ok("followup", "done", ref, "--note", "Sudah").stdout
    assert ref in seeded.ok("followup", "reopen", ref, "--note", "Belum").stdout
    assert ref in seeded.ok("followup", "delete", ref).stdout
    assert ref in seeded.ok("followup", "restore", ref).stdout
    history = seeded.json("history", ref)
    assert {row["ref"] for row in history} == {ref}
    assert [row["action"] for row in history][:2] == ["create", "update"]
    assert ref in seeded.ok("history", ref).stdout.splitlines()[0]
    lkk = seeded.json("lkk", "list", "--kelurahan", "Medono")[0]
    seeded.ok("lkk", "edit", lkk["ref"], "--name", "Posyandu Mawar")
    assert seeded.json("lkk", "list", "--kelurahan", "Medono")[0]["ref"] == lkk["ref"]
    seeded.ok("lkk", "remove", lkk["ref"])
    assert lkk["ref"] not in {item["ref"] for item in seeded.json("lkk", "list")}


def test_terakhir_and_last(seeded):
    first = add_visit(seeded)
    newest = add_visit(seeded, "--date", "2026-11-20")
    edited = seeded.json("visit", "edit", "terakhir", "--female", "21")
    assert (edited["id"], edited["female"]) == (newest["id"], 21)
    assert seeded.json("--lang", "en", "visit", "show", "last")["id"] == newest["id"]
    assert seeded.json("visit", "show", first["ref"])["female"] == 0
    result = seeded.fails("followup", "show", "terakhir", code=3)
    assert "belum ada tindak lanjut" in result.stderr


def test_a_reference_never_names_the_wrong_record(seeded, seeded_path):
    visit = add_visit(seeded, "--problem", "Saluran mampet", "--followup", "Kerja bakti")
    followup = seeded.json("followup", "list")[0]
    before = dump(seeded_path)
    result = seeded.fails("visit", "edit", followup["ref"], "--male", "3", code=3)
    assert f"'{followup['ref']}' adalah tindak lanjut, bukan kunjungan" in result.stderr
    seeded.fails("visit", "show", "zzz9999", code=3)
    result = seeded.fails("visit", "delete", "kmi12", code=2)  # no such letter: not a ref
    assert "kmr12" in result.stderr and "terakhir" in result.stderr
    assert dump(seeded_path) == before
    # the same reference on two records (laptops that drew one tag): refused, both named
    other = add_visit(seeded, "--male", "9")
    conn = sqlite3.connect(seeded_path)
    with conn:
        conn.execute("update visits set ref = ? where id = ?", [visit["ref"], other["id"]])
    conn.close()
    result = seeded.fails("visit", "edit", visit["ref"], "--male", "1", code=2)
    assert visit["id"] in result.stderr and other["id"] in result.stderr
    assert "2 entri" in result.stderr
    result = seeded.fails("history", visit["ref"], code=2)
    assert visit["id"] in result.stderr


def test_the_shown_form_is_the_one_every_command_accepts(seeded):
    """The issue: `activity show` listed `01a2331c-4` and `visit show 01a2331c-4` found 2."""
    activity = add_activity(seeded)
    made = [add_visit(seeded, "--activity", activity["ref"], "--male", str(n)) for n in range(4)]
    table = seeded.ok("activity", "show", activity["ref"]).stdout
    for visit in made:
        assert f" {visit['ref']} " in table
        assert seeded.json("visit", "show", visit["ref"])["id"] == visit["id"]
    seeded.ok("visit", "delete", made[1]["ref"])
    add_visit(seeded, "--male", "7")
    again = seeded.ok("activity", "show", activity["ref"]).stdout
    assert all(f" {v['ref']} " in again for v in made if v is not made[1])


def test_an_ambiguous_prefix_says_how_many_it_matches(seeded, seeded_path):
    made = [add_visit(seeded, "--male", str(n)) for n in range(7)]
    conn = sqlite3.connect(seeded_path)
    with conn:
        for n, visit in enumerate(made):
            new = f"01a2331c-4{n}00-7000-8000-000000000000"
            conn.execute("update visits set id = ? where id = ?", [new, visit["id"]])
    conn.close()
    result = seeded.fails("visit", "show", "01a2331c-4", code=2)
    assert "cocok dengan 7 entri" in result.stderr
    assert result.stderr.count("01a2331c-4") == 4  # what was typed, and three of them
