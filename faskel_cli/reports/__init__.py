"""Reports: one summary (core.summary.build_summary) rendered many ways.

Every number in a report comes from the core's query functions (build_summary,
build_trend, the visit/activity/follow-up lists); the renderers here only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from faskel_cli.core.dates import Period

# `csv` is the machine form (scripts), `csv-id` the CSV for Indonesian regional settings.
FORMATS = ("xlsx", "html", "csv", "csv-id", "json", "md", "text")
# Formats that may go to stdout with `--output -`.
TEXT_FORMATS = ("html", "csv", "csv-id", "json", "md", "text")
# Sheet names are stable in every language: scripts and coordinators refer to them.
SHEETS = ("Ringkasan", "Kunjungan", "Kegiatan", "Tindak Lanjut")


@dataclass
class ReportData:
    """What a report shows. `summary` is exactly build_summary's dict; the lists are rows
    of the core's list functions; `scope` names the area or kecamatan reported on."""

    summary: dict
    period: Period
    scope: str
    generated: date
    trend: dict | None = None
    visits: list[dict] = field(default_factory=list)
    activities: list[dict] = field(default_factory=list)
    followups: list[dict] = field(default_factory=list)
    lang: str = "id"
    # Facilitators' names by handle: the lists carry handles (`budi`), readers want names.
    names: dict[str, str] = field(default_factory=dict)

    def name(self, handle: str | None) -> str | None:
        """`Budi Santoso` for `budi`; the handle itself when no name is known."""
        if not handle:
            return handle
        return self.names.get(handle) or handle
