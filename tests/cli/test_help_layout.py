"""--help at 80 columns: commands grouped by use with daily work first, choices wrapped over
lines with their meanings (never cut with …), and options whose default differs between
adding, editing and listing explained for each."""

from __future__ import annotations

import os

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from faskel_cli.cli.app import app
from faskel_cli.core.vocab import ACTIVITY_TYPES, LKK_TYPES, ROLES, STAGES, STRANDS, VISIT_KINDS
from tests.helpers import run_faskel

NARROW = {"COLUMNS": "80"}


def command_paths() -> list[list[str]]:
    def walk(command, path):
        yield path
        for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
            yield from walk(sub, [*path, name])

    return list(walk(get_command(app), []))


def help_text(*path: str, env: dict | None = None) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env={**NARROW, **(env or {})})
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    """The help's words with the panel borders and line breaks taken out."""
    words = []
    for line in text.splitlines():
        words.extend(line.replace("│", " ").replace("╭", " ").replace("╰", " ").split())
    return " ".join(words)


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "faskel")
def test_nothing_is_cut_at_80_columns(path, db_path):
    text = help_text(*path, env={"FASKEL_DB": str(db_path)})
    assert "…" not in text, text
    assert max(map(len, text.splitlines())) <= 80


def test_the_commands_are_grouped_by_use_daily_work_first():
    text = help_text()
    panels = ["Kerja harian", "Laporan", "Pertukaran data", "Pengaturan"]
    where = [text.index(f"─ {panel} ─") for panel in panels]
    assert where == sorted(where), where
    assert "─ Perintah ─" not in text  # every command is in one of the four

    def names(panel: str) -> list[str]:
        """The command names of a panel: the lines whose text starts right after the border."""
        start = text.index(f"─ {panel} ─")
        block = text[start : text.index("╰", start)].splitlines()[1:]
        return [line.split()[1] for line in block if line.startswith("│ ") and line[2] != " "]

    assert names("Kerja harian") == ["visit", "followup", "activity", "history", "template"]
    assert names("Laporan") == ["summary", "report", "trend"]
    assert names("Pertukaran data") == ["sync", "bundle"]
    assert names("Pengaturan") == [
        *("init", "config", "facilitator", "lkk", "kelurahan", "kecamatan", "db")
    ]


def test_the_panels_in_english():
    result = run_faskel("--help", "--lang", "en", env={**os.environ, **NARROW})
    text = result.stdout
    where = [text.index(f"─ {p} ─") for p in ("Daily work", "Reports", "Data exchange", "Setup")]
    assert where == sorted(where)


@pytest.mark.parametrize(
    ("path", "choices", "meanings"),
    [
        (["visit", "add"], VISIT_KINDS, ["mendampingi", "membina", "memantau"]),
        (["visit", "add"], STRANDS, ["kesadaran kritis", "sumber daya"]),
        (["visit", "list"], VISIT_KINDS, ["mendampingi"]),
        (["lkk", "add"], LKK_TYPES, ["Rukun Tetangga", "organisasi pemuda"]),
        (["activity", "add"], ACTIVITY_TYPES, ["pembangunan fisik", "pelatihan"]),
        (["activity", "list"], STAGES, ["hanya kegiatan yang kini di tahap ini"]),
        (["facilitator", "add"], ROLES, ["fasilitator kelurahan", "ringkasan"]),
    ],
)
def test_choices_are_listed_with_their_meaning(path, choices, meanings):
    text = flat(help_text(*path))
    for choice in choices:
        assert f" {choice} (" in text or f" {choice}," in text or f": {choice}" in text, choice
    for meaning in meanings:
        assert meaning in text


def test_edit_and_list_options_say_what_they_do_there():
    add = flat(help_text("visit", "add"))
    edit = flat(help_text("visit", "edit"))
    listing = flat(help_text("visit", "list"))
    assert "bawaan: hari ini" in add and "bawaan: hari ini" not in edit
    assert "tanggal yang benar" in edit
    assert "tindak lanjut kunjungan ikut pindah" in edit
    assert "pengaturan `me`" in add and "pengaturan `me`" not in listing + edit
    assert "bawaan: semua fasilitator" in listing
    followup_edit = flat(help_text("followup", "edit"))
    assert "bawaan" not in followup_edit.replace("[bawaan: table]", "")
    lkk_edit = flat(help_text("lkk", "edit"))
    assert "bila namanya ada di lebih dari satu kelurahan" in lkk_edit
