"""Renderings of what core/summary.py returns: the terminal table, Markdown, flat CSV rows,
the per-facilitator rows and the trend chart. They format; they never compute a count.

Reusable by any command (`faskel summary`, `faskel trend`, `faskel report`):
- `summary_csv_rows(data) -> list[dict]` and `SUMMARY_CSV_COLUMNS`: one flat row per kelurahan.
- `summary_markdown(data) -> str`: the table for pasting into documents.
- `summary_renderable(data, width) -> rich renderable`: the grouped terminal table.
- `facilitator_rows(rows)`, `facilitator_markdown(rows, title, villages)`.
- `trend_csv_rows(data)`, `trend_renderable(data, width)`, `sparkline(values, top)`.
- `percent(share)`, `completeness_line(totals)`, `period_title(data)`.
Rich is imported inside the functions that draw (start-up time is benchmarked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from faskel_cli.core.vocab import STAGES
from faskel_cli.messages import t

# One CSV row per kelurahan: the JSON's fields, `activities` flattened.
SUMMARY_CSV_COLUMNS = [
    "kode",
    "nama",
    "kecamatan_kode",
    "kecamatan",
    "visits",
    "facilitators",
    "lkk_reached",
    "male",
    "female",
    "female_share",
    *(f"activities_{stage}" for stage in STAGES),
    "stage_moves",
    "followups_opened",
    "followups_done",
    "followups_open",
    "followups_overdue",
    "last_visit",
]

NOT_VISITED = "○"
SPARKS = "▁▂▃▄▅▆▇█"
ZERO = "·"


def percent(share: float | None) -> str:
    """0.534 -> '53%'; None -> '-'."""
    if share is None:
        return "-"
    return f"{round(share * 100)}%"


def completeness_line(totals: dict) -> str:
    from faskel_cli.reports import levels as render_levels

    return render_levels.completeness_line(totals, percent(totals.get("completeness")))


def period_title(data: dict, key: str = "sum.title") -> str:
    """'Ringkasan 2026-W48 · Kota Pekalongan' (a kecamatan named when only one is shown)."""
    from faskel_cli.reports.periods import title

    label = title(data["period"]["label"])
    area = data["area"]["nama"]
    kecamatan = data.get("kecamatan") or []
    scope = data.get("scope") or {}
    villages = (data.get("level") or "kelurahan") == "kelurahan"
    if not villages and scope.get("kode") not in (None, data["area"]["kode"]):
        area = f"{scope['nama']}, {area}"  # one kabupaten/kota of a province, ...
    if key == "sum.title" and villages and len(kecamatan) == 1:  # asked for one kecamatan
        return t("sum.title_kecamatan", label=label, kecamatan=kecamatan[0]["nama"], area=area)
    return t(key, label=label, area=area)


def period_range(data: dict) -> str:
    return t("sum.range", start=data["period"]["start"], end=data["period"]["end"])


def short_date(value: str | None) -> str:
    """2026-11-27 -> 27/11/26 (day first, as Indonesians write it)."""
    if not value:
        return "-"
    day = date.fromisoformat(value)
    return day.strftime("%d/%m/%y")


def not_visited_names(data: dict) -> list[str]:
    names = {row["kode"]: row["nama"] for row in data["kelurahan"]}
    return [names[kode] for kode in data["not_visited"]]


# --- flat rows (CSV) -----------------------------------------------------------------------


def summary_csv_columns(data: dict) -> list[str]:
    """SUMMARY_CSV_COLUMNS for a kota's summary; at another level the group's columns are
    named after it and the villages' counts follow."""
    level = data.get("level") or "kelurahan"
    if level == "kelurahan":
        return SUMMARY_CSV_COLUMNS
    group = data.get("group_level")
    head = ["kode", "nama", *([f"{group}_kode", group] if group else [])]
    villages = ["kelurahan_visited", "kelurahan_total", "desa_total", "not_visited"]
    return [*head, *SUMMARY_CSV_COLUMNS[4:], *villages, "completeness"]


def summary_csv_rows(data: dict) -> list[dict]:
    """One row per unit of the summary's level (per kelurahan for a kota), the JSON's
    fields with `activities_<stage>` flattened."""
    columns = summary_csv_columns(data)
    rows = []
    for item in data[data.get("level") or "kelurahan"]:
        row = {key: item[key] for key in columns if key in item}
        for stage in STAGES:
            row[f"activities_{stage}"] = item["activities"][stage]
        rows.append({key: row[key] for key in columns})
    return rows


# --- the columns of the kelurahan table ----------------------------------------------------


def _stages_cell(counts: dict) -> str:
    return "·".join(str(counts[stage]) for stage in STAGES)


def _followups_cell(item: dict) -> str:
    return f"{item['followups_open']}/{item['followups_overdue']}"


def _stage_cell(stage: str) -> Callable[[dict], str]:
    return lambda r: str(r["activities"][stage])


# (key, heading key, cell function, numeric)
_COLUMNS: dict[str, tuple[str, Callable[[dict], str]]] = {
    "visits": ("sum.col.visits", lambda r: str(r["visits"])),
    "facilitators": ("sum.col.facilitators", lambda r: str(r["facilitators"])),
    "lkk": ("sum.col.lkk", lambda r: str(r["lkk_reached"])),
    "male": ("sum.col.male", lambda r: str(r["male"])),
    "female": ("sum.col.female", lambda r: str(r["female"])),
    "share": ("sum.col.female_share", lambda r: percent(r["female_share"])),
    **{stage: (f"sum.col.{stage}", _stage_cell(stage)) for stage in STAGES},
    "stages": ("sum.col.activities", lambda r: _stages_cell(r["activities"])),
    "followups": ("sum.col.followups", _followups_cell),
    "last": ("sum.col.last_visit", lambda r: r["last_visit"] or "-"),
    "last_short": ("sum.col.last_visit", lambda r: short_date(r["last_visit"])),
}
_BASE = ["visits", "facilitators", "lkk", "male", "female", "share"]
# From the widest to the narrowest: the first whose columns fit the terminal is used.
LAYOUTS = [
    [*_BASE, *STAGES, "followups", "last"],
    [*_BASE, "stages", "followups", "last"],
    [*_BASE, "stages", "followups", "last_short"],
    [*_BASE, "stages", "followups"],
    ["visits", "facilitators", "lkk", "share", "stages", "followups"],
    ["visits", "facilitators", "share", "stages", "followups"],
    ["visits", "share", "followups"],
]
NAME_MIN = 12
GAP = 2  # between two columns: one space of padding and the box's blank separator


def _table_lines(data: dict) -> list[tuple[str, dict, str]]:
    """(label, counts, kind) in display order: kind is 'kelurahan', 'missing' (not visited),
    'subtotal' or 'total'."""
    from faskel_cli.reports.levels import is_villages, number

    villages = is_villages(data)
    lines = []
    by_kecamatan: dict[str, list[dict]] = {}
    for item in data["kelurahan"]:
        by_kecamatan.setdefault(item["kecamatan_kode"], []).append(item)
    for kec in data["kecamatan"]:
        for item in by_kecamatan.get(kec["kode"], []):
            visited = item["visits"] > 0
            name = item["nama"]
            if not villages:  # a unit above the villages: how many of them were visited
                visited = item["kelurahan_visited"] > 0
                name = t(
                    "sum.subtotal",
                    nama=name,
                    visited=number(item["kelurahan_visited"]),
                    total=number(item["kelurahan_total"]),
                )
            label = f"  {name}" if visited else f"{NOT_VISITED} {name}"
            lines.append((label, item, "kelurahan" if visited else "missing"))
        label = t(
            "sum.subtotal",
            nama=kec["nama"],
            visited=number(kec["kelurahan_visited"]),
            total=number(kec["kelurahan_total"]),
        )
        lines.append((label, kec, "subtotal"))
    totals = data["totals"]
    if len(data["kecamatan"]) != 1:
        label = t(
            "sum.subtotal",
            nama=data["area"]["nama"],
            visited=number(totals["kelurahan_visited"]),
            total=number(totals["kelurahan_total"]),
        )
        lines.append((label, totals, "total"))
    return lines


def _choose_layout(lines, width: int, heading: str) -> tuple[list[str], dict[str, int]]:
    """The widest layout that fits `width` with whole names, else with names cut to NAME_MIN.

    Each column takes its widest cell plus 2 (the gap of the table's box), so every number
    keeps all its digits on one line."""
    name_width = max([len(heading), *(len(label) for label, _, _ in lines)])
    sized = []
    for layout in LAYOUTS:
        widths = {}
        for key in layout:
            heading, cell = _COLUMNS[key]
            widths[key] = max([len(t(heading)), *(len(cell(counts)) for _, counts, _ in lines)])
        sized.append((layout, widths, sum(widths.values()) + GAP * len(layout)))
    for name in (name_width, min(name_width, NAME_MIN)):
        for layout, widths, needed in sized:
            if needed + name <= width:
                return layout, widths
    return sized[-1][0], sized[-1][1]


def summary_renderable(data: dict, width: int):
    """The grouped table (kelurahan by kecamatan, a subtotal per kecamatan, the area total)
    with its title and the completeness and legend lines below, fitted to `width`."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from faskel_cli.reports.levels import row_heading, view

    data = view(data)
    lines = _table_lines(data)
    layout, widths = _choose_layout(lines, width, row_heading(data))
    tbl = Table(
        title=f"{period_title(data)} ({period_range(data)})",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
    tbl.add_column(row_heading(data), no_wrap=True, overflow="ellipsis", min_width=NAME_MIN)
    for key in layout:
        heading, _ = _COLUMNS[key]
        tbl.add_column(t(heading), justify="right", no_wrap=True, min_width=widths[key])
    for index, (label, counts, kind) in enumerate(lines):
        style = {"missing": "dim", "subtotal": "bold", "total": "bold"}.get(kind)
        next_kind = lines[index + 1][2] if index + 1 < len(lines) else None
        tbl.add_row(
            Text(label),
            *(_COLUMNS[key][1](counts) for key in layout),
            style=style,
            end_section=kind == "subtotal" and next_kind is not None,
        )
    totals = data["totals"]
    notes = [Text(completeness_line(totals), style="bold")]
    missing = not_visited_names(data) if data.get("level", "kelurahan") == "kelurahan" else []
    if missing:  # above the villages, ○ marks the units without a visit
        notes.append(Text(t("sum.not_visited", names=", ".join(missing))))
    notes.append(
        Text(
            t(
                "sum.stage_moves",
                moves=totals["stage_moves"],
                opened=totals["followups_opened"],
                done=totals["followups_done"],
            )
        )
    )
    stages_key = "sum.legend_stages" if STAGES[0] in layout else "sum.legend_stages_short"
    notes.append(Text(t(stages_key) + " " + t("sum.legend"), style="dim"))
    return Group(tbl, *notes)


# --- Markdown --------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|")


def summary_markdown(data: dict) -> str:
    """The summary as Markdown: a heading, one table (kelurahan, kecamatan subtotals in bold,
    the area total), the completeness line and the kelurahan not visited."""
    from faskel_cli.reports.levels import row_heading, view

    data = view(data)
    keys = [*_BASE, *STAGES, "followups", "last"]
    head = [row_heading(data), *(t(_COLUMNS[key][0]) for key in keys)]
    out = [
        f"### {_md_escape(period_title(data))}",
        "",
        _md_escape(period_range(data)),
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join([":---", *("---:" for _ in keys)]) + "|",
    ]
    for label, counts, kind in _table_lines(data):
        cells = [_COLUMNS[key][1](counts) for key in keys]
        name = _md_escape(label.strip())
        if kind in ("subtotal", "total"):
            name = f"**{name}**"
            cells = [f"**{cell}**" for cell in cells]
        out.append("| " + " | ".join([name, *cells]) + " |")
    out += ["", f"**{_md_escape(completeness_line(data['totals']))}**"]
    missing = not_visited_names(data)
    if missing:
        out += ["", _md_escape(t("sum.not_visited", names=", ".join(missing)))]
    out += ["", _md_escape(t("sum.legend_stages") + " " + t("sum.legend"))]
    return "\n".join(out) + "\n"


# --- per facilitator -------------------------------------------------------------------------

FACILITATOR_COLUMNS = [
    ("handle", "sum.col.handle"),
    ("name", "sum.col.name"),
    ("visits", "sum.col.visits"),
    ("covered", "sum.col.covered"),
    ("lkk_reached", "sum.col.lkk"),
    ("male", "sum.col.male"),
    ("female", "sum.col.female"),
    ("share", "sum.col.female_share"),
    ("hours", "sum.col.hours"),
    ("followups", "sum.col.followups"),
    ("bundle", "sum.col.bundle"),
]


def facilitator_display_rows(rows: list[dict]) -> list[dict]:
    """The rows of `summary_by_facilitator` with the cells the table and Markdown show."""
    from faskel_cli.core.received import local_date

    return [
        {
            **row,
            "covered": f"{row['kelurahan_covered']}/{row['kelurahan_assigned']}",
            "share": percent(row["female_share"]),
            "followups": f"{row['followups_open']}/{row['followups_overdue']}",
            "bundle": short_date(_iso(local_date(row["last_bundle_at"]))),
        }
        for row in rows
    ]


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def facilitator_legend(villages: str) -> str:
    """The line under the table per facilitator; `villages`: what the area's are called
    (reports.levels.villages_word)."""
    return t("sum.legend_facilitators", villages=villages) + " " + t("sum.legend_bundle")


def facilitator_markdown(rows: list[dict], title: str, villages: str) -> str:
    shown = facilitator_display_rows(rows)
    head = [t(heading) for _, heading in FACILITATOR_COLUMNS]
    align = [":---", ":---", *("---:" for _ in FACILITATOR_COLUMNS[2:])]
    out = [f"### {_md_escape(title)}", "", "| " + " | ".join(head) + " |"]
    out.append("|" + "|".join(align) + "|")
    for row in shown:
        out.append("| " + " | ".join(_md_escape(row[key]) for key, _ in FACILITATOR_COLUMNS) + " |")
    out += ["", _md_escape(facilitator_legend(villages))]
    return "\n".join(out) + "\n"


# --- trend -----------------------------------------------------------------------------------


def sparkline(values: list[int], top: int) -> str:
    """One character per value: · for 0, ▁ to █ in proportion to `top`."""
    out = []
    for value in values:
        if value <= 0 or top <= 0:
            out.append(ZERO)
        else:
            level = max(1, -(-value * len(SPARKS) // top))  # ceiling: 1 visit is never blank
            out.append(SPARKS[min(level, len(SPARKS)) - 1])
    return "".join(out)


def trend_csv_rows(data: dict) -> tuple[list[dict], list[str]]:
    """(rows, columns): one row per unit of the trend's level (per kelurahan for a kota:
    kode, nama, kecamatan_kode, kecamatan), one column per ISO week label, total."""
    level = data.get("level") or "kelurahan"
    group = data.get("group_level")
    columns = ["kode", "nama", *((f"{group}_kode", group) if group else ())]
    labels = [week["label"] for week in data["weeks"]]
    rows = [
        {
            **{key: item[key] for key in columns},
            **dict(zip(labels, item["visits"], strict=True)),
            "total": item["total"],
        }
        for item in data[level]
    ]
    return rows, [*columns, *labels, "total"]


def trend_renderable(data: dict, width: int):
    """Kelurahan grouped by kecamatan, a sparkline each (one scale for all), then the weekly
    numbers as far as the width allows, and the total."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from faskel_cli.reports.levels import row_heading, view

    data = view(data)
    top = max([0, *(n for item in data["kelurahan"] for n in item["visits"])])
    lines: list[tuple[str, dict, str]] = []
    by_kecamatan: dict[str, list[dict]] = {}
    for item in data["kelurahan"]:
        by_kecamatan.setdefault(item["kecamatan_kode"], []).append(item)
    for kec in data["kecamatan"]:
        for item in by_kecamatan.get(kec["kode"], []):
            lines.append((f"  {item['nama']}", item, "kelurahan"))
        lines.append((kec["nama"], kec, "subtotal"))
    if len(data["kecamatan"]) != 1:
        lines.append((data["area"]["nama"], data["totals"], "total"))
    labels = [week["label"].split("-")[1] for week in data["weeks"]]
    name_width = max(len(label) for label, _, _ in lines) if lines else 10
    chart_width = max(len(labels), len(t("trend.col.chart")))
    total_width = max([len(t("trend.col.total")), *(len(str(c["total"])) for _, c, _ in lines)])
    fixed = name_width + chart_width + total_width + 2 * GAP
    week_widths = [
        max([len(label), *(len(str(c["visits"][i])) for _, c, _ in lines)])
        for i, label in enumerate(labels)
    ]
    # Show the latest weeks' numbers that fit.
    shown = 0
    used = fixed
    for w in reversed(week_widths):
        if used + w + GAP > width:
            break
        used += w + GAP
        shown += 1
    first = len(labels) - shown
    tbl = Table(
        title=t(
            "trend.title",
            first=data["weeks"][0]["label"],
            last=data["weeks"][-1]["label"],
            area=data["area"]["nama"],
        ),
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
    tbl.add_column(row_heading(data), no_wrap=True, overflow="ellipsis", min_width=NAME_MIN)
    tbl.add_column(t("trend.col.chart"), no_wrap=True, min_width=chart_width)
    for i in range(first, len(labels)):
        tbl.add_column(labels[i], justify="right", no_wrap=True, min_width=week_widths[i])
    tbl.add_column(t("trend.col.total"), justify="right", no_wrap=True, min_width=total_width)
    for index, (label, counts, kind) in enumerate(lines):
        chart = sparkline(counts["visits"], top) if kind == "kelurahan" else ""
        style = {"subtotal": "bold", "total": "bold"}.get(kind)
        next_kind = lines[index + 1][2] if index + 1 < len(lines) else None
        tbl.add_row(
            Text(label),
            chart,
            *(str(counts["visits"][i]) for i in range(first, len(labels))),
            str(counts["total"]),
            style=style,
            end_section=kind == "subtotal" and next_kind is not None,
        )
    return Group(tbl, Text(t("trend.scale", top=top), style="dim"))
