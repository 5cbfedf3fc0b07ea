"""`faskel followup add|list|show|done|reopen|delete|restore`."""

from __future__ import annotations

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

app = FaskelTyper()


@app.command("add", help=t("help.followup.add"))
def add(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    problem: str = typer.Option(None, "--problem", help=t("help.opt.fu_problem")),
    action: str = typer.Option(None, "--action", help=t("help.opt.fu_action")),
    due: str = typer.Option(None, "--due", help=t("help.opt.fu_due")),
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.fu_date")),
    visit: str = typer.Option(None, "--visit", help=t("help.opt.fu_visit")),
    activity: str = typer.Option(None, "--activity", help=t("help.opt.fu_activity")),
    owner: str = common.handle_option("--owner", "help.opt.fu_owner"),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import followups

    fmt = render.check_format(fmt, ("table", "json"))
    where = kelurahan or visit or activity
    ask = common.ask_missing({"--kelurahan": where, "--problem": problem, "--action": action})
    database = common.db(ctx, create=True)
    given = {
        "kelurahan": kelurahan,
        "problem": problem,
        "action": action,
        "due": due,
        "date": date,
        "visit": visit,
        "activity": activity,
        "owner": owner,
    }
    if ask:
        from faskel_cli.cli import guided_records

        item = guided_records.followup(
            database, given, lambda **values: followups.add(database, **values)
        )
    else:
        given["on"] = given.pop("date")
        item = followups.add(database, **given)
    common.echo(render.to_json(item) if fmt == "json" else item["id"])


@app.command("edit", help=t("help.followup.edit"))
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    problem: str = typer.Option(None, "--problem", help=t("help.opt.fu_problem")),
    action: str = typer.Option(None, "--action", help=t("help.opt.fu_action")),
    due: str = typer.Option(None, "--due", help=t("help.opt.fu_due_edit")),
    owner: str = common.handle_option("--owner", "help.opt.fu_owner_edit"),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import audit, followups

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx)
    with audit.watch(database) as watched:
        item = followups.edit(database, ref, problem=problem, action=action, due=due, owner=owner)
    common.echo_edit(
        fmt, item, watched.changed, "msg.followup_updated", "msg.followup_unchanged",
        id=common.shown_id(item),
    )  # fmt: skip


def _state_text(row: dict) -> str:
    if row["state"] == "overdue":
        return t("state.overdue", days=row["days_overdue"])
    if row["state"] == "done":
        return t("state.done", date=row["done_date"])
    return t("state.open")


@app.command("list", help=t("help.followup.list"))
def list_(
    ctx: typer.Context,
    only_open: bool = typer.Option(False, "--open", help=t("help.opt.open")),
    only_done: bool = typer.Option(False, "--done", help=t("help.opt.done")),
    overdue: bool = typer.Option(False, "--overdue", help=t("help.opt.overdue")),
    show_all: bool = typer.Option(False, "--all", help=t("help.opt.all")),
    kelurahan: str = common.kelurahan_option(),
    kecamatan: str = common.kecamatan_option(),
    owner: str = common.handle_option("--owner", "help.opt.owner_filter"),
    as_of: str = typer.Option(None, "--as-of", help=t("help.opt.as_of")),
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.fu_period")),
    month: str = common.month_option(),
    quarter: str = common.quarter_option(),
    year: str = common.year_option(),
    since: str = typer.Option(None, "--since", help=t("help.opt.since")),
    until: str = typer.Option(None, "--until", help=t("help.opt.until")),
    wide: bool = common.wide_option(),
    fmt: str = common.format_option("table", "table|json|csv|csv-id"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import clock, facilitators, followups, regions
    from faskel_cli.core.dates import PeriodOptions, parse_date, resolve_period
    from faskel_cli.core.errors import InputError

    fmt = render.check_format(fmt, render.LIST_FORMATS)
    chosen = [
        name
        for name, flag in (
            ("open", only_open),
            ("done", only_done),
            ("overdue", overdue),
            ("all", show_all),
        )
        if flag
    ]
    if len(chosen) > 1:
        raise InputError("err.followup_status_flags")
    status = chosen[0] if chosen else "open"
    options = PeriodOptions(week, month, quarter, year, since, until)
    if as_of is not None and options.any:
        raise InputError("err.period_and_as_of", option=options.given()[0])
    period = resolve_period(options, default_this_week=False)
    database = common.db(ctx, write=False)
    if period is not None:
        day = period.end
    else:
        day = parse_date(as_of, field="--as-of", allow_future=True) if as_of else clock.today()
    flt = followups.FollowupFilter(
        status=status,
        kelurahan_kode=regions.kelurahan(database, kelurahan).kode if kelurahan else None,
        kecamatan_kode=regions.kecamatan(database, kecamatan).kode if kecamatan else None,
        owner_id=facilitators.resolve(database, owner)["id"] if owner else None,
        as_of=day,
        since=period.start if period is not None else None,
    )
    rows = followups.list_followups(database, flt)
    if fmt == "json":
        common.echo(render.to_json([followups.public(r) for r in rows]))
        return
    if fmt in render.CSV_FORMATS:
        rows_out = [followups.public(r) for r in rows]
        render.write_csv(render.to_csv(rows_out, followups.KEYS, form=fmt))
        return
    out = render.console()
    if not rows:
        out.print(t("msg.no_followups"))
        return
    for row in rows:
        row["state_text"] = _state_text(row)
    columns = [
        ("id", "id"),
        ("kelurahan", t("col.kelurahan")),
        ("problem", t("col.problem")),
        ("action", t("col.action")),
        ("problem_date", t("col.problem_date")),
        ("due", t("col.due")),
        ("owner", t("col.owner")),
        ("state_text", t("col.state")),
    ]
    # A column every row shares because of a filter says nothing: leave it out.
    columns = [
        c for c in columns if not (c[0] == "kelurahan" and kelurahan or c[0] == "owner" and owner)
    ]
    title = t("title.followups", status=t(f"status.{status}"), n=len(rows), as_of=day.isoformat())
    if period is not None:
        from faskel_cli.reports.periods import title as period_title

        title += f" · {period_title(period.label)}"
    # The list answers what, where, who and by when: the problem, kelurahan, owner and due
    # date stay; the problem date, the status (the due date and the red rows say it) and the
    # action go first when the terminal is narrow.
    render.show_list(
        rows,
        columns,
        title=title,
        drop=("problem_date", "state_text", "action"),
        wide=wide,
        style=("bold red", lambda row: row["state"] == "overdue"),
    )


@app.command("show", help=t("help.followup.show"))
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import followups

    fmt = render.check_format(fmt, ("table", "json"))
    item = followups.show(common.db(ctx, write=False), ref)
    if fmt == "json":
        common.echo(render.to_json(followups.public(item)))
        return
    out = render.console()
    if item["deleted_at"]:
        out.print(f"[bold red]{t('label.deleted')}[/bold red] ({item['deleted_at']})")
    shown = {**item, "status": t(f"status.{item['status']}")}
    if item["visit_deleted_at"]:  # the visit was deleted, the follow-up was not
        gone = t("label.visit_deleted", date=item["visit_deleted_at"])
        shown["visit_id"] = f"{item['visit_ref'] or item['visit_id']} ({gone})"
    elif item["visit_ref"]:
        shown["visit_id"] = item["visit_ref"]
    if item["activity_ref"]:
        shown["activity_id"] = item["activity_ref"]
    keys = [
        "id",
        "ref",
        "kelurahan",
        "kecamatan",
        "problem",
        "action",
        "problem_date",
        "due",
        "owner",
        "status",
        "done_date",
        "resolution",
        "visit_id",
        "activity_id",
        "created_at",
        "updated_at",
    ]
    out.print(render.record_grid(shown, keys, lambda key: t(f"field.{key}")))


def _note_required(note: str | None) -> None:
    from faskel_cli.core.errors import InputError

    if not note or not note.strip():
        raise InputError("err.missing_options", options="--note")


@app.command("done", help=t("help.followup.done"))
def done(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    note: str = typer.Option(None, "--note", help=t("help.opt.done_note")),
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.done_date")),
) -> None:
    from faskel_cli.core import followups

    _note_required(note)
    item = followups.done(common.db(ctx), ref, note=note, on=date)
    common.echo(t("msg.followup_done", id=common.shown_id(item), date=item["done_date"]))


@app.command("reopen", help=t("help.followup.reopen"))
def reopen(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    note: str = typer.Option(None, "--note", help=t("help.opt.reopen_note")),
) -> None:
    from faskel_cli.core import followups

    _note_required(note)
    item = followups.reopen(common.db(ctx), ref, note=note)
    common.echo(t("msg.followup_reopened", id=common.shown_id(item)))


common.add_delete_restore(app, "followup", "followups")
