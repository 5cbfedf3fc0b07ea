"""Every command of the guide (docs/panduan.md) runs as written, in order, on a frozen clock.

The guide's ```console and ```bash blocks hold `$ faskel ...` lines, each followed by lines
of what it prints (a line is looked for in the command's output; `...` stands for any text).
The words after the language in a block's first line say how it runs:
- `exit=N`: its last command ends with exit code N (the error examples), the others 0;
- `db=NAME`: on the database NAME (default `fasilitator`; the coordinator's laptop is
  `koordinator`), files in one folder shared by both;
- `mkdir=FOLDER`: the folder exists before the block (a shared Drive folder);
- `fill=FILE`: before the block, FILE (the template written before) gets two visits, as a
  person fills it in Excel.
Blocks of any other kind (```text transcripts, ```console-untested, ```sh, ```powershell,
```cron) are not run. `ID-KUNJUNGAN`, `ID-KEGIATAN` and `ID-TINDAK-LANJUT` stand for the id
the guide's last `visit`, `activity` or `followup` command printed.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
from pathlib import Path

import pytest

from faskel_cli.cli import hoist_global_options
from tests.helpers import ROOT

GUIDE = ROOT / "docs" / "panduan.md"
RUN = ("console", "bash")
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.M | re.S)
UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b")
PLACEHOLDERS = {"visit": "ID-KUNJUNGAN", "activity": "ID-KEGIATAN", "followup": "ID-TINDAK-LANJUT"}


def blocks(text: str) -> list[tuple[str, dict, str]]:
    """(language, options, body) of every fenced block."""
    found = []
    for match in FENCE.finditer(text):
        words = match.group(1).split()
        language = words[0] if words else ""
        options = dict(word.split("=", 1) for word in words[1:] if "=" in word)
        found.append((language, options, match.group(2)))
    return found


def steps(body: str) -> list[tuple[str, list[str]]]:
    """(command line, the lines it prints) of a block."""
    found: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif line.strip() and found:
            found[-1][1].append(line.strip())
    return found


def test_the_guide_has_blocks_for_each_part():
    text = GUIDE.read_text(encoding="utf-8")
    run = [b for b in blocks(text) if b[0] in RUN]
    assert len(run) >= 15
    commands = [c for _, _, body in run for c, _ in steps(body)]
    needed_commands = (
        *("faskel init", "faskel visit add", "faskel template visits", "faskel visit import"),
        *("faskel visit edit", "faskel bundle export", "faskel sync", "faskel bundle import"),
        *("faskel summary", "faskel report"),
    )
    for needed in needed_commands:
        assert any(c.startswith(needed) for c in commands), needed
    assert "faskel report bulanan" in text  # mentioned, in a block that is not run
    assert not any("report bulanan" in c for c in commands)


def fill_template(path: Path) -> None:
    from tests.cli.test_template import fill

    fill(path, [
        [dt.datetime(2026, 11, 24), "Tirto", None, "bimbingan", "pemetaan", None, 3, 8, 60,
         None, "Pemetaan swadaya RT 01"],
        [dt.datetime(2026, 11, 25), "Medono", None, "pengawasan", "pengawasan", None, 2, 2, 45,
         None, "Cek saluran RW 03"],
    ])  # fmt: skip


def test_every_command_of_the_guide_runs_as_written(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from faskel_cli.cli.app import app

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    ids: dict[str, str] = {}
    ran = 0
    for language, options, body in blocks(GUIDE.read_text(encoding="utf-8")):
        if language not in RUN:
            continue
        if "mkdir" in options:
            (tmp_path / options["mkdir"]).mkdir(exist_ok=True)
        if "fill" in options:
            fill_template(tmp_path / options["fill"])
        env = {"FASKEL_DB": str(tmp_path / f"{options.get('db', 'fasilitator')}.db")}
        block = steps(body)
        for number, (command, shown) in enumerate(block, 1):
            code = int(options.get("exit", 0)) if number == len(block) else 0
            assert command.split()[0] == "faskel", f"not a faskel command: {command}"
            line = command
            for placeholder in PLACEHOLDERS.values():
                if placeholder in line:
                    assert placeholder in ids, (placeholder, command)
                    line = line.replace(placeholder, ids[placeholder])
            args = hoist_global_options(shlex.split(line)[1:])
            result = runner.invoke(app, args, env=env, catch_exceptions=False)
            output = result.stdout + result.stderr
            assert result.exit_code == code, (command, output)
            if code:
                assert len(result.stderr.strip().splitlines()) == 1, (command, result.stderr)
            for expected in shown:
                pattern = ".*".join(map(re.escape, expected.split("...")))
                assert re.search(pattern, output), (command, expected, output)
            group = args[0] if args else ""
            found = UUID.findall(result.stdout)
            if group in PLACEHOLDERS and args[1:2] == ["add"] and found and code == 0:
                ids[PLACEHOLDERS[group]] = found[0]
            ran += 1
    assert ran >= 30


@pytest.mark.parametrize("name", ["README.md"])
def test_the_readme_links_the_guide(name):
    assert "docs/panduan.md" in (ROOT / name).read_text(encoding="utf-8")
