"""Short references of the records a bundle brings (core/refs.py), in the import's
transaction, once its records passed every check and before they are written:

- a record new here without a reference (a bundle of a faskel from before references) gets
  one of this database's, oldest first (created_at, then id): the same bundle imported into
  the same database gives the same references;
- a record already here keeps the reference it has (merge._apply never overwrites one);
- a record of another device with this database's current tag (two laptops that never
  exchanged a bundle drew the same tag) retires that tag: what is made here next gets a new
  one, so no reference made from now on is held twice. References already made stay as
  they are; one held by two records is refused naming both (refs.find)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core import refs
from faskel_cli.core.bundle.wire import REF_COLUMN

if TYPE_CHECKING:
    from faskel_cli.core.bundle.kinds import Kind
    from faskel_cli.core.store import Db


def _with_refs(kinds: dict[str, Kind]) -> list[str]:
    return [k for k, kind in kinds.items() if k in refs.TABLES and REF_COLUMN in kind.names]


def prepare(db: Db, kinds: dict[str, Kind]) -> None:
    tables = _with_refs(kinds)
    foreign: list[str] = []
    for k in tables:
        foreign += [
            row[0]
            for row in db.execute(
                f"select s.ref from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id "
                f"where s.ref is not null and not exists "
                f"(select 1 from main.[{k}] t where t.id = s.id and t.ref = s.ref)"
            )
        ]
    refs.retire_if_taken(db, foreign)
    refs.give_in_order(
        db,
        {
            k: f"select s.id, s.created_at from temp.[n_{k}] n join temp.[s_{k}] s "
            "on s.id = n.id where n.state = 'a' and s.ref is null"
            for k in tables
        },
        lambda k: f"update temp.[s_{k}] set ref = ? where id = ?",
    )


def kept(column: str) -> str | None:
    """The upsert's SET of a column an import never overwrites once set, or None."""
    if column == REF_COLUMN:
        return f"[{column}] = coalesce([{column}], excluded.[{column}])"
    return None
