"""The progress line of an import of many bundles, on a real pseudo-terminal: rewritten in
place while the bundles go in, cleared before the table and the total line. (When it
shows, and what a pipe gets, is tested in-process: tests/core/test_sources.py.)"""

from __future__ import annotations

import os

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
