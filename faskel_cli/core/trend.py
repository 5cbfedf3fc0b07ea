"""Visits per unit per ISO week (`faskel trend`, the web report's chart)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from faskel_cli.core.dates import Period, week_label
from faskel_cli.core.summary import Scope, resolve_scope, rollup, scope_sql, units

if TYPE_CHECKING:
    from faskel_cli.core.store import Reader

MAX_TREND_WEEKS = 260
DEFAULT_WEEKS = 8


def weeks_touching(period: Period) -> int:
    """How many ISO weeks hold a day of the period: 6 for November 2026 (2026-W44, which
    holds Sunday 1 November, to 2026-W49, which holds Monday 30 November), 53 for 2026."""
    first = period.start - timedelta(days=period.start.isoweekday() - 1)
    last = period.end - timedelta(days=period.end.isoweekday() - 1)
    return (last - first).days // 7 + 1


def trend_weeks(end_date: date, weeks: int) -> list[Period]:
    """The `weeks` ISO weeks ending with the one holding `end_date`, oldest first."""
    from faskel_cli.core.errors import InputError

    if not 1 <= weeks <= MAX_TREND_WEEKS:
        raise InputError("err.weeks_range", value=weeks, max=MAX_TREND_WEEKS)
    last = end_date - timedelta(days=end_date.isoweekday() - 1)
    starts = [last - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    return [Period(start, start + timedelta(days=6)) for start in starts]


def build_trend(
    db: Reader,
    end_date: date,
    weeks: int = 8,
    kecamatan_kode: str | None = None,
    *,
    scope: Scope | None = None,
) -> dict:
    """Visits per unit per ISO week for the `weeks` weeks ending with `end_date`'s week, at
    the level of a summary of the same scope (core/summary.py: resolve_scope).

    A kabupaten/kota's returns {"area": {kode, nama}, "weeks": [{label, start, end}]
    (oldest first), "kelurahan": [{kode, nama, kecamatan_kode, kecamatan, visits: [n per
    week], total}], "kecamatan": [{kode, nama, visits: [...], total}], "totals": {visits:
    [...], total}, "level", "group_level", "scope"}; at another level the rows and groups
    are under their level's names, as in the summary."""
    from faskel_cli.core import regions

    if scope is None:
        scope = resolve_scope(db, kecamatan=kecamatan_kode)
    periods = trend_weeks(end_date, weeks)
    params: dict = {"first": periods[0].start.isoformat(), "last": periods[-1].end.isoformat()}
    where = scope_sql(params, None, prefix=scope.prefix)
    # Counted per kelurahan and date through visits_summary; the week of each of those few
    # (kelurahan, date) groups is then plain day arithmetic from the first Monday.
    units_sql = (
        "select p.kel as kel, "
        "cast((julianday(p.d) - julianday(:first)) / 7 as integer) as week, p.n from ("
        "select date as d, kelurahan_kode as kel, count(*) as n "
        "from visits indexed by visits_summary "
        "where deleted_at is null and date between :first and :last "
        "group by date, kelurahan_kode) p "
        f"join regions r on r.kode = p.kel{where}"
    )
    found = rollup(db, units_sql, ["sum(n)"], params, keys=("week",), levels=scope.levels)

    def series(level: str, kode: str) -> dict:
        counts = [found.get((level, kode, i), (0,))[0] or 0 for i in range(len(periods))]
        return {"visits": counts, "total": sum(counts)}

    rows = [
        {**scope.row(kode, nama, parent_kode, parent), **series("row", kode)}
        for kode, nama, parent_kode, parent in units(db, scope, scope.rows)
    ]
    place = regions.area(db)
    trend: dict = {
        "area": {"kode": place.kode, "nama": place.nama},
        "weeks": [
            {"label": week_label(p.start), "start": p.start.isoformat(), "end": p.end.isoformat()}
            for p in periods
        ],
        scope.rows: rows,
    }
    if scope.groups:
        trend[scope.groups] = [
            {"kode": kode, "nama": nama, **series("group", kode)}
            for kode, nama, _, _ in units(db, scope, scope.groups)
        ]
    trend["totals"] = series("area", "")
    return {**trend, **scope.keys()}
