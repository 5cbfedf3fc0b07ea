"""`faskel config set|get|list`: per-database settings."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

app = FaskelTyper()


@app.command("set", help=t("help.config.set"))
def set_(
    ctx: typer.Context,
    key: str = typer.Argument(..., metavar="KEY"),
    value: str = typer.Argument(..., metavar="VALUE"),
) -> None:
    from faskel_cli.core import settings

    stored = settings.set_value(common.db(ctx, create=True), key, value)
    common.echo(t("msg.config_set", key=key, value=stored))


@app.command("get", help=t("help.config.get"))
def get(ctx: typer.Context, key: str = typer.Argument(..., metavar="KEY")) -> None:
    from faskel_cli.core import settings

    value = settings.get(common.db(ctx, write=False), key)
    common.echo("" if value is None else value)


@app.command("list", help=t("help.config.list"))
def list_(ctx: typer.Context, fmt: str = common.format_option()) -> None:
    from faskel_cli import render
    from faskel_cli.core import settings

    fmt = render.check_format(fmt)
    values = settings.all_settings(common.db(ctx, write=False))
    if fmt == "json":
        common.echo(render.to_json(values))
        return
    rows = [{"key": k, "value": v, "about": t(settings.KNOWN[k][1])} for k, v in values.items()]
    render.emit(
        rows, fmt, [("key", t("col.key")), ("value", t("col.value")), ("about", t("col.about"))]
    )
