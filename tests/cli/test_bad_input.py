"""Hostile values in options: one line on stderr, a documented exit code, no traceback,
and the database as it was."""

from __future__ import annotations

import pytest

from tests.helpers import dump

VISIT = ["visit", "add", "-k", "Medono", "--kind", "pendampingan", "--strand", "kesadaran"]
VISIT = [*VISIT, "--facilitator", "siti"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ([*VISIT, "--male", "²"], "--male"),  # isdigit() says yes, int() says no
        ([*VISIT, "--female", "٣"], "--female"),  # an Arabic-Indic digit
        ([*VISIT, "--male", "9" * 5000], "--male"),  # beyond int()'s 4,300 digits
        ([*VISIT, "--duration", "9" * 5000], "--duration"),
        ([*VISIT, "--duration", "٩٠"], "--duration"),
        ([*VISIT, "--date", "٢٠٢٦-١١-٢٣"], "--date"),
        (["visit", "list", "--since", "9999-12-31"], "2099-12-31"),
        (["summary", "--week", "9999-W52"], "9999-W52"),
        (["trend", "--week", "0001-W01"], "0001-W01"),
        (["report", "--since", "9999-12-31", "--until", "9999-12-31"], "9999-12-31"),
        (["followup", "list", "--as-of", "9999-12-31"], "9999-12-31"),
        (["visit", "list", "--limit", "9" * 40], "--limit"),
        (["visit", "list", "--limit", "0"], "--limit"),
        (["config", "set", "stall_days", "9" * 5000], "stall_days"),
        (["config", "set", "stall_days", "١٤"], "stall_days"),
        (
            ["activity", "add", "-k", "Medono", "--title", "x", "--type", "fisik"]
            + ["--date", "2026-11-01", "--budget", "9" * 5000],
            "--budget",
        ),
    ],
)
def test_hostile_values_are_one_line_and_change_nothing(seeded, args, says):
    before = dump(seeded.db_path)
    result = seeded.fails(*args, code=2)
    assert says in result.stderr
    assert dump(seeded.db_path) == before


def test_ascii_digits_still_work(seeded):
    seeded.ok(*VISIT, "--male", "3", "--female", "012", "--duration", "1h30")
    [visit] = seeded.json("visit", "list")
    assert (visit["male"], visit["female"], visit["duration_minutes"]) == (3, 12, 90)


@pytest.mark.parametrize(
    "args",
    [
        ["activity", "add", "-k", "Medono", "--title", "ab\udcffc", "--type", "fisik"],
        [*VISIT, "--notes", "catatan \udcc3"],
        ["visit", "list", "--db", "/tmp/\udcff.db"],
    ],
)
def test_invalid_utf8_in_any_argument_is_refused(seeded, args):
    before = dump(seeded.db_path)
    result = seeded.fails(*args, code=2)
    assert "UTF-8" in result.stderr
    assert dump(seeded.db_path) == before


@pytest.mark.parametrize("value", ["--fo\no", "--x\x1b[31mred", "--a\rb"])
def test_a_typed_control_character_cannot_split_or_colour_the_error_line(seeded, value):
    result = seeded.fails("visit", "list", value, code=2)
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert result.stderr.count("\n") == 1


def test_hostile_values_through_a_real_process(seeded):
    import os

    from tests.helpers import run_faskel

    env = {**os.environ, "FASKEL_DB": str(seeded.db_path)}
    result = run_faskel(*VISIT, "--male", "²", env=env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
