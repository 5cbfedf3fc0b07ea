"""The files `faskel sync` keeps in a shared folder: never written through a link, always
0600 (item 6)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.test_bundle import add_visit, db_row, seed

SECRET = b"isi berkas pribadi pengguna\n"


def laptop(tmp_path: Path, name: str) -> Cli:
    return Cli(tmp_path / f"laptop-{name}" / "faskel.db")


def device(cli: Cli) -> str:
    return cli.ok("config", "get", "device_id").stdout.strip()


def own_name(cli: Cli) -> str:
    return f"{device(cli)}.faskel"


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


def test_a_link_planted_at_a_laptops_own_name_is_never_written_through(tmp_path, drive, victim):
    a = laptop(tmp_path, "a")
    seed(a)
    (drive / own_name(a)).symlink_to(victim)
    a("sync", str(drive))
    assert victim.read_bytes() == SECRET and mode(victim) == 0o644
    own = drive / own_name(a)
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
    assert (drive / own_name(b)).is_file()  # the rest still synced


def test_every_bundle_is_0600_whatever_was_there(tmp_path, drive):
    a = laptop(tmp_path, "a")
    seed(a)
    own = drive / own_name(a)
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
