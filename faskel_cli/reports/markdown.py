"""Markdown for documents: exactly the Markdown of `faskel summary --format md`
(render_summary.summary_markdown), so the two never differ."""

from __future__ import annotations

from faskel_cli.reports import ReportData


def summary_markdown(summary: dict) -> str:
    from faskel_cli.render_summary import summary_markdown as markdown

    return markdown(summary)


def render(data: ReportData) -> str:
    return summary_markdown(data.summary)
