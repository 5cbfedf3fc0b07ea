"""The merge: classify the staged records, check them, apply them in one transaction."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.bundle import identity, shortrefs
from faskel_cli.core.bundle.checks import (
    check_staged,
    classify,
    clock_limit,
    refusals,
    within,
)
from faskel_cli.core.bundle.kinds import (
    Kind,
    Unique,
    area_label,
    area_name,
    describe,
    link_json,
    links_array,
)
from faskel_cli.core.bundle.problems import BundleRefused, Problem
from faskel_cli.core.bundle.reader import Reader
from faskel_cli.core.bundle.staging import create_stage, drop_stage, stage
from faskel_cli.core.bundle.wire import (
    ENTITY,
    IMPORT_BUSY_TIMEOUT_MS,
)
from faskel_cli.core.errors import ConflictError
from faskel_cli.core.ids import short_device
from faskel_cli.core.records import Counts as KindCounts
from faskel_cli.core.store import BUSY_TIMEOUT_MS, get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass
class ImportResult:
    path: str
    manifest: dict
    counts: dict[str, KindCounts]
    dry_run: bool
    problems: list[Problem] = field(default_factory=list)
    refused_total: int = 0
    merged: dict[str, int] = field(default_factory=dict)  # kind -> records merged (identity)

    def as_dict(self) -> dict:
        return {
            "file": self.path,
            "source_device": self.manifest["device_id"],
            "sender": sender(self.manifest),
            "created_at": self.manifest["created_at"],
            "dry_run": self.dry_run,
            "kinds": [
                {"kind": k, **vars(c)} for k, c in self.counts.items() if any(vars(c).values())
            ],
            "merged": self.merged,
        }


_HANDLE_LIKE = re.compile(r"^[a-z][a-z0-9._-]{0,31}$")


def sender(manifest: dict) -> dict | None:
    """Who the bundle says made it (the `me` of the exporting database and that
    facilitator's name; optional manifest fields), or None. Only plain short text is
    taken from a file that anyone could have written."""
    handle = manifest.get("sender")
    name = manifest.get("sender_name")
    handle = handle if isinstance(handle, str) and _HANDLE_LIKE.match(handle) else None
    name = " ".join(name.split())[:200] if isinstance(name, str) and name.strip() else None
    if handle is None and name is None:
        return None
    return {"handle": handle, "name": name}


def _import_who(manifest: dict) -> str:
    """The audit's `who` of a version brought in: the bundle's sender, else its device."""
    found = sender(manifest) or {}
    return (
        found.get("handle") or found.get("name") or f"device {short_device(manifest['device_id'])}"
    )


def _shares_a_key(db: Db, kind: Kind, unique: Unique) -> bool:
    """A written record of the bundle has the key of `unique` of a row the index holds
    here (asked only when no row here changes, so only those rows can collide): one seek
    into the index itself per record."""
    k = kind.name
    same = " and ".join(
        f"t.[{c}] = s.[{c}]" + ("" if coll.upper() == "BINARY" else f" collate {coll}")
        for c, coll in zip(unique.columns, unique.collations, strict=True)
    )
    # The index's own condition (its columns are t's: the innermost table of the subquery).
    partial = f" and ({unique.where})" if unique.where else ""
    found = db.execute(
        f"select 1 from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id where exists "
        f"(select 1 from main.[{k}] t indexed by [{unique.name}] where {same}{partial}) "
        "limit 1"
    ).fetchone()
    return found is not None


def _apply(
    db: Db, kind: Kind, *, at: str, who: str, device: str | None, source: int, merging: bool
) -> None:
    """Writes the kind's staged records that change something; `who` (the bundle's sender)
    and `source` (the audit row of this import) go to the audit. `merging`: records of
    the kind are merged by identity in this import."""
    k = kind.name
    names = kind.names
    columns = ", ".join(f"[{c}]" for c in names)
    link = kind.link
    # A photo's bytes stay out of the audit (its sha256 column names them).
    audited = [c for c in names if c not in kind.blobs]
    before = ", ".join(f"'{c}', t.[{c}]" for c in audited)
    after = ", ".join(f"'{c}', s.[{c}]" for c in audited)
    if link:
        before += link_json(
            link, f"main.[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]"
        )
        after += f", '{link.key}', json({links_array('s')})"
    audit = (
        "insert into main.audit (at, who, action, entity, entity_id, before, after, device_id, "
        "source) "
    )
    # The version replaced stays in the audit.
    db.execute(
        audit + f"select ?, ?, 'import', ?, t.id, json_object({before}), json_object({after}), "
        f"?, ? from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id "
        f"join main.[{k}] t on t.id = n.id where n.state = 'u'",
        [at, who, ENTITY[k], device, source],
    )
    # A record never seen starts its history here: which version came (its columns are
    # the record's own until an edit, whose audit row keeps them as `before`), from where.
    db.execute(
        audit + "select ?, ?, 'import', ?, s.id, null, json_object('updated_at', s.updated_at, "
        "'device_id', s.device_id), "
        f"?, ? from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id where n.state = 'a'",
        [at, who, ENTITY[k], device, source],
    )
    sets = ", ".join(shortrefs.kept(c) or f"[{c}] = excluded.[{c}]" for c in names if c != "id")
    # A handle or LKK name may move between records within one bundle (deleted here, made
    # anew there; renamed, then taken): unique indexes are checked on the final state
    # (_check_unique did, and re-creating them checks again), not row by row. When no
    # record is updated or merged and no new one shares a key with any row here (a kota's
    # first bundle into its province), inserting cannot trip an index, and it stays:
    # re-creating it reads every row of a province's table.
    moving = kind.uniques and (
        merging
        or db.execute(f"select 1 from temp.[n_{k}] where state = 'u' limit 1").fetchone()
        or any(_shares_a_key(db, kind, unique) for unique in kind.uniques)
    )
    if moving:
        for unique in kind.uniques:
            db.execute(f"drop index main.[{unique.name}]")
    db.execute(
        f"insert into main.[{k}] ({columns}) select {', '.join(f's.[{c}]' for c in names)} "
        f"from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id where true "
        f"on conflict (id) do update set {sets}"
    )
    if moving:
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
            f"json_each({links_array('s')}) j"
        )


def _plan(
    db: Db, kinds: dict[str, Kind], staged: dict[str, int]
) -> tuple[list[Problem], int, dict[str, KindCounts], dict[str, int]]:
    """What the staged bundle would do here: (problems shown, problems in all, counts,
    records merged per kind). Only TEMP tables are written."""
    classify(db, kinds)
    identity.find_merges(db, kinds)
    if identity.build_remap(db, kinds, staged=True):
        identity.remap_staged(db, kinds)
    check_staged(db, kinds, clock_limit())
    problems, total, refused = refusals(db, kinds)
    merged = identity.counts(db)
    unchanged_merged = dict(
        db.execute("select kind, count(*) from temp.m_merge where staged group by kind").fetchall()
    )
    counts: dict[str, KindCounts] = {}
    for k in kinds:
        states = dict(
            db.execute(f"select state, count(*) from temp.[n_{k}] group by state").fetchall()
        )
        added, updated = states.get("a", 0), states.get("u", 0)
        # A record of the bundle identical to ours, merged here, is not unchanged.
        here = (
            db.execute(
                f"select count(*) from temp.m_merge m join temp.[n_{k}] n on n.id = m.loser "
                f"where m.kind = ? and m.staged and n.state = 'm'",
                [k],
            ).fetchone()[0]
            if unchanged_merged.get(k)
            else 0
        )
        counts[k] = KindCounts(
            added=added,
            updated=updated,
            unchanged=staged.get(k, 0) - added - updated - here,
            refused=refused.get(k, 0),
        )
    return problems, total, counts, merged


def import_bundle(
    db: Db,
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
    with Reader(path) as reader:
        manifest = reader.manifest()
        here = get_setting(db, "area")
        if not within(manifest["area"], here):
            raise ConflictError(
                "err.bundle_area",
                file=name,
                area=area_label(manifest["area"], manifest.get("area_name")),
                here=area_label(here, area_name(db)),
            )
        create_stage(db, kinds)
        identity.create_tables(db)
        try:
            staged = stage(db, kinds, reader, manifest)
        except BaseException:
            _drop(db)
            raise
    try:
        if dry_run:
            return _dry_run(db, kinds, name, manifest, staged)
        return _merge(db, kinds, name, manifest, staged, on_commit)
    finally:
        _drop(db)


def _drop(db: Db) -> None:
    drop_stage(db)
    with contextlib.suppress(sqlite3.Error):
        identity.drop_tables(db)


def _dry_run(
    db: Db, kinds: dict[str, Kind], name: str, manifest: dict, staged: dict[str, int]
) -> ImportResult:
    conn = db.conn
    conn.execute("begin")  # a consistent view of the database; only TEMP tables are written
    try:
        problems, total, counts, merged = _plan(db, kinds, staged)
    finally:
        conn.execute("rollback")
    return ImportResult(name, manifest, counts, True, problems, total, merged)


@contextlib.contextmanager
def _rule_errors(conn: sqlite3.Connection, name: str) -> Iterator[None]:
    """A rule of the database the checks above did not foresee (a CHECK, a foreign key at
    commit): the bundle is refused as a whole, the transaction rolled back."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        if conn.in_transaction:
            conn.rollback()
        raise ConflictError("err.bundle_rule", file=name, reason=str(exc)) from None


def _merge(
    db: Db,
    kinds: dict[str, Kind],
    name: str,
    manifest: dict,
    staged: dict[str, int],
    on_commit: Callable[[dict], None] | None,
) -> ImportResult:
    from faskel_cli.core import audit, sources

    conn = db.conn
    conn.execute(f"pragma busy_timeout = {IMPORT_BUSY_TIMEOUT_MS}")
    try:
        with _rule_errors(conn, name), transaction(db):
            conn.execute("pragma defer_foreign_keys = on")
            problems, total, counts, merged = _plan(db, kinds, staged)
            if total:
                raise BundleRefused(name, problems, total)
            changed = {k: vars(c) for k, c in counts.items() if c.added or c.updated}
            if changed or merged:  # a bundle that changes nothing leaves no trace at all
                # The import's own row: every change it brings refers to it (audit.source).
                source = audit.record(
                    db,
                    "import",
                    "bundle",
                    manifest["sha256"],
                    None,
                    {
                        "file": Path(name).name,
                        "source_device": manifest["device_id"],
                        "sender": sender(manifest),
                        "created_at": manifest["created_at"],
                        "counts": changed,
                        "merged": merged,
                    },
                )
                at, device = clock.utc_stamp(), get_setting(db, "device_id")
                shortrefs.prepare(db, kinds)
                for kind in kinds.values():
                    k = kind.name
                    if counts[k].added or counts[k].updated or merged.get(k):
                        _apply(
                            db,
                            kind,
                            at=at,
                            who=_import_who(manifest),
                            device=device,
                            source=source,
                            merging=bool(merged.get(k)),
                        )
                # Merges are made here, by whoever imports: in their name, for this bundle.
                here = [at, audit.who(db), device, source]
                if merged:
                    identity.audit_merges(db, kinds, audit_params=here)
                identity.remap_database(db, kinds, audit_params=here)
            # Every import, one that changes nothing too: who sent what (core/sources.py).
            changes = sum(c.added + c.updated for c in counts.values())
            sources.record(
                db,
                file=Path(name).name,
                manifest=manifest,
                sender=sender(manifest),
                staged=staged,
                newest=sources.newest_staged(db, kinds),
                changed=changes,
            )
            if on_commit:
                on_commit(manifest)
    finally:
        conn.execute(f"pragma busy_timeout = {BUSY_TIMEOUT_MS}")
    return ImportResult(name, manifest, counts, False, merged=merged)
