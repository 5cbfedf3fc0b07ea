"""Plain parameters without pydantic: a start-up fix for every command.

Typer (0.2x) turns each command-line value into its Python type through a pydantic
TypeAdapter, built on first use: any command given any option (even the global --db) imports
pydantic and builds adapters, about 100-150 ms before the command does anything (issue 4
measures the summary against the sqlite3 shell, and this was most of its time).

faskel's options are plain `str`, `int`, `bool` and `list[str]`: `install()` makes typer
convert exactly those directly, as its adapters would, and leaves every other parameter
(custom parsers, paths, choices, ranges, files, dates) to typer. It is a no-op on a typer
without this machinery."""

from __future__ import annotations

from typing import Any, get_args, get_origin


def _plain(descriptor) -> str | None:
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


def install() -> None:
    try:
        from typer import core
        from typer._click.exceptions import BadParameter, MissingParameter
    except ImportError:  # a typer without runtime coercion: nothing to speed up
        return
    parameter = getattr(core, "_TyperParameter", None)
    if parameter is None or getattr(parameter, "_faskel_plain", False):
        return
    typed = parameter.process_value

    def process_value(self, ctx, value: Any) -> Any:
        descriptor = getattr(self, "type_descriptor", None)
        kind = _plain(descriptor) if descriptor is not None else None
        if kind == "str":
            if value is not None and not isinstance(value, str):
                if isinstance(value, bytes):
                    return typed(self, ctx, value)
                value = str(value)
        elif kind == "int" and not isinstance(value, bool):
            if isinstance(value, str):
                try:
                    value = int(value.strip())
                except ValueError:
                    raise BadParameter(
                        f"'{value}' is not a valid integer.", ctx=ctx, param=self
                    ) from None
            elif value is not None and not isinstance(value, int):
                return typed(self, ctx, value)
        elif kind == "bool" and (value is None or isinstance(value, bool)):
            pass
        elif kind == "list" and (value is None or isinstance(value, list | tuple)):
            value = [str(item) for item in value] if value is not None else ()
        else:
            return typed(self, ctx, value)
        if self.required and self.value_is_missing(value):
            raise MissingParameter(ctx=ctx, param=self)
        if self.callback is not None:
            value = self.callback(ctx, self, value)
        return value

    parameter.process_value = process_value
    parameter._faskel_plain = True
