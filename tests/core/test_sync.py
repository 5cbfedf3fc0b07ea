"""`sync` through the core (core.sync): laptops meeting in a shared folder or on USB sticks."""

from __future__ import annotations

from pathlib import Path

import pytest

from faskel_cli.core import audit, lkk, visits
from faskel_cli.core import sync as core_sync
from faskel_cli.core.db import connect, get_setting
from faskel_cli.core.errors import NotFoundError
from faskel_cli.messages import text
from tests.helpers import Laptop, add_visit, canonical, copy_db, db_row, seed


@pytest.fixture
def laptop(empty_template, tmp_path):
    """laptop("a") -> a new laptop of its own (an empty database, a device of its own)."""
    opened: list[Laptop] = []

    def make(name: str) -> Laptop:
        path = copy_db(empty_template, tmp_path / f"laptop-{name}" / "faskel.db", new_device=True)
        opened.append(Laptop(path, connect(path)))
        return opened[-1]

    yield make
    for found in opened:
        found.db.close()


def device(laptop: Laptop) -> str:
    return get_setting(laptop.db, "device_id")


def own_file(laptop: Laptop) -> str:
    """The laptop's file in the folder: whose (no `me` set: the area) and its device's tail."""
    return f"kota-pekalongan-{device(laptop).replace('-', '')[-8:]}.faskel"


def sync(laptop: Laptop, folder: Path) -> dict:
    """{file: FileResult} of one sync."""
    return {result.name: result for result in core_sync.sync(laptop.db, folder)}


def visit_list(laptop: Laptop) -> list[dict]:
    return visits.list_visits(laptop.db, visits.VisitFilter())


def test_three_laptops_converge_through_one_shared_folder(laptop, tmp_path):
    drive = tmp_path / "Google Drive" / "faskel"
    drive.mkdir(parents=True)
    a, b, c = (laptop(name) for name in "abc")
    seed(a.db)
    first = add_visit(a.db)
    (own,) = sync(a, drive).values()
    assert (own.name, own.status, own.device) == (own_file(a), "written", device(a))
    assert sum(own.counts.values()) == 6 and own.error is None
    # b starts empty and gets the coordinator's facilitators and LKK from the folder.
    rows = sync(b, drive)
    assert rows[own_file(a)].status == "imported"
    added = sum(n.added for n in rows[own_file(a)].counts.values())
    assert added == 6
    second = add_visit(b.db, kelurahan="Kauman", who="budi")
    sync(b, drive)
    sync(c, drive)
    visits.edit(c.db, first, visits.VisitInput(notes="dicek koordinator"))
    lkk.add(c.db, "Tirto", "rt", "RT 02 Tirto")
    third = add_visit(c.db, lkk=["RT 02 Tirto"], kelurahan="Tirto")
    for each in (c, a, b, a):
        sync(each, drive)
    dumps = [canonical(each.path) for each in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    for each in (a, b, c):
        assert db_row(each.path, "visits", first)["notes"] == "dicek koordinator"
        assert db_row(each.path, "visits", second) and db_row(each.path, "visits", third)
    # One file per laptop, named after its device; no temporary file left behind.
    assert sorted(p.name for p in drive.iterdir()) == sorted(own_file(each) for each in (a, b, c))
    # Nothing changed: nothing imported, nothing rewritten.
    own = drive / own_file(a)
    stamp = own.stat().st_mtime_ns
    rows = sync(a, drive)
    assert {row.status for name, row in rows.items() if name != own.name} == {"seen"}
    assert rows[own.name].status == "up_to_date"
    assert own.stat().st_mtime_ns == stamp


def test_records_travel_on_between_two_usb_sticks(laptop, tmp_path):
    stick1, stick2 = tmp_path / "usb1", tmp_path / "usb2"
    stick1.mkdir()
    stick2.mkdir()
    a, b, c = (laptop(name) for name in "abc")
    seed(a.db)
    visit = add_visit(a.db)
    sync(a, stick1)
    sync(b, stick1)
    sync(b, stick2)
    sync(c, stick2)
    assert db_row(c.path, "visits", visit) is not None  # a and c never met
    visits.delete(c.db, visit)
    sync(c, stick2)
    sync(b, stick2)
    sync(b, stick1)
    sync(a, stick1)
    assert db_row(a.path, "visits", visit)["deleted_at"] is not None
    assert canonical(a.path) == canonical(b.path) == canonical(c.path)


def test_a_laptop_that_missed_syncs_still_gets_everything(laptop, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop("a"), laptop("b")
    seed(a.db)
    early = add_visit(a.db)
    sync(a, drive)
    late = add_visit(a.db, day="2026-11-24")
    sync(a, drive)  # the file is rewritten whole, not with the new visit only
    sync(b, drive)
    assert db_row(b.path, "visits", early) and db_row(b.path, "visits", late)


def test_edit_and_delete_of_the_same_visit_resolved_by_time(laptop, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop("a"), laptop("b")
    seed(a.db)
    visit = add_visit(a.db)
    sync(a, drive)
    sync(b, drive)
    visits.delete(a.db, visit)
    visits.edit(b.db, visit, visits.VisitInput(female="12"))  # later: the edit wins
    sync(a, drive)
    sync(b, drive)
    sync(a, drive)
    for each in (a, b):
        row = db_row(each.path, "visits", visit)
        assert row["deleted_at"] is None and row["female"] == 12
    assert canonical(a.path) == canonical(b.path)
    # The deletion a made is kept in a's audit, replaced by b's version.
    assert [h["action"] for h in audit.history(a.db, visit)] == ["create", "delete", "import"]


def test_a_bad_file_in_the_folder_is_reported_and_the_rest_still_synced(laptop, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop("a"), laptop("b")
    seed(a.db)
    visit = add_visit(a.db)
    sync(a, drive)
    (drive / "catatan.faskel").write_text("bukan bundel\n", encoding="utf-8")
    (drive / "README.txt").write_text("folder faskel\n", encoding="utf-8")
    rows = sync(b, drive)
    assert "README.txt" not in rows
    assert rows["catatan.faskel"].status == "refused"
    assert "bukan bundel faskel" in text(rows["catatan.faskel"].error)
    assert rows[own_file(a)].status == "imported"
    assert db_row(b.path, "visits", visit) is not None
    assert (drive / own_file(b)).exists()
    (drive / "catatan.faskel").unlink()
    assert {row.status for row in sync(b, drive).values()} <= {"seen", "up_to_date"}


def test_a_bundle_damaged_in_transit_is_retried_at_the_next_sync(laptop, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a, b = laptop("a"), laptop("b")
    seed(a.db)
    add_visit(a.db)
    sync(a, drive)
    own = drive / own_file(a)
    whole = own.read_bytes()
    own.write_bytes(whole[: len(whole) // 2])  # the sync tool has not finished copying
    rows = sync(b, drive)
    assert rows[own.name].status == "refused" and "terpotong" in text(rows[own.name].error)
    assert visit_list(b) == []
    own.write_bytes(whole)
    rows = sync(b, drive)
    assert rows[own.name].status == "imported"
    assert len(visit_list(b)) == 1


def test_sync_needs_an_existing_folder(laptop, tmp_path):
    with pytest.raises(NotFoundError) as caught:
        core_sync.sync(laptop("a").db, tmp_path / "no-such-folder")
    assert "no-such-folder" in text(caught.value)
