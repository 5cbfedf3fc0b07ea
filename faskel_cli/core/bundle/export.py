"""Writing a bundle: every record (the default), a period of work, or the changes since the
last export to the same file (never less than the file it replaces)."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from faskel_cli.core import clock
from faskel_cli.core.bundle.kinds import (
    Kind,
    add_b64_function,
    area_name,
    describe,
    json_value,
    link_json,
)
from faskel_cli.core.bundle.wire import FORMAT, OMITTED_WHEN_NULL, VERSION, WRITE_ROWS
from faskel_cli.core.store import get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# The dates a record's work happened on, per kind: a period's bundle holds the records whose
# work falls in it (and those changed in it, and what they refer to). `due` is a plan, not
# work done. An activity's stage moves are its activity_stages' dates.
WORK_DATES = {
    "activities": ("start_date", "stage_since"),
    "activity_stages": ("date",),
    "visits": ("date",),
    "followups": ("problem_date", "done_date"),
}
# What `bundle export --no-photos` leaves out.
PHOTO_KINDS = ("photos", "photo_links")


@dataclass(frozen=True)
class Window:
    """A period of work: scope 'since' (from `start` on), 'week' or 'month'; `label` is
    what the manifest's `period` says (2026-W48, 2026-11, or the first day)."""

    scope: str
    start: date
    end: date | None
    label: str


@dataclass
class ExportResult:
    path: str
    counts: dict[str, int]
    sha256: str
    scope: str
    since: str | None
    size: int
    until: str | None = None
    period: str | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_dict(self) -> dict:
        return {
            "file": self.path,
            "scope": self.scope,
            "since": self.since,
            "until": self.until,
            "period": self.period,
            "records": self.total,
            "counts": self.counts,
            "sha256": self.sha256,
            "bytes": self.size,
        }


def _line_sql(kind: Kind) -> str:
    omitted = [c for c in kind.names if c in OMITTED_WHEN_NULL]
    fields = ", ".join(f"'{c}', {json_value(kind, c, 't')}" for c in kind.names if c not in omitted)
    link = kind.link
    if link:
        fields += link_json(link, f"[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]")
    record = f"json_object({fields})"
    if omitted:
        # A JSON merge patch drops a key whose value is null: the key is there only when set.
        patch = ", ".join(f"'{c}', t.[{c}]" for c in omitted)
        record = f"json(json_patch({record}, json_object({patch})))"
    return f"select json_object('kind', '{kind.name}', 'record', {record}) from [{kind.name}] t"


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


def _file_sha(path: str | Path) -> str | None:
    """The content checksum of the bundle at `path`, or None (no file, or not a bundle)."""
    from faskel_cli.core.bundle.reader import read_manifest
    from faskel_cli.core.errors import FaskelError

    if not Path(path).is_file():
        return None
    try:
        return str(read_manifest(path)["sha256"])
    except (FaskelError, OSError):
        return None


def _window_ids(conn: sqlite3.Connection, kinds: dict[str, Kind], window: Window) -> None:
    """temp.x_export: the records of the window's work or changed in it, with every record
    they refer to (so the bundle imports on its own) and every stage of their activities."""
    conn.execute("drop table if exists temp.x_export")
    conn.execute(
        "create temp table x_export (kind text, id text, primary key (kind, id)) without rowid"
    )
    start = window.start.isoformat()
    end = window.end.isoformat() if window.end else None
    params = {
        "start": start,
        "end": end,
        "ustart": clock.utc_stamp(datetime.combine(window.start, time(0), tzinfo=clock.WIB)),
        "uend": clock.utc_stamp(
            datetime.combine(window.end + timedelta(days=1), time(0), tzinfo=clock.WIB)
        )
        if window.end
        else None,
    }
    for kind in kinds.values():
        conditions = ["(t.updated_at >= :ustart" + (" and t.updated_at < :uend)" if end else ")")]
        for column in WORK_DATES.get(kind.name, ()):
            if column in kind.names:
                conditions.append(
                    f"t.[{column}] between :start and :end" if end else f"t.[{column}] >= :start"
                )
        conn.execute(
            f"insert or ignore into temp.x_export select '{kind.name}', t.id "
            f"from [{kind.name}] t where {' or '.join(conditions)}",
            params,
        )
    # The photos of the visits and activities of the period (their links refer to them).
    if "photo_links" in kinds:
        conn.execute(
            "insert or ignore into temp.x_export select 'photo_links', p.id from photo_links p "
            "join temp.x_export x on (x.kind = 'visits' and x.id = p.visit_id) "
            "or (x.kind = 'activities' and x.id = p.activity_id)"
        )
    # What they refer to, children before parents (TABLES lists parents first); an
    # activity brings all its stages, so that its timeline arrives whole.
    for kind in reversed(list(kinds.values())):
        k = kind.name
        if k == "activities" and "activity_stages" in kinds:
            conn.execute(
                "insert or ignore into temp.x_export select 'activity_stages', s.id "
                "from activity_stages s join temp.x_export x on x.kind = 'activities' "
                "and x.id = s.activity_id"
            )
        for column, ref in kind.refs:
            rounds = 8 if ref == k else 1  # merged_into chains within the kind
            for _ in range(rounds):
                cursor = conn.execute(
                    f"insert or ignore into temp.x_export select '{ref}', t.[{column}] "
                    f"from [{k}] t join temp.x_export x on x.kind = '{k}' and x.id = t.id "
                    f"where t.[{column}] is not null"
                )
                if cursor.rowcount <= 0:
                    break
        link = kind.link
        if link and link.refers_to:
            conn.execute(
                f"insert or ignore into temp.x_export select '{link.refers_to}', "
                f"l.[{link.target}] from [{link.table}] l join temp.x_export x "
                f"on x.kind = '{k}' and x.id = l.[{link.owner}]"
            )


def _sender(db: Db) -> tuple[str | None, str | None]:
    """This database's `me` and that facilitator's name (who the bundle says sent it)."""
    me = get_setting(db, "me")
    if not me:
        return None, None
    found = db.execute(
        "select name from facilitators where handle = ? and deleted_at is null", [me]
    ).fetchone()
    return me, found[0] if found else None


def export(
    db: Db,
    output: str | Path,
    *,
    window: Window | None = None,
    changes: bool = False,
    since: date | None = None,
    everything: bool = False,
    target: str | None = None,
    photos: bool = True,
) -> ExportResult:
    """Writes the bundle. By default (and with `everything`) every record; `window` (or
    `since`, a day in WIB) a period of work; `changes` what changed here since the last
    export to the same target, and when the file written then is still there, unchanged,
    what it held too: a file never holds less than the one it replaces. Without `photos`
    the photos and their links stay out (PHOTO_KINDS), and the target's mark does not move
    (as for a period: the next export to it carries them)."""
    from faskel_cli.core import atomic

    kinds = describe(db)
    if not photos:
        kinds = {k: kind for k, kind in kinds.items() if k not in PHOTO_KINDS}
    ensure_change_log(db)
    target = target or target_key(output)
    if since is not None and window is None:
        window = Window("since", since, None, since.isoformat())
    if everything:
        window, changes = None, False
    mark = db.execute(
        "select seq, exported_at, sha256, from_seq, from_at from bundle_targets where target = ?",
        [target],
    ).fetchone()
    # Each kind's query gets {"kind": its name, **params}; sqlite3 ignores unused names.
    start_seq: int | None = None  # the change-log number this file starts after
    since_text: str | None = None
    until = period = None
    if window is not None:
        scope, since_text = window.scope, window.start.isoformat()
        until = window.end.isoformat() if window.end else None
        period = window.label
        where = " where t.id in (select id from temp.x_export where kind = :kind)"
        params: dict[str, Any] = {}
    elif changes and mark is not None:
        seq0, exported_at, sha0, from_seq, from_at = mark
        replaced = _file_sha(output)
        if replaced is None:  # the file written last went away (sent): what came since
            start_seq, since_text = seq0, exported_at
        elif replaced == sha0 and from_seq is not None:  # still there: what it held too
            start_seq, since_text = from_seq, from_at
        else:  # it held everything or a period, or it is not the file written last
            start_seq = None
        scope = "changes" if start_seq is not None else "all"
        if start_seq is None:
            since_text, where, params = None, "", {}
        else:
            where = (
                " where t.id in (select record_id from change_log "
                "where kind = :kind and seq > :seq)"
            )
            params = {"seq": start_seq}
    else:
        scope, since_text, where, params = "all", None, "", {}

    conn = db.conn
    add_b64_function(conn)
    sha = hashlib.sha256()
    counts: dict[str, int] = {}
    content = tempfile.TemporaryFile()
    try:
        conn.execute("begin")  # one snapshot for every kind and for the change-log mark
        try:
            seq = conn.execute("select coalesce(max(seq), 0) from change_log").fetchone()[0]
            if window is not None:
                _window_ids(conn, kinds, window)
            with gzip.GzipFile(fileobj=content, mode="wb", mtime=0) as gz:
                for kind in kinds.values():
                    cursor = conn.execute(
                        _line_sql(kind) + where + " order by t.id", {"kind": kind.name, **params}
                    )
                    lines = _write_lines(cursor, gz, sha)
                    if lines or kind.name not in PHOTO_KINDS:
                        # A bundle without photos says nothing of them: a faskel from
                        # before m015 still reads it.
                        counts[kind.name] = lines
        finally:
            conn.execute("commit")
            if window is not None:
                conn.execute("drop table if exists temp.x_export")
        me, me_name = _sender(db)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "version": VERSION,
            "device_id": get_setting(db, "device_id"),
            "area": get_setting(db, "area"),
            "area_name": area_name(db),
            "created_at": clock.utc_stamp(),
            "scope": scope,
            "since": since_text,
            "until": until,
            "period": period,
            "sender": me,
            "sender_name": me_name,
            "counts": counts,
            "sha256": sha.hexdigest(),
        }
        if not photos:
            manifest["photos"] = False  # left out (`--no-photos`), not none there

        def write(handle: BinaryIO) -> None:
            with gzip.GzipFile(fileobj=handle, mode="wb", mtime=0) as gz:
                gz.write(json.dumps(manifest, ensure_ascii=False).encode() + b"\n")
            content.seek(0)
            shutil.copyfileobj(content, handle, 1 << 20)

        written = atomic.write_with(output, write, private=True)
    finally:
        content.close()
    partial = window is not None or not photos
    _remember(db, target, mark, partial, seq, manifest, start_seq, since_text)
    return ExportResult(
        str(written),
        counts,
        manifest["sha256"],
        scope,
        since_text,
        written.stat().st_size,
        until,
        period,
    )


def _remember(
    db: Db,
    target: str,
    mark: tuple | None,
    is_window: bool,
    seq: int,
    manifest: dict,
    start_seq: int | None,
    since_text: str | None,
) -> None:
    """The target's mark: everything up to `seq` went there (a period's file moves no mark:
    it did not carry every change), the checksum of the file now there, and what it starts
    from (NULL: it holds everything or a period, so a file replacing it holds everything)."""
    with transaction(db):
        if is_window:
            if mark is not None:
                db.execute(
                    "update bundle_targets set sha256 = ?, from_seq = null, from_at = null "
                    "where target = ?",
                    [manifest["sha256"], target],
                )
        else:
            db.execute(
                "insert into bundle_targets (target, seq, sha256, exported_at, from_seq, from_at) "
                "values (?, ?, ?, ?, ?, ?) on conflict (target) do update set "
                "seq = excluded.seq, sha256 = excluded.sha256, exported_at = excluded.exported_at, "
                "from_seq = excluded.from_seq, from_at = excluded.from_at",
                [
                    target,
                    seq,
                    manifest["sha256"],
                    manifest["created_at"],
                    start_seq,
                    since_text if start_seq is not None else None,
                ],
            )
        # Changes every target has had (and every file still there starts after) are needed
        # no more; the last row stays so that seq numbers never restart.
        db.execute(
            "delete from change_log where seq <= "
            "(select min(coalesce(from_seq, seq)) from bundle_targets) "
            "and seq < (select max(seq) from change_log)"
        )


def _write_lines(cursor: sqlite3.Cursor, gz: gzip.GzipFile, sha: hashlib._Hash) -> int:
    count = 0
    while rows := cursor.fetchmany(WRITE_ROWS):
        block = "".join(line + "\n" for (line,) in rows).encode()
        sha.update(block)
        gz.write(block)
        count += len(rows)
    return count
