"""Which language a command speaks: decided at the edge, before anything is printed."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from faskel_cli.core.vocab import normalise_lang


def _db_lang(db_path: str | None) -> str | None:
    """The `lang` setting of an existing database, read cheaply (no migrations)."""
    if not db_path:
        return None
    path = Path(db_path)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("select value from settings where key = 'lang'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def choose_lang(cli_value: str | None, db_path: Path | str | None) -> str:
    """--lang, then FASKEL_LANG, then the database's `lang` setting, then Indonesian."""
    return (
        normalise_lang(cli_value)
        or normalise_lang(os.environ.get("FASKEL_LANG"))
        or normalise_lang(_db_lang(str(db_path) if db_path else None))
        or "id"
    )


def _option_value(args: list[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def detect_lang(argv: Sequence[str]) -> str:
    """The language from the command line, before the command tree (and its help texts)
    is built; the same rules as the root command's (`choose_lang`)."""
    from faskel_cli.core.paths import resolve_db_path

    args = list(argv)
    return choose_lang(_option_value(args, "--lang"), resolve_db_path(_option_value(args, "--db")))
