"""Speed at a province's and the nation's size (issue 15 §4), in one run (`make bench-levels`).

    .venv/bin/python bench/bench_levels.py [--visits 3000000] [--import-visits 1000000]
        [--nation-visits 1000000] [--per-year 1000000] [--runs 5] [--workdir bench/out/levels]

Generated with bench/generate.py (raw sqlite3 executemany into databases made by `faskel init
--area ...`), cached in the work folder by size:
- a province: Jawa Tengah (`--area 33`: 35 kabupaten/kota, 8,563 desa/kelurahan), 2,000
  facilitators, --visits visits (--per-year a year, ending 2026-11-28) with their LKK,
  activities through their stages and follow-ups; and the same province with a tenth of them;
- the nation (`--area indonesia`: 514 kabupaten/kota, 83,762 desa/kelurahan) with
  --nation-visits visits (few LKK and activities: --lite);
- the 35 kota of the province, each its own database (57 facilitators, --import-visits / 35
  visits) exported as a bundle with `faskel bundle export --all`.

Timed as whole processes (medians of --runs rounds, interleaved, after a warm-up round):
    L  faskel init --area indonesia (a new file: the nation's region tree)     <= 2 s
    S  faskel summary --week 2026-W48 --format json on the province (rows per kabupaten/kota)
    Q  sqlite3 FILE '<bench/summary.sql for a province>': the same numbers, hand-written
       (S - V) <= 2 (Q - Z), V = faskel --version, Z = sqlite3 FILE 'select 1';
       S <= 1.2 S(a tenth of the visits)
    N  faskel summary --week 2026-W48 --format json on the nation (rows per province)  <= 3 s
and once (a warm file cache): `faskel bundle import` of the 35 kota bundles into a new
province database against a raw executemany of the same rows (all of them built first, in
one transaction, into a new province database without the change-log triggers): at most 2.5x
its time and 2x its peak memory (ru_maxrss). The numbers of S and Q are checked equal, and
the imported database is checked to hold exactly what the raw insert wrote. Exit status 1
when a goal is missed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from bench_import import RawRows, content_digest, run  # noqa: E402
from run import SQLITE3, goal_table, machine, query  # noqa: E402

PYTHON = sys.executable
FASKEL = [PYTHON, "-m", "faskel_cli"]
TODAY = "2026-11-28"
WEEK = ("2026-W48", "2026-11-23", "2026-11-29")
PROVINCE = "33"
ORDER = ("facilitators", "facilitator_kelurahan", "lkk", "activities", "activity_lkk",
         "activity_stages", "visits", "visit_lkk", "followups")  # fmt: skip
KOTA_FACILITATORS = 57  # 2,000 between the 35 kabupaten/kota


def generate(path: Path, visits: int, per_year: int, area: str, *extra: str) -> Path:
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        began = time.perf_counter()
        subprocess.run(
            [PYTHON, str(ROOT / "bench" / "generate.py"), "--visits", str(visits), "--per-year",
             str(per_year), "--end", TODAY, "--area", area, "--output", str(path), *extra],
            check=True, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        print(f"  {time.perf_counter() - began:.0f} s", flush=True)
    return path


def kota_codes(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("select kode from regions where level = 'kabupaten'")]
    finally:
        conn.close()


def province_query() -> str:
    """bench/summary.sql grouped by kabupaten/kota and for the area (no village rows: the
    province's JSON has none either)."""
    text = query(WEEK[1], WEEK[2])
    groups = (
        "kel as (select k.kode, c.parent_kode as kec from regions k "
        "join regions c on c.kode = k.parent_kode where k.level = 'kelurahan'),\n"
        "grp as (select 'kabupaten' as level, kec as grp, kode as kel from kel "
        "union all select 'area', '', kode from kel),\nvp as ("
    )
    made, n = re.subn(r"kel as \(.*?\),\s*vp as \(", lambda _: groups, text, flags=re.S)
    assert n == 1, "bench/summary.sql changed: adapt province_query"
    return made


def summary(db: Path) -> list[str]:
    return [*FASKEL, "--db", str(db), "summary", "--week", WEEK[0], "--format", "json"]


def check_same_numbers(db: Path, env: dict) -> int:
    data = json.loads(subprocess.run(summary(db), capture_output=True, check=True, env=env).stdout)
    out = subprocess.run([SQLITE3, str(db), province_query()], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"sqlite3 failed: {out.stderr.strip()}")
    from_q = {tuple(line.split("|")[:2]): line.split("|")[2:] for line in out.stdout.splitlines()}

    def values(item: dict) -> list[str]:
        acts = item["activities"]
        numbers = [
            item["visits"], item["facilitators"], item["lkk_reached"], item["male"],
            item["female"], acts["perencanaan"], acts["pelaksanaan"], acts["pertanggungjawaban"],
            acts["evaluasi"], item["stage_moves"], item["followups_opened"],
            item["followups_done"], item["followups_open"], item["followups_overdue"],
            item["last_visit"] or "", item["kelurahan_visited"], item["kelurahan_total"],
        ]  # fmt: skip
        return [str(n) for n in numbers]

    from_s = {("kabupaten", k["kode"]): values(k) for k in data["kabupaten"]}
    from_s[("area", "")] = values(data["totals"])
    if from_s != from_q:
        wrong = sorted(k for k in from_s.keys() | from_q.keys() if from_s.get(k) != from_q.get(k))
        raise SystemExit(
            f"S and Q disagree on {len(wrong)} rows, e.g. {wrong[0]}: "
            f"S {from_s.get(wrong[0])} Q {from_q.get(wrong[0])}"
        )
    return data["totals"]["visits"]


# --- the raw baseline of the import (a child process) ----------------------------------------


def raw_child(db_path: str, bundles: list[str]) -> None:
    """Every row of every bundle built first, then inserted with executemany, one
    transaction."""
    conn = sqlite3.connect(db_path)
    raw = RawRows(conn)
    for path in bundles:
        with gzip.open(path, "rb") as handle:
            handle.readline()  # the manifest
            for line in handle:
                raw.add(line)
    with conn:
        raw.flush(ORDER)
    conn.close()


def fresh(db: Path, env: dict, *, triggers: bool = True) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    run([*FASKEL, "--db", str(db), "init", "--area", PROVINCE], env)
    if not triggers:
        conn = sqlite3.connect(db)
        for (name,) in conn.execute("select name from sqlite_master where type = 'trigger'"):
            conn.execute(f"drop trigger [{name}]")
        conn.commit()
        conn.close()


def kota_bundles(work: Path, total: int, per_year: int, env: dict, province: Path) -> list[Path]:
    folder = work / f"kota-{total}"
    folder.mkdir(parents=True, exist_ok=True)
    bundles = []
    codes = kota_codes(province)
    for seed, kode in enumerate(codes, 100):
        db = folder / f"kota-{kode}.db"
        path = folder / f"kota-{kode}.faskel"
        if not path.exists():
            generate(db, total // len(codes), max(per_year // len(codes), 1), kode,
                     "--seed", str(seed), "--facilitators", str(KOTA_FACILITATORS),
                     "--prefix", f"f{kode.replace('.', '')}n")  # fmt: skip
            run([*FASKEL, "--db", str(db), "bundle", "export", "--all", "-o", str(path)], env)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        bundles.append(path)
    return bundles


def size_mb(path: Path) -> float:
    files = [Path(f"{path}{suffix}") for suffix in ("", "-wal")]
    return sum(f.stat().st_size for f in files if f.exists()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=3_000_000)
    parser.add_argument("--per-year", type=int, default=1_000_000)
    parser.add_argument("--nation-visits", type=int, default=1_000_000)
    parser.add_argument("--import-visits", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--import-rounds", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "levels")
    parser.add_argument("--raw-child", nargs="+", metavar="DB BUNDLE")
    args = parser.parse_args(argv)
    if args.raw_child:
        raw_child(args.raw_child[0], args.raw_child[1:])
        return 0
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FASKEL_TODAY": TODAY, "NO_COLOR": "1", "FASKEL_LANG": "en",
           "PYTHONPATH": str(ROOT)}  # fmt: skip
    env.pop("FASKEL_DB", None)
    tenth = args.visits // 10
    big = generate(work / f"province-{args.visits}.db", args.visits, args.per_year, PROVINCE,
                   "--facilitators", "2000")  # fmt: skip
    small = generate(work / f"province-{tenth}.db", tenth, args.per_year, PROVINCE,
                     "--facilitators", "2000")  # fmt: skip
    nation = generate(work / f"nation-{args.nation_visits}.db", args.nation_visits,
                      args.per_year, "indonesia", "--facilitators", "2000", "--lite")  # fmt: skip
    bundles = kota_bundles(work, args.import_visits, args.per_year, env, big)

    print("checking that the province's summary and the hand-written query agree", flush=True)
    week_visits = check_same_numbers(big, env)
    check_same_numbers(small, env)
    tree = work / "tree.db"
    commands = {
        "V": [*FASKEL, "--version"],
        "Z": [SQLITE3, str(big), "select 1"],
        "L": [*FASKEL, "--db", str(tree), "init", "--area", "indonesia"],
        "S": summary(big),
        "Q": [SQLITE3, str(big), province_query()],
        "S tenth": summary(small),
        "N": summary(nation),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    print(f"timing {len(commands)} commands, {args.runs} rounds (after a warm-up)", flush=True)
    for round_ in range(args.runs + 1):
        for name, command in commands.items():
            if name == "L":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{tree}{suffix}").unlink(missing_ok=True)
            began = time.perf_counter()
            done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  env=env)  # fmt: skip
            took = time.perf_counter() - began
            if done.returncode:
                raise SystemExit(f"{name} failed: {done.stderr.decode().strip()}")
            if round_:
                times[name].append(took)
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}

    print("import of the kota bundles ...", flush=True)
    for path in bundles:  # a warm file cache
        path.read_bytes()
    raw_db, target = work / "raw.db", work / "target.db"
    # Each side --import-rounds times, alternating, the fastest kept: one run of either
    # varied by 10 to 30 % on this shared machine.
    raws, imports = [], []
    for _ in range(args.import_rounds):
        fresh(raw_db, env, triggers=False)
        raws.append(run([PYTHON, str(Path(__file__).resolve()), "--raw-child", str(raw_db),
                         *map(str, bundles)], env))  # fmt: skip
        fresh(target, env)
        imports.append(
            run([*FASKEL, "--db", str(target), "bundle", "import", *map(str, bundles)], env)
        )
    raw = (min(r[0] for r in raws), max(r[1] for r in raws))
    imported = (min(r[0] for r in imports), max(r[1] for r in imports))
    sizes = {"target": size_mb(target)}
    # The import gives the records without a short reference theirs (the generator makes
    # none; core/bundle/shortrefs.py): the only difference allowed, cleared before comparing.
    conn = sqlite3.connect(target)
    for (name,) in conn.execute("select name from sqlite_master where type = 'trigger'"):
        conn.execute(f"drop trigger [{name}]")
    for table in ("visits", "activities", "followups", "lkk"):
        conn.execute(f"update [{table}] set ref = null")
    conn.commit()
    conn.close()
    raw_counts, raw_digest = content_digest(raw_db)
    target_counts, target_digest = content_digest(target)
    if (raw_counts, raw_digest) != (target_counts, target_digest):
        raise SystemExit("the imported database does not hold what the raw insert wrote")
    for db in (raw_db, target):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    print()
    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.1f} at the end")
    print(
        f"Data: province {args.visits:,} visits ({size_mb(big):.0f} MB), a tenth "
        f"{tenth:,} ({size_mb(small):.0f} MB), {week_visits:,} visits in the week "
        f"{WEEK[0]}; nation {args.nation_visits:,} visits ({size_mb(nation):.0f} MB); "
        f"{len(bundles)} kota bundles, {sum(p.stat().st_size for p in bundles) / 1e6:.0f} MB, "
        f"{raw_counts.get('visits', 0):,} visits (the province after the import: "
        f"{sizes['target']:.0f} MB)"
    )
    print(f"Medians of {args.runs} runs, milliseconds:")
    print()
    shown = {
        "V": "faskel --version",
        "Z": "sqlite3 FILE 'select 1'",
        "L": "faskel init --area indonesia (new file)",
        "S": f"faskel summary --week {WEEK[0]} --format json (province)",
        "Q": "sqlite3 FILE '<summary.sql by kabupaten/kota>' (province)",
        "S tenth": f"faskel summary --week {WEEK[0]} --format json (a tenth)",
        "N": f"faskel summary --week {WEEK[0]} --format json (nation)",
    }
    print("| | command | ms |")
    print("|---|---|---:|")
    for name, text in shown.items():
        print(f"| {name} | `{text}` | {ms[name]:.0f} |")
    print()
    print(f"(fastest of {args.import_rounds} runs each; seconds of every run: raw "
          f"{', '.join(f'{r[0]:.1f}' for r in raws)}; faskel "
          f"{', '.join(f'{r[0]:.1f}' for r in imports)})")  # fmt: skip
    print()
    print("| import | s | peak MB |")
    print("|---|---:|---:|")
    print(f"| raw executemany, rows built first | {raw[0]:.1f} | {raw[1]:.0f} |")
    print(f"| `faskel bundle import` of the {len(bundles)} bundles | {imported[0]:.1f} | "
          f"{imported[1]:.0f} |")  # fmt: skip
    goals = [
        ("L: nation's region tree, s", ms["L"] / 1000, 2.0),
        ("province week: (S - V) / (Q - Z)", (ms["S"] - ms["V"]) / max(ms["Q"] - ms["Z"], 1), 2.0),
        ("province week: S / S tenth", ms["S"] / ms["S tenth"], 1.2),
        ("N: nation week by province, s", ms["N"] / 1000, 3.0),
        ("import: time / raw", imported[0] / raw[0], 2.5),
        ("import: peak memory / raw", imported[1] / raw[1], 2.0),
    ]
    print()
    return 1 if goal_table(goals, "value") else 0


if __name__ == "__main__":
    sys.exit(main())
