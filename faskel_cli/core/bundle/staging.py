"""Staging: the whole bundle checked in TEMP tables before anything is written."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from operator import itemgetter
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.bundle.kinds import Kind
from faskel_cli.core.bundle.reader import Reader, integrity_error
from faskel_cli.core.bundle.validation import line_adapter, reason
from faskel_cli.core.bundle.wire import CHUNK, ID_PATTERN, SHOWN_CHARS, excerpt
from faskel_cli.core.errors import InputError, Message

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


# The TEMP database's page cache (KiB): a bundle of tens of thousands of records is staged
# and checked in memory, where the default (a few hundred pages) wrote most of it to a
# temporary file; a larger bundle spills past it as before.
STAGE_CACHE_KIB = 65536


def create_stage(db: Db, kinds: dict[str, Kind]) -> None:
    db.execute(f"pragma temp.cache_size = -{STAGE_CACHE_KIB}")
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


def drop_stage(db: Db) -> None:
    with contextlib.suppress(sqlite3.Error):
        for (name,) in db.execute(
            "select name from sqlite_temp_master where type = 'table'"
        ).fetchall():
            if name[:2] in ("s_", "n_") or name == "refused":
                db.execute(f"drop table if exists temp.[{name}]")


class _Stager:
    """Validates chunks of lines and copies the records into the TEMP tables."""

    def __init__(self, db: Db, kinds: dict[str, Kind], name: str) -> None:
        self.db = db
        self.kinds = kinds
        self.name = name
        self.adapter = line_adapter(kinds, clock.today())
        self.counts: dict[str, int] = {k: 0 for k in kinds}
        self.columns = {k: list(kind.names) for k, kind in kinds.items()}
        for k, kind in kinds.items():
            if kind.link:
                self.columns[k].append(kind.link.key)
        self.getters = {k: itemgetter(*columns) for k, columns in self.columns.items()}
        # Positions of the columns a line carries as base64 (a photo's bytes), per kind.
        self.blobs = {
            k: [kind.names.index(c) for c in kind.blobs] for k, kind in kinds.items() if kind.blobs
        }
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
        for k, positions in self.blobs.items():
            if k in rows:
                try:
                    rows[k] = [self._decoded(k, found, positions) for found in rows[k]]
                except InputError as exc:
                    self.error = exc
                    return
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

    def _decoded(self, k: str, found: tuple, positions: list[int]) -> tuple:
        """The row with its base64 columns as bytes; a kind with a `sha256` column (photos)
        must bring the bytes that checksum names."""
        import base64
        import binascii
        import hashlib

        values = list(found)
        names = self.kinds[k].names
        for position in positions:
            if values[position] is None:
                continue
            try:
                values[position] = base64.b64decode(values[position], validate=True)
            except (binascii.Error, ValueError):
                raise InputError(
                    "err.bundle_blob", file=self.name, id=values[names.index("id")]
                ) from None
            if "sha256" in names:
                digest = hashlib.sha256(values[position]).hexdigest()
                if digest != values[names.index("sha256")]:
                    raise InputError(
                        "err.bundle_blob", file=self.name, id=values[names.index("id")]
                    )
        return tuple(values)

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
                        why = Message.of("bundle.reason.not_json")
                        raise self._invalid(first_line + offset, "-", why) from None
                    except RecursionError:
                        why = Message.of("bundle.reason.too_deep")
                        raise self._invalid(first_line + offset, "-", why) from None
                raise self._invalid(first_line, "-", reason(error)) from None
            where = [str(part) for part in loc[1:]]
            if len(where) >= 2 and where[1] == "record":
                where = where[2:]
            field_name = ".".join(where) or "kind"
            if len(field_name) > SHOWN_CHARS:  # a name the bundle made up may be any length
                field_name = field_name[:SHOWN_CHARS] + "..."
            if error["type"] == "extra_forbidden":
                raise InputError(
                    "err.bundle_field_unknown",
                    file=self.name,
                    line=first_line + loc[0],
                    field=field_name,
                ) from None
            in_record = len(loc) > 3 and loc[2] == "record" and loc[1] in self.kinds
            record_id = _record_id(lines[loc[0]]) if in_record else None
            if record_id:
                # A value of a record breaks a rule: say which record, which value, which rule.
                raise InputError(
                    "err.bundle_rule_broken",
                    file=self.name,
                    line=first_line + loc[0],
                    field=field_name,
                    value="-" if error["type"] == "missing" else excerpt(error.get("input")),
                    rule=reason(error),
                    kind=Message.of(f"bundle.kind.{loc[1]}"),
                    id=record_id,
                ) from None
            raise self._invalid(first_line + loc[0], field_name, reason(error)) from None

    def _invalid(self, line: int, field_name: str, why: Message | str) -> InputError:
        return InputError(
            "err.bundle_invalid", file=self.name, line=line, field=field_name, reason=why
        )


def _record_id(line: bytes) -> str | None:
    """The id of the record on a line, if it has a well-formed one (only read to name the
    record a refusal is about)."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return None
    record = data.get("record") if isinstance(data, dict) else None
    record_id = record.get("id") if isinstance(record, dict) else None
    if isinstance(record_id, str) and re.match(ID_PATTERN, record_id):
        return record_id
    return None


def stage(db: Db, kinds: dict[str, Kind], reader: Reader, manifest: dict) -> dict[str, int]:
    """Reads the content of the bundle into TEMP tables; raises on any bad line, checksum
    or count, before the database is touched."""
    stager = _Stager(db, kinds, reader.name)
    conn = db.conn
    conn.execute("begin")  # one transaction for the TEMP tables only: no lock on the database
    try:
        first = 2  # line 1 is the manifest
        for batch in reader.batches(CHUNK):
            stager.add(batch, first)
            if stager.error:
                break
            first += len(batch)
        if stager.error:
            reader.drain()  # only hashed: a checksum mismatch is the better message
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
    # A changed or damaged file says so first: its bad lines are a consequence.
    if reader.sha.hexdigest() != manifest["sha256"]:
        raise InputError("err.bundle_checksum", file=reader.name)
    if stager.error:
        raise stager.error
    integrity = integrity_error(reader, manifest, stager.counts)
    if integrity:
        raise integrity
    return stager.counts
