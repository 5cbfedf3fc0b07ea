"""What every command module shares: the state from global options, opening the
database, printing messages and warnings, completion of names."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.errors import Message
    from faskel_cli.core.store import Db


@dataclass
class State:
    db_option: str | None = None
    _dbs: dict[str, Db] = field(default_factory=dict)

    @property
    def db_path(self) -> Path:
        from faskel_cli.core.paths import resolve_db_path

        return resolve_db_path(self.db_option)

    def db(self, *, write: bool = True, create: bool = False) -> Db:
        """The database, opened once per mode. Only commands that make something (init,
        the `add`s, config set, db seed, bundle import, sync) pass `create`: every other
        one, reading or editing, fails on a missing file (exit 5) instead of making one."""
        key = "w" if write else "r"
        if key not in self._dbs:
            from faskel_cli.core import store
            from faskel_cli.core.db import connect

            store.on_wait(_tell_waiting)
            self._dbs[key] = connect(self.db_path, write=write, create=create)
        return self._dbs[key]

    def close(self) -> None:
        for db in self._dbs.values():
            db.close()
        self._dbs.clear()


def _tell_waiting(message: Message) -> None:
    """A write waits for another one: one line on stderr saying for what (and that Ctrl-C
    stops it), so that nobody thinks faskel hangs."""
    from faskel_cli.messages import text

    typer.echo(text(message), err=True)


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def db(ctx: typer.Context, *, write: bool = True, create: bool = False) -> Db:
    return state(ctx).db(write=write, create=create)


def echo(text: str = "") -> None:
    typer.echo(text)


def echo_edit(fmt: str, item: dict, changed: bool, updated: str, unchanged: str, **params) -> None:
    """What an edit prints: the record as JSON, else the `updated` message, or `unchanged`
    when the edit found everything already so (core.audit.watch)."""
    if fmt == "json":
        from faskel_cli import render

        echo(render.to_json(item))
    else:
        echo(t(updated if changed else unchanged, **params))


def warn(key_or_text, /, **params) -> None:
    text = t(key_or_text, **params)
    typer.echo(f"{t('label.warning')}: {text}", err=True)


def warnings(items) -> None:
    for key, params in items:
        warn(key, **params)


# `faskel --no-input` (or FASKEL_NO_INPUT=1): never ask, even on a terminal (cli/app.py).
_no_input = False


def set_no_input(value: bool) -> None:
    global _no_input
    _no_input = value


def is_interactive() -> bool:
    """Whether questions may be asked: a terminal on both ends, and no --no-input."""
    return not _no_input and sys.stdin.isatty() and sys.stdout.isatty()


def ask_missing(options: dict[str, object]) -> bool:
    """Whether a required option (name: value) is missing and will be asked (the guided
    entry, cli/guided.py). Without a terminal, an InputError naming every missing one."""
    from faskel_cli.core.errors import InputError

    missing = [option for option, value in options.items() if not value]
    if missing and not is_interactive():
        raise InputError("err.missing_options", options=", ".join(missing))
    return bool(missing)


def _complete(sql: str, incomplete: str) -> list[str]:
    """Names from the database for shell completion; never breaks the shell."""
    try:
        from faskel_cli.core.db import connect
        from faskel_cli.core.paths import resolve_db_path

        path = resolve_db_path(None)
        if not path.is_file():
            return []
        database = connect(path, write=False)  # never creates a database
        try:
            names = [r[0] for r in database.execute(sql).fetchall()]
        finally:
            database.close()
    except Exception:
        return []
    return [n for n in names if n.lower().startswith(incomplete.lower())]


def complete_kelurahan(incomplete: str):
    return _complete("select nama from regions where level = 'kelurahan' order by nama", incomplete)


def complete_kecamatan(incomplete: str):
    return _complete("select nama from regions where level = 'kecamatan' order by nama", incomplete)


def complete_handle(incomplete: str):
    return _complete(
        "select handle from facilitators where deleted_at is null and active = 1 order by handle",
        incomplete,
    )


def kelurahan_option(help_key: str = "help.opt.kelurahan", *, required: bool = False):
    """`--kelurahan/-k`, completed with the names of the area's kelurahan."""
    return typer.Option(
        ... if required else None,
        "--kelurahan",
        "-k",
        help=t(help_key),
        autocompletion=complete_kelurahan,
    )


def handle_option(name: str, help_key: str, **params: object) -> Any:
    """`--facilitator` or `--owner`: a facilitator's handle, completed from the database."""
    return typer.Option(
        None, name, metavar="HANDLE", help=t(help_key, **params), autocompletion=complete_handle
    )


def kecamatan_option(*, required: bool = False):
    return typer.Option(
        ... if required else None,
        "--kecamatan",
        help=t("help.opt.kecamatan"),
        autocompletion=complete_kecamatan,
    )


def month_option():
    return typer.Option(None, "--month", metavar="YYYY-MM", help=t("help.opt.month"))


def quarter_option():
    return typer.Option(None, "--quarter", metavar="YYYY-QN", help=t("help.opt.quarter"))


def year_option():
    return typer.Option(None, "--year", metavar="YYYY", help=t("help.opt.year"))


def wide_option():
    """`--wide` of a list: every column, however wide the table gets."""
    return typer.Option(False, "--wide", help=t("help.opt.wide"))


def format_option(default: str = "table", choices: str = "table|json|csv"):
    return typer.Option(default, "--format", "-f", help=t("help.opt.format", choices=choices))


def shown_id(item: dict) -> str:
    """A record as a one-line message names it: its short reference (core/refs.py), else
    its id."""
    return str(item.get("ref") or item["id"])


def add_delete_restore(group: typer.Typer, entity: str, core_module: str) -> None:
    """`delete ID` (a tombstone) and `restore ID` for a record kind: the same two commands
    for visits, activities and follow-ups."""
    from importlib import import_module

    def run(ctx: typer.Context, ref: str, action: str) -> None:
        core = import_module(f"faskel_cli.core.{core_module}")
        item = getattr(core, action)(db(ctx), ref)
        done = "deleted" if action == "delete" else "restored"
        echo(t(f"msg.{entity}_{done}", id=shown_id(item)))

    @group.command("delete", help=t(f"help.{entity}.delete"))
    def delete(ctx: typer.Context, ref: str = typer.Argument(..., metavar="ID")) -> None:
        run(ctx, ref, "delete")

    @group.command("restore", help=t(f"help.{entity}.restore"))
    def restore(ctx: typer.Context, ref: str = typer.Argument(..., metavar="ID")) -> None:
        run(ctx, ref, "restore")
