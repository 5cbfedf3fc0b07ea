"""One self-contained web page: no network, no JavaScript, charts as inline SVG.

Readable on a phone (viewport, tables that scroll sideways), prints on A4 (@media print).
Everything that comes from the database is escaped."""

from __future__ import annotations

from html import escape

from faskel_cli import __version__
from faskel_cli.core.money import format_rupiah
from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import get_lang, t
from faskel_cli.render_summary import completeness_line, percent
from faskel_cli.reports import ReportData, svg
from faskel_cli.reports.common import (
    SUMMARY_FIELDS,
    groups,
    heading,
    is_overdue,
    not_visited_rows,
    period_line,
    show_date,
    stage_label,
    value,
)

STAGE_COLOURS = ("#9ecae1", "#3182bd", "#f4a261", "#2a9d8f")

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:1100px;padding:12px;color:#222;line-height:1.35;font-size:15px}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em;
border-bottom:2px solid #1f4e79;padding-bottom:2px}
.meta{color:#555;margin:.2em 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;
margin:12px 0}
.card{border:1px solid #ccd;border-radius:6px;padding:8px}
.card b{display:block;font-size:1.5em}
.card.warn b{color:#b00020}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.85em}
th,td{border:1px solid #ccd;padding:3px 5px;vertical-align:top}
th{background:#1f4e79;color:#fff;text-align:left}
td.n{text-align:right;white-space:nowrap}
tr.missing td{background:#fce4e4}
tr.subtotal td{background:#ededed;font-weight:bold}
tr.total td{background:#d9d9d9;font-weight:bold}
tr.overdue td{background:#fce4e4}
.chart{display:block;max-width:100%;height:auto}
.note{color:#555;font-size:.85em}
footer{margin-top:2em;color:#777;font-size:.8em}
@media (max-width:600px){body{font-size:14px;padding:8px}table{font-size:.8em}}
@media print{
@page{size:A4 portrait;margin:12mm}
body{max-width:none;padding:0;font-size:9.5pt}
table{font-size:7.5pt}th,td{padding:1px 3px}
.scroll{overflow:visible}
thead{display:table-header-group}
tr,.card,svg{break-inside:avoid;page-break-inside:avoid}
section{break-inside:auto}
h2{break-after:avoid;page-break-after:avoid}
th{background:#1f4e79 !important;color:#fff !important;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr.missing td,tr.subtotal td,tr.total td,tr.overdue td{
-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def render(data: ReportData) -> str:
    summary = data.summary
    totals = summary["totals"]
    title = t("rep.title", area=data.scope)
    assert data.trend is not None, "reports.build.collect gathers the trend for html"
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{get_lang()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)} · {escape(data.period.label)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(period_line(data.period))} · '
        f"{escape(t('rep.generated', date=show_date(data.generated)))}</p>",
        f'<p class="meta"><b>{escape(completeness_line(totals))}</b></p>',
        "</header>",
        _cards(totals),
        _section(t("rep.chart.visits"), _visits_chart(summary)),
        _section(t("rep.chart.trend", n=len(data.trend["weeks"])), _trend_chart(data)),
        _section(t("rep.chart.stages"), _stages_chart(summary)),
        _section(t("rep.summary"), _summary_table(data)),
        _section(t("rep.not_visited", n=len(summary["not_visited"])), _not_visited(summary)),
        _section(
            t("rep.open_followups", date=show_date(data.period.end), n=len(data.followups)),
            _followups_table(data),
        ),
        f"<footer>faskel {escape(__version__)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _section(heading_text: str, body: str) -> str:
    return f"<section>\n<h2>{escape(heading_text)}</h2>\n{body}\n</section>"


def _cards(totals: dict) -> str:
    male, female = totals["male"], totals["female"]
    cards = [
        (heading("visits"), totals["visits"], ""),
        (heading("facilitators"), totals["facilitators"], ""),
        (heading("lkk_reached"), totals["lkk_reached"], ""),
        (
            f"{heading('male')} / {heading('female')}",
            f"{male} / {female}",
            "",
        ),
        (heading("female_share"), percent(totals["female_share"]), ""),
        (heading("followups_open"), totals["followups_open"], ""),
        (
            heading("followups_overdue"),
            totals["followups_overdue"],
            " warn" if totals["followups_overdue"] else "",
        ),
    ]
    items = [
        f'<div class="card{extra}"><b>{escape(str(number))}</b>{escape(label)}</div>'
        for label, number, extra in cards
    ]
    return '<div class="cards">\n' + "\n".join(items) + "\n</div>"


def _visits_chart(summary: dict) -> str:
    missing = set(summary["not_visited"])
    rows = [(row["nama"], row["visits"], row["kode"] in missing) for row in summary["kelurahan"]]
    if not rows:
        return f'<p class="note">{escape(t("rep.chart.no_data"))}</p>'
    return svg.hbars(rows, t("rep.chart.visits")) + (
        f'\n<p class="note">{escape(t("rep.legend_not_visited"))}</p>' if missing else ""
    )


def _trend_chart(data: ReportData) -> str:
    """Visits of the whole area per week (build_trend's totals), oldest first."""
    assert data.trend is not None, "reports.build.collect gathers the trend for html"
    labels = [week["label"] for week in data.trend["weeks"]]
    points = list(zip(labels, data.trend["totals"]["visits"], strict=True))
    return svg.columns(points, t("rep.chart.trend", n=len(points)), highlight=data.period.label)


def _stages_chart(summary: dict) -> str:
    rows = [
        (kec["nama"], [kec["activities"][stage] for stage in STAGES])
        for kec in summary["kecamatan"]
    ]
    if not rows:
        return f'<p class="note">{escape(t("rep.chart.no_data"))}</p>'
    series = [
        (stage_label(stage), colour) for stage, colour in zip(STAGES, STAGE_COLOURS, strict=True)
    ]
    return svg.stacked(rows, series, t("rep.chart.stages"))


def _cell(item, kind: str) -> str:
    if kind == "share":
        return f'<td class="n">{escape(percent(item))}</td>'
    if kind == "date":
        return f"<td>{escape(show_date(item))}</td>"
    if kind == "money":
        return f'<td class="n">{escape(format_rupiah(item))}</td>'
    if isinstance(item, int | float) and not isinstance(item, bool):
        return f'<td class="n">{item}</td>'
    return f"<td>{escape('-' if item is None or item == '' else str(item))}</td>"


def _summary_table(data: ReportData) -> str:
    summary = data.summary
    missing = set(summary["not_visited"])
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in [heading("kelurahan"), *[heading(key) for key, _ in SUMMARY_FIELDS]]
    )
    lines = [
        '<div class="scroll"><table class="summary">',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]

    def row(css: str, name: str, entry: dict) -> str:
        cells = "".join(_cell(value(entry, key), kind) for key, kind in SUMMARY_FIELDS)
        attr = f' class="{css}"' if css else ""
        return f"<tr{attr}><td>{escape(name)}</td>{cells}</tr>"

    for kec, members in groups(summary):
        for kel in members:
            lines.append(row("missing" if kel["kode"] in missing else "", kel["nama"], kel))
        lines.append(row("subtotal", t("rep.subtotal", name=kec["nama"]), kec))
    lines.append(row("total", t("rep.total", name=data.scope), summary["totals"]))
    lines += ["</tbody>", "</table></div>"]
    return "\n".join(lines)


def _not_visited(summary: dict) -> str:
    missing = not_visited_rows(summary)
    if not missing:
        return f"<p>{escape(t('rep.not_visited_none'))}</p>"
    items = "".join(
        f'<li>{escape(row["nama"])} <span class="note">({escape(row["kecamatan"])})</span></li>'
        for row in missing
    )
    return f"<ul>{items}</ul>"


def _followups_table(data: ReportData) -> str:
    if not data.followups:
        return f"<p>{escape(t('rep.open_followups_none'))}</p>"
    keys = [
        ("kelurahan", "text"),
        ("problem", "text"),
        ("action", "text"),
        ("problem_date", "date"),
        ("due", "date"),
        ("owner", "text"),
        ("days_overdue", "text"),
    ]
    head = "".join(f"<th>{escape(heading(key))}</th>" for key, _ in keys)
    lines = [
        '<div class="scroll"><table class="followups">',
        f"<thead><tr>{head}</tr></thead>",
        "<tbody>",
    ]
    for item in data.followups:
        overdue = is_overdue(item)
        shown = dict(item)
        shown["days_overdue"] = item.get("days_overdue") if overdue else ""
        cells = "".join(_cell(shown.get(key), kind) for key, kind in keys)
        attr = ' class="overdue"' if overdue else ""
        lines.append(f"<tr{attr}>{cells}</tr>")
    lines += ["</tbody>", "</table></div>"]
    return "\n".join(lines)
