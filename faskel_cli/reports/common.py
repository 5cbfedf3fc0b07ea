"""What the renderers share: headings, grouping of the summary, dates as people read them.
Nothing here computes a count: counts come from the summary (percentages and the
completeness line are render_summary's, the same as `faskel summary` shows)."""

from __future__ import annotations

from datetime import date

from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import get_lang, t
from faskel_cli.reports.periods import title as period_title

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
    for row in summary["kelurahan"]:
        by_kecamatan.setdefault(row["kecamatan_kode"], []).append(row)
    return [(kec, by_kecamatan.get(kec["kode"], [])) for kec in summary["kecamatan"]]


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


def period_line(period) -> str:
    return t(
        "rep.period",
        label=period_title(period.label),
        start=show_date(period.start),
        end=show_date(period.end),
    )


def not_visited_rows(summary: dict) -> list[dict]:
    """The kelurahan entries of the summary's `not_visited`, in its order."""
    missing = set(summary["not_visited"])
    return [row for row in summary["kelurahan"] if row["kode"] in missing]


def stage_label(stage: str | None) -> str:
    return t("rep.col." + stage) if stage in STAGES else (stage or "-")


def stage_dates(activity: dict) -> dict[str, str]:
    """The latest date of each stage of a `list_activities` row (its moves up to the as-of
    day: the list already gives the stage and stage_since as of then)."""
    return {move["stage"]: move["date"] for move in activity["stages"]}


def is_overdue(followup: dict) -> bool:
    """Overdue as of the report's end: the state `list_followups` gives as of that day."""
    return followup["state"] == "overdue"
