"""The audit trail: every create, edit and delete, with before/after as JSON, who made it
and, for what came in a bundle, which bundle (file, device, sender)."""

from __future__ import annotations

import contextlib
import getpass
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.store import get_setting

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


# What the audit says was done, and to what: `faskel history` names each in words.
ACTIONS = (
    "create", "update", "delete", "restore", "advance", "done", "reopen", "import", "merge",
    "restamp",
)  # fmt: skip
ENTITIES = ("visit", "activity", "followup", "lkk", "facilitator", "setting")


def who(db: Db) -> str:
    """Who makes a change here: the `me` setting (a facilitator's handle); without it, this
    device and the operating-system user, which is all faskel knows."""
    me = get_setting(db, "me")
    if me:
        return me
    from faskel_cli.core.ids import short_device

    device = short_device(get_setting(db, "device_id"))
    try:
        user = getpass.getuser()
    except Exception:  # no user name in a minimal cron environment
        user = "unknown"
    return f"device {device} ({user})"


def record(
    db: Db,
    action: str,
    entity: str,
    entity_id: str,
    before: dict | None = None,
    after: dict | None = None,
    *,
    source: int | None = None,
) -> int:
    """One audit row; `source` is the audit row of the import a change came with (None:
    made here). Returns the new row's id."""
    cursor = db.execute(
        "insert into audit (at, who, action, entity, entity_id, before, after, device_id, "
        "source) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            clock.utc_stamp(),
            who(db),
            action,
            entity,
            entity_id,
            _json(before),
            _json(after),
            get_setting(db, "device_id"),
            source,
        ],
    )
    return int(cursor.lastrowid or 0)


def _json(value: dict | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def record_many(
    db: Db, action: str, entity: str, items: list[tuple[str, dict | None, dict | None]]
) -> None:
    """`record` of many (entity id, before, after), in one statement."""
    at, by, device = clock.utc_stamp(), who(db), get_setting(db, "device_id")

    def shown(value: dict | None) -> str | None:
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value is not None else None

    db.conn.executemany(
        "insert into audit (at, who, action, entity, entity_id, before, after, device_id) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (at, by, action, entity, entity_id, shown(before), shown(after), device)
            for entity_id, before, after in items
        ],
    )


def history(db: Db, ref: str) -> list[dict]:
    """Audit rows of the record whose short reference is `ref` (core/refs.py), the newest
    made here (`terakhir`/`last`), or whose id is `ref` or starts with it (6+ characters)."""
    from faskel_cli.core import refs
    from faskel_cli.core.errors import InputError, NotFoundError
    from faskel_cli.core.ids import MIN_PREFIX

    short = refs.parse(ref)
    if refs.is_last(ref):
        ids = [refs.last(db, "*", entity="id")]
    elif short is not None:
        ids = refs.any_kind(db, short)
        if len(ids) > 1:
            raise InputError("err.ref_ambiguous", ref=short, n=len(ids), matches=", ".join(ids[:3]))
    else:
        raw = (ref or "").strip().lower()
        if len(raw.replace("-", "")) < MIN_PREFIX:
            raise InputError("err.id_short", ref=ref, n=MIN_PREFIX)
        where = "from audit where entity_id like ? or replace(entity_id, '-', '') like ?"
        params = [raw + "%", raw.replace("-", "") + "%"]
        ids = [
            row[0]
            for row in db.execute(
                f"select distinct entity_id {where} order by entity_id limit 3", params
            ).fetchall()
        ]
        if len(ids) > 1:
            n = db.execute(f"select count(distinct entity_id) {where}", params).fetchone()[0]
            raise InputError("err.id_ambiguous", ref=ref, n=n, matches=", ".join(ids))
    if not ids:
        raise NotFoundError("err.id_unknown", entity="id", ref=ref)
    cols = ["at", "who", "action", "entity", "entity_id", "before", "after", "device_id"]
    rows = db.execute(
        f"select {', '.join(f'a.{c}' for c in cols)}, b.entity_id, b.after from audit a "
        "left join audit b on b.id = a.source where a.entity_id = ? order by a.id",
        [ids[0]],
    ).fetchall()
    shown = _ref_of(db, ids[0])
    out = []
    for row in rows:
        item = dict(zip(cols, row[: len(cols)], strict=True))
        item["ref"] = shown
        for key in ("before", "after"):
            item[key] = json.loads(item[key]) if item[key] else None
        item["source"] = _source(row[-2], row[-1])
        out.append(item)
    return out


def _ref_of(db: Db, record_id: str) -> str | None:
    """The short reference of a record of any kind (None for one that has none)."""
    from faskel_cli.core import refs

    for table in refs.TABLES:
        found = db.execute(f"select ref from [{table}] where id = ?", [record_id]).fetchone()
        if found:
            return found[0]
    return None


def _source(bundle: str | None, details: str | None) -> dict | None:
    """Where a change came from, as the audit row of its import tells: the bundle's file,
    device and sender, and its checksum."""
    if bundle is None:
        return None
    found = json.loads(details) if details else {}
    sender = found.get("sender") or {}
    return {
        "file": found.get("file"),
        "device": found.get("source_device"),
        "sender": sender.get("handle"),
        "sender_name": sender.get("name"),
        "bundle": bundle,
    }


def last_id(db: Db) -> int:
    """The number of the latest audit row (0 for none)."""
    row = db.execute("select max(id) from audit").fetchone()
    return int(row[0] or 0)


@dataclass
class Watched:
    """What `watch` saw: whether the writes inside it changed anything."""

    before: int
    changed: bool = False


@contextlib.contextmanager
def watch(db: Db) -> Iterator[Watched]:
    """Whether an edit changed anything: every change writes an audit row, and the core's
    edits write nothing (no row either) when everything asked is already so."""
    seen = Watched(last_id(db))
    yield seen
    seen.changed = last_id(db) != seen.before
