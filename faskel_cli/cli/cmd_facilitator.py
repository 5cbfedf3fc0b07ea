"""`faskel facilitator add|list|edit|deactivate`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

app = FaskelTyper()

ROLE_OPTION = t("help.opt.role", choices=t("help.choices.role"))
ROLE = t("help.metavar.role")

COLUMNS = [
    ("handle", "col.handle"),
    ("name", "col.name"),
    ("role", "col.role"),
    ("kelurahan_names", "col.kelurahan"),
    ("phone", "col.phone"),
    ("active", "col.active"),
]


def _show(database: Db, rows: list[dict], fmt: str, *, include_inactive: bool, wide: bool) -> None:
    from faskel_cli import render

    columns = [(k, t(h)) for k, h in COLUMNS]
    if fmt == "table":
        names = dict(
            database.execute("select kode, nama from regions where level = 'kelurahan'").fetchall()
        )
        rows = [{**r, "kelurahan_names": [names.get(k, k) for k in r["kelurahan"]]} for r in rows]
        if not include_inactive:  # every row is active: the column says nothing
            columns = [c for c in columns if c[0] != "active"]
    # Who and where: handle, name and kelurahan stay; phone and role go first.
    render.emit(
        rows,
        fmt,
        columns,
        empty=t("msg.no_facilitators"),
        drop=("phone", "role", "active"),
        wide=wide,
    )


@app.command("add", help=t("help.facilitator.add"))
def add(
    ctx: typer.Context,
    name: str = typer.Argument(..., metavar="NAME", help=t("help.opt.name")),
    handle: str = typer.Option(..., "--handle", help=t("help.opt.handle")),
    kelurahan: list[str] = common.kelurahan_option("help.opt.kelurahan_many"),
    role: str = typer.Option("faskel", "--role", help=ROLE_OPTION, metavar=ROLE),
    phone: str = typer.Option(None, "--phone", help=t("help.opt.phone")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import facilitators

    fmt = render.check_format(fmt, ("table", "json"))
    item = facilitators.add(common.db(ctx, create=True), name, handle, kelurahan or [], role, phone)
    if fmt == "json":
        common.echo(render.to_json(item))
    else:
        common.echo(t("msg.facilitator_added", handle=item["handle"], id=item["id"]))


@app.command("list", help=t("help.facilitator.list"))
def list_(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    include_inactive: bool = typer.Option(False, "--all", help=t("help.opt.all_inactive")),
    wide: bool = common.wide_option(),
    fmt: str = common.format_option(),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import facilitators, regions

    fmt = render.check_format(fmt)
    database = common.db(ctx, write=False)
    kode = regions.kelurahan(database, kelurahan).kode if kelurahan else None
    rows = facilitators.list_all(database, include_inactive=include_inactive, kelurahan_kode=kode)
    _show(database, rows, fmt, include_inactive=include_inactive, wide=wide)


@app.command("edit", help=t("help.facilitator.edit"))
def edit(
    ctx: typer.Context,
    handle: str = typer.Argument(..., metavar="HANDLE", autocompletion=common.complete_handle),
    name: str = typer.Option(None, "--name", help=t("help.opt.name")),
    new_handle: str = typer.Option(None, "--handle", help=t("help.opt.handle")),
    kelurahan: list[str] = common.kelurahan_option("help.opt.kelurahan_replace"),
    add_kelurahan: list[str] = typer.Option(
        None, "--add-kelurahan", help=t("help.opt.add_kelurahan")
    ),
    remove_kelurahan: list[str] = typer.Option(
        None, "--remove-kelurahan", help=t("help.opt.remove_kelurahan")
    ),
    role: str = typer.Option(None, "--role", help=ROLE_OPTION, metavar=ROLE),
    phone: str = typer.Option(None, "--phone", help=t("help.opt.phone")),
    activate: bool = typer.Option(
        None, "--active/--inactive", help=t("help.opt.active"), show_default=False
    ),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import audit, facilitators

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx)
    with audit.watch(database) as watched:
        item = facilitators.edit(
            database,
            handle,
            name=name,
            new_handle=new_handle,
            role=role,
            phone=phone,
            kelurahan=kelurahan or None,
            add_kelurahan=add_kelurahan or (),
            remove_kelurahan=remove_kelurahan or (),
            active=activate,
        )
    common.echo_edit(
        fmt, item, watched.changed, "msg.facilitator_updated", "msg.facilitator_unchanged",
        handle=item["handle"],
    )  # fmt: skip


@app.command("deactivate", help=t("help.facilitator.deactivate"))
def deactivate(
    ctx: typer.Context,
    handle: str = typer.Argument(..., metavar="HANDLE", autocompletion=common.complete_handle),
) -> None:
    from faskel_cli.core import facilitators

    item = facilitators.deactivate(common.db(ctx), handle)
    common.echo(t("msg.facilitator_deactivated", handle=item["handle"]))
