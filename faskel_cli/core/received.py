"""The bundles a coordinator received from each facilitator's laptop, as the audit keeps
them (core/bundle/merge.py): one `import` row of entity `bundle` per bundle that brought
something (a bundle that changes nothing leaves no trace), naming its sender, and the
rows of the records it brought, whose `source` is that row.

`last_bundles(db)` -> {handle: {"at": stamp, "newest": date or None}}: per sender handle,
the latest such bundle (when it was imported, UTC) and the newest visit date it brought.
Both read the m013 indexes `audit_imports` and `audit_source`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from faskel_cli.core.clock import WIB, parse_stamp

if TYPE_CHECKING:
    from faskel_cli.core.store import Reader

_LAST = (
    "with imports as ("
    "select id, at, json_extract(after, '$.sender.handle') as handle from audit "
    "where entity = 'bundle' and action = 'import'), "
    "latest as (select handle, max(id) as id from imports where handle is not null "
    "group by handle) "
    "select i.handle, i.at, (select max(v.date) from audit a join visits v on v.id = a.entity_id "
    "where a.source = i.id and a.entity = 'visit' and v.deleted_at is null) "
    "from latest l join imports i on i.id = l.id"
)


def last_bundles(db: Reader) -> dict[str, dict]:
    return {
        handle: {"at": at, "newest": newest} for handle, at, newest in db.execute(_LAST).fetchall()
    }


def local_date(stamp: str | None) -> date | None:
    """The day (WIB) of a UTC stamp: when a bundle came, as the coordinator's calendar says."""
    if not stamp:
        return None
    return parse_stamp(stamp).astimezone(WIB).date()
