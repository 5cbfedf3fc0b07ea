"""`faskel kelurahan list`, `faskel kecamatan list`."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

app = FaskelTyper()
kecamatan_app = FaskelTyper()


@app.command("list", help=t("help.kelurahan.list"))
def list_kelurahan(
    ctx: typer.Context,
    kecamatan: str = typer.Option(
        None,
        "--kecamatan",
        "-k",
        help=t("help.opt.kecamatan"),
        autocompletion=common.complete_kecamatan,
    ),
    fmt: str = common.format_option(),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import regions
    from faskel_cli.core.models import KelurahanOut

    fmt = render.check_format(fmt)
    database = common.db(ctx, write=False)
    kode = regions.kecamatan(database, kecamatan).kode if kecamatan else None
    rows = [KelurahanOut(**r).model_dump() for r in regions.kelurahan_rows(database, kode)]
    area = regions.area(database)
    render.emit(
        rows,
        fmt,
        [("kode", t("col.kode")), ("nama", t("col.kelurahan")), ("kecamatan", t("col.kecamatan"))],
        title=t("title.kelurahan", area=area.nama, n=len(rows)),
    )


@kecamatan_app.command("list", help=t("help.kecamatan.list"))
def list_kecamatan(ctx: typer.Context, fmt: str = common.format_option()) -> None:
    from faskel_cli import render

    fmt = render.check_format(fmt)
    database = common.db(ctx, write=False)
    rows = [
        {"kode": r[0], "nama": r[1], "kelurahan_total": r[2]}
        for r in database.execute(
            "select c.kode, c.nama, (select count(*) from regions k where k.parent_kode = c.kode) "
            "from regions c where c.level = 'kecamatan' order by c.kode"
        ).fetchall()
    ]
    render.emit(
        rows,
        fmt,
        [
            ("kode", t("col.kode")),
            ("nama", t("col.kecamatan")),
            ("kelurahan_total", t("col.kelurahan_total")),
        ],
    )
