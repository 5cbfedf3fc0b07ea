"""Chat text for WhatsApp: *bold* headings, short lines, the completeness line, the
kelurahan not visited and the overdue follow-ups."""

from __future__ import annotations

from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import t
from faskel_cli.render_summary import completeness_line, percent
from faskel_cli.reports import ReportData
from faskel_cli.reports import levels as render_levels
from faskel_cli.reports.common import (
    groups,
    is_overdue,
    not_visited_rows,
    period_line,
    show_date,
    stage_label,
)

MAX_PROBLEM = 70


def _short(text: str | None, limit: int = MAX_PROBLEM) -> str:
    """One line: newlines folded, long text cut with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def render(data: ReportData) -> str:
    summary = data.summary
    totals = summary["totals"]
    lines = [
        f"*{t('rep.title', area=data.scope)}*",
        period_line(data.period),
        "",
        f"*{completeness_line(totals)}*",
        t(
            "rep.visits_line",
            visits=totals["visits"],
            facilitators=totals["facilitators"],
            lkk=totals["lkk_reached"],
        ),
        t(
            "rep.participants_line",
            male=totals["male"],
            female=totals["female"],
            share=percent(totals["female_share"]),
        ),
        t(
            "rep.followups_line",
            opened=totals["followups_opened"],
            done=totals["followups_done"],
            open=totals["followups_open"],
            overdue=totals["followups_overdue"],
        ),
        "",
        f"*{t('rep.activities_line')}*",
    ]
    for stage in STAGES:
        lines.append(f"{stage_label(stage)}: {totals['activities'][stage]}")
    grouped = groups(summary)
    if not render_levels.is_villages(summary):
        lines += _units(summary)
        lines += ["", t("rep.generated", date=show_date(data.generated))]
        return "\n".join(lines) + "\n"
    if len(grouped) > 1:
        lines += ["", f"*{t('rep.per_kecamatan')}*"]
        for kec, _ in grouped:
            lines.append(
                t(
                    "rep.kecamatan_line",
                    name=kec["nama"],
                    visited=kec["kelurahan_visited"],
                    total=kec["kelurahan_total"],
                    visits=kec["visits"],
                )
            )
    missing = not_visited_rows(summary)
    lines.append("")
    if missing:
        lines.append(f"*{t('rep.not_visited', n=len(missing))}*")
        lines += [f"- {row['nama']} ({row['kecamatan']})" for row in missing]
    else:
        lines.append(t("rep.not_visited_none"))
    overdue = [f for f in data.followups if is_overdue(f)]
    lines.append("")
    if overdue:
        lines.append(f"*{t('rep.overdue', n=len(overdue))}*")
        for item in overdue:
            lines.append(f"- *{item['kelurahan']}*: {_short(item['problem'])}")
            lines.append(
                "  "
                + t(
                    "rep.overdue_line",
                    due=show_date(item["due"]),
                    days=item["days_overdue"],
                )
            )
    else:
        lines.append(t("rep.overdue_none"))
    lines += ["", t("rep.generated", date=show_date(data.generated))]
    return "\n".join(lines) + "\n"


def _units(summary: dict) -> list[str]:
    """Above the villages: a line per unit (its villages visited, its visits) and the units
    with no visit at all."""
    level = render_levels.row_heading(summary)
    lines = ["", f"*{t('lv.per_unit', level=level)}*"]
    for row in summary["kelurahan"]:
        lines.append(
            t(
                "lv.unit_line",
                name=row["nama"],
                visited=render_levels.number(row["kelurahan_visited"]),
                total=render_levels.number(row["kelurahan_total"]),
                villages=render_levels.villages_word(row),
                visits=render_levels.number(row["visits"]),
            )
        )
    missing = [row for row in summary["kelurahan"] if not row["kelurahan_visited"]]
    lines.append("")
    if missing:
        lines.append(f"*{t('lv.not_visited_units', level=level, n=len(missing))}*")
        lines += [f"- {row['nama']}" for row in missing]
    else:
        lines.append(t("lv.not_visited_units_none", level=level))
    return lines
