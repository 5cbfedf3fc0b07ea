"""LKK (Lembaga Kemasyarakatan Kelurahan): each belongs to one kelurahan, name unique in it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from faskel_cli.core import records, regions, rules
from faskel_cli.core.errors import ConflictError, InputError, NotFoundError
from faskel_cli.core.ids import new_id, resolve_id
from faskel_cli.core.store import transaction
from faskel_cli.core.vocab import LKK_TYPES, pick

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

_SELECT = (
    "select l.id, l.ref, l.kelurahan_kode, k.nama, l.type, l.name, l.created_at, l.updated_at "
    "from lkk l join regions k on k.kode = l.kelurahan_kode"
)
_KEYS = ["id", "ref", "kelurahan_kode", "kelurahan", "type", "name", "created_at", "updated_at"]


def get(db: Db, lkk_id: str) -> dict:
    found = db.execute(_SELECT + " where l.id = ?", [lkk_id]).fetchone()
    if found is None:
        raise NotFoundError("err.id_unknown", entity="LKK", ref=lkk_id)
    return dict(zip(_KEYS, found, strict=True))


def _clean_name(name: str) -> str:
    return rules.name("lkk", "name", name)


def _name_taken(db: Db, kelurahan_kode: str, name: str, except_id: str | None = None) -> bool:
    return bool(
        db.execute(
            "select 1 from lkk where kelurahan_kode = ? and name = ? collate nocase "
            "and deleted_at is null and id != ?",
            [kelurahan_kode, name, except_id or ""],
        ).fetchone()
    )


def add(db: Db, kelurahan: str, lkk_type: str, name: str) -> dict:
    kel = regions.kelurahan(db, kelurahan)
    lkk_type = pick(lkk_type, LKK_TYPES, option="--type")
    name = _clean_name(name)
    with transaction(db):
        if _name_taken(db, kel.kode, name):
            raise ConflictError("err.lkk_taken", name=name, kelurahan=kel.nama)
        lkk_id = new_id()
        with records.audited(db, "create", "lkk", lkk_id, lambda i: get(db, i)):
            records.insert(
                db,
                "lkk",
                {"id": lkk_id, "kelurahan_kode": kel.kode, "type": lkk_type, "name": name},
            )
    return get(db, lkk_id)


def list_all(
    db: Db,
    *,
    kelurahan_kode: str | None = None,
    kecamatan_kode: str | None = None,
    lkk_type: str | None = None,
) -> list[dict]:
    sql = _SELECT + " where l.deleted_at is null"
    params: list = []
    if kelurahan_kode:
        sql += " and l.kelurahan_kode = ?"
        params.append(kelurahan_kode)
    if kecamatan_kode:
        sql += " and k.parent_kode = ?"
        params.append(kecamatan_kode)
    if lkk_type:
        sql += " and l.type = ?"
        params.append(pick(lkk_type, LKK_TYPES, option="--type"))
    sql += " order by l.kelurahan_kode, l.type, l.name"
    return [dict(zip(_KEYS, r, strict=True)) for r in db.execute(sql, params).fetchall()]


def by_name(db: Db, kelurahan_kode: str, kelurahan_nama: str, name: str) -> str:
    """The id of the live LKK called `name` in this kelurahan; else an error naming the
    closest LKK of the kelurahan, or the kelurahan the name does belong to."""
    clean = " ".join((name or "").split())
    found = db.execute(
        "select id from lkk where kelurahan_kode = ? and name = ? collate nocase "
        "and deleted_at is null",
        [kelurahan_kode, clean],
    ).fetchone()
    if found:
        return found[0]
    elsewhere = db.execute(
        "select k.nama from lkk l join regions k on k.kode = l.kelurahan_kode "
        "where l.name = ? collate nocase and l.deleted_at is null limit 1",
        [clean],
    ).fetchone()
    if elsewhere:
        raise InputError(
            "err.lkk_other_kelurahan", name=clean, kelurahan=kelurahan_nama, other=elsewhere[0]
        )
    names = [
        r[0]
        for r in db.execute(
            "select name from lkk where kelurahan_kode = ? and deleted_at is null", [kelurahan_kode]
        ).fetchall()
    ]
    lowered = {n.lower(): n for n in names}
    close = [
        lowered[c] for c in difflib.get_close_matches(clean.lower(), list(lowered), n=3, cutoff=0.3)
    ]
    raise NotFoundError(
        "err.lkk_unknown", name=clean, kelurahan=kelurahan_nama, matches=", ".join(close) or "-"
    )


def ids_by_names(db: Db, kel: regions.Region, names: Iterable[str] | None) -> list[str]:
    """The ids of the LKK `names` of kelurahan `kel`, each once, in the order given."""
    ids: list[str] = []
    for name in names or ():
        lkk_id = by_name(db, kel.kode, kel.nama, name)
        if lkk_id not in ids:
            ids.append(lkk_id)
    return ids


def resolve(db: Db, ref: str, kelurahan: str | None = None) -> dict:
    """An LKK by id prefix, or by name (with --kelurahan when the name is not unique)."""
    if kelurahan:
        kel = regions.kelurahan(db, kelurahan)
        try:
            return get(db, by_name(db, kel.kode, kel.nama, ref))
        except NotFoundError:
            pass
    try:
        return get(db, resolve_id(db, "lkk", ref, entity="LKK", include_deleted=False))
    except (InputError, NotFoundError):
        rows = db.execute(
            "select id from lkk where name = ? collate nocase and deleted_at is null",
            [" ".join(ref.split())],
        ).fetchall()
        if len(rows) == 1:
            return get(db, rows[0][0])
        if len(rows) > 1:
            raise InputError("err.lkk_name_ambiguous", name=ref) from None
        raise


def edit(
    db: Db,
    ref: str,
    *,
    kelurahan: str | None = None,
    name: str | None = None,
    lkk_type: str | None = None,
) -> dict:
    current = resolve(db, ref, kelurahan)
    changes = {}
    if name is not None:
        changes["name"] = _clean_name(name)
    if lkk_type is not None:
        changes["type"] = pick(lkk_type, LKK_TYPES, option="--type")
    if not changes:
        raise InputError("err.nothing_to_change")
    if all(current[key] == value for key, value in changes.items()):
        return current  # already so: nothing written, nothing in the history
    with transaction(db):
        if "name" in changes and _name_taken(
            db, current["kelurahan_kode"], changes["name"], current["id"]
        ):
            raise ConflictError(
                "err.lkk_taken", name=changes["name"], kelurahan=current["kelurahan"]
            )
        with records.audited(db, "update", "lkk", current["id"], lambda i: get(db, i)):
            records.update(db, "lkk", current["id"], changes)
    return get(db, current["id"])


def remove(db: Db, ref: str, *, kelurahan: str | None = None) -> dict:
    current = resolve(db, ref, kelurahan)
    with transaction(db):
        with records.audited(
            db, "delete", "lkk", current["id"], lambda i: records.row(db, "lkk", i)
        ):
            records.soft_delete(db, "lkk", current["id"])
    return current
