"""Dates as Indonesians type them, and ISO work weeks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, overload

from faskel_cli.core import clock
from faskel_cli.core.errors import InputError

EARLIEST = date(2000, 1, 1)
# The latest day any date or period may reach: far enough for any plan, and far enough
# from date.max that a week or a month after it can still be computed.
LATEST = date(2099, 12, 31)

_TODAY = {"today", "hari-ini", "hariini", "sekarang"}
_YESTERDAY = {"yesterday", "kemarin"}
# re.ASCII: only 0-9 are digits (Python would take ٣ or ² as well, int() not all of them).
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})$", re.ASCII)
_WEEK = re.compile(r"^(\d{4})-?[Ww](\d{1,2})$", re.ASCII)
# A week of the current ISO year: `48`, `W48`, `minggu-48`.
_SHORT_WEEK = re.compile(r"^(?:w|minggu-?)?(\d{1,2})$", re.ASCII)
THIS_WEEK = {"this", "ini", "minggu-ini", "pekan-ini"}
LAST_WEEK = {"last", "lalu", "minggu-lalu", "pekan-lalu"}
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)
_MONTH_MY = re.compile(r"^(\d{1,2})[/\-.](\d{4})$", re.ASCII)


def parse_date(text: str, *, field: str = "--date", allow_future: bool = False) -> date:
    """Accept 2026-11-23, 23/11/2026, 23-11-2026, today/hari-ini, yesterday/kemarin."""
    raw = (text or "").strip()
    word = raw.lower()
    if word in _TODAY:
        value = clock.today()
    elif word in _YESTERDAY:
        value = clock.today() - timedelta(days=1)
    else:
        match = _ISO.match(raw)
        parts = None
        if match:
            parts = (int(match[1]), int(match[2]), int(match[3]))
        else:
            match = _DMY.match(raw)
            if match:
                parts = (int(match[3]), int(match[2]), int(match[1]))
        if parts is None:
            raise InputError("err.date_format", field=field, value=raw)
        try:
            value = date(*parts)
        except ValueError:
            raise InputError("err.date_invalid", field=field, value=raw) from None
    if value < EARLIEST:
        raise InputError("err.date_too_early", field=field, value=value.isoformat())
    if value > LATEST:
        raise InputError("err.date_too_late", field=field, value=value.isoformat())
    if not allow_future and value > clock.today():
        raise InputError(
            "err.date_future", field=field, value=value.isoformat(), today=clock.today().isoformat()
        )
    return value


def week_label(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_bounds(year: int, week: int) -> tuple[date, date]:
    start = date.fromisocalendar(year, week, 1)
    return start, start + timedelta(days=6)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def label(self) -> str:
        """The ISO week label when the period is exactly one ISO week, else START..END."""
        if self.start.isoweekday() == 1 and self.end == self.start + timedelta(days=6):
            return week_label(self.start)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def parse_week(text: str) -> Period:
    """`2026-W48`, `48`/`W48` (this ISO year), `this`/`ini`/`minggu-ini`, `last`/`lalu`/
    `minggu-lalu`; an ISO year has 52 or 53 weeks."""
    word = (text or "").strip().lower()
    short = _SHORT_WEEK.match(word)
    if word in THIS_WEEK:
        year, week, _ = clock.today().isocalendar()
    elif word in LAST_WEEK:
        year, week, _ = (clock.today() - timedelta(days=7)).isocalendar()
    elif short:
        year, week = clock.today().isocalendar()[0], int(short[1])
    else:
        match = _WEEK.match(word)
        if not match:
            raise InputError("err.week_format", value=text)
        year, week = int(match[1]), int(match[2])
    if not EARLIEST.year <= year <= LATEST.year:
        raise InputError("err.week_year", value=text)
    try:
        start, end = week_bounds(year, week)
    except ValueError:
        raise InputError("err.week_invalid", value=text, year=year) from None
    return Period(start, end)


def parse_month(text: str) -> Period:
    """`2026-11`, `11/2026`, `this`/`ini`, `last`/`lalu`: a calendar month."""
    word = (text or "").strip().lower()
    today = clock.today()
    if word in {"this", "ini", "bulan-ini"}:
        year, month = today.year, today.month
    elif word in {"last", "lalu", "bulan-lalu"}:
        year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    else:
        match = _MONTH.match(word)
        if match:
            year, month = int(match[1]), int(match[2])
        else:
            match = _MONTH_MY.match(word)
            if not match:
                raise InputError("err.month_format", value=text)
            year, month = int(match[2]), int(match[1])
    if not 1 <= month <= 12 or year < EARLIEST.year:
        raise InputError("err.month_format", value=text)
    start = date(year, month, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(start, following - timedelta(days=1))


def month_label(period: Period) -> str:
    return f"{period.start.year}-{period.start.month:02d}"


@overload
def resolve_period(
    week: str | None,
    since: str | None,
    until: str | None,
    *,
    default_this_week: Literal[True] = True,
) -> Period: ...
@overload
def resolve_period(
    week: str | None, since: str | None, until: str | None, *, default_this_week: bool
) -> Period | None: ...
def resolve_period(
    week: str | None, since: str | None, until: str | None, *, default_this_week: bool = True
) -> Period | None:
    """--week, or --since/--until (either may be open), or this ISO week by default."""
    if week and (since or until):
        raise InputError("err.week_and_range")
    if week:
        return parse_week(week)
    if since or until:
        start = parse_date(since, field="--since", allow_future=True) if since else EARLIEST
        end = parse_date(until, field="--until", allow_future=True) if until else clock.today()
        if end < start:
            raise InputError("err.range_reversed", start=start.isoformat(), end=end.isoformat())
        return Period(start, end)
    return parse_week("this") if default_this_week else None


MAX_DURATION = 24 * 60  # minutes of one visit (core/rules.py reads it)


def parse_duration(text: str | int | None) -> int | None:
    """Minutes from `90`, `1h30`, `1j30`, `1:30`, `2h`, `45m`."""
    if text is None or text == "":
        return None
    raw = str(text).strip().lower().replace(" ", "")
    match = re.fullmatch(r"(\d{1,5})", raw, re.ASCII)
    if match:
        minutes = int(raw)
    else:
        match = re.fullmatch(
            r"(?:(\d{1,3})(?:h|j|jam|:))?(?:(\d{1,5})(?:m|mnt|menit)?)?", raw, re.ASCII
        )
        if not match or not (match[1] or match[2]):
            raise InputError("err.duration", value=text)
        minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    if not 0 < minutes <= MAX_DURATION:
        raise InputError("err.duration_range", value=text)
    return minutes
