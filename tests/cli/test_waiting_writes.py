"""A person's write waits for another writer as long as an import would, says once for what
it waits, and stops at Ctrl-C with nothing written. The other writer is
always a real second process holding a write transaction."""

from __future__ import annotations

import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from faskel_cli.core import store
from tests.helpers import ROOT

pytestmark = pytest.mark.skipif(os.name == "nt", reason="signals and pids as on POSIX")

# Holds the write lock until a line comes on stdin, then commits (or rolls back).
HOLDER = """
import contextlib, sys
from pathlib import Path
from faskel_cli.core import store
from faskel_cli.core.db import connect

db = connect(Path(sys.argv[1]), create=False)
if sys.argv[2] == "note":
    note = store.busy_note(db, "busy.bundle_import", file="siti.faskel")
else:
    note = contextlib.nullcontext()
with note:
    db.conn.execute("begin immediate")
    db.execute("insert into settings (key, value) values ('holder', 'was here')")
    print("holding", flush=True)
    end = sys.stdin.readline().strip() or "commit"
    db.conn.execute(end)
print("released", flush=True)
"""

VISIT = [
    "visit",
    "add",
    "--date",
    "2026-11-23",
    "-k",
    "Medono",
    "--facilitator",
    "siti",
    "--kind",
    "pendampingan",
    "--strand",
    "kesadaran",
]


class Holder:
    def __init__(self, db_path: Path, *, note: bool = True):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path), "note" if note else "plain"],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "holding"

    def release(self, how: str = "commit") -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(how + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "released"
        self.proc.communicate(timeout=60)

    def kill(self) -> None:
        if self.proc.returncode is None:  # not released: its pipes are still open
            self.proc.kill()
            self.proc.communicate()


def start(db_path: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "faskel_cli", "--db", str(db_path), *args],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "FASKEL_TODAY": "2026-11-28"},
    )


def first_stderr_line(proc: subprocess.Popen, timeout: float = 60) -> str:
    assert proc.stderr is not None
    ready, _, _ = select.select([proc.stderr], [], [], timeout)
    assert ready, "nothing said on stderr"
    return proc.stderr.readline()


def visits(db_path: Path) -> int:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select count(*) from visits").fetchone()[0]


@pytest.fixture
def holder(seeded, db_path):
    made: list[Holder] = []

    def make(**kwargs) -> Holder:
        made.append(Holder(db_path, **kwargs))
        return made[-1]

    yield make
    for one in made:
        one.kill()


def test_a_write_waits_says_for_what_and_goes_on_when_the_import_is_done(holder, db_path):
    importer = holder()
    writer = start(db_path, *VISIT)
    line = first_stderr_line(writer)
    assert line.startswith("Menunggu database: sedang dipakai (impor bundel siti.faskel sejak ")
    assert f"pid {importer.proc.pid})" in line and "Ctrl-C untuk batal" in line
    time.sleep(0.5)
    assert writer.poll() is None and visits(db_path) == 0  # still waiting, nothing written
    importer.release()
    out, err = writer.communicate(timeout=60)
    assert writer.returncode == 0, err
    assert err == ""  # said once, nothing more
    assert len(out.strip()) == 36 and visits(db_path) == 1
    assert not Path(f"{db_path}.busy").exists()  # the importer's note went with it


def test_ctrl_c_while_waiting_stops_with_130_and_nothing_written(holder, db_path):
    importer = holder()
    writer = start(db_path, "--lang", "en", *VISIT)
    assert first_stderr_line(writer).startswith("Waiting for the database: in use (bundle import")
    writer.send_signal(signal.SIGINT)
    out, err = writer.communicate(timeout=30)
    assert writer.returncode == 130
    assert "interrupted" in err and "Traceback" not in err and out == ""
    importer.release()
    assert visits(db_path) == 0


@pytest.mark.slow
def test_without_a_note_or_with_a_stale_one_it_is_another_process(holder, db_path):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    note = {
        "what": "busy.sync",
        "params": {"folder": "/media/usb"},
        "since": "2026-11-28T14:03:00Z",
    }
    note.update(pid=int(gone.stdout), host=store._host())
    Path(f"{db_path}.busy").write_text(json.dumps(note))  # left by a sync killed long ago
    plain = holder(note=False)
    writer = start(db_path, *VISIT)
    assert "sedang dipakai (oleh proses lain)" in first_stderr_line(writer)
    plain.release()
    writer.communicate(timeout=60)
    assert writer.returncode == 0


@pytest.mark.slow
def test_a_write_gives_up_after_the_wait_naming_the_holder(holder, seeded, db_path, monkeypatch):
    monkeypatch.setattr(store, "WRITE_WAIT_S", 1.5)
    monkeypatch.setattr(store, "ANNOUNCE_AFTER_S", 0.2)
    importer = holder()
    result = seeded(*VISIT)
    assert result.exit_code == 5
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith("Menunggu database")
    assert "masih dipakai (impor bundel siti.faskel sejak" in lines[1]
    importer.release()
    assert visits(db_path) == 0


def test_a_short_wait_is_silent(holder, db_path, monkeypatch):
    """A wait shorter than ANNOUNCE_AFTER_S says nothing: cron mails every line."""
    from faskel_cli.core.db import connect

    monkeypatch.setattr(store, "ANNOUNCE_AFTER_S", 5.0)
    told: list = []
    monkeypatch.setattr(store, "_wait_hook", told.append)
    importer = holder()
    db = connect(db_path, create=False)
    release = threading.Timer(0.3, importer.release)
    release.start()
    started = time.monotonic()
    with store.transaction(db):
        db.execute("insert into settings (key, value) values ('after', 'the holder')")
    waited = time.monotonic() - started
    release.join()
    assert 0.2 < waited < 5
    assert told == []
    db.close()


def test_the_note_says_who_holds_and_goes_when_done(seeded, db_path):
    from faskel_cli.core.db import connect

    db = connect(db_path, create=False)
    note = Path(f"{db_path}.busy")
    with store.busy_note(db, "busy.bundle_import", file="siti.faskel"):
        written = json.loads(note.read_text())
        assert written["pid"] == os.getpid() and written["what"] == "busy.bundle_import"
        assert written["params"] == {"file": "siti.faskel"}
        assert oct(note.stat().st_mode & 0o777) == "0o600"
        # Someone else's note replaced ours meanwhile: ours does not remove theirs.
        note.write_text(json.dumps({**written, "pid": 1}))
    assert note.exists()
    note.unlink()
    with store.busy_note(db, "busy.sync", folder="/media/usb"):
        pass
    assert not note.exists()
    db.close()


def test_import_and_sync_leave_no_note_behind(seeded, tmp_path, db_path):
    seeded.ok("bundle", "export", "--all", "--output", str(tmp_path / "siti.faskel"))
    other = seeded.__class__(tmp_path / "other.db")
    other.ok("bundle", "import", str(tmp_path / "siti.faskel"))
    drive = tmp_path / "drive"
    drive.mkdir()
    other.ok("sync", str(drive))
    assert sorted(p.name for p in tmp_path.glob("*.busy")) == []
