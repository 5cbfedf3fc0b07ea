"""`faskel report rekap`: the coordinator's recap of a month (or any period) as a file:
one row per facilitator, then one per kelurahan, with totals (core/rekap.py).

Like `faskel report`: nothing interactive, one line naming the file (none with --quiet),
the file appears whole or not at all (core.atomic)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import common, levels
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.reports.rekap import Rekap


def rekap(
    ctx: typer.Context,
    month: str = typer.Option(None, "--month", metavar="YYYY-MM", help=t("help.opt.rekap_month")),
    quarter: str = common.quarter_option(),
    year: str = common.year_option(),
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.week")),
    since: str = typer.Option(None, "--since", help=t("help.opt.since")),
    until: str = typer.Option(None, "--until", help=t("help.opt.until")),
    kecamatan: str = common.kecamatan_option(),
    kabupaten: str = levels.kabupaten_option(),
    fmt: str = typer.Option(None, "--format", "-f", help=t("help.opt.rekap_format")),
    output: str = typer.Option(
        None, "--output", "-o", help=t("help.opt.rekap_output"), metavar="PATH"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=t("help.report.quiet")),
) -> None:
    import sys

    from faskel_cli import render
    from faskel_cli.core import atomic, clock
    from faskel_cli.core.dates import PeriodOptions, parse_month, resolve_period
    from faskel_cli.core.errors import InputError
    from faskel_cli.core.rekap import build_rekap
    from faskel_cli.reports import paths
    from faskel_cli.reports import rekap as views
    from faskel_cli.reports.build import facilitator_names

    if fmt is None:
        fmt = views.format_from(output) or "json"
    fmt = render.check_format(fmt, views.FORMATS)
    output = "-" if output is None else output.strip()
    if not output:
        raise InputError("err.output.empty")
    if output == "-" and fmt not in views.TEXT_FORMATS:
        raise InputError("err.output.binary_stdout", fmt=fmt)
    paths.check(output)
    options = PeriodOptions(week, month, quarter, year, since, until)
    # A month by default: this one.
    period = resolve_period(options) if options.any else parse_month("this")
    database = common.db(ctx, write=False)
    found = levels.scope(database, "kelurahan", kabupaten, kecamatan)
    data = build_rekap(database, period, found)
    scope = levels.scope_name(database, found)
    target = None
    if output != "-":
        target = atomic.prepare_target(paths.expand(output, period, scope))
    content = _render(
        fmt, views.Rekap(data, scope, clock.today(), names=facilitator_names(database))
    )
    if target is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    written = atomic.write_bytes(target, content)
    if not quiet:
        common.echo(t("msg.report_written", path=str(written)))


def _render(fmt: str, rekap: Rekap) -> bytes:
    """The recap's bytes; fpdf2 and xlsxwriter are imported only for their format."""
    if fmt == "xlsx":
        from faskel_cli.reports import rekap_xlsx

        return rekap_xlsx.render(rekap)
    if fmt == "pdf":
        from faskel_cli.reports import rekap_pdf

        return rekap_pdf.render(rekap)
    from faskel_cli.reports.rekap import text_bytes

    return text_bytes(fmt, rekap)
