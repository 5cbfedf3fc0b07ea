"""Sheet import benchmark: a filled template of 10,000 visit rows imported with
`faskel visit import` into a database without them, then again (every row unchanged),
against a raw sqlite3 executemany of the same visits read from the same file.

    .venv/bin/python bench/bench_sheet_import.py [--rows 10000] [--rounds 3]
        [--workdir bench/out/sheet]

The database (30 facilitators over the 27 kelurahan of Kota Pekalongan, 4 LKK in each) and
the filled workbook are made once and cached in the work folder. The workbook is made the
way a person makes one: `faskel template visits --rows N` written by faskel, then filled
and saved by openpyxl (as Excel or LibreOffice would save it): dates as date cells, counts
as numbers, one or two LKK names in a cell, a note in every row.

Every timed step is a whole process (Python start-up included) on a warm file cache, each
run `--rounds` times interleaved, each on a fresh copy of the database; the medians are
compared. Wall seconds are what the goals judge; CPU seconds (user + sys, from os.wait4)
are printed too, since they say the same on a machine that other jobs keep busy.

Raw baseline: a Python process that reads the same workbook with openpyxl in read-only
mode (the way any program reads an .xlsx), maps the names to their ids with dicts built
from the database, builds each visit's row and LKK pairs and inserts them all with sqlite3
executemany in one transaction: no validation, no audit, no change log (its triggers are
dropped), no row identities. The results are checked: both databases hold the same visits.

Goals: import ≤ 3 × raw; importing the same file again ≤ 1 × raw. For information, the
same rows in a file saved again (its bytes differ, so every row is read and compared).
Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PYTHON = sys.executable
GOALS = {"import": 3.0, "again": 1.0}
TODAY = "2026-11-28"
LKK_KINDS = ("posyandu", "pkk", "lpm", "karang-taruna")


# --- the raw baseline (run as a child process) -----------------------------------------------


def raw_child(db_path: str, book_path: str) -> None:
    import uuid

    from openpyxl import load_workbook

    conn = sqlite3.connect(db_path)
    places = dict(conn.execute("select nama, kode from regions where level = 'kelurahan'"))
    people = dict(conn.execute("select handle, id from facilitators"))
    groups = {(k, n): i for i, k, n in conn.execute("select id, kelurahan_kode, name from lkk")}
    device = conn.execute("select value from settings where key = 'device_id'").fetchone()[0]
    book = load_workbook(book_path, read_only=True, data_only=True)
    rows, links = [], []
    now = time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime())
    for cells in book["Kunjungan"].iter_rows(min_row=2, values_only=True):
        if cells[1] is None:
            continue
        _, day, place, handle, kind, strand, names, male, female, minutes, _, notes, _ = cells
        visit_id, kode = str(uuid.uuid4()), places[place]
        rows.append(
            (visit_id, day.date().isoformat(), kode, people[handle], kind, strand, male or 0)
            + (female or 0, minutes, notes, None, now, now, None, device)
        )
        for name in (names or "").split(";"):
            if name.strip():
                links.append((visit_id, groups[(kode, name.strip())]))
    with conn:
        conn.executemany(f"insert into visits values ({', '.join('?' * 15)})", rows)
        conn.executemany("insert into visit_lkk values (?, ?)", links)
    conn.close()


# --- making the data --------------------------------------------------------------------------


def make_database(path: Path) -> None:
    os.environ["FASKEL_TODAY"] = TODAY
    from faskel_cli.core import db as faskel_db
    from faskel_cli.core import facilitators, lkk, regions

    database = faskel_db.connect(path)
    places = regions.kelurahan_rows(database)
    for number in range(30):
        mine = [places[(number + k) % len(places)]["kode"] for k in range(1 + number % 3)]
        facilitators.add(database, f"Fasilitator {number + 1}", f"f{number + 1:02d}", mine)
    for place in places:
        for kind in LKK_KINDS:
            lkk.add(database, place["kode"], kind, f"{kind.upper()} {place['nama']}")
    database.close()


def fill_template(template: Path, target: Path, database: Path, rows: int) -> None:
    from openpyxl import load_workbook

    conn = sqlite3.connect(database)
    places = conn.execute("select kode, nama from regions where level = 'kelurahan'").fetchall()
    assigned: dict[str, list[str]] = {}
    for handle, kode in conn.execute(
        "select f.handle, fk.kelurahan_kode from facilitators f "
        "join facilitator_kelurahan fk on fk.facilitator_id = f.id"
    ):
        assigned.setdefault(kode, []).append(handle)
    groups: dict[str, list[str]] = {}
    for kode, name in conn.execute("select kelurahan_kode, name from lkk"):
        groups.setdefault(kode, []).append(name)
    conn.close()
    kinds = ("pendampingan", "bimbingan", "pengawasan")
    strands = ("kesadaran", "pemetaan", "perencanaan", "pengorganisasian", "mobilisasi")
    rng = random.Random(1)
    book = load_workbook(template)
    sheet = book["Kunjungan"]
    start = date.fromisoformat(TODAY) - timedelta(days=365)
    for row in range(2, rows + 2):
        kode, nama = rng.choice(places)
        values = {
            2: start + timedelta(days=rng.randrange(365)),
            3: nama,
            4: rng.choice(assigned.get(kode, ["f01"])),
            5: rng.choice(kinds),
            6: rng.choice(strands),
            7: "; ".join(rng.sample(groups[kode], rng.choice((1, 1, 2)))),
            8: rng.randrange(0, 25),
            9: rng.randrange(0, 40),
            10: rng.choice((60, 90, 120, 150)),
            12: f"Pertemuan rutin nomor {row - 1}: {rng.choice(('rapat', 'pelatihan', 'survei'))}",
        }
        for column, value in values.items():
            sheet.cell(row, column, value)
    book.save(target)


# --- the parent -------------------------------------------------------------------------------


def run(cmd: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak MB of a child process; fails loudly if it fails."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - began
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"failed: {' '.join(cmd)}\n{err.read().decode()}")
    return took, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def faskel(db: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "faskel_cli", "--db", str(db), *args]


def copy_db(source: Path, target: Path, *, triggers: bool = True) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    if not triggers:
        conn = sqlite3.connect(target)
        for (name,) in conn.execute("select name from sqlite_master where type = 'trigger'"):
            conn.execute(f"drop trigger [{name}]")
        conn.commit()
        conn.close()


def visits_of(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    found = conn.execute(
        "select v.date, v.kelurahan_kode, f.handle, v.kind, v.strand, v.male, v.female, "
        "v.duration_minutes, v.notes, (select group_concat(l.name, ';') from (select l.name "
        "from visit_lkk vl join lkk l on l.id = vl.lkk_id where vl.visit_id = v.id "
        "order by l.name) l) from visits v join facilitators f on f.id = v.facilitator_id"
    ).fetchall()
    conn.close()
    return sorted(found, key=repr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "sheet")
    parser.add_argument("--raw-child", nargs=2, metavar=("DB", "XLSX"))
    parser.add_argument("--prepare-child", action="store_true")
    parser.add_argument("--compare-child", nargs=2, metavar=("DB", "DB"))
    args = parser.parse_args(argv)
    if args.compare_child:
        first, second = (Path(p) for p in args.compare_child)
        return 0 if visits_of(first) == visits_of(second) else 1
    if args.raw_child:
        raw_child(*args.raw_child)
        return 0
    if args.prepare_child:
        prepare(args.workdir, args.rows)
        return 0
    # What is made once runs in a child, so that this process stays small: a child's peak
    # memory (ru_maxrss) starts from its parent's at the fork.
    env = {**os.environ, "FASKEL_LANG": "en", "FASKEL_TODAY": TODAY, "PYTHONPATH": str(ROOT)}
    env.pop("FASKEL_DB", None)
    me = [PYTHON, str(Path(__file__).resolve())]
    run([*me, "--prepare-child", "--workdir", str(args.workdir), "--rows", str(args.rows)], env)
    return measure(args, env, me)


def prepare(work: Path, rows: int) -> None:
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FASKEL_LANG": "en", "FASKEL_TODAY": TODAY, "PYTHONPATH": str(ROOT)}
    env.pop("FASKEL_DB", None)
    base = work / "base.db"
    book = work / f"filled-{rows}.xlsx"
    if not base.exists():
        print(f"making {base} ...", flush=True)
        make_database(base)
    if not book.exists():
        template = work / f"template-{rows}.xlsx"
        took = run(faskel(base, "template", "visits", "--rows", str(rows), "--output",
                          str(template)), env)[0]  # fmt: skip
        print(f"template of {rows:,} rows written in {took:.1f} s; filling it ...", flush=True)
        fill_template(template, book, base, rows)
    resaved = work / f"resaved-{rows}.xlsx"
    if not resaved.exists():  # the same rows in other bytes: every row is read and compared
        from openpyxl import load_workbook

        copy = load_workbook(book)
        copy.properties.keywords = "saved again"
        copy.save(resaved)


def measure(args: argparse.Namespace, env: dict, me: list[str]) -> int:
    work = args.workdir
    base = work / "base.db"
    book = work / f"filled-{args.rows}.xlsx"
    resaved = work / f"resaved-{args.rows}.xlsx"
    for path in (book, resaved):  # a warm file cache for every step
        path.read_bytes()

    raw_db, target = work / "raw.db", work / "target.db"
    raw = [*me, "--raw-child"]
    times: dict[str, list[tuple[float, float, float]]] = {
        "raw": [],
        "import": [],
        "again": [],
        "resaved": [],
    }
    for round_ in range(1, args.rounds + 1):
        print(f"round {round_} of {args.rounds} ...", flush=True)
        copy_db(base, raw_db, triggers=False)
        times["raw"].append(run([*raw, str(raw_db), str(book)], env))
        copy_db(base, target)
        times["import"].append(run(faskel(target, "visit", "import", str(book)), env))
        times["again"].append(run(faskel(target, "visit", "import", str(book)), env))
        times["resaved"].append(run(faskel(target, "visit", "import", str(resaved)), env))
    check = [*me, "--compare-child", str(raw_db), str(target)]
    if subprocess.run(check, env=env).returncode != 0:
        sys.exit("the imported database does not hold the visits the raw insert made")
    for db in (raw_db, target):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    median = {
        key: tuple(statistics.median(run[i] for run in runs) for i in range(3))
        for key, runs in times.items()
    }
    raw_wall, raw_cpu, _ = median["raw"]
    labels = {
        "raw": "raw: openpyxl read-only + sqlite3 executemany, one transaction",
        "import": "`faskel visit import` into a database without them",
        "again": "`faskel visit import` of the same file again (all unchanged)",
        "resaved": "the same rows saved again (other bytes: every row read and compared)",
    }
    print()
    print(
        f"Workbook: {book.name}, {book.stat().st_size / 1e6:.1f} MB, {args.rows:,} visit rows; "
        f"medians of {args.rounds} rounds."
    )
    print(
        f"Machine: {platform.system()} {platform.release()}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"load average {os.getloadavg()[0]:.1f}."
    )
    print()
    print("| step | wall s | × raw | CPU s | × raw | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for key, (wall, cpu, mem) in median.items():
        print(
            f"| {labels[key]} | {wall:.2f} | {wall / raw_wall:.2f} | {cpu:.2f} | "
            f"{cpu / raw_cpu:.2f} | {mem:.0f} |"
        )
    print()
    print("| goal | wall ratio | CPU ratio | at most | |")
    print("|---|---:|---:|---:|---|")
    failed = False
    for key, limit in GOALS.items():
        wall_ratio, cpu_ratio = median[key][0] / raw_wall, median[key][1] / raw_cpu
        ok = wall_ratio <= limit
        failed |= not ok
        print(
            f"| {key} / raw | {wall_ratio:.2f} | {cpu_ratio:.2f} | {limit} | "
            f"{'ok' if ok else 'MISSED'} |"
        )
    wall_ratio, cpu_ratio = median["resaved"][0] / raw_wall, median["resaved"][1] / raw_cpu
    print(f"| resaved / raw (information) | {wall_ratio:.2f} | {cpu_ratio:.2f} | | |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
