"""Follow-ups (tindak lanjut): each problem met gets an action, an owner and a due date,
and stays open until it is done.

"Open as of E" = problem_date <= E, not deleted, and (status 'open' or done after E);
"overdue as of E" = open as of E and due < E."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from faskel_cli.core import activities, audit, clock, facilitators, records, regions, rules
from faskel_cli.core.errors import ConflictError, InputError
from faskel_cli.core.ids import new_id, resolve_id
from faskel_cli.core.store import get_setting, transaction
from faskel_cli.core.vocab import clean_text

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass
class ProblemInput:
    """A problem met on a visit and what will be done about it (a follow-up)."""

    problem: str
    action: str
    due: str | None = None
    owner: str | None = None


# The JSON of a follow-up: these keys, in this order (a public interface).
KEYS = [
    "id",
    "ref",
    "kelurahan_kode",
    "kelurahan",
    "problem",
    "action",
    "due",
    "owner",
    "status",
    "done_date",
    "resolution",
    "visit_id",
    "activity_id",
    "visit_ref",
    "activity_ref",
    "created_at",
    "updated_at",
]
_EXTRA = ["problem_date", "kecamatan", "deleted_at"]

_SELECT = (
    "select f.id, f.ref, f.kelurahan_kode, k.nama, f.problem, f.action, f.due, o.handle, f.status, "
    "f.done_date, f.resolution, f.visit_id, f.activity_id, "
    "(select ref from visits where id = f.visit_id), "
    "(select ref from activities where id = f.activity_id), f.created_at, f.updated_at, "
    "f.problem_date, c.nama, f.deleted_at "
    "from followups f join regions k on k.kode = f.kelurahan_kode "
    "join regions c on c.kode = k.parent_kode "
    "left join facilitators o on o.id = f.owner_id"
)

STATUSES = ("open", "done", "overdue", "all")


def _out(row: Sequence[Any]) -> dict:
    return dict(zip([*KEYS, *_EXTRA], row, strict=True))


def public(item: dict) -> dict:
    return {key: item[key] for key in KEYS}


def _full(db: Db, followup_id: str) -> dict:
    return _out(db.execute(_SELECT + " where f.id = ?", [followup_id]).fetchone())


def get(db: Db, followup_id: str) -> dict:
    return public(_full(db, followup_id))


def _snapshot(db: Db, followup_id: str) -> dict:
    item = _full(db, followup_id)
    return {**public(item), "problem_date": item["problem_date"], "deleted_at": item["deleted_at"]}


def resolve(db: Db, ref: str, *, include_deleted: bool = True) -> str:
    return resolve_id(db, "followups", ref, entity="tindak lanjut", include_deleted=include_deleted)


def _due(db: Db, text: str | None, problem_date: date) -> str:
    """--due, else the problem date + the `followup_days` setting: every follow-up has a
    due date, so every open one can become overdue."""
    if text is None or not str(text).strip():
        from faskel_cli.core import settings

        days = int(settings.get(db, "followup_days"))
        return (problem_date + timedelta(days=days)).isoformat()
    due = rules.day("followups", "due", str(text), "--due")
    if due < problem_date:
        raise InputError(
            "err.due_before_problem", due=due.isoformat(), date=problem_date.isoformat()
        )
    return due.isoformat()


def _owner_id(db: Db, handle: str | None) -> str | None:
    if handle is None or not str(handle).strip():
        return None
    return facilitators.resolve(db, handle, active_only=True)["id"]


def _insert(db: Db, values: dict) -> str:
    followup_id = new_id()
    with records.audited(db, "create", "followup", followup_id, lambda i: _snapshot(db, i)):
        records.insert(
            db,
            "followups",
            {
                "id": followup_id,
                **values,
                "status": "open",
                "done_date": None,
                "resolution": None,
            },
        )
    return followup_id


def add_for_visit(db: Db, visit_id: str, problems: Iterable[ProblemInput]) -> list[str]:
    """The follow-ups of problems met on a visit (called inside the visit's transaction):
    problem date = the visit's date; owner = --owner, else the visit's facilitator."""
    visit = records.row_or_raise(db, "visits", visit_id)
    problem_date = date.fromisoformat(visit["date"])
    prepared = []
    for item in problems:
        prepared.append(
            {
                "kelurahan_kode": visit["kelurahan_kode"],
                "problem": rules.text("followups", "problem", item.problem, "--problem"),
                "action": rules.text("followups", "action", item.action, "--followup"),
                "problem_date": visit["date"],
                "due": _due(db, item.due, problem_date),
                "owner_id": _owner_id(db, item.owner) or visit["facilitator_id"],
                "visit_id": visit_id,
                "activity_id": visit["activity_id"],
            }
        )
    with transaction(db):
        return [_insert(db, values) for values in prepared]


def add(
    db: Db,
    *,
    kelurahan: str | None = None,
    problem: str | None = None,
    action: str | None = None,
    due: str | None = None,
    on: str | None = None,
    visit: str | None = None,
    activity: str | None = None,
    owner: str | None = None,
) -> dict:
    """A follow-up on its own. The kelurahan may come from --visit or --activity; the
    problem date is --date, else the visit's date, else today."""
    missing = [
        option
        for option, value in (
            ("--kelurahan", kelurahan or visit or activity),
            ("--problem", problem),
            ("--action", action),
        )
        if not value
    ]
    if missing:
        raise InputError("err.missing_options", options=", ".join(missing))
    kode = regions.kelurahan(db, kelurahan).kode if kelurahan else None
    visit_row: dict | None = None
    activity_row: dict | None = None
    if visit:
        visit_id = resolve_id(db, "visits", visit, entity="kunjungan", include_deleted=False)
        visit_row = records.row_or_raise(db, "visits", visit_id)
        if kode:
            regions.require_same_kelurahan(db, kode, visit_row["kelurahan_kode"], "visit", visit)
        kode = visit_row["kelurahan_kode"]
    if activity:
        activity_id = activities.resolve(db, activity, include_deleted=False)
        activity_row = records.row_or_raise(db, "activities", activity_id)
        if kode:
            regions.require_same_kelurahan(
                db, kode, activity_row["kelurahan_kode"], "activity", activity
            )
        kode = activity_row["kelurahan_kode"]
    if on:
        problem_date = rules.day("followups", "problem_date", on, "--date")
    elif visit_row:
        problem_date = date.fromisoformat(visit_row["date"])
    else:
        problem_date = clock.today()
    if owner:
        owner_id = _owner_id(db, owner)
    elif visit_row:
        owner_id = visit_row["facilitator_id"]
    else:
        me = get_setting(db, "me")
        owner_id = _owner_id(db, me) if me else None
    values = {
        "kelurahan_kode": kode,
        "problem": rules.text("followups", "problem", problem, "--problem"),
        "action": rules.text("followups", "action", action, "--action"),
        "problem_date": problem_date.isoformat(),
        "due": _due(db, due, problem_date),
        "owner_id": owner_id,
        "visit_id": visit_row["id"] if visit_row else None,
        "activity_id": activity_row["id"]
        if activity_row
        else (visit_row["activity_id"] if visit_row else None),
    }
    with transaction(db):
        followup_id = _insert(db, values)
    return get(db, followup_id)


def _live(db: Db, ref: str) -> dict:
    followup_id = resolve(db, ref)
    row = records.row_or_raise(db, "followups", followup_id)
    if row["deleted_at"]:
        raise ConflictError("err.followup_deleted", id=followup_id)
    return row


def edit(
    db: Db,
    ref: str,
    *,
    problem: str | None = None,
    action: str | None = None,
    due: str | None = None,
    owner: str | None = None,
) -> dict:
    """Correct the text, due date or owner of a follow-up; done/reopen change its status."""
    row = _live(db, ref)
    changes: dict = {}
    if problem is not None:
        changes["problem"] = rules.text("followups", "problem", problem, "--problem")
    if action is not None:
        changes["action"] = rules.text("followups", "action", action, "--action")
    if due is not None:
        changes["due"] = _due(db, due, date.fromisoformat(row["problem_date"]))
    if owner is not None:
        changes["owner_id"] = _owner_id(db, owner)
    if not changes:
        raise InputError("err.nothing_to_change")
    if all(row[key] == value for key, value in changes.items()):
        return get(db, row["id"])  # already so: nothing written, nothing in the history
    with transaction(db):
        with records.audited(db, "update", "followup", row["id"], lambda i: _snapshot(db, i)):
            records.update(db, "followups", row["id"], changes)
    return get(db, row["id"])


def done(db: Db, ref: str, *, note: str | None, on: str | None = None) -> dict:
    """Mark a follow-up done on `on` (default today) with what was done (`note`)."""
    with transaction(db):
        row = _live(db, ref)
        if row["status"] == "done":
            raise ConflictError("err.followup_already_done", id=row["id"], date=row["done_date"])
        resolution = rules.text("followups", "resolution", note, "--note")
        day = rules.day("followups", "done_date", on, "--date") if on else clock.today()
        if day.isoformat() < row["problem_date"]:
            raise InputError(
                "err.done_before_problem", date=day.isoformat(), problem_date=row["problem_date"]
            )
        with records.audited(db, "done", "followup", row["id"], lambda i: _snapshot(db, i)):
            records.update(
                db,
                "followups",
                row["id"],
                {"status": "done", "done_date": day.isoformat(), "resolution": resolution},
            )
    return get(db, row["id"])


def reopen(db: Db, ref: str, *, note: str | None) -> dict:
    """Open a done follow-up again; why is kept in the audit row (with what it was)."""
    with transaction(db):
        row = _live(db, ref)
        if row["status"] != "done":
            raise ConflictError("err.followup_not_done", id=row["id"])
        reason = clean_text(note, "--note")
        before = _snapshot(db, row["id"])
        records.update(
            db,
            "followups",
            row["id"],
            {"status": "open", "done_date": None, "resolution": None},
        )
        audit.record(
            db,
            "reopen",
            "followup",
            row["id"],
            before,
            {**_snapshot(db, row["id"]), "note": reason},
        )
    return get(db, row["id"])


def delete(db: Db, ref: str) -> dict:
    followup_id = resolve(db, ref)
    records.set_deleted(
        db, "followups", "followup", followup_id, lambda i: _snapshot(db, i), deleted=True
    )
    return get(db, followup_id)


def restore(db: Db, ref: str) -> dict:
    followup_id = resolve(db, ref)
    records.set_deleted(
        db, "followups", "followup", followup_id, lambda i: _snapshot(db, i), deleted=False
    )
    return get(db, followup_id)


def show(db: Db, ref: str) -> dict:
    """A follow-up with `problem_date`, `kecamatan`, `deleted_at` and `visit_deleted_at`
    (when the visit it was met on is deleted)."""
    item = _full(db, resolve(db, ref))
    item["visit_deleted_at"] = None
    if item["visit_id"]:
        found = records.row(db, "visits", item["visit_id"])
        item["visit_deleted_at"] = found["deleted_at"] if found else None
    return item


# --- the follow-ups of one visit ------------------------------------------------------------


def for_visit(db: Db, visit_id: str, *, only_open: bool = False) -> list[dict]:
    """The live follow-ups of the problems met on a visit, oldest first (JSON keys)."""
    sql = _SELECT + " where f.visit_id = ? and f.deleted_at is null"
    if only_open:
        sql += " and f.status = 'open'"
    rows = db.execute(sql + " order by f.created_at, f.id", [visit_id]).fetchall()
    return [public(_out(row)) for row in rows]


def open_for_visit(db: Db, visit_id: str) -> list[dict]:
    return for_visit(db, visit_id, only_open=True)


def delete_with_visit(db: Db, visit_id: str, stamp: str) -> int:
    """Tombstone the open follow-ups of a visit being deleted, with the visit's own stamp
    (inside its transaction); how many."""
    ids = [item["id"] for item in open_for_visit(db, visit_id)]
    for followup_id in ids:
        with records.audited(db, "delete", "followup", followup_id, lambda i: _snapshot(db, i)):
            records.update(db, "followups", followup_id, {"deleted_at": stamp})
    return len(ids)


def deleted_with_visit(db: Db, visit_id: str, stamp: str | None) -> list[str]:
    """The follow-ups deleted together with a visit: their tombstone is the visit's."""
    if not stamp:
        return []
    return [
        row[0]
        for row in db.execute(
            "select id from followups where visit_id = ? and deleted_at = ? order by id",
            [visit_id, stamp],
        ).fetchall()
    ]


def restore_with_visit(db: Db, visit_id: str, stamp: str | None) -> int:
    """Bring back the follow-ups deleted together with a visit (inside its transaction);
    how many."""
    ids = deleted_with_visit(db, visit_id, stamp)
    for followup_id in ids:
        with records.audited(db, "restore", "followup", followup_id, lambda i: _snapshot(db, i)):
            records.update(db, "followups", followup_id, {"deleted_at": None})
    return len(ids)


def move_with_visit(
    db: Db, visit_id: str, old_kode: str, new_kode: str, activity_id: str | None
) -> int:
    """A visit moved from kelurahan `old_kode` to `new_kode` (inside its transaction): the
    follow-ups of its problems that were in the old kelurahan move with it, each audited;
    an activity of theirs stays only if it is the visit's (of the new kelurahan). How many."""
    rows = db.execute(
        "select id, activity_id from followups where visit_id = ? and kelurahan_kode = ? "
        "and deleted_at is null",
        [visit_id, old_kode],
    ).fetchall()
    for followup_id, linked in rows:
        changes: dict[str, Any] = {"kelurahan_kode": new_kode}
        if linked and linked != activity_id:
            changes["activity_id"] = activity_id
        with records.audited(db, "update", "followup", followup_id, lambda i: _snapshot(db, i)):
            records.update(db, "followups", followup_id, changes)
    return len(rows)


@dataclass
class FollowupFilter:
    status: str = "open"  # open | done | overdue | all, as of `as_of`
    kelurahan_kode: str | None = None
    kecamatan_kode: str | None = None
    owner_id: str | None = None
    as_of: date | None = None
    # A period from `since` to `as_of`: `done` lists those done in it, `all` those raised in
    # it; `open` and `overdue` stay "as of its end" (what is left when the period closes).
    since: date | None = None
    # Only the villages under a unit (its kode prefix, as `33.74.`; '' for every one): a
    # province's report of one kabupaten/kota.
    within: str = ""


def state_as_of(item: dict, as_of: date) -> tuple[str, int]:
    """('open' | 'overdue' | 'done', days overdue) of a follow-up as of a day."""
    day = as_of.isoformat()
    if item["status"] == "done" and item["done_date"] and item["done_date"] <= day:
        return "done", 0
    if item["due"] and item["due"] < day:
        return "overdue", (as_of - date.fromisoformat(item["due"])).days
    return "open", 0


def list_followups(db: Db, flt: FollowupFilter) -> list[dict]:
    """Follow-ups as of `flt.as_of` (default today). Each row has the JSON keys plus
    `problem_date`, `kecamatan`, `state` (open/overdue/done as of then) and `days_overdue`."""
    day = flt.as_of or clock.today()
    as_of = day.isoformat()
    sql = _SELECT + " where f.deleted_at is null and f.problem_date <= ?"
    params: list = [as_of]
    open_then = "(f.status = 'open' or f.done_date > ?)"
    if flt.status in ("open", "overdue"):
        sql += f" and {open_then}"
        params.append(as_of)
        if flt.status == "overdue":
            sql += " and f.due is not null and f.due < ?"
            params.append(as_of)
        order = " order by f.due is null, f.due, f.problem_date, f.created_at"
    elif flt.status == "done":
        sql += " and f.status = 'done' and f.done_date <= ?"
        params.append(as_of)
        if flt.since:
            sql += " and f.done_date >= ?"
            params.append(flt.since.isoformat())
        order = " order by f.done_date desc, f.created_at desc"
    else:
        if flt.since:
            sql += " and f.problem_date >= ?"
            params.append(flt.since.isoformat())
        order = " order by f.problem_date desc, f.created_at desc"
    for column, value in (
        ("f.kelurahan_kode", flt.kelurahan_kode),
        ("k.parent_kode", flt.kecamatan_kode),
        ("f.owner_id", flt.owner_id),
    ):
        if value:
            sql += f" and {column} = ?"
            params.append(value)
    if flt.within:
        sql += " and f.kelurahan_kode like ?"
        params.append(flt.within + "%")
    rows = []
    for found in db.execute(sql + order, params).fetchall():
        item = _out(found)
        item.pop("deleted_at")
        item["state"], item["days_overdue"] = state_as_of(item, day)
        rows.append(item)
    return rows


def load_sample_item(db: Db, item: dict, activity_ids: list[str]) -> str:
    """One stand-alone follow-up of data/sample.json:
    {"kelurahan", "problem", "action", "date", "due"?, "owner"?, "activity"?: index into the
     sample's activities, "done"?: {"date", "note"}}."""
    activity = item.get("activity")
    created = add(
        db,
        kelurahan=item.get("kelurahan"),
        problem=item["problem"],
        action=item["action"],
        due=item.get("due"),
        on=item.get("date"),
        activity=activity_ids[activity] if activity is not None else None,
        owner=item.get("owner"),
    )
    finished = item.get("done")
    if finished:
        done(db, created["id"], note=finished["note"], on=finished.get("date"))
    return created["id"]
