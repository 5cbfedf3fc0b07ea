"""Where things live: the database file and the shipped data files."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "faskel"


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "faskel.db"


def resolve_db_path(cli_value: str | os.PathLike | None) -> Path:
    """--db, then FASKEL_DB, then the platform's user data dir."""
    if cli_value:
        return Path(cli_value).expanduser()
    env = os.environ.get("FASKEL_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def data_file(name: str) -> Path:
    """A file of the top-level data/ folder: inside the installed package (the wheel ships
    it as faskel_cli/data/), or next to the package in a source checkout."""
    from importlib import resources  # ~10 ms: only the commands reading data/ pay it

    packaged = resources.files("faskel_cli").joinpath("data", name)
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data" / name
