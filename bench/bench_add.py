"""`faskel visit add` with every option given, as a whole process, against `faskel --version`
in the same run (run by `make bench-add`).

    .venv/bin/python bench/bench_add.py [--runs 21]

A database seeded from data/sample.json is made once in a temporary folder; each round runs
`faskel --version` and then one `visit add` (all options, --allow-duplicate, so every run
writes a visit), interleaved after a warm-up round. Wall medians are what the goal judges;
CPU medians (user + sys, from os.wait4) are printed too, since they say the same on a
machine that other jobs keep busy.

Goal: visit add ≤ 2 × faskel --version. Exit status 1 when it is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
FASKEL = str(BIN / "faskel")


def run(args: list[str], env: dict) -> tuple[float, float]:
    """Wall and CPU seconds of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed: {process.stderr.read().decode()}")
    process.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "faskel.db"
        env = {
            **os.environ, "FASKEL_DB": str(db), "FASKEL_TODAY": "2026-11-28",
            "NO_COLOR": "1", "FASKEL_LANG": "id",
        }  # fmt: skip
        subprocess.run([FASKEL, "db", "seed", str(ROOT / "data" / "sample.json")], env=env,
                       check=True, capture_output=True)  # fmt: skip
        commands = {
            "V": [FASKEL, "--version"],
            "A": [
                FASKEL, "visit", "add", "--date", "2026-11-27", "--kelurahan", "Medono",
                "--facilitator", "siti", "--kind", "pendampingan", "--strand", "kesadaran",
                "--lkk", "PKK Medono", "--male", "4", "--female", "11", "--duration", "90",
                "--notes", "Rapat kader posyandu", "--allow-duplicate",
            ],
        }  # fmt: skip
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for round_ in range(args.runs + 1):
            for name, command in commands.items():
                took, used = run(command, env)
                if round_:
                    wall[name].append(took)
                    cpu[name].append(used)
    ms = {name: statistics.median(values) * 1000 for name, values in wall.items()}
    cpu_ms = {name: statistics.median(values) * 1000 for name, values in cpu.items()}
    print(f"Medians of {args.runs} runs, milliseconds (wall / CPU):")
    print()
    print("| | command | wall | CPU |")
    print("|---|---|---:|---:|")
    print(f"| V | `faskel --version` | {ms['V']:.1f} | {cpu_ms['V']:.1f} |")
    print(f"| A | `faskel visit add` (every option) | {ms['A']:.1f} | {cpu_ms['A']:.1f} |")
    print()
    ratio = ms["A"] / ms["V"]
    ok = ratio <= 2.0
    print("| goal | ratio | at most | |")
    print("|---|---:|---:|---|")
    print(f"| A / V | {ratio:.2f} | 2 | {'ok' if ok else 'MISSED'} |")
    print(f"| A / V, CPU (for information) | {cpu_ms['A'] / cpu_ms['V']:.2f} | | |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
