"""What a user runs assumes no POSIX shell and no UTF-8 colour terminal: file names with
spaces and backslashes, `{week}` templates, a console that is not UTF-8 (a Windows code
page, `LC_ALL=C`), a terminal without colours (NO_COLOR, TERM=dumb)."""

from __future__ import annotations

import json
import os
import re
import sys

import pytest

from tests.helpers import ROOT, run_faskel

# An SGR sequence that sets a colour (30-37, 90-97, 38;..., and the backgrounds).
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])[;m]")


def _run(env: dict, *args: str, encoding: str = "utf-8"):
    """faskel as a subprocess whose output is read in the console's own encoding."""
    import subprocess

    done = subprocess.run([sys.executable, "-m", "faskel_cli", *args], capture_output=True,
                          env=env, cwd=ROOT, timeout=120)  # fmt: skip
    done.stdout = done.stdout.decode(encoding, "replace")  # click writes UTF-8 to ASCII
    done.stderr = done.stderr.decode(encoding, "replace")
    return done


def _env(db_path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    return {**env, "FASKEL_DB": str(db_path), **extra}


def test_file_names_with_spaces_backslashes_and_week_templates(seeded, tmp_path):
    folder = tmp_path / "Laporan Dinas" / "minggu ini"
    report = seeded.ok("report", "--week", "2026-W48", "--output",
                       str(folder / "faskel {area} {week}\\ringkasan.csv"))  # fmt: skip
    written = folder / "faskel kota-pekalongan 2026-W48\\ringkasan.csv"
    assert written.is_file(), report.stdout
    assert str(written) in report.stdout
    bundle = tmp_path / "kirim ke koordinator" / "siti (minggu 48).faskel"
    bundle.parent.mkdir()
    seeded.ok("bundle", "export", "--output", str(bundle))
    assert bundle.is_file()
    sheet = tmp_path / "Google Drive" / "isi di Excel\\siti.xlsx"
    seeded.ok("template", "visits", "--output", str(sheet))
    assert sheet.is_file()
    shared = tmp_path / "Google Drive" / "faskel bersama"
    shared.mkdir()
    seeded.ok("sync", str(shared))
    assert len(list(shared.glob("*.faskel"))) == 1


@pytest.fixture
def noted(seeded, db_path):
    """siti's visit whose notes hold a character no Windows code page has (→)."""
    seeded.ok("config", "set", "me", "siti")
    seeded.ok("visit", "add", "--date", "2026-11-27", "-k", "Medono", "--kind", "bimbingan",
              "--strand", "pemetaan", "--notes", "Rapat kader → posyandu")  # fmt: skip
    return db_path


@pytest.mark.parametrize(
    "console",
    [({"PYTHONIOENCODING": "cp1252"}, "cp1252"), ({"PYTHONIOENCODING": "ascii"}, "ascii")],
    ids=["cp1252", "ascii"],
)
def test_a_console_that_is_not_utf8_gets_question_marks_not_a_crash(noted, console):
    env, encoding = _env(noted, **console[0]), console[1]
    shown = _run(env, "visit", "list", "--wide", encoding=encoding)
    assert shown.returncode == 0, shown.stderr
    assert "Rapat kader ? posyandu" in shown.stdout
    start = _run(env, encoding=encoding)  # the start page: "→", "·", "…"
    assert start.returncode == 0, start.stderr
    assert "Siti Aminah (siti)" in start.stdout
    # A wrong value typed with such a character: one line on stderr, exit 2.
    wrong = _run(env, "visit", "add", "-k", "Médono→", "--kind", "bimbingan",
                 "--strand", "pemetaan", encoding=encoding)  # fmt: skip
    assert wrong.returncode == 2, wrong.stderr
    assert "Traceback" not in wrong.stderr and len(wrong.stderr.splitlines()) == 1
    assert "M" in wrong.stderr and "dono" in wrong.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_a_terminal_in_the_c_locale_gets_question_marks_not_a_crash(noted):
    from tests.cli.test_start import Terminal

    env = {**_env(noted, LC_ALL="C", LANG="C", PYTHONUTF8="0"), "TERM": "dumb"}
    for args in (("visit", "list", "--wide"), ()):
        term = Terminal(env, *args)
        code = term.finish()
        assert code == 0, term.text
        assert "Traceback" not in term.text
    assert "Siti Aminah (siti)" in term.text  # the start page


def test_in_the_c_locale_typed_utf8_is_read_as_typed(seeded, db_path):
    env = _env(db_path, LC_ALL="C", LANG="C", PYTHONUTF8="0")
    added = run_faskel("visit", "add", "--date", "2026-11-27", "-k", "Medono", "--kind",
                       "bimbingan", "--strand", "pemetaan", "--facilitator", "siti",
                       "--notes", "Musyawarah warga → RT 02, Bu Sité",
                       env=env, cwd=ROOT)  # fmt: skip
    assert added.returncode == 0, added.stderr
    (visit,) = seeded.json("visit", "list")
    assert visit["notes"] == "Musyawarah warga → RT 02, Bu Sité"


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize(
    "terminal", [{"TERM": "dumb"}, {"TERM": "xterm-256color", "NO_COLOR": "1"}], ids=str
)
def test_a_terminal_without_colours_gets_none(noted, terminal):
    from tests.cli.test_start import Terminal

    env = {**_env(noted), "COLUMNS": "80", **terminal}
    if "NO_COLOR" not in terminal:
        env.pop("NO_COLOR", None)
    for args in (("summary",), ("visit", "add", "--help")):
        term = Terminal(env, *args)
        code = term.finish()
        assert code == 0, term.text
        plain = re.sub(r"\x1b\[[0-9;]*m", "", term.text)  # bold and dim may stay
        assert "Kelurahan" in plain or "--kelurahan" in plain
        assert not COLOUR.search(term.text), (args, term.text)
        if terminal["TERM"] == "dumb":
            assert "\x1b" not in term.text, (args, term.text)


def test_redirected_output_is_utf8_whatever_the_locale(noted):
    """`faskel visit list --format json > kunjungan.json` on Windows (whose pipes and files
    Python writes in the ANSI code page) or in the C locale: the file gets every character."""
    env = _env(noted, LC_ALL="C", LANG="C", PYTHONUTF8="0")
    found = _run(env, "visit", "list", "--format", "json")
    assert found.returncode == 0, found.stderr
    (visit,) = json.loads(found.stdout)
    assert visit["notes"] == "Rapat kader → posyandu"
