"""What the tests share: the real CLI in-process, database dumps, template databases and
builders that make records through the core API (faskel_cli.core), as the CLI would."""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import typer.testing
from typer.testing import CliRunner

from faskel_cli.core import activities, bundle, facilitators, followups, lkk, visits
from faskel_cli.core.db import connect, put_setting
from faskel_cli.core.ids import new_id

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-28"  # a Saturday of ISO week 2026-W48


# --- the edge -------------------------------------------------------------------------------

# CliRunner.invoke builds the Click command tree from the Typer app on every call (~25 ms,
# more than most commands take); a faskel process builds it once, so the tests do too.
typer.testing._get_command = functools.cache(typer.testing._get_command)


class Cli:
    """Runs `faskel --db DB ...` in-process and returns Click's Result."""

    def __init__(self, db_path: Path):
        from faskel_cli.cli.app import app

        self.app = app
        self.db_path = Path(db_path)
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, env: dict | None = None):
        return self.runner.invoke(
            self.app,
            ["--db", str(self.db_path), *args],
            input=input,
            env=env,
            catch_exceptions=False,
        )

    def ok(self, *args: str, **kwargs):
        result = self(*args, **kwargs)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result

    def json(self, *args: str, **kwargs):
        result = self.ok(*args, "--format", "json", **kwargs)
        return json.loads(result.stdout)

    def fails(self, *args: str, code: int | None = None, **kwargs):
        """A refused command: non-zero exit, exactly one line on stderr, no traceback."""
        result = self(*args, **kwargs)
        assert result.exit_code != 0, result.stdout
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.stderr)
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, result.stderr
        assert "Traceback" not in result.stderr
        return result


def run_faskel(*args: str, env: dict | None = None, cwd: Path | None = None, input=None):
    """The faskel command as cron runs it: a subprocess with no TTY."""
    return subprocess.run(
        [sys.executable, "-m", "faskel_cli", *args],
        capture_output=True,
        text=True,
        env=env if env is not None else os.environ.copy(),
        cwd=cwd,
        input=input,
        timeout=120,
    )


# --- the database file ----------------------------------------------------------------------


def dump(db_path: Path) -> list:
    """Every row of every table: compare before and after a refused command."""
    conn = sqlite3.connect(db_path)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "select name from sqlite_master where type = 'table' order by name"
            )
        ]
        return [
            (table, sorted(map(repr, conn.execute(f"select * from [{table}]")))) for table in tables
        ]
    finally:
        conn.close()


def dump_unchanged(db_path: Path) -> list:
    """`dump` but for `bundle_sources`, where every import (one that changes nothing too)
    is one row: compare before and after re-importing a bundle."""
    return [item for item in dump(db_path) if item[0] != "bundle_sources"]


def query(db_path: Path, sql: str, params=()) -> list[tuple]:
    """Rows read with a plain sqlite3 connection (the data contract, not the core's view)."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, list(params)).fetchall()
    finally:
        conn.close()


def db_row(db_path: Path, table: str, record_id: str) -> dict | None:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute(f"select * from {table} where id = ?", [record_id]).fetchone()
        return dict(row) if row else None
    finally:
        conn.close()


def undo_m016(conn: sqlite3.Connection) -> None:
    """Take away what m016 made (the table of stage counts, its triggers, its index)."""
    conn.execute("drop table activity_stage_counts")
    for event in ("insert", "update", "delete"):
        conn.execute(f"drop trigger activity_stage_counts_{event}")
    conn.execute("drop index activities_stage_since")
    conn.execute("delete from _faskel_tables where nama = 'activity_stage_counts'")
    conn.execute("delete from _sqlite_migrations where name = 'm016_activity_stage_counts'")


def left_behind_by_an_older_faskel(db_path: Path) -> None:
    """Undo the summary-index migrations (m004, m016), as if the file came from an older
    release."""
    conn = sqlite3.connect(db_path)
    with conn:
        undo_m016(conn)
        for index in ("visits_links", "followups_open", "followups_done", "followups_problem"):
            conn.execute(f"drop index {index}")
        conn.execute("delete from _sqlite_migrations where name = 'm004_summary_indexes'")
    conn.close()


@contextlib.contextmanager
def frozen_clock(today: str = TODAY):
    """FASKEL_TODAY for code that runs outside a test's own environment (session fixtures)."""
    before = os.environ.get("FASKEL_TODAY")
    os.environ["FASKEL_TODAY"] = today
    try:
        yield
    finally:
        if before is None:
            del os.environ["FASKEL_TODAY"]
        else:
            os.environ["FASKEL_TODAY"] = before


def build_template(path: Path, make=None):
    """A database made once (by `make(db)`, through the core) and closed with its WAL
    checkpointed into the file, so that a plain file copy is the whole database."""
    with frozen_clock():
        db = connect(path)
        try:
            result = make(db) if make else None
            db.execute("pragma wal_checkpoint(truncate)")
        finally:
            db.close()
    wal = Path(f"{path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "template left data in its WAL"
    return result


def copy_db(template: Path, target: Path, *, new_device: bool = False) -> Path:
    """A private (0600) copy of a template; with `new_device`, a laptop of its own (a new
    device_id, as a database made from scratch would get; only for templates that hold no
    records yet, whose rows would name the template's device)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    if new_device:
        conn = sqlite3.connect(target)
        with conn:
            assert conn.execute("select count(*) from facilitators").fetchone()[0] == 0
            put_setting(conn, "device_id", new_id())
        conn.close()
    return target


# --- records made through the core ----------------------------------------------------------


def seed(db) -> None:
    """The coordinator's first records: two facilitators (siti: Medono and Tirto; budi:
    Kauman) and three LKK (Posyandu Melati and PKK Medono in Medono, BKM Kauman)."""
    facilitators.add(db, "Siti Aminah", "siti", ["Medono", "Tirto"])
    facilitators.add(db, "Budi Santoso", "budi", ["Kauman"])
    lkk.add(db, "Medono", "posyandu", "Posyandu Melati")
    lkk.add(db, "Medono", "pkk", "PKK Medono")
    lkk.add(db, "Kauman", "bkm", "BKM Kauman")


def add_visit(
    db,
    *,
    day="2026-11-23",
    kelurahan="Medono",
    who="siti",
    kind="pendampingan",
    strand="kesadaran",
    problems=(),
    **fields,
) -> str:
    """A visit (by default siti's pendampingan in Medono on 2026-11-23); `problems` are
    (problem, action) pairs or ProblemInput."""
    data = visits.VisitInput(
        date=day, kelurahan=kelurahan, facilitator=who, kind=kind, strand=strand, **fields
    )
    found = [p if isinstance(p, visits.ProblemInput) else visits.ProblemInput(*p) for p in problems]
    item, _ = visits.add(db, data, problems=found)
    return item["id"]


def add_activity(
    db,
    *moves: str,
    kelurahan="Medono",
    title="Normalisasi saluran RW 03",
    kind="fisik",
    start="2026-10-01",
    **fields,
) -> str:
    """An activity started on `start`, advanced to the next stage on each of `moves`."""
    item = activities.add(
        db, kelurahan=kelurahan, title=title, activity_type=kind, start=start, **fields
    )
    for day in moves:
        activities.advance(db, item["id"], on=day)
    return item["id"]


def add_followup(db, **fields) -> str:
    """A follow-up on its own (by default in Medono, problem met on 2026-11-10)."""
    values = {
        "kelurahan": "Medono",
        "problem": "Kader posyandu kurang",
        "action": "Rekrut kader baru dari PKK",
        "on": "2026-11-10",
        **fields,
    }
    return followups.add(db, **values)["id"]


# --- bundles --------------------------------------------------------------------------------


def export(db, path: Path, **options) -> Path:
    bundle.export(db, path, **options)
    return path


def import_counts(db, *paths: Path, dry_run=False) -> dict:
    """{kind: {added, updated, unchanged, refused}} summed over the bundles imported; the
    first refusal is raised, as `faskel bundle import` reports it."""
    out: dict = {}
    for outcome in bundle.import_many(db, list(paths), dry_run=dry_run):
        if outcome.error is not None:
            raise outcome.error
        result = outcome.result
        if result.refused_total:
            raise bundle.BundleRefused(result.path, result.problems, result.refused_total)
        for kind, numbers in result.counts.items():
            into = out.setdefault(kind, dict.fromkeys(vars(bundle.KindCounts()), 0))
            for key, value in vars(numbers).items():
                into[key] += value
    return {kind: counts for kind, counts in out.items() if any(counts.values())}


def canonical(db_path: Path) -> list:
    """The shareable content of a database in a fixed order: laptops that exchanged bundles
    until nothing changes hold equal ones (audit, settings, regions, exchange state are local)."""
    conn = sqlite3.connect(db_path)
    try:
        out = []
        for kind in bundle.describe(conn).values():
            columns = ", ".join(f"[{c}]" for c in kind.names)
            out.append(
                (
                    kind.name,
                    conn.execute(f"select {columns} from [{kind.name}] order by id").fetchall(),
                )
            )
            if kind.link:
                link = kind.link
                pairs = f"select [{link.owner}], [{link.target}] from [{link.table}] order by 1, 2"
                out.append((link.table, conn.execute(pairs).fetchall()))
        return out
    finally:
        conn.close()


class Laptop(NamedTuple):
    """A laptop's database file and the core's connection to it."""

    path: Path
    db: Any


def build_laptops(folder: Path, names=("a", "b", "c")) -> None:
    """Laptops `folder/<name>.db`: the first seeded, the others started from a bundle of
    all its records (each with a device of its own)."""
    first = folder / f"{names[0]}.db"
    start = folder / "start.faskel"

    def coordinator(db):
        seed(db)
        export(db, start, everything=True)

    build_template(first, coordinator)
    for name in names[1:]:
        build_template(folder / f"{name}.db", lambda db: import_counts(db, start))


def read_bundle(path: Path) -> tuple[dict, list[bytes]]:
    with gzip.open(path, "rb") as handle:
        lines = handle.read().splitlines(keepends=True)
    return json.loads(lines[0]), lines[1:]


def write_bundle(path: Path, manifest: dict, lines: list[bytes], *, recompute=True) -> Path:
    """A bundle made by hand; with `recompute`, its checksum and counts agree with the lines
    (so only the record checks can refuse it)."""
    if recompute:
        counts: dict = {}
        for line in lines:
            kind = json.loads(line)["kind"]
            counts[kind] = counts.get(kind, 0) + 1
        manifest = {
            **manifest,
            "counts": counts,
            "sha256": hashlib.sha256(b"".join(lines)).hexdigest(),
        }
    with gzip.open(path, "wb") as handle:
        handle.write(json.dumps(manifest).encode() + b"\n")
        handle.writelines(lines)
    return path


def record_line(kind: str, record: dict) -> bytes:
    return json.dumps({"kind": kind, "record": record}).encode() + b"\n"


# --- the hand-checked week of summaries -----------------------------------------------------

# Kota Pekalongan (data/wilayah.csv): (kode, nama) of the 4 kecamatan and 27 kelurahan.
KECAMATAN = [
    ("33.75.01", "Pekalongan Barat"),
    ("33.75.02", "Pekalongan Timur"),
    ("33.75.03", "Pekalongan Utara"),
    ("33.75.04", "Pekalongan Selatan"),
]
KELURAHAN = [
    ("33.75.01.1002", "Medono"),
    ("33.75.01.1003", "Podosugih"),
    ("33.75.01.1004", "Sapuro Kebulen"),
    ("33.75.01.1006", "Bendan Kergon"),
    ("33.75.01.1008", "Pasirkratonkramat"),
    ("33.75.01.1009", "Tirto"),
    ("33.75.01.1012", "Pringrejo"),
    ("33.75.02.1002", "Noyontaansari"),
    ("33.75.02.1004", "Kauman"),
    ("33.75.02.1007", "Poncol"),
    ("33.75.02.1008", "Klego"),
    ("33.75.02.1009", "Gamer"),
    ("33.75.02.1010", "Setono"),
    ("33.75.02.1012", "Kali Baros"),
    ("33.75.03.1002", "Krapyak"),
    ("33.75.03.1003", "Kandang Panjang"),
    ("33.75.03.1004", "Panjang Wetan"),
    ("33.75.03.1006", "Padukuhan Kraton"),
    ("33.75.03.1007", "Degayu"),
    ("33.75.03.1009", "Bandengan"),
    ("33.75.03.1010", "Panjang Baru"),
    ("33.75.04.1002", "Banyurip"),
    ("33.75.04.1003", "Buaran Kradenan"),
    ("33.75.04.1004", "Jenggot"),
    ("33.75.04.1006", "Kuripan Kertoharjo"),
    ("33.75.04.1008", "Kuripan Yosorejo"),
    ("33.75.04.1010", "Sokoduwet"),
]
MEDONO, TIRTO, KAUMAN, PONCOL = "33.75.01.1002", "33.75.01.1009", "33.75.02.1004", "33.75.02.1007"
BARAT, TIMUR = "33.75.01", "33.75.02"
KEC_TOTAL = {"33.75.01": 7, "33.75.02": 7, "33.75.03": 7, "33.75.04": 6}


def counts(activities=(0, 0, 0, 0), **values) -> dict:
    """The count fields of a summary row: zero (and nulls) unless given."""
    row = {
        "visits": 0,
        "facilitators": 0,
        "lkk_reached": 0,
        "male": 0,
        "female": 0,
        "female_share": None,
        "activities": dict(
            zip(
                ("perencanaan", "pelaksanaan", "pertanggungjawaban", "evaluasi"),
                activities,
                strict=True,
            )
        ),
        "stage_moves": 0,
        "followups_opened": 0,
        "followups_done": 0,
        "followups_open": 0,
        "followups_overdue": 0,
        "last_visit": None,
    }
    unknown = set(values) - set(row)
    assert not unknown, unknown
    row.update(values)
    return row


def period_kind(label: str) -> str:
    """The `period.kind` of a summary's JSON from its label (2026-W48, 2026-11, 2026-Q4,
    2026, START..END), written out here rather than read from faskel."""
    if ".." in label:
        return "range"
    if "-W" in label:
        return "week"
    if "-Q" in label:
        return "quarter"
    return "month" if "-" in label else "year"


def expected(label, start, end, kelurahan: dict, kecamatan: dict, totals: dict) -> dict:
    """The whole JSON: every kelurahan and kecamatan, those not given being all zero."""
    kel_rows = []
    for kode, nama in KELURAHAN:
        kec_kode = kode[:8]
        kec_nama = dict(KECAMATAN)[kec_kode]
        kel_rows.append(
            {
                "kode": kode,
                "nama": nama,
                "kecamatan_kode": kec_kode,
                "kecamatan": kec_nama,
                **kelurahan.get(kode, counts()),
            }
        )
    kec_rows = []
    for kode, nama in KECAMATAN:
        given = dict(kecamatan.get(kode, {"kelurahan_visited": 0}))
        visited = given.pop("kelurahan_visited")
        kec_rows.append(
            {
                "kode": kode,
                "nama": nama,
                **(given or counts()),
                "kelurahan_visited": visited,
                "kelurahan_total": KEC_TOTAL[kode],
                "desa_total": 0,
                "not_visited": KEC_TOTAL[kode] - visited,
                "completeness": round_half_up(visited / KEC_TOTAL[kode]),
            }
        )
    totals = {
        **totals,
        "desa_total": 0,
        "not_visited": totals["kelurahan_total"] - totals["kelurahan_visited"],
        "completeness": totals["completeness"],
    }
    return {
        "area": {"kode": "33.75", "nama": "Kota Pekalongan", "level": "kabupaten"},
        "period": {"label": label, "start": start, "end": end, "kind": period_kind(label)},
        "kelurahan": kel_rows,
        "kecamatan": kec_rows,
        "totals": totals,
        "not_visited": [row["kode"] for row in kel_rows if row["visits"] == 0],
        "level": "kelurahan",
        "group_level": "kecamatan",
        "scope": {"kode": "33.75", "nama": "Kota Pekalongan", "level": "kabupaten"},
    }


def round_half_up(value: float) -> float:
    from decimal import ROUND_HALF_UP, Decimal

    return float(Decimal(repr(value)).quantize(Decimal("0.001"), ROUND_HALF_UP))


def build_week_db(db) -> dict:
    """Visits, activities and follow-ups around 2026-W48 (23-29 Nov 2026), made through the
    core. Returns the ids of what was made."""
    facilitators.add(db, "Siti Aminah", "siti", ["Medono", "Tirto"])
    facilitators.add(db, "Budi Santoso", "budi", ["Kauman"])
    for kelurahan, kind, name in (
        ("Medono", "posyandu", "Posyandu Melati"),
        ("Medono", "pkk", "PKK Medono"),
        ("Medono", "karang-taruna", "Karang Taruna Medono"),
        ("Kauman", "bkm", "BKM Kauman"),
    ):
        lkk.add(db, kelurahan, kind, name)

    def visit(day, kelurahan, who, **fields) -> str:
        return add_visit(db, day=day, kelurahan=kelurahan, who=who, **fields)

    ids = {}
    # 2026-W48
    ids["v1"] = visit(
        "2026-11-23", "Medono", "siti", lkk=["Posyandu Melati", "Karang Taruna Medono"],
        male=4, female=9, duration=90,
    )  # fmt: skip
    ids["v2"] = visit(
        "2026-11-25", "Medono", "budi", lkk=["Posyandu Melati", "PKK Medono"],
        male=2, female=3, duration=60,
    )  # fmt: skip
    ids["v3"] = visit("2026-11-27", "Kauman", "budi", lkk=["BKM Kauman"], male=5)
    ids["v4"] = visit("2026-11-28", "Tirto", "siti")
    ids["v5"] = visit("2026-11-24", "Kauman", "siti", male=50, female=50)
    visits.delete(db, ids["v5"])
    # 2026-W47, the Sunday 2026-11-22 included
    ids["v6"] = visit("2026-11-20", "Medono", "siti", lkk=["PKK Medono"], male=10, female=10)
    ids["v7"] = visit("2026-11-16", "Poncol", "budi", male=3, female=4)
    ids["v8"] = visit("2026-11-22", "Medono", "siti", male=1, female=1)
    # An LKK removed after it was reached is no longer counted.
    lkk.remove(db, "Karang Taruna Medono", kelurahan="Medono")

    def activity(kelurahan, title, kind, day, *moves) -> str:
        return add_activity(db, *moves, kelurahan=kelurahan, title=title, kind=kind, start=day)

    ids["a1"] = activity("Medono", "Normalisasi saluran", "fisik", "2026-10-01", "2026-11-10",
                         "2026-11-24")  # fmt: skip
    ids["a2"] = activity("Medono", "Pelatihan kader", "nonfisik", "2026-11-26")
    ids["a3"] = activity("Kauman", "Kerja bakti", "fisik", "2026-09-01", "2026-09-15",
                         "2026-10-01", "2026-11-27")  # fmt: skip
    ids["a4"] = activity("Kauman", "Sosialisasi PHBS", "nonfisik", "2026-11-01")
    activities.delete(db, ids["a4"])
    ids["a5"] = activity("Tirto", "Perbaikan jalan", "fisik", "2026-11-20", "2026-11-28")

    def followup(kelurahan, day, due, owner) -> str:
        return add_followup(
            db, kelurahan=kelurahan, problem="Kendala " + day, action="Tindak lanjut",
            on=day, due=due, owner=owner,
        )  # fmt: skip

    ids["f1"] = followup("Medono", "2026-11-23", "2026-11-25", "siti")
    ids["f2"] = followup("Medono", "2026-11-10", "2026-12-10", "siti")
    followups.done(db, ids["f2"], note="Selesai", on="2026-11-24")
    ids["f3"] = followup("Kauman", "2026-11-02", "2026-11-20", "budi")
    ids["f4"] = followup("Kauman", "2026-11-24", "2026-12-01", "budi")
    followups.done(db, ids["f4"], note="Selesai", on="2026-11-28")
    ids["f5"] = followup("Tirto", "2026-11-05", "2026-11-30", "siti")
    ids["f6"] = followup("Medono", "2026-11-23", "2026-11-30", "siti")
    followups.delete(db, ids["f6"])
    return ids


def ref_of(cli: Cli, kind: str, record_id: str) -> str:
    """The short reference (core/refs.py) of a visit, activity or follow-up, as `show` gives it."""
    return str(cli.json(kind, "show", record_id)["ref"])


# --- a real terminal ------------------------------------------------------------------------


class Terminal:
    """`faskel ARGS` on a pseudo-terminal of its own, as a person runs it: Ctrl-C there is a
    SIGINT, Ctrl-D an end of input. `expect` what it shows, `send` what is typed."""

    def __init__(self, *args: str, env: dict, cwd: Path | None = None):
        import fcntl
        import pty
        import termios

        def own_terminal() -> None:
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "faskel_cli", *args],
            stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
            preexec_fn=own_terminal, cwd=cwd or ROOT,
        )  # fmt: skip
        os.close(slave)
        self.raw = b""
        self.at = 0  # where the last `expect` matched: later ones look after it

    @property
    def seen(self) -> str:
        return self.raw.decode(errors="replace").replace("\r\n", "\n")

    def read(self, timeout: float = 20) -> bool:
        """What the program wrote next; False when nothing came in `timeout` seconds or the
        terminal gave no data (a busy machine may say so before the program is done)."""
        import select

        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:  # EIO: no writer on the other side just now (or any more)
            return False
        self.raw += chunk
        return bool(chunk)

    def expect(self, wanted: str) -> None:
        while wanted not in self.seen[self.at :]:
            assert self.read(), (wanted, self.seen)
        self.at = self.seen.index(wanted, self.at) + len(wanted)

    def send(self, *lines: str) -> None:
        for line in lines:
            os.write(self.master, (line + "\n").encode())

    def answer(self, *pairs: tuple[str, str]) -> None:
        """Each (prompt, answer): wait for the prompt, then type the answer."""
        for wanted, line in pairs:
            self.expect(wanted)
            self.send(line)

    def press(self, key: bytes) -> None:
        """A key a person presses at a question just shown. Not within the same instant: a
        Ctrl-C that lands between the prompt being written and Python's input() waiting is
        noted but not acted on until the next key (readline waits in select), which no
        person is fast enough to hit and a test on a busy machine is."""
        import time

        time.sleep(0.3)
        os.write(self.master, key)

    def finish(self, timeout: float = 30) -> int:
        """Read until the program has exited (not merely until a read comes back empty: the
        terminal is closed only then, so the program is never cut off by a hang-up)."""
        import time

        deadline = time.monotonic() + timeout
        try:
            while time.monotonic() < deadline:
                if self.read(0.2):
                    continue
                if self.proc.poll() is not None:
                    while self.read(0.05):
                        pass
                    break
                time.sleep(0.02)
        finally:
            os.close(self.master)
            self.proc.wait(timeout=20)
        return self.proc.returncode
