"""`faskel sync FOLDER`: laptops meeting in a shared folder or on USB sticks."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli
from tests.test_bundle import add_visit, canonical, db_row, seed


def laptop(tmp_path: Path, name: str) -> Cli:
    return Cli(tmp_path / f"laptop-{name}" / "faskel.db")


def device(cli: Cli) -> str:
    return cli.ok("config", "get", "device_id").stdout.strip()


def own_file(cli: Cli) -> str:
    """The laptop's file in the folder: whose (no `me` set: the area) and its device's tail."""
    return f"kota-pekalongan-{device(cli).replace('-', '')[-8:]}.faskel"


def sync(cli: Cli, folder: Path) -> dict:
    """{file: row} of one sync."""
    return {row["file"]: row for row in cli.json("sync", str(folder))}


def test_three_laptops_converge_through_one_shared_folder(tmp_path):
    drive = tmp_path / "Google Drive" / "faskel"
    drive.mkdir(parents=True)
    a, b, c = (laptop(tmp_path, name) for name in "abc")
    seed(a)
    first = add_visit(a)
    rows = sync(a, drive)
    assert rows == {
        own_file(a): {
            "file": own_file(a),
            "status": "written",
            "device": device(a),
            "added": None,
            "updated": None,
            "unchanged": None,
            "records": 6,
            "error": None,
        }
    }
    # b starts empty and gets the coordinator's facilitators and LKK from the folder.
    rows = sync(b, drive)
    assert rows[own_file(a)]["status"] == "imported"
    assert rows[own_file(a)]["added"] == 6
    second = add_visit(b, kelurahan="Kauman", who="budi")
    sync(b, drive)
    sync(c, drive)
    c.ok("visit", "edit", first, "--notes", "dicek koordinator")
    c.ok("lkk", "add", "-k", "Tirto", "--type", "rt", "--name", "RT 02 Tirto")
    third = add_visit(c, "--lkk", "RT 02 Tirto", kelurahan="Tirto")
    for cli in (c, a, b, a):
        sync(cli, drive)
    dumps = [canonical(cli.db_path) for cli in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    for cli in (a, b, c):
        assert db_row(cli.db_path, "visits", first)["notes"] == "dicek koordinator"
        assert db_row(cli.db_path, "visits", second) and db_row(cli.db_path, "visits", third)
    # One file per laptop, named whose it is; no temporary file left behind.
    assert sorted(p.name for p in drive.iterdir()) == sorted(own_file(cli) for cli in (a, b, c))
    # Nothing changed: nothing imported, nothing rewritten.
    own = drive / own_file(a)
    stamp = own.stat().st_mtime_ns
    rows = sync(a, drive)
    assert {row["status"] for name, row in rows.items() if name != own.name} == {"seen"}
    assert rows[own.name]["status"] == "up_to_date"
    assert own.stat().st_mtime_ns == stamp


def test_records_travel_on_between_two_usb_sticks(tmp_path):
    stick1, stick2 = tmp_path / "usb1", tmp_path / "usb2"
    stick1.mkdir()
    stick2.mkdir()
    a, b, c = (laptop(tmp_path, name) for name in "abc")
    seed(a)
    visit = add_visit(a)
    sync(a, stick1)
    sync(b, stick1)
    sync(b, stick2)
    sync(c, stick2)
    assert db_row(c.db_path, "visits", visit) is not None  # a and c never met
    c.ok("visit", "delete", visit)
    sync(c, stick2)
    sync(b, stick2)
    sync(b, stick1)
    sync(a, stick1)
    assert db_row(a.db_path, "visits", visit)["deleted_at"] is not None
    assert canonical(a.db_path) == canonical(b.db_path) == canonical(c.db_path)


def test_a_laptop_that_missed_syncs_still_gets_everything(tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    early = add_visit(a)
    sync(a, drive)
    late = add_visit(a, day="2026-11-24")
    sync(a, drive)  # the file is rewritten whole, not with the new visit only
    sync(b, drive)
    assert db_row(b.db_path, "visits", early) and db_row(b.db_path, "visits", late)


def test_edit_and_delete_of_the_same_visit_resolved_by_time(tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    visit = add_visit(a)
    sync(a, drive)
    sync(b, drive)
    a.ok("visit", "delete", visit)
    b.ok("visit", "edit", visit, "--female", "12")  # later: the edit wins
    sync(a, drive)
    sync(b, drive)
    sync(a, drive)
    for cli in (a, b):
        row = db_row(cli.db_path, "visits", visit)
        assert row["deleted_at"] is None and row["female"] == 12
    assert canonical(a.db_path) == canonical(b.db_path)
    # The deletion a made is kept in a's audit, replaced by b's version.
    history = a.json("history", visit)
    assert [h["action"] for h in history] == ["create", "delete", "import"]


def test_a_bad_file_in_the_folder_is_reported_and_the_rest_still_synced(tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    visit = add_visit(a)
    sync(a, drive)
    (drive / "catatan.faskel").write_text("bukan bundel\n", encoding="utf-8")
    (drive / "README.txt").write_text("folder faskel\n", encoding="utf-8")
    result = b.fails("sync", str(drive), code=2)
    assert "catatan.faskel" in result.stderr and "bukan bundel faskel" in result.stderr
    assert "ditolak" in result.stdout
    assert db_row(b.db_path, "visits", visit) is not None
    assert (drive / own_file(b)).exists()
    (drive / "catatan.faskel").unlink()
    b.ok("sync", str(drive))


def test_a_bundle_damaged_in_transit_is_retried_at_the_next_sync(tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    add_visit(a)
    sync(a, drive)
    own = drive / own_file(a)
    whole = own.read_bytes()
    own.write_bytes(whole[: len(whole) // 2])  # the sync tool has not finished copying
    assert "terpotong" in b.fails("sync", str(drive)).stderr
    assert b.json("visit", "list") == []
    own.write_bytes(whole)
    rows = sync(b, drive)
    assert rows[own.name]["status"] == "imported"
    assert len(b.json("visit", "list")) == 1


def test_sync_needs_an_existing_folder(tmp_path):
    a = laptop(tmp_path, "a")
    result = a.fails("sync", str(tmp_path / "no-such-folder"), code=3)
    assert "no-such-folder" in result.stderr
