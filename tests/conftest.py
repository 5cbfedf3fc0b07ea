"""Shared fixtures: a real SQLite file in tmp_path, the real CLI, a frozen clock."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from faskel_cli.cli.app import app
from faskel_cli.messages import set_lang

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"  # a Saturday of ISO week 2026-W48


@pytest.fixture(autouse=True)
def _environment(monkeypatch):
    for name in ("FASKEL_DB", "FASKEL_LANG", "FASKEL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FASKEL_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    set_lang("id")
    yield
    set_lang("id")


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "faskel.db"


class Cli:
    """Runs `faskel --db DB ...` in-process and returns Click's Result."""

    def __init__(self, db_path: Path):
        self.db_path = db_path
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict | None = None):
        return self.runner.invoke(
            app, ["--db", str(self.db_path), *args], input=input, env=env, catch_exceptions=False
        )

    def ok(self, *args: str, **kwargs):
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    def json(self, *args: str, **kwargs):
        result = self.ok(*args, "--format", "json", **kwargs)
        return json.loads(result.stdout)

    def fails(self, *args: str, code: int | None = None, **kwargs):
        """A refused command: non-zero exit, exactly one line on stderr, no traceback."""
        result = self(*args, **kwargs)
        assert result.exit_code != 0, result.stdout
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        return result


@pytest.fixture
def cli(db_path) -> Cli:
    return Cli(db_path)


@pytest.fixture
def seeded(cli) -> Cli:
    """A database with facilitators and LKK of Kota Pekalongan."""
    cli.ok(
        "facilitator",
        "add",
        "Siti Aminah",
        "--handle",
        "siti",
        "--kelurahan",
        "Medono",
        "--kelurahan",
        "Tirto",
    )
    cli.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "--kelurahan", "Kauman")
    cli.ok("lkk", "add", "--kelurahan", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    cli.ok("lkk", "add", "--kelurahan", "Medono", "--type", "pkk", "--name", "PKK Medono")
    cli.ok("lkk", "add", "--kelurahan", "Kauman", "--type", "bkm", "--name", "BKM Kauman")
    return cli


def dump(db_path: Path) -> list:
    """Every row of every table: compare before and after a refused command."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "select name from sqlite_master where type = 'table' order by name"
            )
        ]
        return [
            (table, sorted(map(repr, conn.execute(f"select * from [{table}]")))) for table in tables
        ]
    finally:
        conn.close()


def run_faskel(*args: str, env: dict | None = None, cwd: Path | None = None, input=None):
    """The faskel command as cron runs it: a subprocess with no TTY."""
    return subprocess.run(
        [sys.executable, "-m", "faskel_cli", *args],
        capture_output=True,
        text=True,
        env=env if env is not None else os.environ.copy(),
        cwd=cwd,
        input=input,
        timeout=120,
    )
