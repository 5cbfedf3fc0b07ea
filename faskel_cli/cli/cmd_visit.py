"""`faskel visit add|list|show|edit|delete|restore`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.core.vocab import Strand, VisitKind, choices_help
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.store import Db
    from faskel_cli.core.visits import VisitInput

app = FaskelTyper()

# The choices as prompts show them (`a|b|c`) ...
KINDS_HELP = choices_help(VisitKind)
STRANDS_HELP = choices_help(Strand)
# ... and as --help shows them: each with its meaning, wrapped over lines, never cut.
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


def _prompt_missing(database: Db, data: VisitInput) -> None:
    """On a TTY, ask for what is missing (showing the choices); without one, fail naming
    every missing option at once."""
    from faskel_cli.core import visits
    from faskel_cli.core.errors import InputError

    missing = visits.missing_for_add(data, database)
    if not missing:
        return
    if not common.is_interactive():
        raise InputError("err.missing_options", options=", ".join(missing))
    for option in missing:
        if option == "--kelurahan":
            data.kelurahan = typer.prompt(t("prompt.kelurahan"))
        elif option == "--facilitator":
            from faskel_cli.core import facilitators

            handles = facilitators.handles(database)
            data.facilitator = typer.prompt(t("prompt.facilitator", choices="|".join(handles)))
        elif option == "--kind":
            data.kind = typer.prompt(t("prompt.choice", option="--kind", choices=KINDS_HELP))
        elif option == "--strand":
            data.strand = typer.prompt(t("prompt.choice", option="--strand", choices=STRANDS_HELP))


@app.command("add", help=t("help.visit.add"))
def add(
    ctx: typer.Context,
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.date")),
    kelurahan: str = common.kelurahan_option(),
    facilitator: str = typer.Option(
        None, "--facilitator", help=t("help.opt.facilitator"), autocompletion=common.complete_handle
    ),
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
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import visits

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx)
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
    _prompt_missing(database, data)
    problems = visits.problems_from_options(problem or [], followup or [], due or [], owner or [])
    item, warns = visits.add(database, data, problems=problems)
    common.warnings(warns)
    if fmt == "json":
        common.echo(render.to_json(item))
    else:
        common.echo(item["id"])


@app.command("list", help=t("help.visit.list"))
def list_(
    ctx: typer.Context,
    kelurahan: str = common.kelurahan_option(),
    kecamatan: str = common.kecamatan_option(),
    facilitator: str = typer.Option(
        None,
        "--facilitator",
        help=t("help.opt.facilitator_filter"),
        autocompletion=common.complete_handle,
    ),
    kind: str = typer.Option(None, "--kind", help=KIND_FILTER, metavar=KIND),
    since: str = typer.Option(None, "--since", help=t("help.opt.since")),
    until: str = typer.Option(None, "--until", help=t("help.opt.until")),
    week: str = typer.Option(None, "--week", "-w", help=t("help.opt.week")),
    limit: int = typer.Option(None, "--limit", help=t("help.opt.limit")),
    wide: bool = common.wide_option(),
    fmt: str = common.format_option("table", "table|json|csv|csv-id"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import facilitators, regions, visits
    from faskel_cli.core.dates import resolve_period
    from faskel_cli.core.vocab import VISIT_KINDS, pick

    fmt = render.check_format(fmt, render.LIST_FORMATS)
    database = common.db(ctx, write=False)
    period = resolve_period(week, since, until, default_this_week=False)
    flt = visits.VisitFilter(
        kelurahan_kode=regions.kelurahan(database, kelurahan).kode if kelurahan else None,
        kecamatan_kode=regions.kecamatan(database, kecamatan).kode if kecamatan else None,
        facilitator_id=facilitators.resolve(database, facilitator)["id"] if facilitator else None,
        kind=pick(kind, VISIT_KINDS, option="--kind") if kind else None,
        since=period.start.isoformat() if period and (week or since) else None,
        until=period.end.isoformat() if period and (week or until) else None,
        limit=limit,
    )
    rows = visits.list_visits(database, flt)
    title = t("title.visits", n=len(rows)) + (f" · {period.label}" if period else "")
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
    item = visits.get(database, visits.resolve(database, ref))
    if fmt == "json":
        common.echo(render.to_json(item))
        return
    _show_record(item)


def _show_record(item: dict) -> None:
    from faskel_cli import render

    grid = render.record_grid(item, list(item), lambda key: t(f"field.{key}"))
    render.console().print(grid)


@app.command("edit", help=t("help.visit.edit"))
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., metavar="ID"),
    date: str = typer.Option(None, "--date", "-d", help=t("help.opt.edit_date")),
    kelurahan: str = common.kelurahan_option("help.opt.edit_kelurahan"),
    facilitator: str = typer.Option(
        None,
        "--facilitator",
        help=t("help.opt.edit_facilitator"),
        autocompletion=common.complete_handle,
    ),
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
    from faskel_cli.core import visits

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
    item, warns = visits.edit(common.db(ctx), ref, data)
    common.warnings(warns)
    if fmt == "json":
        common.echo(render.to_json(item))
    else:
        common.echo(t("msg.visit_updated", id=item["id"]))


common.add_delete_restore(app, "visit", "visits")
