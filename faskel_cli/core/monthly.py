"""The facilitator's monthly report (laporan bulanan, `faskel report bulanan`): what it
says, gathered here with SQL aggregates; reports/lapbul_pdf.py and lapbul_docx.py lay it
out. Nothing here is translated: labels are the renderers' (the message catalogue)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from faskel_cli.core import facilitators, regions
from faskel_cli.core.dates import Period
from faskel_cli.core.errors import InputError
from faskel_cli.core.followups import state_as_of
from faskel_cli.core.settings import get as setting
from faskel_cli.core.vocab import STAGES

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass
class Summary:
    visits: int
    kelurahan_visited: int
    kelurahan_assigned: int
    days_worked: int
    minutes: int
    male: int
    female: int
    lkk_reached: int
    followups_opened: int
    followups_done: int

    @property
    def participants(self) -> int:
        return self.male + self.female

    @property
    def women_share(self) -> float | None:
        """Women among participants, 0..1 (None without participants)."""
        return self.female / self.participants if self.participants else None


@dataclass
class Monthly:
    """Everything the monthly report of one facilitator for one month shows, in its order."""

    month: Period
    office: str
    area: str
    facilitator: dict  # id, handle, name, role, phone
    assigned: list[dict]  # kode, kelurahan, kecamatan
    summary: Summary
    daily: list[dict]  # the month's visits in date order
    timesheet: list[dict]  # every day of the month: date, visits, minutes, kelurahan
    activities: list[dict]  # stage_start, stage_end, next_stage, funding, budget, spent
    followups: list[dict]  # problem, action, owner, due, state (as of the month's last day)
    plan_followups: list[dict]  # open at the month's end: due or overdue
    plan_activities: list[dict]  # activities with a next stage
    not_visited: list[dict]  # assigned kelurahan without a visit this month
    photos: list[dict]  # photo_id, date, kelurahan, caption, what
    place: str
    signed_on: date
    supervisor: dict[str, str | None] = field(default_factory=dict)


def _place(db: Db, area_name: str) -> str:
    """Where the report is signed: the `place` setting, else the kota/kabupaten's name
    without its kind (`Kota Pekalongan` -> `Pekalongan`)."""
    chosen = setting(db, "place")
    if chosen:
        return chosen
    for prefix in ("Kota ", "Kabupaten ", "Kab. "):
        if area_name.startswith(prefix):
            return area_name[len(prefix) :]
    return area_name


def _who(db: Db, handle: str | None) -> dict:
    handle = handle or setting(db, "me")
    if not handle:
        raise InputError("err.lapbul_who")
    return facilitators.resolve(db, handle)


_VISITS = """
select v.id, v.date, v.kelurahan_kode, k.nama, v.kind, v.strand, v.male, v.female,
    v.duration_minutes, v.notes, v.activity_id,
    (select group_concat(name, ', ') from (select l.name from visit_lkk vl
        join lkk l on l.id = vl.lkk_id where vl.visit_id = v.id order by l.name)) as lkk
from visits v join regions k on k.kode = v.kelurahan_kode
where v.deleted_at is null and v.facilitator_id = :who and v.date between :start and :end
order by v.date, k.nama, v.created_at, v.id
"""
_DAILY_KEYS = (
    "id",
    "date",
    "kelurahan_kode",
    "kelurahan",
    "kind",
    "strand",
    "male",
    "female",
    "duration_minutes",
    "notes",
    "activity_id",
    "lkk",
)

_SUMMARY = """
select count(*), count(distinct v.kelurahan_kode), count(distinct v.date),
    coalesce(sum(v.duration_minutes), 0), coalesce(sum(v.male), 0), coalesce(sum(v.female), 0),
    (select count(distinct vl.lkk_id) from visit_lkk vl join visits w on w.id = vl.visit_id
        where w.deleted_at is null and w.facilitator_id = :who
        and w.date between :start and :end)
from visits v
where v.deleted_at is null and v.facilitator_id = :who and v.date between :start and :end
"""

_TIMESHEET = """
select v.date, count(*), coalesce(sum(v.duration_minutes), 0),
    group_concat(distinct k.nama)
from visits v join regions k on k.kode = v.kelurahan_kode
where v.deleted_at is null and v.facilitator_id = :who and v.date between :start and :end
group by v.date
"""

# The facilitator's follow-ups: owned, or met on their visits, or (no owner) in their
# kelurahan; of the month: a problem met in it, done in it, or still open from before.
_FOLLOWUPS = """
select f.id, f.problem_date, k.nama, f.problem, f.action, f.due, f.status, f.done_date,
    o.name, f.resolution
from followups f join regions k on k.kode = f.kelurahan_kode
left join facilitators o on o.id = f.owner_id
left join visits v on v.id = f.visit_id
where f.deleted_at is null and f.problem_date <= :end
and (f.owner_id = :who or v.facilitator_id = :who
     or (f.owner_id is null and f.kelurahan_kode in (select kelurahan_kode from
         facilitator_assignments where facilitator_id = :who)))
and (f.problem_date >= :start or f.done_date between :start and :end
     or f.status = 'open' or f.done_date > :end)
order by f.problem_date, k.nama, f.id
"""
_FOLLOWUP_KEYS = (
    "id",
    "problem_date",
    "kelurahan",
    "problem",
    "action",
    "due",
    "status",
    "done_date",
    "owner",
    "resolution",
)

# Activities accompanied: in a kelurahan assigned or on a visit of the month; begun by the
# month's end and not finished (evaluasi) before it began.
_ACTIVITIES = """
select a.id, a.title, k.nama, a.type, a.funding, a.budget, a.spent, a.start_date,
    (select s.stage from activity_stages s where s.activity_id = a.id and s.deleted_at is null
        and s.date < :start order by s.date desc, s.seq desc limit 1),
    (select s.stage from activity_stages s where s.activity_id = a.id and s.deleted_at is null
        and s.date <= :end order by s.date desc, s.seq desc limit 1),
    (select count(*) from visits v where v.activity_id = a.id and v.deleted_at is null
        and v.facilitator_id = :who and v.date between :start and :end)
from activities a join regions k on k.kode = a.kelurahan_kode
where a.deleted_at is null and a.start_date <= :end
and (a.kelurahan_kode in (select kelurahan_kode from facilitator_assignments
        where facilitator_id = :who)
     or a.id in (select activity_id from visits where deleted_at is null
        and facilitator_id = :who and date between :start and :end))
order by k.nama, a.start_date, a.title
"""
_ACTIVITY_KEYS = (
    "id",
    "title",
    "kelurahan",
    "type",
    "funding",
    "budget",
    "spent",
    "start_date",
    "stage_start",
    "stage_end",
    "visits",
)

# Photos: of the month's visits, and of the activities accompanied taken (or, without a
# capture time, added) in the month.
_PHOTOS = """
select p.id, coalesce(v.date, substr(coalesce(p.taken_at, l.created_at), 1, 10)),
    coalesce(kv.nama, ka.nama), l.caption, l.moment, v.kind, v.strand, a.title, v.lkk_names,
    p.taken_at, p.lat_e6, p.lon_e6
from photo_links l join photos p on p.id = l.photo_id and p.deleted_at is null
left join (select w.*, (select group_concat(name, ', ') from (select x.name from visit_lkk y
        join lkk x on x.id = y.lkk_id where y.visit_id = w.id order by x.name)) as lkk_names
    from visits w) v on v.id = l.visit_id and v.deleted_at is null
    and v.facilitator_id = :who and v.date between :start and :end
left join regions kv on kv.kode = v.kelurahan_kode
left join activities a on a.id = l.activity_id and a.deleted_at is null
left join regions ka on ka.kode = a.kelurahan_kode
where l.deleted_at is null and (v.id is not null or (a.id is not null
    and a.id in (select value from json_each(:activities))
    and substr(coalesce(p.taken_at, l.created_at), 1, 10) between :start and :end))
order by 2, coalesce(p.taken_at, l.created_at), p.id
"""
_PHOTO_KEYS = (
    "photo_id",
    "date",
    "kelurahan",
    "caption",
    "moment",
    "kind",
    "strand",
    "activity",
    "lkk",
    "taken_at",
    "lat_e6",
    "lon_e6",
)


def _rows(db: Db, sql: str, keys: tuple[str, ...], params: dict[str, Any]) -> list[dict]:
    return [dict(zip(keys, row, strict=True)) for row in db.execute(sql, params).fetchall()]


def _next_stage(stage: str | None) -> str | None:
    if stage is None:
        return STAGES[0]
    index = STAGES.index(stage)
    return STAGES[index + 1] if index + 1 < len(STAGES) else None


def gather(db: Db, month: Period, handle: str | None = None) -> Monthly:
    """The monthly report of `handle` (or the `me` setting) for `month`."""
    import json

    who = _who(db, handle)
    params: dict[str, Any] = {
        "who": who["id"],
        "start": month.start.isoformat(),
        "end": month.end.isoformat(),
    }
    area = regions.area(db)
    assigned = _rows(
        db,
        "select k.kode, k.nama, c.nama from facilitator_assignments fa "
        "join regions k on k.kode = fa.kelurahan_kode join regions c on c.kode = k.parent_kode "
        "where fa.facilitator_id = :who order by c.nama, k.nama",
        ("kode", "kelurahan", "kecamatan"),
        params,
    )
    daily = _rows(db, _VISITS, _DAILY_KEYS, params)
    counted = db.execute(_SUMMARY, params).fetchone()
    by_day = {row[0]: row for row in db.execute(_TIMESHEET, params).fetchall()}
    timesheet = []
    day = month.start
    while day <= month.end:
        found = by_day.get(day.isoformat())
        timesheet.append(
            {
                "date": day.isoformat(),
                "weekday": day.isoweekday(),
                "visits": found[1] if found else 0,
                "minutes": found[2] if found else 0,
                "kelurahan": ", ".join(sorted(found[3].split(","))) if found else "",
            }
        )
        day += timedelta(days=1)
    followups = _rows(db, _FOLLOWUPS, _FOLLOWUP_KEYS, params)
    for item in followups:
        state, days = state_as_of(item, month.end)
        item["state"], item["days_overdue"] = state, days
    activities = _rows(db, _ACTIVITIES, _ACTIVITY_KEYS, params)
    activities = [a for a in activities if not (a["stage_start"] == STAGES[-1] and not a["visits"])]
    for item in activities:
        item["next_stage"] = _next_stage(item["stage_end"]) if item["stage_end"] else STAGES[0]
    params["activities"] = json.dumps([a["id"] for a in activities])
    photos = _rows(db, _PHOTOS, _PHOTO_KEYS, params)
    visited = {row["kelurahan_kode"] for row in daily}
    opened = sum(1 for f in followups if f["problem_date"] >= params["start"])
    done = sum(1 for f in followups if f["done_date"] and f["done_date"] <= params["end"])
    done -= sum(1 for f in followups if f["done_date"] and f["done_date"] < params["start"])
    summary = Summary(
        visits=counted[0],
        kelurahan_visited=counted[1],
        kelurahan_assigned=len(assigned),
        days_worked=counted[2],
        minutes=counted[3],
        male=counted[4],
        female=counted[5],
        lkk_reached=counted[6],
        followups_opened=opened,
        followups_done=done,
    )
    return Monthly(
        month=month,
        office=setting(db, "office") or area.nama,
        area=area.nama,
        facilitator={k: who[k] for k in ("id", "handle", "name", "role", "phone")},
        assigned=assigned,
        summary=summary,
        daily=daily,
        timesheet=timesheet,
        activities=activities,
        followups=followups,
        plan_followups=sorted(
            (f for f in followups if f["state"] != "done"),
            key=lambda f: (f["due"] or "9999", f["problem_date"]),
        ),
        plan_activities=[a for a in activities if a["next_stage"]],
        not_visited=[k for k in assigned if k["kode"] not in visited],
        photos=photos,
        place=_place(db, area.nama),
        signed_on=month.end,
        supervisor={
            "title": setting(db, "supervisor_title"),
            "name": setting(db, "supervisor_name"),
            "nip": setting(db, "supervisor_nip"),
        },
    )


def photo_bytes(db: Db, photo_id: str) -> bytes:
    from faskel_cli.core.photos import data

    return data(db, photo_id)
