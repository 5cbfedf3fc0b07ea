"""`faskel lkk add|list|edit|remove`."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

app = FaskelTyper()

TYPE_OPTION = t("help.opt.lkk_type", choices=t("help.choices.lkk_type"))
TYPE_FILTER = t("help.opt.lkk_type_filter", choices=t("help.choices.lkk_type"))
TYPE = t("help.metavar.type")


@app.command("add", help=t("help.lkk.add"))
def add(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    lkk_type: str = typer.Option(None, "--type", help=TYPE_OPTION, metavar=TYPE),
    name: str = typer.Option(None, "--name", help=t("help.opt.lkk_name")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import lkk

    fmt = render.check_format(fmt, ("table", "json"))
    ask = common.ask_missing({"--kelurahan": kelurahan, "--type": lkk_type, "--name": name})
    database = common.db(ctx, create=True)
    if ask:
        from faskel_cli.cli import guided_records

        given = {"kelurahan": kelurahan, "lkk_type": lkk_type, "name": name}
        item = guided_records.lkk(database, given, lambda *values: lkk.add(database, *values))
    else:
        item = lkk.add(database, kelurahan, lkk_type, name)
    if fmt == "json":
        common.echo(render.to_json(item))
    else:
        common.echo(
            t("msg.lkk_added", name=item["name"], kelurahan=item["kelurahan"], id=item["id"])
        )


@app.command("list", help=t("help.lkk.list"))
def list_(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    kecamatan: str = common.kecamatan_option(),
    lkk_type: str = typer.Option(None, "--type", help=TYPE_FILTER, metavar=TYPE),
    wide: bool = common.wide_option(),
    fmt: str = common.format_option(),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import lkk, regions

    fmt = render.check_format(fmt)
    database = common.db(ctx, write=False)
    rows = lkk.list_all(
        database,
        kelurahan_kode=regions.kelurahan(database, kelurahan).kode if kelurahan else None,
        kecamatan_kode=regions.kecamatan(database, kecamatan).kode if kecamatan else None,
        lkk_type=lkk_type,
    )
    render.emit(
        rows,
        fmt,
        [
            ("id", "id"),
            ("kelurahan", t("col.kelurahan")),
            ("type", t("col.type")),
            ("name", t("col.name")),
        ],
        empty=t("msg.no_lkk"),
        drop=("type", "id"),
        wide=wide,
    )


@app.command("edit", help=t("help.lkk.edit"))
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID|NAME"),
    kelurahan: str = common.kelurahan_option("help.opt.lkk_kelurahan"),
    name: str = typer.Option(None, "--name", help=t("help.opt.lkk_name")),
    lkk_type: str = typer.Option(None, "--type", help=TYPE_OPTION, metavar=TYPE),
) -> None:
    from faskel_cli.core import audit, lkk

    database = common.db(ctx)
    with audit.watch(database) as watched:
        item = lkk.edit(database, ref, kelurahan=kelurahan, name=name, lkk_type=lkk_type)
    common.echo_edit(
        "table", item, watched.changed, "msg.lkk_updated", "msg.lkk_unchanged",
        name=item["name"], kelurahan=item["kelurahan"],
    )  # fmt: skip


@app.command("remove", help=t("help.lkk.remove"))
def remove(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID|NAME"),
    kelurahan: str = common.kelurahan_option("help.opt.lkk_kelurahan"),
) -> None:
    from faskel_cli.core import lkk

    item = lkk.remove(common.db(ctx), ref, kelurahan=kelurahan)
    common.echo(t("msg.lkk_removed", name=item["name"], kelurahan=item["kelurahan"]))
