"""Months, quarters (triwulan) and years as periods beside ISO weeks and date ranges:
parsing, the stable labels, the titles people read in both languages, the file-name fields
and refusals. FASKEL_TODAY is 2026-11-28 (tests/conftest.py) unless a test says otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from faskel_cli.core.dates import (
    Period,
    PeriodOptions,
    parse_month,
    parse_quarter,
    parse_week,
    parse_year,
    resolve_period,
    span_field,
)
from faskel_cli.core.errors import InputError
from faskel_cli.core.trend import weeks_touching
from faskel_cli.messages import set_lang, text
from faskel_cli.reports.periods import title


def d(text: str) -> date:
    return date.fromisoformat(text)


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "start", "end"),
    [
        ("2026-11", "2026-11-01", "2026-11-30"),
        ("2026-2", "2026-02-01", "2026-02-28"),
        ("2028-02", "2028-02-01", "2028-02-29"),  # a leap year
        ("11/2026", "2026-11-01", "2026-11-30"),
        ("12-2026", "2026-12-01", "2026-12-31"),
        ("this", "2026-11-01", "2026-11-30"),
        ("bulan-ini", "2026-11-01", "2026-11-30"),
        ("last", "2026-10-01", "2026-10-31"),
        (" Bulan-Lalu ", "2026-10-01", "2026-10-31"),
    ],
)
def test_months(given, start, end):
    period = parse_month(given)
    assert (period.start, period.end) == (d(start), d(end))
    assert period.kind == "month"
    assert period.label == start[:7]


def test_last_month_and_last_quarter_in_january_are_of_the_year_before(monkeypatch):
    monkeypatch.setenv("FASKEL_TODAY", "2027-01-10")
    assert parse_month("bulan-lalu").label == "2026-12"
    assert parse_quarter("triwulan-lalu").label == "2026-Q4"
    assert parse_year("tahun-lalu").label == "2026"
    assert parse_quarter("this").label == "2027-Q1"


@pytest.mark.parametrize(
    ("given", "start", "end", "label"),
    [
        ("2026-Q4", "2026-10-01", "2026-12-31", "2026-Q4"),
        ("2026q1", "2026-01-01", "2026-03-31", "2026-Q1"),
        ("Q2-2026", "2026-04-01", "2026-06-30", "2026-Q2"),
        ("2026-TW3", "2026-07-01", "2026-09-30", "2026-Q3"),
        ("Q1", "2026-01-01", "2026-03-31", "2026-Q1"),  # this year's
        ("this", "2026-10-01", "2026-12-31", "2026-Q4"),
        ("triwulan-ini", "2026-10-01", "2026-12-31", "2026-Q4"),
        ("last", "2026-07-01", "2026-09-30", "2026-Q3"),
        ("triwulan-lalu", "2026-07-01", "2026-09-30", "2026-Q3"),
    ],
)
def test_quarters(given, start, end, label):
    period = parse_quarter(given)
    assert (period.start, period.end, period.label) == (d(start), d(end), label)
    assert period.kind == "quarter"


@pytest.mark.parametrize(
    ("given", "label"), [("2026", "2026"), ("this", "2026"), ("tahun-lalu", "2025")]
)
def test_years(given, label):
    period = parse_year(given)
    assert period.label == label and period.kind == "year"
    assert (period.start, period.end) == (date(int(label), 1, 1), date(int(label), 12, 31))


@pytest.mark.parametrize(
    ("parse", "given", "words"),
    [
        (parse_month, "2026-13", ["'2026-13'", "13"]),
        (parse_month, "2026-00", ["'2026-00'", "0"]),
        (parse_month, "13/2026", ["'13/2026'"]),
        (parse_month, "November", ["'November'", "2026-11"]),
        (parse_month, "1999-12", ["'1999-12'", "2000"]),
        (parse_month, "2100-01", ["'2100-01'", "2099"]),
        (parse_quarter, "2026-Q5", ["'2026-Q5'", "5"]),
        (parse_quarter, "2026-Q0", ["'2026-Q0'", "0"]),
        (parse_quarter, "2026-11", ["'2026-11'", "2026-Q4"]),
        (parse_quarter, "1999-Q4", ["'1999-Q4'", "2000"]),
        (parse_year, "26", ["'26'", "2026"]),
        (parse_year, "1999", ["'1999'", "2000"]),
        (parse_year, "2100", ["'2100'", "2099"]),
        (parse_year, "", ["''"]),
    ],
)
def test_bad_months_quarters_and_years_are_refused_naming_what_was_given(parse, given, words):
    with pytest.raises(InputError) as caught:
        parse(given)
    message = text(caught.value)
    assert all(word in message for word in words), message


# --- one period at a time -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (PeriodOptions(week="2026-W48", month="2026-11"), "--week, --month"),
        (PeriodOptions(month="2026-11", quarter="2026-Q4"), "--month, --quarter"),
        (PeriodOptions(quarter="2026-Q4", year="2026"), "--quarter, --year"),
        (PeriodOptions(month="2026-11", since="2026-11-01"), "--month, --since"),
        (PeriodOptions(year="2026", until="2026-11-30"), "--year, --until"),
        (
            PeriodOptions(week="this", since="2026-11-01", until="2026-11-30"),
            "--week, --since/--until",
        ),
        (PeriodOptions(week="2026-W48", since="2026-11-01"), "--week, --since"),
    ],
)
def test_two_periods_at_once_are_refused_naming_both(options, named):
    with pytest.raises(InputError) as caught:
        resolve_period(options)
    assert named in text(caught.value)


def test_each_option_alone_and_the_default():
    assert resolve_period(PeriodOptions(month="2026-11")).label == "2026-11"
    assert resolve_period(PeriodOptions(quarter="2026-Q4")).label == "2026-Q4"
    assert resolve_period(PeriodOptions(year="2026")).label == "2026"
    assert resolve_period(PeriodOptions(week="2026-W48")).label == "2026-W48"
    assert resolve_period(PeriodOptions()).label == "2026-W48"  # this week
    assert resolve_period(PeriodOptions(), default_this_week=False) is None
    # --since and --until together are one period, not two.
    both = resolve_period(PeriodOptions(since="2026-11-01", until="2026-11-30"))
    assert both.label == "2026-11-01..2026-11-30" and both.kind == "range"


def test_an_empty_option_is_bad_input_not_forgotten():
    """`--month ""` (an unset shell variable) is refused, not read as this week."""
    with pytest.raises(InputError):
        resolve_period(PeriodOptions(month=""))
    with pytest.raises(InputError):
        resolve_period(PeriodOptions(since=""))


# --- labels and kinds -----------------------------------------------------------------------


def test_a_range_that_is_one_iso_week_is_that_week_and_equal_to_it():
    given_as_dates = Period(d("2026-11-23"), d("2026-11-29"))
    assert given_as_dates.kind == "week" and given_as_dates.label == "2026-W48"
    assert given_as_dates == parse_week("2026-W48")
    # A range over exactly November stays a range: its label is its dates, as before.
    november = Period(d("2026-11-01"), d("2026-11-30"))
    assert november.kind == "range" and november.label == "2026-11-01..2026-11-30"
    assert november == parse_month("2026-11")  # the same days


@pytest.mark.parametrize(
    ("label", "indonesian", "english"),
    [
        ("2026-11", "November 2026", "November 2026"),
        ("2026-05", "Mei 2026", "May 2026"),
        ("2027-01", "Januari 2027", "January 2027"),
        ("2026-08", "Agustus 2026", "August 2026"),
        ("2026-Q4", "Triwulan IV 2026", "Q4 2026"),
        ("2026-Q1", "Triwulan I 2026", "Q1 2026"),
        ("2026", "2026", "2026"),
        ("2026-W48", "2026-W48", "2026-W48"),
        ("2026-11-01..2026-11-15", "2026-11-01..2026-11-15", "2026-11-01..2026-11-15"),
    ],
)
def test_titles_in_both_languages(label, indonesian, english):
    assert title(label) == indonesian
    set_lang("en")
    try:
        assert title(label) == english
    finally:
        set_lang("id")


# --- file-name fields -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "month", "quarter", "year"),
    [
        (parse_month("2026-11"), "2026-11", "2026-Q4", "2026"),
        (parse_week("2026-W48"), "2026-11", "2026-Q4", "2026"),  # 23..29 November
        (parse_week("2026-W49"), "2026-11_2026-12", "2026-Q4", "2026"),  # 30 Nov..6 Dec
        (parse_week("2026-W40"), "2026-09_2026-10", "2026-Q3_2026-Q4", "2026"),
        (parse_week("2026-W53"), "2026-12_2027-01", "2026-Q4_2027-Q1", "2026_2027"),
        (parse_quarter("2026-Q4"), "2026-10_2026-12", "2026-Q4", "2026"),
        (parse_year("2026"), "2026-01_2026-12", "2026-Q1_2026-Q4", "2026"),
    ],
)
def test_the_month_quarter_and_year_a_period_lies_in(period, month, quarter, year):
    assert span_field(period, "month") == month
    assert span_field(period, "quarter") == quarter
    assert span_field(period, "year") == year


@pytest.mark.parametrize(
    ("period", "weeks"),
    [
        (parse_month("2026-11"), 6),  # W44 (Sunday 1 November) .. W49 (Monday 30 November)
        (parse_month("2027-02"), 4),  # 1 February 2027 is a Monday, 28th a Sunday
        (parse_quarter("2026-Q4"), 14),
        (parse_year("2026"), 53),  # 2026-W01 (from 29 Dec 2025) .. 2026-W53 (to 3 Jan 2027)
        (parse_week("2026-W48"), 1),
    ],
)
def test_the_weeks_a_period_touches(period, weeks):
    assert weeks_touching(period) == weeks
