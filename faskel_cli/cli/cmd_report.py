"""`faskel report`: the summary as a file for coordinators and cron jobs.

Nothing interactive, no colour; quiet on success (one line naming the file, none with
--quiet); the file appears whole or not at all (core.atomic)."""

from __future__ import annotations

import typer

from faskel_cli.cli import cmd_lapbul, cmd_rekap, common, levels
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

# `faskel report [options]` writes the summary report (as before); `faskel report rekap`
# the coordinator's recap (cli/cmd_rekap.py), `faskel report bulanan` a facilitator's
# monthly report (cli/cmd_lapbul.py).
app = FaskelTyper(invoke_without_command=True, no_args_is_help=False)


@app.callback(invoke_without_command=True)
def report(
    ctx: typer.Context,
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.week")),
    month: str = common.month_option(),
    quarter: str = common.quarter_option(),
    year: str = common.year_option(),
    since: str = typer.Option(None, "--since", help=t("help.opt.since")),
    until: str = typer.Option(None, "--until", help=t("help.opt.until")),
    kecamatan: str = common.kecamatan_option(),
    fmt: str = typer.Option(None, "--format", "-f", help=t("help.report.format")),
    output: str = typer.Option(
        None, "--output", "-o", help=t("help.report.output"), metavar="PATH"
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=t("help.report.quiet")),
    level: str = levels.level_option(),
    kabupaten: str = levels.kabupaten_option(),
) -> None:
    if ctx.invoked_subcommand:
        return
    import sys

    from faskel_cli import render
    from faskel_cli.core import atomic, regions
    from faskel_cli.core.dates import PeriodOptions, resolve_period
    from faskel_cli.core.errors import InputError
    from faskel_cli.reports import FORMATS, TEXT_FORMATS, build, paths

    if fmt is None:
        fmt = paths.format_from(output) or "text"
    fmt = render.check_format(fmt, FORMATS)
    output = "-" if output is None else output.strip()
    if not output:
        raise InputError("err.output.empty")
    if output == "-" and fmt not in TEXT_FORMATS:
        raise InputError("err.output.binary_stdout", fmt=fmt)
    paths.check(output)
    period = resolve_period(PeriodOptions(week, month, quarter, year, since, until))
    database = common.db(ctx, write=False)
    kec = regions.kecamatan(database, kecamatan) if kecamatan else None
    found = levels.scope(database, level, kabupaten, kecamatan)
    scope = levels.scope_name(database, found)
    target = None
    if output != "-":
        # Check the template (and make the folders) before the work, not after it.
        target = atomic.prepare_target(paths.expand(output, period, scope))
    data = build.collect(database, fmt, period, scope, kec.kode if kec else None, found)
    content = build.render(fmt, data)
    if target is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    written = atomic.write_bytes(target, content)
    if not quiet:
        common.echo(t("msg.report_written", path=str(written)))


app.command("rekap", help=t("help.report.rekap"))(cmd_rekap.rekap)
app.command("bulanan", help=t("help.report.bulanan"))(cmd_lapbul.bulanan)
