"""What every core module writes and reads the database with: one transaction rule, the
settings, and SQLite's errors as errors a person can act on. Opening the file is db.py."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from faskel_cli.core.errors import DatabaseError

if TYPE_CHECKING:  # no sqlite-utils import at start-up: `connect` imports it when called
    from typing import TypeAlias

    from sqlite_utils import Database

    # The database handle the core passes around: what `connect` returns.
    Db: TypeAlias = Database
    # What the read-only queries (core.summary, region lookups) accept: a Db, or the plain
    # read-only sqlite3 connection `faskel summary` opens (core.summary.open_read).
    Reader: TypeAlias = Database | sqlite3.Connection

# A person's command waits this long for another writer before it says the file is busy.
BUSY_TIMEOUT_MS = 10_000


@contextlib.contextmanager
def transaction(db: Db) -> Iterator[None]:
    """All or nothing. BEGIN IMMEDIATE takes the write lock up front, so two writers
    queue instead of failing half-way; nested calls join the outer transaction."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    try:
        conn.execute("begin immediate")
    except sqlite3.OperationalError as exc:
        raise database_error(exc) from None
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    try:
        conn.execute("commit")
    except sqlite3.OperationalError as exc:
        conn.rollback()
        raise database_error(exc) from None


def database_error(exc: sqlite3.Error) -> DatabaseError:
    """What SQLite said, as the error a person can act on."""
    text = str(exc)
    if "readonly" in text:
        return DatabaseError("err.db_read_only", path="")
    if "locked" in text or "busy" in text:
        return DatabaseError("err.db_locked")
    return DatabaseError("err.db_write", reason=text)


def get_setting(db: Db, key: str) -> str | None:
    row = db.execute("select value from settings where key = ?", [key]).fetchone()
    return row[0] if row else None


def put_setting(db: Db, key: str, value: str) -> None:
    db.execute(
        "insert into settings (key, value) values (?, ?) "
        "on conflict(key) do update set value = excluded.value",
        [key, value],
    )
