"""One self-contained web page: no network, no JavaScript; bar charts in HTML and CSS, the
trend as inline SVG.

Reads at any width: text is never smaller than 11 px on screen (charts included: their
labels are page text, not a drawing that shrinks), the summary table fits a 1280 px screen
without sideways scrolling (grouped, short headings) and scrolls with its first column held
on a phone, the follow-ups become cards there. Prints on A4 landscape (@media print; the
summary table's 19 columns at 8 pt or more), long charts and tables breaking between rows
(table headings repeated), bars in their colours.
Everything that comes from the database is escaped."""

from __future__ import annotations

from html import escape

from faskel_cli import __version__
from faskel_cli.core.money import format_rupiah
from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import get_lang, t
from faskel_cli.render_summary import completeness_line, percent
from faskel_cli.reports import ReportData, bars, levels, svg
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
from faskel_cli.reports.periods import title as period_title

# Fills of the stages; each number on them is printed in the ink of bars.ink (contrast of
# 4.5:1 or more, tests/cli/test_html_layout.py).
STAGE_COLOURS = ("#c6dbef", "#2b6cb0", "#f4a261", "#7fcdbb")

CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;
max-width:1240px;padding:12px;color:#222;line-height:1.35;font-size:15px}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.2em 0 .4em;
border-bottom:2px solid #1f4e79;padding-bottom:2px}
.meta{color:#555;margin:.2em 0}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;
margin:12px 0}
.card{border:1px solid #ccd;border-radius:6px;padding:8px}
.card b{display:block;font-size:1.5em}
.card.warn b{color:#b00020}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #ccd;padding:3px 5px;vertical-align:top}
th{background:#1f4e79;color:#fff;text-align:left;font-weight:600}
table.summary th{vertical-align:bottom}
th.group{text-align:center}
td.n{text-align:right;white-space:nowrap}
td.date{white-space:nowrap}
abbr{text-decoration:none}
tr.missing td{background:#fce4e4}
tr.subtotal td{background:#ededed;font-weight:bold}
tr.total td{background:#d9d9d9;font-weight:bold}
tr.overdue td{background:#fce4e4}
.chart{display:block;max-width:100%;margin:4px 0}
.hbars,.stacked{max-width:820px}
.bar-row{display:flex;align-items:center;gap:8px;min-height:22px;break-inside:avoid}
.bar-label{flex:0 0 11em;text-align:right;font-size:14px;line-height:1.15;
overflow-wrap:anywhere}
.bar-row.missing .bar-label,.bar-row.missing .bar-n{color:#b00020}
.bar-track{flex:1 1 auto;display:flex;align-items:center;min-width:0}
.bar{display:inline-block;height:15px;background:#2b6cb0}
.bar-n{padding-left:5px;font-size:14px}
.seg{display:inline-block;min-width:1.7em;text-align:center;font-size:13px;line-height:18px;
overflow:hidden}
.legend{list-style:none;margin:0 0 6px;padding:0;display:flex;flex-wrap:wrap;gap:4px 14px;
font-size:14px}
.swatch{display:inline-block;width:13px;height:13px;margin-right:5px;vertical-align:-2px;
border:1px solid #888}
.bar,.seg,.swatch{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.note{color:#555;font-size:13px}
footer{margin-top:2em;color:#666;font-size:12px}
@media (max-width:600px){
body{font-size:14px;padding:8px}
table{font-size:12px}
.bar-label{flex-basis:9.8em;font-size:13px}
.scroll table.summary td:first-child,.scroll table.summary th:first-child{position:sticky;
left:0;z-index:1}
.scroll table.summary td:first-child{background:#fff}
.scroll table.summary tr.missing td:first-child{background:#fce4e4}
.scroll table.summary tr.subtotal td:first-child{background:#ededed}
.scroll table.summary tr.total td:first-child{background:#d9d9d9}
table.followups thead{display:none}
table.followups,table.followups tbody,table.followups tr,table.followups td{display:block;
width:100%}
table.followups tr{border:1px solid #ccd;border-radius:6px;margin:0 0 8px;padding:4px 6px}
table.followups td{border:0;padding:1px 0}
table.followups td::before{content:attr(data-label) ": ";font-weight:600;color:#555}
}
@media print{
@page{size:A4 landscape;margin:10mm}
body{max-width:none;padding:0;font-size:10pt}
h2{font-size:12pt}
.cards{grid-template-columns:repeat(7,1fr);gap:4px;margin:6px 0}
.card{padding:3px 6px}.card b{font-size:13pt}
table{font-size:8.5pt}th,td{padding:1px 3px}
.bar-label,.bar-n,.legend,.seg{font-size:9pt}
.bar-row{min-height:0;margin:1px 0}.bar{height:11px}.seg{line-height:13px}
.note,footer{font-size:8pt}
.scroll{overflow:visible}
.stacked{break-inside:avoid}
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
        f"<title>{escape(title)} · {escape(period_title(data.period.label))}</title>",
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
        _section(_not_visited_heading(summary), _not_visited(summary)),
        _section(
            t("rep.open_followups", date=show_date(data.period.end), n=len(data.followups)),
            _followups_table(data),
        ),
        f"<footer>faskel {escape(__version__)}</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _section(heading_text: str, body: str, css: str = "") -> str:
    attr = f' class="{css}"' if css else ""
    return f"<section{attr}>\n<h2>{escape(heading_text)}</h2>\n{body}\n</section>"


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
    return bars.hbars(rows, t("rep.chart.visits")) + (
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
    return bars.stacked(rows, series, t("rep.chart.stages"))


def _cell(item, kind: str, label: str = "") -> str:
    """A table cell; `label` (its column's heading) shows before it where a table's rows
    become cards (the follow-ups on a phone)."""
    attr = f' data-label="{escape(label)}"' if label else ""
    if kind == "share":
        return f'<td class="n"{attr}>{escape(percent(item))}</td>'
    if kind == "date":
        return f'<td class="date"{attr}>{escape(show_date(item))}</td>'
    if kind == "money":
        return f'<td class="n"{attr}>{escape(format_rupiah(item))}</td>'
    if isinstance(item, int | float) and not isinstance(item, bool):
        return f'<td class="n"{attr}>{item}</td>'
    return f"<td{attr}>{escape('-' if item is None or item == '' else str(item))}</td>"


# The summary table's headings: one over each column, or a group over several with short
# headings under it (the table then fits a 1280 px screen and a landscape A4 page).
_GROUPS: list[tuple[str | None, list[tuple[str, str]]]] = [
    (None, [("visits", "")]),
    (None, [("facilitators", "")]),
    (None, [("lkk_reached", "")]),
    ("rep.group.participants", [(k, f"sum.col.{k}") for k in ("male", "female", "female_share")]),
    ("rep.group.stages", [(f"activities.{s}", f"sum.col.{s}") for s in STAGES]),
    (None, [("stage_moves", "")]),
    (
        "rep.group.followups",
        [(f"followups_{k}", f"rep.sub.{k}") for k in ("opened", "done", "open", "overdue")],
    ),
    (None, [("last_visit", "")]),
]


def _summary_head(summary: dict) -> str:
    name = levels.row_heading(summary, "rep.col.kelurahan")
    top = [f'<th rowspan="2">{escape(name)}</th>']
    under = []
    for group, members in _GROUPS:
        if group is None:
            top.append(f'<th rowspan="2">{escape(heading(members[0][0]))}</th>')
            continue
        top.append(f'<th class="group" colspan="{len(members)}">{escape(t(group))}</th>')
        for key, short in members:
            under.append(f'<th><abbr title="{escape(heading(key))}">{escape(t(short))}</abbr></th>')
    assert [key for _, members in _GROUPS for key, _ in members] == [
        key for key, _ in SUMMARY_FIELDS
    ]
    return f"<thead><tr>{''.join(top)}</tr><tr>{''.join(under)}</tr></thead>"


def _summary_table(data: ReportData) -> str:
    summary = data.summary
    missing = set(summary["not_visited"])
    lines = [
        '<div class="scroll"><table class="summary">',
        _summary_head(summary),
        "<tbody>",
    ]

    def row(css: str, name: str, entry: dict) -> str:
        cells = "".join(_cell(value(entry, key), kind) for key, kind in SUMMARY_FIELDS)
        attr = f' class="{css}"' if css else ""
        return f"<tr{attr}><td>{escape(name)}</td>{cells}</tr>"

    for kec, members in groups(summary):
        for kel in members:
            name = kel["nama"]
            if not levels.is_villages(summary):  # its villages visited, of how many
                name += f" ({kel['kelurahan_visited']}/{kel['kelurahan_total']})"
            lines.append(row("missing" if kel["kode"] in missing else "", name, kel))
        if kec["kode"] != (summary.get("scope") or {}).get("kode") or levels.is_villages(summary):
            lines.append(row("subtotal", t("rep.subtotal", name=kec["nama"]), kec))
    lines.append(row("total", t("rep.total", name=data.scope), summary["totals"]))
    lines += ["</tbody>", "</table></div>"]
    lines.append(f'<p class="note">{escape(t("rep.legend_summary"))}</p>')
    return "\n".join(lines)


def _not_visited_heading(summary: dict) -> str:
    n = len(summary["not_visited"])
    if levels.is_villages(summary):
        return t("rep.not_visited", n=n)
    return t("lv.not_visited_units", level=levels.row_heading(summary), n=n)


def _not_visited(summary: dict) -> str:
    missing = not_visited_rows(summary)
    if not missing:
        if not levels.is_villages(summary):
            none = t("lv.not_visited_units_none", level=levels.row_heading(summary))
            return f"<p>{escape(none)}</p>"
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
        shown["owner"] = data.name(item.get("owner"))
        cells = "".join(_cell(shown.get(key), kind, heading(key)) for key, kind in keys)
        attr = ' class="overdue"' if overdue else ""
        lines.append(f"<tr{attr}>{cells}</tr>")
    lines += ["</tbody>", "</table></div>"]
    return "\n".join(lines)
