"""The edge of `faskel summary`: JSON exactly as the core builds it, every rendering (table at
80 and 120 columns, CSV, Markdown), per facilitator, one-line refusals; it only reads, and
its JSON imports no heavy library."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys

import pytest

from faskel_cli.core import summary
from faskel_cli.core.dates import parse_week
from faskel_cli.core.db import connect
from tests.helpers import KELURAHAN, TODAY, dump


def test_json_is_the_core_summary_and_the_week_defaults_to_this(week, db_path):
    database = connect(db_path, write=False)
    try:
        want = summary.build_summary(database, parse_week("2026-W48"))
        by_facilitator = summary.summary_by_facilitator(database, parse_week("2026-W48"))
    finally:
        database.close()
    assert week.json("summary", "--week", "2026-W48") == want
    assert week.json("summary") == want
    assert week.json("summary", "--since", "2026-11-23", "--until", "2026-11-29") == want
    assert week.json("summary", "--by", "facilitator") == by_facilitator
    assert week.json("summary", "--week", "last")["period"]["label"] == "2026-W47"


@pytest.mark.parametrize(
    ("week", "hint"),
    [
        ("2025-W53", "2025"),  # 2025 has 52 ISO weeks
        ("minggu depan", "2026-W48"),
    ],
)
def test_invalid_weeks_are_refused_in_one_line(cli, week, hint):
    result = cli.fails("summary", "--week", week, code=2)
    assert week in result.stderr and hint in result.stderr


def test_bad_options_are_refused_in_one_line(week, db_path):
    before = dump(db_path)
    assert "Pekalongan" in week.fails("summary", "--kecamatan", "Pekalongan Tengah").stderr
    assert "facilitator" in week.fails("summary", "--by", "desa", code=2).stderr
    assert "md" in week.fails("summary", "--format", "xlsx", code=2).stderr
    assert "--week" in week.fails("summary", "--week", "2026-W48", "--since", "2026-11-01").stderr
    assert (
        "--until" in week.fails("summary", "--since", "2026-11-30", "--until", "2026-11-01").stderr
    )
    assert dump(db_path) == before


def test_summary_only_reads(week, db_path):
    before = dump(db_path)
    for fmt in ("table", "json", "csv", "md"):
        week.ok("summary", "--format", fmt)
        week.ok("summary", "--by", "facilitator", "--format", fmt)
    assert dump(db_path) == before


# --- renderings ------------------------------------------------------------------------------


def test_csv_is_the_json_flattened(week):
    data = week.json("summary", "--week", "2026-W48")
    text = week.ok("summary", "--week", "2026-W48", "--format", "csv").stdout.removeprefix(
        "\ufeff"
    )  # the BOM
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 27
    assert list(rows[0]) == [
        "kode", "nama", "kecamatan_kode", "kecamatan", "visits", "facilitators",
        "lkk_reached", "male", "female", "female_share", "activities_perencanaan",
        "activities_pelaksanaan", "activities_pertanggungjawaban", "activities_evaluasi",
        "stage_moves", "followups_opened", "followups_done", "followups_open",
        "followups_overdue", "last_visit",
    ]  # fmt: skip
    for row, item in zip(rows, data["kelurahan"], strict=True):
        for key, value in row.items():
            if key.startswith("activities_"):
                want = item["activities"][key.removeprefix("activities_")]
            else:
                want = item[key]
            assert value == ("" if want is None else str(want)), key
    assert rows[0]["female_share"] == "0.667" and rows[1]["female_share"] == ""


def test_markdown_table(week):
    text = week.ok("summary", "--week", "2026-W48", "--format", "md").stdout
    lines = text.splitlines()
    assert lines[0] == "### Ringkasan 2026-W48 · Kota Pekalongan"
    table = [line for line in lines if line.startswith("|")]
    assert len(table) == 2 + 27 + 4 + 1  # heading, rule, kelurahan, subtotals, total
    assert table[0].startswith("| Kelurahan | Kunj |")
    medono = next(line for line in table if "Medono" in line)
    assert medono == "| Medono | 2 | 2 | 2 | 6 | 12 | 67% | 1 | 0 | 1 | 0 | 1/1 | 2026-11-25 |"
    assert "| ○ Podosugih | 0 |" in text
    assert "| **Pekalongan Barat (2/7)** | **3** | **2** |" in text
    assert "| **Kota Pekalongan (3/27)** | **4** | **2** | **3** | **11** | **12** |" in text
    assert "**3 dari 27 kelurahan dikunjungi (11%)**" in text
    english = week.ok("--lang", "en", "summary", "--week", "2026-W48", "--format", "md").stdout
    assert "**3 of 27 kelurahan visited (11%)**" in english


def _table(cli, columns: int, *first: str) -> list[str]:
    result = cli.ok(*first, "summary", "--week", "2026-W48", env={"COLUMNS": str(columns)})
    return result.stdout.splitlines()


@pytest.mark.parametrize("columns", [80, 120])
def test_table_fits_and_never_cuts_a_number(week, columns):
    lines = _table(week, columns)
    assert all(len(line.rstrip()) <= columns for line in lines), max(map(len, lines))
    # One line per kelurahan (never wrapped), grouped by kecamatan with subtotals.
    for _, nama in KELURAHAN:
        assert sum(1 for line in lines if re.search(rf"^[○ ] {nama}\b", line)) == 1, nama
    medono = next(line for line in lines if line.startswith("  Medono"))
    assert medono.split()[1:7] == ["2", "2", "2", "6", "12", "67%"]
    assert medono.rstrip().endswith("1/1  2026-11-25")
    # Not visited: marked with a symbol that needs no colour; never left out.
    assert next(line for line in lines if "Podosugih" in line).startswith("○ Podosugih")
    names = [nama for _, nama in KELURAHAN]
    marked = [line for line in lines if line.startswith("○ ") and line[2:].split("  ")[0] in names]
    assert len(marked) == 24
    assert any(line.startswith("○ belum dikunjungi: Podosugih, Sapuro Kebulen") for line in lines)
    assert any(line.startswith("Pekalongan Barat (2/7)") for line in lines)
    assert any(line.startswith("Kota Pekalongan (3/27)") for line in lines)
    order = [i for i, line in enumerate(lines) if "Medono" in line or "Pekalongan Barat (" in line]
    assert order == sorted(order)
    assert "3 dari 27 kelurahan dikunjungi (11%)" in lines
    if columns == 120:
        assert "Ren" in lines[1] and "Eva" in lines[1]  # one column per stage
    else:
        assert "Tahap" in lines[1] and "1·0·1·0" in medono  # stages in one column


@pytest.mark.parametrize("columns", [80, 120])
def test_table_in_english(week, columns):
    lines = _table(week, columns, "--lang", "en")
    assert all(len(line.rstrip()) <= columns for line in lines)
    assert "3 of 27 kelurahan visited (11%)" in lines
    assert any(line.startswith("○ not visited: Podosugih") for line in lines)
    assert lines[0].startswith("Summary 2026-W48 · Kota Pekalongan")


def test_table_with_large_numbers_at_80_columns(week):
    for _ in range(3):
        week.ok(
            "visit", "add", "--date", "2026-11-26", "--kelurahan", "Kuripan Kertoharjo",
            "--facilitator", "budi", "--kind", "pengawasan", "--strand", "pengawasan",
            "--male", "10000", "--female", "9999",
        )  # fmt: skip
    lines = _table(week, 80)
    assert all(len(line.rstrip()) <= 80 for line in lines)
    row = next(line for line in lines if "Kuripan Kertoharjo" in line)
    assert row.split()[2] == "3"
    total = next(line for line in lines if line.startswith("Kota Pekalongan"))
    assert "30011" in total.split() and "30009" in total.split()


def test_by_facilitator_renderings(week):
    lines = week.ok("summary", "--by", "facilitator", env={"COLUMNS": "80"}).stdout.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines)
    siti = next(line for line in lines if "siti" in line)
    assert "2/2" in siti and "1.5" in siti and "2/1" in siti
    text = week.ok("summary", "--by", "facilitator", "--format", "csv").stdout.removeprefix(
        "\ufeff"
    )  # the BOM
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["handle"] for r in rows] == ["budi", "siti"] and rows[1]["hours"] == "1.5"
    md = week.ok("summary", "--by", "facilitator", "--format", "md").stdout
    assert "| siti | Siti Aminah | 2 | 2/2 | 1 | 4 | 9 | 69% | 1.5 | 2/1 |" in md
    legend = "Kel = kelurahan tugasnya yang dikunjungi / kelurahan tugasnya;"
    assert legend in md and legend in " ".join(line.strip() for line in lines)


def test_summary_json_imports_no_heavy_library(week, db_path):
    """The summary is timed against the sqlite3 shell (bench/): its JSON needs neither
    sqlite-utils nor pydantic nor rich."""
    code = (
        "import sys\n"
        "from faskel_cli.cli import main\n"
        f"sys.argv = ['faskel', '--db', {str(db_path)!r}, 'summary', '--week', 'last',"
        " '--format', 'json']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = [m for m in ('sqlite_utils', 'pydantic', 'rich') if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "FASKEL_TODAY": TODAY}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert json.loads(done.stdout)["period"]["label"] == "2026-W47"
    assert "HEAVY []" in done.stderr, done.stderr
