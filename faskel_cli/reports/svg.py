"""Small inline SVG charts (no JavaScript, no network): horizontal bars, stacked bars and
vertical bars over weeks. Every label is escaped; sizes scale with the viewBox so the
charts fit a phone and an A4 page alike."""

from __future__ import annotations

from html import escape

WIDTH = 640
LABEL = 170  # room for kelurahan names on the left
ROW = 20
BAR = 14
BAR_COLOUR = "#2b6cb0"
MISSING_COLOUR = "#b00020"
FONT = 'font-family="system-ui, sans-serif" font-size="12"'


def _open(height: int, title: str, css_class: str) -> list[str]:
    return [
        f'<svg class="chart {css_class}" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]


def _ink(colour: str) -> str:
    """Dark text on a light fill, white on a dark one."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#222222" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def _scale(largest: float, room: float) -> float:
    return room / largest if largest > 0 else 0.0


def hbars(rows: list[tuple[str, int, bool]], title: str) -> str:
    """One bar per (label, value, highlighted) row; highlighted labels show in red (a
    kelurahan not visited)."""
    height = max(len(rows), 1) * ROW + 10
    room = WIDTH - LABEL - 50
    scale = _scale(max((v for _, v, _ in rows), default=0), room)
    out = _open(height, title, "hbars")
    for index, (label, number, highlighted) in enumerate(rows):
        y = 5 + index * ROW
        colour = MISSING_COLOUR if highlighted else "#222222"
        out.append(
            f'<text x="{LABEL - 6}" y="{y + BAR - 3}" text-anchor="end" fill="{colour}" '
            f"{FONT}>{escape(label)}</text>"
        )
        width = round(number * scale, 1)
        if width > 0:
            out.append(
                f'<rect x="{LABEL}" y="{y}" width="{width}" height="{BAR}" fill="{BAR_COLOUR}">'
                f"<title>{escape(label)}: {number}</title></rect>"
            )
        out.append(
            f'<text x="{LABEL + width + 4}" y="{y + BAR - 3}" fill="{colour}" {FONT}>'
            f"{number}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def stacked(rows: list[tuple[str, list[int]]], series: list[tuple[str, str]], title: str) -> str:
    """One stacked bar per (label, values) row; `series` gives (name, colour) per value."""
    legend_height = 24
    height = legend_height + max(len(rows), 1) * ROW + 10
    room = WIDTH - LABEL - 50
    scale = _scale(max((sum(values) for _, values in rows), default=0), room)
    out = _open(height, title, "stacked")
    x: float = 4
    for name, colour in series:
        out.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{colour}"/>')
        out.append(f'<text x="{x + 16}" y="14" {FONT}>{escape(name)}</text>')
        x += 28 + 7 * len(name)
    for index, (label, values) in enumerate(rows):
        y = legend_height + 5 + index * ROW
        out.append(
            f'<text x="{LABEL - 6}" y="{y + BAR - 3}" text-anchor="end" {FONT}>'
            f"{escape(label)}</text>"
        )
        x = float(LABEL)
        for (name, colour), number in zip(series, values, strict=True):
            width = round(number * scale, 1)
            if width > 0:
                out.append(
                    f'<rect x="{round(x, 1)}" y="{y}" width="{width}" height="{BAR}" '
                    f'fill="{colour}"><title>{escape(label)} · {escape(name)}: {number}</title>'
                    f"</rect>"
                )
                if width >= 16:
                    out.append(
                        f'<text x="{round(x + width / 2, 1)}" y="{y + BAR - 3}" '
                        f'text-anchor="middle" fill="{_ink(colour)}" {FONT}>{number}</text>'
                    )
            x += width
        out.append(f'<text x="{round(x + 4, 1)}" y="{y + BAR - 3}" {FONT}>{sum(values)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def columns(points: list[tuple[str, int]], title: str, highlight: str | None = None) -> str:
    """Vertical bars over time, one per (label, value); the `highlight` label stands out
    (the report's own week)."""
    height = 200
    top, bottom, left = 20, 40, 10
    room = height - top - bottom
    count = max(len(points), 1)
    step = (WIDTH - 2 * left) / count
    bar = min(step * 0.7, 60)
    scale = _scale(max((v for _, v in points), default=0), room)
    out = _open(height, title, "columns")
    base = height - bottom
    out.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - left}" y2="{base}" stroke="#999999"/>')
    for index, (label, number) in enumerate(points):
        centre = left + step * index + step / 2
        size = round(number * scale, 1)
        colour = "#1f4e79" if label == highlight else BAR_COLOUR
        if size > 0:
            out.append(
                f'<rect x="{round(centre - bar / 2, 1)}" y="{round(base - size, 1)}" '
                f'width="{round(bar, 1)}" height="{size}" fill="{colour}">'
                f"<title>{escape(label)}: {number}</title></rect>"
            )
        out.append(
            f'<text x="{round(centre, 1)}" y="{round(base - size - 4, 1)}" '
            f'text-anchor="middle" {FONT}>{number}</text>'
        )
        weight = ' font-weight="bold"' if label == highlight else ""
        out.append(
            f'<text x="{round(centre, 1)}" y="{base + 16}" text-anchor="middle"{weight} '
            f"{FONT}>{escape(label)}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)
