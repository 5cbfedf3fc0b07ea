"""One person, one LKK: the same facilitator or LKK made on two laptops becomes one record.

Two live records of a kind of wire.IDENTITY that hold the same unique key (a facilitator's
handle; an LKK's kelurahan and name) and agree on the identity columns (a facilitator's
name, an LKK's type; without case and extra spaces) are the same. The one with the smaller
id (UUIDv7: the older) survives, on every database alike; the other becomes a tombstone
whose `merged_into` names the survivor:

    deleted_at = updated_at = the loser's updated_at + 1 µs, every other column as it was.

That version depends only on the two records, not on which database merges them or when,
so databases that merge the same pair on their own hold the same row; it travels in
bundles like any version, so a database that never saw both live learns the merge from it.
A later live version of the loser (an edit made before its laptop knew) is newer and is
merged again the same way.

Every reference to a merged record (visits.facilitator_id, followups.owner_id, the LKK
lists of visits and activities, other tombstones' merged_into, ...: whatever column refers
to the kind) is rewritten to its survivor, following chains (c into b, b into a: c's
references go to a), in staged records and in the database, without a new updated_at: the
rewrite is the same function of the same records on every database, so a stamp would only
make databases that did it at different moments disagree. The survivor keeps its own
columns; the kelurahan of a facilitator merged into it are added by the view
facilitator_assignments, which reads the tombstones' lists (kept as they were), so no list
is rewritten.

Two live records with one key that are not the same (one handle, two names) are a real
conflict: the bundle is refused naming both (merge._check_unique).

Everything here is set-based SQL over the staged TEMP tables and a few small TEMP tables
(temp.m_merge: the merges this import makes; temp.m_remap: every merged id known, to its
final survivor); with no merge known, nothing but two tiny queries runs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core.bundle.kinds import Kind, Unique, link_json, links_array
from faskel_cli.core.bundle.wire import ENTITY, IDENTITY, MERGED_INTO

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


def merged_kinds(kinds: dict[str, Kind]) -> list[Kind]:
    """The kinds this database merges (those of IDENTITY whose table has merged_into)."""
    return [kinds[k] for k in IDENTITY if k in kinds and MERGED_INTO in kinds[k].names]


def create_tables(db: Db) -> None:
    db.execute("drop table if exists temp.m_merge")
    db.execute(
        "create temp table m_merge (kind text not null, loser text not null, "
        "survivor text not null, staged integer not null default 0, before text, "
        "primary key (kind, loser)) without rowid"
    )
    db.execute("drop table if exists temp.m_remap")
    db.execute(
        "create temp table m_remap (kind text not null, old text not null, new text not null, "
        "primary key (kind, old)) without rowid"
    )


def drop_tables(db: Db) -> None:
    db.execute("drop table if exists temp.m_merge")
    db.execute("drop table if exists temp.m_remap")


def normalised(expr: str) -> str:
    """Text compared without case, surrounding spaces or runs of spaces (up to 16)."""
    inner = f"replace({expr}, char(9), ' ')"
    for _ in range(4):
        inner = f"replace({inner}, '  ', ' ')"
    return f"lower(trim({inner}))"


def next_stamp_sql(expr: str) -> str:
    """The stamp 1 µs after `expr` (fixed width YYYY-MM-DDTHH:MM:SS.ffffffZ), in SQL."""
    return (
        f"(case when substr({expr}, 21, 6) = '999999' then "
        f"strftime('%Y-%m-%dT%H:%M:%S', substr({expr}, 1, 19), '+1 seconds') || '.000000Z' "
        f"else substr({expr}, 1, 20) || printf('%06d', cast(substr({expr}, 21, 6) as integer) + 1)"
        " || 'Z' end)"
    )


def same_key(unique: Unique, a: str, b: str) -> str:
    return " and ".join(
        f"{b}.[{c}] = {a}.[{c}]" + ("" if coll.upper() == "BINARY" else f" collate {coll}")
        for c, coll in zip(unique.columns, unique.collations, strict=True)
    )


def same_identity(kind: Kind, a: str, b: str) -> str:
    return " and ".join(
        f"{normalised(f'{a}.[{c}]')} = {normalised(f'{b}.[{c}]')}" for c in IDENTITY[kind.name]
    )


def final_rows(kind: Kind, unique: Unique | None = None) -> str:
    """Every record of the kind as it will be once the bundle is in: the database's rows the
    bundle does not replace, and the staged rows it writes (temp.n_<kind>).

    With `unique`: of the database's rows only the live ones sharing that key with a staged
    row written, found through the unique index (not a scan of the table: a province holds
    some 140,000 LKK). Two rows sharing the key once the bundle is in are never both the
    database's (the index keeps them apart), so one is staged and the other has its key."""
    k = kind.name
    columns = ", ".join(f"[{c}]" for c in kind.names)
    staged = ", ".join(f"s.[{c}]" for c in kind.names)
    within = ""
    if unique is not None:
        within = (
            f"and t.id in (select m.id from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id "
            f"join (select * from main.[{k}] where {unique.where or '1'}) m "
            f"on {same_key(unique, 's', 'm')}) "
        )
    return (
        f"select {columns} from main.[{k}] t "
        f"where not exists (select 1 from temp.[n_{k}] n where n.id = t.id) {within}"
        f"union all select {staged} from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id"
    )


def _record_json(kind: Kind, alias: str, links: str) -> str:
    """json_object of a record (`alias`'s columns) with its link list (SQL `links`)."""
    fields = ", ".join(f"'{c}', {alias}.[{c}]" for c in kind.names)
    if kind.link:
        fields += f", '{kind.link.key}', json({links})"
    return f"json_object({fields})"


def find_merges(db: Db, kinds: dict[str, Kind]) -> int:
    """Fills temp.m_merge with the records that are the same as a live one with a smaller id
    once the bundle is in, and turns each into its tombstone: in the staged row when the
    bundle writes it, else as a staged copy of the database's row (temp.n_<kind> state 'm').
    Returns the number of merges."""
    total = 0
    for kind in merged_kinds(kinds):
        k = kind.name
        for unique in kind.uniques:
            db.execute(
                f"""insert or ignore into temp.m_merge (kind, loser, survivor)
                with final as ({final_rows(kind, unique)}),
                live as (select * from final where {unique.where or "1"})
                select '{k}', a.id, min(b.id) from live a join live b
                on {same_key(unique, "a", "b")} and b.id < a.id and {same_identity(kind, "a", "b")}
                group by a.id"""
            )
        found = db.execute("select count(*) from temp.m_merge where kind = ?", [k]).fetchone()[0]
        if not found:
            continue
        total += found
        _tombstones(db, kind)
    return total


def _tombstones(db: Db, kind: Kind) -> None:
    k = kind.name
    losers = f"(select loser from temp.m_merge where kind = '{k}')"
    written = f"(select id from temp.[n_{k}] where state in ('a', 'u'))"
    link = kind.link
    db_links = "''"
    if link:
        db_links = (
            f"coalesce((select group_concat(x.v, ',') from (select [{link.target}] as v "
            f"from main.[{link.table}] where [{link.owner}] = t.id order by 1) x), '')"
        )
    db.execute(
        f"update temp.m_merge set staged = exists (select 1 from temp.[s_{k}] s "
        f"where s.id = m_merge.loser) where kind = '{k}'"
    )
    # The version merged, for the audit: the staged one when the bundle writes it.
    db.execute(
        f"update temp.m_merge set before = (select {_record_json(kind, 's', links_array('s'))} "
        f"from temp.[s_{k}] s where s.id = m_merge.loser) "
        f"where kind = '{k}' and loser in {written}"
    )
    link_sql = ""
    if link:
        link_sql = link_json(
            link, f"main.[{link.table}]", f"[{link.owner}] = t.id", f"[{link.target}]"
        )
    fields = ", ".join(f"'{c}', t.[{c}]" for c in kind.names)
    db.execute(
        f"update temp.m_merge set before = (select json_object({fields}{link_sql}) "
        f"from main.[{k}] t where t.id = m_merge.loser) "
        f"where kind = '{k}' and loser not in {written}"
    )
    survivor = f"(select m.survivor from temp.m_merge m where m.kind = '{k}' and m.loser = id)"
    # Written by the bundle: its staged row becomes the tombstone.
    db.execute(
        f"update temp.[s_{k}] set [{MERGED_INTO}] = {survivor}, "
        f"deleted_at = {next_stamp_sql('updated_at')}, updated_at = {next_stamp_sql('updated_at')} "
        f"where id in {losers} and id in {written}"
    )
    # Only here (or unchanged in the bundle): a staged copy of our row, as its tombstone.
    here = f"(select loser from temp.m_merge where kind = '{k}' and loser not in {written})"
    db.execute(f"delete from temp.[s_{k}] where id in {here}")
    changed = {
        MERGED_INTO: f"(select m.survivor from temp.m_merge m where m.kind = '{k}' "
        "and m.loser = t.id)",
        "deleted_at": next_stamp_sql("t.updated_at"),
        "updated_at": next_stamp_sql("t.updated_at"),
    }
    columns = ", ".join(f"[{c}]" for c in kind.names) + (", [_links]" if link else "")
    values = ", ".join(changed.get(c, f"t.[{c}]") for c in kind.names)
    if link:
        values += f", {db_links}"
    db.execute(
        f"insert into temp.[s_{k}] ({columns}) select {values} from main.[{k}] t "
        f"where t.id in {here}"
    )
    db.execute(
        f"insert into temp.[n_{k}] (id, state) select loser, 'm' from temp.m_merge "
        f"where kind = '{k}' and loser not in (select id from temp.[n_{k}])"
    )


def build_remap(db: Db, kinds: dict[str, Kind], *, staged: bool) -> int:
    """temp.m_remap: every merged id known (tombstones with merged_into) to the end of its
    chain. `staged`: as the database will be once the bundle is in; else as it is."""
    db.execute("delete from temp.m_remap")
    for kind in merged_kinds(kinds):
        k = kind.name
        rows = final_rows(kind) if staged else f"select * from main.[{k}]"
        db.execute(
            f"""insert into temp.m_remap (kind, old, new)
            with recursive edge (old, new) as (
                select id, [{MERGED_INTO}] from ({rows})
                where [{MERGED_INTO}] is not null and deleted_at is not null
            ), chain (old, new) as (
                select old, new from edge
                union select c.old, e.new from chain c join edge e on e.old = c.new
            )
            select '{k}', old, min(new) from chain group by old"""
        )
    return db.execute("select count(*) from temp.m_remap").fetchone()[0]


def _references(kinds: dict[str, Kind]) -> list[tuple[Kind, str, str]]:
    """(kind, column, merged kind) of every column referring to a merged kind; merged_into
    itself too, so that a tombstone always names the end of its chain (c merged into b
    before a was known names a once b is merged into a, as where a was known first)."""
    merged = {kind.name for kind in merged_kinds(kinds)}
    return [
        (kind, column, ref) for kind in kinds.values() for column, ref in kind.refs if ref in merged
    ]


def _link_references(kinds: dict[str, Kind]) -> list[tuple[Kind, str]]:
    merged = {kind.name for kind in merged_kinds(kinds)}
    return [
        (kind, kind.link.refers_to)
        for kind in kinds.values()
        if kind.link and kind.link.refers_to in merged
    ]


def _present(db: Db) -> set[str]:
    return {row[0] for row in db.execute("select distinct kind from temp.m_remap").fetchall()}


def remap_staged(db: Db, kinds: dict[str, Kind]) -> None:
    """Staged records referring to a merged id refer to its survivor instead (temp.m_remap)."""
    present = _present(db)
    for kind, column, ref in _references(kinds):
        if ref not in present:
            continue
        db.execute(
            f"update temp.[s_{kind.name}] set [{column}] = (select r.new from temp.m_remap r "
            f"where r.kind = '{ref}' and r.old = [{column}]) "
            f"where [{column}] in (select old from temp.m_remap where kind = '{ref}')"
        )
    for kind, ref in _link_references(kinds):
        if ref not in present:
            continue
        table = f"s_{kind.name}"
        db.execute(
            f"update temp.[{table}] set [_links] = coalesce((select group_concat(x.v, ',') from "
            f"(select distinct coalesce(r.new, j.value) as v "
            f"from json_each({links_array(table)}) j left join temp.m_remap r "
            f"on r.kind = '{ref}' and r.old = j.value order by 1) x), '') "
            f"where exists (select 1 from temp.m_remap r where r.kind = '{ref}' "
            f"and instr([{table}].[_links], r.old) > 0)"
        )


def remap_database(db: Db, kinds: dict[str, Kind], *, audit_params: list) -> None:
    """Records of the database referring to a merged id refer to its survivor instead, each
    change in the audit (action 'merge'). `audit_params`: at, who, device, source."""
    if not build_remap(db, kinds, staged=False):
        return
    present = _present(db)
    insert = (
        "insert into main.audit (at, who, action, entity, entity_id, before, after, "
        "device_id, source) "
    )
    for kind, column, ref in _references(kinds):
        if ref not in present:
            continue
        k = kind.name
        db.execute(
            insert + f"select ?, ?, 'merge', '{ENTITY[k]}', t.id, json_object('{column}', r.old), "
            f"json_object('{column}', r.new), ?, ? from temp.m_remap r "
            f"join main.[{k}] t on t.[{column}] = r.old where r.kind = '{ref}'",
            audit_params,
        )
        db.execute(
            f"update main.[{k}] set [{column}] = (select r.new from temp.m_remap r "
            f"where r.kind = '{ref}' and r.old = main.[{k}].[{column}]) "
            f"where [{column}] in (select old from temp.m_remap where kind = '{ref}')"
        )
    for kind, ref in _link_references(kinds):
        if ref not in present or kind.link is None:
            continue
        link = kind.link
        k = kind.name
        db.execute(
            insert + f"select ?, ?, 'merge', '{ENTITY[k]}', l.[{link.owner}], "
            f"json_object('{link.key}', json_array(r.old)), "
            f"json_object('{link.key}', json_array(r.new)), ?, ? from temp.m_remap r "
            f"join main.[{link.table}] l on l.[{link.target}] = r.old where r.kind = '{ref}'",
            audit_params,
        )
        # A list naming both the loser and its survivor keeps one of them.
        db.execute(
            f"update or ignore main.[{link.table}] set [{link.target}] = (select r.new "
            f"from temp.m_remap r where r.kind = '{ref}' and r.old = [{link.target}]) "
            f"where [{link.target}] in (select old from temp.m_remap where kind = '{ref}')"
        )
        db.execute(
            f"delete from main.[{link.table}] where [{link.target}] in "
            f"(select old from temp.m_remap where kind = '{ref}')"
        )


def audit_merges(db: Db, kinds: dict[str, Kind], *, audit_params: list) -> None:
    """Two audit rows per merge this import made (action 'merge'): on the merged record
    (before: the version merged, after: its tombstone) and on the survivor (after: the id
    merged into it)."""
    insert = (
        "insert into main.audit (at, who, action, entity, entity_id, before, after, "
        "device_id, source) "
    )
    for kind in merged_kinds(kinds):
        k = kind.name
        db.execute(
            insert + f"select ?, ?, 'merge', '{ENTITY[k]}', m.loser, m.before, "
            f"{_record_json(kind, 's', links_array('s'))}, ?, ? "
            f"from temp.m_merge m join temp.[s_{k}] s on s.id = m.loser where m.kind = '{k}'",
            audit_params,
        )
        db.execute(
            insert + f"select ?, ?, 'merge', '{ENTITY[k]}', m.survivor, null, "
            "json_object('merged', m.loser), ?, ? "
            f"from temp.m_merge m where m.kind = '{k}'",
            audit_params,
        )


def counts(db: Db) -> dict[str, int]:
    return dict(db.execute("select kind, count(*) from temp.m_merge group by kind").fetchall())
