"""The one clock of faskel. Tests (and anyone replaying a day) freeze it: FASKEL_TODAY=YYYY-MM-DD
fixes today's date, FASKEL_NOW=<ISO 8601 moment> the moment stamps are made from (a laptop
whose clock is wrong, in tests), so nothing depends on the real date."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

# Kota Pekalongan works on WIB. Indonesia keeps no summer time, so a fixed offset is exact
# and needs no time-zone database (none is installed on Windows).
WIB = timezone(timedelta(hours=7), "WIB")
TICK = timedelta(microseconds=1)  # the resolution of a stamp


def now_utc() -> datetime:
    frozen = os.environ.get("FASKEL_NOW")
    if frozen:
        moment = datetime.fromisoformat(frozen.replace("Z", "+00:00"))
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    return datetime.now(UTC)


def utc_stamp(moment: datetime | None = None) -> str:
    """ISO 8601 UTC timestamp with microseconds, as stored in created_at/updated_at."""
    moment = moment or now_utc()
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def parse_stamp(stamp: str) -> datetime:
    """The moment a stamp written by utc_stamp names."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def local_time(stamp: str) -> str:
    """A stored UTC stamp as a person here reads it: `2026-11-27 14:05 WIB`."""
    try:
        moment = parse_stamp(stamp).astimezone(WIB)
    except (TypeError, ValueError):
        return stamp
    return f"{moment:%Y-%m-%d %H:%M} WIB"


def next_stamp(previous: str | None) -> str:
    """The stamp of a new version of a record whose version was stamped `previous`: now, or
    1 µs after `previous` when that is not earlier (a hybrid logical clock), so an edit
    always orders after the version it edited, whatever this laptop's clock says."""
    now = now_utc()
    if previous:
        try:
            after = parse_stamp(previous) + TICK
        except ValueError:
            after = now
        if after > now:
            return utc_stamp(after)
    return utc_stamp(now)


def today() -> date:
    """Today in Asia/Jakarta, unless frozen by FASKEL_TODAY."""
    frozen = os.environ.get("FASKEL_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return now_utc().astimezone(WIB).date()
