"""Chat text for WhatsApp: *bold* headings, short lines, the completeness line, the
kelurahan not visited and the overdue follow-ups."""

from __future__ import annotations

from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import t
from faskel_cli.reports import ReportData
from faskel_cli.reports.common import (
    completeness_line,
    groups,
    is_overdue,
    percent,
    period_line,
    show_date,
    stage_label,
    value,
)

MAX_PROBLEM = 70


def _short(text: str | None, limit: int = MAX_PROBLEM) -> str:
    """One line: newlines folded, long text cut with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def render(data: ReportData) -> str:
    summary = data.summary
    totals = summary.get("totals", {})
    lines = [
        f"*{t('rep.title', area=data.scope)}*",
        period_line(data.period),
        "",
        f"*{completeness_line(totals)}*",
        t(
            "rep.visits_line",
            visits=totals.get("visits", 0),
            facilitators=totals.get("facilitators", 0),
            lkk=totals.get("lkk_reached", 0),
        ),
        t(
            "rep.participants_line",
            male=totals.get("male", 0),
            female=totals.get("female", 0),
            share=percent(totals.get("female_share")),
        ),
        t(
            "rep.followups_line",
            opened=totals.get("followups_opened", 0),
            done=totals.get("followups_done", 0),
            open=totals.get("followups_open", 0),
            overdue=totals.get("followups_overdue", 0),
        ),
        "",
        f"*{t('rep.activities_line')}*",
    ]
    for stage in STAGES:
        lines.append(f"{stage_label(stage)}: {value(totals, 'activities.' + stage) or 0}")
    grouped = groups(summary)
    if len(grouped) > 1:
        lines += ["", f"*{t('rep.per_kecamatan')}*"]
        for kec, _ in grouped:
            lines.append(
                t(
                    "rep.kecamatan_line",
                    name=kec["nama"],
                    visited=kec.get("kelurahan_visited", 0),
                    total=kec.get("kelurahan_total", 0),
                    visits=kec.get("visits", 0),
                )
            )
    names = {row["kode"]: row for row in summary.get("kelurahan", [])}
    missing = [names[k] for k in summary.get("not_visited", []) if k in names]
    lines.append("")
    if missing:
        lines.append(f"*{t('rep.not_visited', n=len(missing))}*")
        lines += [f"- {row['nama']} ({row['kecamatan']})" for row in missing]
    else:
        lines.append(t("rep.not_visited_none"))
    overdue = [f for f in data.followups if is_overdue(f, data.period.end)]
    lines.append("")
    if overdue:
        lines.append(f"*{t('rep.overdue', n=len(overdue))}*")
        for item in overdue:
            kelurahan = item.get("kelurahan") or item.get("kelurahan_kode")
            lines.append(f"- *{kelurahan}*: {_short(item.get('problem'))}")
            lines.append(
                "  "
                + t(
                    "rep.overdue_line",
                    due=show_date(item.get("due")),
                    days=item.get("days_overdue", 0),
                )
            )
    else:
        lines.append(t("rep.overdue_none"))
    lines += ["", t("rep.generated", date=show_date(data.generated))]
    return "\n".join(lines) + "\n"
