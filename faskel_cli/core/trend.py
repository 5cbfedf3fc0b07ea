"""Visits per kelurahan per ISO week (`faskel trend`, the web report's chart)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from faskel_cli.core.dates import Period, week_label
from faskel_cli.core.summary import kecamatan_rows, rollup, scope_sql

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
    db: Reader, end_date: date, weeks: int = 8, kecamatan_kode: str | None = None
) -> dict:
    """Visits per kelurahan per ISO week for the `weeks` weeks ending with `end_date`'s week.

    Returns {"area": {kode, nama}, "weeks": [{label, start, end}] (oldest first),
    "kelurahan": [{kode, nama, kecamatan_kode, kecamatan, visits: [n per week], total}],
    "kecamatan": [{kode, nama, visits: [...], total}], "totals": {visits: [...], total}}."""
    from faskel_cli.core import regions

    periods = trend_weeks(end_date, weeks)
    params: dict = {"first": periods[0].start.isoformat(), "last": periods[-1].end.isoformat()}
    scope = scope_sql(params, kecamatan_kode)
    # Counted per kelurahan and date through visits_summary; the week of each of those few
    # (kelurahan, date) groups is then plain day arithmetic from the first Monday.
    units = (
        "select p.kel as kel, r.parent_kode as kec, "
        "cast((julianday(p.d) - julianday(:first)) / 7 as integer) as week, p.n from ("
        "select date as d, kelurahan_kode as kel, count(*) as n "
        "from visits indexed by visits_summary "
        "where deleted_at is null and date between :first and :last "
        "group by date, kelurahan_kode) p "
        f"join regions r on r.kode = p.kel{scope}"
    )
    found = rollup(db, units, ["sum(n)"], params, keys=("week",))

    def series(level: str, kode: str) -> dict:
        counts = [found.get((level, kode, i), (0,))[0] or 0 for i in range(len(periods))]
        return {"visits": counts, "total": sum(counts)}

    place = regions.area(db)
    return {
        "area": {"kode": place.kode, "nama": place.nama},
        "weeks": [
            {"label": week_label(p.start), "start": p.start.isoformat(), "end": p.end.isoformat()}
            for p in periods
        ],
        "kelurahan": [
            {
                "kode": row["kode"],
                "nama": row["nama"],
                "kecamatan_kode": row["kecamatan_kode"],
                "kecamatan": row["kecamatan"],
                **series("kelurahan", row["kode"]),
            }
            for row in regions.kelurahan_rows(db, kecamatan_kode)
        ],
        "kecamatan": [
            {"kode": kode, "nama": nama, **series("kecamatan", kode)}
            for kode, nama in kecamatan_rows(db, kecamatan_kode)
        ],
        "totals": series("area", ""),
    }
