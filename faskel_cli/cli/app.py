"""The command tree and the one place where errors become a message and an exit code."""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import sys
from typing import Any

import typer
from typer import Abort, TyperException

# Typer does not export this class (nor ClickException: every error it reports derives from
# the public TyperException); tests/cli/test_typer_contract.py checks both.
from typer._click.exceptions import NoArgsIsHelpError
from typer.core import TyperGroup

from faskel_cli import __version__
from faskel_cli.cli import coercion, common, help_text
from faskel_cli.cli.words import FaskelTyper, TranslatedUsage, usage_error, use_gettext
from faskel_cli.core.errors import FaskelError
from faskel_cli.messages import set_lang, t, text

# Hooks on typer 0.29 (pyproject.toml caps typer below 0.30): plain options converted without
# pydantic (110-200 ms per command; cli/coercion.py), help in the user's language without type
# labels (cli/help_text.py). What could not be applied is listed here; tests keep it empty.
MISSING_HOOKS = [*([] if coercion.install() else ["build_runtime_param"]), *help_text.install()]
COMPLETION_HELP = {
    "--install-completion": "help.opt.install_completion",
    "--show-completion": "help.opt.show_completion",
}


def _fail(message: str, code: int) -> None:
    typer.echo(f"{t('label.error')}: {one_line(message)}", err=True)
    raise typer.Exit(code)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """What a person typed, shown on one line: control characters (a newline, ESC) escaped,
    so a value can neither split an error line nor drive the terminal."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], message)


def _not_utf8(args: list[str]) -> str | None:
    """The first argument that is not valid UTF-8 (Python keeps such bytes as surrogates),
    shown with its bad bytes replaced; None when every argument is text."""
    for arg in args:
        if isinstance(arg, str) and any("\udc80" <= c <= "\udcff" for c in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return one_line(shown)
    return None


class FaskelGroup(TranslatedUsage, TyperGroup):
    """Turns domain errors into one line on stderr and a non-zero exit, never a traceback."""

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        # Click always runs with standalone_mode off: its errors come back here.
        kwargs["standalone_mode"] = False
        if not standalone_mode:
            return super().main(*args, **kwargs)
        given = kwargs.get("args", args[0] if args else None)
        bad = _not_utf8(sys.argv[1:] if given is None else list(given))
        if bad is not None:
            typer.echo(f"{t('label.error')}: {t('err.not_utf8', value=bad)}", err=True)
            sys.exit(2)
        try:
            result = super().main(*args, **kwargs)
        except TyperException as exc:
            if isinstance(exc, NoArgsIsHelpError):
                # `faskel` or `faskel visit` alone: its help was printed while raising this
                sys.exit(exc.exit_code)
            # Usage errors (an unknown option, a missing argument): one line too.
            where = getattr(exc, "ctx", None)
            hint = t("hint.help", command=where.command_path) if where is not None else ""
            message = one_line(usage_error(exc))
            typer.echo(f"{t('label.error')}: {message}{hint}", err=True)
            sys.exit(exc.exit_code)
        except Abort:
            # Ctrl-C or Ctrl-D at a prompt: nothing was written (the write comes after).
            typer.echo(f"{t('label.error')}: {t('err.interrupted')}", err=True)
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)

    def list_commands(self, ctx):
        """The commands in the order `_register` gives them (typer puts single commands
        before groups), so `faskel --help` starts with visit."""
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def get_params(self, ctx):
        """The completion options typer adds to the root, with help in the user's language."""
        params = super().get_params(ctx)
        for param in params:
            key = next((COMPLETION_HELP[o] for o in param.opts if o in COMPLETION_HELP), None)
            if key:
                setattr(param, "help", t(key))  # noqa: B010 (click types `help` on Option only)
        return params

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except FaskelError as exc:
            _fail(text(exc), exc.exit_code)
        except sqlite3.Error as exc:
            from faskel_cli.core.store import database_error

            error = database_error(exc)
            _fail(text(error), error.exit_code)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                # The reader went away (`faskel ... | head`): stop quietly, as Unix tools do.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise typer.Exit(1) from None
            if os.environ.get("FASKEL_DEBUG"):
                raise
            _fail(t("err.os", reason=f"{exc.strerror or exc} ({exc.filename or ''})"), 6)
        except KeyboardInterrupt:
            _fail(t("err.interrupted"), 130)
        finally:
            if ctx.obj is not None and hasattr(ctx.obj, "close"):
                ctx.obj.close()


app = FaskelTyper(
    cls=FaskelGroup,
    help=t("help.app"),
    # `faskel` alone: the first run's setup, the start page or the help (cli/cmd_start.py).
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"faskel {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def root(
    ctx: typer.Context,
    db: str = typer.Option(None, "--db", help=t("help.opt.db"), metavar="PATH", show_default=False),
    lang: str = typer.Option(None, "--lang", help=t("help.opt.lang"), metavar="id|en"),
    no_input: bool = typer.Option(
        False, "--no-input", envvar="FASKEL_NO_INPUT", help=t("help.opt.no_input")
    ),
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help=t("help.opt.version")
    ),
) -> None:
    from faskel_cli.cli.lang import choose_lang
    from faskel_cli.core.vocab import normalise_lang

    state = common.state(ctx)
    state.db_option = db
    common.set_no_input(no_input)
    if lang and not normalise_lang(lang):
        _fail(t("err.config_lang", value=lang), 2)
    chosen = choose_lang(lang, state.db_path)
    set_lang(chosen)
    use_gettext(chosen)
    if ctx.invoked_subcommand is None and not ctx.resilient_parsing:
        from faskel_cli.cli import cmd_start

        cmd_start.start(ctx)


# The top-level commands in the order of `faskel --help` (FaskelGroup.list_commands).
ORDER: list[str] = []


def _register() -> None:
    from faskel_cli.cli import (
        cmd_activity,
        cmd_bundle,
        cmd_config,
        cmd_db,
        cmd_facilitator,
        cmd_followup,
        cmd_kelurahan,
        cmd_lkk,
        cmd_report,
        cmd_summary,
        cmd_template,
        cmd_visit,
    )

    def group(sub: typer.Typer, name: str, help_key: str, panel: str) -> None:
        app.add_typer(sub, name=name, help=t(help_key), rich_help_panel=panel)
        ORDER.append(name)

    def command(function: Any, name: str, help_key: str, panel: str) -> None:
        app.command(name, help=t(help_key), rich_help_panel=panel)(function)
        ORDER.append(name)

    # Grouped by use, daily work first (typer's public rich_help_panel); `faskel --help`
    # lists them in this order.
    daily, reports = t("help.panel.daily"), t("help.panel.reports")
    exchange, setup = t("help.panel.exchange"), t("help.panel.setup")
    group(cmd_visit.app, "visit", "help.visit", daily)
    group(cmd_followup.app, "followup", "help.followup", daily)
    group(cmd_activity.app, "activity", "help.activity", daily)
    command(cmd_db.history, "history", "help.history", daily)
    command(cmd_summary.summary, "summary", "help.summary", reports)
    group(cmd_report.app, "report", "help.report", reports)
    command(cmd_summary.trend, "trend", "help.trend", reports)
    command(cmd_bundle.sync, "sync", "help.sync", exchange)
    group(cmd_bundle.app, "bundle", "help.bundle", exchange)
    command(cmd_db.init, "init", "help.init", setup)
    group(cmd_config.app, "config", "help.config", setup)
    group(cmd_facilitator.app, "facilitator", "help.facilitator", setup)
    group(cmd_lkk.app, "lkk", "help.lkk", setup)
    group(cmd_kelurahan.app, "kelurahan", "help.kelurahan", setup)
    group(cmd_kelurahan.kecamatan_app, "kecamatan", "help.kecamatan", setup)
    group(cmd_db.app, "db", "help.db", setup)
    group(cmd_template.app, "template", "help.template", daily)


_register()
