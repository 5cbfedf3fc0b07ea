"""The merge: classify the staged records, check them, apply them in one transaction."""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.bundle import identity, shortrefs
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
from faskel_cli.core.bundle.wire import (
    CLOCK_TOLERANCE_MINUTES,
    ENTITY,
    IDENTITY,
    IMPORT_BUSY_TIMEOUT_MS,
    MAX_SHOWN,
    STAMPS,
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


def within(area: str, here: str | None) -> bool:
    """A bundle of `area` may come into a database of `here`: the same area, or one inside
    it (a kota's into its province's, a province's into the nation's)."""
    from faskel_cli.core.areas import NATION

    if not here:
        return False
    return area == here or here == NATION or area.startswith(here + ".")


def _kelurahan_exists(expr: str) -> str:
    return f"exists (select 1 from main.regions r where r.kode = {expr} and r.level = 'kelurahan')"


def clock_limit() -> str:
    """The latest stamp an import accepts: this computer's clock plus the tolerance."""
    return clock.utc_stamp(clock.now_utc() + timedelta(minutes=CLOCK_TOLERANCE_MINUTES))


def _check(db: Db, kinds: dict[str, Kind], limit: str) -> None:
    """Fills temp.refused with every record to be written that refers to a record neither
    in the bundle nor here, to a kelurahan outside the area, that would take a name
    (handle, LKK name) another live record holds, or that is stamped later than `limit`."""
    db.execute("delete from temp.refused")
    for kind in kinds.values():
        k = kind.name
        written = f"from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id"
        stamps = [c for c in STAMPS if c in kind.names]
        if stamps:  # one pass over the records written, whatever the number of stamps
            which = " ".join(f"when s.[{c}] > :limit then '{c}'" for c in stamps)
            value = " ".join(f"when s.[{c}] > :limit then s.[{c}]" for c in stamps)
            ahead = " or ".join(f"s.[{c}] > :limit" for c in stamps)
            db.execute(
                f"insert into temp.refused select '{k}', s.id, 'future', case {which} end, "
                f"case {value} end, :limit {written} where n.state in ('a', 'u') and ({ahead})",
                {"limit": limit},
            )
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
    same = " and ".join(
        f"b.[{c}] = a.[{c}]" + ("" if coll.upper() == "BINARY" else f" collate {coll}")
        for c, coll in zip(unique.columns, unique.collations, strict=True)
    )
    shown = " || ' / ' || ".join(f"coalesce(a.[{c}], '')" for c in unique.columns)
    # Kinds merged by identity: what is still shared here is one key for two different
    # records, a conflict a person resolves (the problem names both and the command).
    what = "conflict" if k in IDENTITY else "unique"
    db.execute(
        f"""insert into temp.refused
        with final as ({identity.final_rows(kind, unique)}),
        live as (select * from final where {unique.where or "1"})
        select '{k}', a.id, '{what}', '{"/".join(unique.columns)}', {shown}, min(b.id)
        from live a join temp.[n_{k}] n on n.id = a.id join live b on {same} and b.id <> a.id
        group by a.id"""
    )


def _refusals(db: Db, kinds: dict[str, Kind]) -> tuple[list[Problem], int, dict[str, int]]:
    per_kind = dict(
        db.execute(
            "select kind, count(distinct record_id) from temp.refused group by kind"
        ).fetchall()
    )
    total = db.execute("select count(*) from temp.refused").fetchone()[0]
    problems = [
        _detailed(db, kinds, Problem(*row))
        for row in db.execute(
            "select what, kind, record_id, col, value, other from temp.refused "
            "order by what = 'missing', kind, record_id limit ?",
            [MAX_SHOWN],
        ).fetchall()
    ]
    return problems, total, per_kind


def short_id(record_id: str | None) -> str:
    """An id as faskel commands accept it (a unique prefix is enough; 13 characters are
    unique in practice and still read as an id)."""
    return (record_id or "?")[:13]


def _detailed(db: Db, kinds: dict[str, Kind], problem: Problem) -> Problem:
    """A problem with what a person needs to act on it: for a conflict, both records (id,
    name, device, whether here or in the bundle) and the command that resolves it here."""
    from dataclasses import replace

    if problem.what == "future":
        return replace(
            problem,
            extra=(
                ("minutes", CLOCK_TOLERANCE_MINUTES),
                ("device", _device_of(db, problem.kind, problem.record_id)),
            ),
        )
    if problem.what != "conflict" or problem.kind not in kinds:
        return problem
    kind = kinds[problem.kind]
    k = kind.name
    shown = [c for c in ("handle", "name", "type", "device_id") if c in kind.names]
    rows = {}
    for record_id in (problem.record_id, problem.other):
        found = db.execute(
            f"select {', '.join(f'[{c}]' for c in shown)} from ({identity.final_rows(kind)}) "
            "where id = ?",
            [record_id],
        ).fetchone()
        rows[record_id] = dict(zip(shown, found, strict=True)) if found else {}
    # "Here": a live record of this database the bundle does not write; renaming it here
    # makes a version later than any the bundle holds (records.next_version).
    here = None
    for record_id in (problem.other, problem.record_id):
        in_db = db.execute(
            f"select 1 from main.[{k}] t where t.id = ? and t.deleted_at is null "
            f"and not exists (select 1 from temp.[n_{k}] n where n.id = t.id)",
            [record_id],
        ).fetchone()
        if in_db:
            here = record_id
            break
    first, second = rows[problem.record_id], rows[problem.other]
    extra: dict[str, object] = {
        "other": short_id(problem.other),
        "id": short_id(problem.record_id),
        "name": first.get("name", "?"),
        "other_name": second.get("name", "?"),
        "type": first.get("type", "?"),
        "other_type": second.get("type", "?"),
        "device": short_device(first.get("device_id")),
        "other_device": short_device(second.get("device_id")),
        "handle": first.get("handle", ""),
    }
    if here is not None:
        local = rows[here]
        incoming = second if here == problem.record_id else first
        extra.update(
            here=short_id(here),
            here_handle=local.get("handle", ""),
            their_name=incoming.get("name", "?"),
            their_type=incoming.get("type", "?"),
        )
        key = CONFLICT_HERE.get(k, "bundle.problem.unique")
    else:
        key = CONFLICT_IN_BUNDLE.get(k, "bundle.problem.unique")
    values = {name: value for name, value in extra.items() if name not in ("id", "other")}
    return replace(
        problem,
        record_id=str(extra["id"]),
        other=str(extra["other"]),
        key=key,
        extra=tuple(values.items()),
    )


# The message of a conflict, by kind: one record of it here (renamed with a command here),
# or both in the bundle.
CONFLICT_HERE = {
    "facilitators": "bundle.problem.conflict.facilitators",
    "lkk": "bundle.problem.conflict.lkk",
}
CONFLICT_IN_BUNDLE = {
    "facilitators": "bundle.problem.conflict.facilitators.bundle",
    "lkk": "bundle.problem.conflict.lkk.bundle",
}


def _device_of(db: Db, k: str, record_id: str) -> str:
    found = db.execute(f"select device_id from temp.[s_{k}] where id = ?", [record_id]).fetchone()
    return short_device(found[0] if found else None)


def _apply(db: Db, kind: Kind, *, at: str, who: str, device: str | None, source: int) -> None:
    """Writes the kind's staged records that change something; `who` (the bundle's sender)
    and `source` (the audit row of this import) go to the audit."""
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
) -> tuple[list[Problem], int, dict[str, KindCounts], dict[str, int]]:
    """What the staged bundle would do here: (problems shown, problems in all, counts,
    records merged per kind). Only TEMP tables are written."""
    _classify(db, kinds)
    identity.find_merges(db, kinds)
    if identity.build_remap(db, kinds, staged=True):
        identity.remap_staged(db, kinds)
    _check(db, kinds, clock_limit())
    problems, total, refused = _refusals(db, kinds)
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
                            db, kind, at=at, who=_import_who(manifest), device=device, source=source
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
