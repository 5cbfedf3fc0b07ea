"""A seedable generator of realistic faskel data, written straight into a faskel database.

    .venv/bin/python bench/generate.py --visits 1000000 --seed 1 --output bench/out/x.db

The database is created with faskel_cli.core.db.connect (so its schema and migrations are the
real ones, and its area is Kota Pekalongan with its real 4 kecamatan and 27 kelurahan); then
everything is bulk-inserted with executemany in one transaction: 50 facilitators (46 faskel
and 4 koordinator) with their kelurahan, about 16 LKK per kelurahan, activities that move
through their stages, N visits over several years (60,000 a year by default, the volume of a
city, ending on --end) with their LKK, and follow-ups of the problems met on them, most
closed after a while. A few records of every kind are deleted (tombstones). Audit rows are
not written (summaries never read them).

The same --seed gives the same database, ids included (UUIDv7 built from the record's own
creation time and the seeded random generator).
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faskel_cli.core.db import connect, get_setting  # noqa: E402
from faskel_cli.core.vocab import STAGES, STRANDS, VISIT_KINDS  # noqa: E402

FIRST = (
    "Siti Budi Dewi Agus Rina Ahmad Sri Eko Wahyu Nur Dian Fajar Indah Joko Lestari Rudi Yuni "
    "Hendra Ratna Bambang Tri Maya Andi Wulan Slamet Fitri Dimas Ayu Teguh Ani"
).split()
LAST = (
    "Aminah Santoso Lestari Prasetyo Wati Fauzi Rahayu Saputra Hidayat Kusuma Setiawan "
    "Purnomo Handayani Susanto Maharani Nugroho Wibowo Anggraini Utomo Permata"
).split()
NOTES = (
    "Pendampingan rapat kader posyandu.",
    "Bimbingan penyusunan usulan Dana Kelurahan.",
    "Pengawasan kerja bakti saluran drainase RW 03.",
    "Pertemuan LPM membahas prioritas pembangunan.",
    "Pelatihan pembukuan untuk pengurus BKM.",
    "Pemetaan swadaya bersama warga dan ketua RT.",
    "Evaluasi kegiatan pelatihan menjahit ibu-ibu PKK.",
    "Musyawarah kelurahan tentang perbaikan jalan lingkungan.",
    None,
    None,
)
PROBLEMS = (
    ("Laporan keuangan kegiatan belum lengkap.", "Dampingi bendahara melengkapi bukti."),
    ("Kehadiran warga rendah.", "Koordinasi jadwal dengan ketua RW."),
    ("Material pembangunan terlambat.", "Hubungi penyedia dan kelurahan."),
    ("Data posyandu belum diperbarui.", "Bimbingan kader mengisi register."),
)
TITLES = (
    ("fisik", "Normalisasi saluran drainase RW {n}"),
    ("fisik", "Perbaikan jalan lingkungan RT {n}"),
    ("fisik", "Pembangunan MCK umum RW {n}"),
    ("nonfisik", "Pelatihan menjahit ibu-ibu PKK angkatan {n}"),
    ("nonfisik", "Pelatihan kader posyandu {n}"),
    ("nonfisik", "Sosialisasi PHBS RW {n}"),
)
ACTIVITIES_PER_KELURAHAN_YEAR = 8
PROBLEM_RATE = 0.08
DELETE_RATE = 0.005
WIB = 7  # hours ahead of UTC


class Ids:
    """UUIDv7 from a moment and a seeded generator: reproducible and time-ordered."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self, moment: datetime) -> str:
        ms = int(moment.timestamp() * 1000)
        value = (ms & ((1 << 48) - 1)) << 80
        value |= 0x7 << 76
        value |= self.rng.getrandbits(12) << 64
        value |= 0b10 << 62
        value |= self.rng.getrandbits(62)
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def at(day: date, rng: random.Random) -> datetime:
    """A moment on `day` between 08:00 and 20:00 WIB, in UTC."""
    seconds = rng.randrange(8 * 3600, 20 * 3600)
    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(
        seconds=seconds - WIB * 3600
    )


def generate(
    path: Path,
    visits: int,
    seed: int,
    end: date,
    per_year: int,
    *,
    area: str | None = None,
    facilitators: int = 50,
    prefix: str = "faskel",
    lite: bool = False,
) -> dict:
    """`area` (a kode or `indonesia`): the database is made by `faskel init --area AREA`
    (bench/bench_levels.py: a province, the nation, each kota of a province); `lite`: only
    a PKK and a posyandu per village and one activity per village a year (the nation)."""
    rng = random.Random(seed)
    new_id = Ids(rng)
    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    if area:
        subprocess.run(
            [sys.executable, "-m", "faskel_cli", "--db", str(path), "init", "--area", area],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=ROOT,
        )
    db = connect(path)  # the real schema, migrations and area (Kota Pekalongan by default)
    device = get_setting(db, "device_id")
    conn = db.conn
    kelurahan = [
        (r[0], r[1])
        for r in conn.execute(
            "select kode, parent_kode from regions where level = 'kelurahan' order by kode"
        )
    ]
    kecamatan = sorted({parent for _, parent in kelurahan})
    days = max(int(visits / per_year * 365.25), 7)
    start = end - timedelta(days=days - 1)
    counts: dict[str, int] = {}
    conn.execute("pragma journal_mode = delete")  # one big transaction: no huge WAL file
    conn.execute("pragma synchronous = off")
    conn.execute("pragma cache_size = -1000000")
    conn.execute("begin")

    # Facilitators: 46 faskel with 1-3 kelurahan of one kecamatan, 4 koordinator (of 50; of
    # more, one koordinator in 50, the faskel spread evenly over the villages).
    created = at(start - timedelta(days=30), rng)
    people, assignments = [], []
    by_kelurahan: dict[str, list[str]] = {kode: [] for kode, _ in kelurahan}
    order = [kode for kode, _ in kelurahan]
    n_faskel = facilitators - max(4, facilitators // 50)
    for n in range(facilitators):
        person = new_id(created + timedelta(seconds=n))
        role = "koordinator" if n >= n_faskel else "faskel"
        name = f"{FIRST[n % len(FIRST)]} {LAST[(n * 7) % len(LAST)]}"
        ts = stamp(created)
        people.append((person, f"{prefix}{n + 1:02d}", name, role, None, 1, ts, ts, None, device))
        if role == "koordinator":
            own = kecamatan[(n - n_faskel) % len(kecamatan)]
            mine = [kode for kode, parent in kelurahan if parent == own]
        else:
            # every kelurahan has at least one faskel (when there are as many)
            spread = n_faskel >= len(order)
            first = order[n % len(order) if spread else n * len(order) // n_faskel]
            parent = first[:8]
            same = [kode for kode, p in kelurahan if p == parent and kode != first]
            mine = [first, *rng.sample(same, rng.randint(0, 2))]
        for kode in mine:
            assignments.append((person, kode))
            if role == "faskel":
                by_kelurahan[kode].append(person)
    # Columns named: later migrations add columns (m005: merged_into) with their defaults.
    conn.executemany(
        "insert into facilitators (id, handle, name, role, phone, active, created_at, "
        "updated_at, deleted_at, device_id) values (?,?,?,?,?,?,?,?,?,?)",
        people,
    )
    conn.executemany("insert into facilitator_kelurahan values (?,?)", assignments)
    counts["facilitators"] = len(people)
    all_people = [p[0] for p in people]

    # LKK: PKK, Karang Taruna, LPM, BKM, 2-4 posyandu, 5-9 RW, 1-3 dasawisma per kelurahan.
    lkk_rows = []
    lkk_of: dict[str, list[str]] = {}
    for kode, _ in kelurahan:
        names = [("pkk", "PKK"), ("karang-taruna", "Karang Taruna"), ("lpm", "LPM"), ("bkm", "BKM")]
        names += [("posyandu", f"Posyandu {i}") for i in range(1, rng.randint(2, 4) + 1)]
        names += [("rw", f"RW {i:02d}") for i in range(1, rng.randint(5, 9) + 1)]
        names += [("dasawisma", f"Dasawisma {i}") for i in range(1, rng.randint(1, 3) + 1)]
        if lite:
            names = [("pkk", "PKK"), ("posyandu", "Posyandu 1")]
        lkk_of[kode] = []
        for lkk_type, name in names:
            lkk_id = new_id(created)
            ts = stamp(created)
            lkk_rows.append((lkk_id, kode, lkk_type, name, ts, ts, None, device))
            lkk_of[kode].append(lkk_id)
    conn.executemany(
        "insert into lkk (id, kelurahan_kode, type, name, created_at, updated_at, deleted_at, "
        "device_id) values (?,?,?,?,?,?,?,?)",
        lkk_rows,
    )
    counts["lkk"] = len(lkk_rows)

    # Activities through their stages (later stages only once their date has come).
    activity_rows, stage_rows, activity_links = [], [], []
    activities_of: dict[str, list[tuple[date, str]]] = {kode: [] for kode, _ in kelurahan}
    per_kelurahan = max(1, round(days / 365.25 * (1 if lite else ACTIVITIES_PER_KELURAHAN_YEAR)))
    for kode, _ in kelurahan:
        starts = sorted(start + timedelta(days=rng.randrange(days)) for _ in range(per_kelurahan))
        for n, first_day in enumerate(starts):
            kind, title = rng.choice(TITLES)
            moment = at(first_day, rng)
            activity_id = new_id(moment)
            events = [(STAGES[0], first_day)]
            day = first_day
            for stage, (low, high) in zip(STAGES[1:], ((7, 45), (14, 90), (7, 30)), strict=True):
                day = day + timedelta(days=rng.randint(low, high))
                if day > end or rng.random() < 0.04:  # not yet, or stalled
                    break
                events.append((stage, day))
            budget = rng.randrange(5, 150) * 1_000_000
            spent = int(budget * rng.uniform(0.8, 1.0)) if len(events) >= 3 else None
            deleted = stamp(moment + timedelta(days=1)) if rng.random() < DELETE_RATE else None
            ts = stamp(moment)
            activity_rows.append(
                (
                    activity_id,
                    kode,
                    title.format(n=n % 12 + 1),
                    kind,
                    "Dana Kelurahan",
                    budget,
                    spent,
                    first_day.isoformat(),
                    events[-1][0],
                    events[-1][1].isoformat(),
                    ts,
                    stamp(at(events[-1][1], rng)),
                    deleted,
                    device,
                )
            )
            for seq, (stage, day) in enumerate(events):
                event_ts = stamp(at(day, rng))
                stage_rows.append(
                    (
                        new_id(at(day, rng)),
                        activity_id,
                        seq,
                        stage,
                        day.isoformat(),
                        None,
                        spent if stage == "pertanggungjawaban" else None,
                        event_ts,
                        event_ts,
                        None,
                        device,
                    )
                )
            for lkk_id in rng.sample(lkk_of[kode], rng.randint(0, 2)):
                activity_links.append((activity_id, lkk_id))
            if not deleted:
                activities_of[kode].append((first_day, activity_id))
    conn.executemany(
        "insert into activities (id, kelurahan_kode, title, type, funding, budget, spent, "
        "start_date, stage, stage_since, created_at, updated_at, deleted_at, device_id) "
        "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        activity_rows,
    )
    conn.executemany("insert into activity_stages values (?,?,?,?,?,?,?,?,?,?,?)", stage_rows)
    conn.executemany("insert into activity_lkk values (?,?)", activity_links)
    counts["activities"] = len(activity_rows)
    counts["activity_stages"] = len(stage_rows)

    # Visits, in date order (so their UUIDv7 ids are in order too), with LKK and follow-ups.
    weights = [rng.uniform(0.4, 1.6) for _ in kelurahan]
    cumulative = list(itertools.accumulate(weights))  # as choices(weights) makes it, once
    kodes = [kode for kode, _ in kelurahan]
    sqls = (
        "insert into visits (id, date, kelurahan_kode, facilitator_id, kind, strand, male, female, "
        "duration_minutes, notes, activity_id, created_at, updated_at, deleted_at, device_id) "
        "values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        "insert into visit_lkk values (?,?)",
        "insert into followups (id, kelurahan_kode, problem, action, problem_date, due, owner_id, "
        "status, done_date, resolution, visit_id, activity_id, created_at, updated_at, "
        "deleted_at, device_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    )
    made = {"visits": 0, "visit_lkk": 0, "followups": 0}
    batch_visits, batch_links, batch_followups = [], [], []
    day_offsets = sorted(rng.randrange(days) for _ in range(visits))
    for offset in day_offsets:
        day = start + timedelta(days=offset)
        if day.isoweekday() == 7 and day > start and rng.random() < 0.8:
            day -= timedelta(days=1)  # few visits on Sundays
        kode = rng.choices(kodes, cum_weights=cumulative)[0]
        mine = by_kelurahan[kode]
        person = rng.choice(mine) if mine and rng.random() < 0.9 else rng.choice(all_people)
        moment = at(day, rng)
        visit_id = new_id(moment)
        ts = stamp(moment)
        activity_id = None
        if rng.random() < 0.15:
            recent = [a for d, a in activities_of[kode][-6:] if d <= day]
            activity_id = recent[-1] if recent else None
        deleted = stamp(moment + timedelta(hours=2)) if rng.random() < DELETE_RATE else None
        batch_visits.append(
            (
                visit_id,
                day.isoformat(),
                kode,
                person,
                rng.choice(VISIT_KINDS),
                rng.choice(STRANDS),
                rng.randint(0, 30),
                rng.randint(0, 35),
                rng.choice((60, 90, 120, 150, 180, 240, None)),
                rng.choice(NOTES),
                activity_id,
                ts,
                ts,
                deleted,
                device,
            )
        )
        reached = rng.choices((0, 1, 2, 3), (3, 4, 2, 1))[0]
        for lkk_id in rng.sample(lkk_of[kode], min(reached, len(lkk_of[kode]))):
            batch_links.append((visit_id, lkk_id))
        if rng.random() < PROBLEM_RATE:
            problem, action = rng.choice(PROBLEMS)
            due = day + timedelta(days=rng.randint(7, 30))
            age = (end - day).days
            done_date = None
            if rng.random() < (0.97 if age > 60 else 0.5):
                done_date = min(day + timedelta(days=rng.randint(1, 60)), end)
            batch_followups.append(
                (
                    new_id(moment),
                    kode,
                    problem,
                    action,
                    day.isoformat(),
                    due.isoformat(),
                    person,
                    "done" if done_date else "open",
                    done_date.isoformat() if done_date else None,
                    "Sudah ditindaklanjuti." if done_date else None,
                    visit_id,
                    activity_id,
                    ts,
                    stamp(at(done_date, rng)) if done_date else ts,
                    stamp(moment) if rng.random() < DELETE_RATE else None,
                    device,
                )
            )
        if len(batch_visits) >= 50_000:
            _flush(conn, made, sqls, batch_visits, batch_links, batch_followups)
    _flush(conn, made, sqls, batch_visits, batch_links, batch_followups)
    counts.update(made)
    conn.execute("commit")
    conn.execute("pragma journal_mode = wal")  # as faskel leaves it
    db.close()
    counts["first_day"] = start.isoformat()
    counts["last_day"] = end.isoformat()
    return counts


def _flush(conn, made, sqls, visits, links, followups) -> None:
    conn.executemany(sqls[0], visits)
    conn.executemany(sqls[1], links)
    conn.executemany(sqls[2], followups)
    made["visits"] += len(visits)
    made["visit_lkk"] += len(links)
    made["followups"] += len(followups)
    visits.clear()
    links.clear()
    followups.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--end", default="2026-11-28", help="the last day with visits")
    parser.add_argument("--per-year", type=int, default=60_000, help="visits a year")
    parser.add_argument("--output", required=True, type=Path)
    parser.add_argument("--area", help="made by `faskel init --area AREA` (a kode, indonesia)")
    parser.add_argument("--facilitators", type=int, default=50)
    parser.add_argument("--prefix", default="faskel", help="of the facilitators' handles")
    parser.add_argument("--lite", action="store_true", help="few LKK and activities (nation)")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    partial = args.output.with_name(args.output.name + ".partial")
    began = time.perf_counter()
    counts = generate(
        partial,
        args.visits,
        args.seed,
        date.fromisoformat(args.end),
        args.per_year,
        area=args.area,
        facilitators=args.facilitators,
        prefix=args.prefix,
        lite=args.lite,
    )
    os.replace(partial, args.output)
    took = time.perf_counter() - began
    shown = ", ".join(f"{k} {v}" for k, v in counts.items())
    print(f"{args.output}: {shown} ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
