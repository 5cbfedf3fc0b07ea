"""Where a report goes: `--output` templates ({week}, {month}, {quarter}, {year}, {start},
{end}, {area}) and `-`."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from faskel_cli.core.dates import Period, span_field
from faskel_cli.core.errors import InputError

PLACEHOLDERS = ("week", "month", "quarter", "year", "start", "end", "area")
_FIELD = re.compile(r"\{([^{}]*)\}")


def slug(text: str) -> str:
    """A name safe in any file system and shell: `Kota Pekalongan` -> `kota-pekalongan`."""
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "area"


def week_field(period: Period) -> str:
    """`2026-W48` for one ISO week; `2026-11-01_2026-11-30` for any other period."""
    if period.kind == "week":
        return period.label
    return f"{period.start.isoformat()}_{period.end.isoformat()}"


def check(template: str) -> None:
    """Refuse an unknown placeholder before any work (or any database) is touched."""
    for match in _FIELD.finditer(template):
        if match.group(1).strip().lower() not in PLACEHOLDERS:
            raise InputError(
                "err.output.placeholder",
                name=match.group(0),
                choices=", ".join("{" + p + "}" for p in PLACEHOLDERS),
            )


def expand(template: str, period: Period, area_name: str) -> str:
    """Fill in the placeholders of an --output template; an unknown one is an error."""
    values = {
        "week": week_field(period),
        # 2026-11, 2026-Q4, 2026; a period across two: 2026-10_2026-11 (a week, a range).
        "month": span_field(period, "month"),
        "quarter": span_field(period, "quarter"),
        "year": span_field(period, "year"),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "area": slug(area_name),
    }

    def fill(match: re.Match) -> str:
        name = match.group(1).strip().lower()
        if name not in values:
            raise InputError(
                "err.output.placeholder",
                name=match.group(0),
                choices=", ".join("{" + p + "}" for p in PLACEHOLDERS),
            )
        return values[name]

    return _FIELD.sub(fill, template)


SUFFIXES = {
    ".xlsx": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".json": "json",
    ".md": "md",
    ".txt": "text",
}


def format_from(output: str | None, suffixes: dict[str, str] = SUFFIXES) -> str | None:
    """The format an --output name implies (laporan.xlsx -> xlsx, any case), or None for
    stdout (`-`) and for a name without a suffix (then the report is WhatsApp text).

    A suffix that is no report format (laporan.xls, .pdf, .docx) is refused naming the known
    ones: a cron job must not write text into a file every program takes for something else.
    `--format` (the caller does not ask here then) writes any name. `suffixes`: another
    command's own (the recap's)."""
    if not output or output.strip() == "-":
        return None
    suffix = PurePath(output.strip()).suffix.lower()
    if not suffix:
        return None
    if suffix not in suffixes:
        raise InputError(
            "err.output.unknown_suffix",
            path=output.strip(),
            suffix=suffix,
            known=", ".join(suffixes),
        )
    return suffixes[suffix]
