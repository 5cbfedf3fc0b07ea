"""The coordinator's recap of a period (`faskel report rekap`, usually a month): one row per
facilitator, then one per kelurahan, each table with its totals.

Every number is one of the summary's (`summary_by_facilitator` and `build_summary`, the
JSON of `faskel summary --by facilitator` and `faskel summary`), aggregated by SQLite; this
module adds two things those do not hold, both counted in SQL too: the days each kelurahan
was visited, and who is assigned to each kelurahan.

    build_rekap(db, period, scope=None) -> {
        "area": {kode, nama, level}, "scope": {kode, nama, level} (what the recap covers),
        "period": {label, start, end, kind},
        "facilitators": [FACILITATOR_KEYS rows of summary_by_facilitator],
        "facilitator_totals": {visits, days_worked, male, female, female_share,
                               followups_opened, followups_done, followups_overdue},
        "kelurahan": [{kode, nama, kecamatan_kode, kecamatan, assigned: [handle, ...],
                       visits, days_visited, facilitators, male, female, female_share,
                       followups_opened, followups_done, followups_overdue, last_visit}],
        "kelurahan_totals": {the same counts for the area (facilitators: distinct),
                             kelurahan_visited, kelurahan_total, completeness},
    }

A facilitator's follow-ups are those they own; a kelurahan's, those raised there: the two
totals differ by the follow-ups nobody owns. Days worked add up person-days; days visited
count each kelurahan's own days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core.dates import Period
from faskel_cli.core.errors import InputError
from faskel_cli.core.summary import build_summary, resolve_scope, share, summary_by_facilitator

if TYPE_CHECKING:
    from faskel_cli.core.store import Reader
    from faskel_cli.core.summary import Scope

# What a recap covers: its rows are villages, a kabupaten/kota's or a kecamatan's.
RECAP_LEVELS = ("kabupaten", "kecamatan")

# Counts added up over the facilitators' rows, and over the kelurahan rows.
FACILITATOR_SUMS = (
    "visits",
    "days_worked",
    "male",
    "female",
    "followups_opened",
    "followups_done",
    "followups_overdue",
)
KELURAHAN_KEYS = (
    "kode",
    "nama",
    "kecamatan_kode",
    "kecamatan",
    "assigned",
    "visits",
    "days_visited",
    "facilitators",
    "male",
    "female",
    "female_share",
    "followups_opened",
    "followups_done",
    "followups_overdue",
    "last_visit",
)


def _days_visited(db: Reader, period: Period) -> dict[str, int]:
    return dict(
        db.execute(
            "select kelurahan_kode, count(distinct date) from visits indexed by visits_summary "
            "where deleted_at is null and date between ? and ? group by kelurahan_kode",
            [period.start.isoformat(), period.end.isoformat()],
        ).fetchall()
    )


def _assigned(db: Reader) -> dict[str, list[str]]:
    """The handles of the active facilitators assigned to each kelurahan, in order."""
    found: dict[str, list[str]] = {}
    for kode, handle in db.execute(
        "select fa.kelurahan_kode, f.handle from facilitator_assignments fa "
        "join facilitators f on f.id = fa.facilitator_id "
        "where f.deleted_at is null and f.active = 1 order by f.handle"
    ).fetchall():
        found.setdefault(kode, []).append(handle)
    return found


def build_rekap(db: Reader, period: Period, scope: Scope | None = None) -> dict:
    """The recap of `scope` (a kabupaten/kota or a kecamatan, rows kelurahan; by default
    the area, which must then be one of those: a province's villages are recapped one
    kabupaten/kota at a time)."""
    from faskel_cli.core import regions

    if scope is None:
        scope = resolve_scope(db, "kelurahan")
    if scope.level not in RECAP_LEVELS:
        raise InputError("err.rekap_scope", nama=scope.nama)
    area = regions.area(db)
    summary = build_summary(db, period, scope=scope)
    people = summary_by_facilitator(db, period, None if scope.kode == area.kode else scope.kode)
    days = _days_visited(db, period)
    assigned = _assigned(db)
    kelurahan = []
    for row in summary["kelurahan"]:
        item = {key: row[key] for key in KELURAHAN_KEYS if key in row}
        item["assigned"] = assigned.get(row["kode"], [])
        item["days_visited"] = days.get(row["kode"], 0)
        kelurahan.append({key: item[key] for key in KELURAHAN_KEYS})
    people_totals: dict = {key: sum(row[key] for row in people) for key in FACILITATOR_SUMS}
    people_totals["female_share"] = share(
        people_totals["female"], people_totals["male"] + people_totals["female"]
    )
    totals = summary["totals"]
    place_totals = {
        key: totals[key]
        for key in (
            "visits",
            "facilitators",
            "male",
            "female",
            "female_share",
            "followups_opened",
            "followups_done",
            "followups_overdue",
            "kelurahan_visited",
            "kelurahan_total",
            "desa_total",
            "completeness",
        )
    }
    place_totals["days_visited"] = sum(row["days_visited"] for row in kelurahan)
    return {
        "area": summary["area"],
        "scope": summary["scope"],
        "period": summary["period"],
        "facilitators": people,
        "facilitator_totals": people_totals,
        "kelurahan": kelurahan,
        "kelurahan_totals": place_totals,
    }
