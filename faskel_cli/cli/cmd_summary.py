"""`faskel summary` and `faskel trend`: renderings of core/summary.py, nothing computed here."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import common, levels
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.dates import Period
    from faskel_cli.core.store import Reader
    from faskel_cli.core.summary import Scope

SUMMARY_FORMATS = ("table", "json", "csv", "csv-id", "md")
TREND_FORMATS = ("table", "json", "csv")
BY = ("kelurahan", "facilitator")


@contextlib.contextmanager
def read_db(ctx: typer.Context) -> Iterator[Reader]:
    """The database for reading: a plain read-only sqlite3 connection when the file already
    holds what summaries read (no sqlite-utils import: the summary is timed against the
    sqlite3 shell), else the ordinary read path (creation, migration checks, errors)."""
    from faskel_cli.core.summary import open_read

    conn = open_read(common.state(ctx).db_path)
    if conn is None:
        yield common.db(ctx, write=False)
        return
    try:
        yield conn
    finally:
        conn.close()


def _unit(database: Reader, kabupaten: str | None, kecamatan: str | None) -> Scope | None:
    """What `--kecamatan` / `--kabupaten` name (a kecamatan within the kabupaten when both
    are given), or None for the whole area."""
    if not kabupaten and not kecamatan:
        return None
    return levels.scope(database, None, kabupaten, kecamatan)


def _write(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def summary(
    ctx: typer.Context,
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.summary_week")),
    month: str = common.month_option(),
    quarter: str = common.quarter_option(),
    year: str = common.year_option(),
    since: str = typer.Option(None, "--since", help=t("help.opt.since")),
    until: str = typer.Option(None, "--until", help=t("help.opt.until")),
    kecamatan: str = common.kecamatan_option(),
    by: str = typer.Option("kelurahan", "--by", help=t("help.opt.by"), metavar="|".join(BY)),
    fmt: str = common.format_option("table", "|".join(SUMMARY_FORMATS)),
    level: str = levels.level_option(),
    kabupaten: str = levels.kabupaten_option(),
    not_visited: bool = levels.not_visited_option(),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import summary as core
    from faskel_cli.core.dates import PeriodOptions, resolve_period
    from faskel_cli.core.vocab import pick

    fmt = render.check_format(fmt, SUMMARY_FORMATS)
    by = pick(by, BY, option="--by", aliases={"fasilitator": "facilitator"})
    period = resolve_period(PeriodOptions(week, month, quarter, year, since, until))
    with read_db(ctx) as database:
        if by == "facilitator":
            # Facilitators are the rows: --level has nothing to choose, and every village
            # not visited is the summary by village's to list.
            for given, option in ((level, "--level"), (not_visited or None, "--not-visited")):
                if given is not None:
                    from faskel_cli.core.errors import InputError

                    raise InputError("err.not_with_facilitators", option=option)
            unit = _unit(database, kabupaten, kecamatan)
            rows = core.summary_by_facilitator(database, period, unit.kode if unit else None)
            _facilitators(database, rows, period, unit, fmt)
            return
        found = levels.scope(database, level, kabupaten, kecamatan)
        data = core.build_summary(database, period, scope=found, list_not_visited=not_visited)
    if fmt == "json":
        _write(render.to_json(data))
    elif fmt in render.CSV_FORMATS:
        from faskel_cli.render_summary import summary_csv_columns, summary_csv_rows

        rows, columns = summary_csv_rows(data), summary_csv_columns(data)
        render.write_csv(render.to_csv(rows, columns, form=fmt))
    elif fmt == "md":
        from faskel_cli.render_summary import summary_markdown

        _write(summary_markdown(data))
    else:
        from faskel_cli.render_summary import summary_renderable

        out = render.console()
        out.print(summary_renderable(data, out.width))


def _facilitators(
    database: Reader, rows: list[dict], period: Period, unit: Scope | None, fmt: str
) -> None:
    from faskel_cli import render
    from faskel_cli import render_summary as views
    from faskel_cli.core import regions

    if fmt == "json":
        _write(render.to_json(rows))
        return
    if fmt in render.CSV_FORMATS:
        from faskel_cli.core.summary import FACILITATOR_KEYS

        render.write_csv(render.to_csv(rows, FACILITATOR_KEYS, form=fmt))
        return
    from faskel_cli.reports.levels import villages_word
    from faskel_cli.reports.periods import title as period_title

    villages = villages_word(regions.village_totals(database, unit.kode if unit else None))
    title = t(
        "sum.title_facilitators", label=period_title(period.label), area=regions.area(database).nama
    )
    if unit:
        title += f" · {unit.nama}"
    if fmt == "md":
        _write(views.facilitator_markdown(rows, title, villages))
        return
    out = render.console()
    if not rows:
        out.print(t("sum.no_facilitators"))
        return
    shown = views.facilitator_display_rows(rows)
    columns = [(key, t(heading)) for key, heading in views.FACILITATOR_COLUMNS]
    columns = render.fit_columns(shown, columns, out.width, ("name", "male", "female", "hours"))
    out.print(render.table(shown, columns, title=title))
    out.print(views.facilitator_legend(villages), style="dim")


def trend(
    ctx: typer.Context,
    weeks: int = typer.Option(None, "--weeks", "-n", help=t("help.opt.weeks"), show_default="8"),
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.trend_week")),
    month: str = typer.Option(None, "--month", metavar="YYYY-MM", help=t("help.opt.trend_month")),
    quarter: str = typer.Option(
        None, "--quarter", metavar="YYYY-QN", help=t("help.opt.trend_quarter")
    ),
    year: str = typer.Option(None, "--year", metavar="YYYY", help=t("help.opt.trend_year")),
    kecamatan: str = common.kecamatan_option(),
    fmt: str = common.format_option("table", "|".join(TREND_FORMATS)),
    level: str = levels.level_option(),
    kabupaten: str = levels.kabupaten_option(),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import trend as core
    from faskel_cli.core.dates import PeriodOptions, resolve_period
    from faskel_cli.core.errors import InputError

    fmt = render.check_format(fmt, TREND_FORMATS)
    options = PeriodOptions(week, month, quarter, year)
    last = resolve_period(options)
    if week is None and options.any:  # the weeks a month, a quarter or a year touches
        if weeks is not None:
            raise InputError("err.period_and_weeks", option=options.given()[0])
        weeks = core.weeks_touching(last)
    if weeks is None:
        weeks = core.DEFAULT_WEEKS
    with read_db(ctx) as database:
        found = levels.scope(database, level, kabupaten, kecamatan)
        data = core.build_trend(database, last.end, weeks, scope=found)
    if fmt == "json":
        _write(render.to_json(data))
    elif fmt == "csv":
        from faskel_cli.render_summary import trend_csv_rows

        rows, columns = trend_csv_rows(data)
        render.write_csv(render.to_csv(rows, columns))
    else:
        from faskel_cli.render_summary import trend_renderable

        out = render.console()
        out.print(trend_renderable(data, out.width))
