"""What every core module writes and reads the database with: one transaction rule, the
settings, and SQLite's errors as errors a person can act on. Opening the file is db.py."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeVar

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
# One short wait between attempts to take a lock.
POLL_S = 0.1

T = TypeVar("T")


def is_locked(exc: sqlite3.Error) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED: another connection holds what this one needs."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc)
    return "locked" in text or "busy" in text


class LockPending(Exception):
    """An attempt that could not get what it needs yet, without an sqlite3 error."""


def wait_for_lock(conn: sqlite3.Connection, attempt: Callable[[], T]) -> T:
    """`attempt()` (a statement that takes a lock) again and again, in short Python-level
    waits, until it gets the lock or BUSY_TIMEOUT_MS have passed."""
    previous = conn.execute("pragma busy_timeout").fetchone()[0]
    conn.execute("pragma busy_timeout = 0")
    started = time.monotonic()
    try:
        while True:
            try:
                return attempt()
            except LockPending:
                pass
            except sqlite3.OperationalError as exc:
                if not is_locked(exc):
                    raise
            if time.monotonic() - started >= BUSY_TIMEOUT_MS / 1000:
                raise DatabaseError("err.db_locked")
            time.sleep(POLL_S)
    finally:
        conn.execute(f"pragma busy_timeout = {int(previous)}")


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
