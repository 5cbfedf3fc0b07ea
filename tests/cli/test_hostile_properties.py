"""Every command, every option, hostile values: never a traceback, always a documented
exit code, and a refusal leaves the database exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.main import get_command
from typer.testing import CliRunner

from faskel_cli.cli.app import app
from tests.helpers import dump

EXIT_CODES = {0, 2, 3, 4, 5, 6, 130}
# Options and arguments that name files or folders: driven with hostile text they could
# write anywhere (the tests run as root in CI), so they keep a path inside the test folder.
PATHS = {"--output", "--db", "FILE", "FILES", "DIR", "FOLDER", "PATH", "--photo"}
SKIP = {"--install-completion", "--show-completion", "--help", "--version"}

HOSTILE = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "-",
            "--",
            "²",
            "٣",
            "9" * 5000,
            "-1",
            "0",
            "9223372036854775808",
            "1e9",
            "0000-00-00",
            "2026-02-30",
            "9999-12-31",
            "0001-W01",
            "9999-W53",
            "2026-W99",
            "a\nb",
            "\x1b[31m",
            "\x00",
            '=HYPERLINK("http://x","y")',
            "ab\udcffc",
            "x" * 20_000,
            "Medono",
            "siti",
            "'; drop table visits; --",
        ]
    ),
    st.text(max_size=40),
)


def _commands() -> list[tuple[tuple[str, ...], Any]]:
    found = []

    def walk(path: tuple[str, ...], command: Any) -> None:
        if hasattr(command, "commands"):  # a group
            for name, sub in command.commands.items():
                walk((*path, name), sub)
        else:
            found.append((path, command))

    walk((), get_command(app))
    return found


COMMANDS = _commands()


def _names(param: Any) -> set[str]:
    return {*param.opts, str(param.metavar or ""), str(param.name or "").upper()}


def _is_argument(param: Any) -> bool:
    return param.param_type_name == "argument"


def _value_params(command: Any) -> list[Any]:
    return [
        param
        for param in command.params
        if not (_names(param) & SKIP or getattr(param, "is_flag", False))
    ]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "template.db"
    runner = CliRunner()
    for args in (
        ["facilitator", "add", "Siti Aminah", "--handle", "siti", "--kelurahan", "Medono"],
        ["lkk", "add", "--kelurahan", "Medono", "--type", "pkk", "--name", "PKK Medono"],
        ["visit", "add", "-k", "Medono", "--kind", "pendampingan", "--strand", "kesadaran"]
        + ["--facilitator", "siti", "--date", "2026-11-23"],
    ):
        result = runner.invoke(app, ["--db", str(path), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    conn = sqlite3.connect(path)
    conn.execute("pragma wal_checkpoint(truncate)")
    conn.close()
    return path


@pytest.mark.slow  # many examples; tests/cli/test_bad_input.py keeps the hand-picked ones
@settings(
    # FASKEL_FUZZ_EXAMPLES=5000 for a longer hunt; 200 keep `make test` quick.
    max_examples=int(os.environ.get("FASKEL_FUZZ_EXAMPLES", "200")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_command_with_hostile_values(template, tmp_path, data):
    path, command = data.draw(st.sampled_from(COMMANDS), label="command")
    params = _value_params(command)
    chosen = data.draw(st.lists(st.sampled_from(params), max_size=3, unique=True)) if params else []
    args: list[str] = []
    positional: list[str] = []
    for param in chosen:
        value = str(tmp_path / "out" / "x.txt") if _names(param) & PATHS else data.draw(HOSTILE)
        if _is_argument(param):
            positional.append(value)
        else:
            args += [param.opts[0], value]
    db = tmp_path / "faskel.db"
    shutil.copyfile(template, db)
    before = dump(db)
    result = CliRunner().invoke(app, ["--db", str(db), *path, *positional, *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback a person would have seen
    assert result.exit_code in EXIT_CODES, (path, args, result.output)
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, (path, args, result.stderr)
        assert dump(db) == before, (path, args)
