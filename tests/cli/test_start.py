"""`faskel` alone: the first run's setup on a real terminal, the start page with a database,
the help without either."""

from __future__ import annotations

import os
import re
import sys

import pytest

from tests import helpers
from tests.helpers import Cli, query

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


class Terminal(helpers.Terminal):
    """faskel alone on a pseudo-terminal of its own, answered question by question."""

    def __init__(self, env: dict, *args: str):
        super().__init__(*args, env=env)
        self.answered = 0  # how much of the output had been read when the last answer went

    def answer(self, prompt: str, reply: str | bytes) -> None:  # type: ignore[override]
        """Wait for a question containing `prompt` (asked after the last answer), then type."""
        while True:
            new = self.raw[self.answered :].decode(errors="replace")
            if prompt in new and new.rstrip().endswith(":"):
                break
            assert self.read(), (prompt, self.text)
        self.answered = len(self.raw)
        if isinstance(reply, bytes):
            self.press(reply)  # a key (Ctrl-C, Ctrl-D), as a person presses it
        else:
            self.send(reply)

    @property
    def text(self) -> str:
        return self.raw.decode(errors="replace")


@pytest.fixture
def new_laptop(tmp_path):
    """The environment of a laptop without a database (where FASKEL_DB points)."""
    path = tmp_path / "new laptop" / "faskel.db"
    env = {**os.environ, "FASKEL_DB": str(path), "TERM": "dumb", "COLUMNS": "80"}
    return path, env


def test_first_run_asks_again_after_a_wrong_answer_and_sets_the_laptop_up(new_laptop):
    path, env = new_laptop
    term = Terminal(env)
    term.answer("Bahasa / Language", "jawa")  # not a language: asked again
    term.answer("Bahasa / Language", "")  # the default, id
    term.answer("Wilayah kerja", "Kota Pekalongn")
    term.answer("Wilayah kerja", "kota pekalongan")
    term.answer("Siapa yang memakai laptop ini?", "3")
    term.answer("Siapa yang memakai laptop ini?", "1")
    term.answer("Nama lengkap", "Siti Aminah")
    term.answer("Nama pendek", "Siti")  # upper case: asked again
    term.answer("Nama pendek", "siti")
    term.answer("Kelurahan dampingan", "99")
    term.answer("Kelurahan dampingan", "1, tirto")
    code = term.finish()
    text = term.text
    assert code == 0, text
    assert "Traceback" not in text
    # Each wrong answer got one line saying what is right, then the question again.
    assert "'jawa'" in text
    assert "Kota Pekalongan" in text.split("Kota Pekalongn", 1)[1]  # the closest name
    assert "jawab 1 (fasilitator) atau 2 (koordinator)" in text
    assert "'99' tidak ada di daftar; tulis nomor 1 sampai 27" in text
    # The kelurahan were listed, numbered, under their kecamatan.
    assert re.search(r"1\. Medono\s+2\. Podosugih", text), text
    assert " Pekalongan Selatan" in text
    assert "faskel visit add" in text.rsplit("Siap:", 1)[1]  # the next command
    settings = dict(query(path, "select key, value from settings"))
    assert (settings["area"], settings["me"], settings["lang"]) == ("33.75", "siti", "id")
    (row,) = query(path, "select handle, name, role from facilitators")
    assert row == ("siti", "Siti Aminah", "faskel")
    kelurahan = query(path, "select kelurahan_kode from facilitator_kelurahan order by 1")
    assert kelurahan == [("33.75.01.1002",), ("33.75.01.1009",)]


def test_first_run_of_a_coordinator_in_english(new_laptop):
    path, env = new_laptop
    term = Terminal(env)
    term.answer("Bahasa / Language", "en")
    term.answer("Working area", "Kota Semarang")
    term.answer("Who uses this laptop?", "2")
    term.answer("Your full name", "Rina Wati")
    term.answer("A short name", "rina")
    code = term.finish()
    assert code == 0, term.text
    assert "Kelurahan/desa of" not in term.text  # a coordinator is asked no kelurahan
    assert "faskel sync FOLDER" in term.text.rsplit("Ready:", 1)[1]
    settings = dict(query(path, "select key, value from settings"))
    assert (settings["area"], settings["me"], settings["lang"]) == ("33.74", "rina", "en")
    assert query(path, "select handle, role from facilitators") == [("rina", "koordinator")]


@pytest.mark.parametrize("key", [b"\x03", b"\x04"], ids=["ctrl-c", "ctrl-d"])
def test_cancelling_the_first_run_leaves_no_database(new_laptop, key):
    path, env = new_laptop
    term = Terminal(env)
    term.answer("Bahasa / Language", "")
    term.answer("Wilayah kerja", "")
    term.answer("Siapa yang memakai laptop ini?", "1")
    term.answer("Nama lengkap", key)
    code = term.finish()
    assert code == 130, term.text
    assert "dibatalkan" in term.text
    assert "Traceback" not in term.text
    assert not path.parent.exists() or not any(path.parent.iterdir())


def test_without_a_terminal_and_without_a_database_it_prints_the_help(tmp_path):
    from typer.testing import CliRunner

    from faskel_cli.cli.app import app

    path = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["--db", str(path)])
    assert result.exit_code == 2
    assert "Pemakaian: " in result.stdout and "visit" in result.stdout
    assert not path.exists()
    # `faskel init` without a terminal stays what it was: no question.
    done = CliRunner().invoke(app, ["--db", str(path), "init", "--area", "Kota Semarang"])
    assert done.exit_code == 0 and "Kota Semarang (33.74)" in done.stdout


# --- the start page ---------------------------------------------------------------------------


def page(cli: Cli, **env: str) -> list[str]:
    result = cli(env=env or None)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout.splitlines()


def test_the_start_page_of_a_facilitator(week):
    """siti on the hand-checked week (helpers.build_week_db), on Saturday 2026-11-28."""
    week.ok("config", "set", "me", "siti")
    lines = page(week)
    text = "\n".join(lines)
    assert lines[0] == "faskel · Kota Pekalongan · 2026-11-28 · minggu 2026-W48"
    assert lines[1] == "Siti Aminah (siti), fasilitator · Medono, Tirto"
    # Her visits of the week, newest first (the deleted one of 2026-11-24 is not there).
    start = lines.index("Kunjungan minggu ini (2026-11-23 s.d. 2026-11-29): 2")
    assert [line.split()[:2] for line in lines[start + 1 : start + 3]] == [
        ["2026-11-28", "Tirto"],
        ["2026-11-23", "Medono"],
    ]
    # Hers: f1 (due 11-25, 3 days late) and f5 (due 11-30); f2 is done, f6 deleted.
    start = lines.index("Tindak lanjut jatuh tempo dalam 7 hari atau terlambat: 2, 1 terlambat")
    assert lines[start + 1].endswith("TERLAMBAT 3 hari")
    assert lines[start + 2].endswith("tenggat 2026-11-30")
    # Each named by its short reference, as every list names it.
    refs = [f["ref"] for f in week.json("followup", "list", "--format", "json")]
    assert lines[start + 1].split()[0] in refs and lines[start + 2].split()[0] in refs
    # Activities in Medono and Tirto not yet at evaluasi, the longest waiting first.
    start = lines.index("Kegiatan menunggu tahap berikutnya: 3")
    assert "Normalisasi saluran" in lines[start + 1]
    assert "pertanggungjawaban 4 hari → evaluasi" in lines[start + 1]
    assert "perencanaan 2 hari → pelaksanaan" in lines[start + 2]
    assert "pelaksanaan 0 hari → pertanggungjawaban" in lines[start + 3]
    assert "Bundel terakhir dikirim: belum pernah" in lines
    nexts = lines[lines.index("Berikutnya:") + 1 : lines.index("Berikutnya:") + 4]
    assert [line.split("#")[0].strip() for line in nexts] == [
        "faskel followup list --overdue",
        "faskel visit add",
        "faskel bundle export --output siti.faskel",
    ]
    assert len(lines) <= 24 and max(map(len, lines)) <= 80, text


def test_the_start_page_says_when_the_last_bundle_was_sent(week, tmp_path):
    week.ok("config", "set", "me", "siti")
    sent = {"FASKEL_NOW": "2026-11-27T07:00:00Z"}
    week.ok("bundle", "export", "--output", str(tmp_path / "siti.faskel"), env=sent)
    lines = page(week)
    assert "Bundel terakhir dikirim: 2026-11-27 14:00 WIB (1 hari lalu)" in lines
    nexts = "\n".join(lines[lines.index("Berikutnya:") :])
    assert "bundle export" not in nexts  # sent this week: not proposed again
    english = page(week, FASKEL_LANG="en")
    assert "Last bundle sent: 2026-11-27 14:00 WIB (1 days ago)" in english
    assert "Visits this week (2026-11-23 to 2026-11-29): 2" in english


def test_the_start_page_of_a_coordinator_is_the_whole_area(week):
    week.ok("facilitator", "add", "Rina Wati", "--handle", "rina", "--role", "koordinator")
    week.ok("facilitator", "add", "Nur Hidayah", "--handle", "nur", "--kelurahan", "Poncol")
    week.ok("config", "set", "me", "rina")
    lines = page(week)
    assert lines[1].startswith("Rina Wati (rina), koordinator")
    assert "Kunjungan minggu ini (2026-11-23 s.d. 2026-11-29): 4" in lines
    # f1 (siti) and f5 (siti) due soon or late; f3 (budi, 11-20) late too.
    assert "Tindak lanjut jatuh tempo dalam 7 hari atau terlambat: 3, 2 terlambat" in lines
    assert "Fasilitator tanpa kunjungan minggu ini: nur" in lines
    text = "\n".join(lines)
    assert "faskel sync FOLDER" in text and "faskel summary --by facilitator" in text


def test_the_start_page_without_me_names_the_commands_that_set_it(week):
    lines = page(week)
    assert "Laptop ini belum tahu siapa Anda (`me`); halaman ini untuk seluruh wilayah." in lines
    text = "\n".join(lines)
    assert 'faskel facilitator add "NAMA" --handle HANDLE --kelurahan KELURAHAN' in text
    assert "faskel config set me HANDLE" in text


def test_the_start_page_reads_only(week, week_path):
    from tests.helpers import dump

    before = dump(week_path)
    page(week)
    assert dump(week_path) == before
