"""The edge of `faskel sync FOLDER`: one row per file, a bad file named on stderr while the
rest is still synced, exit codes."""

from __future__ import annotations

from faskel_cli.core.db import connect
from tests.helpers import Cli, add_visit, copy_db, seed


def laptop(empty_template, tmp_path, name: str, *, seeded=False) -> Cli:
    path = copy_db(empty_template, tmp_path / f"laptop-{name}" / "faskel.db", new_device=True)
    if seeded:
        database = connect(path)
        try:
            seed(database)
            add_visit(database)
        finally:
            database.close()
    return Cli(path)


def device(cli: Cli) -> str:
    return cli.ok("config", "get", "device_id").stdout.strip()


def own_file(cli: Cli) -> str:
    """The laptop's file in the folder: whose (no `me` set: the area) and its device's tail."""
    return f"kota-pekalongan-{device(cli).replace('-', '')[-8:]}.faskel"


def test_one_row_per_file(empty_template, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a = laptop(empty_template, tmp_path, "a", seeded=True)
    b = laptop(empty_template, tmp_path, "b")
    own = own_file(a)
    assert a.json("sync", str(drive)) == [
        {
            "file": own,
            "status": "written",
            "device": device(a),
            "added": None,
            "updated": None,
            "unchanged": None,
            "records": 6,
            "error": None,
        }
    ]
    rows = {row["file"]: row for row in b.json("sync", str(drive))}
    assert (rows[own]["status"], rows[own]["added"], rows[own]["records"]) == ("imported", 6, None)
    assert rows[own_file(b)]["status"] == "written"
    assert len(b.json("visit", "list")) == 1
    assert own[:8] in b.ok("sync", str(drive)).stdout  # a table, files by short names


def test_a_bad_file_in_the_folder_is_reported_and_the_rest_still_synced(empty_template, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a = laptop(empty_template, tmp_path, "a", seeded=True)
    b = laptop(empty_template, tmp_path, "b")
    a.ok("sync", str(drive))
    (drive / "catatan.faskel").write_text("bukan bundel\n", encoding="utf-8")
    result = b.fails("sync", str(drive), code=2)
    assert "catatan.faskel" in result.stderr and "bukan bundel faskel" in result.stderr
    assert "ditolak" in result.stdout
    assert len(b.json("visit", "list")) == 1
    assert (drive / own_file(b)).exists()
    (drive / "catatan.faskel").unlink()
    b.ok("sync", str(drive))


def test_a_bundle_damaged_in_transit_is_one_line(empty_template, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a = laptop(empty_template, tmp_path, "a", seeded=True)
    b = laptop(empty_template, tmp_path, "b")
    a.ok("sync", str(drive))
    own = drive / own_file(a)
    own.write_bytes(own.read_bytes()[:200])
    assert "terpotong" in b.fails("sync", str(drive)).stderr
    assert b.json("visit", "list") == []


def test_sync_needs_an_existing_folder(cli, tmp_path):
    result = cli.fails("sync", str(tmp_path / "no-such-folder"), code=3)
    assert "no-such-folder" in result.stderr
