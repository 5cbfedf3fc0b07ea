"""A period as people read it: "November 2026", "Triwulan IV 2026" (English "Q4 2026"),
"2026", from the stable label of JSON and file names (core.dates.Period.label)."""

from __future__ import annotations

import re

from faskel_cli.messages import t

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def month_name(month: int) -> str:
    """Januari..Desember (January..December in English) for 1..12."""
    return t("label.months").split(",")[month - 1]


def title(label: str) -> str:
    """The title of a period label: months, quarters and years in words; weeks
    (`2026-W48`) and date ranges as they are."""
    match = _MONTH.match(label)
    if match and 1 <= int(match[2]) <= 12:
        return t("label.month_title", month=month_name(int(match[2])), year=match[1])
    match = _QUARTER.match(label)
    if match:
        quarter = t("label.quarters").split(",")[int(match[2]) - 1]
        return t("label.quarter_title", quarter=quarter, year=match[1])
    return label
