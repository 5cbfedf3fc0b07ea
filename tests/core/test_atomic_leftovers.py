"""A write killed before its rename leaves a temporary file; the next write there removes
those whose process is gone, and nothing else."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from faskel_cli.core import atomic
from tests.helpers import ROOT, copy_db, run_faskel

pytestmark = pytest.mark.skipif(os.name == "nt", reason="pids are probed with POSIX signals")

WRITER = """
import sys, time
from faskel_cli.core import atomic

def write(handle):
    handle.write(b"half of a report")
    handle.flush()
    print("writing", flush=True)
    time.sleep(60)

atomic.write_with(sys.argv[1], write)
"""


def dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    return int(proc.stdout)


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def plant(folder: Path, name: str, *, age_s: float = 0) -> Path:
    path = folder / name
    path.write_bytes(b"debris")
    if age_s:
        stamp = time.time() - age_s
        os.utime(path, (stamp, stamp))
    return path


def test_a_write_killed_with_sigkill_is_cleaned_up_by_the_next(tmp_path):
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"last week's report")
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.communicate(timeout=30)
    (left,) = temps(tmp_path)
    # Recognisably faskel's, and whose.
    assert re.fullmatch(rf"\.laporan\.xlsx\.faskel-.+-{proc.pid}-[a-z0-9_]{{8}}\.tmp", left)
    assert target.read_bytes() == b"last week's report"
    atomic.write_bytes(target, b"this week's report")
    assert target.read_bytes() == b"this week's report"
    assert temps(tmp_path) == []


def test_only_leftovers_of_processes_gone_are_removed(tmp_path):
    host = atomic.temp_prefix("x").split(".faskel-")[1].rsplit("-", 2)[0]
    gone, alive = dead_pid(), os.getppid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        removed = [
            plant(tmp_path, f".laporan.xlsx.faskel-{host}-{gone}-abcd1234.tmp"),
            # Another target in the same folder: the process is gone all the same.
            plant(
                tmp_path, f".faskel-kota-pekalongan-2026-W48.html.faskel-{host}-{gone}-x_y_z_12.tmp"
            ),
            # The naming of older faskel versions, for this target, an hour old.
            plant(tmp_path, ".laporan.xlsx.k3j_9a0q.tmp", age_s=7200),
        ]
        kept = [
            # Still writing: this test's parent, a running process, this process itself.
            plant(tmp_path, f".laporan.xlsx.faskel-{host}-{alive}-abcd1234.tmp"),
            plant(tmp_path, f".laporan.xlsx.faskel-{host}-{sleeper.pid}-abcd1234.tmp"),
            plant(tmp_path, f".laporan.xlsx.faskel-{host}-{os.getpid()}-abcd1234.tmp"),
            # Another laptop's, in a shared Drive folder: its pid means nothing here.
            plant(tmp_path, f".laporan.xlsx.faskel-laptop-lain-{gone}-abcd1234.tmp"),
            # Older naming, but recent (an older faskel may still be writing it) ...
            plant(tmp_path, ".laporan.xlsx.k3j_9a0r.tmp"),
            # ... or of another target; and files that are not faskel's at all.
            plant(tmp_path, ".catatan.txt.k3j_9a0q.tmp", age_s=7200),
            plant(tmp_path, ".laporan.xlsx.tmp", age_s=7200),
            plant(tmp_path, f"laporan.xlsx.faskel-{host}-{gone}-abcd1234.tmp"),
            plant(tmp_path, "laporan.xlsx"),
        ]
        atomic.write_bytes(tmp_path / "laporan.xlsx", b"new")
    finally:
        sleeper.kill()
        sleeper.wait()
    assert not any(p.exists() for p in removed)
    assert all(p.exists() for p in kept)
    assert (tmp_path / "laporan.xlsx").read_bytes() == b"new"


def test_a_link_named_like_a_leftover_is_left_alone(tmp_path):
    host = atomic.temp_prefix("x").split(".faskel-")[1].rsplit("-", 2)[0]
    precious = tmp_path / "precious.txt"
    precious.write_bytes(b"keep me")
    link = tmp_path / f".laporan.xlsx.faskel-{host}-{dead_pid()}-abcd1234.tmp"
    link.symlink_to(precious)
    atomic.write_bytes(tmp_path / "laporan.xlsx", b"new")
    assert link.is_symlink() and precious.read_bytes() == b"keep me"


def test_the_report_command_cleans_up_after_a_killed_run(empty_template, tmp_path):
    env = {**os.environ, "FASKEL_DB": str(copy_db(empty_template, tmp_path / "faskel.db"))}
    out = tmp_path / "laporan"
    out.mkdir()
    host = atomic.temp_prefix("x").split(".faskel-")[1].rsplit("-", 2)[0]
    debris = plant(out, f".minggu.html.faskel-{host}-{dead_pid()}-abcd1234.tmp")
    result = run_faskel(
        "report", "--week", "2026-W48", "--output", str(out / "minggu.html"), env=env
    )
    assert result.returncode == 0, result.stderr
    assert not debris.exists()
    assert sorted(p.name for p in out.iterdir()) == ["minggu.html"]
