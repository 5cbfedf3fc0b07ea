"""`faskel activity add|edit|advance|list|show|delete|restore`."""

from __future__ import annotations

import typer

from faskel_cli.cli import cmd_photo, common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

app = FaskelTyper()

TYPE_OPTION = t("help.opt.activity_type", choices=t("help.choices.activity_type"))
TYPE_FILTER = t("help.opt.activity_type_filter", choices=t("help.choices.activity_type"))
TYPE = t("help.metavar.type")


@app.command("add", help=t("help.activity.add"))
def add(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    title: str = typer.Option(None, "--title", help=t("help.opt.title")),
    activity_type: str = typer.Option(None, "--type", help=TYPE_OPTION, metavar=TYPE),
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.activity_date")),
    funding: str = typer.Option(None, "--funding", help=t("help.opt.funding")),
    budget: str = typer.Option(None, "--budget", help=t("help.opt.budget")),
    lkk: list[str] = typer.Option(None, "--lkk", help=t("help.opt.activity_lkk")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import activities

    fmt = render.check_format(fmt, ("table", "json"))
    ask = common.ask_missing({"--kelurahan": kelurahan, "--title": title, "--type": activity_type})
    database = common.db(ctx, create=True)
    if ask:
        from faskel_cli.cli import guided_records

        given = {
            "kelurahan": kelurahan,
            "title": title,
            "activity_type": activity_type,
            "date": date,
            "funding": funding,
            "budget": budget,
            "lkk": lkk or None,
        }
        item = guided_records.activity(
            database, given, lambda **values: activities.add(database, **values)
        )
    else:
        item = activities.add(
            database,
            kelurahan=kelurahan,
            title=title,
            activity_type=activity_type,
            start=date,
            funding=funding,
            budget=budget,
            lkk_names=lkk or [],
        )
    common.echo(render.to_json(item) if fmt == "json" else item["id"])


@app.command("edit", help=t("help.activity.edit"))
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    title: str = typer.Option(None, "--title", help=t("help.opt.title")),
    activity_type: str = typer.Option(None, "--type", help=TYPE_OPTION, metavar=TYPE),
    funding: str = typer.Option(None, "--funding", help=t("help.opt.funding")),
    budget: str = typer.Option(None, "--budget", help=t("help.opt.budget")),
    lkk: list[str] = typer.Option(None, "--lkk", help=t("help.opt.lkk_replace")),
    no_lkk: bool = typer.Option(False, "--no-lkk", help=t("help.opt.no_lkk")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import activities, audit

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx)
    with audit.watch(database) as watched:
        item = activities.edit(
            database,
            ref,
            title=title,
            activity_type=activity_type,
            funding=funding,
            budget=budget,
            lkk_names=[] if no_lkk else (lkk or None),
        )
    common.echo_edit(
        fmt, item, watched.changed, "msg.activity_updated", "msg.activity_unchanged",
        id=common.shown_id(item),
    )  # fmt: skip


@app.command("advance", help=t("help.activity.advance"))
def advance(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    to: str = typer.Option(None, "--to", help=t("help.opt.to")),
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.stage_date")),
    note: str = typer.Option(None, "--note", help=t("help.opt.stage_note")),
    spent: str = typer.Option(None, "--spent", help=t("help.opt.spent")),
    force: bool = typer.Option(False, "--force", help=t("help.opt.force")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import activities

    fmt = render.check_format(fmt, ("table", "json"))
    item, warns = activities.advance(
        common.db(ctx), ref, to=to, on=date, note=note, spent=spent, force=force
    )
    common.warnings(warns)
    if fmt == "json":
        common.echo(render.to_json(item))
    else:
        common.echo(
            t(
                "msg.activity_advanced",
                id=common.shown_id(item),
                before=item["stages"][-2]["stage"],  # the stage it left
                after=item["stage"],
                date=item["stage_since"],
            )
        )


@app.command("list", help=t("help.activity.list"))
def list_(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    kecamatan: str = common.kecamatan_option(),
    stage: str = typer.Option(
        None, "--stage", help=t("help.opt.stage"), metavar=t("help.metavar.stage")
    ),
    activity_type: str = typer.Option(None, "--type", help=TYPE_FILTER, metavar=TYPE),
    stalled: bool = typer.Option(False, "--stalled", help=t("help.opt.stalled")),
    as_of: str = typer.Option(None, "--as-of", help=t("help.opt.as_of")),
    wide: bool = common.wide_option(),
    fmt: str = common.format_option("table", "table|json|csv|csv-id"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import activities, clock, regions, settings
    from faskel_cli.core.dates import parse_date
    from faskel_cli.core.vocab import ACTIVITY_TYPES, pick

    fmt = render.check_format(fmt, render.LIST_FORMATS)
    database = common.db(ctx, write=False)
    day = parse_date(as_of, field="--as-of", allow_future=True) if as_of else clock.today()
    stall_days = int(settings.get(database, "stall_days"))
    flt = activities.ActivityFilter(
        kelurahan_kode=regions.kelurahan(database, kelurahan).kode if kelurahan else None,
        kecamatan_kode=regions.kecamatan(database, kecamatan).kode if kecamatan else None,
        stage=activities.parse_stage(stage) if stage else None,
        activity_type=pick(activity_type, ACTIVITY_TYPES, option="--type")
        if activity_type
        else None,
        stalled=stalled,
        as_of=day,
        stall_days=stall_days,
    )
    rows = activities.list_activities(database, flt)
    if fmt == "json":
        common.echo(render.to_json([activities.public(r) for r in rows]))
        return
    if fmt in render.CSV_FORMATS:
        flat = []
        for row in rows:
            item = activities.public(row)
            item["stages"] = [f"{s['stage']} {s['date']}" for s in row["stages"]]
            item["days_in_stage"] = row["days_in_stage"]
            flat.append(item)
        render.write_csv(render.to_csv(flat, [*activities.KEYS, "days_in_stage"], form=fmt))
        return
    out = render.console()
    if not rows:
        out.print(t("msg.no_activities"))
        return
    title = (
        t("title.activities_stalled", n=len(rows), days=stall_days, as_of=day.isoformat())
        if stalled
        else t("title.activities", n=len(rows), as_of=day.isoformat())
    )
    columns = [
        ("id", "id"),
        ("kelurahan", t("col.kelurahan")),
        ("title", t("col.title")),
        ("type", t("col.activity_type")),
        ("stage", t("col.stage")),
        ("stage_since", t("col.since")),
        ("days_in_stage", t("col.days_in_stage")),
    ]
    if kelurahan:  # every row has it
        columns = [c for c in columns if c[0] != "kelurahan"]
    # The list answers which activity, where, at which stage and for how long.
    render.show_list(
        rows,
        columns,
        title=title,
        drop=("type", "stage_since"),
        wide=wide,
        style=("yellow", lambda row: row["stalled"]),
    )


@app.command("show", help=t("help.activity.show"))
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import activities

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx, write=False)
    item = activities.show(database, ref)
    if fmt == "json":
        shown = activities.public(item)
        shown["visits"] = item["visits"]
        common.echo(render.to_json(shown))
        return
    _show_table(item)


def _show_table(item: dict) -> None:
    from faskel_cli import render
    from faskel_cli.core.money import format_rupiah

    out = render.console()
    if item["deleted_at"]:
        out.print(f"[bold red]{t('label.deleted')}[/bold red] ({item['deleted_at']})")
    keys = [
        "id",
        "ref",
        "title",
        "kelurahan",
        "kecamatan",
        "kelurahan_kode",
        "type",
        "funding",
        "budget",
        "spent",
        "stage",
        "stage_since",
        "lkk",
        "created_at",
        "updated_at",
    ]
    money = {key: format_rupiah(item[key]) for key in ("budget", "spent")}
    out.print(render.record_grid({**item, **money}, keys, lambda key: t(f"field.{key}")))
    timeline = [
        {
            **row,
            "notes": row["note"],  # wraps like notes do
            "spent": format_rupiah(row["spent"]) if row["spent"] is not None else None,
        }
        for row in item["timeline"]
    ]
    out.print(
        render.table(
            timeline,
            [
                ("seq", t("col.seq")),
                ("stage", t("col.stage")),
                ("date", t("col.date")),
                ("spent", t("col.spent")),
                ("notes", t("col.note")),
            ],
            title=t("title.timeline"),
        )
    )
    if not item["visits"]:
        out.print(t("msg.no_activity_visits"))
        return
    out.print(
        render.table(
            item["visits"],
            [
                ("id", "id"),
                ("date", t("col.date")),
                ("facilitator", t("col.facilitator")),
                ("kind", t("col.kind")),
                ("notes", t("field.notes")),
            ],
            title=t("title.activity_visits", n=len(item["visits"])),
        )
    )


common.add_delete_restore(app, "activity", "activities")


app.add_typer(cmd_photo.make_app("activity"), name="photo", help=t("help.activity.photo"))
