"""Rupiah as people type them: 25000000, 25.000.000, Rp 25.000.000,-, 25jt, 25 juta,
1,5 juta, 500rb, 2 miliar. Always whole rupiah, never negative, at most Rp 1 triliun."""

from __future__ import annotations

import re
from decimal import Decimal

from faskel_cli.core.errors import InputError

MAX_RUPIAH = 1_000_000_000_000  # Rp 1 triliun

UNITS = {
    "": 1,
    "rb": 1_000,
    "ribu": 1_000,
    "k": 1_000,
    "thousand": 1_000,
    "jt": 1_000_000,
    "juta": 1_000_000,
    "million": 1_000_000,
    "mio": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "billion": 1_000_000_000,
    "triliun": 1_000_000_000_000,
    "trilyun": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
}

_MINUS = ("-", "\u2212", "\u2012", "\u2013")
_PREFIX = re.compile(r"^(rp\.?|idr)\s*", re.IGNORECASE)
_SHAPE = re.compile(r"^(?P<num>\d[\d.,\s\u00a0]*?)\s*(?P<unit>[a-z]*)\.?$", re.ASCII)
_DOT_GROUPS = re.compile(r"^\d{1,3}(\.\d{3})+$", re.ASCII)
_COMMA_GROUPS = re.compile(r"^\d{1,3}(,\d{3}){2,}$", re.ASCII)
_SPACE_GROUPS = re.compile(r"^\d{1,3}([ \u00a0]\d{3})+", re.ASCII)


class _Ambiguous(Exception):
    pass


def _number(text: str) -> Decimal | None:
    """The value of the number part, read the Indonesian way: '.' groups thousands and
    ',' marks decimals; 25,000,000 (two or more comma groups) is read as grouping too."""
    spaced = _SPACE_GROUPS.match(text)
    if spaced:
        text = re.sub(r"[ \u00a0]", "", spaced.group(0)) + text[spaced.end() :]
    if re.search(r"\s", text):
        return None
    if _COMMA_GROUPS.match(text):
        text = text.replace(",", "")
    elif "," in text:
        whole, _, frac = text.partition(",")
        if "," in frac or "." in frac:
            return None
        if "." not in whole and len(frac) == 3:
            # 1,500: one and a half (Indonesian) or fifteen hundred (English)?
            raise _Ambiguous
        if "." in whole and not _DOT_GROUPS.match(whole):
            return None
        text = whole.replace(".", "") + "." + frac
    elif "." in text:
        if _DOT_GROUPS.match(text):
            text = text.replace(".", "")
        elif text.count(".") > 1:
            return None
        # one dot not grouping thousands (1.5 juta): a decimal point
    if not re.fullmatch(r"\d+(\.\d+)?", text, re.ASCII):
        return None
    return Decimal(text)


def parse_rupiah(value: object, option: str = "--budget") -> int:
    """Whole rupiah from what a person typed; InputError naming `option` otherwise."""
    if isinstance(value, bool):
        raise InputError("err.money_format", option=option, value=value)
    if isinstance(value, int):
        amount = value
    else:
        raw = str(value if value is not None else "").strip()
        text = raw
        if text.endswith((",-", ".-")):  # Rp 25.000,- : "and no cents"
            text = text[:-2].rstrip()
        negative = False
        if text.startswith(_MINUS):
            negative, text = True, text[1:].lstrip()
        text = _PREFIX.sub("", text)
        if text.startswith(_MINUS):
            negative, text = True, text[1:].lstrip()
        if negative:
            raise InputError("err.money_negative", option=option, value=raw)
        match = _SHAPE.match(text.lower())
        if not match or match["unit"] not in UNITS:
            if match and match["unit"] == "m":
                raise InputError("err.money_unit_m", option=option, value=raw)
            raise InputError("err.money_format", option=option, value=raw)
        try:
            number = _number(match["num"].strip())
        except _Ambiguous:
            raise InputError("err.money_ambiguous", option=option, value=raw) from None
        if number is None:
            raise InputError("err.money_format", option=option, value=raw)
        exact = number * UNITS[match["unit"]]
        if exact != exact.to_integral_value():
            raise InputError("err.money_fraction", option=option, value=raw)
        amount = int(exact)
    if amount < 0:
        raise InputError("err.money_negative", option=option, value=value)
    if amount > MAX_RUPIAH:
        raise InputError("err.money_too_big", option=option, value=value)
    return amount


def parse_optional(value: object, option: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse_rupiah(value, option)


def format_rupiah(amount: int | None) -> str:
    """Rp 25.000.000 (Indonesian grouping), or '-' for no amount."""
    if amount is None:
        return "-"
    return "Rp " + f"{amount:,}".replace(",", ".")
