"""Follow-ups: from a visit's problems or on their own; list open/overdue/done as of a day;
done, reopen, delete, restore; and every bad input refused with the database untouched."""

from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import ROOT, dump
from tests.test_activities import VISIT, add_activity

KEYS = [
    "id",
    "kelurahan_kode",
    "kelurahan",
    "problem",
    "action",
    "due",
    "owner",
    "status",
    "done_date",
    "resolution",
    "visit_id",
    "activity_id",
    "created_at",
    "updated_at",
]


def followup_rows(db_path):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(
            "select problem, action, problem_date, due, status, done_date, resolution "
            "from followups order by problem"
        ).fetchall()
    finally:
        conn.close()


def add_followup(cli, *extra, kelurahan="Medono"):
    args = ["followup", "add", "-k", kelurahan]
    defaults = {
        "--problem": "Kader posyandu kurang",
        "--action": "Rekrut kader baru dari PKK",
        "--date": "2026-11-10",
    }
    for option, value in defaults.items():
        if option not in extra:
            args += [option, value]
    return cli.ok(*args, *extra).stdout.strip()


def test_visit_problems_become_followups(seeded, db_path):
    activity_id = add_activity(seeded)
    visit_id = seeded.ok(
        *VISIT,
        "--activity",
        activity_id,
        "--problem",
        "Bukti belanja belum lengkap",
        "--followup",
        "Bendahara melengkapi nota",
        "--due",
        "2026-11-30",
        "--owner",
        "budi",
        "--problem",
        "Saluran RT 02 tersumbat",
        "--followup",
        "Koordinasi dengan DLH",
    ).stdout.strip()
    rows = seeded.json("followup", "list")
    assert all(list(r) == KEYS for r in rows)
    by_problem = {r["problem"]: r for r in rows}
    first = by_problem["Bukti belanja belum lengkap"]
    second = by_problem["Saluran RT 02 tersumbat"]
    assert (first["action"], first["due"], first["owner"]) == (
        "Bendahara melengkapi nota",
        "2026-11-30",
        "budi",
    )
    assert (second["action"], second["due"], second["owner"]) == (
        "Koordinasi dengan DLH",
        "2026-12-07",  # no --due: the visit's date + followup_days (14)
        "siti",  # the visit's facilitator
    )
    for row in (first, second):
        assert row["visit_id"] == visit_id and row["activity_id"] == activity_id
        assert (row["status"], row["done_date"], row["resolution"]) == ("open", None, None)
        assert row["kelurahan_kode"] == "33.75.01.1002" and len(row["id"]) == 36
    # the problem date is the visit's date (data contract)
    assert {r[2] for r in followup_rows(db_path)} == {"2026-11-23"}
    history = seeded.json("history", first["id"])
    assert [h["action"] for h in history] == ["create"]


def test_followup_add_on_its_own(seeded):
    followup_id = add_followup(seeded, "--due", "2026-11-20", "--owner", "siti")
    item = seeded.json("followup", "show", followup_id[:13])
    assert list(item) == KEYS
    assert (item["problem"], item["due"], item["owner"], item["visit_id"]) == (
        "Kader posyandu kurang",
        "2026-11-20",
        "siti",
        None,
    )
    # owner defaults to `me`; problem date defaults to today
    seeded.ok("config", "set", "me", "budi")
    item = seeded.json(
        "followup", "add", "-k", "Kauman", "--problem", "Kas BKM", "--action", "Bimbingan"
    )
    assert item["owner"] == "budi" and item["kelurahan"] == "Kauman"


def test_followup_add_from_visit_and_activity(seeded, db_path):
    visit_id = seeded.ok(*VISIT).stdout.strip()
    item = seeded.json(
        "followup",
        "add",
        "--visit",
        visit_id[:13],
        "--problem",
        "Daftar hadir hilang",
        "--action",
        "Buat daftar hadir baru",
        "--due",
        "2026-11-23",  # the same day as the problem is fine
    )
    assert (item["kelurahan"], item["visit_id"], item["owner"]) == ("Medono", visit_id, "siti")
    assert [r[2] for r in followup_rows(db_path)] == ["2026-11-23"]
    activity_id = add_activity(seeded, kelurahan="Kauman")
    item = seeded.json(
        "followup", "add", "--activity", activity_id, "--problem", "LPJ", "--action", "Dampingi"
    )
    assert (item["kelurahan"], item["activity_id"], item["owner"]) == (
        "Kauman",
        activity_id,
        None,
    )


def _three(cli):
    """As of 2026-11-28: one overdue (Medono, siti), one open (Tirto, budi), one done."""
    overdue = add_followup(
        cli, "--problem", "A terlambat", "--due", "2026-11-20", "--owner", "siti"
    )
    open_ = add_followup(
        cli, "--problem", "B terbuka", "--due", "2026-12-05", "--owner", "budi", kelurahan="Tirto"
    )
    done = add_followup(cli, "--problem", "C selesai", "--due", "2026-11-15", kelurahan="Kauman")
    cli.ok("followup", "done", done, "--note", "Sudah beres", "--date", "2026-11-14")
    return overdue, open_, done


def test_list_open_overdue_done_and_filters(seeded):
    overdue, open_, done = _three(seeded)
    ids = lambda *args: [r["id"] for r in seeded.json("followup", "list", *args)]  # noqa: E731
    assert ids() == [overdue, open_]  # open by default, earliest due first
    assert ids("--open") == [overdue, open_]
    assert ids("--overdue") == [overdue]
    assert ids("--done") == [done]
    assert set(ids("--all")) == {overdue, open_, done}
    assert ids("-k", "Tirto") == [open_]
    assert ids("--kecamatan", "Pekalongan Barat") == [overdue, open_]
    assert ids("--owner", "budi") == [open_]
    table = seeded.ok("followup", "list").stdout
    assert "TERLAMBAT 8 hari" in table and "terbuka" in table
    assert "A terlambat" in table and "B terbuka" in table
    csv_text = seeded.ok("followup", "list", "--all", "--format", "csv").stdout[1:]  # the BOM
    assert csv_text.splitlines()[0] == ",".join(KEYS)
    assert len(csv_text.splitlines()) == 4
    assert "OVERDUE 8d" in seeded.ok("--lang", "en", "followup", "list", "--overdue").stdout


def test_list_as_of(seeded):
    overdue, open_, done = _three(seeded)
    ids = lambda *args: [r["id"] for r in seeded.json("followup", "list", *args)]  # noqa: E731
    # before the due date nothing is overdue; before being done, it was open
    assert ids("--overdue", "--as-of", "2026-11-20") == []
    assert ids("--overdue", "--as-of", "2026-11-21") == [overdue]
    assert done in ids("--as-of", "2026-11-13")
    assert ids("--done", "--as-of", "2026-11-13") == []
    assert ids("--done", "--as-of", "2026-11-14") == [done]
    # problems met after the day are not there yet
    assert ids("--all", "--as-of", "2026-11-09") == []
    assert "Tidak ada tindak lanjut" in seeded.ok("followup", "list", "--as-of", "1/1/2026").stdout


def test_done_reopen_and_history(seeded, db_path):
    followup_id = add_followup(seeded, "--due", "2026-11-20")
    out = seeded.ok("followup", "done", followup_id, "--note", "Dua kader baru dilatih")
    assert "2026-11-28" in out.stdout
    item = seeded.json("followup", "show", followup_id)
    assert (item["status"], item["done_date"], item["resolution"]) == (
        "done",
        "2026-11-28",
        "Dua kader baru dilatih",
    )
    seeded.ok("followup", "reopen", followup_id, "--note", "Kader mengundurkan diri lagi")
    item = seeded.json("followup", "show", followup_id)
    assert (item["status"], item["done_date"], item["resolution"]) == ("open", None, None)
    history = seeded.json("history", followup_id)
    assert [h["action"] for h in history] == ["create", "done", "reopen"]
    assert history[1]["after"]["resolution"] == "Dua kader baru dilatih"
    assert history[2]["before"]["resolution"] == "Dua kader baru dilatih"
    assert history[2]["after"]["note"] == "Kader mengundurkan diri lagi"
    seeded.ok("followup", "done", followup_id, "--note", "Selesai", "--date", "2026-11-27")
    assert seeded.json("followup", "show", followup_id)["done_date"] == "2026-11-27"


def test_delete_and_restore(seeded, db_path):
    followup_id = add_followup(seeded)
    seeded.ok("followup", "delete", followup_id)
    assert seeded.json("followup", "list", "--all") == []
    assert "DIHAPUS" in seeded.ok("followup", "show", followup_id).stdout
    before = dump(db_path)
    seeded.fails("followup", "done", followup_id, "--note", "x", code=4)
    seeded.fails("followup", "delete", followup_id, code=4)
    assert dump(db_path) == before
    seeded.ok("followup", "restore", followup_id)
    seeded.fails("followup", "restore", followup_id, code=4)
    assert len(seeded.json("followup", "list")) == 1
    assert "DIHAPUS" not in seeded.ok("followup", "show", followup_id).stdout


# --- bad input ------------------------------------------------------------------------------

BAD_VISIT_PROBLEMS = [
    (["--followup", "Rekrut kader"], "--problem"),  # a follow-up without a problem
    (["--problem", "A", "--followup", "a", "--followup", "b"], "--problem"),
    (["--problem", "Kader kurang"], "--followup"),  # a problem without a follow-up
    (["--problem", "A", "--followup", "a", "--due", "2026-11-22"], "2026-11-22"),  # before visit
    (["--problem", "A", "--followup", "a", "--due", "besok"], "--due"),
    (["--problem", "A", "--followup", "a", "--owner", "sity"], "siti"),
    (["--problem", " ", "--followup", "a"], "--problem"),
    (["--problem", "A", "--followup", "a", "--due", "2026-11-30", "--due", "2026-12-01"], "--due"),
]


@pytest.mark.parametrize(("extra", "hint"), BAD_VISIT_PROBLEMS)
def test_bad_visit_problems_refused(seeded, db_path, extra, hint):
    before = dump(db_path)
    result = seeded.fails(*VISIT, *extra)
    assert hint in result.stderr
    assert dump(db_path) == before  # the visit is not written either


BAD_ADDS = [
    (["--due", "2026-11-09"], "2026-11-09"),  # before the problem's date (2026-11-10)
    (["--date", "2026-12-01"], "2026-12-01"),  # in the future
    (["--problem", ""], "--problem"),
    (["--owner", "nobody"], "nobody"),
    (["--visit", "ffffffff"], "ffffffff"),
    (["--activity", "ffffffff"], "ffffffff"),
]


@pytest.mark.parametrize(("extra", "hint"), BAD_ADDS)
def test_bad_followup_add_refused(seeded, db_path, extra, hint):
    before = dump(db_path)
    args = ["followup", "add", "-k", "Medono", "--action", "Rekrut kader"]
    defaults = {"--problem": "Kader kurang", "--date": "2026-11-10"}
    for option, value in defaults.items():
        if option not in extra:
            args += [option, value]
    result = seeded.fails(*args, *extra)
    assert hint in result.stderr
    assert dump(db_path) == before


def test_followup_add_missing_and_wrong_kelurahan_refused(seeded, db_path):
    visit_id = seeded.ok(*VISIT).stdout.strip()
    activity_id = add_activity(seeded, kelurahan="Kauman")
    before = dump(db_path)
    result = seeded.fails("followup", "add")
    assert "--kelurahan, --problem, --action" in result.stderr
    base = ["followup", "add", "--problem", "P", "--action", "A"]
    result = seeded.fails(*base, "-k", "Tirto", "--visit", visit_id)
    assert "Medono" in result.stderr and "Tirto" in result.stderr
    result = seeded.fails(*base, "-k", "Medono", "--activity", activity_id)
    assert "Kauman" in result.stderr and "Medono" in result.stderr
    result = seeded.fails(*base, "--visit", visit_id, "--activity", activity_id)
    assert "Kauman" in result.stderr
    result = seeded.fails(*base, "--visit", visit_id, "--due", "2026-11-20")
    assert "2026-11-23" in result.stderr  # due before the visit's date
    assert dump(db_path) == before


def test_done_and_reopen_refusals(seeded, db_path):
    followup_id = add_followup(seeded)
    before = dump(db_path)
    assert "--note" in seeded.fails("followup", "done", followup_id).stderr
    result = seeded.fails("followup", "done", followup_id, "--note", "x", "--date", "2026-11-09")
    assert "2026-11-10" in result.stderr  # before the problem was met
    seeded.fails("followup", "done", followup_id, "--note", "x", "--date", "2026-12-01")
    result = seeded.fails("followup", "reopen", followup_id, "--note", "x", code=4)
    assert "masih terbuka" in result.stderr
    assert dump(db_path) == before
    seeded.ok("followup", "done", followup_id, "--note", "Selesai", "--date", "2026-11-20")
    before = dump(db_path)
    result = seeded.fails("followup", "done", followup_id, "--note", "lagi", code=4)
    assert "sudah selesai" in result.stderr and "2026-11-20" in result.stderr
    assert "--note" in seeded.fails("followup", "reopen", followup_id).stderr
    seeded.fails("followup", "done", "ffffffff", "--note", "x", code=3)
    seeded.fails("followup", "list", "--open", "--done")
    seeded.fails("followup", "list", "--owner", "sity")
    seeded.fails("followup", "list", "--format", "xml")
    assert dump(db_path) == before
    english = seeded.fails("--lang", "en", "followup", "done", followup_id, "--note", "x")
    assert "already done" in english.stderr


# --- sample data ----------------------------------------------------------------------------


def test_sample_has_open_overdue_and_done_followups(cli):
    cli.ok("db", "seed", str(ROOT / "data" / "sample.json"))
    overdue = cli.json("followup", "list", "--overdue")
    open_ = cli.json("followup", "list")
    done = cli.json("followup", "list", "--done")
    assert len(overdue) >= 2
    assert len(open_) > len(overdue)
    assert len(done) >= 2
    assert any(r["visit_id"] for r in open_)  # from visits' problems
    assert any(r["visit_id"] is None for r in open_)  # recorded on their own
    assert any(r["activity_id"] for r in done)


def test_edit_corrects_text_due_and_owner(seeded, db_path):
    followup_id = add_followup(seeded)
    edited = seeded.json(
        "followup",
        "edit",
        followup_id,
        "--action",
        "Rapat ulang dengan LPM",
        "--due",
        "2026-12-15",
        "--owner",
        "budi",
    )
    assert (edited["action"], edited["due"], edited["owner"], edited["status"]) == (
        "Rapat ulang dengan LPM",
        "2026-12-15",
        "budi",
        "open",
    )
    assert seeded.json("history", followup_id)[-1]["action"] == "update"
    before = dump(db_path)
    seeded.fails("followup", "edit", followup_id)  # nothing to change
    seeded.fails("followup", "edit", followup_id, "--due", "2000-01-01")  # before the problem
    seeded.fails("followup", "edit", followup_id, "--owner", "nobody")
    assert dump(db_path) == before
