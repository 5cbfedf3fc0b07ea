"""Client-made, time-ordered ids (UUIDv7) and git-like unique prefixes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from faskel_cli.core.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

MIN_PREFIX = 6
_HEX = re.compile(r"^[0-9a-f-]+$")


def new_id() -> str:
    from uuid6 import uuid7

    return str(uuid7())


def short_device(device_id: str | None) -> str:
    """A device as people are shown it: the last 12 characters of its id (the random part
    of a UUIDv7; its start is the moment it was made, the same for laptops set up together).
    `faskel config get device_id` ends with them."""
    return (device_id or "?")[-12:]


def resolve_id(db: Db, table: str, ref: str, *, entity: str, include_deleted: bool = True) -> str:
    """The full id in `table` that `ref` names: a short reference (`kmr12`, core/refs.py),
    `terakhir`/`last` (the newest made on this database), a full id or a prefix of 6+
    characters. A reference or prefix matching several records is refused naming them."""
    from faskel_cli.core import refs

    if refs.is_last(ref):
        return refs.last(db, table, entity=entity, include_deleted=include_deleted)
    short = refs.parse(ref)
    if short is not None:
        return refs.find(db, table, short, entity=entity, include_deleted=include_deleted)
    raw = (ref or "").strip().lower()
    if not _HEX.match(raw):
        raise InputError("err.ref_format", ref=ref)
    if len(raw.replace("-", "")) < MIN_PREFIX:
        raise InputError("err.id_short", ref=ref, n=MIN_PREFIX)
    where = "" if include_deleted else " and deleted_at is null"
    if "-" in raw:
        sql = f"select id from [{table}] where id >= ? and id < ?{where} order by id limit 3"
        count = f"select count(*) from [{table}] where id >= ? and id < ?{where}"
        params = [raw, raw + "\uffff"]
    else:
        # Prefix typed without hyphens: compare against the id with hyphens removed.
        sql = (
            f"select id from [{table}] where replace(id, '-', '') like ?{where} order by id limit 3"
        )
        count = f"select count(*) from [{table}] where replace(id, '-', '') like ?{where}"
        params = [raw + "%"]
    found = [row[0] for row in db.execute(sql, params).fetchall()]
    if not found:
        raise NotFoundError("err.id_unknown", entity=entity, ref=ref)
    if len(found) > 1:
        n = db.execute(count, params).fetchone()[0]
        raise InputError("err.id_ambiguous", ref=ref, n=n, matches=", ".join(found))
    return found[0]
