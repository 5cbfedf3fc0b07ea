"""`faskel` alone: a short setup on a new laptop's terminal, else the start page of `me`.

Without a terminal and without a database it prints the help, as it always did."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import typer

from faskel_cli.cli import common
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.start import StartPage

T = TypeVar("T")
ROLE_LABEL = {"faskel": "label.role_faskel", "koordinator": "label.role_koordinator"}
NEXT_STEP = {"faskel": "msg.setup.next_faskel", "koordinator": "msg.setup.next_koordinator"}


def start(ctx: typer.Context) -> None:
    path = common.state(ctx).db_path
    if path.exists():
        show(ctx)
    elif common.is_interactive():
        set_up(ctx)
    else:
        from typer._click.exceptions import NoArgsIsHelpError  # tests/cli/test_typer_contract

        raise NoArgsIsHelpError(ctx)


# --- the first run --------------------------------------------------------------------------


def _ask(question: str, check: Callable[[str], T], default: str | None = None) -> T:
    """Ask until `check` takes the answer; a refused answer gets its one line, then the
    question again. Ctrl-C or Ctrl-D cancel (exit 130, in app.py)."""
    from faskel_cli.core.errors import FaskelError
    from faskel_cli.messages import text

    while True:
        answer = typer.prompt(question, default=default, show_default=default is not None)
        try:
            return check(str(answer))
        except FaskelError as exc:
            typer.echo(f"{t('label.error')}: {text(exc)}", err=True)


def _lang(answer: str) -> str:
    from faskel_cli.core.errors import InputError
    from faskel_cli.core.vocab import normalise_lang

    lang = normalise_lang(answer.strip())
    if not lang:
        raise InputError("err.config_lang", value=answer)
    return lang


def _role(answer: str) -> str:
    from faskel_cli.core.errors import InputError

    key = answer.strip().lower()
    if key in ("1", "faskel", "fasilitator", "facilitator"):
        return "faskel"
    if key in ("2", "koordinator", "coordinator"):
        return "koordinator"
    raise InputError("err.setup_role", value=answer)


def _handle(answer: str) -> str:
    from faskel_cli.core.errors import InputError
    from faskel_cli.core.facilitators import check_handle

    value = answer.strip()
    if value != value.lower():
        raise InputError("err.handle_lower", value=answer)
    return check_handle(value)


def _name(answer: str) -> str:
    from faskel_cli.core import rules

    return rules.name("facilitators", "name", answer)


def _show_kelurahan(area: str, choices: list[tuple[str, str, str]]) -> None:
    """The area's kelurahan, numbered, under their kecamatan, in columns that fit."""
    import shutil

    typer.echo(t("msg.setup.kelurahan_list", area=area))
    width = max(len(f"{len(choices)}. {nama}") for _, nama, _ in choices) + 2
    per_line = max(1, (min(shutil.get_terminal_size().columns, 100) - 2) // width)
    kecamatan = None
    line: list[str] = []
    for number, (_, nama, kec) in enumerate(choices, 1):
        if kec != kecamatan:
            if line:
                typer.echo("  " + "".join(line).rstrip())
                line = []
            typer.echo(f" {kec}")
            kecamatan = kec
        line.append(f"{number:>3}. {nama}".ljust(width + 2))
        if len(line) == per_line:
            typer.echo("  " + "".join(line).rstrip())
            line = []
    if line:
        typer.echo("  " + "".join(line).rstrip())


def set_up(ctx: typer.Context) -> None:
    """Four questions, each asked again until its answer is right; the database is made
    only once every answer is in, in one transaction."""
    from faskel_cli.cli.words import use_gettext
    from faskel_cli.core import regions
    from faskel_cli.core import start as core
    from faskel_cli.messages import get_lang, set_lang

    path = common.state(ctx).db_path
    typer.echo(t("msg.setup.welcome", path=path))
    lang = _ask(t("prompt.setup.lang"), _lang, default=get_lang())
    set_lang(lang)
    use_gettext(lang)
    area = _ask(t("prompt.setup.area"), regions.find_area, default="Kota Pekalongan")
    choices = core.area_kelurahan(area.kode)
    typer.echo(t("msg.setup.area", nama=area.nama, kode=area.kode, n=len(choices)))
    role = _ask(t("prompt.setup.role"), _role)
    name = _ask(t("prompt.setup.name"), _name)
    handle = _ask(t("prompt.setup.handle"), _handle)
    kelurahan: tuple[str, ...] = ()
    if role == "faskel":
        _show_kelurahan(area.nama, choices)
        kelurahan = _ask(
            t("prompt.setup.kelurahan"), lambda answer: core.pick_kelurahan(answer, choices)
        )
    answers = core.Setup(area.kode, lang, role, handle, name, kelurahan)
    core.apply(common.db(ctx, create=True), answers)
    typer.echo(
        t(
            "msg.setup.done",
            name=name,
            handle=handle,
            role=t(ROLE_LABEL[role]),
            area=area.nama,
            lang=lang,
            path=path,
        )
    )
    typer.echo(t(NEXT_STEP[role]))


# --- the start page -------------------------------------------------------------------------


def show(ctx: typer.Context) -> None:
    from faskel_cli.core import start as core

    page = core.page(common.db(ctx, write=False))
    for line in render(page):
        typer.echo(line)


def _short(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


def _sent(page: StartPage) -> str:
    from faskel_cli.core.clock import WIB, parse_stamp

    if page.last_bundle is None:
        return t("msg.start.bundle_never")
    moment = parse_stamp(page.last_bundle).astimezone(WIB)
    when = moment.strftime("%Y-%m-%d %H:%M WIB")
    return t("msg.start.bundle_last", when=when, days=(page.today - moment.date()).days)


def render(page: StartPage) -> list[str]:
    """The page as lines of at most 80 characters (names are shortened to fit)."""
    from faskel_cli.core.start import DUE_SOON_DAYS

    lines = [t("title.start", area=page.area, today=page.today, week=page.week)]
    me = page.me
    if me is None:
        lines.append(t("msg.start.no_me"))
    else:
        role = t(ROLE_LABEL.get(me.role, "label.role_faskel"))
        line = t("msg.start.me", name=me.name, handle=me.handle, role=role)
        lines.append(f"{line} · {', '.join(me.kelurahan)}" if me.kelurahan else line)
    lines.append("")

    lines.append(
        t("msg.start.visits", start=page.week_start, end=page.week_end, n=page.visits_total)
    )
    for visit in page.visits:
        who = f"  {visit['facilitator']}" if page.area_wide else ""
        lines.append(
            f"  {visit['date']}  {_short(visit['kelurahan'], 20):<20}  "
            f"{visit['kind']:<12}  {visit['strand']}{who}"
        )
    _more(lines, page.visits_total, len(page.visits), "faskel visit list --week this")

    lines.append(
        t(
            "msg.start.followups",
            days=DUE_SOON_DAYS,
            n=page.followups_total,
            overdue=page.followups_overdue,
        )
    )
    for item in page.followups:
        when = (
            t("state.overdue", days=item["late"])
            if item["late"] > 0
            else t("msg.start.due", due=item["due"])
        )
        lines.append(
            f"  {item['ref']:<7}  {_short(item['kelurahan'], 14):<14}  "
            f"{_short(item['problem'], 26):<26}  {when}"
        )
    _more(lines, page.followups_total, len(page.followups), "faskel followup list")

    lines.append(t("msg.start.activities", n=page.activities_total))
    for item in page.activities:
        lines.append(
            f"  {item['ref']:<7}  {_short(item['title'], 20):<20}  "
            + t("msg.start.activity", stage=item["stage"], days=item["days"], next=item["next"])
        )
    _more(lines, page.activities_total, len(page.activities), "faskel activity list")

    lines.append(_sent(page))
    if page.area_wide and page.silent:
        lines.append(_short(t("msg.start.silent", handles=", ".join(page.silent)), 80))
    lines.append("")
    lines.append(t("msg.start.next"))
    commands = next_commands(page)
    width = max(len(command) for command, _ in commands)
    for command, why in commands:
        line = f"  {command:<{width}}  # {t(why)}"
        lines.append(line if len(line) <= 80 else f"  {command}  # {t(why)}")
    lines.append(t("msg.start.footer"))
    return lines


def _more(lines: list[str], total: int, shown: int, command: str) -> None:
    if total > shown:
        lines.append("  " + t("msg.start.more", n=total - shown, command=command))


def next_commands(page: StartPage) -> list[tuple[str, str]]:
    """The three commands most likely to be next, with why (a catalogue key). Quoted with
    double quotes, which every shell takes (cmd.exe and PowerShell too)."""
    me = page.me
    if me is None:
        return [
            (
                'faskel facilitator add "NAMA" --handle HANDLE --kelurahan KELURAHAN',
                "msg.start.cmd_register",
            ),
            ("faskel config set me HANDLE", "msg.start.cmd_me"),
            ("faskel summary", "msg.start.cmd_summary"),
        ]
    if me.role == "koordinator":
        found = [
            ("faskel sync FOLDER", "msg.start.cmd_receive"),
            ("faskel summary --by facilitator", "msg.start.cmd_by_facilitator"),
            (
                'faskel report --week last --output "laporan-{area}-{week}.xlsx"',
                "msg.start.cmd_report",
            ),
        ]
        if page.followups_overdue:
            found.insert(2, ("faskel followup list --overdue", "msg.start.cmd_overdue"))
        return found[:3]
    found = []
    if page.followups_overdue:
        found.append(("faskel followup list --overdue", "msg.start.cmd_overdue"))
    found.append(("faskel visit add", "msg.start.cmd_visit_add"))
    if page.last_bundle is None or page.last_bundle[:10] < page.week_start.isoformat():
        found.append((f"faskel bundle export --output {me.handle}.faskel", "msg.start.cmd_send"))
    stalled = [a for a in page.activities if a["next"] and a["days"] >= page.stall_days]
    if stalled:
        found.append((f"faskel activity advance {stalled[0]['ref']}", "msg.start.cmd_advance"))
    found.append(("faskel visit list --week this", "msg.start.cmd_week"))
    found.append((f"faskel bundle export --output {me.handle}.faskel", "msg.start.cmd_send"))
    unique = list(dict.fromkeys(found))
    return unique[:3]
