"""First use under any concurrency: processes starting together on a database that does not
exist yet make it exactly once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faskel_cli.core.schema import migrations
from tests.helpers import ROOT

# Each child imports everything first, then waits for the go file: they all open the
# database within a millisecond or two of each other.
CHILD = """
import os, sys, time
sys.argv = ["faskel", *sys.argv[2:]]
import faskel_cli.cli.app, sqlite_utils  # noqa: F401  (the slow part, before the start)
from faskel_cli.cli import main
go = os.environ["GO"]
open(go + "." + str(os.getpid()), "w").close()  # ready
while not os.path.exists(go):
    time.sleep(0.001)
main()
"""

COMMANDS = [
    ["init"],
    ["init"],
    ["config", "set", "stall_days", "21"],
    ["facilitator", "add", "Siti Aminah", "--handle", "siti"],
    ["facilitator", "add", "Budi Santoso", "--handle", "budi"],
    ["lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati"],
    ["lkk", "add", "-k", "Kauman", "--type", "bkm", "--name", "BKM Kauman"],
    ["activity", "add", "-k", "Tirto", "--title", "Paving", "--type", "fisik"],
]
ROUNDS = 3


def start_together(db: Path, go: Path) -> list[subprocess.Popen]:
    env = {"GO": str(go), "FASKEL_TODAY": "2026-11-28", "PATH": "/usr/bin:/bin"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, "--", "--db", str(db), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in COMMANDS
    ]
    deadline = time.monotonic() + 60
    while len(list(go.parent.glob(go.name + ".*"))) < len(procs) and time.monotonic() < deadline:
        time.sleep(0.01)  # until every child has imported and polls
    go.touch()
    return procs


def check_made_once(db: Path) -> None:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
        applied = [r[0] for r in conn.execute("select name from _sqlite_migrations")]
        assert sorted(applied) == sorted(m.name for m in migrations._migrations)
        settings = dict(conn.execute("select key, value from settings"))
        assert settings["area"] == "33.75" and settings["stall_days"] == "21"
        device = settings["device_id"]
        # Every record and every audit entry was written by the one device.
        for table in ("facilitators", "lkk", "activities", "audit"):
            found = {r[0] for r in conn.execute(f"select distinct device_id from {table}")}
            assert found == {device}, table
        levels = dict(conn.execute("select level, count(*) from regions group by level"))
        # The kota, its tree, and the units above it (for their names).
        assert levels == {
            "negara": 1,
            "provinsi": 1,
            "kabupaten": 1,
            "kecamatan": 4,
            "kelurahan": 27,
        }
        assert conn.execute("select count(*) from facilitators").fetchone()[0] == 2
        assert conn.execute("select count(*) from lkk").fetchone()[0] == 2
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        assert {"settings", "visits", "change_log", "bundle_seen"} <= tables
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.mark.slow
def test_eight_processes_on_a_new_database_all_succeed(tmp_path):
    for round_ in range(ROUNDS):
        folder = tmp_path / f"round{round_}"
        db = folder / "laptop-baru" / "faskel.db"  # its folder does not exist either
        folder.mkdir()
        procs = start_together(db, folder / "go")
        failures = []
        for args, proc in zip(COMMANDS, procs, strict=True):
            out, err = proc.communicate(timeout=120)
            if proc.returncode != 0:
                failures.append((args, proc.returncode, err))
        assert failures == [], failures
        check_made_once(db)


def test_opening_an_existing_database_stays_lock_free(tmp_path):
    """Nothing to set up: opening for writing takes no write lock (a reader of the same file
    never waits for it, a holder of the lock does not block the open)."""
    from faskel_cli.core.db import connect

    path = tmp_path / "faskel.db"
    connect(path, create=True).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("begin immediate")
    try:
        started = time.monotonic()
        db = connect(path)
        assert time.monotonic() - started < 2
        db.close()
    finally:
        holder.execute("rollback")
        holder.close()
