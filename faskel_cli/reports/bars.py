"""Horizontal bar charts of the web page in HTML and CSS (no JavaScript, no network):
visits per kelurahan, and activities by stage per kecamatan as stacked bars.

Labels and numbers are text of the page, so they keep the page's font size on a phone, a
wide screen and paper, wrap when long, and a long chart breaks between its rows across
printed pages. Bar lengths are percentages of the row; every label is escaped."""

from __future__ import annotations

from html import escape

BAR_COLOUR = "#2b6cb0"
MISSING_CLASS = "missing"
# Of a row's track: the longest bar takes this much, leaving room for its number.
LONGEST = 85.0


def _relative_luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    a, b = sorted((_relative_luminance(one), _relative_luminance(other)), reverse=True)
    return (a + 0.05) / (b + 0.05)


DARK, LIGHT = "#1a1a1a", "#ffffff"


def ink(colour: str) -> str:
    """The text colour that reads best on a fill: dark on light fills, white on dark."""
    return DARK if contrast(colour, DARK) >= contrast(colour, LIGHT) else LIGHT


def _percent(number: float, largest: float) -> str:
    return f"{round(number / largest * LONGEST, 2) if largest > 0 else 0}%"


def hbars(rows: list[tuple[str, int, bool]], title: str) -> str:
    """One bar per (label, value, highlighted) row; highlighted rows (a kelurahan not
    visited) show their label in red."""
    largest = max((v for _, v, _ in rows), default=0)
    out = [f'<div class="chart hbars" aria-label="{escape(title)}">']
    for label, number, highlighted in rows:
        css = f"bar-row {MISSING_CLASS}" if highlighted else "bar-row"
        bar = (
            f'<span class="bar" style="width:{_percent(number, largest)}"></span>'
            if number > 0
            else ""
        )
        out.append(
            f'<div class="{css}" title="{escape(label)}: {number}">'
            f'<span class="bar-label">{escape(label)}</span>'
            f'<span class="bar-track">{bar}<span class="bar-n">{number}</span></span></div>'
        )
    out.append("</div>")
    return "\n".join(out)


def stacked(rows: list[tuple[str, list[int]]], series: list[tuple[str, str]], title: str) -> str:
    """One stacked bar per (label, values) row; `series` gives (name, fill colour) per
    value. Each part shows its number in the ink that reads on its fill."""
    largest = max((sum(values) for _, values in rows), default=0)
    legend = "".join(
        f'<li><span class="swatch" style="background:{colour}"></span>{escape(name)}</li>'
        for name, colour in series
    )
    out = [
        f'<div class="chart stacked" aria-label="{escape(title)}">',
        f'<ul class="legend">{legend}</ul>',
    ]
    for label, values in rows:
        parts = []
        for (name, colour), number in zip(series, values, strict=True):
            if number > 0:
                parts.append(
                    f'<span class="seg" style="width:{_percent(number, largest)};'
                    f'background:{colour};color:{ink(colour)}" '
                    f'title="{escape(label)} · {escape(name)}: {number}">{number}</span>'
                )
        out.append(
            f'<div class="bar-row"><span class="bar-label">{escape(label)}</span>'
            f'<span class="bar-track">{"".join(parts)}'
            f'<span class="bar-n">{sum(values)}</span></span></div>'
        )
    out.append("</div>")
    return "\n".join(out)
