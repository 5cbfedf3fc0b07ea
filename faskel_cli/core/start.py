"""What `faskel` alone shows and sets up: the start page of the person set as `me` (this
week's visits, follow-ups due soon or overdue, activities waiting for their next stage, the
last bundle sent) and the first run of a new laptop (area, who uses it, language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.vocab import STAGES

if TYPE_CHECKING:
    from faskel_cli.core.store import Db, Reader

SHOWN = 5  # rows of each list on the page; the counts say how many there are in all
DUE_SOON_DAYS = 7  # a follow-up due within this many days is shown before it is late


@dataclass(frozen=True)
class Me:
    handle: str
    name: str
    role: str
    kelurahan: tuple[str, ...]  # names


@dataclass
class StartPage:
    """One screen for `me` (or for the whole area when `me` is not set, or is a koordinator)."""

    area: str
    today: date
    week: str
    week_start: date
    week_end: date
    me: Me | None
    visits: list[dict] = field(default_factory=list)  # date, kelurahan, kind, strand
    visits_total: int = 0
    followups: list[dict] = field(default_factory=list)  # id, problem, kelurahan, due, late
    followups_total: int = 0
    followups_overdue: int = 0
    activities: list[dict] = field(default_factory=list)  # id, title, kelurahan, stage, ...
    activities_total: int = 0
    last_bundle: str | None = None  # UTC stamp of the last export (bundle export, sync)
    silent: list[str] = field(default_factory=list)  # faskel with no visit this week
    facilitators: int = 0
    stall_days: int = 30  # the `stall_days` setting: an activity this long in a stage is stalled

    @property
    def area_wide(self) -> bool:
        return self.me is None or self.me.role == "koordinator"


def _me(db: Reader) -> Me | None:
    row = db.execute(
        "select f.id, f.handle, f.name, f.role from settings s "
        "join facilitators f on f.handle = s.value and f.deleted_at is null "
        "where s.key = 'me'"
    ).fetchone()
    if row is None:
        return None
    names = [
        r[0]
        for r in db.execute(
            "select r.nama from facilitator_assignments a "
            "join regions r on r.kode = a.kelurahan_kode where a.facilitator_id = ? "
            "order by r.kode",
            [row[0]],
        ).fetchall()
    ]
    return Me(row[1], row[2], row[3], tuple(names))


def page(db: Reader) -> StartPage:
    """The start page as of today (Asia/Jakarta, or FASKEL_TODAY)."""
    from faskel_cli.core.dates import week_label
    from faskel_cli.core.regions import area

    today = clock.today()
    start = today - timedelta(days=today.weekday())
    end = start + timedelta(days=6)
    me = _me(db)
    result = StartPage(area(db).nama, today, week_label(today), start, end, me)
    mine = me is not None and me.role != "koordinator"
    me_id = (
        db.execute(
            "select id from facilitators where handle = ? and deleted_at is null", [me.handle]
        ).fetchone()[0]
        if me is not None
        else None
    )
    # Their own kelurahan: follow-ups nobody owns there, activities there.
    places = "(select kelurahan_kode from facilitator_assignments where facilitator_id = :me)"

    visit_where = "v.deleted_at is null and v.date between :start and :end"
    if mine:
        visit_where += " and v.facilitator_id = :me"
    params = {
        "me": me_id,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "today": today.isoformat(),
        "soon": (today + timedelta(days=DUE_SOON_DAYS)).isoformat(),
    }
    result.visits_total = db.execute(
        f"select count(*) from visits v where {visit_where}", params
    ).fetchone()[0]
    result.visits = [
        dict(zip(("date", "kelurahan", "kind", "strand", "facilitator"), row, strict=True))
        for row in db.execute(
            "select v.date, r.nama, v.kind, v.strand, f.handle from visits v "
            "join regions r on r.kode = v.kelurahan_kode "
            "join facilitators f on f.id = v.facilitator_id "
            f"where {visit_where} order by v.date desc, v.id desc limit {SHOWN}",
            params,
        ).fetchall()
    ]

    due_where = (
        "f.deleted_at is null and f.status = 'open' and f.due is not null and f.due <= :soon"
    )
    if mine:
        due_where += (
            f" and (f.owner_id = :me or (f.owner_id is null and f.kelurahan_kode in {places}))"
        )
    result.followups_total, result.followups_overdue = db.execute(
        f"select count(*), coalesce(sum(f.due < :today), 0) from followups f where {due_where}",
        params,
    ).fetchone()
    result.followups = [
        {
            "ref": row[0],
            "problem": row[1],
            "kelurahan": row[2],
            "due": row[3],
            "late": (today - date.fromisoformat(row[3])).days,
        }
        for row in db.execute(
            "select coalesce(f.ref, f.id), f.problem, r.nama, f.due from followups f "
            "join regions r on r.kode = f.kelurahan_kode "
            f"where {due_where} order by f.due, f.id limit {SHOWN}",
            params,
        ).fetchall()
    ]

    last = STAGES[-1]
    activity_where = f"a.deleted_at is null and a.stage != '{last}'"
    if mine:
        activity_where += f" and a.kelurahan_kode in {places}"
    result.activities_total = db.execute(
        f"select count(*) from activities a where {activity_where}", params
    ).fetchone()[0]
    result.activities = [
        {
            "ref": row[0],
            "title": row[1],
            "kelurahan": row[2],
            "stage": row[3],
            "next": STAGES[STAGES.index(row[3]) + 1] if row[3] in STAGES[:-1] else None,
            "since": row[4],
            "days": (today - date.fromisoformat(row[4])).days,
        }
        for row in db.execute(
            "select coalesce(a.ref, a.id), a.title, r.nama, a.stage, a.stage_since "
            "from activities a "
            "join regions r on r.kode = a.kelurahan_kode "
            f"where {activity_where} order by a.stage_since, a.id limit {SHOWN}",
            params,
        ).fetchall()
    ]

    stall = db.execute("select value from settings where key = 'stall_days'").fetchone()
    result.stall_days = int(stall[0]) if stall else result.stall_days
    result.last_bundle = db.execute("select max(exported_at) from bundle_targets").fetchone()[0]
    result.facilitators = db.execute(
        "select count(*) from facilitators where deleted_at is null and active = 1"
    ).fetchone()[0]
    if result.area_wide:
        result.silent = [
            row[0]
            for row in db.execute(
                "select f.handle from facilitators f where f.deleted_at is null and f.active = 1 "
                "and f.role = 'faskel' and not exists (select 1 from visits v "
                "where v.facilitator_id = f.id and v.deleted_at is null "
                "and v.date between :start and :end) order by f.handle",
                params,
            ).fetchall()
        ]
    return result


# --- the first run --------------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    """The answers of the first run, checked one by one as they were given."""

    area: str  # kode of the kabupaten/kota
    lang: str
    role: str  # faskel | koordinator
    handle: str
    name: str
    kelurahan: tuple[str, ...] = ()  # kode


def area_kelurahan(area_kode: str) -> list[tuple[str, str, str]]:
    """(kode, nama, kecamatan) of every kelurahan/desa of an area, from the region table
    (before any database exists), in kode order."""
    from faskel_cli.core.regions import read_reference

    kecamatan: dict[str, str] = {}
    found: list[tuple[str, str, str]] = []
    for kode, nama in read_reference(area_kode):
        depth = kode.count(".")
        if depth == 2:
            kecamatan[kode] = nama
        elif depth == 3:
            found.append((kode, nama, kecamatan.get(kode.rsplit(".", 1)[0], "")))
    return sorted(found)


def pick_kelurahan(answer: str, choices: list[tuple[str, str, str]]) -> tuple[str, ...]:
    """Kelurahan kode from an answer: numbers of the list or names (any case, spaces),
    separated by commas; an unknown one is refused naming it."""
    from faskel_cli.core.errors import InputError
    from faskel_cli.core.regions import normalise

    picked: list[str] = []
    parts = [p.strip() for p in answer.replace(";", ",").split(",") if p.strip()]
    if not parts:
        raise InputError("err.setup_kelurahan_none")
    by_name: dict[str, list[str]] = {}
    for kode, nama, _ in choices:
        by_name.setdefault(normalise(nama), []).append(kode)
    for part in parts:
        if part.isdigit() and 1 <= int(part) <= len(choices):
            kode = choices[int(part) - 1][0]
        elif len(by_name.get(normalise(part), [])) == 1:
            kode = by_name[normalise(part)][0]
        else:
            raise InputError("err.setup_kelurahan_unknown", value=part, n=len(choices))
        if kode not in picked:
            picked.append(kode)
    return tuple(picked)


def apply(db: Db, answers: Setup) -> None:
    """The first run's answers written in one transaction: the area, the person (set as
    `me`) and the language."""
    from faskel_cli.core import facilitators, regions, settings
    from faskel_cli.core.store import transaction

    with transaction(db):
        regions.load_area(db, answers.area)
        facilitators.add(db, answers.name, answers.handle, answers.kelurahan, answers.role)
        settings.set_value(db, "me", answers.handle)
        settings.set_value(db, "lang", answers.lang)
