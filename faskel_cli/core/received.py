"""The bundles a coordinator received from each facilitator's laptop, as `bundle_sources`
(core/sources.py) records every import, a resend that changes nothing included.

`last_bundles(db)` -> {handle: {"at": stamp, "newest": date or None}}: per sender handle,
the latest bundle (when it was imported, UTC) and the newest record date it holds."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from faskel_cli.core import clock

if TYPE_CHECKING:
    from faskel_cli.core.store import Reader

_LAST = (
    "select b.sender_handle, b.at, b.newest from bundle_sources b join ("
    "select sender_handle, max(id) as id from bundle_sources where sender_handle is not null "
    "group by sender_handle) l on l.id = b.id"
)


def last_bundles(db: Reader) -> dict[str, dict]:
    return {
        handle: {"at": at, "newest": newest} for handle, at, newest in db.execute(_LAST).fetchall()
    }


def local_date(stamp: str | None) -> date | None:
    """The day of a UTC stamp in the working area's zone: when a bundle came, as the
    coordinator's calendar says."""
    if not stamp:
        return None
    return clock.parse_stamp(stamp).astimezone(clock.zone()).date()
