"""`faskel db ...`, `faskel init`, `faskel history`."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

app = FaskelTyper()


@app.command("path", help=t("help.db.path"))
def path(ctx: typer.Context) -> None:
    common.echo(str(common.state(ctx).db_path))


@app.command("migrate", help=t("help.db.migrate"))
def migrate(
    ctx: typer.Context,
    list_only: bool = typer.Option(False, "--list", help=t("help.db.migrate.list")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core.db import migration_status

    fmt = render.check_format(fmt, ("table", "json"))
    path = common.state(ctx).db_path
    if list_only:
        columns = [
            ("name", t("col.migration")),
            ("status", t("col.status")),
            ("applied_at", t("col.applied_at")),
        ]
        render.emit(migration_status(path), fmt, columns)
        return
    pending = [m["name"] for m in migration_status(path) if m["status"] == "pending"]
    common.db(ctx)  # opening a database for writing applies what is pending
    common.echo(t("msg.migrated", names=", ".join(pending)) if pending else t("msg.up_to_date"))


# The kinds of `faskel db tables`, in the reader's words.
TABLE_KINDS = {
    "tampilan": "label.table_view",
    "data": "label.table_data",
    "internal": "label.table_internal",
}


@app.command("tables", help=t("help.db.tables"))
def tables(ctx: typer.Context, fmt: str = common.format_option()) -> None:
    from faskel_cli import render
    from faskel_cli.core import browse
    from faskel_cli.messages import get_lang

    fmt = render.check_format(fmt)
    found = browse.tables(common.db(ctx, write=False))
    english = get_lang() == "en"
    rows = [
        {
            "name": item["name"],
            "kind": item["kind"],
            "rows": item["rows"],
            "about": item["description"] if english else item["keterangan"],
        }
        for item in found
    ]
    if fmt == "table":
        unknown = t("label.table_unknown")
        for row in rows:
            row["kind"] = t(TABLE_KINDS[row["kind"]]) if row["kind"] in TABLE_KINDS else unknown
    columns = [
        ("name", t("col.table")),
        ("kind", t("col.type")),
        ("rows", t("col.rows")),
        ("about", t("col.about")),
    ]
    render.emit(rows, fmt, columns, title=t("title.tables", path=str(common.state(ctx).db_path)))


@app.command("seed", help=t("help.db.seed"))
def seed(ctx: typer.Context, file: str = typer.Argument(..., help=t("help.db.seed.file"))):
    from pathlib import Path

    from faskel_cli.core import store
    from faskel_cli.core.sample import load_sample

    database = common.db(ctx, create=True)
    with store.busy_note(database, "busy.seed", file=Path(file).name):
        counts = load_sample(database, file)
    common.echo(
        t(
            "msg.seeded",
            path=str(common.state(ctx).db_path),
            counts=", ".join(f"{k} {v}" for k, v in counts.items()),
        )
    )


def init(
    ctx: typer.Context,
    area: str = typer.Option("33.75", "--area", help=t("help.init.area")),
) -> None:
    from faskel_cli.core import regions

    database = common.db(ctx, create=True)
    loaded = regions.load_area(database, area)
    counts = dict(
        database.execute(
            "select level, count(*) from regions where kode like ? group by level",
            [regions.areas.prefix(loaded.kode) + "%"],
        ).fetchall()
    )
    desa = database.execute("select count(*) from regions where is_desa = 1").fetchone()[0]
    from faskel_cli.reports.levels import number, villages_word

    villages = villages_word({"desa_total": desa, "kelurahan_total": counts.get("kelurahan", 0)})
    shown = [
        t(f"lv.count.{level}", n=number(counts[level]), villages=villages)
        for level in ("provinsi", "kabupaten", "kecamatan", "kelurahan")
        if level in counts
    ]
    common.echo(
        t(
            "msg.area_loaded_levels",
            nama=loaded.nama,
            kode=loaded.kode,
            levels=", ".join(shown),
            path=str(common.state(ctx).db_path),
        )
    )


def history(
    ctx: typer.Context,
    record_id: str = typer.Argument(..., metavar="ID", help=t("help.history.id")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import audit

    fmt = render.check_format(fmt, ("table", "json"))
    rows = audit.history(common.db(ctx, write=False), record_id)
    if fmt == "json":
        common.echo(render.to_json(rows))
        return
    out = render.console()
    out.print(t("msg.history_of", entity=rows[0]["entity"], id=rows[0]["entity_id"]))
    for row in rows:
        out.print(
            f"{row['at']}  {row['action']}  {row['who'] or '?'}  {_where(row)}",
            markup=False,
            soft_wrap=True,
        )
        changes = _diff(row["before"], row["after"])
        for key, old, new in changes:
            out.print(f"    {key}: {old!r} → {new!r}", markup=False)


def _where(row: dict) -> str:
    """Where a change came from: a bundle (file, device, sender), or this database."""
    from faskel_cli.core.ids import short_device

    source = row.get("source")
    if not source:
        return t("msg.history_here", device=short_device(row.get("device_id")))
    sender = source.get("sender_name") or source.get("sender")
    return t(
        "msg.history_bundle_from" if sender else "msg.history_bundle",
        file=source.get("file") or "?",
        device=short_device(source.get("device")),
        sender=sender,
    )


def _diff(before, after):
    before = before or {}
    after = after or {}
    return [
        (k, before.get(k), after.get(k))
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k) and k not in ("updated_at",)
    ]
