"""Writing a bundle: every record, those since a date, or the changes since the last export."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from faskel_cli.core import clock
from faskel_cli.core.bundle.kinds import Kind, area_name, describe, link_json
from faskel_cli.core.bundle.wire import FORMAT, VERSION, WRITE_ROWS
from faskel_cli.core.store import get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


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
        fields += link_json(link, f"[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]")
    return (
        f"select json_object('kind', '{kind.name}', 'record', json_object({fields})) "
        f"from [{kind.name}] t"
    )


def ensure_change_log(db: Db) -> None:
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


def changed_since_mark(db: Db, target: str) -> bool:
    row = db.execute("select seq from bundle_targets where target = ?", [target]).fetchone()
    if row is None:
        return True
    return bool(db.execute("select 1 from change_log where seq > ? limit 1", [row[0]]).fetchone())


def target_sha(db: Db, target: str) -> str | None:
    row = db.execute("select sha256 from bundle_targets where target = ?", [target]).fetchone()
    return row[0] if row else None


def export(
    db: Db,
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
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "device_id": get_setting(db, "device_id"),
            "area": get_setting(db, "area"),
            "area_name": area_name(db),
            "created_at": clock.utc_stamp(),
            "scope": scope,
            "since": since_text,
            "counts": counts,
            "sha256": sha.hexdigest(),
        }

        def write(handle: BinaryIO) -> None:
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


def _write_lines(cursor: sqlite3.Cursor, gz: gzip.GzipFile, sha: hashlib._Hash) -> int:
    count = 0
    while rows := cursor.fetchmany(WRITE_ROWS):
        block = "".join(line + "\n" for (line,) in rows).encode()
        sha.update(block)
        gz.write(block)
        count += len(rows)
    return count
