"""The one clock of faskel. Tests (and anyone replaying a day) freeze it with
FASKEL_TODAY=YYYY-MM-DD, so nothing depends on the real date."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

# Kota Pekalongan works on WIB. Indonesia keeps no summer time, so a fixed offset is exact
# and needs no time-zone database (none is installed on Windows).
WIB = timezone(timedelta(hours=7), "WIB")


def now_utc() -> datetime:
    return datetime.now(UTC)


def utc_stamp(moment: datetime | None = None) -> str:
    """ISO 8601 UTC timestamp with microseconds, as stored in created_at/updated_at."""
    moment = moment or now_utc()
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def today() -> date:
    """Today in Asia/Jakarta, unless frozen by FASKEL_TODAY."""
    frozen = os.environ.get("FASKEL_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return now_utc().astimezone(WIB).date()
