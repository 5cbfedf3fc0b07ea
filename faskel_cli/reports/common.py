"""What the renderers share: headings, grouping of the summary, dates and percentages as
people read them. Nothing here computes a count: counts come from the summary."""

from __future__ import annotations

from datetime import date

from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import get_lang, t

# The summary's columns per kelurahan, in order: (key, kind). Kinds: "sum" adds up over a
# group, "distinct" does not (a person or LKK counted once per group), "share" is a ratio,
# "date" a date.
SUMMARY_FIELDS: list[tuple[str, str]] = [
    ("visits", "sum"),
    ("facilitators", "distinct"),
    ("lkk_reached", "distinct"),
    ("male", "sum"),
    ("female", "sum"),
    ("female_share", "share"),
    *[(f"activities.{stage}", "sum") for stage in STAGES],
    ("stage_moves", "sum"),
    ("followups_opened", "sum"),
    ("followups_done", "sum"),
    ("followups_open", "sum"),
    ("followups_overdue", "sum"),
    ("last_visit", "date"),
]


def heading(key: str) -> str:
    return t("rep.col." + key.split(".")[-1])


def value(entry: dict, key: str):
    """entry['activities']['perencanaan'] for 'activities.perencanaan'."""
    if "." in key:
        outer, inner = key.split(".", 1)
        return (entry.get(outer) or {}).get(inner)
    return entry.get(key)


def groups(summary: dict) -> list[tuple[dict, list[dict]]]:
    """(kecamatan entry, its kelurahan entries) in the summary's order."""
    by_kecamatan: dict[str, list[dict]] = {}
    for row in summary.get("kelurahan", []):
        by_kecamatan.setdefault(row["kecamatan_kode"], []).append(row)
    return [(kec, by_kecamatan.get(kec["kode"], [])) for kec in summary.get("kecamatan", [])]


def kecamatan_of(summary: dict) -> dict[str, str]:
    """kelurahan kode -> kecamatan name."""
    return {row["kode"]: row["kecamatan"] for row in summary.get("kelurahan", [])}


def to_date(text) -> date | None:
    if not text:
        return None
    if isinstance(text, date):
        return text
    return date.fromisoformat(str(text)[:10])


def show_date(text) -> str:
    """23/11/2026 in Indonesian, 2026-11-23 in English; '-' for none."""
    day = to_date(text)
    if day is None:
        return "-"
    return day.strftime("%d/%m/%Y") if get_lang() == "id" else day.isoformat()


def percent(share) -> str:
    """0.583 -> '58%'; None -> '-'."""
    if share is None:
        return "-"
    return f"{round(float(share) * 100)}%"


def period_line(period) -> str:
    return t(
        "rep.period",
        label=period.label,
        start=show_date(period.start),
        end=show_date(period.end),
    )


def completeness_line(totals: dict) -> str:
    return t(
        "rep.completeness",
        visited=totals.get("kelurahan_visited", 0),
        total=totals.get("kelurahan_total", 0),
        pct=percent(totals.get("completeness")),
    )


def stage_label(stage: str | None) -> str:
    return t("rep.col." + stage) if stage in STAGES else (stage or "-")


def stage_as_of(activity: dict, end: date) -> tuple[str | None, date | None, dict[str, date]]:
    """An activity's stage as of `end` (the latest move dated on or before it, the data
    contract's definition), since when, and the latest date of each stage up to `end`."""
    moves = activity.get("stages") or []
    dates: dict[str, date] = {}
    stage, since = None, None
    for move in moves:
        day = to_date(move.get("date"))
        if day is None or day > end:
            continue
        stage, since = move.get("stage"), day
        dates[move.get("stage")] = day
    if not moves:
        stage, since = activity.get("stage"), to_date(activity.get("stage_since"))
    return stage, since, dates


def is_overdue(followup: dict, end: date) -> bool:
    """Overdue as of `end`: the state core.followups.list_followups gives as of `end`."""
    if followup.get("state"):
        return followup["state"] == "overdue"
    due = to_date(followup.get("due"))
    return due is not None and due < end
