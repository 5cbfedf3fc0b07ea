"""`faskel visit add|list|show|edit|delete|restore`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import cmd_photo, cmd_sheet_import, common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.store import Db
    from faskel_cli.core.visits import VisitInput

app = FaskelTyper()

# The choices as --help shows them: each with its meaning, wrapped over lines, never cut.
KIND_OPTION = t("help.opt.kind", choices=t("help.choices.kind"))
KIND_FILTER = t("help.opt.kind_filter", choices=t("help.choices.kind"))
STRAND_OPTION = t("help.opt.strand", choices=t("help.choices.strand"))
KIND, STRAND = t("help.metavar.kind"), t("help.metavar.strand")

TABLE_COLUMNS = [
    ("id", "id"),
    ("date", "col.date"),
    ("kelurahan", "col.kelurahan"),
    ("facilitator", "col.facilitator"),
    ("kind", "col.kind"),
    ("strand", "col.strand"),
    ("lkk", "col.lkk"),
    ("male", "col.male"),
    ("female", "col.female"),
    ("notes", "field.notes"),
]
# When the terminal is too narrow, the columns left out first: the list answers when, where
# and who (date, kelurahan, facilitator), with the counts.
TABLE_DROP = ("strand", "lkk", "notes", "kind")


def _missing(database: Db, data: VisitInput) -> bool:
    """Whether a required value is missing: on a terminal it is asked (cli/guided_visit.py);
    without one (or with --no-input), the command fails naming every missing option."""
    from faskel_cli.core import visits
    from faskel_cli.core.errors import InputError

    missing = visits.missing_for_add(data, database)
    if missing and not common.is_interactive():
        raise InputError("err.missing_options", options=", ".join(missing))
    return bool(missing)


@app.command("add", help=t("help.visit.add"))
def add(
    ctx: typer.Context,
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.date")),
    kelurahan: str = common.kelurahan_option(),
    facilitator: str = common.handle_option("--facilitator", "help.opt.facilitator"),
    kind: str = typer.Option(None, "--kind", help=KIND_OPTION, metavar=KIND),
    strand: str = typer.Option(None, "--strand", help=STRAND_OPTION, metavar=STRAND),
    lkk: list[str] = typer.Option(None, "--lkk", help=t("help.opt.lkk")),
    male: str = typer.Option(None, "--male", help=t("help.opt.male")),
    female: str = typer.Option(None, "--female", help=t("help.opt.female")),
    duration: str = typer.Option(None, "--duration", help=t("help.opt.duration")),
    notes: str = typer.Option(None, "--notes", help=t("help.opt.notes")),
    activity: str = typer.Option(None, "--activity", help=t("help.opt.activity")),
    problem: list[str] = typer.Option(None, "--problem", help=t("help.opt.problem")),
    followup: list[str] = typer.Option(None, "--followup", help=t("help.opt.followup")),
    due: list[str] = typer.Option(None, "--due", help=t("help.opt.due")),
    owner: list[str] = typer.Option(None, "--owner", help=t("help.opt.owner")),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help=t("help.opt.allow_duplicate")
    ),
    photo: list[str] = typer.Option(None, "--photo", metavar="FILE", help=t("help.opt.photo")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import visits

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx, create=True)
    data = visits.VisitInput(
        date=date,
        kelurahan=kelurahan,
        facilitator=facilitator,
        kind=kind,
        strand=strand,
        lkk=lkk or [],
        male=male,
        female=female,
        duration=duration,
        notes=notes,
        activity=activity,
    )
    problems = visits.problems_from_options(problem or [], followup or [], due or [], owner or [])
    prepared = _photos(database, data, photo or [])
    if _missing(database, data):
        from faskel_cli.cli import guided_visit

        item, warns = guided_visit.run(
            database, data, problems, lambda d, p: _add(database, d, p, allow_duplicate)
        )
    else:
        item, warns = _add(database, data, problems, allow_duplicate)
    if prepared:
        from faskel_cli.core import photos

        photos.attach(database, photos.Owner("visit", item["id"]), prepared)
        item["photos"] = [p.id if not isinstance(p, str) else p for p in prepared]
    common.warnings(warns)
    if fmt == "json":
        common.echo(render.to_json(item))
    else:
        common.echo(item["id"])  # what scripts read
        if common.is_interactive() and item.get("ref"):
            typer.echo(t("msg.visit_saved", ref=item["ref"]), err=True)  # what a person says


def _photos(database: Db, data: VisitInput, files: list[str]) -> list:
    """The --photo files read and made ready before the visit is written (the visit's own
    fields checked first, as they are quicker): a bad one refuses the visit."""
    if not files:
        return []
    from faskel_cli.core import photos, visits

    visits.validate(database, data)
    return photos.read_photos(database, files)


def _add(database: Db, data: VisitInput, problems: list, allow_duplicate: bool) -> tuple:
    """The same visit logged twice: on a terminal asked about (refused unless confirmed);
    without one (scripts, cron) logged with a warning; --allow-duplicate: logged."""
    from faskel_cli.core import visits
    from faskel_cli.core.errors import ConflictError

    if allow_duplicate:
        return visits.add(database, data, problems=problems)
    if not common.is_interactive():
        return visits.add(database, data, problems=problems, duplicates="warn")
    try:
        return visits.add(database, data, problems=problems, duplicates="refuse")
    except ConflictError as exc:
        if exc.key != "err.visit_duplicate":
            raise
        if not typer.confirm(t("prompt.visit_duplicate", id=exc.params["id"]), default=False):
            raise
        return visits.add(database, data, problems=problems)


@app.command("list", help=t("help.visit.list"))
def list_(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    kecamatan: str = common.kecamatan_option(),
    facilitator: str = common.handle_option("--facilitator", "help.opt.facilitator_filter"),
    kind: str = typer.Option(None, "--kind", help=KIND_FILTER, metavar=KIND),
    since: str = typer.Option(None, "--since", help=t("help.opt.since")),
    until: str = typer.Option(None, "--until", help=t("help.opt.until")),
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.week")),
    month: str = common.month_option(),
    quarter: str = common.quarter_option(),
    year: str = common.year_option(),
    limit: int = typer.Option(None, "--limit", help=t("help.opt.limit")),
    wide: bool = common.wide_option(),
    fmt: str = common.format_option("table", "table|json|csv|csv-id"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import facilitators, regions, visits
    from faskel_cli.core.dates import PeriodOptions, resolve_period
    from faskel_cli.core.vocab import VISIT_KINDS, pick
    from faskel_cli.reports.periods import title as period_title

    fmt = render.check_format(fmt, render.LIST_FORMATS)
    database = common.db(ctx, write=False)
    options = PeriodOptions(week, month, quarter, year, since, until)
    period = resolve_period(options, default_this_week=False)
    # --since alone is open towards today, --until alone back to the first record.
    bounded = period is not None and not (since is not None or until is not None)
    flt = visits.VisitFilter(
        kelurahan_kode=regions.kelurahan(database, kelurahan).kode if kelurahan else None,
        kecamatan_kode=regions.kecamatan(database, kecamatan).kode if kecamatan else None,
        facilitator_id=facilitators.resolve(database, facilitator)["id"] if facilitator else None,
        kind=pick(kind, VISIT_KINDS, option="--kind") if kind else None,
        since=period.start.isoformat() if period and (bounded or since) else None,
        until=period.end.isoformat() if period and (bounded or until) else None,
        limit=limit,
    )
    rows = visits.list_visits(database, flt)
    title = t("title.visits", n=len(rows)) + (f" · {period_title(period.label)}" if period else "")
    render.emit(
        rows,
        fmt,
        [(k, t(h) if h != "id" else "id") for k, h in TABLE_COLUMNS],
        title=title,
        empty=t("msg.no_visits"),
        drop=TABLE_DROP,
        wide=wide,
    )


@app.command("show", help=t("help.visit.show"))
def show(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import visits

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx, write=False)
    item = visits.show(database, ref)
    if fmt == "json":
        common.echo(render.to_json({key: item[key] for key in visits.KEYS}))
        return
    _show_record(item)


def _show_record(item: dict) -> None:
    """The visit, then its activity and the problems met on it with their follow-ups."""
    from faskel_cli import render
    from faskel_cli.core import clock, visits
    from faskel_cli.core.followups import state_as_of

    out = render.console()
    if item["deleted_at"]:
        out.print(f"[bold red]{t('label.deleted')}[/bold red] ({item['deleted_at']})")
    shown = dict(item)
    keys = list(visits.KEYS)
    activity = item["activity"]
    if activity:
        deleted = f" ({t('label.deleted')})" if activity["deleted_at"] else ""
        named = activity["ref"] or activity["id"]
        shown["activity_id"] = f"{activity['title']} ({activity['stage']}){deleted} · {named}"
        keys.insert(keys.index("notes") + 1, "activity_id")
    out.print(render.record_grid(shown, keys, lambda key: t(f"field.{key}")))
    rows = item["followups"]
    if not rows:
        out.print(t("msg.no_visit_followups"))
        return
    today = clock.today()
    for row in rows:
        state, days = state_as_of(row, today)
        if state == "overdue":
            row["state_text"] = t("state.overdue", days=days)
        elif state == "done":
            row["state_text"] = t("state.done", date=row["done_date"])
        else:
            row["state_text"] = t("state.open")
    columns = [
        ("id", "id"),
        ("problem", t("col.problem")),
        ("action", t("col.action")),
        ("due", t("col.due")),
        ("owner", t("col.owner")),
        ("state_text", t("col.state")),
    ]
    out.print(render.table(rows, columns, title=t("title.visit_followups", n=len(rows))))


@app.command("edit", help=t("help.visit.edit"))
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.edit_date")),
    kelurahan: str = common.kelurahan_option("help.opt.edit_kelurahan"),
    facilitator: str = common.handle_option("--facilitator", "help.opt.edit_facilitator"),
    kind: str = typer.Option(None, "--kind", help=KIND_OPTION, metavar=KIND),
    strand: str = typer.Option(None, "--strand", help=STRAND_OPTION, metavar=STRAND),
    lkk: list[str] = typer.Option(None, "--lkk", help=t("help.opt.lkk_replace")),
    no_lkk: bool = typer.Option(False, "--no-lkk", help=t("help.opt.no_lkk")),
    male: str = typer.Option(None, "--male", help=t("help.opt.male")),
    female: str = typer.Option(None, "--female", help=t("help.opt.female")),
    duration: str = typer.Option(None, "--duration", help=t("help.opt.duration")),
    notes: str = typer.Option(None, "--notes", help=t("help.opt.notes")),
    activity: str = typer.Option(None, "--activity", help=t("help.opt.edit_activity")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import audit, visits

    fmt = render.check_format(fmt, ("table", "json"))
    data = visits.VisitInput(
        date=date,
        kelurahan=kelurahan,
        facilitator=facilitator,
        kind=kind,
        strand=strand,
        lkk=[] if no_lkk else (lkk or None),
        male=male,
        female=female,
        duration=duration,
        notes=notes,
        activity=activity,
    )
    database = common.db(ctx)
    with audit.watch(database) as watched:
        item, warns = visits.edit(database, ref, data)
    common.warnings(warns)
    common.echo_edit(
        fmt, item, watched.changed, "msg.visit_updated", "msg.visit_unchanged",
        id=common.shown_id(item),
    )  # fmt: skip


@app.command("delete", help=t("help.visit.delete"))
def delete(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    with_followups: bool = typer.Option(
        None, "--with-followups/--keep-followups", help=t("help.opt.with_followups")
    ),
) -> None:
    """A visit with open follow-ups: asked on a terminal whether they go too; without one,
    they stay open and a warning names them."""
    from faskel_cli.core import followups, visits

    database = common.db(ctx)
    visit_id = visits.resolve(database, ref)
    if visits.show(database, visit_id)["deleted_at"]:
        visits.delete(database, visit_id)  # refused: it is deleted already; nothing to ask
    still_open = followups.open_for_visit(database, visit_id)
    if still_open and with_followups is None and common.is_interactive():
        problems = "; ".join(f["problem"] for f in still_open)
        with_followups = typer.confirm(
            t("prompt.delete_followups", n=len(still_open), problems=problems), default=False
        )
    item = visits.delete(database, visit_id, with_followups=bool(with_followups))
    common.echo(t("msg.visit_deleted", id=common.shown_id(item)))
    if still_open and with_followups:
        common.echo(t("msg.followups_deleted_with_visit", n=len(still_open)))
    elif still_open:
        ids = ", ".join(common.shown_id(f) for f in still_open)
        common.warn("warn.followups_kept", n=len(still_open), ids=ids)


@app.command("restore", help=t("help.visit.restore"))
def restore(ctx: typer.Context, ref: str = typer.Argument(..., metavar="ID")) -> None:
    from faskel_cli.core import visits

    database = common.db(ctx)
    coming_back = visits.followups_deleted_with(database, ref)
    item = visits.restore(database, ref)
    common.echo(t("msg.visit_restored", id=common.shown_id(item)))
    if coming_back:
        common.echo(t("msg.followups_restored_with_visit", n=len(coming_back)))


app.add_typer(cmd_photo.make_app("visit"), name="photo", help=t("help.visit.photo"))

# `visit import FILE`: rows of a spreadsheet or a Kobo/ODK export (cli/cmd_sheet_import.py).
app.command("import", help=t("help.visit.import"))(cmd_sheet_import.import_command)
