"""Commands that do not make anything never create a database: a mistyped FASKEL_DB in a
cron line fails loudly (exit 5) instead of reporting on an empty one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import Cli, copy_db, run_faskel

ID = "01a22154-5d1f"

READS = [
    ["summary"],
    ["summary", "--by", "facilitator"],
    ["summary", "--week", "2026-W48", "--format", "json"],
    ["trend", "--weeks", "4"],
    ["report", "--week", "last"],
    ["report", "--week", "last", "--format", "json"],
    ["kelurahan", "list"],
    ["kecamatan", "list"],
    ["facilitator", "list"],
    ["lkk", "list"],
    ["visit", "list"],
    ["visit", "show", ID],
    ["activity", "list"],
    ["activity", "show", ID],
    ["followup", "list"],
    ["followup", "show", ID],
    ["history", ID],
    ["config", "list"],
    ["config", "get", "area"],
    ["db", "migrate", "--list"],
    ["db", "migrate"],
]
# They write, but only into records that must already be there: no database, nothing to edit.
EDITS = [
    ["visit", "edit", ID, "--female", "3"],
    ["visit", "delete", ID],
    ["visit", "restore", ID],
    ["activity", "edit", ID, "--title", "x"],
    ["activity", "advance", ID],
    ["activity", "delete", ID],
    ["followup", "edit", ID, "--due", "2026-12-01"],
    ["followup", "done", ID, "--note", "x"],
    ["followup", "reopen", ID, "--note", "x"],
    ["facilitator", "edit", "siti", "--name", "Siti"],
    ["facilitator", "deactivate", "siti"],
    ["lkk", "edit", "Posyandu Melati", "--name", "x"],
    ["lkk", "remove", "Posyandu Melati"],
]


@pytest.fixture
def missing(tmp_path) -> Path:
    """A database path in a folder that does not exist either."""
    return tmp_path / "nowhere" / "faskle.db"


@pytest.mark.parametrize("args", READS + EDITS, ids=lambda a: " ".join(a))
def test_a_missing_database_is_one_line_and_exit_5(missing, args):
    result = Cli(missing).fails(*args, code=5)
    assert str(missing) in result.stderr and "faskel init" in result.stderr
    assert result.stdout == ""
    assert not missing.parent.exists()  # no file, no folder


def test_bundle_export_inspect_and_dry_run_create_nothing(missing, tmp_path):
    cli = Cli(missing)
    result = cli.fails("bundle", "export", "--all", "--output", str(tmp_path / "b.faskel"), code=5)
    assert "faskel init" in result.stderr
    assert not (tmp_path / "b.faskel").exists()
    cli.fails("bundle", "inspect", str(tmp_path / "b.faskel"), code=3)  # no such bundle
    source = Cli(tmp_path / "a.db")
    source.ok("facilitator", "add", "Siti Aminah", "--handle", "siti")
    source.ok("bundle", "export", "--all", "--output", str(tmp_path / "a.faskel"))
    assert (
        "faskel init"
        in cli.fails("bundle", "import", "--dry-run", str(tmp_path / "a.faskel"), code=5).stderr
    )
    assert not missing.parent.exists()


def test_english_too(missing):
    result = Cli(missing).fails("--lang", "en", "summary", code=5)
    assert f"no database at {missing}" in result.stderr


def test_db_path_prints_the_path_and_creates_nothing(missing):
    assert Cli(missing).ok("db", "path").stdout.strip() == str(missing)
    assert not missing.parent.exists()


def test_completion_creates_nothing(missing, monkeypatch):
    from faskel_cli.cli import common

    monkeypatch.setenv("FASKEL_DB", str(missing))
    assert common.complete_kelurahan("Me") == []
    assert common.complete_handle("s") == []
    assert not missing.parent.exists()


def test_an_empty_file_is_no_database_either(tmp_path):
    empty = tmp_path / "kosong.db"
    empty.touch()
    assert "faskel init" in Cli(empty).fails("visit", "list", code=5).stderr
    assert empty.stat().st_size == 0


@pytest.mark.parametrize(
    "args",
    [
        ["init"],
        ["config", "set", "stall_days", "20"],
        ["facilitator", "add", "Siti Aminah", "--handle", "siti"],
        ["lkk", "add", "-k", "Medono", "--type", "rt", "--name", "RT 01"],
        ["activity", "add", "-k", "Tirto", "--title", "Paving", "--type", "fisik"],
        ["followup", "add", "-k", "Tirto", "--problem", "LPJ", "--action", "Dampingi"],
        ["db", "seed", str(Path(__file__).resolve().parents[2] / "data" / "sample.json")],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_commands_that_make_something_still_create_it(tmp_path, args):
    path = tmp_path / "baru" / "faskel.db"
    Cli(path).ok(*args)
    assert path.is_file()
    assert Cli(path).json("config", "list")["area"] == "33.75"


def test_sync_and_bundle_import_create_it_too(tmp_path):
    source = Cli(tmp_path / "a.db")
    source.ok("facilitator", "add", "Siti Aminah", "--handle", "siti")
    source.ok("bundle", "export", "--all", "--output", str(tmp_path / "a.faskel"))
    Cli(tmp_path / "b.db").ok("bundle", "import", str(tmp_path / "a.faskel"))
    drive = tmp_path / "drive"
    drive.mkdir()
    Cli(tmp_path / "c.db").ok("sync", str(drive))
    assert (tmp_path / "b.db").is_file() and (tmp_path / "c.db").is_file()


def test_a_typo_in_cron_leaves_the_weeks_reports_alone(sample_template, tmp_path):
    """The cron line of the README with FASKEL_DB mistyped (last week's reports made from
    the right one first)."""
    real = copy_db(sample_template, tmp_path / "faskel" / "faskel.db")
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "FASKEL_TODAY": "2026-11-28",
        "FASKEL_DB": str(real),
    }
    reports = tmp_path / "laporan"
    for suffix in ("xlsx", "html"):
        out = f"{reports}/faskel-{{area}}-{{week}}.{suffix}"
        Cli(real).ok("report", "--week", "last", "--output", out, "--quiet")
    before = {p.name: p.read_bytes() for p in reports.iterdir()}
    typo = {**env, "FASKEL_DB": str(tmp_path / "faskel" / "faskle.db")}
    for suffix in ("xlsx", "html"):
        out = f"{reports}/faskel-{{area}}-{{week}}.{suffix}"
        result = run_faskel("report", "--week", "last", "--output", out, "--quiet", env=typo)
        assert result.returncode == 5
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and "faskle.db" in result.stderr
        assert "faskel init" in result.stderr
    assert {p.name: p.read_bytes() for p in reports.iterdir()} == before
    assert not (tmp_path / "faskel" / "faskle.db").exists()
