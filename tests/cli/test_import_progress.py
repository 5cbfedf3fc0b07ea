"""The progress line of an import of many bundles, on a real pseudo-terminal: rewritten in
place while the bundles go in, cleared before the table and the total line. (When it
shows, and what a pipe gets, is tested in-process: tests/core/test_sources.py.)"""

from __future__ import annotations

import os

import pytest

from tests.helpers import Cli, Terminal, copy_db


def test_the_progress_line_is_rewritten_in_place_then_cleared(
    laptop_paths, empty_template, tmp_path
):
    bundles = []
    for path in laptop_paths("a", "b", "c"):
        out = tmp_path / f"{path.stem}.faskel"
        Cli(path).ok("bundle", "export", "--all", "--output", str(out))
        bundles.append(str(out))
    target = copy_db(empty_template, tmp_path / "target.db", new_device=True)
    env = {**os.environ, "FASKEL_DB": str(target), "FASKEL_PROGRESS_AFTER": "0",
           "TERM": "xterm", "COLUMNS": "100"}  # fmt: skip
    term = Terminal("bundle", "import", *bundles, env=env)
    assert term.finish() == 0, term.seen
    shown = term.raw.decode()
    for done, name in enumerate(("a.faskel", "b.faskel", "c.faskel")):
        assert f"\r\x1b[2Kmengimpor bundel {done}/3: {name}" in shown, shown
    # Cleared before what stays on the screen: the table and the total line.
    last_progress = shown.rindex("mengimpor bundel")
    cleared = shown.index("\r\x1b[2K", last_progress)
    assert "jumlah: 3 dari 3 bundel diimpor" in shown[cleared:]
    assert "mengimpor bundel" not in shown[cleared:]


@pytest.mark.parametrize(
    ("given", "after"),
    [("0", 0.0), ("0.5", 0.5), ("-3", 0.0), ("nan", 2.0), ("inf", 2.0), ("dua", 2.0), (None, 2.0)],
)
def test_the_wait_before_the_progress_line_is_a_number_of_seconds(monkeypatch, given, after):
    from faskel_cli.cli import progress

    if given is None:
        monkeypatch.delenv("FASKEL_PROGRESS_AFTER", raising=False)
    else:
        monkeypatch.setenv("FASKEL_PROGRESS_AFTER", given)
    assert progress.AFTER_S == 2.0 and progress.after_seconds() == after
