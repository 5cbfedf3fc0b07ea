"""Facilitators (faskel and koordinator) and the kelurahan they are assigned to."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from faskel_cli.core import records, regions, rules
from faskel_cli.core.errors import ConflictError, InputError, NotFoundError
from faskel_cli.core.ids import new_id
from faskel_cli.core.store import transaction
from faskel_cli.core.vocab import ROLES, pick

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

HANDLE = re.compile(rules.HANDLE_PATTERN)

# A facilitator's kelurahan are its own and those of the records merged into it (the same
# person made on another laptop: core/bundle/identity.py), as the view of m005 gives them.
_SELECT = (
    "select f.id, f.handle, f.name, f.role, f.phone, f.active, f.created_at, f.updated_at, "
    "(select json_group_array(kelurahan_kode) from (select kelurahan_kode from "
    "facilitator_assignments where facilitator_id = f.id order by kelurahan_kode)) as kelurahan "
    "from facilitators f"
)


def _out(row: Sequence[Any]) -> dict:
    import json

    keys = ["id", "handle", "name", "role", "phone", "active", "created_at", "updated_at"]
    item = dict(zip(keys, row[:8], strict=True))
    item["active"] = bool(item["active"])
    item["kelurahan"] = json.loads(row[8]) if row[8] else []
    return item


def get(db: Db, facilitator_id: str) -> dict:
    found = db.execute(_SELECT + " where f.id = ?", [facilitator_id]).fetchone()
    return _out(found)


def check_handle(handle: str) -> str:
    value = (handle or "").strip()
    if not HANDLE.match(value):
        raise InputError("err.handle_format", value=handle)
    return value


def resolve(db: Db, ref: str | None, *, active_only: bool = False) -> dict:
    """A facilitator by handle (any case); unknown lists the closest handles."""
    key = (ref or "").strip().lower().lstrip("@")
    found = db.execute(_SELECT + " where f.handle = ? and f.deleted_at is null", [key]).fetchone()
    if found is None:
        handles = [
            r[0]
            for r in db.execute(
                "select handle from facilitators where deleted_at is null"
            ).fetchall()
        ]
        close = difflib.get_close_matches(key, handles, n=3, cutoff=0.3)
        raise NotFoundError("err.facilitator_unknown", ref=ref, matches=", ".join(close) or "-")
    item = _out(found)
    if active_only and not item["active"]:
        raise ConflictError("err.facilitator_inactive", handle=item["handle"])
    return item


def _kelurahan_kodes(db: Db, refs: Iterable[str] | None) -> list[str]:
    kodes = []
    for ref in refs or []:
        kode = regions.kelurahan(db, ref).kode
        if kode not in kodes:
            kodes.append(kode)
    return kodes


def add(
    db: Db,
    name: str,
    handle: str,
    kelurahan: Iterable[str] = (),
    role: str = "faskel",
    phone: str | None = None,
) -> dict:
    name = rules.name("facilitators", "name", name)
    if handle != handle.strip().lower():
        raise InputError("err.handle_lower", value=handle)
    handle = check_handle(handle)
    role = pick(role, ROLES, option="--role")
    kodes = _kelurahan_kodes(db, kelurahan)
    with transaction(db):
        if db.execute(
            "select 1 from facilitators where handle = ? and deleted_at is null", [handle]
        ).fetchone():
            raise ConflictError("err.handle_taken", handle=handle)
        facilitator_id = new_id()
        with records.audited(db, "create", "facilitator", facilitator_id, lambda i: get(db, i)):
            records.insert(
                db,
                "facilitators",
                {
                    "id": facilitator_id,
                    "handle": handle,
                    "name": name,
                    "role": role,
                    "phone": rules.optional_text("facilitators", "phone", phone, "--phone"),
                    "active": 1,
                },
            )
            records.set_links(
                db,
                "facilitator_kelurahan",
                "facilitator_id",
                facilitator_id,
                "kelurahan_kode",
                kodes,
            )
    return get(db, facilitator_id)


def list_all(
    db: Db, *, include_inactive: bool = False, kelurahan_kode: str | None = None
) -> list[dict]:
    sql = _SELECT + " where f.deleted_at is null"
    params: list = []
    if not include_inactive:
        sql += " and f.active = 1"
    if kelurahan_kode:
        sql += (
            " and exists (select 1 from facilitator_assignments fk where "
            "fk.facilitator_id = f.id and fk.kelurahan_kode = ?)"
        )
        params.append(kelurahan_kode)
    sql += " order by f.handle"
    return [_out(r) for r in db.execute(sql, params).fetchall()]


def edit(
    db: Db,
    ref: str,
    *,
    name: str | None = None,
    new_handle: str | None = None,
    role: str | None = None,
    phone: str | None = None,
    kelurahan: Iterable[str] | None = None,
    add_kelurahan: Iterable[str] = (),
    remove_kelurahan: Iterable[str] = (),
    active: bool | None = None,
) -> dict:
    current = resolve(db, ref)
    changes: dict = {}
    if name is not None:
        changes["name"] = rules.name("facilitators", "name", name)
    if new_handle is not None:
        if new_handle != new_handle.strip().lower():
            raise InputError("err.handle_lower", value=new_handle)
        changes["handle"] = check_handle(new_handle)
    if role is not None:
        changes["role"] = pick(role, ROLES, option="--role")
    if phone is not None:
        changes["phone"] = rules.optional_text("facilitators", "phone", phone, "--phone")
    if active is not None:
        changes["active"] = 1 if active else 0
    kodes = None
    if kelurahan is not None or add_kelurahan or remove_kelurahan:
        kodes = list(current["kelurahan"]) if kelurahan is None else _kelurahan_kodes(db, kelurahan)
        for kode in _kelurahan_kodes(db, add_kelurahan):
            if kode not in kodes:
                kodes.append(kode)
        removed = set(_kelurahan_kodes(db, remove_kelurahan))
        kodes = [k for k in kodes if k not in removed]
    if not changes and kodes is None:
        raise InputError("err.nothing_to_change")
    stored = {**current, "active": int(current["active"])}
    if all(stored[key] == value for key, value in changes.items()) and (
        kodes is None or set(kodes) == set(current["kelurahan"])
    ):
        return current  # already so: nothing written, nothing in the history
    with transaction(db):
        if "handle" in changes and changes["handle"] != current["handle"]:
            if db.execute(
                "select 1 from facilitators where handle = ? and deleted_at is null",
                [changes["handle"]],
            ).fetchone():
                raise ConflictError("err.handle_taken", handle=changes["handle"])

        with records.audited(db, "update", "facilitator", current["id"], lambda i: get(db, i)):
            if kodes is not None:
                records.set_links(
                    db,
                    "facilitator_kelurahan",
                    "facilitator_id",
                    current["id"],
                    "kelurahan_kode",
                    kodes,
                )
                _hand_over_kelurahan(db, current["id"])
            records.update(db, "facilitators", current["id"], changes)
    return get(db, current["id"])


def _hand_over_kelurahan(db: Db, facilitator_id: str) -> None:
    """The list just set is the whole list: the records merged into this one keep theirs no
    more (each a new version, so that every database drops them too), else a kelurahan
    removed here would come back through them."""
    merged = [
        row[0]
        for row in db.execute(
            "with recursive merged (id) as ("
            "select id from facilitators where merged_into = ? and deleted_at is not null "
            "union select f.id from facilitators f join merged m on f.merged_into = m.id "
            "where f.deleted_at is not null) "
            "select id from merged where exists (select 1 from facilitator_kelurahan fk "
            "where fk.facilitator_id = merged.id) order by id",
            [facilitator_id],
        ).fetchall()
    ]
    for record_id in merged:
        with records.audited(db, "update", "facilitator", record_id, lambda i: get(db, i)):
            records.set_links(
                db, "facilitator_kelurahan", "facilitator_id", record_id, "kelurahan_kode", []
            )
            records.update(db, "facilitators", record_id, {})


def deactivate(db: Db, ref: str) -> dict:
    current = resolve(db, ref)
    if not current["active"]:
        raise ConflictError("err.facilitator_inactive", handle=current["handle"])
    return edit(db, ref, active=False)


def handles(db: Db) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "select handle from facilitators where deleted_at is null order by handle"
        ).fetchall()
    ]
