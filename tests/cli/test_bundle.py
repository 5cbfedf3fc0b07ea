"""The edge of `faskel bundle export|inspect|import`: what is printed, one-line refusals and
their exit codes, and two imports at once in real processes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time

import pytest

from faskel_cli.core.db import connect
from tests.helpers import Cli, add_visit, dump, read_bundle, write_bundle


def laptops_with_visits(laptop_paths, *names, **visits_of) -> list[Cli]:
    """The CLI on copies of the laptops; visits_of={"a": n} logs n visits on a first."""
    clis = []
    for name, path in zip(names, laptop_paths(*names), strict=True):
        database = connect(path)
        try:
            for i in range(visits_of.get(name, 0)):
                add_visit(database, male=i)
        finally:
            database.close()
        clis.append(Cli(path))
    return clis


def test_export_prints_what_it_wrote(laptop_paths, tmp_path):
    (a,) = laptops_with_visits(laptop_paths, "a", a=1)
    target = tmp_path / "x.faskel"
    text = a.ok("bundle", "export", "--output", str(target), "--all").stdout
    assert str(target) in text and "6" in text
    everything = a.json("bundle", "export", "--output", str(target), "--all")
    assert everything["records"] == 6 and everything["scope"] == "all"
    assert everything["sha256"] == read_bundle(target)[0]["sha256"]
    assert target.stat().st_mode & 0o777 == 0o600
    a.fails("bundle", "export", "-o", str(tmp_path / "z.faskel"), "--all", "--since", "2026-11-01")
    a.fails("bundle", "export", "-o", str(tmp_path / "z.faskel"), "--since", "kemarin lusa")
    a.fails("bundle", "export", "-o", str(tmp_path / "z.faskel"), "--since", "2026-12-01")
    assert not (tmp_path / "z.faskel").exists()
    folder = tmp_path / "folder.faskel"
    folder.mkdir()
    assert "folder.faskel" in a.fails("bundle", "export", "-o", str(folder), code=6).stderr
    assert list(folder.iterdir()) == []


def test_inspect_shows_the_manifest_without_a_database(laptop_paths, tmp_path):
    (a,) = laptops_with_visits(laptop_paths, "a", a=1)
    path = tmp_path / "a.faskel"
    a.ok("bundle", "export", "-o", str(path), "--all")
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


@pytest.fixture
def two(laptop_paths, tmp_path):
    a, b = laptops_with_visits(laptop_paths, "a", "b", a=2)
    good = tmp_path / "good.faskel"
    a.ok("bundle", "export", "-o", str(good), "--all")
    return a, b, good


@pytest.mark.parametrize(
    ("name", "words", "code"),
    [
        ("nowhere.faskel", "tidak ditemukan", 3),
        ("a.db", "bukan bundel", 2),  # a's database: not a bundle
    ],
)
def test_bad_bundles_are_refused_in_one_line(two, tmp_path, name, words, code):
    a, b, good = two
    bad = tmp_path / name
    before = dump(b.db_path)
    for dry_run in ((), ("--dry-run",)):
        result = b.fails("bundle", "import", str(bad), *dry_run, code=code)
        assert words in result.stderr, result.stderr
        assert dump(b.db_path) == before


def test_import_prints_counts_and_dry_run_says_so(two):
    a, b, good = two
    before = dump(b.db_path)
    text = b.ok("--lang", "en", "bundle", "import", str(good), "--dry-run").stdout
    assert "Dry run" in text and "Added" in text
    assert dump(b.db_path) == before
    (item,) = b.json("bundle", "import", str(good))
    assert item["error"] is None and item["dry_run"] is False
    kinds = {row["kind"]: row for row in item["kinds"]}
    assert kinds["visits"] == {"kind": "visits", "added": 2, "updated": 0, "unchanged": 0,
                               "refused": 0}  # fmt: skip
    assert "lkk" not in {k for k, row in kinds.items() if row["added"]}


def test_a_refused_record_fails_the_dry_run_too(laptop_paths, tmp_path):
    a, b = laptops_with_visits(laptop_paths, "a", "b")
    a.ok("facilitator", "add", "Dewi Lestari", "--handle", "dewi", "-k", "Krapyak")
    a.ok(
        "visit", "add", "--date", "2026-11-23", "-k", "Krapyak", "--facilitator", "dewi",
        "--kind", "pendampingan", "--strand", "kesadaran",
    )  # fmt: skip
    visit = tmp_path / "visit.faskel"
    a.ok("bundle", "export", "-o", str(visit), "--since", "2001-01-01")
    # Without dewi's record, her visit is refused: as import and as dry run alike.
    manifest, lines = read_bundle(visit)
    only_visit = [line for line in lines if json.loads(line)["kind"] == "visits"]
    write_bundle(visit, manifest, only_visit)
    before = dump(b.db_path)
    result = b.fails("--lang", "en", "bundle", "import", str(visit), code=4)
    assert "neither in the bundle nor in this database" in result.stderr
    preview = b("bundle", "import", str(visit), "--dry-run", "--format", "json")
    assert preview.exit_code == 4
    kinds = {row["kind"]: row for row in json.loads(preview.stdout)[0]["kinds"]}
    assert kinds["visits"]["refused"] == 1
    assert dump(b.db_path) == before


@pytest.mark.slow
def test_two_imports_at_once_both_succeed(laptop_paths, tmp_path):
    a, b, c = laptops_with_visits(laptop_paths, "a", "b", "c", b=20, c=20)
    from_b, from_c = tmp_path / "b.faskel", tmp_path / "c.faskel"
    b.ok("bundle", "export", "-o", str(from_b))
    c.ok("bundle", "export", "-o", str(from_c))
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
        )  # fmt: skip
        for p in (from_b, from_c)
    ]
    time.sleep(1.5)
    holder.execute("commit")
    holder.close()
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert len(a.json("visit", "list")) == 40
