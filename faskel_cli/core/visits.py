"""Visits (kunjungan): the facilitator's logbook entries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from faskel_cli.core import audit, clock, facilitators, followups, lkk, records, regions
from faskel_cli.core.dates import parse_date, parse_duration
from faskel_cli.core.errors import ConflictError, InputError
from faskel_cli.core.followups import ProblemInput
from faskel_cli.core.ids import new_id, resolve_id
from faskel_cli.core.store import get_setting, transaction
from faskel_cli.core.vocab import (
    MAX_LIST_ROWS,
    MAX_PARTICIPANTS,
    STRANDS,
    VISIT_KINDS,
    clean_text,
    pick,
)

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

_SELECT = (
    "select v.id, v.ref, v.date, v.kelurahan_kode, k.nama, c.nama, f.handle, v.kind, v.strand, "
    "(select json_group_array(name) from (select l.name from visit_lkk vl join lkk l "
    "on l.id = vl.lkk_id where vl.visit_id = v.id order by l.name)), "
    "v.male, v.female, v.duration_minutes, v.notes, v.created_at, v.updated_at "
    "from visits v join regions k on k.kode = v.kelurahan_kode "
    "join regions c on c.kode = k.parent_kode join facilitators f on f.id = v.facilitator_id"
)
KEYS = [
    "id",
    "ref",
    "date",
    "kelurahan_kode",
    "kelurahan",
    "kecamatan",
    "facilitator",
    "kind",
    "strand",
    "lkk",
    "male",
    "female",
    "duration_minutes",
    "notes",
    "created_at",
    "updated_at",
]


def _out(row: Sequence[Any]) -> dict:
    item = dict(zip(KEYS, row, strict=True))
    item["lkk"] = json.loads(item["lkk"]) if item["lkk"] else []
    return item


def get(db: Db, visit_id: str) -> dict:
    return _out(db.execute(_SELECT + " where v.id = ?", [visit_id]).fetchone())


def resolve(db: Db, ref: str, *, include_deleted: bool = True) -> str:
    return resolve_id(db, "visits", ref, entity="kunjungan", include_deleted=include_deleted)


def parse_count(value: object, option: str) -> int:
    if value is None or value == "":
        return 0
    text = str(value).strip()
    digits = text[1:] if text.startswith("-") else text
    if not (digits.isascii() and digits.isdigit()):
        raise InputError("err.count_format", option=option, value=value)
    if len(digits.lstrip("0")) > len(str(MAX_PARTICIPANTS)):
        raise InputError("err.count_too_big", option=option, value=value, max=MAX_PARTICIPANTS)
    number = int(text)
    if number < 0:
        raise InputError("err.count_negative", option=option, value=value)
    if number > MAX_PARTICIPANTS:
        raise InputError("err.count_too_big", option=option, value=value, max=MAX_PARTICIPANTS)
    return number


@dataclass
class VisitInput:
    """What a user typed for a visit; None means "not given" (for edits)."""

    date: str | None = None
    kelurahan: str | None = None
    facilitator: str | None = None
    kind: str | None = None
    strand: str | None = None
    lkk: list[str] | None = None
    male: str | int | None = None
    female: str | int | None = None
    duration: str | int | None = None
    notes: str | None = None
    activity: str | None = None


def missing_for_add(data: VisitInput, db: Db) -> list[str]:
    missing = []
    if not data.kelurahan:
        missing.append("--kelurahan")
    if not data.facilitator and not get_setting(db, "me"):
        missing.append("--facilitator")
    if not data.kind:
        missing.append("--kind")
    if not data.strand:
        missing.append("--strand")
    return missing


def _activity_for(db: Db, ref: str, kelurahan_kode: str) -> str:
    activity_id = resolve_id(db, "activities", ref, entity="kegiatan", include_deleted=False)
    kode = db.execute(
        "select kelurahan_kode from activities where id = ?", [activity_id]
    ).fetchone()[0]
    regions.require_same_kelurahan(db, kelurahan_kode, kode, "activity", ref)
    return activity_id


def _validated(db: Db, data: VisitInput, base: dict | None = None) -> tuple[dict, list[str], list]:
    """Resolve every reference and check every rule; returns (row, lkk ids, warnings as
    (message key, params) pairs). `base` is the stored visit when editing."""
    base = base or {}
    warnings: list[tuple[str, dict]] = []
    kel = regions.kelurahan(
        db, data.kelurahan if data.kelurahan is not None else base["kelurahan_kode"]
    )
    visit_date: date = (
        parse_date(data.date)
        if data.date is not None
        else date.fromisoformat(base["date"])
        if base
        else clock.today(kel.kode)  # the village's date (the nation spans three zones)
    )
    if data.facilitator is not None or not base:
        handle = data.facilitator or get_setting(db, "me")
        person = facilitators.resolve(db, handle)
    else:
        person = facilitators.get(db, base["facilitator_id"])
    kind = pick(data.kind, VISIT_KINDS, option="--kind") if data.kind is not None else base["kind"]
    strand = (
        pick(data.strand, STRANDS, option="--strand") if data.strand is not None else base["strand"]
    )
    if data.lkk is not None:
        lkk_ids = lkk.ids_by_names(db, kel, data.lkk)
    else:
        lkk_ids = base.get("lkk_ids", [])
        if base and kel.kode != base["kelurahan_kode"] and lkk_ids:
            raise InputError("err.lkk_kelurahan_changed", kelurahan=kel.nama)
    male = parse_count(data.male, "--male") if data.male is not None else base.get("male", 0)
    female = (
        parse_count(data.female, "--female") if data.female is not None else base.get("female", 0)
    )
    duration = (
        parse_duration(data.duration) if data.duration is not None else base.get("duration_minutes")
    )
    notes = (
        clean_text(data.notes, "--notes", required=False)
        if data.notes is not None
        else base.get("notes")
    )
    if data.activity is not None:
        activity_id = _activity_for(db, data.activity, kel.kode) if data.activity else None
    else:
        activity_id = base.get("activity_id")
        if activity_id and kel.kode != base["kelurahan_kode"]:
            _activity_for(db, activity_id, kel.kode)
    if kel.kode not in person["kelurahan"]:
        warnings.append(("warn.not_assigned", {"handle": person["handle"], "kelurahan": kel.nama}))
    # Every value was checked above, by the rules of core/rules.py (as a bundle's are);
    # no model is built on top: pydantic costs a typed visit more than its whole write.
    row = {
        "date": visit_date.isoformat(),
        "kelurahan_kode": kel.kode,
        "facilitator_id": person["id"],
        "kind": kind,
        "strand": strand,
        "male": male,
        "female": female,
        "duration_minutes": duration,
        "notes": notes,
        "activity_id": activity_id,
    }
    return row, list(lkk_ids), warnings


def problems_from_options(
    problems: Sequence[str],
    followups: Sequence[str],
    dues: Sequence[str],
    owners: Sequence[str],
) -> list[ProblemInput]:
    """Pair each --problem with its --followup (and --due/--owner) in the order given."""
    if len(followups) > len(problems):
        raise InputError("err.followup_without_problem")
    if len(problems) > len(followups):
        raise InputError("err.problem_without_followup")
    if len(dues) > len(problems) or len(owners) > len(problems):
        raise InputError("err.due_without_problem")
    return [
        ProblemInput(
            p, a, dues[i] if i < len(dues) else None, owners[i] if i < len(owners) else None
        )
        for i, (p, a) in enumerate(zip(problems, followups, strict=True))
    ]


def validate(db: Db, data: VisitInput) -> tuple[dict, list[str], list]:
    """The checks of `visit add` for another way in (core/sheet_import.py): the row to
    `insert`, its LKK ids and the warnings, or the InputError/NotFoundError of `add`."""
    return _validated(db, data)


def get_many(db: Db, visit_ids: Sequence[str]) -> list[dict]:
    """`get` of each id, in their order, with one query."""
    marks = ", ".join("?" for _ in visit_ids)
    found = {
        item["id"]: item
        for item in map(_out, db.execute(_SELECT + f" where v.id in ({marks})", list(visit_ids)))
    }
    return [found[visit_id] for visit_id in visit_ids]


def insert_many(db: Db, visits: Sequence[tuple[dict, list[str]]]) -> list[str]:
    """Write visits `validate` made (each a row and its LKK ids), each audited as `add`
    audits one, with one statement per table; returns their new ids."""
    if not visits:
        return []
    ids = [new_id() for _ in visits]
    with transaction(db):
        records.insert_many(
            db,
            "visits",
            [{"id": visit_id, **row} for visit_id, (row, _) in zip(ids, visits, strict=True)],
        )
        db.conn.executemany(
            "insert or ignore into visit_lkk (visit_id, lkk_id) values (?, ?)",
            [
                (visit_id, target)
                for visit_id, (_, targets) in zip(ids, visits, strict=True)
                for target in targets
            ],
        )
        audit.record_many(
            db,
            "create",
            "visit",
            [(i, None, after) for i, after in zip(ids, get_many(db, ids), strict=True)],
        )
    return ids


def insert(db: Db, row: dict, lkk_ids: list[str]) -> str:
    """Write a visit `validate` made, audited; returns its new id."""
    return insert_many(db, [(row, lkk_ids)])[0]


# What `add` does when the database already holds the same visit (`duplicate_of`):
# "refuse" (a ConflictError naming it), "warn" (add it, with a warning) or "allow".
DUPLICATES = ("refuse", "warn", "allow")


def duplicate_of(db: Db, row: dict, lkk_ids: Sequence[str]) -> str | None:
    """The id of a live visit holding exactly what `row` holds (date, kelurahan,
    facilitator, kind, strand, participants, duration, notes, activity and LKK): the same
    visit typed twice. Two visits that differ in anything at all are two visits."""
    found = db.execute(
        "select id from visits where deleted_at is null and date = ? and kelurahan_kode = ? "
        "and facilitator_id = ? and kind = ? and strand = ? and male = ? and female = ? "
        "and duration_minutes is ? and notes is ? and activity_id is ? order by id",
        [
            row["date"],
            row["kelurahan_kode"],
            row["facilitator_id"],
            row["kind"],
            row["strand"],
            row["male"],
            row["female"],
            row["duration_minutes"],
            row["notes"],
            row["activity_id"],
        ],
    ).fetchall()
    for (visit_id,) in found:
        linked = db.execute("select lkk_id from visit_lkk where visit_id = ?", [visit_id])
        if {r[0] for r in linked.fetchall()} == set(lkk_ids):
            return str(visit_id)
    return None


def add(
    db: Db,
    data: VisitInput,
    problems: list[ProblemInput] | None = None,
    *,
    duplicates: str = "allow",
) -> tuple[dict, list]:
    """Log a visit (and the follow-ups of its problems); `duplicates` says what to do when
    the same visit is there already (DUPLICATES)."""
    row, lkk_ids, warnings = _validated(db, data)
    if duplicates != "allow":
        same = duplicate_of(db, row, lkk_ids)
        if same and duplicates == "refuse":
            raise ConflictError("err.visit_duplicate", id=same)
        if same:
            warnings.append(("warn.visit_duplicate", {"id": same}))
    with transaction(db):
        visit_id = insert(db, row, lkk_ids)
        if problems:
            followups.add_for_visit(db, visit_id, problems)
    return get(db, visit_id), warnings


def _base(db: Db, visit_id: str) -> dict:
    base = records.row_or_raise(db, "visits", visit_id)
    base["lkk_ids"] = [
        r[0]
        for r in db.execute(
            "select lkk_id from visit_lkk where visit_id = ?", [visit_id]
        ).fetchall()
    ]
    return base


def edit(db: Db, ref: str, data: VisitInput) -> tuple[dict, list]:
    visit_id = resolve(db, ref)
    base = _base(db, visit_id)
    if base["deleted_at"]:
        raise ConflictError("err.visit_deleted", id=visit_id)
    given = [
        f
        for f in (
            "date",
            "kelurahan",
            "facilitator",
            "kind",
            "strand",
            "lkk",
            "male",
            "female",
            "duration",
            "notes",
            "activity",
        )
        if getattr(data, f) is not None
    ]
    if not given:
        raise InputError("err.nothing_to_change")
    row, lkk_ids, warnings = _validated(db, data, base)
    if all(row[key] == base[key] for key in row) and set(lkk_ids) == set(base["lkk_ids"]):
        return get(db, visit_id), warnings  # what was typed is what is there: no write
    with transaction(db):
        with records.audited(db, "update", "visit", visit_id, lambda i: get(db, i)):
            records.update(db, "visits", visit_id, row)
            if lkk_ids != base["lkk_ids"]:
                records.set_links(db, "visit_lkk", "visit_id", visit_id, "lkk_id", lkk_ids)
        if row["kelurahan_kode"] != base["kelurahan_kode"]:
            # The visit was in another kelurahan: so were the problems met on it.
            moved = followups.move_with_visit(
                db, visit_id, base["kelurahan_kode"], row["kelurahan_kode"], row["activity_id"]
            )
            if moved:
                kel = regions.kelurahan(db, row["kelurahan_kode"])
                warnings.append(("warn.followups_moved", {"n": moved, "kelurahan": kel.nama}))
    return get(db, visit_id), warnings


def delete(db: Db, ref: str, *, with_followups: bool = False) -> dict:
    """Tombstone a visit; `with_followups`: its open follow-ups too (they get the visit's
    own deletion stamp, so that `restore` brings them back with it). Its follow-ups
    otherwise stay as they are (`followups.open_for_visit` lists the open ones)."""
    visit_id = resolve(db, ref)
    with transaction(db):
        records.set_deleted(
            db, "visits", "visit", visit_id, lambda i: _snapshot(db, i), deleted=True
        )
        if with_followups:
            stamp = records.row_or_raise(db, "visits", visit_id)["deleted_at"]
            followups.delete_with_visit(db, visit_id, stamp)
    return get(db, visit_id)


def restore(db: Db, ref: str) -> dict:
    """Bring a deleted visit back, with the follow-ups deleted together with it
    (`followups_deleted_with`)."""
    visit_id = resolve(db, ref)
    with transaction(db):
        stamp = records.row_or_raise(db, "visits", visit_id)["deleted_at"]
        records.set_deleted(
            db, "visits", "visit", visit_id, lambda i: _snapshot(db, i), deleted=False
        )
        followups.restore_with_visit(db, visit_id, stamp)
    return get(db, visit_id)


def followups_deleted_with(db: Db, ref: str) -> list[str]:
    """The ids of the follow-ups deleted together with a (deleted) visit: `restore` brings
    them back with it."""
    visit_id = resolve(db, ref)
    stamp = records.row_or_raise(db, "visits", visit_id)["deleted_at"]
    return followups.deleted_with_visit(db, visit_id, stamp)


def show(db: Db, ref: str) -> dict:
    """A visit (its JSON keys) with `deleted_at`, its `activity` ({id, title, stage} or
    None) and `followups` (the problems met on it, as `followups.for_visit` lists them)."""
    visit_id = resolve(db, ref)
    item = get(db, visit_id)
    stored = records.row_or_raise(db, "visits", visit_id)
    item["deleted_at"] = stored["deleted_at"]
    item["activity"] = None
    if stored["activity_id"]:
        found = db.execute(
            "select id, ref, title, stage, deleted_at from activities where id = ?",
            [stored["activity_id"]],
        ).fetchone()
        if found:
            item["activity"] = dict(
                zip(("id", "ref", "title", "stage", "deleted_at"), found, strict=True)
            )
    item["followups"] = followups.for_visit(db, visit_id)
    return item


def _snapshot(db: Db, visit_id: str) -> dict:
    item = get(db, visit_id)
    item["deleted_at"] = records.row_or_raise(db, "visits", visit_id)["deleted_at"]
    return item


@dataclass
class VisitFilter:
    kelurahan_kode: str | None = None
    kecamatan_kode: str | None = None
    facilitator_id: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int | None = None
    # Only the villages under a unit (its kode prefix, as `33.74.`; '' for every one): a
    # province's report of one kabupaten/kota.
    within: str = ""


def list_visits(db: Db, flt: VisitFilter) -> list[dict]:
    sql = _SELECT + " where v.deleted_at is null"
    params: list = []
    for column, value in (
        ("v.kelurahan_kode", flt.kelurahan_kode),
        ("k.parent_kode", flt.kecamatan_kode),
        ("v.facilitator_id", flt.facilitator_id),
        ("v.kind", flt.kind),
    ):
        if value:
            sql += f" and {column} = ?"
            params.append(value)
    if flt.within:
        sql += " and v.kelurahan_kode like ?"
        params.append(flt.within + "%")
    if flt.since:
        sql += " and v.date >= ?"
        params.append(flt.since)
    if flt.until:
        sql += " and v.date <= ?"
        params.append(flt.until)
    sql += " order by v.date desc, v.created_at desc"
    if flt.limit is not None:
        if not 1 <= flt.limit <= MAX_LIST_ROWS:
            raise InputError("err.limit_range", value=flt.limit, max=MAX_LIST_ROWS)
        sql += f" limit {int(flt.limit)}"
    return [_out(r) for r in db.execute(sql, params).fetchall()]
