"""The one inline SVG chart of the web page (no JavaScript, no network): vertical bars over
weeks. Every label is escaped.

No viewBox: the chart is as wide as the page (positions across are percentages) and as
tall as HEIGHT pixels, so its text keeps its FONT_SIZE on a phone, a wide screen and A4
alike instead of shrinking with the drawing."""

from __future__ import annotations

from html import escape

HEIGHT = 190
FONT_SIZE = 13  # px, never scaled
BAR_COLOUR = "#2b6cb0"
HIGHLIGHT_COLOUR = "#1f4e79"
FONT = f'font-family="system-ui, sans-serif" font-size="{FONT_SIZE}"'


def _scale(largest: float, room: float) -> float:
    return room / largest if largest > 0 else 0.0


def columns(points: list[tuple[str, int]], title: str, highlight: str | None = None) -> str:
    """Vertical bars over time, one per (label, value); the `highlight` label stands out
    (the report's own week). A label `2026-W48` is written on two lines (`W48` over
    `2026`) so eight of them fit side by side on a phone."""
    top, bottom = 22, 40
    room = HEIGHT - top - bottom
    count = max(len(points), 1)
    step = 100 / count  # percent of the width per column
    bar = step * 0.6
    scale = _scale(max((v for _, v in points), default=0), room)
    base = HEIGHT - bottom
    out = [
        f'<svg class="chart columns" role="img" aria-label="{escape(title)}" width="100%" '
        f'height="{HEIGHT}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="0" y1="{base}" x2="100%" y2="{base}" stroke="#999999"/>',
    ]
    for index, (label, number) in enumerate(points):
        centre = round(step * index + step / 2, 2)
        size = round(number * scale, 1)
        highlighted = label == highlight
        colour = HIGHLIGHT_COLOUR if highlighted else BAR_COLOUR
        weight = ' font-weight="bold"' if highlighted else ""
        year, _, week = label.rpartition("-")
        out.append(f"<g><title>{escape(label)}: {number}</title>")
        if size > 0:
            out.append(
                f'<rect x="{round(centre - bar / 2, 2)}%" y="{round(base - size, 1)}" '
                f'width="{round(bar, 2)}%" height="{size}" fill="{colour}"/>'
            )
        out.append(
            f'<text x="{centre}%" y="{round(base - size - 5, 1)}" text-anchor="middle"'
            f'{weight} fill="#222222" {FONT}>{number}</text>'
        )
        lines = [week, year] if year else [label]
        tspans = "".join(
            f'<tspan x="{centre}%" dy="{0 if n == 0 else FONT_SIZE + 2}">{escape(part)}</tspan>'
            for n, part in enumerate(lines)
        )
        out.append(
            f'<text y="{base + FONT_SIZE + 4}" text-anchor="middle"{weight} fill="#222222" '
            f"{FONT}>{tspans}</text></g>"
        )
    out.append("</svg>")
    return "\n".join(out)
