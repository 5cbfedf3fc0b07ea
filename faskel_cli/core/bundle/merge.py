"""The merge: classify the staged records, check them, apply them in one transaction."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core import clock
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
from faskel_cli.core.bundle.rules import check as check_rules
from faskel_cli.core.bundle.staging import create_stage, drop_stage, stage
from faskel_cli.core.bundle.wire import ENTITY, IMPORT_BUSY_TIMEOUT_MS, MAX_SHOWN
from faskel_cli.core.errors import ConflictError
from faskel_cli.core.store import BUSY_TIMEOUT_MS, get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


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


def _classify(db: Db, kinds: dict[str, Kind]) -> None:
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


def _check(db: Db, kinds: dict[str, Kind]) -> None:
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
                f"j.value, '' {written}, json_each({links_array('s')}) j where not {exists}"
            )
        for unique in kind.uniques:
            _check_unique(db, kind, unique)
    check_rules(db, kinds)  # the rules between records (core/rules.py), bundle/rules.py


def _check_unique(db: Db, kind: Kind, unique: Unique) -> None:
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


def _refusals(db: Db) -> tuple[list[Problem], int, dict[str, int]]:
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


def _apply(db: Db, kind: Kind, *, at: str, who: str, device: str | None) -> None:
    k = kind.name
    names = kind.names
    columns = ", ".join(f"[{c}]" for c in names)
    link = kind.link
    before = ", ".join(f"'{c}', t.[{c}]" for c in names)
    after = ", ".join(f"'{c}', s.[{c}]" for c in names)
    if link:
        before += link_json(
            link, f"main.[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]"
        )
        after += f", '{link.key}', json({links_array('s')})"
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
            f"json_each({links_array('s')}) j"
        )


def _plan(
    db: Db, kinds: dict[str, Kind], staged: dict[str, int]
) -> tuple[list[Problem], int, dict[str, KindCounts]]:
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
        if manifest["area"] != here:
            raise ConflictError(
                "err.bundle_area",
                file=name,
                area=area_label(manifest["area"], manifest.get("area_name")),
                here=area_label(here, area_name(db)),
            )
        create_stage(db, kinds)
        try:
            staged = stage(db, kinds, reader, manifest)
        except BaseException:
            drop_stage(db)
            raise
    try:
        if dry_run:
            return _dry_run(db, kinds, name, manifest, staged)
        return _merge(db, kinds, name, manifest, staged, on_commit)
    finally:
        drop_stage(db)


def _dry_run(
    db: Db, kinds: dict[str, Kind], name: str, manifest: dict, staged: dict[str, int]
) -> ImportResult:
    conn = db.conn
    conn.execute("begin")  # a consistent view of the database; only TEMP tables are written
    try:
        problems, total, counts = _plan(db, kinds, staged)
    finally:
        conn.execute("rollback")
    return ImportResult(name, manifest, counts, True, problems, total)


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
