"""The audit trail: every create, edit and delete, with before/after as JSON."""

from __future__ import annotations

import getpass
import json
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.store import get_setting

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


def who(db: Db) -> str:
    me = get_setting(db, "me")
    if me:
        return me
    try:
        return getpass.getuser()
    except Exception:  # no user name in a minimal cron environment
        return "unknown"


def record(
    db: Db,
    action: str,
    entity: str,
    entity_id: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    db.execute(
        "insert into audit (at, who, action, entity, entity_id, before, after, device_id) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            clock.utc_stamp(),
            who(db),
            action,
            entity,
            entity_id,
            json.dumps(before, ensure_ascii=False, sort_keys=True) if before is not None else None,
            json.dumps(after, ensure_ascii=False, sort_keys=True) if after is not None else None,
            get_setting(db, "device_id"),
        ],
    )


def history(db: Db, ref: str) -> list[dict]:
    """Audit rows of the record whose id is `ref` or starts with it (6+ characters)."""
    from faskel_cli.core.errors import InputError, NotFoundError
    from faskel_cli.core.ids import MIN_PREFIX

    raw = (ref or "").strip().lower()
    if len(raw.replace("-", "")) < MIN_PREFIX:
        raise InputError("err.id_short", ref=ref, n=MIN_PREFIX)
    ids = [
        row[0]
        for row in db.execute(
            "select distinct entity_id from audit where entity_id like ? "
            "or replace(entity_id, '-', '') like ? limit 4",
            [raw + "%", raw.replace("-", "") + "%"],
        ).fetchall()
    ]
    if not ids:
        raise NotFoundError("err.id_unknown", entity="id", ref=ref)
    if len(ids) > 1:
        raise InputError("err.id_ambiguous", ref=ref, n=len(ids), matches=", ".join(ids[:3]))
    rows = db.execute(
        "select at, who, action, entity, entity_id, before, after from audit "
        "where entity_id = ? order by id",
        [ids[0]],
    ).fetchall()
    cols = ["at", "who", "action", "entity", "entity_id", "before", "after"]
    out = []
    for row in rows:
        item = dict(zip(cols, row, strict=True))
        item["before"] = json.loads(item["before"]) if item["before"] else None
        item["after"] = json.loads(item["after"]) if item["after"] else None
        out.append(item)
    return out


def last_id(db: Db) -> int:
    """The number of the latest audit row (0 for none): an edit that leaves it unchanged
    wrote nothing (core edits skip writing what is already so)."""
    row = db.execute("select max(id) from audit").fetchone()
    return int(row[0] or 0)
