"""The one query layer of summaries: per kelurahan, per facilitator and week by week.

`faskel summary`, `faskel trend` and `faskel report` (every format) render what these
functions return and compute nothing themselves, so a number never differs between views.

- `build_summary(db, period, kecamatan_kode=None) -> dict`: the weekly summary (the JSON of
  `faskel summary --format json`, stable keys that scripts and dashboards read).
- `summary_by_facilitator(db, period, kecamatan_kode=None) -> list[dict]`: one row per
  facilitator (`faskel summary --by facilitator`).
- `build_trend(db, end_date, weeks=8, kecamatan_kode=None, scope=None) -> dict` (in
  core/trend.py): visits per unit per ISO week (`faskel trend`).

`db` is anything with `execute(sql, params)` returning a cursor: a sqlite_utils Database or a
plain sqlite3 Connection (the summary command opens the latter; see `open_read`).

Every number is aggregated by SQLite (GROUP BY), reading only the rows of the period through
covering indexes (m001 `visits_summary`, m004 `visits_links` and the follow-up indexes; the
activities by stage from the per-village counts m016 keeps), so the cost follows the size
of the period, not of the history. Counts of distinct
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

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from faskel_cli.core import areas
from faskel_cli.core.dates import Period
from faskel_cli.core.errors import InputError
from faskel_cli.core.summary_measures import (
    FOLLOWUP_SETS,
    OPEN_AT_END,
    measure_all,
    rollup,
    scope_sql,
    share,
)
from faskel_cli.core.summary_people import summary_by_facilitator
from faskel_cli.core.vocab import STAGES

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path

    from faskel_cli.core.store import Reader

__all__ = [
    "COUNT_KEYS",
    "FACILITATOR_KEYS",
    "FOLLOWUP_SETS",
    "OPEN_AT_END",
    "Scope",
    "build_summary",
    "open_read",
    "resolve_scope",
    "rollup",
    "scope_sql",
    "share",
    "units",
    "summary_by_facilitator",
]

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

# --- reading a database fast ---------------------------------------------------------------


def open_read(path: Path) -> sqlite3.Connection | None:
    """A read-only sqlite3 Connection on an existing faskel database that already holds
    every migration of this faskel (the queries read the newest indexes), or None (then
    open it the ordinary way, through `core.db.connect`, which creates, migrates, checks
    and reports).

    Summaries are benchmarked against the sqlite3 shell: opening with the standard library
    alone spares the import of sqlite-utils, which costs more than a week's summary."""
    import sqlite3

    from faskel_cli.core.db import MIGRATIONS, check_path
    from faskel_cli.core.store import BUSY_TIMEOUT_MS

    if not check_path(path, write=False):
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        marks = ", ".join("?" for _ in MIGRATIONS)
        found = conn.execute(
            "select count(*) from _sqlite_migrations where migration_set = 'faskel' "
            f"and name in ({marks})",
            MIGRATIONS,
        ).fetchone()[0]
        if found == len(MIGRATIONS):
            from faskel_cli.core.db import use_area_zone

            use_area_zone(conn)
            return conn
    except sqlite3.Error:
        pass
    conn.close()
    return None


# --- the scope and level of a summary --------------------------------------------------------

# The level of a summary's rows by the level of what it covers (the area, or the kabupaten or
# kecamatan asked for): a kota's kelurahan, a province's kabupaten/kota, the nation's provinces.
DEFAULT_LEVEL = {
    "negara": "provinsi",
    "provinsi": "kabupaten",
    "kabupaten": "kelurahan",
    "kecamatan": "kelurahan",
}
ROW_LEVELS = ("provinsi", "kabupaten", "kecamatan", "kelurahan")


@dataclass(frozen=True)
class Scope:
    """What a summary covers (`kode`, `nama`, `level`: the area or one of its kabupaten or
    kecamatan), the level of its rows and that of its subtotals (None: only the total)."""

    kode: str
    nama: str
    level: str
    rows: str
    groups: str | None

    @property
    def prefix(self) -> str:
        return areas.prefix(self.kode)

    @property
    def levels(self) -> tuple[tuple[str, int], ...]:
        """What `rollup` groups by: the rows, the groups when there are, and the whole."""
        found = [("row", areas.WIDTH[self.rows])]
        if self.groups:
            found.append(("group", areas.WIDTH[self.groups]))
        return (*found, ("area", 0))

    def row(self, kode: str, nama: str, parent_kode: str | None, parent: str | None) -> dict:
        """A row's own keys (as `units` gives them): its kode and name, and its group's."""
        found: dict[str, Any] = {"kode": kode, "nama": nama}
        if self.groups:
            found[f"{self.groups}_kode"] = parent_kode
            found[self.groups] = parent
        return found

    def keys(self) -> dict[str, Any]:
        """The keys saying what a summary or trend covers and at which levels."""
        return {
            "level": self.rows,
            "group_level": self.groups,
            "scope": {"kode": self.kode, "nama": self.nama, "level": self.level},
        }


def resolve_scope(
    db: Reader,
    level: str | None = None,
    kabupaten: str | None = None,
    kecamatan: str | None = None,
) -> Scope:
    """The Scope of `--level`, `--kabupaten` and `--kecamatan` (names or kodes, resolved in
    the area); the rows' level must lie below what is covered."""
    from faskel_cli.core import regions

    unit = regions.area(db)
    if kabupaten:
        unit = regions.resolve(db, kabupaten, "kabupaten")
    if kecamatan:
        found = regions.kecamatan(db, kecamatan)
        if kabupaten and not found.kode.startswith(unit.kode + "."):
            raise InputError("err.kecamatan_outside", kecamatan=found.nama, kabupaten=unit.nama)
        unit = found
    rows = level or DEFAULT_LEVEL.get(unit.level, "kelurahan")
    if rows not in ROW_LEVELS or areas.LEVELS.index(rows) <= areas.LEVELS.index(unit.level):
        raise InputError("err.level_not_below", level=rows, nama=unit.nama, scope=unit.level)
    parent = areas.LEVELS[areas.LEVELS.index(rows) - 1]
    if rows == "kelurahan":
        groups: str | None = "kecamatan"  # as a kota's summary always had them
    elif areas.LEVELS.index(parent) > areas.LEVELS.index(unit.level):
        groups = parent
    else:
        groups = None
    return Scope(unit.kode, unit.nama, unit.level, rows, groups)


def units(db: Reader, scope: Scope, level: str) -> list[tuple[str, str, str | None, str | None]]:
    """(kode, nama, parent kode, parent nama) of every unit of `level` covered, in kode order."""
    sql = (
        "select u.kode, u.nama, p.kode, p.nama from regions u "
        "left join regions p on p.kode = u.parent_kode where u.level = ?"
    )
    params: list = [level]
    if level == scope.level:  # the kecamatan asked for, as the subtotal of its villages
        sql += " and u.kode = ?"
        params.append(scope.kode)
    elif scope.prefix:
        sql += " and u.kode like ?"
        params.append(scope.prefix + "%")
    return [tuple(row) for row in db.execute(sql + " order by u.kode", params).fetchall()]


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


def _completeness(key: tuple, found: dict[str, dict[tuple, tuple]]) -> dict:
    """Villages visited, their number (desa among them) and those not visited, of a unit."""
    visits, villages = found["visits"].get(key), found["regions"].get(key)
    visited = visits[4] if visits else 0
    total = villages[1] if villages else 0
    return {
        "kelurahan_visited": visited,
        "kelurahan_total": total,
        "desa_total": (villages[2] or 0) if villages else 0,
        "not_visited": total - visited,
        "completeness": share(visited, total),
    }


def _not_visited_villages(db: Reader, params: dict, scope: str) -> list[str]:
    """The kodes of the villages covered with no visit in the period."""
    return [
        row[0]
        for row in db.execute(
            "select r.kode from regions r where r.level = 'kelurahan'"
            f"{scope} and not exists (select 1 from visits v where v.kelurahan_kode = r.kode "
            "and v.deleted_at is null and v.date between :start and :end) order by r.kode",
            params,
        ).fetchall()
    ]


def build_summary(
    db: Reader,
    period: Period,
    kecamatan_kode: str | None = None,
    *,
    scope: Scope | None = None,
    list_not_visited: bool = False,
) -> dict:
    """The summary of `period` for the area, one kecamatan (its kode, resolved) or a Scope.

    A kabupaten/kota's (rows kelurahan) returns {"area": {kode, nama, level}, "period":
    {label, start, end}, "level": "kelurahan", "group_level": "kecamatan", "scope",
    "kelurahan": [{kode, nama, kecamatan_kode, kecamatan, *COUNT_KEYS}] (every village,
    visited or not, in kode order), "kecamatan": [{kode, nama, *COUNT_KEYS,
    kelurahan_visited, kelurahan_total, desa_total, not_visited, completeness}], "totals":
    {*COUNT_KEYS, kelurahan_visited, ...}, "not_visited": [kode, ...]}.

    At another level the rows are under the level's name ("kabupaten", "provinsi",
    "kecamatan"), each with the village counts of the kecamatan rows above (not_visited a
    number); subtotals under the group level's name, when there is one; "not_visited" (the
    kodes of every village not visited) only with `list_not_visited`. `activities` is
    {perencanaan, pelaksanaan, pertanggungjawaban, evaluasi}; dates are ISO strings;
    completeness = visited / total villages to 3 places (None without villages)."""
    from faskel_cli.core import regions

    if scope is None:
        kec = regions.resolve(db, kecamatan_kode, "kecamatan") if kecamatan_kode else None
        scope = resolve_scope(db, kecamatan=kec.kode if kec else None)
    params: dict = {"start": period.start.isoformat(), "end": period.end.isoformat()}
    where = scope_sql(params, None, prefix=scope.prefix)
    found = measure_all(db, params, where, scope.levels)
    villages = scope.rows == "kelurahan"
    rows = []
    for kode, nama, parent_kode, parent in units(db, scope, scope.rows):
        row = scope.row(kode, nama, parent_kode, parent)
        row.update(_counts(("row", kode), found))
        if not villages:
            row.update(_completeness(("row", kode), found))
        rows.append(row)
    groups = []
    if scope.groups:
        for kode, nama, _, _ in units(db, scope, scope.groups):
            key = ("group", kode)
            groups.append(
                {"kode": kode, "nama": nama, **_counts(key, found), **_completeness(key, found)}
            )
    place = regions.area(db)
    summary: dict = {
        "area": {"kode": place.kode, "nama": place.nama, "level": place.level},
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
            "kind": period.kind,
        },
        scope.rows: rows,
    }
    if scope.groups:
        summary[scope.groups] = groups
    summary["totals"] = {**_counts(("area", ""), found), **_completeness(("area", ""), found)}
    if villages:
        summary["not_visited"] = [row["kode"] for row in rows if not row["visits"]]
    elif list_not_visited:
        summary["not_visited"] = _not_visited_villages(db, params, where)
    summary.update(scope.keys())
    return summary
