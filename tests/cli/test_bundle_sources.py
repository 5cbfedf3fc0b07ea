"""`faskel bundle sources` (who sent what: per source its last bundle, newest record and
counts, and how many bundles came, a resend that changes nothing included) and the total
line of an import of many bundles (`bundle import a b`, `sync`)."""

from __future__ import annotations

from faskel_cli.core.db import connect
from tests.helpers import Cli, add_visit, copy_db, seed


def laptop(empty_template, tmp_path, name: str, me: str, days: list[str]) -> Cli:
    path = copy_db(empty_template, tmp_path / f"laptop-{name}" / "faskel.db", new_device=True)
    database = connect(path)
    try:
        seed(database)
        for day in days:
            add_visit(database, day=day, who=me)
    finally:
        database.close()
    cli = Cli(path)
    cli.ok("config", "set", "me", me)
    return cli


def device(cli: Cli) -> str:
    return cli.ok("config", "get", "device_id").stdout.strip()


def test_each_source_its_last_bundle_newest_record_counts_and_total(empty_template, tmp_path):
    a = laptop(empty_template, tmp_path, "a", "siti", ["2026-11-20", "2026-11-23"])
    b = laptop(empty_template, tmp_path, "b", "budi", ["2026-11-18"])
    a_file, b_file = tmp_path / "a.faskel", tmp_path / "b.faskel"
    a.ok("bundle", "export", "--all", "-o", str(a_file))
    b.ok("bundle", "export", "--all", "-o", str(b_file))
    hub = Cli(copy_db(empty_template, tmp_path / "hub" / "faskel.db", new_device=True))
    assert hub.json("bundle", "sources") == []
    assert "belum ada bundel" in hub.ok("bundle", "sources").stdout

    out = hub.ok("bundle", "import", str(a_file), str(b_file)).stdout
    # seed: 2 facilitators, 3 LKK; a: 2 visits, b: 1 (the seed's records are the same ids
    # only within one laptop: each laptop made its own)
    assert "jumlah: 2 dari 2 bundel diimpor; 13 baru, 0 diperbarui, 0 tetap, 0 ditolak" in out
    # Sent again, a changes nothing: it still counts as a bundle received from a.
    again = hub.ok("bundle", "import", str(a_file)).stdout
    assert "bundel diimpor" not in again  # one bundle: no total line

    found = {item["sender"]["handle"]: item for item in hub.json("bundle", "sources")}
    assert set(found) == {"siti", "budi"}
    siti, budi = found["siti"], found["budi"]
    assert siti["device_id"] == device(a) and budi["device_id"] == device(b)
    assert (siti["bundles"], siti["bundles_changing"], budi["bundles"]) == (2, 1, 1)
    assert siti["area"] == "33.75" and siti["area_name"]
    assert siti["last"]["file"] == "a.faskel"
    assert siti["last"]["newest"] == "2026-11-23" and budi["last"]["newest"] == "2026-11-18"
    assert siti["last"]["counts"] == {"facilitators": 2, "lkk": 3, "visits": 2}
    assert budi["last"]["counts"] == {"facilitators": 2, "lkk": 3, "visits": 1}
    assert (siti["last"]["changed"], budi["last"]["changed"]) == (0, 6)
    assert siti["last"]["at_local"].endswith(" WIB")
    # The last bundle received first.
    assert [item["sender"]["handle"] for item in hub.json("bundle", "sources")] == ["siti", "budi"]

    table = hub.ok("bundle", "sources", env={"COLUMNS": "200"}).stdout
    assert "siti" in table and "budi" in table and "2026-11-23" in table
    english = hub.ok("--lang", "en", "bundle", "sources", env={"COLUMNS": "200"}).stdout
    assert "newest record" in english


def test_a_dry_run_is_no_bundle_received(empty_template, tmp_path):
    a = laptop(empty_template, tmp_path, "a", "siti", ["2026-11-20"])
    a_file = tmp_path / "a.faskel"
    a.ok("bundle", "export", "--all", "-o", str(a_file))
    hub = Cli(copy_db(empty_template, tmp_path / "hub" / "faskel.db", new_device=True))
    hub.ok("bundle", "import", "--dry-run", str(a_file))
    assert hub.json("bundle", "sources") == []


def test_sync_of_many_bundles_says_the_total(empty_template, tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    a = laptop(empty_template, tmp_path, "a", "siti", ["2026-11-20"])
    b = laptop(empty_template, tmp_path, "b", "budi", ["2026-11-18"])
    a.ok("sync", str(drive))
    b.ok("sync", str(drive))
    hub = Cli(copy_db(empty_template, tmp_path / "hub" / "faskel.db", new_device=True))
    out = hub.ok("sync", str(drive)).stdout
    assert "jumlah: 2 dari 2 bundel diimpor; 12 baru" in out
    assert {item["sender"]["handle"] for item in hub.json("bundle", "sources")} == {"siti", "budi"}
    assert "bundel diimpor" not in hub.ok("sync", str(drive)).stdout  # none new
