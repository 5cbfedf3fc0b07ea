"""The web page reads at 390 px, 1280 px and on A4: text never under 11 px on screen (chart
labels included), never under 8 pt in print, numbers on bars in a colour that reads on
them, the summary table with grouped short headings. (scripts/check-clients looks at the
page in headless Chromium: docs/client-checks.md.)"""

from __future__ import annotations

import re

import pytest

from faskel_cli.reports import bars, html, svg
from faskel_cli.reports.common import SUMMARY_FIELDS

WEEK = "2026-W48"


@pytest.fixture
def page(seeded, tmp_path) -> str:
    seeded.ok(
        "visit", "add", "--date", "2026-11-24", "--kelurahan", "Kauman", "--facilitator", "budi",
        "--kind", "pengawasan", "--strand", "pengawasan", "--male", "10", "--female", "3",
        "--problem", "Saluran tersumbat", "--followup", "Kerja bakti", "--due", "2026-11-27",
    )  # fmt: skip
    target = tmp_path / "lap.html"
    seeded.ok("report", "--week", WEEK, "--output", str(target))
    return target.read_text("utf-8")


def _screen_and_print(css: str) -> tuple[str, str]:
    start = css.index("@media print{")
    return css[:start], css[start:]


def test_screen_text_is_never_under_11px():
    screen, _ = _screen_and_print(html.CSS)
    sizes = re.findall(r"font-size:([\d.]+)(px|em|pt)", screen)
    assert sizes
    for number, unit in sizes:
        if unit == "px":
            assert float(number) >= 11, number
        else:  # relative to the body (14 or 15 px): only ever larger
            assert unit == "em" and float(number) >= 1, (number, unit)
    assert re.search(r"body\{[^}]*font-size:15px", screen)
    assert re.search(r"@media \(max-width:600px\)\{\s*body\{[^}]*font-size:14px", screen)


def test_print_text_is_never_under_8pt():
    _, printed = _screen_and_print(html.CSS)
    sizes = re.findall(r"font-size:([\d.]+)(px|em|pt)", printed)
    assert sizes
    for number, unit in sizes:
        assert unit == "pt" and float(number) >= 8, (number, unit)
    assert "size:A4 landscape" in printed
    assert "thead{display:table-header-group}" in printed  # headings on every page
    assert "print-color-adjust:exact" in html.CSS


def test_the_trend_svg_does_not_scale_its_text(page):
    chart = page[page.index('<svg class="chart columns"') :]
    chart = chart[: chart.index("</svg>")]
    assert "viewBox" not in chart and 'width="100%"' in chart
    assert set(re.findall(r'font-size="(\d+)"', chart)) == {str(svg.FONT_SIZE)}
    assert svg.FONT_SIZE >= 11
    # Eight two-line week labels: W41 over 2026.
    assert chart.count(">2026</tspan>") == 8 and ">W48</tspan>" in chart


def test_bar_charts_are_page_text(page):
    for name in ("hbars", "stacked"):
        chart = page[page.index(f'<div class="chart {name}"') :]
        chart = chart[: chart.index("\n</div>")]
        assert "<svg" not in chart and "<text" not in chart
        assert 'class="bar-label"' in chart
        widths = [float(w) for w in re.findall(r"width:([\d.]+)%", chart)]
        assert max(widths, default=0) <= bars.LONGEST
        assert widths or name == "stacked"  # no activity in this week: no stacked part


def test_hbars_marks_the_kelurahan_not_visited():
    out = bars.hbars([("Medono", 4, False), ("Tirto", 0, True), ("<b>x</b>", 2, False)], "t")
    assert out.count('class="bar-row missing"') == 1
    assert 'style="width:85.0%"' in out and 'style="width:42.5%"' in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out and "<b>" not in out


@pytest.mark.parametrize("colour", [*html.STAGE_COLOURS, bars.BAR_COLOUR, "#9ecae1"])
def test_numbers_on_bars_read_on_their_fill(colour):
    assert bars.contrast(colour, bars.ink(colour)) >= 4.5  # WCAG AA for normal text


def test_old_light_blue_with_white_digits_would_fail():
    assert bars.contrast("#3182bd", "#ffffff") < 4.5  # the fill the issue complained about
    assert bars.ink("#9ecae1") == bars.DARK


def test_stage_numbers_are_printed_in_their_ink():
    out = bars.stacked(
        [("Barat", [1, 2, 0, 3])], list(zip("abcd", html.STAGE_COLOURS, strict=True)), "t"
    )
    for colour in html.STAGE_COLOURS:
        if colour != html.STAGE_COLOURS[2]:  # the stage with no activity has no part
            assert f"background:{colour};color:{bars.ink(colour)}" in out
    assert out.count('class="seg"') == 3 and '<span class="bar-n">6</span>' in out


def test_summary_table_has_grouped_short_headings(page):
    table = page[page.index('<table class="summary">') :]
    table = table[: table.index("</table>")]
    head = table[: table.index("</thead>")]
    assert head.count("<tr>") == 2
    spans = [int(n) for n in re.findall(r'colspan="(\d+)"', head)]
    singles = head.count('rowspan="2"')
    assert singles + sum(spans) == 1 + len(SUMMARY_FIELDS)
    assert '<abbr title="Pertanggungjawaban">Ptj</abbr>' in head
    assert "Tindak lanjut (TL)" in head and ">terlambat</abbr>" in head
    body_row = table[table.index("<tbody>") :].split("</tr>")[0]
    assert body_row.count("<td") == 1 + len(SUMMARY_FIELDS)
    assert "Ren perencanaan" in page  # the legend of the short headings


def test_followups_show_names_and_become_cards_on_a_phone(page):
    table = page[page.index('<table class="followups">') :]
    table = table[: table.index("</table>")]
    assert ">Budi Santoso</td>" in table and ">budi</td>" not in table
    assert 'data-label="Penanggung jawab"' in table
    narrow = html.CSS[html.CSS.index("@media (max-width:600px)") : html.CSS.index("@media print")]
    assert "table.followups td::before{content:attr(data-label)" in narrow
    assert "position:sticky" in narrow  # the summary's kelurahan column stays in view


def test_wide_screen_table_needs_no_sideways_scrolling():
    # The page may be 1240 px wide: at 1280 px the summary table has its full width.
    assert "max-width:1240px" in html.CSS
