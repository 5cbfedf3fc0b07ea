"""Bundles: the shareable records of a database in one compressed file, for other laptops.

Format, version 1: gzip-compressed JSON lines. Line 1 is the manifest
    {"format": "faskel-bundle", "version": 1, "device_id", "area", "area_name", "created_at",
     "scope", "since", "counts": {kind: n}, "sha256": <of the bytes of every later line>}
then one record per line, {"kind": K, "record": {...}}: every column of table K and, for
facilitators, activities and visits, the sorted list of their links (kelurahan kodes, LKK
ids). Records are read from and written to the tables' own columns, so a column that a later
migration adds travels without touching this module.

Merge rule, the same on every laptop, so that any order of imports converges:
- an id never seen is added;
- a known id takes the version with the later updated_at (a tie goes to the larger
  device_id); the version it replaces is kept in the audit (action 'import');
- an older or identical version changes nothing; a tombstone (deleted_at set) is simply a
  newer version of the record.

An import reads the file once, streaming: every line is hashed, validated with pydantic in
chunks and copied into TEMP tables (outside the database file). Only when the checksum, the
counts and every record are good and every reference resolves does one transaction apply the
bundle, with set-based SQL.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from operator import itemgetter
from pathlib import Path

from faskel_cli.core import clock
from faskel_cli.core.db import BUSY_TIMEOUT_MS, get_setting, transaction
from faskel_cli.core.errors import ConflictError, FaskelError, InputError, NotFoundError

FORMAT = "faskel-bundle"
VERSION = 1
CHUNK = 1_000  # lines validated and staged at a time (more only costs memory, not time)
MAX_LINE = 4 * 1024 * 1024  # no record comes near; a longer "line" is not a bundle
READ_BLOCK = 1 << 20
WRITE_ROWS = 4_000  # lines hashed and compressed at a time by an export
# An import waits this long for another writer (a person while cron imports, or the
# reverse) instead of failing after the usual 10 s.
IMPORT_BUSY_TIMEOUT_MS = 15 * 60 * 1000
MAX_SHOWN = 3  # problems named in one error line

# Shareable tables, parents before children.
KINDS = ("facilitators", "lkk", "activities", "activity_stages", "visits", "followups")
ENTITY = {
    "facilitators": "facilitator",
    "lkk": "lkk",
    "activities": "activity",
    "activity_stages": "activity_stage",
    "visits": "visit",
    "followups": "followup",
}
# kind -> (link table, owner column, target column, key of the list in the record)
LINKS = {
    "facilitators": (
        "facilitator_kelurahan",
        "facilitator_id",
        "kelurahan_kode",
        "kelurahan_kodes",
    ),
    "activities": ("activity_lkk", "activity_id", "lkk_id", "lkk_ids"),
    "visits": ("visit_lkk", "visit_id", "lkk_id", "lkk_ids"),
}

ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# Fixed width (as clock.utc_stamp writes them), so that text order is time order.
STAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
KODE_PATTERN = r"^\d{2}(\.\d{2}){0,2}(\.\d{4})?$"
STAMPS = ("created_at", "updated_at", "deleted_at")
DATES = ("date", "due", "start_date", "stage_since")


# --- what the schema says ------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    has_default: bool
    default: object


@dataclass(frozen=True)
class Link:
    table: str
    owner: str
    target: str
    key: str
    refers_to: str | None  # a kind, or None when the target is a kelurahan kode


@dataclass(frozen=True)
class Unique:
    name: str
    columns: tuple[str, ...]
    collations: tuple[str, ...]
    where: str | None
    sql: str  # to re-create it (an import drops it while writing)


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]
    link: Link | None
    refs: tuple[tuple[str, str], ...]  # (column, kind it refers to)
    kelurahan: tuple[str, ...]  # columns holding a kelurahan kode
    uniques: tuple[Unique, ...]  # unique indexes besides the id

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _sql_default(text: str | None) -> tuple[bool, object]:
    if text is None:
        return False, None
    raw = text.strip()
    if raw.upper() == "NULL":
        return True, None
    if raw.startswith("'") and raw.endswith("'"):
        return True, raw[1:-1].replace("''", "'")
    for convert in (int, float):
        try:
            return True, convert(raw)
        except ValueError:
            pass
    return False, None  # an expression (CURRENT_TIMESTAMP, ...): the bundle must carry it


def _uniques(db, table: str) -> tuple[Unique, ...]:
    found = []
    for _, name, unique, origin, partial in db.execute(f"pragma index_list([{table}])"):
        if not unique or origin != "c":
            continue
        columns, collations = [], []
        for _, _, column, _, collation, key in db.execute(f"pragma index_xinfo([{name}])"):
            if key:
                columns.append(column)
                collations.append(collation or "BINARY")
        if None in columns:  # an index on an expression: left to the database itself
            continue
        sql = db.execute(
            "select sql from sqlite_master where type = 'index' and name = ?", [name]
        ).fetchone()[0]
        where = None
        if partial:
            match = re.search(r"\bwhere\b(.*)$", sql, re.IGNORECASE | re.DOTALL)
            where = match.group(1).strip() if match else None
        found.append(Unique(name, tuple(columns), tuple(collations), where, sql))
    return tuple(found)


def describe(db) -> dict[str, Kind]:
    """Every shareable kind as the schema of this database has it, parents first."""
    kinds: dict[str, Kind] = {}
    for name in KINDS:
        info = db.execute(f"pragma table_info([{name}])").fetchall()
        if not info:
            continue
        columns = []
        for _, column, declared, notnull, default, pk in info:
            has_default, value = _sql_default(default)
            columns.append(
                Column(column, (declared or "").upper(), bool(notnull or pk), has_default, value)
            )
        refs = tuple(
            (row[3], row[2])
            for row in db.execute(f"pragma foreign_key_list([{name}])")
            if row[2] in KINDS
        )
        link = None
        if name in LINKS:
            table, owner, target, key = LINKS[name]
            refers_to = None
            for row in db.execute(f"pragma foreign_key_list([{table}])"):
                if row[3] == target and row[2] in KINDS:
                    refers_to = row[2]
            link = Link(table, owner, target, key, refers_to)
        kelurahan = tuple(c.name for c in columns if c.name.endswith("kelurahan_kode"))
        kinds[name] = Kind(name, tuple(columns), link, refs, kelurahan, _uniques(db, name))
    return kinds


# --- validation models ---------------------------------------------------------------------


def _choices(kind: str, column: str) -> tuple[str, ...] | None:
    from faskel_cli.core import vocab

    return {
        ("facilitators", "role"): vocab.ROLES,
        ("lkk", "type"): vocab.LKK_TYPES,
        ("activities", "type"): vocab.ACTIVITY_TYPES,
        ("activities", "stage"): vocab.STAGES,
        ("activity_stages", "stage"): vocab.STAGES,
        ("visits", "kind"): vocab.KINDS,
        ("visits", "strand"): vocab.STRANDS,
        ("followups", "status"): ("open", "done"),
    }.get((kind, column))


def _column_type(kind: Kind, column: Column):
    from typing import Annotated, Literal

    from pydantic import Field, StrictFloat, StrictInt, StrictStr

    ref_columns = {c for c, _ in kind.refs}
    if column.name == "id" or column.name in ref_columns:
        return Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    if column.name in STAMPS:
        return Annotated[StrictStr, Field(pattern=STAMP_PATTERN)]
    if column.name in DATES or column.name.endswith("_date"):
        return Annotated[StrictStr, Field(pattern=DATE_PATTERN)]
    choices = _choices(kind.name, column.name)
    if choices:
        return Literal[choices]
    if "INT" in column.type:
        return StrictInt
    if any(word in column.type for word in ("REAL", "FLOA", "DOUB")):
        return StrictInt | StrictFloat
    return StrictStr


def _line_adapter(kinds: dict[str, Kind]):
    """One pydantic TypeAdapter for a JSON array of bundle lines of any kind."""
    from typing import Annotated, Literal, NotRequired, Union

    from pydantic import AfterValidator, ConfigDict, Field, StrictStr, TypeAdapter
    from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

    forbid = ConfigDict(extra="forbid")
    lines = []
    for kind in kinds.values():
        fields: dict = {}
        for column in kind.columns:
            typ = _column_type(kind, column)
            if not column.notnull:
                typ = typ | None
            required = column.notnull and not column.has_default
            fields[column.name] = typ if required else NotRequired[typ]
        if kind.link:
            # Kept as one text "id1,id2" (ids and kodes hold no comma): no row per link
            # is staged, and SQL expands the lists only of the records that get written.
            pattern = ID_PATTERN if kind.link.refers_to else KODE_PATTERN
            item = Annotated[StrictStr, Field(pattern=pattern)]
            fields[kind.link.key] = NotRequired[Annotated[list[item], AfterValidator(",".join)]]
        record = TypedDict(f"{kind.name}_record", fields)
        record.__pydantic_config__ = forbid
        line = TypedDict(f"{kind.name}_line", {"kind": Literal[kind.name], "record": record})  # noqa: UP013
        line.__pydantic_config__ = forbid
        lines.append(line)
    if len(lines) == 1:
        return TypeAdapter(list[lines[0]])
    return TypeAdapter(list[Annotated[Union[tuple(lines)], Field(discriminator="kind")]])  # noqa: UP007


def _manifest_model():
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field

    class Manifest(BaseModel):
        model_config = ConfigDict(extra="allow")

        format: Literal["faskel-bundle"]
        version: int
        device_id: str
        area: str
        area_name: str | None = None
        created_at: str
        scope: str | None = None
        since: str | None = None
        counts: dict[str, Annotated[int, Field(ge=0)]]
        sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]

    return Manifest


# --- errors that name what is wrong ---------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A record the bundle cannot bring in: what (missing, kelurahan, unique), where, why."""

    what: str
    kind: str
    record_id: str
    column: str
    value: str
    other: str = ""

    def text(self) -> str:
        from faskel_cli.messages import t

        return t(
            f"bundle.problem.{self.what}",
            kind=t(f"bundle.kind.{self.kind}"),
            id=self.record_id,
            column=self.column,
            value=self.value,
            other=self.other,
        )


class BundleRefused(ConflictError):
    """The bundle holds records this database cannot take; nothing was written."""

    def __init__(self, path: str, problems: list[Problem], total: int) -> None:
        super().__init__("err.bundle_refused", file=path, n=total)
        self.problems = problems
        self.total = total

    @property
    def only_missing(self) -> bool:
        """Every problem is a reference to a record that may still arrive in another bundle."""
        return all(p.what == "missing" for p in self.problems)

    def message(self) -> str:
        from faskel_cli.messages import t

        shown = "; ".join(p.text() for p in self.problems[:MAX_SHOWN])
        more = self.total - min(len(self.problems), MAX_SHOWN)
        if more > 0:
            shown += " " + t("bundle.more", n=more)
        return t(self.key, **self.params, details=shown)


# --- reading a bundle file ------------------------------------------------------------------


class _Reader:
    """Streams a bundle: the manifest, then content lines, hashing as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self.sha = hashlib.sha256()
        self.lines = 0
        self.started = False
        self._raw = None
        self._gz = None

    def __enter__(self) -> _Reader:
        if self.path.is_dir():
            raise InputError("err.bundle_not_bundle", file=self.name)
        try:
            self._raw = self.path.open("rb")
        except FileNotFoundError:
            raise NotFoundError("err.bundle_missing", file=self.name) from None
        except OSError as exc:
            raise InputError(
                "err.bundle_unreadable", file=self.name, reason=exc.strerror or str(exc)
            ) from None
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="rb")
        return self

    def __exit__(self, *exc) -> None:
        self._gz.close()
        self._raw.close()

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except EOFError:
            raise InputError("err.bundle_truncated", file=self.name) from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            if not self.started:
                raise InputError("err.bundle_not_bundle", file=self.name) from None
            raise InputError("err.bundle_corrupt", file=self.name, reason=str(exc)) from None
        except OSError as exc:
            raise InputError(
                "err.bundle_unreadable", file=self.name, reason=exc.strerror or str(exc)
            ) from None

    def manifest(self) -> dict:
        from pydantic import ValidationError

        with self._translated():
            first = self._gz.readline(MAX_LINE)
        if not first.endswith(b"\n"):
            raise InputError("err.bundle_not_bundle", file=self.name)
        try:
            data = json.loads(first)
        except ValueError:
            raise InputError("err.bundle_not_bundle", file=self.name) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError("err.bundle_not_bundle", file=self.name)
        if data.get("version") != VERSION:
            raise InputError(
                "err.bundle_version", file=self.name, version=data.get("version"), known=VERSION
            )
        try:
            manifest = _manifest_model().model_validate(data)
        except ValidationError as exc:
            first_error = exc.errors(include_url=False)[0]
            raise InputError(
                "err.bundle_manifest",
                file=self.name,
                field=".".join(map(str, first_error["loc"])),
                reason=first_error["msg"],
            ) from None
        self.started = True
        return manifest.model_dump()

    def batches(self, size: int) -> Iterator[list[bytes]]:
        """The lines after the manifest (without their newline), `size` at a time; read in
        large blocks, each hashed as it is read."""
        gz = self._gz
        rest = b""
        batch: list[bytes] = []
        while True:
            with self._translated():
                block = gz.read(READ_BLOCK)
            if not block:
                break
            self.sha.update(block)
            lines = (rest + block).split(b"\n") if rest else block.split(b"\n")
            rest = lines.pop()
            if len(rest) > MAX_LINE:
                raise InputError("err.bundle_line_long", file=self.name, line=self.lines + 2)
            self.lines += len(lines)
            batch.extend(lines)
            while len(batch) >= size:
                yield batch[:size]
                batch = batch[size:]
        if rest:
            self.lines += 1
            batch.append(rest)
        if batch:
            yield batch


def read_manifest(path: str | Path) -> dict:
    with _Reader(Path(path)) as reader:
        return reader.manifest()


_KIND_PREFIX = re.compile(rb'^\{\s*"kind"\s*:\s*"([A-Za-z_]+)"')


def inspect(path: str | Path) -> tuple[dict, dict[str, int], FaskelError | None]:
    """The manifest, the records counted per kind in the file, and what is wrong with the
    file (checksum or counts), if anything. Touches no database."""
    with _Reader(Path(path)) as reader:
        manifest = reader.manifest()
        found: dict[str, int] = {}
        try:
            for batch in reader.batches(CHUNK):
                for line in batch:
                    match = _KIND_PREFIX.match(line)
                    kind = match.group(1).decode() if match else _kind_of(line)
                    found[kind] = found.get(kind, 0) + 1
        except InputError as exc:
            return manifest, found, exc
    return manifest, found, _integrity_error(reader, manifest, found)


def _kind_of(line: bytes) -> str:
    try:
        data = json.loads(line)
    except ValueError:
        return "?"
    return str(data.get("kind", "?")) if isinstance(data, dict) else "?"


def _integrity_error(reader: _Reader, manifest: dict, found: dict[str, int]) -> InputError | None:
    if reader.sha.hexdigest() != manifest["sha256"]:
        return InputError("err.bundle_checksum", file=reader.name)
    declared = {k: v for k, v in manifest["counts"].items() if v}
    actual = {k: v for k, v in found.items() if v}
    if declared != actual:
        return InputError("err.bundle_counts", file=reader.name)
    return None


# --- staging: the whole bundle checked in TEMP tables before anything is written ------------


def _create_stage(db, kinds: dict[str, Kind]) -> None:
    for kind in kinds.values():
        k = kind.name
        columns = ", ".join(f"[{c.name}] {c.type}" for c in kind.columns)
        if kind.link:
            columns += ", [_links] text not null"
        db.execute(f"drop table if exists temp.[s_{k}]")
        db.execute(f"create temp table [s_{k}] ({columns}, primary key ([id])) without rowid")
        db.execute(f"drop table if exists temp.[n_{k}]")
        db.execute(
            f"create temp table [n_{k}] (id text primary key, state text not null) without rowid"
        )
    db.execute("drop table if exists temp.refused")
    db.execute(
        "create temp table refused (kind text, record_id text, what text, "
        "col text, value text, other text)"
    )


def drop_stage(db) -> None:
    with contextlib.suppress(sqlite3.Error):
        for (name,) in db.execute(
            "select name from sqlite_temp_master where type = 'table'"
        ).fetchall():
            if name[:2] in ("s_", "n_") or name == "refused":
                db.execute(f"drop table if exists temp.[{name}]")


class _Stager:
    """Validates chunks of lines and copies the records into the TEMP tables."""

    def __init__(self, db, kinds: dict[str, Kind], name: str) -> None:
        self.db = db
        self.kinds = kinds
        self.name = name
        self.adapter = _line_adapter(kinds)
        self.counts: dict[str, int] = {k: 0 for k in kinds}
        self.columns = {k: list(kind.names) for k, kind in kinds.items()}
        for k, kind in kinds.items():
            if kind.link:
                self.columns[k].append(kind.link.key)
        self.getters = {k: itemgetter(*columns) for k, columns in self.columns.items()}
        self.insert = {
            k: f"insert into temp.[s_{k}] "
            f"({', '.join(f'[{c}]' for c in kind.names)}{', [_links]' if kind.link else ''}) "
            f"values ({', '.join('?' for _ in self.columns[k])})"
            for k, kind in kinds.items()
        }
        self.error: InputError | None = None

    def _row(self, k: str, record: dict) -> tuple:
        try:
            return self.getters[k](record)
        except KeyError:  # a column the bundle leaves out: its default
            kind = self.kinds[k]
            row = [record.get(c.name, c.default) for c in kind.columns]
            if kind.link:
                row.append(record.get(kind.link.key, ""))
            return tuple(row)

    def add(self, lines: list[bytes], first_line: int) -> None:
        if self.error:
            return  # keep reading (and hashing): a checksum mismatch is the better message
        try:
            items = self._validate(lines, first_line)
        except InputError as exc:
            self.error = exc
            return
        rows: dict[str, list] = {}
        row = self._row
        for item in items:
            k = item["kind"]
            batch = rows.get(k)
            if batch is None:
                batch = rows[k] = []
            batch.append(row(k, item["record"]))
        conn = self.db.conn
        for k, batch in rows.items():
            self.counts[k] += len(batch)
            conn.execute("savepoint chunk")
            try:
                conn.executemany(self.insert[k], batch)
            except sqlite3.IntegrityError:
                conn.execute("rollback to chunk")
                conn.execute("release chunk")
                self.error = InputError(
                    "err.bundle_duplicate", file=self.name, id=self._duplicate(k, batch)
                )
                return
            conn.execute("release chunk")

    def _duplicate(self, k: str, batch: list) -> str:
        seen: set[str] = set()
        position = self.kinds[k].names.index("id")
        for row in batch:
            record_id = row[position]
            if record_id in seen:
                return record_id
            if self.db.execute(f"select 1 from temp.[s_{k}] where id = ?", [record_id]).fetchone():
                return record_id
            seen.add(record_id)
        return "?"

    def _validate(self, lines: list[bytes], first_line: int) -> list:
        from pydantic import ValidationError

        try:
            return self.adapter.validate_json(b"[" + b",".join(lines) + b"]")
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            loc = error["loc"]
            if error["type"] == "json_invalid" or not loc or not isinstance(loc[0], int):
                for offset, line in enumerate(lines):
                    try:
                        json.loads(line)
                    except ValueError:
                        raise self._invalid(first_line + offset, "-", "not JSON") from None
                raise self._invalid(first_line, "-", error["msg"]) from None
            where = [str(part) for part in loc[1:]]
            if len(where) >= 2 and where[1] == "record":
                where = where[2:]
            field_name = ".".join(where) or "kind"
            if error["type"] == "extra_forbidden":
                raise InputError(
                    "err.bundle_field_unknown",
                    file=self.name,
                    line=first_line + loc[0],
                    field=field_name,
                ) from None
            raise self._invalid(first_line + loc[0], field_name, error["msg"]) from None

    def _invalid(self, line: int, field_name: str, reason: str) -> InputError:
        return InputError(
            "err.bundle_invalid", file=self.name, line=line, field=field_name, reason=reason
        )


def _stage(db, kinds: dict[str, Kind], reader: _Reader, manifest: dict) -> dict[str, int]:
    """Reads the content of the bundle into TEMP tables; raises on any bad line, checksum
    or count, before the database is touched."""
    stager = _Stager(db, kinds, reader.name)
    conn = db.conn
    conn.execute("begin")  # one transaction for the TEMP tables only: no lock on the database
    try:
        first = 2  # line 1 is the manifest
        for batch in reader.batches(CHUNK):
            stager.add(batch, first)
            first += len(batch)
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
    # A changed or damaged file says so first: its bad lines are a consequence.
    if reader.sha.hexdigest() != manifest["sha256"]:
        raise InputError("err.bundle_checksum", file=reader.name)
    if stager.error:
        raise stager.error
    integrity = _integrity_error(reader, manifest, stager.counts)
    if integrity:
        raise integrity
    return stager.counts


# --- the merge ------------------------------------------------------------------------------


@dataclass
class KindCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0


@dataclass
class ImportResult:
    path: str
    manifest: dict
    counts: dict[str, KindCounts]
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    refused_total: int = 0

    def as_dict(self) -> dict:
        return {
            "file": self.path,
            "source_device": self.manifest["device_id"],
            "created_at": self.manifest["created_at"],
            "dry_run": self.dry_run,
            "kinds": [
                {"kind": k, **vars(c)} for k, c in self.counts.items() if any(vars(c).values())
            ],
        }


def _classify(db, kinds: dict[str, Kind]) -> None:
    """n_<kind> gets the staged records that would change the database: 'a' (never seen) or
    'u' (newer than ours: later updated_at, or the same and a larger device_id)."""
    for k in kinds:
        db.execute(f"delete from temp.[n_{k}]")
        db.execute(
            f"insert into temp.[n_{k}] (id, state) "
            f"select s.id, case when t.id is null then 'a' else 'u' end "
            f"from temp.[s_{k}] s left join main.[{k}] t on t.id = s.id "
            "where t.id is null or (s.updated_at, coalesce(s.device_id, '')) "
            "> (t.updated_at, coalesce(t.device_id, ''))"
        )


def _exists_here_or_staged(kind: str, expr: str) -> str:
    return (
        f"(exists (select 1 from main.[{kind}] r where r.id = {expr}) "
        f"or exists (select 1 from temp.[s_{kind}] r where r.id = {expr}))"
    )


def _kelurahan_exists(expr: str) -> str:
    return f"exists (select 1 from main.regions r where r.kode = {expr} and r.level = 'kelurahan')"


def _check(db, kinds: dict[str, Kind]) -> None:
    """Fills temp.refused with every record to be written that refers to a record neither
    in the bundle nor here, to a kelurahan outside the area, or that would take a name
    (handle, LKK name) another live record holds."""
    db.execute("delete from temp.refused")
    for kind in kinds.values():
        k = kind.name
        written = f"from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id"
        for column, ref in kind.refs:
            db.execute(
                f"insert into temp.refused select '{k}', s.id, 'missing', '{column}', "
                f"s.[{column}], '' {written} where s.[{column}] is not null "
                f"and not {_exists_here_or_staged(ref, f's.[{column}]')}"
            )
        for column in kind.kelurahan:
            db.execute(
                f"insert into temp.refused select '{k}', s.id, 'kelurahan', '{column}', "
                f"s.[{column}], '' {written} where s.[{column}] is not null "
                f"and not {_kelurahan_exists(f's.[{column}]')}"
            )
        if kind.link:
            link = kind.link
            exists = (
                _exists_here_or_staged(link.refers_to, "j.value")
                if link.refers_to
                else _kelurahan_exists("j.value")
            )
            what = "missing" if link.refers_to else "kelurahan"
            db.execute(
                f"insert into temp.refused select '{k}', s.id, '{what}', '{link.key}', "
                f"j.value, '' {written}, json_each({_links_array('s')}) j where not {exists}"
            )
        for unique in kind.uniques:
            _check_unique(db, kind, unique)


def _check_unique(db, kind: Kind, unique: Unique) -> None:
    """Two live records would share a handle or an LKK name once the bundle is in."""
    k = kind.name
    columns = ", ".join(f"[{c}]" for c in kind.names)
    staged = ", ".join(f"s.[{c}]" for c in kind.names)
    same = " and ".join(
        f"b.[{c}] = a.[{c}]" + ("" if coll.upper() == "BINARY" else f" collate {coll}")
        for c, coll in zip(unique.columns, unique.collations, strict=True)
    )
    shown = " || ' / ' || ".join(f"coalesce(a.[{c}], '')" for c in unique.columns)
    db.execute(
        f"""insert into temp.refused
        with final as (
            select {columns} from main.[{k}] t
            where not exists (select 1 from temp.[n_{k}] n where n.id = t.id)
            union all
            select {staged} from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id
        ), live as (select * from final where {unique.where or "1"})
        select '{k}', a.id, 'unique', '{"/".join(unique.columns)}', {shown}, min(b.id)
        from live a join temp.[n_{k}] n on n.id = a.id join live b on {same} and b.id <> a.id
        group by a.id"""
    )


def _refusals(db) -> tuple[list[Problem], int, dict[str, int]]:
    per_kind = dict(
        db.execute(
            "select kind, count(distinct record_id) from temp.refused group by kind"
        ).fetchall()
    )
    total = db.execute("select count(*) from temp.refused").fetchone()[0]
    problems = [
        Problem(*row)
        for row in db.execute(
            "select what, kind, record_id, col, value, other from temp.refused "
            "order by what = 'missing', kind, record_id limit ?",
            [MAX_SHOWN],
        ).fetchall()
    ]
    return problems, total, per_kind


def _links_array(alias: str) -> str:
    """The JSON array of a staged record's link list (kept as "id1,id2")."""
    return (
        f"(case {alias}.[_links] when '' then '[]' "
        f"else '[\"' || replace({alias}.[_links], ',', '\",\"') || '\"]' end)"
    )


def _link_json(link: Link, table: str, owner_expr: str, target: str) -> str:
    return (
        f", '{link.key}', json((select json_group_array(x.v) from (select {target} as v "
        f"from {table} where {owner_expr} order by 1) x))"
    )


def _apply(db, kind: Kind, *, at: str, who: str, device: str | None) -> None:
    k = kind.name
    names = kind.names
    columns = ", ".join(f"[{c}]" for c in names)
    link = kind.link
    before = ", ".join(f"'{c}', t.[{c}]" for c in names)
    after = ", ".join(f"'{c}', s.[{c}]" for c in names)
    if link:
        before += _link_json(
            link, f"main.[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]"
        )
        after += f", '{link.key}', json({_links_array('s')})"
    # The version replaced stays in the audit.
    db.execute(
        "insert into main.audit (at, who, action, entity, entity_id, before, after, device_id) "
        f"select ?, ?, 'import', ?, t.id, json_object({before}), json_object({after}), ? "
        f"from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id "
        f"join main.[{k}] t on t.id = n.id where n.state = 'u'",
        [at, who, ENTITY[k], device],
    )
    sets = ", ".join(f"[{c}] = excluded.[{c}]" for c in names if c != "id")
    # A handle or LKK name may move between records within one bundle (deleted here, made
    # anew there; renamed, then taken): unique indexes are checked on the final state
    # (_check_unique did, and re-creating them checks again), not row by row.
    for unique in kind.uniques:
        db.execute(f"drop index main.[{unique.name}]")
    db.execute(
        f"insert into main.[{k}] ({columns}) select {', '.join(f's.[{c}]' for c in names)} "
        f"from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id where true "
        f"on conflict (id) do update set {sets}"
    )
    for unique in kind.uniques:
        db.execute(unique.sql)
    if link:
        db.execute(
            f"delete from main.[{link.table}] where [{link.owner}] in "
            f"(select id from temp.[n_{k}] where state = 'u')"
        )
        db.execute(
            f"insert or ignore into main.[{link.table}] ([{link.owner}], [{link.target}]) "
            f"select s.id, j.value from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id, "
            f"json_each({_links_array('s')}) j"
        )


def _plan(db, kinds: dict[str, Kind], staged: dict[str, int]):
    """What the staged bundle would do here: (problems shown, problems in all, counts)."""
    _classify(db, kinds)
    _check(db, kinds)
    problems, total, refused = _refusals(db)
    counts: dict[str, KindCounts] = {}
    for k in kinds:
        states = dict(
            db.execute(f"select state, count(*) from temp.[n_{k}] group by state").fetchall()
        )
        added, updated = states.get("a", 0), states.get("u", 0)
        counts[k] = KindCounts(
            added=added,
            updated=updated,
            unchanged=staged.get(k, 0) - added - updated,
            refused=refused.get(k, 0),
        )
    return problems, total, counts


def import_bundle(
    db,
    path: str | Path,
    *,
    dry_run: bool = False,
    on_commit: Callable[[dict], None] | None = None,
) -> ImportResult:
    """Brings one bundle in (or, with dry_run, says what it would do): all or nothing.

    `on_commit(manifest)` runs inside the import's transaction (sync records the file)."""
    path = Path(path)
    name = str(path)
    kinds = describe(db)
    with _Reader(path) as reader:
        manifest = reader.manifest()
        here = get_setting(db, "area")
        if manifest["area"] != here:
            raise ConflictError(
                "err.bundle_area",
                file=name,
                area=area_label(manifest["area"], manifest.get("area_name")),
                here=area_label(here, _area_name(db)),
            )
        _create_stage(db, kinds)
        try:
            staged = _stage(db, kinds, reader, manifest)
        except BaseException:
            drop_stage(db)
            raise
    try:
        if dry_run:
            return _dry_run(db, kinds, name, manifest, staged)
        return _merge(db, kinds, name, manifest, staged, on_commit)
    finally:
        drop_stage(db)


def _dry_run(db, kinds, name, manifest, staged) -> ImportResult:
    conn = db.conn
    conn.execute("begin")  # a consistent view of the database; only TEMP tables are written
    try:
        problems, total, counts = _plan(db, kinds, staged)
    finally:
        conn.execute("rollback")
    return ImportResult(name, manifest, counts, True, problems, total)


@contextlib.contextmanager
def _rule_errors(conn, name: str) -> Iterator[None]:
    """A rule of the database the checks above did not foresee (a CHECK, a foreign key at
    commit): the bundle is refused as a whole, the transaction rolled back."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        if conn.in_transaction:
            conn.rollback()
        raise ConflictError("err.bundle_rule", file=name, reason=str(exc)) from None


def _merge(db, kinds, name, manifest, staged, on_commit) -> ImportResult:
    from faskel_cli.core import audit

    conn = db.conn
    conn.execute(f"pragma busy_timeout = {IMPORT_BUSY_TIMEOUT_MS}")
    try:
        with _rule_errors(conn, name), transaction(db):
            conn.execute("pragma defer_foreign_keys = on")
            problems, total, counts = _plan(db, kinds, staged)
            if total:
                raise BundleRefused(name, problems, total)
            at, who, device = clock.utc_stamp(), audit.who(db), get_setting(db, "device_id")
            for kind in kinds.values():
                if counts[kind.name].added or counts[kind.name].updated:
                    _apply(db, kind, at=at, who=who, device=device)
            changed = {k: vars(c) for k, c in counts.items() if c.added or c.updated}
            if changed:  # a bundle that changes nothing leaves no trace at all
                audit.record(
                    db,
                    "import",
                    "bundle",
                    manifest["sha256"],
                    None,
                    {
                        "file": Path(name).name,
                        "source_device": manifest["device_id"],
                        "created_at": manifest["created_at"],
                        "counts": changed,
                    },
                )
            if on_commit:
                on_commit(manifest)
    finally:
        conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
    return ImportResult(name, manifest, counts, False)


def _area_name(db) -> str | None:
    row = db.execute("select nama from regions where level = 'kabupaten'").fetchone()
    return row[0] if row else None


def area_label(kode: str | None, nama: str | None) -> str:
    return f"{nama} ({kode})" if nama else str(kode)


# --- export ---------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: str
    counts: dict[str, int]
    sha256: str
    scope: str
    since: str | None
    size: int

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {
            "file": self.path,
            "scope": self.scope,
            "since": self.since,
            "records": self.total,
            "counts": self.counts,
            "sha256": self.sha256,
            "bytes": self.size,
        }


def _line_sql(kind: Kind) -> str:
    fields = ", ".join(f"'{c}', t.[{c}]" for c in kind.names)
    link = kind.link
    if link:
        fields += _link_json(link, f"[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]")
    return (
        f"select json_object('kind', '{kind.name}', 'record', json_object({fields})) "
        f"from [{kind.name}] t"
    )


def ensure_change_log(db) -> None:
    """Re-creates the change-log triggers if a migration rebuilt a table (and lost them)."""
    from faskel_cli.core.schema import change_log_triggers

    statements = change_log_triggers().splitlines()
    have = db.execute(
        "select count(*) from sqlite_master where type = 'trigger' and name like 'change_log_%'"
    ).fetchone()[0]
    if have >= len(statements):
        return
    with transaction(db):
        for statement in statements:
            db.execute(statement)


def target_key(path: str | Path) -> str:
    return str(Path(path).expanduser().resolve())


def changed_since_mark(db, target: str) -> bool:
    row = db.execute("select seq from bundle_targets where target = ?", [target]).fetchone()
    if row is None:
        return True
    return bool(db.execute("select 1 from change_log where seq > ? limit 1", [row[0]]).fetchone())


def target_sha(db, target: str) -> str | None:
    row = db.execute("select sha256 from bundle_targets where target = ?", [target]).fetchone()
    return row[0] if row else None


def export(
    db,
    output: str | Path,
    *,
    since: date | None = None,
    everything: bool = False,
    target: str | None = None,
) -> ExportResult:
    """Writes the bundle: every record (everything), those changed since `since` (a day, WIB),
    or by default those changed here since the last export to the same target."""
    from faskel_cli.core import atomic

    kinds = describe(db)
    ensure_change_log(db)
    target = target or target_key(output)
    mark = db.execute(
        "select seq, exported_at from bundle_targets where target = ?", [target]
    ).fetchone()
    # Each kind's query gets {"kind": its name, **params}; sqlite3 ignores unused names.
    if since is not None and not everything:
        scope, since_text = "since", since.isoformat()
        where = " where t.updated_at >= :start"
        params = {"start": clock.utc_stamp(datetime.combine(since, time(0), tzinfo=clock.WIB))}
    elif mark is not None and not everything:
        scope, since_text = "changes", mark[1]
        where = (
            " where t.id in (select record_id from change_log where kind = :kind and seq > :seq)"
        )
        params = {"seq": mark[0]}
    else:
        scope, since_text, where, params = "all", None, "", {}

    conn = db.conn
    sha = hashlib.sha256()
    counts: dict[str, int] = {}
    content = tempfile.TemporaryFile()
    try:
        conn.execute("begin")  # one snapshot for every kind and for the change-log mark
        try:
            seq = conn.execute("select coalesce(max(seq), 0) from change_log").fetchone()[0]
            with gzip.GzipFile(fileobj=content, mode="wb", mtime=0) as gz:
                for kind in kinds.values():
                    cursor = conn.execute(
                        _line_sql(kind) + where + " order by t.id", {"kind": kind.name, **params}
                    )
                    counts[kind.name] = _write_lines(cursor, gz, sha)
        finally:
            conn.execute("commit")
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "device_id": get_setting(db, "device_id"),
            "area": get_setting(db, "area"),
            "area_name": _area_name(db),
            "created_at": clock.utc_stamp(),
            "scope": scope,
            "since": since_text,
            "counts": counts,
            "sha256": sha.hexdigest(),
        }

        def write(handle) -> None:
            with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
                gz.write(json.dumps(manifest, ensure_ascii=False).encode() + b"\n")
            content.seek(0)
            shutil.copyfileobj(content, handle, 1 << 20)

        written = atomic.write_with(output, write, private=True)
    finally:
        content.close()
    with transaction(db):
        db.execute(
            "insert into bundle_targets (target, seq, sha256, exported_at) values (?, ?, ?, ?) "
            "on conflict (target) do update set seq = excluded.seq, sha256 = excluded.sha256, "
            "exported_at = excluded.exported_at",
            [target, seq, manifest["sha256"], manifest["created_at"]],
        )
        # Changes every target has had are needed no more; the last row stays so that seq
        # numbers never restart.
        db.execute(
            "delete from change_log where seq <= (select min(seq) from bundle_targets) "
            "and seq < (select max(seq) from change_log)"
        )
    return ExportResult(
        str(written), counts, manifest["sha256"], scope, since_text, written.stat().st_size
    )


def _write_lines(cursor, gz, sha) -> int:
    count = 0
    while rows := cursor.fetchmany(WRITE_ROWS):
        block = "".join(line + "\n" for (line,) in rows).encode()
        sha.update(block)
        gz.write(block)
        count += len(rows)
    return count


# --- several bundles at once ----------------------------------------------------------------


@dataclass
class Outcome:
    path: Path
    result: ImportResult | None = None
    error: FaskelError | None = None


def import_many(
    db,
    paths: list[Path],
    *,
    dry_run: bool = False,
    on_commit: Callable[[Path, dict], None] | None = None,
) -> list[Outcome]:
    """Imports bundles in any order: one refused only for records that another of them
    brings is tried again after the others, until a round makes no progress."""
    outcomes = [Outcome(Path(p)) for p in paths]
    pending = list(outcomes)
    while pending:
        waiting = []
        for outcome in pending:
            commit = None
            if on_commit:

                def commit(manifest: dict, path: Path = outcome.path) -> None:
                    on_commit(path, manifest)

            try:
                outcome.result = import_bundle(db, outcome.path, dry_run=dry_run, on_commit=commit)
                outcome.error = None
            except BundleRefused as exc:
                outcome.error = exc
                if exc.only_missing and not dry_run:
                    waiting.append(outcome)
            except FaskelError as exc:
                outcome.error = exc
        if len(waiting) == len(pending):
            break
        pending = waiting
    return outcomes
