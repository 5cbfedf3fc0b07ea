"""What every core module writes and reads the database with: one transaction rule, the
settings, and SQLite's errors as errors a person can act on. Opening the file is db.py.

Waiting for another writer: SQLite lets one process write at a time. A write that finds the
file locked (a bundle import of a million visits holds it for minutes) waits for it as long
as an import would, WRITE_WAIT_S, in short waits of Python's own so that Ctrl-C stops it at
once, with nothing written. After ANNOUNCE_AFTER_S of waiting it says so, once, through the
hook the edge sets (`on_wait`; the core never prints), naming what holds the database when
the holder left a note (`busy_note`: `<db>.busy`, what it does, since when, its pid).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from faskel_cli.core.errors import DatabaseError, Message

if TYPE_CHECKING:
    from typing import TypeAlias


class Db:
    """The database handle the core passes around: what `connect` returns. A sqlite3
    connection with sqlite-utils' way of calling it (`execute`, `conn`, `close`), so
    that sqlite-utils itself (about 40 ms to import) is loaded only to apply migrations,
    which get a sqlite-utils Database on the same connection."""

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Iterable[Any] | dict | None = None) -> sqlite3.Cursor:
        """As sqlite-utils' execute: a write outside a transaction is committed at once (the
        sqlite3 module would leave it in an implicit transaction that closing rolls back);
        inside `transaction` it is part of that transaction."""
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            if parameters is None:
                cursor = conn.execute(sql)
            else:
                cursor = conn.execute(sql, parameters)  # type: ignore[arg-type]
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.rollback()  # the failed statement opened a transaction: close it
            raise
        if not was_in_transaction and conn.in_transaction and cursor.description is None:
            conn.commit()
        return cursor

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Db:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()  # as sqlite-utils' Database does: `with connect(path) as db:`


if TYPE_CHECKING:
    # What the read-only queries (core.summary, region lookups) accept: a Db, or the plain
    # read-only sqlite3 connection `faskel summary` opens (core.summary.open_read).
    Reader: TypeAlias = Db | sqlite3.Connection

# A statement outside a write transaction (reading, in WAL mode, hardly ever waits) waits
# this long in SQLite's own busy handler.
BUSY_TIMEOUT_MS = 10_000
# Taking the write lock waits this long: as long as a bundle import waits for its own.
WRITE_WAIT_S = 15 * 60
# A wait shorter than this is not worth a line (cron mails every line on stderr).
ANNOUNCE_AFTER_S = 1.0
# One short wait between attempts: what Ctrl-C waits for at most.
POLL_S = 0.1

T = TypeVar("T")
WaitHook = Callable[[Message], None]
_wait_hook: WaitHook | None = None


def on_wait(hook: WaitHook | None) -> None:
    """Who is told that a write waits for another (the CLI: one line on stderr)."""
    global _wait_hook
    _wait_hook = hook


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
    """`attempt()` (a statement that takes a lock) again and again until it gets it: short
    Python-level waits (Ctrl-C works), told once after ANNOUNCE_AFTER_S, given up after
    WRITE_WAIT_S with the DatabaseError naming what holds the database."""
    previous = conn.execute("pragma busy_timeout").fetchone()[0]
    conn.execute("pragma busy_timeout = 0")
    started = time.monotonic()
    announced = False
    try:
        while True:
            try:
                return attempt()
            except LockPending:
                pass
            except sqlite3.OperationalError as exc:
                if not is_locked(exc):
                    raise
            waited = time.monotonic() - started
            if waited >= WRITE_WAIT_S:
                raise DatabaseError(
                    "err.db_busy",
                    path=db_file(conn),
                    holder=holder(conn),
                    minutes=round(WRITE_WAIT_S / 60),
                )
            if not announced and waited >= ANNOUNCE_AFTER_S:
                announced = True
                if _wait_hook is not None:
                    _wait_hook(Message.of("msg.db_waiting", holder=holder(conn)))
            time.sleep(POLL_S)
    finally:
        conn.execute(f"pragma busy_timeout = {int(previous)}")


def db_file(conn: sqlite3.Connection) -> str:
    """The file of the connection's main database ('' in memory)."""
    for row in conn.execute("pragma database_list").fetchall():
        if row[1] == "main":
            return str(row[2] or "")
    return ""


# --- what holds the database: a note next to it ------------------------------------------


def note_path(database: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(database)}.busy")


def _host() -> str:
    try:
        return socket.gethostname()
    except OSError:  # pragma: no cover
        return ""


@contextlib.contextmanager
def busy_note(db: Db, what: str, /, **params: object) -> Iterator[None]:
    """While the block runs, `<db>.busy` says what this process does to the database (a
    message key and its values), since when and its pid, for the writers waiting for it.
    Best effort: a note that cannot be written is no reason to stop the work."""
    from faskel_cli.core import atomic, clock
    from faskel_cli.core.errors import OutputError

    database = db_file(db.conn)
    if not database:
        yield
        return
    path = note_path(database)
    note = {
        "what": what,
        "params": params,
        "since": clock.utc_stamp(),
        "pid": os.getpid(),
        "host": _host(),
    }
    try:
        atomic.write_with(path, lambda h: h.write(json.dumps(note).encode()), private=True)
    except OutputError:
        yield
        return
    try:
        yield
    finally:
        if _read_note(path).get("pid") == os.getpid():  # a later holder may have its own
            with contextlib.suppress(OSError):
                path.unlink()


def _read_note(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _gone(note: dict) -> bool:
    """A note left by a process of this host that no longer runs."""
    pid = note.get("pid")
    if not isinstance(pid, int) or note.get("host") != _host() or os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _clock_time(stamp: object) -> str:
    """`21:03` (WIB) for today, `2026-11-27 21:03` for another day; '?' if unreadable."""
    from faskel_cli.core import clock

    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00")).astimezone(clock.WIB)
    except ValueError:
        return "?"
    if moment.date() == clock.now_utc().astimezone(clock.WIB).date():
        return moment.strftime("%H:%M")
    return moment.strftime("%Y-%m-%d %H:%M")


def holder(conn: sqlite3.Connection) -> Message:
    """What holds the database, as the note next to it says; 'another process' without one
    (or with a note its process left behind)."""
    database = db_file(conn)
    note = _read_note(note_path(database)) if database else {}
    what, params = note.get("what"), note.get("params")
    if not isinstance(what, str) or not what.startswith("busy.") or _gone(note):
        return Message.of("busy.unknown")
    values = {str(k): v for k, v in params.items()} if isinstance(params, dict) else {}
    return Message.of(
        "busy.note",
        what=Message(what, values),
        since=_clock_time(note.get("since")),
        pid=note.get("pid", "?"),
    )


@contextlib.contextmanager
def transaction(db: Db) -> Iterator[None]:
    """All or nothing. BEGIN IMMEDIATE takes the write lock up front, so two writers
    queue instead of failing half-way (waiting as `wait_for_lock` does); nested calls join
    the outer transaction."""
    conn = db.conn
    if conn.in_transaction:
        yield
        return
    try:
        wait_for_lock(conn, lambda: conn.execute("begin immediate"))
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
