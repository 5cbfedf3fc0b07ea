"""The summary's speed, measured as whole processes (run by `make bench`).

On a generated database of 1,000,000 visits (and one of 60,000 for the growth check), each
command below runs --runs times, interleaved round by round after one warm-up round; the
medians are compared with these goals:

    N  python -c pass                     V  faskel --version
    P  sqlite-utils --version             Z  sqlite3 FILE 'select 1'
    S  faskel summary --week W --format json (and --since/--until for a year)
    Q  sqlite3 FILE '<bench/summary.sql>'  (one hand-written query, the same numbers)

    (S - V) <= 2 (Q - Z) for a week and for a year;  V <= P;  S(1M) <= 1.2 S(60k) for a week.

Before timing, the numbers of S and Q are checked to be the same. Generated databases are
cached in bench/out/ (delete them to regenerate). Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
SQLITE3 = "/usr/bin/sqlite3" if Path("/usr/bin/sqlite3").exists() else "sqlite3"
TODAY = "2026-11-28"
WEEK = ("2026-W48", "2026-11-23", "2026-11-29")
YEAR = ("2025", "2025-01-01", "2025-12-31")


def database(visits: int, seed: int) -> Path:
    path = OUT / f"faskel-{visits}-seed{seed}.db"
    if not path.exists():
        print(f"generating {path.name} ...", flush=True)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                "--visits",
                str(visits),
                "--seed",
                str(seed),
                "--end",
                TODAY,
                "--output",
                str(path),
            ],
            check=True,
        )
    return path


def query(start: str, end: str) -> str:
    """bench/summary.sql with its dates filled in (comments dropped: the shell would take a
    leading `--` for an option)."""
    text = (ROOT / "bench" / "summary.sql").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("--")]
    return "\n".join(lines).replace(":start", f"'{start}'").replace(":end", f"'{end}'")


def summary_args(db: Path, period: tuple[str, str, str]) -> list[str]:
    label, start, end = period
    chosen = ["--week", label] if "-W" in label else ["--since", start, "--until", end]
    return [str(BIN / "faskel"), "--db", str(db), "summary", *chosen, "--format", "json"]


def check_same_numbers(db: Path, period: tuple[str, str, str], env: dict) -> None:
    """S and Q must agree on every number of every kelurahan, kecamatan and the area."""
    label, start, end = period
    s = subprocess.run(summary_args(db, period), capture_output=True, text=True, env=env)
    if s.returncode:
        raise SystemExit(f"faskel summary failed: {s.stderr.strip()}")
    data = json.loads(s.stdout)
    q = subprocess.run(
        [SQLITE3, str(db), query(start, end)], capture_output=True, text=True, env=env
    )
    if q.returncode:
        raise SystemExit(f"sqlite3 failed: {q.stderr.strip()}")
    from_q = {}
    for line in q.stdout.splitlines():
        level, kode, *values = line.split("|")
        from_q[(level, kode)] = values

    def values(item: dict, visited, total) -> list[str]:
        acts = item["activities"]
        numbers = [
            item["visits"],
            item["facilitators"],
            item["lkk_reached"],
            item["male"],
            item["female"],
            acts["perencanaan"],
            acts["pelaksanaan"],
            acts["pertanggungjawaban"],
            acts["evaluasi"],
            item["stage_moves"],
            item["followups_opened"],
            item["followups_done"],
            item["followups_open"],
            item["followups_overdue"],
            item["last_visit"] or "",
            visited,
            total,
        ]
        return [str(n) for n in numbers]

    from_s = {
        ("kelurahan", k["kode"]): values(k, int(k["visits"] > 0), 1) for k in data["kelurahan"]
    }
    for k in data["kecamatan"]:
        from_s[("kecamatan", k["kode"])] = values(k, k["kelurahan_visited"], k["kelurahan_total"])
    totals = data["totals"]
    from_s[("area", "")] = values(totals, totals["kelurahan_visited"], totals["kelurahan_total"])
    if from_s != from_q:
        wrong = sorted(k for k in from_s.keys() | from_q.keys() if from_s.get(k) != from_q.get(k))
        first = wrong[0]
        raise SystemExit(
            f"S and Q disagree for {label} on {len(wrong)} rows, e.g. {first}: "
            f"S {from_s.get(first)} Q {from_q.get(first)}"
        )
    print(f"  {label}: S and Q give the same numbers ({len(from_s)} rows)", flush=True)


def time_once(args: list[str], env: dict) -> float:
    began = time.perf_counter()
    done = subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    took = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"{args[0]} failed: {done.stderr.decode().strip()}")
    return took


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    shell = subprocess.run([SQLITE3, "--version"], capture_output=True, text=True).stdout.split()
    return (
        f"{platform.system()} {platform.release()}, nproc {os.cpu_count()}, {cpu}, "
        f"Python {platform.python_version()} (SQLite {sqlite3.sqlite_version}), "
        f"sqlite3 shell {shell[0] if shell else '?'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=60_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    big = database(args.visits, args.seed)
    small = database(args.small, args.seed)
    env = {**os.environ, "FASKEL_TODAY": TODAY, "NO_COLOR": "1", "FASKEL_LANG": "id"}
    env.pop("FASKEL_DB", None)
    print("checking that the summary and the hand-written query agree", flush=True)
    for db, period in ((big, WEEK), (big, YEAR), (small, WEEK)):
        check_same_numbers(db, period, env)

    commands = {
        "N": [sys.executable, "-c", "pass"],
        "V": [str(BIN / "faskel"), "--version"],
        "P": [str(BIN / "sqlite-utils"), "--version"],
        "Z": [SQLITE3, str(big), "select 1"],
        "S week": summary_args(big, WEEK),
        "Q week": [SQLITE3, str(big), query(WEEK[1], WEEK[2])],
        "S year": summary_args(big, YEAR),
        "Q year": [SQLITE3, str(big), query(YEAR[1], YEAR[2])],
        "S week 60k": summary_args(small, WEEK),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    print(f"timing {len(commands)} commands, {args.runs} rounds (after a warm-up)", flush=True)
    for round_ in range(args.runs + 1):
        for name, command in commands.items():
            took = time_once(command, env)
            if round_:
                times[name].append(took)
    ms = {name: statistics.median(values) * 1000 for name, values in times.items()}

    print()
    print(f"Machine: {machine()}")
    print(f"Data: {args.visits:,} visits ({big.name}); {args.small:,} visits ({small.name})")
    print(f"Medians of {args.runs} runs, milliseconds:")
    print()
    print("| | command | ms |")
    print("|---|---|---:|")
    shown = {
        "N": "python -c pass",
        "V": "faskel --version",
        "P": "sqlite-utils --version",
        "Z": "sqlite3 FILE 'select 1'",
        "S week": f"faskel summary --week {WEEK[0]} --format json (1M)",
        "Q week": "sqlite3 FILE '<summary.sql>' for the week (1M)",
        "S year": f"faskel summary --since {YEAR[1]} --until {YEAR[2]} --format json (1M)",
        "Q year": "sqlite3 FILE '<summary.sql>' for the year (1M)",
        "S week 60k": f"faskel summary --week {WEEK[0]} --format json (60k)",
    }
    for name, text in shown.items():
        print(f"| {name} | `{text}` | {ms[name]:.1f} |")
    print()
    goals = [
        (
            "week: (S - V) / (Q - Z)",
            (ms["S week"] - ms["V"]) / max(ms["Q week"] - ms["Z"], 0.001),
            2.0,
        ),
        (
            "year: (S - V) / (Q - Z)",
            (ms["S year"] - ms["V"]) / max(ms["Q year"] - ms["Z"], 0.001),
            2.0,
        ),
        ("V / P", ms["V"] / ms["P"], 1.0),
        ("S week 1M / S week 60k", ms["S week"] / ms["S week 60k"], 1.2),
    ]
    missed = goal_table(goals, "ratio")
    print(f"| V / N (for information) | {ms['V'] / ms['N']:.1f} | | |")
    return 1 if missed else 0


def goal_table(goals: list[tuple[str, float, float]], heading: str) -> int:
    """Print (goal, value, at most) as a Markdown table; returns how many were missed."""
    print(f"| goal | {heading} | at most | |")
    print("|---|---:|---:|---|")
    missed = 0
    for text, value, limit in goals:
        ok = value <= limit
        missed += not ok
        print(f"| {text} | {value:.2f} | {limit:g} | {'ok' if ok else 'MISSED'} |")
    return missed


if __name__ == "__main__":
    sys.exit(main())
