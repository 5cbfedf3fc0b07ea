"""Hostile bundle files: gzip bombs, deep nesting, numbers beyond SQLite, manifests that
lie, and text that would drive the terminal. Each is refused fast with one line on stderr,
no traceback, nothing written; nothing from a bundle is printed unescaped."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from pathlib import Path

import pytest

from faskel_cli.core.bundle import wire
from faskel_cli.core.errors import InputError, Message
from faskel_cli.messages import safe, set_lang, text
from tests.helpers import Cli, copy_db, dump, frozen_clock

# --- helpers (small copies: test modules do not import each other) -----------------------


def seed(cli: Cli) -> Cli:
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    cli.ok(
        "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
        "--kind", "pendampingan", "--strand", "kesadaran", "--lkk", "Posyandu Melati",
    )  # fmt: skip
    return cli


def read_bundle(path: Path) -> tuple[dict, list[bytes]]:
    with gzip.open(path, "rb") as handle:
        lines = handle.read().splitlines(keepends=True)
    return json.loads(lines[0]), lines[1:]


def write_raw(path: Path, manifest: dict | bytes, content: bytes, *, recompute=True) -> Path:
    """A bundle of `content` (the bytes after the manifest line), its checksum right."""
    if isinstance(manifest, dict):
        if recompute:
            manifest = {**manifest, "sha256": hashlib.sha256(content).hexdigest()}
        manifest = json.dumps(manifest).encode() + b"\n"
    with gzip.open(path, "wb", compresslevel=9) as handle:
        handle.write(manifest)
        handle.write(content)
    return path


@pytest.fixture(scope="module")
def seeded_and_its_bundle(tmp_path_factory, empty_template) -> tuple[Path, Path]:
    """Laptop a seeded and its bundle, made once for the module (tests only read them)."""
    folder = tmp_path_factory.mktemp("hostile")
    with frozen_clock():
        a = seed(Cli(copy_db(empty_template, folder / "a.db", new_device=True)))
        good = folder / "good.faskel"
        a.ok("bundle", "export", "--all", "--output", str(good))
    return a.db_path, good


@pytest.fixture
def laptops(seeded_and_its_bundle, empty_template, tmp_path):
    """(a, b, a's bundle): private copies of laptop a and of a new laptop b."""
    a_template, good = seeded_and_its_bundle
    a = Cli(copy_db(a_template, tmp_path / "a.db"))
    b = Cli(copy_db(empty_template, tmp_path / "b.db", new_device=True))
    return a, b, good


def refused_everywhere(b: Cli, path: Path, *words: str, code: int = 2) -> list[str]:
    """inspect, import --dry-run and import: one line each, the database untouched."""
    before = dump(b.db_path)
    lines = []
    for args in (
        ("bundle", "inspect", str(path)),
        ("bundle", "import", str(path), "--dry-run"),
        ("bundle", "import", str(path)),
    ):
        result = b.fails(*args, code=code)
        for word in words:
            assert word in result.stderr, (args, result.stderr)
        assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
        lines.append(result.stderr)
    assert dump(b.db_path) == before
    return lines


# --- gzip bombs -------------------------------------------------------------------------------


def test_a_small_bomb_is_refused_fast(laptops, tmp_path):
    """16 KB expanding to 16 MB of empty lines took 11 s to import and 94 s to inspect."""
    a, b, good = laptops
    manifest, _ = read_bundle(good)
    bomb = write_raw(tmp_path / "bomb.faskel", manifest, b"\n" * (16 * 1024 * 1024))
    assert bomb.stat().st_size < 40_000
    began = time.perf_counter()
    refused_everywhere(b, bomb, "baris 2")
    assert time.perf_counter() - began < 20  # three commands; about 1 s each here


def test_a_bomb_beyond_its_bound_is_refused_as_soon_as_it_passes_it(laptops, tmp_path):
    a, b, good = laptops
    manifest, lines = read_bundle(good)
    content = lines[-1] * ((wire.MIN_EXPANDED + len(lines[-1])) // len(lines[-1]) + 1)
    bomb = write_raw(tmp_path / "bomb.faskel", manifest, content)
    assert bomb.stat().st_size * wire.MAX_EXPANSION < wire.MIN_EXPANDED
    began = time.perf_counter()
    refused_everywhere(b, bomb, "mengembang melebihi batas (64 MiB, 60 kali")
    assert time.perf_counter() - began < 30


def test_real_bundles_expand_well_within_the_bound(sample_template, tmp_path):
    cli = Cli(copy_db(sample_template, tmp_path / "sample.db"))
    path = tmp_path / "sample.faskel"
    cli.ok("bundle", "export", "--all", "--output", str(path))
    with gzip.open(path, "rb") as handle:
        expanded = len(handle.read())
    assert expanded < path.stat().st_size * wire.MAX_EXPANSION / 5  # 7 to 9 times


# --- what JSON and numbers can do -------------------------------------------------------------


def test_deep_nesting_is_one_line(laptops, tmp_path):
    a, b, good = laptops
    manifest, lines = read_bundle(good)
    deep = b"[" * 200_000 + b"]" * 200_000 + b"\n"
    refused_everywhere(b, write_raw(tmp_path / "deep.faskel", manifest, deep), "baris 2")
    record = b'{"kind": "visits", "record": ' + deep[:-1] + b"}\n"
    path = write_raw(tmp_path / "deep-record.faskel", manifest, lines[0] + record)
    before = dump(b.db_path)
    assert "bersarang terlalu dalam" in b.fails("bundle", "import", str(path), code=2).stderr
    assert dump(b.db_path) == before
    deep_manifest = json.dumps({**manifest, "extra": 1}).encode()[:-1] + b', "x": '
    deep_manifest += b"[" * 50_000 + b"]" * 50_000 + b"}\n"
    path = write_raw(tmp_path / "deep-manifest.faskel", deep_manifest, b"")
    refused_everywhere(b, path, "bukan bundel faskel")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"male": 2**64}, ["male", "18446744073709551616", "paling besar"]),
        ({"duration_minutes": -(2**70)}, ["duration_minutes", "paling kecil 1"]),
        ({"notes": 12.5}, ["notes", "harus teks"]),
    ],
)
def test_numbers_sqlite_cannot_hold_are_refused(laptops, tmp_path, change, words):
    a, b, good = laptops
    manifest, lines = read_bundle(good)
    item = json.loads(lines[-1])
    item["record"].update(change)
    line = json.dumps(item).encode() + b"\n"
    path = write_raw(tmp_path / "big.faskel", manifest, b"".join(lines[:-1]) + line)
    before = dump(b.db_path)
    assert all(w in b.fails("bundle", "import", str(path), code=2).stderr for w in words)
    assert dump(b.db_path) == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"device_id": "laptop\x1b[31m-siti"}, ["tidak sah (device_id: harus UUID"]),
        ({"area": "33.75\nfaskel: ok"}, ["tidak sah (area: harus kode wilayah"]),
        ({"created_at": "kemarin"}, ["tidak sah (created_at: harus waktu UTC"]),
        ({"area_name": "Kota\x1b]0;pwned\x07"}, ["tidak sah (area_name: satu baris"]),
        ({"area_name": "K" * 201}, ["tidak sah (area_name: paling panjang 200"]),
        ({"scope": "everything"}, ["tidak sah (scope"]),
        ({"since": "x" * 5000}, ["tidak sah (since"]),
        ({"counts": {"visits": 2**64}}, ["tidak sah (counts.visits: paling besar"]),
        ({"counts": {"Visits!\x1b": 1}}, ["tidak sah (counts.Visits!\\x1b"]),
        ({"version": 2**70}, ["berformat versi 1180591620717411303424"]),
        ({"version": "1\x1b[2J" * 100}, ["berformat versi '1\\x1b[2J"]),
    ],
)
def test_the_manifest_is_checked_strictly(laptops, tmp_path, change, words):
    a, b, good = laptops
    manifest, lines = read_bundle(good)
    path = write_raw(tmp_path / "lying.faskel", {**manifest, **change}, b"".join(lines))
    refused_everywhere(b, path, *words)


# --- nothing from a bundle reaches the terminal raw --------------------------------------------


def test_text_escapes_control_characters_in_values():
    set_lang("en")
    error = InputError(
        "err.bundle_invalid",
        file="x\x1b[2J\nError: forged\r\u202e",
        line=1_234,
        field=Message.of("bundle.kind.visits"),
        reason=(Message.of("bundle.rule.less_than_equal", le="9\x07"),),
    )
    shown = text(error)
    assert "\n" not in shown and "\x1b" not in shown and "\x07" not in shown
    assert "x\\x1b[2J\\nError: forged\\r\\u202e" in shown and "9\\x07" in shown
    assert safe("Siti Aminah, RW 03 (tab\tok)") == "Siti Aminah, RW 03 (tab\\tok)"
    assert safe("\x9b31m\x7f") == "\\x9b31m\\x7f"


def test_a_hostile_file_name_is_shown_escaped(laptops, tmp_path):
    a, b, good = laptops
    evil = tmp_path / "siti\x1b[2J\nKesalahan: palsu.faskel"
    evil.write_bytes(b"not a bundle")
    for lines in refused_everywhere(b, evil, "siti\\x1b[2J\\nKesalahan: palsu.faskel"):
        assert lines.count("\n") == 1
    # A good bundle under such a name: the import's title line is escaped too.
    evil.write_bytes(good.read_bytes())
    shown = b.ok("bundle", "inspect", str(evil)).stdout
    assert "siti\\x1b[2J\\nKesalahan" in shown and "\x1b" not in shown
    out = b.ok("bundle", "import", str(evil)).stdout
    assert "siti\\x1b[2J\\nKesalahan" in out and "\x1b" not in out


# --- sync does not read an unchanged refused file again -----------------------------------------


def test_sync_remembers_a_refused_file_until_it_changes(laptops, tmp_path):
    a, b, good = laptops
    folder = tmp_path / "drive"
    folder.mkdir()
    manifest, _ = read_bundle(good)
    bomb = write_raw(folder / "bomb\x1b[31m.faskel", manifest, b"\n" * (8 * 1024 * 1024))
    first = b.fails("sync", str(folder), code=2)
    assert "baris 2" in first.stderr and "tidak dibaca lagi" not in first.stderr
    assert "bomb\\x1b[31m.faskel" in first.stdout and "\x1b" not in first.stdout
    rows = {
        row["file"]: row for row in json.loads(b("sync", str(folder), "--format", "json").stdout)
    }
    assert rows[bomb.name]["status"] == "refused"
    assert "tidak dibaca lagi" in rows[bomb.name]["error"]
    assert "baris 2" in rows[bomb.name]["error"]  # what was found the first time
    # Changed (here: only touched), it is read again; made good, it goes in.
    os.utime(bomb, ns=(time.time_ns(), time.time_ns() + 10**9))
    again = b.fails("sync", str(folder), code=2)
    assert "tidak dibaca lagi" not in again.stderr
    bomb.write_bytes(good.read_bytes())
    rows = {
        row["file"]: row for row in json.loads(b("sync", str(folder), "--format", "json").stdout)
    }
    assert rows[bomb.name]["status"] == "imported"
    assert len(b.json("visit", "list")) == 1


def test_sync_reads_again_a_file_refused_by_this_database(laptops, tmp_path):
    """Refused for what this database holds (another area): that may change, so it is read
    again at every sync."""
    a, b, good = laptops
    folder = tmp_path / "drive"
    folder.mkdir()
    manifest, lines = read_bundle(good)
    other = write_raw(folder / "other.faskel", {**manifest, "area": "33.74"}, b"".join(lines))
    for _ in range(2):
        result = b.fails("sync", str(folder), code=4)
        assert "33.74" in result.stderr and "tidak dibaca lagi" not in result.stderr
    assert other.exists()
