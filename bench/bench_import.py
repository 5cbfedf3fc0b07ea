"""Import benchmark: a bundle of 1,000,000 visits imported into an empty database,
then again into the same database (every record unchanged), against raw sqlite3 executemany
of the same rows from Python in one transaction.

    .venv/bin/python bench/bench_import.py [--visits 1000000] [--workdir bench/out/import]

The source database comes from bench/generate.py (seed 1: realistic visits with their LKK,
activities and their stages, follow-ups, tombstones); `faskel bundle export --all` makes the
bundle. Both are cached in the work folder (the databases written are deleted after the
run). Every timed step is a whole process (python
start-up included), run once on a warm file cache; its peak memory is the child's
ru_maxrss (from os.wait4). The results are checked: the imported database holds exactly the
source's records. Exit status 1 when a goal is missed.

Raw baseline: a Python process that reads the same bundle (gzip, json.loads per line),
builds each row's tuple and each link's pair, and inserts them all with sqlite3 executemany
in one transaction into a fresh faskel database (same tables and indexes; the change-log
triggers dropped, foreign keys off as sqlite3 leaves them). "raw" materialises the rows
first, the plain way (the goals compare with it); "raw, streamed" feeds executemany 5,000
lines at a time (for information: the floor of a streaming insert).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
GOALS = {"empty": 2.5, "again": 1.0, "memory": 2.0}
# kind -> (link table, key of the record's link list)
LINKS = {
    "facilitators": ("facilitator_kelurahan", "kelurahan_kodes"),
    "activities": ("activity_lkk", "lkk_ids"),
    "visits": ("visit_lkk", "lkk_ids"),
}


# --- the raw baseline (run as a child process) -----------------------------------------------


class RawRows:
    """Bundle lines as plain rows and each table's INSERT: the whole work of a raw baseline
    (this one and bench_levels.py's)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.columns: dict[str, list[str]] = {}
        self.statements: dict[str, str] = {}
        self.rows: dict[str, list] = {}

    def add(self, line: bytes) -> None:
        item = json.loads(line)
        kind, record = item["kind"], item["record"]
        if kind not in self.columns:
            cols = [r[1] for r in self.conn.execute(f"pragma table_info([{kind}])")]
            self.columns[kind] = cols
            marks = ", ".join("?" for _ in cols)
            self.statements[kind] = f"insert into [{kind}] ({', '.join(cols)}) values ({marks})"
            if kind in LINKS:
                self.statements[LINKS[kind][0]] = f"insert into [{LINKS[kind][0]}] values (?, ?)"
        # .get: a column a line leaves out while NULL (merged_into) is NULL
        self.rows.setdefault(kind, []).append(tuple(record.get(c) for c in self.columns[kind]))
        if kind in LINKS:
            table, key = LINKS[kind]
            self.rows.setdefault(table, []).extend((record["id"], x) for x in record[key])

    def flush(self, order: Sequence[str] = ()) -> None:
        """executemany the rows gathered so far, table by table (in `order` when given)."""
        for table in order or list(self.rows):
            if table in self.rows:
                self.conn.executemany(self.statements[table], self.rows.pop(table))


def raw_child(db_path: str, bundle_path: str, mode: str) -> None:
    conn = sqlite3.connect(db_path)
    raw = RawRows(conn)
    with gzip.open(bundle_path, "rb") as handle, conn:
        handle.readline()  # the manifest
        for count, line in enumerate(handle, 1):
            raw.add(line)
            if mode == "stream" and count % 5000 == 0:
                raw.flush()
        raw.flush()
    conn.close()


# --- the parent -------------------------------------------------------------------------------


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak MB of a child process; fails loudly if it fails."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        took = time.perf_counter() - began
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read().decode()}")
    return took, usage.ru_maxrss / 1024  # Linux: KiB


def faskel(db: Path, *args: str) -> list[str]:
    return [PYTHON, "-m", "faskel_cli", "--db", str(db), *args]


def fresh(db: Path, env: dict, *, triggers: bool = True) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    run(faskel(db, "init"), env)  # a new database, migrated
    if not triggers:
        conn = sqlite3.connect(db)
        names = conn.execute("select name from sqlite_master where type = 'trigger'").fetchall()
        for (name,) in names:
            conn.execute(f"drop trigger [{name}]")
        conn.commit()
        conn.close()


def content_digest(db: Path, like: Path | None = None) -> tuple[dict, str]:
    """Rows per shareable table and one hash of them all, in id order (streamed), for the
    tables and columns of `like`'s schema (default: db's own), the short `ref` aside."""
    sys.path.insert(0, str(ROOT))
    from faskel_cli.core import bundle

    schema = sqlite3.connect(like or db)
    kinds = bundle.describe(schema)
    schema.close()
    conn = sqlite3.connect(db)
    digest = hashlib.sha256()
    counts = {}
    for kind in kinds.values():
        names = [c for c in kind.names if c != "ref"]
        tables = [(kind.name, ", ".join(f"[{c}]" for c in names), "id")]
        if kind.link:
            link = kind.link
            tables.append((link.table, f"[{link.owner}], [{link.target}]", "1, 2"))
        for table, cols, order in tables:
            counts[table] = 0
            for row in conn.execute(f"select {cols} from [{table}] order by {order}"):
                digest.update(repr(row).encode())
                counts[table] += 1
    conn.close()
    return counts, digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "bench" / "out" / "import")
    parser.add_argument("--raw-child", nargs=3, metavar=("DB", "BUNDLE", "MODE"))
    args = parser.parse_args(argv)
    if args.raw_child:
        raw_child(*args.raw_child)
        return 0

    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "FASKEL_LANG": "en", "PYTHONPATH": str(ROOT)}
    source = work / f"source-{args.visits}.db"
    bundle_path = work / f"visits-{args.visits}.faskel"
    if not source.exists():
        print(f"generating {source} ...", flush=True)
        run(
            [PYTHON, "bench/generate.py", "--visits", str(args.visits), "--output", str(source)],
            env,
        )
    if not bundle_path.exists():
        took, _ = run(
            faskel(source, "bundle", "export", "--all", "--output", str(bundle_path)), env
        )
        print(f"exported {bundle_path} in {took:.1f} s", flush=True)
    with bundle_path.open("rb") as handle:  # a warm file cache for every step
        while handle.read(1 << 22):
            pass
    with gzip.open(bundle_path, "rb") as handle:
        manifest = json.loads(handle.readline())

    raw_db, raw_stream_db, target = work / "raw.db", work / "raw-stream.db", work / "target.db"
    fresh(raw_db, env, triggers=False)
    fresh(raw_stream_db, env, triggers=False)
    fresh(target, env)
    me = [PYTHON, str(Path(__file__).resolve()), "--raw-child"]
    results = {}
    print("raw ...", flush=True)
    results["raw"] = run([*me, str(raw_db), str(bundle_path), "list"], env)
    print("raw, streamed ...", flush=True)
    results["raw_stream"] = run([*me, str(raw_stream_db), str(bundle_path), "stream"], env)
    print("import into an empty database ...", flush=True)
    results["empty"] = run(faskel(target, "bundle", "import", str(bundle_path)), env)
    print("import again (all unchanged) ...", flush=True)
    results["again"] = run(faskel(target, "bundle", "import", str(bundle_path)), env)

    # Compared column by column of the source's schema (a source generated by an older
    # faskel lacks the tables and columns added since), short references aside: the import
    # gives the records without one theirs (core/bundle/shortrefs.py).
    expected = content_digest(source)
    for db in (target, raw_db):
        if content_digest(db, like=source) != expected:
            sys.exit(f"{db} does not hold the source's records")
    for db in (raw_db, raw_stream_db, target):  # about 1 GB each; made anew by every run
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

    raw_time, raw_mem = results["raw"]
    labels = {
        "raw": "raw sqlite3 executemany, rows built first",
        "raw_stream": "raw sqlite3 executemany, streamed (information)",
        "empty": "`faskel bundle import` into an empty database",
        "again": "`faskel bundle import` again (all unchanged)",
    }
    counts = manifest["counts"]
    print()
    print(
        f"Bundle: {bundle_path.name}, {bundle_path.stat().st_size / 1e6:.1f} MB, "
        + ", ".join(f"{k} {v:,}" for k, v in counts.items() if v)
        + f"; links: {expected[0].get('visit_lkk', 0):,} visit_lkk."
    )
    print(
        f"Machine: {platform.system()} {platform.release()}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}."
    )
    print()
    print("| step | s | × raw | peak MB | × raw |")
    print("|---|---:|---:|---:|---:|")
    for key, (took, mem) in results.items():
        print(
            f"| {labels[key]} | {took:.1f} | {took / raw_time:.2f} | {mem:.0f} | "
            f"{mem / raw_mem:.2f} |"
        )
    checks = [
        ("import into empty / raw", results["empty"][0] / raw_time, GOALS["empty"]),
        ("import again / raw", results["again"][0] / raw_time, GOALS["again"]),
        (
            "peak memory of either import / raw",
            max(results["empty"][1], results["again"][1]) / raw_mem,
            GOALS["memory"],
        ),
    ]
    print()
    print("| goal | ratio | at most | |")
    print("|---|---:|---:|---|")
    failed = False
    for label, ratio, limit in checks:
        ok = ratio <= limit
        failed |= not ok
        print(f"| {label} | {ratio:.2f} | {limit} | {'ok' if ok else 'MISSED'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
