"""The measures of summaries, aggregated by SQLite in one statement per measure, per unit at
every level the summary shows (core/summary.py puts them together).

Region kodes nest, so the unit of a village at any level is a prefix of its kode
(core/areas.py WIDTH): `rollup` groups the same rows by `substr(kel, 1, width)` for each
level asked, distinct counts (facilitators, LKK) distinct within each unit, never added up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from faskel_cli.core.vocab import STAGES

if TYPE_CHECKING:
    from faskel_cli.core.store import Reader

# The levels of the kota summary and the trend: (name, width of the kode).
KOTA_LEVELS: tuple[tuple[str, int], ...] = (("kelurahan", 13), ("kecamatan", 8), ("area", 0))


def share(part: int, whole: int) -> float | None:
    """part / whole rounded half up to 3 places; None when `whole` is 0."""
    if not whole:
        return None
    return float((Decimal(part) / Decimal(whole)).quantize(Decimal("0.001"), ROUND_HALF_UP))


def rollup(
    db: Reader,
    units_sql: str,
    aggregates: list[str],
    params: dict,
    *,
    keys: tuple[str, ...] = (),
    levels: tuple[tuple[str, int], ...] = KOTA_LEVELS,
) -> dict[tuple, tuple]:
    """Aggregate the rows of `units_sql` (a column `kel`, the village kode, and what
    `aggregates` read) per unit of each of `levels` ((name, kode width); width 0: the
    whole area, kode ''), in one statement.

    Returns {(level, kode, *keys): values}. The whole area's row is there even when there
    are no rows (counts 0, sums None)."""
    aggs = ", ".join(aggregates)
    extra = "".join(f", {k}" for k in keys)
    parts = []
    for level, width in levels:
        column = f"substr(kel, 1, {width})" if width else "''"
        group = [column] if width else []
        group += list(keys)
        group_sql = f" group by {', '.join(group)}" if group else ""
        parts.append(f"select '{level}', {column}{extra}, {aggs} from units{group_sql}")
    sql = f"with units as ({units_sql}) " + " union all ".join(parts)
    width = 2 + len(keys)
    return {tuple(row[:width]): tuple(row[width:]) for row in db.execute(sql, params).fetchall()}


def scope_sql(params: dict, kecamatan_kode: str | None, *, prefix: str | None = None) -> str:
    """The join condition on `regions r` keeping the villages of one kecamatan (or those
    whose kode starts with `prefix`); '' for the whole area. Adds its parameter to `params`."""
    if kecamatan_kode:
        prefix = kecamatan_kode + "."
    if not prefix:
        return ""
    params["scope"] = prefix + "%"
    return " and r.kode like :scope"


MEASURES = ("visits", "lkk", "activities", "stage_moves", "followups", "regions")


def measure_all(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[str, dict[tuple, tuple]]:
    """Every measure of the summary, per unit of `levels`."""
    return {
        "visits": _visit_measures(db, params, scope, levels),
        "lkk": _lkk_measures(db, params, scope, levels),
        "activities": _activity_measures(db, params, scope, levels),
        "stage_moves": _stage_move_measures(db, params, scope, levels),
        "followups": _followup_measures(db, params, scope, levels),
        "regions": _region_measures(db, params, scope, levels),
    }


def _visit_measures(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[tuple, tuple]:
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
        levels=levels,
    )


def _lkk_measures(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[tuple, tuple]:
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
    return rollup(db, units, ["count(distinct lkk)"], params, levels=levels)


def _activity_measures(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[tuple, tuple]:
    # The stage of every live activity now, per village, is kept in activity_stage_counts
    # (m016): a summary does not read the history of activities, which grows with the
    # years. An activity whose current stage began after `end` (few, for a recent period)
    # was then in another stage, or not yet started: it leaves its current stage's count
    # and joins that of its last stage event on or before `end`, if any (stage dates
    # never go back).
    at_end = (
        "(select s.stage from activity_stages s where s.activity_id = a.id "
        "and s.deleted_at is null and s.date <= :end order by s.seq desc limit 1)"
    )
    now = ", ".join(f"sum(n * (stage = '{stage}')) as n{i}" for i, stage in enumerate(STAGES))
    moved = ", ".join(
        f"sum(coalesce(at_end = '{stage}', 0) - (stage = '{stage}'))" for stage in STAGES
    )
    columns = ", ".join(f"p.n{i}" for i in range(len(STAGES)))
    units = (
        f"select p.kel as kel, r.parent_kode as kec, {columns} from ("
        f"select kelurahan_kode as kel, {now} from activity_stage_counts "
        "group by kelurahan_kode "
        "union all "
        f"select kel, {moved} from ("
        f"select a.kelurahan_kode as kel, a.stage as stage, {at_end} as at_end "
        "from activities a indexed by activities_stage_since "
        "where a.deleted_at is null and a.stage_since > :end) group by kel) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(db, units, [f"sum(n{i})" for i in range(len(STAGES))], params, levels=levels)


def _stage_move_measures(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[tuple, tuple]:
    units = (
        "select p.kel as kel, r.parent_kode as kec, p.n from ("
        "select a.kelurahan_kode as kel, count(*) as n "
        "from activity_stages s indexed by activity_stages_date "
        "join activities a on a.id = s.activity_id and a.deleted_at is null "
        "where s.deleted_at is null and s.seq > 0 and s.date between :start and :end "
        "group by a.kelurahan_kode) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    return rollup(db, units, ["sum(n)"], params, levels=levels)


# The follow-ups that can count for a period, as three disjoint sets each read through its
# own partial index: every open one; the ones done since `start` (in the period, or after
# it and so still open at `end`); the ones done before `start` whose problem is in the period.
FOLLOWUP_SETS = (
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
OPEN_AT_END = "(f.problem_date <= :end and (f.status = 'open' or f.done_date > :end))"


def _followup_measures(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[tuple, tuple]:
    units = (
        "select p.kel as kel, r.parent_kode as kec, p.opened, p.done, p.still_open, "
        "p.overdue from (select f.kelurahan_kode as kel, "
        "sum(f.problem_date between :start and :end) as opened, "
        "sum(f.status = 'done' and f.done_date between :start and :end) as done, "
        f"sum({OPEN_AT_END}) as still_open, "
        f"sum({OPEN_AT_END} and f.due < :end) as overdue "
        f"from ({FOLLOWUP_SETS}) f group by f.kelurahan_kode) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    aggregates = ["sum(opened)", "sum(done)", "sum(still_open)", "sum(overdue)"]
    return rollup(db, units, aggregates, params, levels=levels)


def _region_measures(
    db: Reader, params: dict, scope: str, levels: tuple[tuple[str, int], ...]
) -> dict[tuple, tuple]:
    # One seek per village into visits_kelurahan_date (kelurahan_kode, date).
    units = (
        "select r.kode as kel, r.is_desa as desa, (select max(v.date) from visits v "
        "where v.kelurahan_kode = r.kode and v.deleted_at is null and v.date <= :end) as last "
        f"from regions r where r.level = 'kelurahan'{scope}"
    )
    return rollup(db, units, ["max(last)", "count(*)", "sum(desa)"], params, levels=levels)
