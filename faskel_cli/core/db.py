"""Opening the one SQLite file: checks, pragmas, migrations, first-use set-up."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core.errors import DatabaseError
from faskel_cli.core.store import (
    BUSY_TIMEOUT_MS,
    Db,
    LockPending,
    get_setting,
    put_setting,
    transaction,
    wait_for_lock,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_AREA = "33.75"  # Kota Pekalongan
# The migrations of core/schema.py by name, in order (tests/core/test_foundation.py holds
# them equal): opening an up-to-date database compares these with what it has applied,
# without importing sqlite-utils, which only applying a migration needs.
MIGRATIONS = (
    "m001_foundation", "m003_bundle_exchange", "m004_summary_indexes", "m005_identity_and_clock",
    "m006_bundle_refused", "m007_sheet_rows", "m008_views", "m009_short_refs",
    "m012_levels", "m014_bundle_sources", "m015_photos", "m016_activity_stage_counts",
    "m017_view_refs",
)  # fmt: skip


def _is_read_only(path: Path) -> bool:
    # root ignores permission bits, so look at them too: a file the owner made
    # read-only stays read-only for faskel.
    mode = path.stat().st_mode
    return not os.access(path, os.W_OK) or not (mode & stat.S_IWUSR)


def check_path(path: Path, *, write: bool, create: bool | None = None) -> bool:
    """Refuse what cannot be a faskel database. Returns True when the file already exists
    (and is not empty); its folder is made only when it may be `create`d (default: write)."""
    if path.is_dir():
        raise DatabaseError("err.db_is_dir", path=str(path))
    if path.exists():
        try:
            with path.open("rb") as handle:
                header = handle.read(16)
        except OSError as exc:
            raise DatabaseError("err.db_unreadable", path=str(path), reason=exc.strerror) from None
        if header and header != SQLITE_HEADER:
            raise DatabaseError("err.db_not_sqlite", path=str(path))
        if write and _is_read_only(path):
            raise DatabaseError("err.db_read_only", path=str(path))
        return bool(header)
    if not (write if create is None else create):
        return False
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError("err.db_create", path=str(path), reason=exc.strerror) from None
    return False


def connect(path: Path, *, write: bool = True, create: bool | None = None) -> Db:
    """The database on `path`, migrated and ready.

    Created (0600) on first use only when `create` (by default: when opened for writing).
    Otherwise a file that does not exist (or is empty) is a DatabaseError naming the path
    and `faskel init`: a mistyped FASKEL_DB in a cron line must not report on an empty
    database made on the spot, nor an edit create one to say it found nothing."""
    if create is None:
        create = write
    existed = check_path(path, write=write, create=create)
    if not existed and not create:
        raise DatabaseError("err.db_missing", path=str(path))
    if not existed:
        write = True
        try:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
            os.close(fd)
            os.chmod(path, 0o600)
        except OSError as exc:
            raise DatabaseError("err.db_create", path=str(path), reason=exc.strerror) from None
    try:
        if write:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        else:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError("err.db_open", path=str(path), reason=str(exc)) from None
    db = Db(conn)
    try:
        conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("pragma foreign_keys = on")
        if write:
            _use_wal(conn)
            conn.execute("pragma synchronous = normal")
            set_up(db)
        elif needs_set_up(db):
            # A database an upgrade of faskel left behind (or one being made right now by
            # another process): migrate it on the first read too (a Monday cron report must
            # not fail), unless the file is read-only.
            db.close()
            if _is_read_only(path):
                raise DatabaseError("err.db_needs_migration", path=str(path))
            return connect(path, write=True, create=False)
    except sqlite3.DatabaseError as exc:
        db.close()
        raise DatabaseError("err.db_open", path=str(path), reason=str(exc)) from None
    except BaseException:
        db.close()
        raise
    use_area_zone(conn)
    return db


def use_area_zone(conn: sqlite3.Connection) -> None:
    """Today is the working area's local date (core/clock.py)."""
    from faskel_cli.core import clock

    try:
        row = conn.execute("select value from settings where key = 'area'").fetchone()
    except sqlite3.Error:
        row = None
    clock.use_area(row[0] if row else None)


def _use_wal(conn: sqlite3.Connection) -> None:
    """WAL mode, switched to safely while other processes open the file too: the switch
    needs the file to itself, so a busy answer (or none at all) is waited out like any
    lock; a file system that cannot do WAL keeps its mode."""

    def attempt() -> None:
        row = conn.execute("pragma journal_mode").fetchone()
        if row is None:
            raise LockPending
        if str(row[0]).lower() == "wal":
            return
        row = conn.execute("pragma journal_mode = wal").fetchone()
        if row is None:
            raise LockPending

    wait_for_lock(conn, attempt)


def needs_set_up(db: Db) -> bool:
    """Whether migrations are pending or the first-use settings are missing (read only)."""
    if _applied(db) != set(MIGRATIONS):
        return True
    return get_setting(db, "device_id") is None or get_setting(db, "area") is None


def set_up(db: Db) -> list[str]:
    """Pending migrations and first use (device id, default area) in one write transaction,
    so that any number of processes opening a new file at once make it exactly once: the
    check is cheap and lock-free when there is nothing to do, and repeated under the write
    lock (BEGIN IMMEDIATE) when there is, where only one process at a time gets to see it.
    Returns the migrations applied."""
    if not needs_set_up(db):
        return []
    from faskel_cli.core.schema import migrations

    with transaction(db):
        pending = pending_migrations(db)
        if pending:
            migrations.apply(_sqlite_utils(db))
            if not db.conn.in_transaction:  # a migration committed on its own: not atomic
                raise DatabaseError("err.db_write", reason="migration left the transaction")
        first_use(db)
    return pending


def migration_status(path: Path) -> list[dict]:
    """Every migration of faskel, in order: applied (when) or pending, read without
    creating or changing the file. A file that does not exist is a DatabaseError, as for
    every read."""
    from sqlite_utils import Database

    from faskel_cli.core.schema import migrations

    if not check_path(path, write=False):
        raise DatabaseError("err.db_missing", path=str(path))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        applied = {
            m.name: m.applied_at for m in migrations.applied(Database(conn, execute_plugins=False))
        }
    finally:
        conn.close()
    # Against an empty database every migration is pending: their names, in order.
    everything = [m.name for m in migrations.pending(Database(memory=True, execute_plugins=False))]
    return [
        {
            "name": name,
            "status": "applied" if name in applied else "pending",
            "applied_at": applied.get(name),
        }
        for name in everything
    ]


def pending_migrations(db: Db) -> list[str]:
    from faskel_cli.core.schema import migrations

    return [m.name for m in migrations.pending(_sqlite_utils(db))]


def _sqlite_utils(db: Db) -> Database:
    """A sqlite-utils Database on the same connection, for its Migrations."""
    from sqlite_utils import Database

    return Database(db.conn, execute_plugins=False)


def _applied(db: Db) -> set[str]:
    """The names of the migrations applied, read as sqlite-utils records them."""
    try:
        rows = db.execute(
            "select name from _sqlite_migrations where migration_set = 'faskel'"
        ).fetchall()
    except sqlite3.OperationalError:  # no such table: a new database
        return set()
    return {row[0] for row in rows}


def first_use(db: Db) -> None:
    """A new database gets its device id and the default area (Kota Pekalongan); whatever
    of them it has is kept (run under the write lock, by set_up)."""
    from faskel_cli.core import regions
    from faskel_cli.core.ids import new_id

    with transaction(db):
        if get_setting(db, "device_id") is None:
            put_setting(db, "device_id", new_id())
        if get_setting(db, "area") is None:
            regions.load_area(db, DEFAULT_AREA)
