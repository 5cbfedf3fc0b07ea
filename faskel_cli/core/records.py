"""Writing shareable records the same way everywhere: timestamps, device, audit, tombstones."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from faskel_cli.core import audit, clock
from faskel_cli.core.errors import NotFoundError
from faskel_cli.core.store import get_setting

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass
class Counts:
    """What an import did with the records of one kind (bundles) or one sheet (spreadsheets)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def row(db: Db, table: str, record_id: str) -> dict | None:
    cursor = db.execute(f"select * from [{table}] where id = ?", [record_id])
    found = cursor.fetchone()
    if found is None:
        return None
    return dict(zip([c[0] for c in cursor.description], found, strict=True))


def row_or_raise(db: Db, table: str, record_id: str) -> dict:
    """`row` of a record that must be there (its id was resolved just before): a
    NotFoundError, not a None to index, when it is not."""
    found = row(db, table, record_id)
    if found is None:
        raise NotFoundError("err.id_unknown", entity=table, ref=record_id)
    return found


@contextlib.contextmanager
def audited(
    db: Db, action: str, entity: str, record_id: str, snapshot: Callable[[str], dict | None]
) -> Iterator[None]:
    """Write an audit row with the record as `snapshot` shows it before and after the block."""
    before = None if action == "create" else snapshot(record_id)
    yield
    audit.record(db, action, entity, record_id, before, snapshot(record_id))


def _with_refs(db: Db, table: str, rows: list[dict]) -> list[dict]:
    """Records of a kind a person refers to get their short reference (core/refs.py)."""
    from faskel_cli.core import refs

    if table not in refs.TABLES or not rows or "ref" in rows[0]:
        return rows
    return [
        {**row, "ref": ref} for row, ref in zip(rows, refs.allocate(db, len(rows)), strict=True)
    ]


def insert(db: Db, table: str, values: dict) -> dict:
    now = clock.utc_stamp()
    values = {
        **_with_refs(db, table, [values])[0],
        "created_at": now,
        "updated_at": now,
        "deleted_at": None,
        "device_id": get_setting(db, "device_id"),
    }
    cols = ", ".join(f"[{c}]" for c in values)
    marks = ", ".join("?" for _ in values)
    db.execute(f"insert into [{table}] ({cols}) values ({marks})", list(values.values()))
    return values


def insert_many(db: Db, table: str, rows: list[dict]) -> None:
    """`insert` of many records with the same columns, in one statement."""
    if not rows:
        return
    rows = _with_refs(db, table, rows)
    now = clock.utc_stamp()
    stamps = {"created_at": now, "updated_at": now, "deleted_at": None}
    stamps["device_id"] = get_setting(db, "device_id")
    cols = [*rows[0], *stamps]
    names = ", ".join(f"[{c}]" for c in cols)
    marks = ", ".join("?" for _ in cols)
    db.conn.executemany(
        f"insert into [{table}] ({names}) values ({marks})",
        [[*row.values(), *stamps.values()] for row in rows],
    )


def next_version(db: Db, table: str, record_id: str) -> str:
    """The updated_at of a new version of the record: never earlier than the version it
    replaces (clock.next_stamp), so a laptop whose clock is behind, or a version stamped
    ahead, cannot make an edit lose to what it edited."""
    found = db.execute(f"select updated_at from [{table}] where id = ?", [record_id]).fetchone()
    return clock.next_stamp(found[0] if found else None)


def update(db: Db, table: str, record_id: str, changes: dict, *, stamp: str | None = None) -> None:
    changes = {
        **changes,
        "updated_at": stamp or next_version(db, table, record_id),
        "device_id": get_setting(db, "device_id"),
    }
    sets = ", ".join(f"[{col}] = ?" for col in changes)
    db.execute(f"update [{table}] set {sets} where id = ?", [*changes.values(), record_id])


def soft_delete(db: Db, table: str, record_id: str) -> None:
    stamp = next_version(db, table, record_id)
    update(db, table, record_id, {"deleted_at": stamp}, stamp=stamp)


def restore(db: Db, table: str, record_id: str) -> None:
    update(db, table, record_id, {"deleted_at": None})


def set_deleted(
    db: Db,
    table: str,
    entity: str,
    record_id: str,
    snapshot: Callable[[str], dict | None],
    *,
    deleted: bool,
) -> None:
    """Tombstone (or bring back) one record, audited; refused with `err.<entity>_deleted` /
    `err.<entity>_not_deleted` when it already is in that state."""
    from faskel_cli.core.errors import ConflictError
    from faskel_cli.core.store import transaction

    with transaction(db):
        is_deleted = bool(row_or_raise(db, table, record_id)["deleted_at"])
        if deleted and is_deleted:
            raise ConflictError(f"err.{entity}_deleted", id=record_id)
        if not deleted and not is_deleted:
            raise ConflictError(f"err.{entity}_not_deleted", id=record_id)
        with audited(db, "delete" if deleted else "restore", entity, record_id, snapshot):
            (soft_delete if deleted else restore)(db, table, record_id)


def set_links(
    db: Db, table: str, owner_col: str, owner_id: str, target_col: str, targets: Iterable[str]
) -> None:
    db.execute(f"delete from [{table}] where [{owner_col}] = ?", [owner_id])
    db.conn.executemany(
        f"insert or ignore into [{table}] ([{owner_col}], [{target_col}]) values (?, ?)",
        [(owner_id, target) for target in targets],
    )
