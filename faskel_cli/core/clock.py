"""The one clock of faskel. Tests (and anyone replaying a day) freeze it: FASKEL_TODAY=YYYY-MM-DD
fixes today's date, FASKEL_NOW=<ISO 8601 moment> the moment stamps are made from (a laptop
whose clock is wrong, in tests), so nothing depends on the real date."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta, timezone

# Indonesia keeps no summer time, so a fixed offset is exact and needs no time-zone database
# (none is installed on Windows). Kota Pekalongan works on WIB.
WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")
# Provinces by their zone (kode): Bali, Nusa Tenggara, South/East/North Kalimantan and
# Sulawesi on WITA; Maluku and Papua on WIT; every other (Sumatra, Java, West and Central
# Kalimantan) on WIB.
_WITA = frozenset({"51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"})
_WIT = frozenset({"81", "82", "91", "92", "93", "94", "95", "96"})
NATION = "ID"  # the area kode of the whole country
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
    """A stored UTC stamp as a person here reads it, in the working area's zone (the
    nation: WIB): `2026-11-27 14:05 WIB`."""
    try:
        moment = parse_stamp(stamp).astimezone(zone())
    except (TypeError, ValueError):
        return stamp
    return f"{moment:%Y-%m-%d %H:%M} {moment.tzname()}"


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


# The working area's kode (set when a database is opened): its zone is "today"'s.
_area: list[str] = [""]


def zone_of(kode: str | None) -> timezone:
    """The time zone of a region (any level below the nation): its province's."""
    province = (kode or "")[:2]
    if province in _WITA:
        return WITA
    if province in _WIT:
        return WIT
    return WIB


def use_area(kode: str | None) -> None:
    """Dates made from now on are the area's local dates (the nation: each village's)."""
    _area[0] = kode or ""


def zone(kode: str | None = None) -> timezone:
    """The zone "today" is read in: the area's; for an area spanning zones (the nation),
    that of `kode` (a record's village), WIB (the capital's) without one."""
    area = _area[0]
    if area and area != NATION:
        return zone_of(area)
    return zone_of(kode)


def today(kode: str | None = None) -> date:
    """Today in the area's zone (the nation: in `kode`'s), unless frozen by FASKEL_TODAY."""
    frozen = os.environ.get("FASKEL_TODAY")
    if frozen:
        return date.fromisoformat(frozen)
    return now_utc().astimezone(zone(kode)).date()
