"""Bundles: export, inspect, import between laptops; merge rules; every bad bundle refused."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faskel_cli.core import bundle
from tests.conftest import Cli, dump

# --- helpers shared with test_sync.py and test_bundle_properties.py ----------------------------


def seed(cli: Cli) -> Cli:
    """The coordinator's first records: two facilitators, three LKK."""
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", "-k", "Tirto")
    cli.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "--kelurahan", "Kauman")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "pkk", "--name", "PKK Medono")
    cli.ok("lkk", "add", "-k", "Kauman", "--type", "bkm", "--name", "BKM Kauman")
    return cli


def add_visit(cli: Cli, *extra: str, kelurahan="Medono", who="siti", day="2026-11-23") -> str:
    result = cli.ok(
        "visit",
        "add",
        "--date",
        day,
        "-k",
        kelurahan,
        "--facilitator",
        who,
        "--kind",
        "pendampingan",
        "--strand",
        "kesadaran",
        *extra,
    )
    return result.stdout.strip()


def export(cli: Cli, path: Path, *extra: str) -> Path:
    cli.ok("bundle", "export", "--output", str(path), *extra)
    return path


def import_counts(cli: Cli, *paths: Path, dry_run=False) -> dict:
    """{kind: {added, updated, unchanged, refused}} summed over the bundles imported."""
    args = ["bundle", "import", *map(str, paths)] + (["--dry-run"] if dry_run else [])
    out: dict = {}
    for item in cli.json(*args):
        for row in item.get("kinds", []):
            kind = out.setdefault(row["kind"], dict.fromkeys(bundle.KindCounts().__dict__, 0))
            for key in kind:
                kind[key] += row[key]
    return out


def canonical(db_path: Path) -> list:
    """The shareable content of a database in a fixed order: laptops that exchanged bundles
    until nothing changes hold equal ones (audit, settings, regions, exchange state are local)."""
    conn = sqlite3.connect(db_path)
    try:
        out = []
        for kind in bundle.describe(conn).values():
            columns = ", ".join(f"[{c}]" for c in kind.names)
            out.append(
                (
                    kind.name,
                    conn.execute(f"select {columns} from [{kind.name}] order by id").fetchall(),
                )
            )
            if kind.link:
                link = kind.link
                pairs = f"select [{link.owner}], [{link.target}] from [{link.table}] order by 1, 2"
                out.append((link.table, conn.execute(pairs).fetchall()))
        return out
    finally:
        conn.close()


def laptops(tmp_path: Path, *names: str) -> list[Cli]:
    """The first laptop is seeded; the others start from a bundle of all its records."""
    first = seed(Cli(tmp_path / f"{names[0]}.db"))
    start = export(first, tmp_path / "start.faskel", "--all")
    others = []
    for name in names[1:]:
        cli = Cli(tmp_path / f"{name}.db")
        cli.ok("bundle", "import", str(start))
        others.append(cli)
    return [first, *others]


def read_bundle(path: Path) -> tuple[dict, list[bytes]]:
    with gzip.open(path, "rb") as handle:
        lines = handle.read().splitlines(keepends=True)
    return json.loads(lines[0]), lines[1:]


def write_bundle(path: Path, manifest: dict, lines: list[bytes], *, recompute=True) -> Path:
    """A bundle made by hand; with `recompute`, its checksum and counts agree with the lines
    (so only the record checks can refuse it)."""
    if recompute:
        counts: dict = {}
        for line in lines:
            kind = json.loads(line)["kind"]
            counts[kind] = counts.get(kind, 0) + 1
        manifest = {
            **manifest,
            "counts": counts,
            "sha256": hashlib.sha256(b"".join(lines)).hexdigest(),
        }
    with gzip.open(path, "wb") as handle:
        handle.write(json.dumps(manifest).encode() + b"\n")
        handle.writelines(lines)
    return path


def record_line(kind: str, record: dict) -> bytes:
    return json.dumps({"kind": kind, "record": record}).encode() + b"\n"


def db_row(db_path: Path, table: str, record_id: str) -> dict:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(f"select * from {table} where id = ?", [record_id]).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


# --- round trips --------------------------------------------------------------------------


def _work(a: Cli, b: Cli, c: Cli, shared: list[str]) -> dict:
    """Each laptop logs and edits on its own; returns the ids made."""
    made = {"a": add_visit(a, "--male", "4"), "b": add_visit(b, kelurahan="Kauman", who="budi")}
    a.ok("visit", "edit", shared[0], "--male", "7")
    b.ok("visit", "delete", shared[1])
    c.ok("lkk", "add", "-k", "Tirto", "--type", "rt", "--name", "RT 02 Tirto")
    made["c"] = add_visit(c, "--lkk", "RT 02 Tirto", kelurahan="Tirto")
    c.ok("visit", "edit", shared[0], "--female", "9")  # later than a's edit: c's version wins
    c.ok("facilitator", "edit", "budi", "--phone", "0812-555")
    return made


ORDERS = {
    # every laptop imports the others' bundles, in two different orders
    "each-from-each": [("b", "a"), ("b", "c"), ("a", "b"), ("a", "c"), ("c", "a"), ("c", "b")],
    "reversed": [("c", "b"), ("c", "a"), ("a", "c"), ("a", "b"), ("b", "c"), ("b", "a")],
    # a chain: records travel on through the laptop in the middle
    "relay": [("b", "a"), ("c", "b"), ("a", "c"), ("b", "c")],
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_three_databases_converge_in_any_order(tmp_path, order):
    a, b, c = laptops(tmp_path, "a", "b", "c")
    shared = [add_visit(a, day="2026-11-20"), add_visit(a, day="2026-11-21")]
    start2 = export(a, tmp_path / "a-to-all.faskel")
    for other in (b, c):
        other.ok("bundle", "import", str(start2))
    made = _work(a, b, c, shared)
    by_name = {"a": a, "b": b, "c": c}
    for step, (to, frm) in enumerate(ORDERS[order]):
        # the default export: what changed since the last export to that very file
        path = export(by_name[frm], tmp_path / f"{frm}-to-{to}.faskel")
        assert path.exists(), step
        by_name[to].ok("bundle", "import", str(path))
    dumps = [canonical(cli.db_path) for cli in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    for cli in (a, b, c):
        kept = db_row(cli.db_path, "visits", shared[0])
        assert (kept["male"], kept["female"]) == (0, 9)  # the later edit, whole
        assert db_row(cli.db_path, "visits", shared[1])["deleted_at"] is not None
        for record_id in made.values():
            assert db_row(cli.db_path, "visits", record_id)["deleted_at"] is None
        budi = cli.json("facilitator", "list")
        assert [f["phone"] for f in budi if f["handle"] == "budi"] == ["0812-555"]


def test_reimport_changes_nothing_at_all(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    add_visit(a, "--lkk", "Posyandu Melati", "--notes", "Rapat kader")
    path = export(a, tmp_path / "a.faskel", "--all")
    first = import_counts(b, path)
    assert first["visits"] == {"added": 1, "updated": 0, "unchanged": 0, "refused": 0}
    before = dump(b.db_path)
    again = import_counts(b, path)
    assert again["visits"] == {"added": 0, "updated": 0, "unchanged": 1, "refused": 0}
    assert again["facilitators"]["unchanged"] == 2
    assert dump(b.db_path) == before  # not even an audit row
    assert canonical(a.db_path) == canonical(b.db_path)


def test_edit_on_one_side_delete_on_the_other(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    edited_then_deleted = add_visit(a, day="2026-11-20")
    deleted_then_edited = add_visit(a, day="2026-11-21")
    b.ok("bundle", "import", str(export(a, tmp_path / "a0.faskel")))
    a.ok("visit", "edit", edited_then_deleted, "--male", "3")
    b.ok("visit", "delete", edited_then_deleted)  # later: the deletion wins
    b.ok("visit", "delete", deleted_then_edited)
    a.ok("visit", "edit", deleted_then_edited, "--female", "5")  # later: the edit wins
    from_a = export(a, tmp_path / "a1.faskel")
    from_b = export(b, tmp_path / "b1.faskel")
    assert import_counts(b, from_a)["visits"]["updated"] == 1
    assert import_counts(a, from_b)["visits"]["updated"] == 1
    for cli in (a, b):
        assert db_row(cli.db_path, "visits", edited_then_deleted)["deleted_at"] is not None
        survivor = db_row(cli.db_path, "visits", deleted_then_edited)
        assert survivor["deleted_at"] is None and survivor["female"] == 5
    assert canonical(a.db_path) == canonical(b.db_path)
    # The version an import replaced is kept in the audit.
    history = b.json("history", deleted_then_edited)
    imported = [h for h in history if h["action"] == "import" and h["before"] is not None]
    assert len(imported) == 1
    assert imported[0]["before"]["deleted_at"] is not None
    assert imported[0]["after"]["deleted_at"] is None and imported[0]["after"]["female"] == 5


def test_same_moment_tie_goes_to_the_larger_device_id(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    visit_id = add_visit(a)
    b.ok("bundle", "import", str(export(a, tmp_path / "a.faskel")))
    devices = {}
    for cli, notes in ((a, "dari a"), (b, "dari b")):
        device = cli.ok("config", "get", "device_id").stdout.strip()
        devices[device] = notes
        conn = sqlite3.connect(cli.db_path)
        with conn:
            conn.execute(
                "update visits set notes = ?, updated_at = '2026-11-28T01:00:00.000000Z', "
                "device_id = ? where id = ?",
                [notes, device, visit_id],
            )
        conn.close()
    b.ok("bundle", "import", str(export(a, tmp_path / "a2.faskel")))
    a.ok("bundle", "import", str(export(b, tmp_path / "b2.faskel")))
    winner = devices[max(devices)]
    for cli in (a, b):
        assert db_row(cli.db_path, "visits", visit_id)["notes"] == winner


def test_activities_stages_and_followups_travel(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    activity = a.ok(
        "activity",
        "add",
        "-k",
        "Medono",
        "--title",
        "Normalisasi saluran RW 03",
        "--type",
        "fisik",
        "--date",
        "2026-11-02",
        "--budget",
        "45 juta",
        "--lkk",
        "PKK Medono",
    ).stdout.strip()
    a.ok("activity", "advance", activity, "--date", "2026-11-09", "--note", "kerja bakti")
    add_visit(
        a,
        "--activity",
        activity,
        "--problem",
        "Saluran tersumbat",
        "--followup",
        "Kerja bakti RW 03",
        "--due",
        "2026-12-05",
    )
    counts = import_counts(b, export(a, tmp_path / "a.faskel"))
    assert counts["activities"]["added"] == 1
    assert counts["activity_stages"]["added"] == 2
    assert counts["followups"]["added"] == 1
    assert canonical(a.db_path) == canonical(b.db_path)
    shown = b.json("activity", "show", activity)
    assert shown["stage"] == "pelaksanaan" and shown["lkk"] == ["PKK Medono"]


# --- export -------------------------------------------------------------------------------


def test_export_remembers_each_target_and_relays_imported_records(tmp_path):
    a, b, c = laptops(tmp_path, "a", "b", "c")
    early = add_visit(a)
    to_b, b_to_c = tmp_path / "a-to-b.faskel", tmp_path / "b-to-c.faskel"
    assert import_counts(b, export(a, to_b, "--changes"))["visits"]["added"] == 1
    to_b.unlink()  # sent: a file still there would be carried again (test_bundle_export_scope)
    # Nothing new since the last export to that file; another file gets everything.
    manifest, lines = read_bundle(export(a, to_b, "--changes"))
    assert (manifest["scope"], lines) == ("changes", [])
    manifest, lines = read_bundle(export(a, tmp_path / "a-to-c.faskel", "--changes"))
    assert manifest["scope"] == "all" and len(lines) == 6
    # A record made before b's last export to c, but imported into b after it, still
    # travels on in b's next export: exports follow the local change log, not updated_at.
    late = add_visit(a, day="2026-11-24")
    c.ok("bundle", "import", str(export(b, b_to_c, "--changes")))
    b_to_c.unlink()
    b.ok("bundle", "import", str(export(a, to_b, "--changes")))
    manifest, lines = read_bundle(export(b, b_to_c, "--changes"))
    assert [json.loads(line)["record"]["id"] for line in lines] == [late]
    c.ok("bundle", "import", str(tmp_path / "b-to-c.faskel"))
    assert db_row(c.db_path, "visits", late) is not None
    assert db_row(c.db_path, "visits", early) is not None  # in b's first export to c


def test_export_since_and_all(tmp_path):
    (a,) = laptops(tmp_path, "a")
    add_visit(a)
    manifest, lines = read_bundle(export(a, tmp_path / "x.faskel", "--since", "2026-11-27"))
    assert manifest["scope"] == "since" and manifest["since"] == "2026-11-27"
    # names and phone numbers inside: readable by its owner only
    assert (tmp_path / "x.faskel").stat().st_mode & 0o777 == 0o600
    assert manifest["counts"] == {
        "facilitators": 2,
        "lkk": 3,
        "activities": 0,
        "activity_stages": 0,
        "visits": 1,
        "followups": 0,
    }
    # Records are stamped with the real clock: a since in the future would be refused,
    # one far in the past gives everything.
    _, old = read_bundle(export(a, tmp_path / "y.faskel", "--since", "2001-01-01"))
    assert len(old) == 6
    everything = a.json("bundle", "export", "--output", str(tmp_path / "x.faskel"), "--all")
    assert everything["records"] == 6 and everything["scope"] == "all"
    assert everything["sha256"] == read_bundle(tmp_path / "x.faskel")[0]["sha256"]
    a.fails("bundle", "export", "-o", str(tmp_path / "z.faskel"), "--all", "--since", "2026-11-01")
    a.fails("bundle", "export", "-o", str(tmp_path / "z.faskel"), "--since", "kemarin lusa")
    assert not (tmp_path / "z.faskel").exists()
    # Each line: the table's columns and the record's links.
    record = json.loads(old[-1])["record"]
    assert set(record) >= {"id", "date", "kelurahan_kode", "updated_at", "deleted_at", "lkk_ids"}


def test_export_refuses_an_unwritable_target(tmp_path):
    (a,) = laptops(tmp_path, "a")
    folder = tmp_path / "folder.faskel"
    folder.mkdir()
    result = a.fails("bundle", "export", "-o", str(folder))
    assert "folder.faskel" in result.stderr
    assert list(folder.iterdir()) == []


def test_inspect_shows_the_manifest_without_a_database(tmp_path):
    (a,) = laptops(tmp_path, "a")
    add_visit(a)
    path = export(a, tmp_path / "a.faskel", "--all")
    fresh = Cli(tmp_path / "never-made.db")
    shown = fresh.json("bundle", "inspect", str(path))
    assert shown["intact"] is True
    assert shown["found"] == {"facilitators": 2, "lkk": 3, "visits": 1}
    assert shown["manifest"]["format"] == "faskel-bundle"
    assert shown["manifest"]["area"] == "33.75"
    assert not (tmp_path / "never-made.db").exists()
    text = fresh.ok("--lang", "en", "bundle", "inspect", str(path)).stdout
    assert "Kota Pekalongan (33.75)" in text and "Intact" in text
    # A damaged bundle: the manifest is shown, then one line of error.
    manifest, lines = read_bundle(path)
    lines[-1] = lines[-1].replace(b'"male":0', b'"male":5')
    write_bundle(tmp_path / "edited.faskel", manifest, lines, recompute=False)
    result = fresh.fails("--lang", "en", "bundle", "inspect", str(tmp_path / "edited.faskel"))
    assert "SHA-256" in result.stderr and "faskel-bundle" in result.stdout


# --- refused bundles: one line, database untouched ----------------------------------------


@pytest.fixture
def two(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    add_visit(a, "--lkk", "Posyandu Melati")
    add_visit(a, kelurahan="Kauman", who="budi")
    return a, b, export(a, tmp_path / "good.faskel", "--all")


def _truncated(path: Path, tmp: Path) -> Path:
    data = path.read_bytes()
    out = tmp / "truncated.faskel"
    out.write_bytes(data[: len(data) * 2 // 3])
    return out


def _corrupted(path: Path, tmp: Path) -> Path:
    data = bytearray(path.read_bytes())
    middle = len(data) * 2 // 3
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    out = tmp / "corrupted.faskel"
    out.write_bytes(bytes(data))
    return out


def _hand_edited(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    lines[-1] = lines[-1].replace(b'"male":0', b'"male":50')
    assert b'"male":50' in lines[-1]
    return write_bundle(tmp / "edited.faskel", manifest, lines, recompute=False)


def _line_removed(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    return write_bundle(tmp / "short.faskel", manifest, lines[:-1], recompute=False)


def _counts_edited(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    manifest["counts"]["visits"] = 5
    return write_bundle(tmp / "counts.faskel", manifest, lines, recompute=False)


def _new_version(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    return write_bundle(tmp / "v2.faskel", {**manifest, "version": 2}, lines)


def _other_area(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    other = {**manifest, "area": "33.74", "area_name": "Kota Semarang"}
    return write_bundle(tmp / "semarang.faskel", other, lines)


def _manifest_broken(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    del manifest["device_id"]
    return write_bundle(tmp / "no-device.faskel", manifest, lines, recompute=False)


def _line_endless(path: Path, tmp: Path) -> Path:
    manifest, _ = read_bundle(path)
    return write_bundle(
        tmp / "endless.faskel", manifest, [b"x" * (bundle.MAX_LINE + 1)], recompute=False
    )


def _text_file(path: Path, tmp: Path) -> Path:
    out = tmp / "notes.faskel"
    out.write_text("kunjungan minggu ini\n", encoding="utf-8")
    return out


def _sqlite_file(path: Path, tmp: Path) -> Path:
    return tmp / "a.db"


def _empty_file(path: Path, tmp: Path) -> Path:
    out = tmp / "empty.faskel"
    out.write_bytes(b"")
    return out


def _gzip_of_json(path: Path, tmp: Path) -> Path:
    out = tmp / "other.json.gz"
    with gzip.open(out, "wb") as handle:
        handle.write(b'{"format": "something-else", "version": 1}\n')
    return out


def _gzip_of_binary(path: Path, tmp: Path) -> Path:
    out = tmp / "blob.gz"
    with gzip.open(out, "wb") as handle:
        handle.write(os.urandom(1000))
    return out


def _directory(path: Path, tmp: Path) -> Path:
    out = tmp / "a-folder"
    out.mkdir()
    return out


def _missing(path: Path, tmp: Path) -> Path:
    return tmp / "nowhere.faskel"


BAD = {
    "truncated": (_truncated, "terpotong"),
    "corrupted": (_corrupted, "rusak"),
    "hand-edited": (_hand_edited, "checksum"),
    "line-removed": (_line_removed, "checksum"),
    "counts-edited": (_counts_edited, "manifest"),
    "unknown-version": (_new_version, "versi 2"),
    "other-area": (_other_area, "Kota Semarang (33.74)"),
    "manifest-broken": (_manifest_broken, "tidak sah (device_id"),
    "line-endless": (_line_endless, "terlalu panjang"),
    "text-file": (_text_file, "bukan bundel"),
    "sqlite-file": (_sqlite_file, "bukan bundel"),
    "empty-file": (_empty_file, "bukan bundel"),
    "other-json": (_gzip_of_json, "bukan bundel"),
    "gzip-of-binary": (_gzip_of_binary, "bukan bundel"),
    "directory": (_directory, "bukan bundel"),
    "missing": (_missing, "tidak ditemukan"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_bundles_are_refused_and_nothing_is_written(two, tmp_path, case):
    a, b, good = two
    make, words = BAD[case]
    bad = make(good, tmp_path)
    before = dump(b.db_path)
    for dry_run in ((), ("--dry-run",)):
        result = b.fails("bundle", "import", str(bad), *dry_run)
        assert words in result.stderr, result.stderr
        assert dump(b.db_path) == before
    # ... and the good bundle still imports afterwards.
    assert import_counts(b, good)["visits"]["added"] == 2


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"male": "lima"}, "baris 8: male"),
        ({"kind": "rapat"}, "baris 8: kind"),
        ({"date": "23/11/2026"}, "baris 8: date"),
        ({"updated_at": "kemarin"}, "baris 8: updated_at"),
        ({"id": "not-an-id"}, "baris 8: id"),
        ({"rating": 5}, "isian 'rating' tidak dikenal"),
        ({"lkk_ids": ["x"]}, "baris 8: lkk_ids.0"),
    ],
)
def test_invalid_records_are_refused_with_their_line(two, tmp_path, change, words):
    a, b, good = two
    manifest, lines = read_bundle(good)
    assert json.loads(lines[6])["kind"] == "visits"  # line 8 of the file
    record = {**json.loads(lines[6])["record"], **change}
    lines[6] = record_line("visits", record)
    bad = write_bundle(tmp_path / "bad.faskel", manifest, lines)
    before = dump(b.db_path)
    assert words in b.fails("bundle", "import", str(bad)).stderr
    assert dump(b.db_path) == before


def test_columns_a_bundle_leaves_out_take_their_defaults(two, tmp_path):
    """A bundle from a faskel before some migration lacks the columns it added."""
    a, b, good = two
    manifest, lines = read_bundle(good)
    record = json.loads(lines[6])["record"]
    for column in ("notes", "duration_minutes", "male", "lkk_ids"):
        record.pop(column)
    lines[6] = record_line("visits", record)
    counts = import_counts(b, write_bundle(tmp_path / "older.faskel", manifest, lines))
    assert counts["visits"]["added"] == 2
    row = db_row(b.db_path, "visits", record["id"])
    assert (row["notes"], row["duration_minutes"], row["male"]) == (None, None, 0)


def test_a_record_twice_is_refused(two, tmp_path):
    a, b, good = two
    manifest, lines = read_bundle(good)
    bad = write_bundle(tmp_path / "twice.faskel", manifest, [*lines, lines[-1]])
    before = dump(b.db_path)
    assert "dua kali" in b.fails("bundle", "import", str(bad)).stderr
    assert dump(b.db_path) == before


def test_references_outside_the_bundle_and_database_are_named(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    target = tmp_path / "a.faskel"
    export(a, target, "--changes")  # everything so far went out to that file
    a.ok("facilitator", "add", "Dewi Lestari", "--handle", "dewi", "-k", "Krapyak")
    dewi = export(a, target, "--changes").rename(tmp_path / "dewi.faskel")
    visit_id = add_visit(a, kelurahan="Krapyak", who="dewi")
    visit = export(a, target, "--changes").rename(tmp_path / "visit.faskel")
    before = dump(b.db_path)
    result = b.fails("--lang", "en", "bundle", "import", str(visit), code=4)
    assert f"visit {visit_id}: facilitator_id" in result.stderr
    assert "neither in the bundle nor in this database" in result.stderr
    assert dump(b.db_path) == before
    # The dry run counts it as refused, and exits as the import would.
    preview = b("bundle", "import", str(visit), "--dry-run", "--format", "json")
    assert preview.exit_code == 4
    kinds = {row["kind"]: row for row in json.loads(preview.stdout)[0]["kinds"]}
    assert kinds["visits"] == {
        "kind": "visits",
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "refused": 1,
    }
    assert dump(b.db_path) == before
    # Given together, in the wrong order, both go in: the refused one is tried again.
    counts = import_counts(b, visit, dewi)
    assert counts["visits"]["added"] == 1 and counts["facilitators"]["added"] == 1
    assert canonical(a.db_path) == canonical(b.db_path)


def test_kelurahan_outside_the_area_is_named(two, tmp_path):
    a, b, good = two
    manifest, lines = read_bundle(good)
    lkk = next(json.loads(line)["record"] for line in lines if b'"kind":"lkk"' in line)
    stranger = {
        **lkk,
        "id": "01900000-0000-7000-8000-000000000abc",
        "kelurahan_kode": "33.74.01.1001",
    }
    facilitator = json.loads(lines[0])["record"]
    moved = {**facilitator, "kelurahan_kodes": ["33.75.01.1002", "31.71.01.1001"]}
    moved["updated_at"] = "2099-01-01T00:00:00.000000Z"
    bad = write_bundle(
        tmp_path / "stranger.faskel",
        manifest,
        [record_line("facilitators", moved), record_line("lkk", stranger)],
    )
    before = dump(b.db_path)
    result = b.fails("bundle", "import", str(bad), code=4)
    assert "33.74.01.1001" in result.stderr and "31.71.01.1001" in result.stderr
    assert "bukan bagian dari wilayah" in result.stderr
    assert dump(b.db_path) == before


def test_the_same_handle_made_on_two_laptops_is_refused_until_renamed(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    a.ok("facilitator", "add", "Nur Hidayah", "--handle", "nur", "-k", "Bandengan")
    b.ok("facilitator", "add", "Nur Aini", "--handle", "nur", "-k", "Degayu")
    from_b = export(b, tmp_path / "b.faskel")
    before = dump(a.db_path)
    result = a.fails("--lang", "en", "bundle", "import", str(from_b))
    assert "both have handle 'nur' but different names" in result.stderr
    assert "faskel facilitator edit nur --handle" in result.stderr  # the command, here
    assert dump(a.db_path) == before
    b.ok("facilitator", "edit", "nur", "--handle", "nur.aini")
    counts = import_counts(a, export(b, tmp_path / "b.faskel"))
    assert counts["facilitators"]["added"] == 1
    handles = [f["handle"] for f in a.json("facilitator", "list")]
    assert "nur" in handles and "nur.aini" in handles


def test_a_name_freed_by_a_deletion_can_be_taken_in_the_same_bundle(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    b.ok("lkk", "remove", "Posyandu Melati", "-k", "Medono")
    b.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    counts = import_counts(a, export(b, tmp_path / "b.faskel"))
    assert counts["lkk"] == {"added": 1, "updated": 1, "unchanged": 2, "refused": 0}
    assert canonical(a.db_path) == canonical(b.db_path)


def test_names_renamed_and_swapped_in_one_bundle(tmp_path):
    a, b = laptops(tmp_path, "a", "b")
    b.ok("lkk", "edit", "PKK Medono", "-k", "Medono", "--name", "PKK Medono Lama")
    b.ok("lkk", "add", "-k", "Medono", "--type", "pkk", "--name", "PKK Medono")
    b.ok("facilitator", "edit", "siti", "--handle", "tmp")
    b.ok("facilitator", "edit", "budi", "--handle", "siti")
    b.ok("facilitator", "edit", "tmp", "--handle", "budi")
    counts = import_counts(a, export(b, tmp_path / "b.faskel"))
    assert counts["lkk"]["added"] == 1 and counts["lkk"]["updated"] == 1
    assert counts["facilitators"]["updated"] == 2
    assert canonical(a.db_path) == canonical(b.db_path)
    names = {f["handle"]: f["name"] for f in a.json("facilitator", "list")}
    assert names == {"siti": "Budi Santoso", "budi": "Siti Aminah"}


def test_dry_run_reports_without_writing(two):
    a, b, good = two
    before = dump(b.db_path)
    counts = import_counts(b, good, dry_run=True)
    assert counts["visits"] == {"added": 2, "updated": 0, "unchanged": 0, "refused": 0}
    assert counts["lkk"] == {"added": 0, "updated": 0, "unchanged": 3, "refused": 0}
    assert dump(b.db_path) == before
    text = b.ok("--lang", "en", "bundle", "import", str(good), "--dry-run").stdout
    assert "Dry run" in text and "Added" in text
    assert dump(b.db_path) == before


def test_two_imports_at_once_both_succeed(tmp_path):
    a, b, c = laptops(tmp_path, "a", "b", "c")
    for i in range(20):
        add_visit(b, "--male", str(i))
        add_visit(c, "--female", str(i), kelurahan="Kauman", who="budi")
    from_b = export(b, tmp_path / "b.faskel")
    from_c = export(c, tmp_path / "c.faskel")
    env = {**os.environ, "FASKEL_TODAY": "2026-11-28"}
    # Someone holds the write lock for a while: both imports wait for it, then for each other.
    holder = sqlite3.connect(a.db_path, isolation_level=None)
    holder.execute("begin immediate")
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "faskel_cli",
                "--db",
                str(a.db_path),
                "bundle",
                "import",
                str(p),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for p in (from_b, from_c)
    ]
    time.sleep(1.5)
    holder.execute("commit")
    holder.close()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    visits = a.json("visit", "list")
    assert len(visits) == 40
