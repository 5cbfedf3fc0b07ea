"""The database as a person browses it (sqlite3, Datasette): which tables hold faskel's
data, which are its own bookkeeping and which are the readable views (m008_views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# The order `faskel db tables` lists them in: what to read first.
KINDS = ("tampilan", "data", "internal")


def tables(db: Db) -> list[dict]:
    """Every table and view of the database: {name, kind ('tampilan' | 'data' | 'internal',
    None when `_faskel_tables` does not describe it), rows (None for a view),
    keterangan, description}; views first, then data, then internal, each by name."""
    described = {
        row[0]: row[1:]
        for row in db.execute(
            "select nama, jenis, keterangan, description from _faskel_tables"
        ).fetchall()
    }
    found = db.execute(
        "select name, type from sqlite_master where type in ('table', 'view') "
        "and name not like 'sqlite_%' order by name"
    ).fetchall()
    out = []
    for name, kind in found:
        about = described.get(name)
        rows = None
        if kind == "table":
            rows = db.execute(f"select count(*) from [{name}]").fetchone()[0]
        out.append(
            {
                "name": name,
                "kind": about[0] if about else None,
                "rows": rows,
                "keterangan": about[1] if about else None,
                "description": about[2] if about else None,
            }
        )
    rank = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(out, key=lambda t: (rank.get(t["kind"] or "", len(KINDS)), t["name"]))
