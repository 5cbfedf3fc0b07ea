"""What `faskel visit import` works with: its results, the text of a cell, the checks of
one cell and the fingerprints that tell a file or row seen before (core/sheet_import.py)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faskel_cli.core import regions, visits
from faskel_cli.core.errors import ConflictError, FaskelError, InputError, NotFoundError
from faskel_cli.core.records import Counts
from faskel_cli.core.sheet_read import Row
from faskel_cli.core.store import get_setting

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


CHUNK = 500  # rows looked up together (well under SQLite's 32,766 parameters)
# Excel's day 0 (its 1900 leap-year bug included: serial 60 is the 29 February that never was)
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL = re.compile(r"^\d{5}(\.0+)?$", re.ASCII)
_DATE_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{4})[ T]\d", re.ASCII)
# The error a row can have, by the message key's start, when it names no option.
_KEY_FIELDS = {
    "visits": (
        ("err.kelurahan_", "kelurahan"),
        ("err.facilitator_", "fasilitator"),
        ("err.lkk_", "lkk"),
        ("err.duration", "durasi"),
        ("err.activity_", "kegiatan"),
        ("err.id_", "kegiatan"),
        ("err.ref_", "kegiatan"),  # a short reference (core/refs.py) of no activity
        ("err.sheet_ref_", "ref"),
        ("err.visit_deleted", "ref"),
    ),
    "problems": (
        ("err.facilitator_", "penanggung_jawab"),
        ("err.due_", "tenggat"),
        ("err.sheet_no_visit", "ref_kunjungan"),
        ("err.followup_deleted", "kendala"),
    ),
}


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one cell of one row: `column` is the heading as the file has it,
    `option` the `visit add` option the error's text may name (shown as the column)."""

    sheet: str
    row: int
    column: str | None
    option: str | None
    error: FaskelError


@dataclass
class Warned:
    key: str
    params: dict[str, object]
    sheet: str
    rows: list[int] = field(default_factory=list)  # the first few
    count: int = 0


@dataclass
class ImportResult:
    file: str
    dry_run: bool
    visits: Counts = field(default_factory=Counts)
    problems: Counts = field(default_factory=Counts)
    warnings: list[Warned] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return self.visits.refused + self.problems.refused

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.refused


@dataclass
class _Prepared:
    seq: int
    row: int
    cells: Row
    values: dict[str, Any]
    data: visits.VisitInput
    identity: str
    ref: str
    effective: str
    digest: str
    missing: list[str] = field(default_factory=list)  # required fields left empty


class _Rollback(Exception):
    """Leave the import's transaction without writing anything."""


# --- cells as text ---------------------------------------------------------------------------


def _plain(value: object) -> str:
    if value.__class__ is str:  # most cells: the fast way first
        return str(value).strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def date_text(value: object) -> str:
    """A date cell as `parse_date` reads it: a real date, an Excel serial number (a date
    cell saved as General, or a CSV of one), text with a time after it, or text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # 9999-12-31
            return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
        return _plain(value)
    text = _plain(value)
    if _SERIAL.match(text):
        return (_EXCEL_EPOCH + timedelta(days=int(float(text)))).isoformat()
    if _DATE_TIME.match(text):
        return text.split(" ", 1)[0].split("T", 1)[0]
    return text


def duration_text(value: object) -> str:
    """Minutes, or what `parse_duration` reads; a time cell (1:30) is 90 minutes."""
    if isinstance(value, time):
        return str(value.hour * 60 + value.minute)
    if isinstance(value, timedelta):
        return str(int(value.total_seconds() // 60))
    if isinstance(value, datetime):  # a time cell some writers store with a day
        return str(value.hour * 60 + value.minute)
    return _plain(value)


def lkk_names(text: str) -> list[str]:
    """LKK names of one cell, separated by `;` or line breaks."""
    return [name.strip() for name in re.split(r"[;\n\r]+", text) if name.strip()]


def _identity_text(value: object) -> str:
    text = _plain(value).lower()
    return text[5:] if text.startswith("uuid:") else text


def _cell_errors(db: Db, values: dict[str, Any]) -> Iterator[tuple[str, FaskelError]]:
    """The errors of a visit row's cells taken one by one (what `visits.add` stops at is
    the first of them): the checks of `_validated`, each of one cell."""
    from faskel_cli.core import facilitators, lkk
    from faskel_cli.core.dates import parse_date, parse_duration
    from faskel_cli.core.vocab import STRANDS, VISIT_KINDS, clean_text, pick

    text = {name: _plain(value) for name, value in values.items()}
    kel = None
    checks: list[tuple[str, Callable[[], object]]] = [
        ("tanggal", lambda: parse_date(date_text(values.get("tanggal")))),
        ("kelurahan", lambda: regions.kelurahan(db, text.get("kelurahan", ""))),
        ("jenis", lambda: pick(text.get("jenis"), VISIT_KINDS, option="--kind")),
        ("bidang", lambda: pick(text.get("bidang"), STRANDS, option="--strand")),
        ("laki_laki", lambda: visits.parse_count(text.get("laki_laki"), "--male")),
        ("perempuan", lambda: visits.parse_count(text.get("perempuan"), "--female")),
        ("durasi", lambda: parse_duration(duration_text(values.get("durasi")))),
        ("catatan", lambda: clean_text(text.get("catatan"), "--notes", required=False)),
    ]
    if text.get("fasilitator"):
        checks.append(("fasilitator", lambda: facilitators.resolve(db, text["fasilitator"])))
    for name, check in checks:
        try:
            result = check()
        except (InputError, NotFoundError, ConflictError) as exc:
            yield name, exc
        else:
            if name == "kelurahan":
                kel = result
    if isinstance(kel, regions.Region) and text.get("lkk"):
        try:
            lkk.ids_by_names(db, kel, lkk_names(text["lkk"]))
        except (InputError, NotFoundError) as exc:
            yield "lkk", exc


def _problem_cell_errors(db: Db, values: dict[str, Any]) -> Iterator[tuple[str, FaskelError]]:
    """The errors of a problem row's cells taken one by one, with the checks of
    `followups.add_for_visit` that need no visit (the due date's order needs one)."""
    from faskel_cli.core import facilitators
    from faskel_cli.core.dates import parse_date
    from faskel_cli.core.vocab import clean_text

    due = date_text(values.get("tenggat"))
    owner = _plain(values.get("penanggung_jawab"))
    checks: list[tuple[str, Callable[[], object]]] = [
        ("kendala", lambda: clean_text(_plain(values.get("kendala")), "--problem")),
        ("tindak_lanjut", lambda: clean_text(_plain(values.get("tindak_lanjut")), "--followup")),
    ]
    if due:
        checks.append(("tenggat", lambda: parse_date(due, field="--due", allow_future=True)))
    if owner:
        checks.append(
            ("penanggung_jawab", lambda: facilitators.resolve(db, owner, active_only=True))
        )
    for name, check in checks:
        try:
            check()
        except (InputError, NotFoundError, ConflictError) as exc:
            yield name, exc


def _option_of(error: FaskelError) -> str | None:
    for name in ("option", "field"):
        value = error.params.get(name)
        if isinstance(value, str) and value.startswith("--"):
            return value
    return None


def _digest(parts: list[str]) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False).hexdigest()


def _date_key(text: str) -> str:
    """The date of a content key: ISO when it reads as a date, else as typed."""
    from faskel_cli.core.dates import parse_date

    try:
        return parse_date(text, allow_future=True).isoformat()
    except InputError:
        return text.strip().lower()


def _rows(counts: Counts) -> int:
    return counts.added + counts.updated + counts.unchanged + counts.refused


def _fingerprint(
    db: Db, path: Path, problems_path: str | Path | None, facilitator: str | None
) -> str:
    digest = hashlib.sha256()
    for part in (path, Path(problems_path) if problems_path is not None else None):
        if part is not None:
            with part.open("rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())
    defaults = f"{facilitator or ''}\x1f{get_setting(db, 'me') or ''}"
    digest.update(defaults.encode("utf-8"))
    return digest.hexdigest()


def _rows_state(db: Db) -> str:
    found = db.conn.execute(
        "select count(*), coalesce(max(imported_at), '') from sheet_rows"
    ).fetchone()
    return f"{found[0]}|{found[1]}"


def _seen_whole(db: Db, fingerprint: str, result: ImportResult) -> bool:
    """The same file (and defaults) was imported, and no import changed sheet_rows since:
    every row is unchanged, as reading them would find."""
    found = db.conn.execute(
        "select visits, problems, rows_state, sheets from sheet_files where fingerprint = ?",
        [fingerprint],
    ).fetchone()
    if found is None or found[2] != _rows_state(db):
        return False
    result.visits.unchanged, result.problems.unchanged = int(found[0]), int(found[1])
    result.sheets = str(found[3]).split("\t")
    return True
