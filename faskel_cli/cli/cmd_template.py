"""`faskel template visits|xlsform`: files to fill outside faskel, read back by
`faskel visit import` (cli/cmd_sheet_import.py)."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.messages import t

app = typer.Typer(no_args_is_help=True)

XLSFORM = "kunjungan-xlsform.xlsx"


@app.command("visits", help=t("help.template.visits"))
def visits(
    ctx: typer.Context,
    output: str = typer.Option(
        ..., "--output", "-o", metavar="FILE", help=t("help.template.output")
    ),
    rows: int = typer.Option(500, "--rows", metavar="N", help=t("help.template.rows", max="10000")),
    facilitator: str = common.handle_option("--facilitator", "help.template.facilitator"),
) -> None:
    from faskel_cli.core import atomic
    from faskel_cli.reports import template

    target = atomic.prepare_target(output)
    data = template.gather(common.db(ctx, write=False), facilitator, rows)
    written = atomic.write_bytes(target, template.render(data))
    common.echo(t("msg.template_written", path=str(written)))


@app.command("xlsform", help=t("help.template.xlsform"))
def xlsform(
    output: str = typer.Option(
        ..., "--output", "-o", metavar="FILE", help=t("help.template.xlsform.output")
    ),
) -> None:
    from faskel_cli.core import atomic
    from faskel_cli.core.paths import data_file

    target = atomic.prepare_target(output)
    written = atomic.write_bytes(target, data_file(XLSFORM).read_bytes())
    common.echo(t("msg.template_written", path=str(written)))
