"""Plain parameters without pydantic: a start-up fix for every command.

Typer 0.29 turns each command-line value into its Python type through a pydantic
TypeAdapter, built the first time a parameter is processed, given or not: any command imports
pydantic and builds adapters, 110-200 ms before the command does anything (the summary is
timed against the sqlite3 shell, and this was most of its time; see bench/README.md).

faskel's parameters are plain `str`, `int`, `bool` and `list[str]`. The hook is as narrow as
it can be: typer asks `typer.core.build_runtime_param` for each parameter's converter, and
`install()` wraps that function so that plain parameters get a `PlainParam`. A `PlainParam`
is one of typer's own `RuntimeParam`s, so typer still does everything around the conversion
(absent values, several values, the required check, callbacks). It converts only the values
whose result is certain (a str, a list of str, a bool, an int, a string of ASCII digits) and
hands any other value to the converter typer would have built, so `--limit ٣` or
`--limit ' 5'` get typer's own answer in typer's own words.

This uses typer internals, hence the `<0.30` bound in pyproject.toml;
tests/cli/test_typer_contract.py and tests/cli/test_startup.py fail when the hook stops
applying (pydantic is imported again) or stops agreeing with typer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, get_args, get_origin

from typer import core

_ASCII_DIGITS = frozenset("0123456789")
# typer's converter base class and builder (None on a typer without them: install() says so)
RuntimeParam: Any = getattr(core, "RuntimeParam", object)
_typer_build: Any = getattr(core, "build_runtime_param", None)


def plain_kind(descriptor) -> str | None:
    """'str', 'int', 'bool' or 'list' when typer's adapter would only convert the type."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or getattr(info, "parser", None) is not None:
        return None
    if any(getattr(info, name, None) for name in ("min", "max", "clamp", "formats")):
        return None
    annotation = descriptor.annotation
    if annotation is str:
        return "str"
    if annotation is int:
        return "int"
    if annotation is bool:
        return "bool"
    if get_origin(annotation) is list and get_args(annotation) == (str,):
        return "list"
    return None


def _digits(value: str) -> bool:
    """An optional minus and 1-18 ASCII digits: what int() and pydantic read alike."""
    body = value[1:] if value.startswith("-") else value
    return 0 < len(body) <= 18 and _ASCII_DIGITS.issuperset(body)


def typer_converter(descriptor):
    """The converter typer itself builds for a parameter (a pydantic TypeAdapter for these)."""
    return _typer_build(descriptor)


@dataclass(frozen=True)
class PlainParam(RuntimeParam):
    descriptor: Any = None
    kind: str = ""

    def _coerce_value(self, value: Any, param, ctx) -> Any:
        kind, cls = self.kind, type(value)
        if kind == "str" and cls is str:
            return value
        if kind == "int" and (cls is int or (cls is str and _digits(value))):
            return int(value)
        if kind == "bool" and cls is bool:
            return value
        if kind == "list" and cls in (list, tuple) and all(type(v) is str for v in value):
            return list(value)
        return typer_converter(self.descriptor).coerce(value, param=param, ctx=ctx)


def build_runtime_param(descriptor):
    kind = plain_kind(descriptor)
    if kind is None:
        return _typer_build(descriptor)
    return PlainParam(
        parameter_info=descriptor.parameter_info,
        annotation=descriptor.annotation,
        descriptor=descriptor,
        kind=kind,
    )


def install() -> bool:
    """Make typer build its converters with `build_runtime_param`; False if it cannot."""
    if _typer_build is None or RuntimeParam is object:
        return False
    core.build_runtime_param = build_runtime_param
    return True
