"""The one query layer of summaries: per kelurahan, per facilitator and week by week.

`faskel summary`, `faskel trend` and `faskel report` (every format) render what these
functions return and compute nothing themselves, so a number never differs between views.

- `build_summary(db, period, kecamatan_kode=None) -> dict`: the weekly summary (the JSON of
  `faskel summary --format json`, stable keys that scripts and dashboards read).
- `summary_by_facilitator(db, period, kecamatan_kode=None) -> list[dict]`: one row per
  facilitator (`faskel summary --by facilitator`).
- `build_trend(db, end_date, weeks=8, kecamatan_kode=None) -> dict`: visits per kelurahan per
  ISO week (`faskel trend`).

`db` is anything with `execute(sql, params)` returning a cursor: a sqlite_utils Database or a
plain sqlite3 Connection (the summary command opens the latter; see `open_read`).

Every number is aggregated by SQLite (GROUP BY), reading only the rows of the period through
covering indexes (m001 `visits_summary`, m004 `visits_links` and the follow-up and activity
indexes), so the cost follows the size of the period, not of the history. Counts of distinct
things (facilitators, LKK) are distinct over each group, never added up: `_rollup` groups the
same rows per kelurahan, per kecamatan and for the whole area in one statement.

Definitions, for a period from `start` to `end` (both inclusive), deleted records never counted:
- visits in the period; facilitators: distinct among them; lkk_reached: distinct LKK (not
  deleted) linked to them; male/female: sums; female_share = female / (male + female) to 3
  places (half up), None when both are 0.
- activities: per stage, the activities whose stage as of `end` is that stage (started on or
  before `end`); stage_moves: stage events with seq > 0 dated in the period.
- followups_opened: problem date in the period; followups_done: done in the period;
  followups_open: open as of `end`; followups_overdue: open as of `end` and due before `end`.
- last_visit: the latest visit on or before `end` (any time), or None.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from faskel_cli.core.dates import Period
from faskel_cli.core.vocab import STAGES

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from faskel_cli.core.store import Reader

# The keys of a summary row after `kode`/`nama` (kelurahan, kecamatan and totals alike).
COUNT_KEYS = (
    "visits",
    "facilitators",
    "lkk_reached",
    "male",
    "female",
    "female_share",
    "activities",
    "stage_moves",
    "followups_opened",
    "followups_done",
    "followups_open",
    "followups_overdue",
    "last_visit",
)

# The keys of a `summary_by_facilitator` row, in order.
FACILITATOR_KEYS = (
    "id",
    "handle",
    "name",
    "visits",
    "kelurahan_covered",
    "kelurahan_assigned",
    "kelurahan_visited",
    "lkk_reached",
    "male",
    "female",
    "female_share",
    "hours",
    "followups_open",
    "followups_overdue",
    "days_worked",
    "followups_opened",
    "followups_done",
    "last_bundle_at",
    "last_bundle_newest",
)

# The migrations whose tables and indexes the queries below read.
REQUIRED_MIGRATIONS = ("m001_foundation", "m004_summary_indexes", "m005_identity_and_clock")


def share(part: int, whole: int) -> float | None:
    """part / whole rounded half up to 3 places; None when `whole` is 0."""
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP))


# --- reading a database fast ---------------------------------------------------------------


def open_read(path: Path) -> sqlite3.Connection | None:
    """A read-only sqlite3 Connection on an existing faskel database that already holds
    every migration these queries need, or None (then open it the ordinary way, through
    `core.db.connect`, which creates, checks and reports).

    Summaries are benchmarked against the sqlite3 shell: opening with the standard library
    alone spares the import of sqlite-utils, which costs more than a week's summary."""
    import sqlite3

    from faskel_cli.core.db import check_path
    from faskel_cli.core.store import BUSY_TIMEOUT_MS

    if not check_path(path, write=False):
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        marks = ", ".join("?" for _ in REQUIRED_MIGRATIONS)
        found = conn.execute(
            "select count(*) from _sqlite_migrations where migration_set = 'faskel' "
            f"and name in ({marks})",
            REQUIRED_MIGRATIONS,
        ).fetchone()[0]
        if found == len(REQUIRED_MIGRATIONS):
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


# --- the three-level rollup ------------------------------------------------------------------


def rollup(
    db: Reader,
    units_sql: str,
    aggregates: list[str],
    params: dict,
    *,
    keys: tuple[str, ...] = (),
) -> dict[tuple, tuple]:
    """Aggregate the rows of `units_sql` (columns `kel`, `kec` and what `aggregates` read)
    per kelurahan, per kecamatan and for the area, in one statement.

    Returns {(level, kode, *keys): values}; level is 'kelurahan', 'kecamatan' or 'area' (kode
    ''). The area row is there even when there are no rows (counts 0, sums None)."""
    aggs = ", ".join(aggregates)
    extra = "".join(f", {k}" for k in keys)
    parts = []
    for level, column in (("kelurahan", "kel"), ("kecamatan", "kec"), ("area", "''")):
        group = [column] if level != "area" else []
        group += list(keys)
        group_sql = f" group by {', '.join(group)}" if group else ""
        parts.append(f"select '{level}', {column}{extra}, {aggs} from units{group_sql}")
    sql = f"with units as ({units_sql}) " + " union all ".join(parts)
    width = 2 + len(keys)
    return {tuple(row[:width]): tuple(row[width:]) for row in db.execute(sql, params).fetchall()}


def scope_sql(params: dict, kecamatan_kode: str | None) -> str:
    """The join condition on `regions r` keeping one kecamatan ('' for the whole area);
    adds its parameter to `params`."""
    if not kecamatan_kode:
        return ""
    params["kec"] = kecamatan_kode
    return " and r.parent_kode = :kec"


# --- the measures of the summary -------------------------------------------------------------


def _visit_measures(db: Reader, params: dict, scope: str) -> dict[tuple, tuple]:
    # Index-only on visits_summary: (date, kelurahan_kode, facilitator_id, male, female).
    units = (
        "select p.kel as kel, r.parent_kode as kec, p.fac, p.n, p.m, p.f from ("
        "select kelurahan_kode as kel, facilitator_id as fac, count(*) as n, "
        "sum(male) as m, sum(female) as f from visits indexed by visits_summary "
        "where deleted_at is null and date between :start and :end "
        "group by kelurahan_kode, facilitator_id) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(
        db,
        units,
        ["sum(n)", "count(distinct fac)", "sum(m)", "sum(f)", "count(distinct kel)"],
        params,
    )


def _lkk_measures(db: Reader, params: dict, scope: str) -> dict[tuple, tuple]:
    # visits_links (date, kelurahan_kode, facilitator_id, id, ...) gives the ids without
    # touching the table; each id is then one seek into visit_lkk's primary key.
    units = (
        "select p.kel as kel, r.parent_kode as kec, p.lkk from ("
        "select distinct v.kelurahan_kode as kel, vl.lkk_id as lkk "
        "from visits v indexed by visits_links join visit_lkk vl on vl.visit_id = v.id "
        "where v.deleted_at is null and v.date between :start and :end) p "
        "join lkk l on l.id = p.lkk and l.deleted_at is null "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(db, units, ["count(distinct lkk)"], params)


def _activity_measures(db: Reader, params: dict, scope: str) -> dict[tuple, tuple]:
    # An activity whose current stage began on or before `end` was in that stage at `end`
    # (stage dates never go back); only those moved on after `end` read their events.
    stage_at_end = (
        "case when a.stage_since <= :end then a.stage else ("
        "select s.stage from activity_stages s where s.activity_id = a.id "
        "and s.deleted_at is null and s.date <= :end order by s.seq desc limit 1) end"
    )
    sums = ", ".join(f"sum(stage = '{stage}') as n{i}" for i, stage in enumerate(STAGES))
    columns = ", ".join(f"p.n{i}" for i in range(len(STAGES)))
    units = (
        f"select p.kel as kel, r.parent_kode as kec, {columns} from ("
        f"select kel, {sums} from ("
        f"select a.kelurahan_kode as kel, {stage_at_end} as stage "
        "from activities a indexed by activities_summary "
        "where a.deleted_at is null and a.start_date <= :end) group by kel) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(db, units, [f"sum(n{i})" for i in range(len(STAGES))], params)


def _stage_move_measures(db: Reader, params: dict, scope: str) -> dict[tuple, tuple]:
    units = (
        "select p.kel as kel, r.parent_kode as kec, p.n from ("
        "select a.kelurahan_kode as kel, count(*) as n "
        "from activity_stages s indexed by activity_stages_date "
        "join activities a on a.id = s.activity_id and a.deleted_at is null "
        "where s.deleted_at is null and s.seq > 0 and s.date between :start and :end "
        "group by a.kelurahan_kode) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(db, units, ["sum(n)"], params)


# The follow-ups that can count for a period, as three disjoint sets each read through its
# own partial index: every open one; the ones done since `start` (in the period, or after
# it and so still open at `end`); the ones done before `start` whose problem is in the period.
_FOLLOWUP_SETS = (
    "select kelurahan_kode, owner_id, problem_date, 'open' as status, null as done_date, due "
    "from followups indexed by followups_open where deleted_at is null and status = 'open' "
    "union all "
    "select kelurahan_kode, owner_id, problem_date, 'done', done_date, due "
    "from followups indexed by followups_done where deleted_at is null and status = 'done' "
    "and done_date >= :start "
    "union all "
    "select kelurahan_kode, owner_id, problem_date, status, done_date, due "
    "from followups indexed by followups_problem where deleted_at is null "
    "and problem_date between :start and :end and status = 'done' "
    "and coalesce(done_date, '') < :start"
)
_OPEN_AT_END = "(f.problem_date <= :end and (f.status = 'open' or f.done_date > :end))"


def _followup_measures(db: Reader, params: dict, scope: str) -> dict[tuple, tuple]:
    units = (
        "select p.kel as kel, r.parent_kode as kec, p.opened, p.done, p.still_open, "
        "p.overdue from (select f.kelurahan_kode as kel, "
        "sum(f.problem_date between :start and :end) as opened, "
        "sum(f.status = 'done' and f.done_date between :start and :end) as done, "
        f"sum({_OPEN_AT_END}) as still_open, "
        f"sum({_OPEN_AT_END} and f.due < :end) as overdue "
        f"from ({_FOLLOWUP_SETS}) f group by f.kelurahan_kode) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(
        db, units, ["sum(opened)", "sum(done)", "sum(still_open)", "sum(overdue)"], params
    )


def _region_measures(db: Reader, params: dict, scope: str) -> dict[tuple, tuple]:
    # One seek per kelurahan into visits_kelurahan_date (kelurahan_kode, date).
    units = (
        "select r.kode as kel, r.parent_kode as kec, (select max(v.date) from visits v "
        "where v.kelurahan_kode = r.kode and v.deleted_at is null and v.date <= :end) as last "
        f"from regions r where r.level = 'kelurahan'{scope}"
    )
    return rollup(db, units, ["max(last)", "count(*)"], params)


def kecamatan_rows(db: Reader, kecamatan_kode: str | None) -> list[tuple[str, str]]:
    sql = "select kode, nama from regions where level = 'kecamatan'"
    params: list = []
    if kecamatan_kode:
        sql += " and kode = ?"
        params.append(kecamatan_kode)
    return [tuple(row) for row in db.execute(sql + " order by kode", params).fetchall()]


def _counts(key: tuple, found: dict[str, dict[tuple, tuple]]) -> dict:
    """The COUNT_KEYS of one unit (kelurahan, kecamatan or area) from the measures."""

    def get(measure: str, index: int, default: object = 0) -> Any:
        values = found[measure].get(key)
        value = values[index] if values else None
        return default if value is None else value

    male, female = get("visits", 2), get("visits", 3)
    return {
        "visits": get("visits", 0),
        "facilitators": get("visits", 1),
        "lkk_reached": get("lkk", 0),
        "male": male,
        "female": female,
        "female_share": share(female, male + female),
        "activities": {stage: get("activities", i) for i, stage in enumerate(STAGES)},
        "stage_moves": get("stage_moves", 0),
        "followups_opened": get("followups", 0),
        "followups_done": get("followups", 1),
        "followups_open": get("followups", 2),
        "followups_overdue": get("followups", 3),
        "last_visit": get("regions", 0, None),
    }


def build_summary(db: Reader, period: Period, kecamatan_kode: str | None = None) -> dict:
    """The summary of `period` for the area, or for one kecamatan (its kode, resolved).

    Returns {"area": {kode, nama}, "period": {label, start, end},
    "kelurahan": [{kode, nama, kecamatan_kode, kecamatan, *COUNT_KEYS}] (every kelurahan,
    visited or not, in kode order), "kecamatan": [{kode, nama, *COUNT_KEYS,
    kelurahan_visited, kelurahan_total}], "totals": {*COUNT_KEYS, kelurahan_visited,
    kelurahan_total, completeness}, "not_visited": [kode, ...]}.
    `activities` is {perencanaan, pelaksanaan, pertanggungjawaban, evaluasi}; dates are ISO
    strings; completeness = visited / total to 3 places (None without kelurahan)."""
    from faskel_cli.core import regions

    params: dict = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    scope = scope_sql(params, kecamatan_kode)
    found = {
        "visits": _visit_measures(db, params, scope),
        "lkk": _lkk_measures(db, params, scope),
        "activities": _activity_measures(db, params, scope),
        "stage_moves": _stage_move_measures(db, params, scope),
        "followups": _followup_measures(db, params, scope),
        "regions": _region_measures(db, params, scope),
    }

    def visited(key: tuple) -> int:
        values = found["visits"].get(key)
        return values[4] if values else 0

    def total(key: tuple) -> int:
        values = found["regions"].get(key)
        return values[1] if values else 0

    place = regions.area(db)
    kelurahan = []
    for row in regions.kelurahan_rows(db, kecamatan_kode):
        kelurahan.append(
            {
                "kode": row["kode"],
                "nama": row["nama"],
                "kecamatan_kode": row["kecamatan_kode"],
                "kecamatan": row["kecamatan"],
                **_counts(("kelurahan", row["kode"]), found),
            }
        )
    kecamatan = []
    for kode, nama in kecamatan_rows(db, kecamatan_kode):
        key = ("kecamatan", kode)
        kecamatan.append(
            {
                "kode": kode,
                "nama": nama,
                **_counts(key, found),
                "kelurahan_visited": visited(key),
                "kelurahan_total": total(key),
            }
        )
    area_key = ("area", "")
    totals = {
        **_counts(area_key, found),
        "kelurahan_visited": visited(area_key),
        "kelurahan_total": total(area_key),
    }
    totals["completeness"] = share(totals["kelurahan_visited"], totals["kelurahan_total"])
    return {
        "area": {"kode": place.kode, "nama": place.nama},
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "kind": period.kind,
        },
        "kelurahan": kelurahan,
        "kecamatan": kecamatan,
        "totals": totals,
        "not_visited": [row["kode"] for row in kelurahan if not row["visits"]],
    }


# --- per facilitator -------------------------------------------------------------------------


def summary_by_facilitator(
    db: Reader, period: Period, kecamatan_kode: str | None = None
) -> list[dict]:
    """One row per facilitator (by handle): every active facilitator (with a kecamatan: every
    active one assigned there), and anyone else who has visits in the period (in it). A
    koordinator assigned no kelurahan is not a row of zeros: listed only with visits in the
    period or follow-ups open at its end.

    Keys (FACILITATOR_KEYS): id, handle, name, visits, kelurahan_covered (assigned kelurahan
    visited in the period), kelurahan_assigned, kelurahan_visited (any), lkk_reached, male,
    female, female_share, hours (sum of durations, 1 decimal, half up), followups_open and
    followups_overdue (follow-ups they own, as of the period's end), days_worked (days with a
    visit in the period), followups_opened and followups_done (follow-ups they own raised,
    and done, in the period), last_bundle_at (when the latest bundle they sent that brought
    something was imported here, UTC, whatever the period) and last_bundle_newest (the
    newest visit date it brought); both None when none came (core/received.py)."""
    from faskel_cli.core.received import last_bundles

    params: dict = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    if kecamatan_kode:
        params["kec"] = kecamatan_kode

    def within(column: str) -> str:
        """The condition keeping `column`'s kelurahan in the kecamatan ('' for the area)."""
        if not kecamatan_kode:
            return ""
        return f" and {column} in (select kode from regions where parent_kode = :kec)"

    visits = {
        row[0]: row[1:]
        for row in db.execute(
            "select p.fac, sum(p.n), sum(p.m), sum(p.f), count(*), "
            "sum(exists (select 1 from facilitator_assignments fk where fk.facilitator_id = p.fac "
            "and fk.kelurahan_kode = p.kel)) from ("
            "select facilitator_id as fac, kelurahan_kode as kel, count(*) as n, "
            "sum(male) as m, sum(female) as f from visits indexed by visits_summary "
            "where deleted_at is null and date between :start and :end"
            + within("kelurahan_kode")
            + " group by facilitator_id, kelurahan_kode) p group by p.fac",
            params,
        ).fetchall()
    }
    # Durations are not in visits_summary; visits_links covers them (and the dates).
    worked = {
        row[0]: row[1:]
        for row in db.execute(
            "select facilitator_id, sum(duration_minutes), count(distinct date) "
            "from visits indexed by visits_links "
            "where deleted_at is null and date between :start and :end"
            + within("kelurahan_kode")
            + " group by facilitator_id",
            params,
        ).fetchall()
    }
    lkk = dict(
        db.execute(
            "select p.fac, count(*) from (select distinct v.facilitator_id as fac, "
            "vl.lkk_id as lkk from visits v indexed by visits_links "
            "join visit_lkk vl on vl.visit_id = v.id "
            "where v.deleted_at is null and v.date between :start and :end"
            + within("v.kelurahan_kode")
            + ") p join lkk l on l.id = p.lkk and l.deleted_at is null group by p.fac",
            params,
        ).fetchall()
    )
    assigned = dict(
        db.execute(
            "select facilitator_id, count(*) from facilitator_assignments "
            "where kelurahan_kode in (select kode from regions where level = 'kelurahan')"
            + within("kelurahan_kode")
            + " group by facilitator_id",
            params,
        ).fetchall()
    )
    owned = {
        row[0]: row[1:]
        for row in db.execute(
            "select f.owner_id, sum(still_open), sum(still_open and f.due < :end), "
            "sum(f.problem_date between :start and :end), "
            "sum(f.status = 'done' and f.done_date between :start and :end) from ("
            "select owner_id, due, problem_date, status, done_date, "
            f"{_OPEN_AT_END} as still_open from ({_FOLLOWUP_SETS}) f "
            "where f.owner_id is not null" + within("f.kelurahan_kode") + ") f group by f.owner_id",
            params,
        ).fetchall()
    }
    people = db.execute(
        "select id, handle, name, active, deleted_at, role from facilitators order by handle"
    ).fetchall()
    bundles = last_bundles(db)
    rows = []
    for person_id, handle, name, active, deleted_at, role in people:
        counted = visits.get(person_id)
        still_open, overdue, opened, done = owned.get(person_id) or (0, 0, 0, 0)
        listed = not deleted_at and active and (not kecamatan_kode or assigned.get(person_id))
        if role == "koordinator" and not assigned.get(person_id) and not still_open:
            listed = False  # coordinates, visits nowhere in particular: not a row of zeros
        if not counted and not listed:
            continue
        n, male, female, kel_visited, covered = counted or (0, 0, 0, 0, 0)
        minutes, days = worked.get(person_id) or (0, 0)
        bundle = bundles.get(handle) or {}
        rows.append(
            {
                "id": person_id,
                "handle": handle,
                "name": name,
                "visits": n,
                "kelurahan_covered": covered or 0,
                "kelurahan_assigned": assigned.get(person_id, 0),
                "kelurahan_visited": kel_visited,
                "lkk_reached": lkk.get(person_id, 0),
                "male": male or 0,
                "female": female or 0,
                "female_share": share(female or 0, (male or 0) + (female or 0)),
                "hours": _hours(minutes or 0),
                "followups_open": still_open or 0,
                "followups_overdue": overdue or 0,
                "days_worked": days,
                "followups_opened": opened or 0,
                "followups_done": done or 0,
                "last_bundle_at": bundle.get("at"),
                "last_bundle_newest": bundle.get("newest"),
            }
        )
    return rows


def _hours(minutes: int) -> float:
    """Minutes as hours, 1 decimal, half up."""
    return float((Decimal(minutes) / 60).quantize(Decimal("0.1"), ROUND_HALF_UP))
