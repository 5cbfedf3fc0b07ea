"""Activities (kegiatan) of a kelurahan, accompanied through four stages in order:
perencanaan -> pelaksanaan -> pertanggungjawaban -> evaluasi.

Every stage move is an event row in activity_stages (never updated); the activity row
keeps its current `stage`/`stage_since` in step with the latest event."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from faskel_cli.core import clock, lkk, money, records, regions, rules
from faskel_cli.core.errors import ConflictError, InputError
from faskel_cli.core.ids import new_id, resolve_id
from faskel_cli.core.store import transaction
from faskel_cli.core.vocab import ACTIVITY_TYPES, STAGE_ALIASES, STAGES, pick

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# The JSON of an activity: these keys, in this order (a public interface).
KEYS = [
    "id",
    "ref",
    "kelurahan_kode",
    "kelurahan",
    "kecamatan",
    "title",
    "type",
    "funding",
    "budget",
    "spent",
    "stage",
    "stage_since",
    "stages",
    "lkk",
    "created_at",
    "updated_at",
]

_SELECT = (
    "select a.id, a.ref, a.kelurahan_kode, k.nama, c.nama, a.title, a.type, a.funding, a.budget, "
    "a.spent, a.stage, a.stage_since, "
    "(select json_group_array(json_object('stage', stage, 'date', date, 'note', note)) "
    "from (select stage, date, note from activity_stages where activity_id = a.id "
    "and deleted_at is null order by seq)), "
    "(select json_group_array(name) from (select l.name from activity_lkk al join lkk l "
    "on l.id = al.lkk_id where al.activity_id = a.id order by l.name)), "
    "a.created_at, a.updated_at, a.start_date, a.deleted_at "
    "from activities a join regions k on k.kode = a.kelurahan_kode "
    "join regions c on c.kode = k.parent_kode"
)


def _out(row: Sequence[Any]) -> dict:
    item = dict(zip([*KEYS, "start_date", "deleted_at"], row, strict=True))
    item["stages"] = json.loads(item["stages"]) if item["stages"] else []
    item["lkk"] = json.loads(item["lkk"]) if item["lkk"] else []
    return item


def public(item: dict) -> dict:
    """Only the keys of an activity's JSON, in their order."""
    return {key: item[key] for key in KEYS}


def _full(db: Db, activity_id: str) -> dict:
    return _out(db.execute(_SELECT + " where a.id = ?", [activity_id]).fetchone())


def get(db: Db, activity_id: str) -> dict:
    return public(_full(db, activity_id))


def _snapshot(db: Db, activity_id: str) -> dict:
    item = _full(db, activity_id)
    return {**public(item), "start_date": item["start_date"], "deleted_at": item["deleted_at"]}


def resolve(db: Db, ref: str, *, include_deleted: bool = True) -> str:
    return resolve_id(db, "activities", ref, entity="kegiatan", include_deleted=include_deleted)


def parse_stage(value: str, option: str = "--stage") -> str:
    return pick(value, STAGES, option=option, aliases=STAGE_ALIASES)


def add(
    db: Db,
    *,
    kelurahan: str,
    title: str,
    activity_type: str,
    start: str | None = None,
    funding: str | None = None,
    budget: object = None,
    lkk_names: Iterable[str] = (),
) -> dict:
    """Start an activity in stage perencanaan on `start` (default today)."""
    kel = regions.kelurahan(db, kelurahan)
    title = rules.text("activities", "title", title, "--title")
    activity_type = pick(activity_type, ACTIVITY_TYPES, option="--type")
    start_date = (
        rules.day("activities", "start_date", start, "--date") if start else clock.today(kel.kode)
    )
    funding = rules.optional_text("activities", "funding", funding, "--funding")
    budget = money.parse_optional(budget, "--budget")
    lkk_ids = lkk.ids_by_names(db, kel, lkk_names)
    activity_id = new_id()
    day = start_date.isoformat()
    with transaction(db):
        with records.audited(db, "create", "activity", activity_id, lambda i: _snapshot(db, i)):
            records.insert(
                db,
                "activities",
                {
                    "id": activity_id,
                    "kelurahan_kode": kel.kode,
                    "title": title,
                    "type": activity_type,
                    "funding": funding,
                    "budget": budget,
                    "spent": None,
                    "start_date": day,
                    "stage": STAGES[0],
                    "stage_since": day,
                },
            )
            records.insert(
                db,
                "activity_stages",
                {
                    "id": new_id(),
                    "activity_id": activity_id,
                    "seq": 0,
                    "stage": STAGES[0],
                    "date": day,
                    "note": None,
                    "spent": None,
                },
            )
            records.set_links(db, "activity_lkk", "activity_id", activity_id, "lkk_id", lkk_ids)
    return get(db, activity_id)


def edit(
    db: Db,
    ref: str,
    *,
    title: str | None = None,
    activity_type: str | None = None,
    funding: str | None = None,
    budget: object = None,
    lkk_names: Iterable[str] | None = None,
) -> dict:
    """Correct what was typed about an activity. Its kelurahan stays (visits point at it);
    its stages move only through `advance`, where every move is kept."""
    row = _live(db, ref)
    changes: dict = {}
    if title is not None:
        changes["title"] = rules.text("activities", "title", title, "--title")
    if activity_type is not None:
        changes["type"] = pick(activity_type, ACTIVITY_TYPES, option="--type")
    if funding is not None:
        changes["funding"] = rules.optional_text("activities", "funding", funding, "--funding")
    if budget is not None:
        changes["budget"] = money.parse_optional(budget, "--budget")
    lkk_ids = None
    if lkk_names is not None:
        lkk_ids = lkk.ids_by_names(db, regions.kelurahan(db, row["kelurahan_kode"]), lkk_names)
    if not changes and lkk_ids is None:
        raise InputError("err.nothing_to_change")
    linked = {
        r[0]
        for r in db.execute(
            "select lkk_id from activity_lkk where activity_id = ?", [row["id"]]
        ).fetchall()
    }
    if all(row[key] == value for key, value in changes.items()) and (
        lkk_ids is None or set(lkk_ids) == linked
    ):
        return get(db, row["id"])  # already so: nothing written, nothing in the history
    with transaction(db):
        with records.audited(db, "update", "activity", row["id"], lambda i: _snapshot(db, i)):
            if lkk_ids is not None:
                records.set_links(db, "activity_lkk", "activity_id", row["id"], "lkk_id", lkk_ids)
            records.update(db, "activities", row["id"], changes)
    return get(db, row["id"])


def _live(db: Db, ref: str) -> dict:
    activity_id = resolve(db, ref)
    row = records.row_or_raise(db, "activities", activity_id)
    if row["deleted_at"]:
        raise ConflictError("err.activity_deleted", id=activity_id)
    return row


def advance(
    db: Db,
    ref: str,
    *,
    to: str | None = None,
    on: str | None = None,
    note: str | None = None,
    spent: object = None,
    force: bool = False,
) -> tuple[dict, list]:
    """Move an activity to its next stage (or, with force and a note, to any other stage).
    Returns (activity, warnings)."""
    with transaction(db):  # read and write under one lock: no move is lost between them
        return _advance(db, ref, to, on, note, spent, force)


def _advance(
    db: Db,
    ref: str,
    to: str | None,
    on: str | None,
    note: str | None,
    spent: object,
    force: bool,
) -> tuple[dict, list]:
    row = _live(db, ref)
    activity_id = row["id"]
    current = STAGES.index(row["stage"])
    if to is None:
        if current == len(STAGES) - 1:
            raise ConflictError("err.activity_finished", id=activity_id, stage=row["stage"])
        target = current + 1
    else:
        target = STAGES.index(parse_stage(to, "--to"))
    stage = STAGES[target]
    if target == current:
        raise InputError("err.stage_same", stage=stage)
    note = rules.optional_text("activity_stages", "note", note, "--note")
    if target != current + 1:
        key = "err.stage_back" if target < current else "err.stage_skip"
        if not force:
            raise InputError(key, current=row["stage"], stage=stage, next=_next(current))
        if not note:
            raise InputError("err.stage_force_note", current=row["stage"], stage=stage)
    day = rules.day("activity_stages", "date", on, "--date") if on else clock.today()
    if day < date.fromisoformat(row["stage_since"]):
        raise InputError(
            "err.stage_date_before",
            stage=stage,
            date=day.isoformat(),
            previous=row["stage"],
            previous_date=row["stage_since"],
        )
    amount = money.parse_optional(spent, "--spent")
    if amount is not None and stage != "pertanggungjawaban":
        raise InputError("err.spent_stage", stage=stage)
    warnings = []
    if amount is not None and row["budget"] is not None and amount > row["budget"]:
        warnings.append(
            (
                "warn.spent_over_budget",
                {
                    "spent": money.format_rupiah(amount),
                    "budget": money.format_rupiah(row["budget"]),
                },
            )
        )
    seq = db.execute(
        "select coalesce(max(seq), -1) + 1 from activity_stages where activity_id = ?",
        [activity_id],
    ).fetchone()[0]
    with records.audited(db, "advance", "activity", activity_id, lambda i: _snapshot(db, i)):
        records.insert(
            db,
            "activity_stages",
            {
                "id": new_id(),
                "activity_id": activity_id,
                "seq": seq,
                "stage": stage,
                "date": day.isoformat(),
                "note": note,
                "spent": amount,
            },
        )
        changes: dict[str, str | int] = {"stage": stage, "stage_since": day.isoformat()}
        if amount is not None:
            changes["spent"] = amount
        records.update(db, "activities", activity_id, changes)
    return get(db, activity_id), warnings


def _next(index: int) -> str:
    return STAGES[index + 1] if index + 1 < len(STAGES) else "-"


def delete(db: Db, ref: str) -> dict:
    activity_id = resolve(db, ref)
    records.set_deleted(
        db, "activities", "activity", activity_id, lambda i: _snapshot(db, i), deleted=True
    )
    return get(db, activity_id)


def restore(db: Db, ref: str) -> dict:
    activity_id = resolve(db, ref)
    records.set_deleted(
        db, "activities", "activity", activity_id, lambda i: _snapshot(db, i), deleted=False
    )
    return get(db, activity_id)


def show(db: Db, ref: str) -> dict:
    """An activity with its timeline (spent per event) and the visits referencing it."""
    activity_id = resolve(db, ref)
    item = _full(db, activity_id)
    timeline = db.execute(
        "select seq, stage, date, note, spent from activity_stages "
        "where activity_id = ? and deleted_at is null order by seq",
        [activity_id],
    ).fetchall()
    cols = ["seq", "stage", "date", "note", "spent"]
    item["timeline"] = [dict(zip(cols, r, strict=True)) for r in timeline]
    visits = db.execute(
        "select v.id, v.ref, v.date, f.handle, v.kind, v.strand, v.notes from visits v "
        "join facilitators f on f.id = v.facilitator_id "
        "where v.activity_id = ? and v.deleted_at is null order by v.date, v.created_at",
        [activity_id],
    ).fetchall()
    cols = ["id", "ref", "date", "facilitator", "kind", "strand", "notes"]
    item["visits"] = [dict(zip(cols, r, strict=True)) for r in visits]
    return item


@dataclass
class ActivityFilter:
    kelurahan_kode: str | None = None
    kecamatan_kode: str | None = None
    stage: str | None = None
    activity_type: str | None = None
    stalled: bool = False
    as_of: date | None = None
    stall_days: int = 30
    # Only the villages under a unit (its kode prefix, as `33.74.`; '' for every one): a
    # province's report of one kabupaten/kota.
    within: str = ""


def list_activities(db: Db, flt: ActivityFilter) -> list[dict]:
    """Activities as of `flt.as_of` (default today): their stage then, since when and how
    many days in it. Each row has the JSON keys plus `days_in_stage` and `stalled`."""
    as_of = flt.as_of or clock.today()
    sql = _SELECT + " where a.deleted_at is null and a.start_date <= ?"
    params: list = [as_of.isoformat()]
    for column, value in (
        ("a.kelurahan_kode", flt.kelurahan_kode),
        ("k.parent_kode", flt.kecamatan_kode),
        ("a.type", flt.activity_type),
    ):
        if value:
            sql += f" and {column} = ?"
            params.append(value)
    if flt.within:
        sql += " and a.kelurahan_kode like ?"
        params.append(flt.within + "%")
    sql += " order by c.kode, k.nama, a.start_date, a.created_at"
    rows = []
    for found in db.execute(sql, params).fetchall():
        item = _out(found)
        # The stage as of E: the latest event dated E or before (dates never go back).
        stages = [s for s in item["stages"] if s["date"] <= as_of.isoformat()]
        if stages:
            item["stages"] = stages
            item["stage"] = stages[-1]["stage"]
            item["stage_since"] = stages[-1]["date"]
        days = (as_of - date.fromisoformat(item["stage_since"])).days
        row = public(item)
        row["days_in_stage"] = days
        row["stalled"] = item["stage"] != STAGES[-1] and days > flt.stall_days
        if flt.stage and row["stage"] != flt.stage:
            continue
        if flt.stalled and not row["stalled"]:
            continue
        rows.append(row)
    return rows


def load_sample_item(db: Db, item: dict) -> str:
    """One activity of data/sample.json:
    {"kelurahan", "title", "type", "date", "funding"?, "budget"?, "lkk"?: [names],
     "stages"?: [{"stage"?, "date", "note"?, "spent"?, "force"?}]} (each a move, in order)."""
    created = add(
        db,
        kelurahan=item["kelurahan"],
        title=item["title"],
        activity_type=item["type"],
        start=item.get("date"),
        funding=item.get("funding"),
        budget=item.get("budget"),
        lkk_names=item.get("lkk", []),
    )
    for move in item.get("stages", []):
        advance(
            db,
            created["id"],
            to=move.get("stage"),
            on=move.get("date"),
            note=move.get("note"),
            spent=move.get("spent"),
            force=bool(move.get("force")),
        )
    return created["id"]
