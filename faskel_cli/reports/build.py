"""Gathering a report's data from the core's query functions, and rendering it.

Only what a format shows is queried: the xlsx needs every list, json/csv/md only the
summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.dates import Period
from faskel_cli.messages import get_lang
from faskel_cli.reports import FORMATS, ReportData

if TYPE_CHECKING:
    from faskel_cli.core.store import Db
    from faskel_cli.core.summary import Scope

TREND_WEEKS = 8

# What each format shows beyond the summary.
NEEDS: dict[str, set[str]] = {
    "xlsx": {"visits", "activities", "followups"},
    "html": {"trend", "followups"},
    "text": {"followups"},
    "csv": set(),
    "csv-id": set(),
    "json": set(),
    "md": set(),
}


def collect(
    db: Db,
    fmt: str,
    period: Period,
    scope: str,
    kecamatan_kode: str | None = None,
    summary_scope: Scope | None = None,
):
    from faskel_cli.core.summary import build_summary

    needs = NEEDS[fmt]
    summary = build_summary(db, period, kecamatan_kode=kecamatan_kode, scope=summary_scope)
    # The record sheets cover what the summary covers (one kabupaten/kota of a province).
    within = summary_scope.prefix if summary_scope else ""
    data = ReportData(
        summary=summary, period=period, scope=scope, generated=clock.today(), lang=get_lang()
    )
    if "visits" in needs:
        from faskel_cli.core.visits import VisitFilter, list_visits

        rows = list_visits(
            db,
            VisitFilter(
                kecamatan_kode=kecamatan_kode,
                since=period.start.isoformat(),
                until=period.end.isoformat(),
                within=within,
            ),
        )
        rows.reverse()  # oldest first, as a logbook reads
        data.visits = rows
    if "activities" in needs:
        from faskel_cli.core.activities import ActivityFilter, list_activities

        data.activities = list_activities(
            db, ActivityFilter(kecamatan_kode=kecamatan_kode, as_of=period.end, within=within)
        )
    if "followups" in needs:
        from faskel_cli.core.followups import FollowupFilter, list_followups

        data.followups = list_followups(
            db,
            FollowupFilter(
                status="open", kecamatan_kode=kecamatan_kode, as_of=period.end, within=within
            ),
        )
    if "visits" in needs or "followups" in needs:
        data.names = facilitator_names(db)
    if "trend" in needs:
        from faskel_cli.core.trend import build_trend

        data.trend = build_trend(
            db,
            period.end,
            weeks=TREND_WEEKS,
            kecamatan_kode=kecamatan_kode,
            scope=summary_scope,
        )
    return data


def facilitator_names(db: Db) -> dict[str, str]:
    """Every facilitator's name by handle; a facilitator still active wins over a deleted
    one that had the same handle."""
    rows = db.execute(
        "select handle, name from facilitators order by deleted_at is null, updated_at"
    ).fetchall()
    return {handle: name for handle, name in rows if name}


def render(fmt: str, data: ReportData) -> bytes:
    """The report's bytes: UTF-8 text, or the xlsx workbook."""
    assert fmt in FORMATS
    if fmt in ("xlsx", "html", "text"):  # one layout for every level (render_levels)
        from dataclasses import replace

        from faskel_cli.reports.levels import view

        data = replace(data, summary=view(data.summary))
    if fmt == "xlsx":
        from faskel_cli.reports import xlsx

        return xlsx.render(data)
    if fmt == "html":
        from faskel_cli.reports import html

        text = html.render(data)
    elif fmt == "text":
        from faskel_cli.reports import text as chat

        text = chat.render(data)
    elif fmt in ("csv", "csv-id"):
        from faskel_cli.reports import csvfile

        text = csvfile.render(data, fmt)
    elif fmt == "json":
        from faskel_cli.render import to_json

        text = to_json(data.summary) + "\n"
    else:
        from faskel_cli.reports import markdown

        text = markdown.render(data)
    return text.encode("utf-8")
