"""The record kinds a bundle carries, as the schema of this database describes them."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faskel_cli.core.bundle.wire import LINKS, TABLES

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    notnull: bool
    has_default: bool
    default: object

    @property
    def blob(self) -> bool:
        """Bytes (a photo's): a bundle line carries them as base64 text (wire.BLOB_PATTERN)."""
        return self.type == "BLOB"


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

    @property
    def blobs(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.blob)


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


def _uniques(db: Db, table: str) -> tuple[Unique, ...]:
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


def describe(db: Db) -> dict[str, Kind]:
    """Every shareable kind as the schema of this database has it, parents first."""
    kinds: dict[str, Kind] = {}
    for name in TABLES:
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
            if row[2] in TABLES
        )
        link = None
        if name in LINKS:
            table, owner, target, key = LINKS[name]
            refers_to = None
            for row in db.execute(f"pragma foreign_key_list([{table}])"):
                if row[3] == target and row[2] in TABLES:
                    refers_to = row[2]
            link = Link(table, owner, target, key, refers_to)
        kelurahan = tuple(c.name for c in columns if c.name.endswith("kelurahan_kode"))
        kinds[name] = Kind(name, tuple(columns), link, refs, kelurahan, _uniques(db, name))
    return kinds


def links_array(alias: str) -> str:
    """The JSON array of a staged record's link list (kept as "id1,id2")."""
    return (
        f"(case {alias}.[_links] when '' then '[]' "
        f"else '[\"' || replace({alias}.[_links], ',', '\",\"') || '\"]' end)"
    )


def link_json(link: Link, table: str, owner_expr: str, target: str) -> str:
    return (
        f", '{link.key}', json((select json_group_array(x.v) from (select {target} as v "
        f"from {table} where {owner_expr} order by 1) x))"
    )


def area_name(db: Db) -> str | None:
    row = db.execute("select nama from regions where level = 'kabupaten'").fetchone()
    return row[0] if row else None


def area_label(kode: str | None, nama: str | None) -> str:
    return f"{nama} ({kode})" if nama else str(kode)


B64_FUNCTION = "faskel_b64"


def add_b64_function(conn: sqlite3.Connection) -> None:
    """faskel_b64(blob): the bytes as base64 text, for the JSON of a bundle line (SQLite's
    json_object refuses a blob and has no base64 of its own)."""
    import base64

    def b64(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = value.encode()
        return base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else None

    conn.create_function(B64_FUNCTION, 1, b64, deterministic=True)


def json_value(kind: Kind, column: str, alias: str) -> str:
    """The SQL of a column's value as a bundle line holds it."""
    if column in kind.blobs:
        return f"{B64_FUNCTION}({alias}.[{column}])"
    return f"{alias}.[{column}]"
