"""The files `faskel sync` keeps in a shared folder: never written through a link, always
0600 (item 6), named so that a person sees whose is whose (item 7)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from tests.helpers import Cli, db_row

SECRET = b"isi berkas pribadi pengguna\n"


def seed(cli: Cli) -> Cli:
    """The coordinator's first records: two facilitators, three LKK."""
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", "-k", "Tirto")
    cli.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "--kelurahan", "Kauman")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "pkk", "--name", "PKK Medono")
    cli.ok("lkk", "add", "-k", "Kauman", "--type", "bkm", "--name", "BKM Kauman")
    return cli


def add_visit(cli: Cli, *extra: str, kelurahan="Medono", who="siti", day="2026-11-23") -> str:
    args = ["visit", "add", "--date", day, "-k", kelurahan, "--facilitator", who]
    result = cli.ok(*args, "--kind", "pendampingan", "--strand", "kesadaran", *extra)
    return result.stdout.strip()


def laptop(tmp_path: Path, name: str) -> Cli:
    return Cli(tmp_path / f"laptop-{name}" / "faskel.db")


def device(cli: Cli) -> str:
    return cli.ok("config", "get", "device_id").stdout.strip()


def tail(cli: Cli) -> str:
    return device(cli).replace("-", "")[-8:]


def sync(cli: Cli, folder: Path) -> dict:
    return {row["file"]: row for row in cli.json("sync", str(folder))}


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def drive(tmp_path) -> Path:
    folder = tmp_path / "Google Drive" / "faskel"
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def victim(tmp_path) -> Path:
    """Any file of the user's, 0644, that a planted link points at."""
    path = tmp_path / "home" / ".bashrc"
    path.parent.mkdir()
    path.write_bytes(SECRET)
    path.chmod(0o644)
    return path


# --- item 6: links and modes ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["new", "device_id"])
def test_a_link_planted_at_a_laptops_own_name_is_never_written_through(
    tmp_path, drive, victim, name
):
    a = laptop(tmp_path, "a")
    seed(a)
    a.ok("config", "set", "me", "siti")
    planted = drive / (f"siti-{tail(a)}.faskel" if name == "new" else f"{device(a)}.faskel")
    planted.symlink_to(victim)
    a("sync", str(drive))
    assert victim.read_bytes() == SECRET and mode(victim) == 0o644
    own = drive / f"siti-{tail(a)}.faskel"
    assert own.is_file() and not own.is_symlink() and mode(own) == 0o600
    # Whatever faskel wrote is a file of its own, never the file a link leads to.
    assert all(not p.is_symlink() or p.resolve() == victim.resolve() for p in drive.iterdir())


def test_a_link_among_other_devices_files_is_refused_not_read(tmp_path, drive):
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    visit = add_visit(a)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    a.ok("bundle", "export", "--all", "--output", str(elsewhere / "a.faskel"))
    (drive / "budi-0badc0de.faskel").symlink_to(elsewhere / "a.faskel")
    result = b.fails("sync", str(drive), code=2)
    assert "budi-0badc0de.faskel" in result.stderr and "tautan" in result.stderr
    assert db_row(b.db_path, "visits", visit) is None
    assert (drive / f"kota-pekalongan-{tail(b)}.faskel").is_file()  # the rest still synced


def test_every_bundle_is_0600_whatever_was_there(tmp_path, drive):
    a = laptop(tmp_path, "a")
    seed(a)
    own = drive / f"kota-pekalongan-{tail(a)}.faskel"
    own.write_bytes(b"an old file of the same name")
    own.chmod(0o644)
    assert sync(a, drive)[own.name]["status"] == "written"
    assert mode(own) == 0o600
    # Loosened by hand (or by a copy tool) while nothing changed: tightened again.
    own.chmod(0o644)
    assert sync(a, drive)[own.name]["status"] == "up_to_date"
    assert mode(own) == 0o600
    # `bundle export` over an existing 0644 file, and over a link: 0600, link replaced.
    exported = tmp_path / "siti-minggu48.faskel"
    exported.write_bytes(b"x")
    exported.chmod(0o644)
    a.ok("bundle", "export", "--all", "--output", str(exported))
    assert mode(exported) == 0o600
    target = tmp_path / "notes.txt"
    target.write_bytes(SECRET)
    target.chmod(0o644)
    link = tmp_path / "link.faskel"
    link.symlink_to(target)
    a.ok("bundle", "export", "--all", "--output", str(link))
    assert target.read_bytes() == SECRET and mode(target) == 0o644
    assert not link.is_symlink() and mode(link) == 0o600


# --- item 7: names for people ---------------------------------------------------------------


def test_files_are_named_whose_they_are(tmp_path, drive):
    coordinator, siti = laptop(tmp_path, "koordinator"), laptop(tmp_path, "siti")
    seed(coordinator)
    sync(coordinator, drive)
    sync(siti, drive)  # gets the facilitators from the coordinator's file
    siti.ok("config", "set", "me", "siti")
    sync(siti, drive)
    sync(coordinator, drive)
    assert names(drive) == sorted(
        [f"kota-pekalongan-{tail(coordinator)}.faskel", f"siti-{tail(siti)}.faskel"]
    )
    # The table shows the names as they are.
    table = coordinator.ok("sync", str(drive)).stdout
    assert f"siti-{tail(siti)}.faskel" in table


def test_an_earlier_name_of_this_laptops_file_is_replaced(tmp_path, drive):
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    add_visit(a)
    # What faskel before this change wrote: <device_id>.faskel, with its export mark.
    old = drive / f"{device(a)}.faskel"
    a.ok("bundle", "export", "--all", "--output", str(old))
    rows = sync(a, drive)
    new = f"kota-pekalongan-{tail(a)}.faskel"
    assert rows[old.name]["status"] == "removed" and rows[new]["status"] == "written"
    assert names(drive) == [new]
    with sqlite3.connect(a.db_path) as conn:
        targets = [r[0] for r in conn.execute("select target from bundle_targets")]
    assert targets == [str((drive / new).resolve())]
    # `me` set later: the file takes the handle, the area-named one goes.
    a.ok("config", "set", "me", "siti")
    rows = sync(a, drive)
    assert rows[new]["status"] == "removed"
    assert names(drive) == [f"siti-{tail(a)}.faskel"]
    sync(b, drive)
    assert len(b.json("visit", "list")) == 1


def test_other_devices_files_of_either_naming_are_read(tmp_path, drive):
    a, b, c = (laptop(tmp_path, n) for n in "abc")
    seed(a)
    from_a = add_visit(a)
    b.ok("facilitator", "add", "Dewi", "--handle", "dewi")
    # a still runs an older faskel: its file is named after its device id.
    a.ok("bundle", "export", "--all", "--output", str(drive / f"{device(a)}.faskel"))
    sync(b, drive)  # the new naming
    rows = sync(c, drive)
    assert rows[f"{device(a)}.faskel"]["status"] == "imported"
    assert rows[f"kota-pekalongan-{tail(b)}.faskel"]["status"] == "imported"
    assert db_row(c.db_path, "visits", from_a) is not None
    assert len(c.json("facilitator", "list")) == 3


def test_this_laptops_file_is_told_by_its_manifest_not_its_name(tmp_path, drive):
    a = laptop(tmp_path, "a")
    seed(a)
    sync(a, drive)
    own = drive / f"kota-pekalongan-{tail(a)}.faskel"
    shutil.copy(own, drive / "cadangan.faskel")  # a copy someone made: kept, never imported
    rows = sync(a, drive)
    assert rows["cadangan.faskel"]["status"] == "own"
    assert rows[own.name]["status"] == "up_to_date"
    assert (drive / "cadangan.faskel").exists()
    with sqlite3.connect(a.db_path) as conn:
        assert conn.execute("select count(*) from bundle_seen").fetchone()[0] == 0


def test_a_name_another_device_already_holds_is_not_taken(tmp_path, drive):
    a, b = laptop(tmp_path, "a"), laptop(tmp_path, "b")
    seed(a)
    b.ok("facilitator", "add", "Dewi", "--handle", "dewi")
    # b's bundle under the name a would take (8 hex digits alike: one in four billion).
    clash = drive / f"kota-pekalongan-{tail(a)}.faskel"
    b.ok("bundle", "export", "--all", "--output", str(clash))
    before = clash.read_bytes()
    rows = sync(a, drive)
    longer = f"kota-pekalongan-{device(a).replace('-', '')[-12:]}.faskel"
    assert rows[longer]["status"] == "written"
    assert rows[clash.name]["status"] == "imported"
    assert clash.read_bytes() == before
    assert sync(a, drive)[longer]["status"] == "up_to_date"
