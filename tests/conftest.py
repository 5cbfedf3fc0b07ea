"""Shared fixtures: a real SQLite file in tmp_path, a frozen clock, and template databases
built once per session (through the core) that each test gets a private copy of."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from hypothesis import settings

from faskel_cli.core.db import connect
from faskel_cli.core.sample import load_sample
from faskel_cli.messages import set_lang
from tests.helpers import (
    ROOT,
    TODAY,
    Cli,
    Laptop,
    build_laptops,
    build_template,
    build_week_db,
    copy_db,
    seed,
)

# A test run started in the background by a non-interactive shell (a CI step, `cmd &`)
# inherits SIGINT ignored, and so would every faskel it starts: the Ctrl-C tests would see
# nothing happen. A handler here is reset to the default in each child at exec.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# The machine is shared (2 cores): an example that waited for the CPU has not failed.
settings.register_profile("faskel", deadline=None)
settings.load_profile("faskel")


@pytest.fixture(autouse=True)
def _environment(monkeypatch):
    for name in ("FASKEL_DB", "FASKEL_LANG", "FASKEL_DEBUG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("FASKEL_TODAY", TODAY)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    set_lang("id")
    yield
    set_lang("id")


# --- templates, made once per session -------------------------------------------------------


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("templates")


@pytest.fixture(scope="session")
def empty_template(templates) -> Path:
    """A database as its first use leaves it: migrated, Kota Pekalongan loaded."""
    path = templates / "empty.db"
    build_template(path)
    return path


@pytest.fixture(scope="session")
def seeded_template(templates) -> Path:
    """Two facilitators and three LKK of Kota Pekalongan (helpers.seed)."""
    path = templates / "seeded.db"
    build_template(path, seed)
    return path


@pytest.fixture(scope="session")
def sample_template(templates) -> Path:
    """The demo's sample data (data/sample.json), as `faskel db seed` loads it."""
    path = templates / "sample.db"
    build_template(path, lambda db: load_sample(db, ROOT / "data" / "sample.json"))
    return path


@pytest.fixture(scope="session")
def week_template(templates) -> tuple[Path, dict]:
    """The hand-checked database of summaries (helpers.build_week_db) and its ids."""
    path = templates / "week.db"
    ids = build_template(path, build_week_db)
    return path, ids


@pytest.fixture(scope="session")
def laptop_templates(templates) -> Path:
    """Laptops a (seeded), b and c (started from a's bundle), each its own device."""
    folder = templates / "laptops"
    folder.mkdir()
    build_laptops(folder)
    return folder


# --- per test: a private copy ---------------------------------------------------------------


@pytest.fixture
def db_path(tmp_path) -> Path:
    """Where a test's database lives (not created: the fixtures below copy one there)."""
    return tmp_path / "faskel.db"


@pytest.fixture
def empty_path(empty_template, db_path) -> Path:
    return copy_db(empty_template, db_path)


@pytest.fixture
def seeded_path(seeded_template, db_path) -> Path:
    return copy_db(seeded_template, db_path)


@pytest.fixture
def cli(empty_path) -> Cli:
    """The CLI on an initialised database with no records."""
    return Cli(empty_path)


@pytest.fixture
def seeded(seeded_path) -> Cli:
    """The CLI on a database with facilitators and LKK of Kota Pekalongan."""
    return Cli(seeded_path)


@pytest.fixture
def db(seeded_path):
    """The core's Database on a copy of the seeded template."""
    database = connect(seeded_path)
    yield database
    database.close()


@pytest.fixture
def empty_db(empty_path):
    database = connect(empty_path)
    yield database
    database.close()


@pytest.fixture
def week_path(week_template, db_path) -> Path:
    return copy_db(week_template[0], db_path)


@pytest.fixture
def week_ids(week_template) -> dict:
    return week_template[1]


@pytest.fixture
def week(week_path) -> Cli:
    """The CLI on a copy of the hand-checked database of summaries."""
    return Cli(week_path)


@pytest.fixture
def laptop_paths(laptop_templates, tmp_path):
    """laptop_paths("a", "b") -> private copies of those laptops' databases."""

    def make(*names: str) -> list[Path]:
        return [copy_db(laptop_templates / f"{n}.db", tmp_path / f"{n}.db") for n in names]

    return make


@pytest.fixture
def laptops(laptop_paths):
    """laptops("a", "b") -> [Laptop(path, db)]: the core's connections to private copies."""
    opened: list[Laptop] = []

    def make(*names: str) -> list[Laptop]:
        found = [Laptop(path, connect(path)) for path in laptop_paths(*names)]
        opened.extend(found)
        return found

    yield make
    for laptop in opened:
        laptop.db.close()
