"""Start-up stays light, checked without a clock: the modules a command has imported when
its process ends. A timed check would be flaky on a busy machine; an import that comes back
(pydantic through typer's converters, rich's syntax highlighting, a spreadsheet library)
shows here on any machine. bench/ has the timings these imports cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version

import pytest
from packaging.version import Version

from tests.helpers import ROOT, TODAY, copy_db

# At exit, the names of the loaded modules go to the file FASKEL_TEST_MODULES names.
RUN = """
import atexit, json, os, runpy, sys
def _dump():
    with open(os.environ["FASKEL_TEST_MODULES"], "w", encoding="utf-8") as out:
        json.dump(sorted(sys.modules), out)
atexit.register(_dump)
sys.argv = ["faskel", *sys.argv[1:]]
runpy.run_module("faskel_cli", run_name="__main__", alter_sys=True)
"""

# Never needed to list, summarise or print a version (each costs 40-130 ms to import).
HEAVY = (
    "pydantic",  # typer's converters, unless cli/coercion.py's hook applies
    "pydantic_core",
    "openpyxl",
    "xlsxwriter",
    "pygments",
    "markdown_it",
    "rich.markdown",
    "rich.syntax",
    "rich.traceback",
    "typer.rich_utils",  # typer's rich help and error pages
)
if Version(version("rich")) >= Version("14.3.4"):  # before, rich.console imports it itself
    HEAVY += ("rich.pretty",)


def loaded(tmp_path, db, *args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    modules = tmp_path / "modules.json"
    env = {
        **os.environ,
        "FASKEL_DB": str(db),
        "FASKEL_TODAY": TODAY,
        "FASKEL_TEST_MODULES": str(modules),
    }
    done = subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done, set(json.loads(modules.read_text(encoding="utf-8")))


def heavy(modules: set[str], extra: tuple[str, ...] = ()) -> list[str]:
    banned = HEAVY + extra
    return sorted(m for m in modules if m in banned or m.startswith(tuple(b + "." for b in banned)))


@pytest.fixture(scope="module")
def sample_db(sample_template, tmp_path_factory):
    """The sample data (visits in ISO week 2026-W48, the frozen clock's week)."""
    return copy_db(sample_template, tmp_path_factory.mktemp("startup") / "sample.db")


def test_version_imports_neither_rich_nor_the_database_layer(tmp_path):
    done, modules = loaded(tmp_path, tmp_path / "none.db", "--version")
    assert done.stdout.startswith("faskel ")
    assert heavy(modules, ("rich", "sqlite_utils")) == []
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("visit", "list"),
        ("visit", "list", "--limit", "5", "--kind", "pendampingan", "-k", "Medono"),
        ("summary",),
        ("summary", "--by", "facilitator", "--week", "2026-W48"),
    ],
    ids=" ".join,
)
def test_tables_import_rich_but_nothing_heavy(tmp_path, sample_db, args):
    done, modules = loaded(tmp_path, sample_db, *args)
    assert "rich.table" in modules and done.stdout.strip()  # the table was printed
    assert heavy(modules) == []


@pytest.mark.parametrize(
    "args, extra",
    [
        pytest.param(
            ("visit", "list", "--format", "json", "--since", "2026-11-01"), (), id="visit json"
        ),
        # the summary reads with the plain sqlite3 module (it is timed against the shell)
        pytest.param(("summary", "--format", "json"), ("sqlite_utils",), id="summary json"),
        pytest.param(
            ("--db", "{db}", "summary", "--week", "last", "--format", "csv"),
            ("sqlite_utils",),
            id="summary csv",
        ),
    ],
)
def test_json_and_csv_import_no_rich(tmp_path, sample_db, args, extra):
    args = tuple(str(sample_db) if a == "{db}" else a for a in args)
    done, modules = loaded(tmp_path, sample_db, *args)
    assert done.stdout.strip()
    if "json" in args:
        assert json.loads(done.stdout)
    assert heavy(modules, ("rich", *extra)) == []


def test_logging_a_visit_imports_neither_pydantic_nor_sqlite_utils(tmp_path, sample_db):
    """`visit add` with every option given is the facilitator's most frequent write: the
    rules of core/rules.py check it, and sqlite-utils is loaded only to migrate."""
    db = tmp_path / "copy.db"
    db.write_bytes(sample_db.read_bytes())
    done, modules = loaded(
        tmp_path, db, "visit", "add", "--date", "2026-11-27", "-k", "Medono",
        "--facilitator", "siti", "--kind", "pendampingan", "--strand", "kesadaran",
        "--lkk", "PKK Medono", "--male", "4", "--female", "11", "--duration", "90",
        "--notes", "Rapat kader", "--allow-duplicate",
    )  # fmt: skip
    assert len(done.stdout.strip()) == 36  # the new visit's id
    assert heavy(modules, ("rich", "sqlite_utils")) == []
    # Migrating does load sqlite-utils: the guard above would see it if the check were gone.
    assert "faskel_cli.core.schema" not in modules
