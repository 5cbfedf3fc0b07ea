"""`faskel report` as cron runs it: a subprocess with no TTY, `env -i` with only PATH and
HOME, LANG=C; quiet on success, one stderr line and a non-zero exit on failure."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys

import openpyxl
import pytest

from faskel_cli.core.db import connect
from tests.helpers import ROOT, add_visit

WEEK = "2026-W48"


def cron_env(home, **extra: str) -> dict:
    """What `env -i PATH=... HOME=...` leaves: cron's whole environment."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), **extra}


def run(*args, env, preexec_fn=None):
    """`python -B -m faskel_cli ...` with no TTY on any stream (-B: no .pyc written)."""
    return subprocess.run(
        [sys.executable, "-B", "-m", "faskel_cli", *args],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        preexec_fn=preexec_fn,
    )


@pytest.fixture
def logged(seeded, db_path):
    database = connect(db_path)
    try:
        add_visit(
            database, day="2026-11-24", male=4, female=6,
            problems=[("Saluran tersumbat", "Kerja bakti", "2026-11-25")],
        )  # fmt: skip
    finally:
        database.close()
    return seeded


def test_weekly_xlsx_and_html_in_a_cron_environment(logged, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = cron_env(home)
    out = home / "laporan" / "faskel-{area}-{week}"
    for suffix in ("xlsx", "html"):
        result = run(
            "--db", str(logged.db_path), "report", "--week", WEEK, "-o", f"{out}.{suffix}", env=env
        )
        target = home / "laporan" / f"faskel-kota-pekalongan-{WEEK}.{suffix}"
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert result.stdout == f"Laporan ditulis: {target}\n"  # one line, no colour
        assert "\x1b[" not in result.stdout
        assert target.stat().st_size > 0
    book = openpyxl.load_workbook(home / "laporan" / f"faskel-kota-pekalongan-{WEEK}.xlsx")
    assert book.sheetnames == ["Ringkasan", "Kunjungan", "Kegiatan", "Tindak Lanjut"]
    html = (home / "laporan" / f"faskel-kota-pekalongan-{WEEK}.html").read_text("utf-8")
    assert html.count('class="chart ') == 3


def test_quiet_prints_nothing(logged, tmp_path):
    env = cron_env(tmp_path)
    result = run(
        "--db", str(logged.db_path), "report", "--week", WEEK, "-o", str(tmp_path / "r.xlsx"),
        "--quiet", env=env,
    )  # fmt: skip
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_text_to_stdout_under_lang_c(logged, tmp_path):
    result = run(
        "--db", str(logged.db_path), "report", "--week", WEEK, "-f", "text",
        env=cron_env(tmp_path, LANG="C", LC_ALL="C"),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("*Laporan Faskel Kota Pekalongan*\n")
    assert "Saluran tersumbat" in result.stdout


def test_last_week_by_default_database_in_home(logged, tmp_path):
    """FASKEL_DB in the crontab line, --week last: the clock is the real one here, so only
    check that a file named after some ISO week appears."""
    env = {**cron_env(tmp_path), "FASKEL_DB": str(logged.db_path)}
    result = run("report", "--week", "last", "-o", str(tmp_path / "{week}.html"), env=env)
    assert result.returncode == 0, result.stderr
    (found,) = tmp_path.glob("*-W*.html")
    assert found.stat().st_size > 0


def test_failed_write_exits_non_zero_and_keeps_the_old_file(logged, tmp_path):
    """A real failed write: the kernel refuses to let the file grow past RLIMIT_FSIZE (as a
    full disk would), even for root. The database is switched to a rollback journal so that
    reading it needs no growing -shm file under that limit."""
    conn = sqlite3.connect(logged.db_path)
    conn.execute("pragma journal_mode = delete")
    conn.close()
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"last week's report")

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = run(
        "--db", str(logged.db_path), "report", "--week", WEEK, "-o", str(target),
        env=cron_env(tmp_path, PYTHONDONTWRITEBYTECODE="1"), preexec_fn=small_files,
    )  # fmt: skip
    assert result.returncode == 6
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert str(target) in lines[0]
    assert target.read_bytes() == b"last week's report"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_unwritable_target_one_line(logged, tmp_path):
    (tmp_path / "laporan").write_text("a file, not a folder")
    result = run(
        "--db", str(logged.db_path), "report", "--week", WEEK,
        "-o", str(tmp_path / "laporan" / "x.html"), env=cron_env(tmp_path),
    )  # fmt: skip
    assert result.returncode == 6
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
