"""The summary per facilitator (`faskel summary --by facilitator`)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from faskel_cli.core.summary_measures import FOLLOWUP_SETS, OPEN_AT_END, share

if TYPE_CHECKING:
    from faskel_cli.core.dates import Period
    from faskel_cli.core.store import Reader


def summary_by_facilitator(
    db: Reader, period: Period, kecamatan_kode: str | None = None
) -> list[dict]:
    """One row per facilitator (by handle): every active facilitator (with a unit of the
    area, `kecamatan_kode` being the kode of a kecamatan, a kabupaten/kota or a provinsi:
    every active one assigned there), and anyone else who has visits in the period (in it). A
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
        params["unit"] = kecamatan_kode + ".%"  # village kodes nest: a prefix is the unit

    def within(column: str) -> str:
        """The condition keeping `column`'s village in the unit ('' for the area)."""
        if not kecamatan_kode:
            return ""
        return f" and {column} like :unit"

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
            f"{OPEN_AT_END} as still_open from ({FOLLOWUP_SETS}) f "
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
