"""Dates as Indonesians type them, and ISO work weeks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
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


# What a period was given as: a week, a calendar month, quarter or year; "" for dates
# (`--since/--until`), whose kind then follows from its shape (`Period.kind`).
UNITS = ("week", "month", "quarter", "year")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    # Not part of equality: the week 2026-W48 is the same period however it was given.
    unit: str = field(default="", compare=False)

    @property
    def kind(self) -> str:
        """`week`, `month`, `quarter`, `year`, or `range` (any other span of days). A range
        that is exactly one ISO week is a week (its label has always been the week's)."""
        if self.unit:
            return self.unit
        if self.start.isoweekday() == 1 and self.end == self.start + timedelta(days=6):
            return "week"
        return "range"

    @property
    def label(self) -> str:
        """The stable label of JSON and file names: `2026-W48`, `2026-11`, `2026-Q4`,
        `2026`, else START..END. People read `reports.periods.title` of it."""
        kind = self.kind
        if kind == "week":
            return week_label(self.start)
        if kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if kind == "quarter":
            return f"{self.start.year}-Q{quarter_of(self.start)}"
        if kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


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
    return Period(start, end, "week")


THIS_MONTH = {"this", "ini", "bulan-ini"}
LAST_MONTH = {"last", "lalu", "bulan-lalu"}
THIS_QUARTER = {"this", "ini", "triwulan-ini"}
LAST_QUARTER = {"last", "lalu", "triwulan-lalu"}
THIS_YEAR = {"this", "ini", "tahun-ini"}
LAST_YEAR = {"last", "lalu", "tahun-lalu"}
# `2026-Q4`, `2026Q4`, `Q4-2026`, `Q4/2026`, `2026-TW4` (triwulan); `Q4` alone: this year's.
_QUARTER = re.compile(r"^(\d{4})[-/ ]?(?:q|tw)(\d{1,2})$", re.ASCII)
_QUARTER_QY = re.compile(r"^(?:q|tw)(\d{1,2})[-/ ](\d{4})$", re.ASCII)
_SHORT_QUARTER = re.compile(r"^(?:q|tw)(\d{1,2})$", re.ASCII)
_YEAR = re.compile(r"^(\d{4})$", re.ASCII)


def _year_in_range(year: int, key: str, text: str) -> None:
    if not EARLIEST.year <= year <= LATEST.year:
        raise InputError(key, value=text, first=EARLIEST.year, last=LATEST.year)


def parse_month(text: str) -> Period:
    """`2026-11`, `11/2026`, `this`/`ini`/`bulan-ini`, `last`/`lalu`/`bulan-lalu`: a
    calendar month."""
    word = (text or "").strip().lower()
    today = clock.today()
    if word in THIS_MONTH:
        year, month = today.year, today.month
    elif word in LAST_MONTH:
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
    if not 1 <= month <= 12:
        raise InputError("err.month_invalid", value=text, month=month)
    _year_in_range(year, "err.month_year", text)
    return month_period(year, month)


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return Period(start, following - timedelta(days=1), "month")


def parse_quarter(text: str) -> Period:
    """`2026-Q4` (also `2026Q4`, `Q4-2026`, `2026-TW4`), `Q4` (this year), `this`/`ini`/
    `triwulan-ini`, `last`/`lalu`/`triwulan-lalu`: a calendar quarter (triwulan)."""
    word = (text or "").strip().lower()
    today = clock.today()
    if word in THIS_QUARTER:
        year, quarter = today.year, quarter_of(today)
    elif word in LAST_QUARTER:
        year, quarter = today.year, quarter_of(today) - 1
        if quarter == 0:
            year, quarter = year - 1, 4
    else:
        match = _QUARTER.match(word)
        short = _SHORT_QUARTER.match(word)
        if match:
            year, quarter = int(match[1]), int(match[2])
        elif short:
            year, quarter = today.year, int(short[1])
        else:
            match = _QUARTER_QY.match(word)
            if not match:
                raise InputError("err.quarter_format", value=text)
            year, quarter = int(match[2]), int(match[1])
    if not 1 <= quarter <= 4:
        raise InputError("err.quarter_invalid", value=text, quarter=quarter)
    _year_in_range(year, "err.quarter_year", text)
    start = date(year, 3 * quarter - 2, 1)
    end = month_period(year, 3 * quarter).end
    return Period(start, end, "quarter")


def parse_year(text: str) -> Period:
    """`2026`, `this`/`ini`/`tahun-ini`, `last`/`lalu`/`tahun-lalu`: a calendar year."""
    word = (text or "").strip().lower()
    if word in THIS_YEAR:
        year = clock.today().year
    elif word in LAST_YEAR:
        year = clock.today().year - 1
    else:
        match = _YEAR.match(word)
        if not match:
            raise InputError("err.year_format", value=text)
        year = int(match[1])
    _year_in_range(year, "err.year_range", text)
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def span_field(period: Period, unit: str) -> str:
    """The month (`2026-11`), quarter (`2026-Q4`) or year (`2026`) a period lies in, for
    file names; a period across two or more: the first and the last, `2026-10_2026-11`."""

    def one(day: date) -> str:
        if unit == "month":
            return f"{day.year}-{day.month:02d}"
        if unit == "quarter":
            return f"{day.year}-Q{quarter_of(day)}"
        return str(day.year)

    first, last = one(period.start), one(period.end)
    return first if first == last else f"{first}_{last}"


@dataclass(frozen=True)
class PeriodOptions:
    """The period options of a command as given (None when not): `--week`, `--month`,
    `--quarter`, `--year`, `--since`/`--until`."""

    week: str | None = None
    month: str | None = None
    quarter: str | None = None
    year: str | None = None
    since: str | None = None
    until: str | None = None

    def given(self) -> list[str]:
        """The options given, `--since/--until` counted as one."""
        names = [
            f"--{name}"
            for name in ("week", "month", "quarter", "year")
            if getattr(self, name) is not None
        ]
        if self.since is not None or self.until is not None:
            names.append(
                "/".join(
                    n
                    for n, v in (("--since", self.since), ("--until", self.until))
                    if v is not None
                )
            )
        return names

    @property
    def any(self) -> bool:
        return bool(self.given())


@overload
def resolve_period(
    week: str | None | PeriodOptions,
    since: str | None = None,
    until: str | None = None,
    *,
    default_this_week: Literal[True] = True,
) -> Period: ...
@overload
def resolve_period(
    week: str | None | PeriodOptions,
    since: str | None = None,
    until: str | None = None,
    *,
    default_this_week: bool,
) -> Period | None: ...
def resolve_period(
    week: str | None | PeriodOptions,
    since: str | None = None,
    until: str | None = None,
    *,
    default_this_week: bool = True,
) -> Period | None:
    """One of --week, --month, --quarter, --year or --since/--until (either may be open),
    or this ISO week by default. Two of them at once are refused, naming them."""
    if isinstance(week, PeriodOptions):
        options = week
    else:
        options = PeriodOptions(week, since=since, until=until)
    given = options.given()
    if len(given) > 1:
        raise InputError("err.period_many", options=", ".join(given))
    if options.week is not None:
        return parse_week(options.week)
    if options.month is not None:
        return parse_month(options.month)
    if options.quarter is not None:
        return parse_quarter(options.quarter)
    if options.year is not None:
        return parse_year(options.year)
    since, until = options.since, options.until
    if since is not None or until is not None:
        start = EARLIEST if since is None else parse_date(since, field="--since", allow_future=True)
        end = (
            clock.today()
            if until is None
            else parse_date(until, field="--until", allow_future=True)
        )
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
