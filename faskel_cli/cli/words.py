"""Typer's and Click's own words in the user's language.

Typer puts its help chrome ("Options", "[required]", "No such command ...") through gettext:
faskel ships an Indonesian catalogue for it (faskel_cli/locale, built from its .po by
scripts/compile_locale.py) and points gettext at it. The usage errors of the click that typer
vendors are plain English f-strings; they carry their facts as attributes (the option, the
parameter, the possibilities), so they are told again from those facts, in the catalogue's
words. tests/cli/test_words.py fails when typer adds a gettext word the catalogue lacks, or
changes an error this module reads."""

from __future__ import annotations

import gettext
import os
import re
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from faskel_cli.messages import t

LOCALE = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"  # the domain typer's `gettext.gettext` looks in


def use_gettext(lang: str) -> None:
    """Make typer's gettext words speak `lang` (call before typer renders anything)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE))
    # gettext picks the language from LANGUAGE; faskel's own choice wins over the system's.
    os.environ["LANGUAGE"] = lang


_EXTRA = re.compile(r"^Got unexpected extra argument\(s\) \((?P<args>.*)\)$", re.S)
_SUGGEST = re.compile(r"^(?P<message>.*)\. Did you mean (?P<matches>.+)\?$", re.S)


def _name(param: Any) -> str:
    if param is None:
        return "?"
    if param.param_type_name == "argument":
        return str(param.metavar or param.name or "").upper() or "?"
    return "/".join(param.opts) or str(param.name)


def usage_error(exc: Any) -> str:
    """A click usage error (typer's exceptions module) in the catalogue's words."""
    from typer._click import exceptions as errors  # the classes typer raises

    if isinstance(exc, errors.NoSuchOption):
        text = t("usage.no_such_option", option=exc.option_name)
        if exc.possibilities:
            text += t("usage.possible", options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, errors.MissingParameter):
        key = "usage.missing_argument" if _is_argument(exc.param) else "usage.missing_option"
        return t(key, name=_name(exc.param))
    if isinstance(exc, errors.BadParameter):
        reason = str(exc.message)
        if "valid integer" in reason:
            reason = t("usage.not_integer")
        return t("usage.bad_value", name=_name(exc.param), reason=reason)
    if isinstance(exc, errors.BadOptionUsage):
        key = "usage.takes_no_value" if "does not take" in exc.message else "usage.needs_value"
        return t(key, option=exc.option_name)
    message = str(exc.message)
    extra = _EXTRA.match(message)
    if extra:
        return t("usage.extra_arguments", args=extra["args"])
    suggest = _SUGGEST.match(message)
    if suggest:
        return suggest["message"] + t("usage.did_you_mean", matches=suggest["matches"])
    return exc.format_message()


def _is_argument(param: Any) -> bool:
    return param is not None and param.param_type_name == "argument"


class TranslatedUsage:
    """`Usage:` and the metavars of the usage line in the user's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # typer passes click's English defaults explicitly: replace them once built.
        names = {"options_metavar": "help.options_metavar"}
        if hasattr(self, "subcommand_metavar"):
            names["subcommand_metavar"] = "help.subcommand_metavar"
        for name, key in names.items():
            setattr(self, name, t(key))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("help.usage") + " ")


class FaskelCommand(TranslatedUsage, TyperCommand):
    pass


class FaskelSubGroup(TranslatedUsage, TyperGroup):
    pass


class FaskelTyper(typer.Typer):
    """A command group whose commands speak the user's language in their usage lines."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("cls", FaskelSubGroup)
        kwargs.setdefault("no_args_is_help", True)
        super().__init__(*args, **kwargs)

    def command(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", FaskelCommand)
        return super().command(*args, **kwargs)
