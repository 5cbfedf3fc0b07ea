"""`faskel db ...`, `faskel init`, `faskel history`."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import known, safe, t

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
def seed(
    ctx: typer.Context,
    file: str = typer.Argument(None, show_default=False, help=t("help.db.seed.file")),
):
    from pathlib import Path

    from faskel_cli.core import store
    from faskel_cli.core.paths import data_file
    from faskel_cli.core.sample import load_sample

    if file is None:  # the sample data installed with faskel (data/sample.json)
        file = str(data_file("sample.json"))

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
    first = rows[0]
    entity = _entity(first["entity"])
    if first.get("ref"):
        out.print(t("msg.history_of_ref", entity=entity, ref=first["ref"], id=first["entity_id"]))
    else:
        out.print(t("msg.history_of", entity=entity, id=first["entity_id"]))
    for row in rows:
        out.print(_headline(row), markup=False, soft_wrap=True)
        for line in _changes(row):
            out.print(f"    {line}", markup=False, soft_wrap=True)


def _entity(entity: str) -> str:
    key = f"hist.entity.{entity}"
    return t(key) if known(key) else safe(entity)


def _headline(row: dict) -> str:
    """When (local time), what, by whom, from where: one line per change."""
    from faskel_cli.core.clock import local_time

    action = row["action"]
    key = f"hist.action.{action}"
    done = t(key) if known(key) else safe(str(action))
    who = t("hist.by", who=safe(row["who"])) if row["who"] else t("hist.unknown_who")
    return f"{local_time(row['at'])}  {done}  {who}  {_where(row)}"


# What every record carries and the headline already says.
_NOT_SHOWN = frozenset({"id", "ref", "created_at", "updated_at"})


def _changes(row: dict) -> list[str]:
    """The fields a change set, each in words: `Perempuan: 13 → 9`; a record made shows
    its values alone (there was nothing before)."""
    before, after = row["before"] or {}, row["after"] or {}
    lines = []
    for key in sorted(set(before) | set(after)):
        if key in _NOT_SHOWN or before.get(key) == after.get(key):
            continue
        label = _label(key)
        if row["before"] is None:
            if after.get(key) in (None, [], ""):
                continue
            lines.append(f"{label}: {_value(after.get(key), key)}")
        else:
            old, new = _value(before.get(key), key), _value(after.get(key), key)
            lines.append(f"{label}: {old} → {new}")
    return lines


# Fields no show command prints, labelled for the history alone.
HISTORY_FIELDS = (
    "device_id",
    "deleted_at",
    "merged_into",
    "handle",
    "name",
    "phone",
    "role",
    "active",
    "value",
)


def _label(key: str) -> str:
    if key in HISTORY_FIELDS:
        return t(f"hist.field.{key}")
    return t(f"field.{key}") if known(f"field.{key}") else safe(key)


def _value(value: object, key: str = "") -> str:
    if value is None or value == [] or value == "":
        return t("hist.empty")
    if key.endswith("_at") and isinstance(value, str):
        from faskel_cli.core.clock import local_time

        return local_time(value)  # a moment, as the headline shows it
    if isinstance(value, bool):
        return t("hist.yes") if value else t("hist.no")
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_value(v)}" for k, v in value.items())
    return safe(str(value))


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
