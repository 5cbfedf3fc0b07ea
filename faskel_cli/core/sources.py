"""Who sent what (issue 15 §3): every bundle imported here, one row of `bundle_sources`
(m014) each, a resend that changes nothing included, written in the import's own
transaction (core/bundle/merge.py). A source is the database a bundle came from, told by
its device id: a facilitator's laptop, a kota's or a province's database.

`sources(db)` -> one dict per source: its sender (handle, name), the area of its last
bundle, that bundle (when it came, its file, when it was made, its newest record date, its
records per kind, how many it added or updated) and how many bundles came from it."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING

from faskel_cli.core import clock

if TYPE_CHECKING:
    from faskel_cli.core.bundle.kinds import Kind
    from faskel_cli.core.store import Db, Reader

SCHEMA = """
create table bundle_sources (
    id integer primary key,
    at text not null,  -- when it was imported here (UTC)
    file text not null,  -- the bundle's file name
    device_id text not null,  -- the database that made it
    sender_handle text,
    sender_name text,
    area text,  -- the area of the database that made it (unknown for imports before m014)
    area_name text,
    created_at text,  -- when it was made (UTC)
    sha256 text,
    newest text,  -- the newest record date it holds (visits, activities)
    counts text not null,  -- {kind: records it holds}
    changed integer not null  -- records it added or updated here
);
create index bundle_sources_device on bundle_sources(device_id, id);
"""

# The newest visit an import brought, for the imports the audit kept before m014.
_NEWEST = (
    "select max(v.date) from audit a join visits v on v.id = a.entity_id "
    "where a.source = ? and a.entity = 'visit'"
)


def backfill(conn: sqlite3.Connection) -> None:
    """The imports the audit holds (one row each that brought something) as sources."""
    rows = conn.execute(
        "select id, at, entity_id, after from audit where entity = 'bundle' and action = 'import' "
        "order by id"
    ).fetchall()
    for audit_id, at, sha256, after in rows:
        try:
            info = json.loads(after or "{}")
        except ValueError:
            continue
        if not isinstance(info, dict) or not info.get("source_device"):
            continue
        raw: dict = info["counts"] if isinstance(info.get("counts"), dict) else {}
        counts = {
            kind: sum(v for v in numbers.values() if isinstance(v, int))
            for kind, numbers in raw.items()
            if isinstance(numbers, dict)
        }
        changed = sum(
            int(numbers.get("added") or 0) + int(numbers.get("updated") or 0)
            for numbers in raw.values()
            if isinstance(numbers, dict)
        )
        sender: dict = info["sender"] if isinstance(info.get("sender"), dict) else {}
        (newest,) = conn.execute(_NEWEST, [audit_id]).fetchone()
        conn.execute(
            "insert into bundle_sources (at, file, device_id, sender_handle, sender_name, "
            "created_at, sha256, newest, counts, changed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                at,
                str(info.get("file") or ""),
                info["source_device"],
                sender.get("handle"),
                sender.get("name"),
                info.get("created_at"),
                sha256,
                newest,
                json.dumps({k: n for k, n in counts.items() if n}, sort_keys=True),
                changed,
            ],
        )


def newest_staged(db: Db, kinds: dict[str, Kind]) -> str | None:
    """The newest record date of the bundle being imported (its staged visits and
    activities)."""
    dates = []
    for kind in kinds.values():
        if "date" in kind.names:
            (day,) = db.execute(f"select max(date) from temp.[s_{kind.name}]").fetchone()
            if day:
                dates.append(day)
    return max(dates) if dates else None


def record(
    db: Db,
    *,
    file: str,
    manifest: dict,
    sender: dict | None,
    staged: dict[str, int],
    newest: str | None,
    changed: int,
) -> None:
    """One imported bundle (inside the import's transaction)."""
    sender = sender or {}
    db.execute(
        "insert into bundle_sources (at, file, device_id, sender_handle, sender_name, area, "
        "area_name, created_at, sha256, newest, counts, changed) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            clock.utc_stamp(),
            file,
            manifest["device_id"],
            sender.get("handle"),
            sender.get("name"),
            manifest.get("area"),
            manifest.get("area_name") if isinstance(manifest.get("area_name"), str) else None,
            manifest.get("created_at"),
            manifest.get("sha256"),
            newest,
            json.dumps({k: n for k, n in staged.items() if n}, sort_keys=True),
            changed,
        ],
    )


_SOURCES = (
    "with last as (select device_id, max(id) as id, count(*) as bundles, "
    "sum(changed > 0) as changing from bundle_sources group by device_id) "
    "select b.device_id, b.sender_handle, b.sender_name, b.area, b.area_name, b.at, b.file, "
    "b.created_at, b.newest, b.counts, b.changed, l.bundles, l.changing "
    "from last l join bundle_sources b on b.id = l.id order by b.id desc"
)


def local_moment(stamp: str | None) -> str | None:
    """A UTC stamp in the working area's zone: `2026-11-27 14:05 WIB` (None stays None)."""
    return clock.local_time(stamp) if stamp else None


def sources(db: Reader) -> list[dict]:
    """Every source, the one whose last bundle came last first."""
    out = []
    for row in db.execute(_SOURCES).fetchall():
        (device, handle, name, area, area_name, at, file, created, newest, counts) = row[:10]
        changed, bundles, changing = row[10:]
        out.append(
            {
                "device_id": device,
                "sender": {"handle": handle, "name": name} if handle or name else None,
                "area": area,
                "area_name": area_name,
                "bundles": bundles,
                "bundles_changing": changing,
                "last": {
                    "at": at,
                    "at_local": local_moment(at),
                    "file": file,
                    "created_at": created,
                    "newest": newest,
                    "counts": json.loads(counts),
                    "changed": changed,
                },
            }
        )
    return out
