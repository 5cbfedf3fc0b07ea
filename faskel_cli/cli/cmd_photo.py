"""`faskel visit photo ...` and `faskel activity photo ...`: add, list, remove, export."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

LIST_COLUMNS = [
    ("n", "col.photo_n"),
    ("photo_id", "col.photo_id"),
    ("taken_at", "col.photo_taken"),
    ("place", "col.photo_place"),
    ("size", "col.photo_size"),
    ("caption", "col.photo_caption"),
]


def _place(item: dict) -> str:
    if item["lat"] is None:
        return "-"
    return f"{item['lat']:.5f}, {item['lon']:.5f}"


def make_app(kind: str) -> typer.Typer:
    """The `photo` group of `visit` (kind 'visit') or `activity` (kind 'activity')."""
    app = FaskelTyper()
    ref_meta = "ID"
    is_activity = kind == "activity"

    @app.command("add", help=t(f"help.{kind}.photo.add"))
    def add(
        ctx: typer.Context,
        ref: str = typer.Argument(..., metavar=ref_meta),
        files: list[str] = typer.Argument(..., metavar="FILE..."),
        caption: str = typer.Option(None, "--caption", help=t("help.opt.photo_caption")),
        when: str = typer.Option(
            None, "--when", help=t("help.opt.photo_when"), hidden=not is_activity
        ),
        fmt: str = common.format_option("table", "table|json"),
    ) -> None:
        from faskel_cli import render
        from faskel_cli.core import photos

        fmt = render.check_format(fmt, ("table", "json"))
        database = common.db(ctx)
        target = photos.owner(database, kind, ref)
        done = photos.add_files(database, target, files, caption=caption, moment=when)
        if fmt == "json":
            common.echo(render.to_json(done))
            return
        for item, path in zip(done, files, strict=True):
            common.echo(t(f"msg.photo_{item['state']}", id=item["photo_id"][:8], file=path))

    @app.command("list", help=t(f"help.{kind}.photo.list"))
    def list_(
        ctx: typer.Context,
        ref: str = typer.Argument(..., metavar=ref_meta),
        fmt: str = common.format_option("table", "table|json|csv"),
    ) -> None:
        from faskel_cli import render
        from faskel_cli.core import photos

        fmt = render.check_format(fmt, ("table", "json", "csv"))
        database = common.db(ctx, write=False)
        rows = photos.list_photos(database, photos.owner(database, kind, ref))
        if fmt == "table":
            for row in rows:
                row["photo_id"] = row["photo_id"][:8]
                row["taken_at"] = (row["taken_at"] or "-").replace("T", " ")[:16]
                row["place"] = _place(row)
                row["size"] = f"{row['width']}×{row['height']}, {row['bytes'] // 1024} KB"
                if row["moment"]:
                    label = t(f"label.moment.{row['moment']}")
                    row["caption"] = f"[{label}] {row['caption'] or ''}".strip()
        columns = [(k, t(h)) for k, h in LIST_COLUMNS]
        render.emit(
            rows, fmt, columns, title=t("title.photos", n=len(rows)), empty=t("msg.no_photos")
        )

    @app.command("remove", help=t(f"help.{kind}.photo.remove"))
    def remove(
        ctx: typer.Context,
        ref: str = typer.Argument(..., metavar=ref_meta),
        which: list[str] = typer.Argument(..., metavar="PHOTO...", help=t("help.opt.photo_which")),
    ) -> None:
        from faskel_cli.core import photos

        database = common.db(ctx)
        gone = photos.remove(database, photos.owner(database, kind, ref), which)
        for item in gone:
            common.echo(t("msg.photo_removed", id=item["photo_id"][:8]))

    @app.command("export", help=t(f"help.{kind}.photo.export"))
    def export(
        ctx: typer.Context,
        ref: str = typer.Argument(..., metavar=ref_meta),
        folder: str = typer.Argument(..., metavar="DIR"),
    ) -> None:
        from faskel_cli.core import photos

        database = common.db(ctx, write=False)
        written = photos.export(database, photos.owner(database, kind, ref), folder)
        if not written:
            common.echo(t("msg.no_photos"))
        for path in written:
            common.echo(str(path))

    return app
