"""Rupiah amounts as Indonesians type them (core.money)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from faskel_cli.core import money
from faskel_cli.core.errors import InputError

# --- rupiah ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("25000000", 25_000_000),
        ("25.000.000", 25_000_000),
        ("25jt", 25_000_000),
        ("25 juta", 25_000_000),
        ("25 JT", 25_000_000),
        ("Rp 25.000.000", 25_000_000),
        ("Rp25.000.000", 25_000_000),
        ("Rp. 25.000.000,-", 25_000_000),
        ("IDR 25.000.000", 25_000_000),
        ("25.000.000,00", 25_000_000),
        ("25,000,000", 25_000_000),
        ("25 000 000", 25_000_000),
        ("1,5 juta", 1_500_000),
        ("1.5 juta", 1_500_000),
        ("7,85 juta", 7_850_000),
        ("1.500 juta", 1_500_000_000),
        ("500rb", 500_000),
        ("500 ribu", 500_000),
        ("2 miliar", 2_000_000_000),
        ("0", 0),
        ("1 triliun", 1_000_000_000_000),
        (12_500, 12_500),
    ],
)
def test_rupiah_forms(typed, amount):
    assert money.parse_rupiah(typed, "--budget") == amount


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("-5000", "err.money_negative"),
        ("Rp -5.000", "err.money_negative"),
        ("\u22125.000", "err.money_negative"),
        ("banyak", "err.money_format"),
        ("", "err.money_format"),
        ("25.00.000", "err.money_format"),
        ("25 jt jt", "err.money_format"),
        ("25 dolar", "err.money_format"),
        ("1,5", "err.money_fraction"),
        ("25.000,50", "err.money_fraction"),
        ("1.000.000.000.001", "err.money_too_big"),
        ("1,5 triliun", "err.money_too_big"),
        ("2 M", "err.money_unit_m"),
        ("1,500", "err.money_ambiguous"),
    ],
)
def test_rupiah_refused(typed, key):
    with pytest.raises(InputError) as caught:
        money.parse_rupiah(typed, "--spent")
    assert caught.value.key == key
    assert caught.value.params["option"] == "--spent"


@given(st.integers(min_value=0, max_value=money.MAX_RUPIAH))
def test_rupiah_round_trip(amount):
    assert money.parse_rupiah(money.format_rupiah(amount)) == amount
