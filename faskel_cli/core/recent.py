"""A facilitator's own recent work, as the guided entry offers it: the defaults of its
questions (the kelurahan and kind of the last visit, ...) and the lists it numbers (her
kelurahan first, the LKK and current activities of a kelurahan). Only queries: nothing
here writes, and nothing here is applied without being shown (cli/guided.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from faskel_cli.core import facilitators, regions
from faskel_cli.core.store import get_setting
from faskel_cli.core.vocab import STAGES

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass(frozen=True)
class LastVisit:
    """What the facilitator's most recently logged live visit held."""

    kelurahan_kode: str
    kelurahan: str
    kind: str
    strand: str
    duration_minutes: int | None


def me(db: Db) -> dict | None:
    """The facilitator of this laptop (`faskel config set me HANDLE`), when set and known."""
    handle = get_setting(db, "me")
    if not handle:
        return None
    found = db.execute(
        "select id from facilitators where handle = ? and deleted_at is null", [handle]
    ).fetchone()
    return facilitators.get(db, found[0]) if found else None


def last_visit(db: Db, facilitator_id: str | None) -> LastVisit | None:
    """The facilitator's visit logged last (the newest typed, whatever its date)."""
    if not facilitator_id:
        return None
    found = db.execute(
        "select v.kelurahan_kode, k.nama, v.kind, v.strand, v.duration_minutes from visits v "
        "join regions k on k.kode = v.kelurahan_kode "
        "where v.facilitator_id = ? and v.deleted_at is null "
        "order by v.created_at desc, v.date desc, v.id desc limit 1",
        [facilitator_id],
    ).fetchone()
    return LastVisit(*found) if found else None


def last_activity(db: Db) -> tuple[str, str, str] | None:
    """(kelurahan kode, kelurahan name, type) of the activity started last on this database."""
    found = db.execute(
        "select a.kelurahan_kode, k.nama, a.type from activities a "
        "join regions k on k.kode = a.kelurahan_kode where a.deleted_at is null "
        "order by a.created_at desc, a.id desc limit 1"
    ).fetchone()
    return (found[0], found[1], found[2]) if found else None


def own_kelurahan(db: Db, facilitator: dict | None) -> list[regions.Region]:
    """The kelurahan a facilitator is assigned to, by name; none without a facilitator."""
    if not facilitator or not facilitator["kelurahan"]:
        return []
    kodes = list(facilitator["kelurahan"])
    marks = ", ".join("?" for _ in kodes)
    rows = db.execute(
        f"select kode, nama, parent_kode from regions where kode in ({marks}) "
        "and level = 'kelurahan' order by nama, kode",
        kodes,
    ).fetchall()
    return [regions.Region(kode, nama, "kelurahan", parent) for kode, nama, parent in rows]


def kelurahan_names(db: Db) -> list[str]:
    """Every kelurahan of the area, by name (what a near spelling is matched against)."""
    rows = db.execute("select nama from regions where level = 'kelurahan' order by nama")
    return [r[0] for r in rows.fetchall()]


def lkk_of(db: Db, kelurahan_kode: str) -> list[dict]:
    """The live LKK of a kelurahan ({id, type, name}), by name."""
    rows = db.execute(
        "select id, type, name from lkk where kelurahan_kode = ? and deleted_at is null "
        "order by name collate nocase, id",
        [kelurahan_kode],
    ).fetchall()
    return [dict(zip(("id", "type", "name"), r, strict=True)) for r in rows]


def current_activities(db: Db, kelurahan_kode: str, on: date) -> list[dict]:
    """The live activities of a kelurahan started by `on` ({id, title, stage}): those still
    under way first (by start), then those in evaluasi."""
    rows = db.execute(
        "select id, title, stage, start_date from activities "
        "where kelurahan_kode = ? and deleted_at is null and start_date <= ? "
        "order by stage = ?, start_date desc, created_at desc, id",
        [kelurahan_kode, on.isoformat(), STAGES[-1]],
    ).fetchall()
    return [dict(zip(("id", "title", "stage"), r[:3], strict=True)) for r in rows]


def active_facilitators(db: Db) -> list[dict]:
    """The active facilitators ({id, handle, name}), by handle: who may log a visit."""
    return [
        {"id": f["id"], "handle": f["handle"], "name": f["name"]} for f in facilitators.list_all(db)
    ]
