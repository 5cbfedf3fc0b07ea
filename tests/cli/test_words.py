"""Typer's and Click's own words in the user's language: help chrome through gettext,
usage errors told again from their facts."""

from __future__ import annotations

import ast
import os
import runpy
from pathlib import Path

import pytest
import typer

from tests.helpers import ROOT, run_faskel

LOCALE = ROOT / "faskel_cli" / "locale"
ENGLISH = ("No such", "Missing", "Invalid value", "Got unexpected", "Did you mean", "Usage:")


def typer_gettext_words() -> set[str]:
    """Every literal typer passes to gettext's `_` in the modules that render help/errors."""
    folder = Path(typer.__file__).parent
    words = set()
    for name in ("core.py", "rich_utils.py"):
        for node in ast.walk(ast.parse((folder / name).read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "_"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                words.add(node.args[0].value)
    return words


def test_the_mo_file_is_built_from_its_po_file():
    compiler = runpy.run_path(str(ROOT / "scripts" / "compile_locale.py"))
    for po in LOCALE.glob("*/LC_MESSAGES/*.po"):
        entries = compiler["parse_po"](po.read_text(encoding="utf-8"))
        assert po.with_suffix(".mo").read_bytes() == compiler["mo_bytes"](entries), po


def test_every_word_typer_translates_has_an_indonesian_text():
    compiler = runpy.run_path(str(ROOT / "scripts" / "compile_locale.py"))
    po = LOCALE / "id" / "LC_MESSAGES" / "messages.po"
    entries = compiler["parse_po"](po.read_text(encoding="utf-8"))
    words = typer_gettext_words()
    assert words, "typer no longer uses gettext here: the catalogue is dead weight"
    missing = sorted(w for w in words if not entries.get(w))
    assert not missing, missing


def _env(db_path: Path) -> dict[str, str]:
    return {**os.environ, "FASKEL_DB": str(db_path), "COLUMNS": "100"}


def test_help_chrome_in_indonesian_and_english(db_path):
    indonesian = run_faskel("visit", "add", "--help", env=_env(db_path)).stdout
    assert "Pemakaian: faskel visit add [OPSI]" in indonesian
    assert "Opsi" in indonesian and "Options" not in indonesian
    assert "[wajib]" in run_faskel("facilitator", "add", "--help", env=_env(db_path)).stdout
    english = run_faskel("visit", "add", "--help", "--lang", "en", env=_env(db_path)).stdout
    assert "Usage: faskel visit add [OPTIONS]" in english and "Options" in english


def test_an_unknown_command_in_indonesian(db_path):
    result = run_faskel("visti", env=_env(db_path))
    assert result.returncode == 2
    assert "Perintah 'visti' tidak ada; mungkin maksudnya 'visit'?" in result.stderr
    english = run_faskel("visti", "--lang", "en", env=_env(db_path))
    assert "No such command 'visti'; did you mean 'visit'?" in english.stderr


@pytest.mark.parametrize(
    ("args", "indonesian", "english"),
    [
        (["visit", "add", "--handle", "x"], "opsi --handle tidak ada", "no such option"),
        (["facilitator", "add", "Siti"], "opsi --handle wajib diisi", "missing option --handle"),
        (["visit", "show"], "argumen ID belum diberikan", "missing argument ID"),
        (["visit", "list", "--limit", "x"], "harus bilangan bulat", "must be a whole number"),
        (["visit", "list", "a", "b"], "argumen berlebih: a b", "unexpected extra arguments"),
        (["visit", "list", "--kelurahan"], "opsi --kelurahan perlu nilai", "needs a value"),
    ],
)
def test_usage_errors_in_both_languages(cli, args, indonesian, english):
    result = cli.fails(*args, code=2)
    assert indonesian in result.stderr
    assert not any(word in result.stderr for word in ENGLISH), result.stderr
    assert english in cli.fails("--lang", "en", *args, code=2).stderr


@pytest.mark.parametrize(
    ("week", "label"),
    [
        ("48", "2026-W48"),
        ("W48", "2026-W48"),
        ("w47", "2026-W47"),
        ("minggu-ini", "2026-W48"),
        ("minggu-lalu", "2026-W47"),
        ("ini", "2026-W48"),
        ("pekan-lalu", "2026-W47"),
        ("2026-W48", "2026-W48"),
    ],
)
def test_weeks_in_indonesian_words_too(seeded, week, label):
    assert seeded.json("summary", "--week", week)["period"]["label"] == label


def test_by_fasilitator_is_by_facilitator(seeded):
    by = seeded.json("summary", "--by", "fasilitator")
    assert by == seeded.json("summary", "--by", "facilitator")


def test_a_bad_week_suggests_the_indonesian_words(seeded):
    assert "minggu-ini" in seeded.fails("summary", "--week", "kemarin", code=2).stderr
