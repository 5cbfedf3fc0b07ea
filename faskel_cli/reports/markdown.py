"""Markdown for documents: exactly the Markdown of `faskel summary --format md`
(render_summary.summary_markdown), so the two never differ."""

from __future__ import annotations

from faskel_cli.reports import ReportData


def render(data: ReportData) -> str:
    from faskel_cli.render_summary import summary_markdown

    return summary_markdown(data.summary)
