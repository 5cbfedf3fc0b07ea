"""What faskel relies on in typer, checked so that it cannot stop applying unnoticed.

faskel hooks typer 0.29's converters (cli/coercion.py). pyproject.toml caps typer below 0.30
and `make test-lowest` runs this file at the floor too. The hook is checked to be installed
where typer looks it up, to apply to every faskel parameter, and to answer exactly as typer's
own converters would."""

from __future__ import annotations

import tomllib
from importlib.metadata import version

import pytest
import typer
from packaging.requirements import Requirement
from packaging.version import Version
from typer import core
from typer.main import get_command

from faskel_cli.cli import app as app_module
from faskel_cli.cli import coercion
from faskel_cli.cli.app import app
from tests.conftest import ROOT


def requirements() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    listed = project["dependencies"] + project["optional-dependencies"]["test"]
    return {r.name: r for r in map(Requirement, listed) if r.marker is None or r.marker.evaluate()}


def test_installed_versions_are_in_the_declared_ranges():
    for name, requirement in requirements().items():
        assert requirement.specifier.contains(Version(version(name)), prereleases=True), (
            name,
            version(name),
        )


def test_typer_has_an_upper_bound_because_its_internals_are_hooked():
    assert any(spec.operator == "<" for spec in requirements()["typer"].specifier)


# --- the hooks are installed where typer looks them up -------------------------------------


def test_every_hook_applied():
    assert app_module.MISSING_HOOKS == []
    assert core.build_runtime_param is coercion.build_runtime_param


def test_typer_builds_converters_through_the_hooked_name():
    lookup = core._TyperParameter.get_runtime_param
    assert "build_runtime_param" in lookup.__code__.co_names
    assert lookup.__globals__ is vars(core)
    assert issubclass(coercion.PlainParam, core.RuntimeParam)


def walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def tree():
    return list(walk(get_command(app)))


def test_every_faskel_parameter_gets_a_plain_converter():
    """A parameter of another type would bring pydantic back into every command's start-up."""
    count = 0
    for path, command in tree():
        for param in command.params:
            if isinstance(param, core._TyperParameter) and param.expose_value:
                converter = param.get_runtime_param()
                assert isinstance(converter, coercion.PlainParam), (path, param.name)
                count += 1
    assert count > 150


# --- the plain converters answer as typer's own ---------------------------------------------


def param(path: tuple[str, ...], name: str):
    command = dict(tree())[path]
    return next(p for p in command.params if p.name == name)


VALUES = {
    # (command path, parameter): values
    (("visit", "list"), "limit"): [
        "5", "-5", "+5", "007", "-0", " 5", "5 ", "5\n", "5_000", "5.0", "1e3", "0x10", "",
        "-", "٣", "٣٣", "\u0665", "9" * 18, "9" * 19, "-" + "9" * 18, 7, True, 2.0, b"3",
    ],
    (("visit", "list"), "kind"): ["abc", "", "é", "Pendampingan ", "\udcff", b"x", b"\xff", 5],
    (("activity", "add"), "lkk"): [
        ["a", "b"], ("a",), [], (), ["\udcff"], "a", [1, "a"], [b"x"], ["a", None],
    ],
    ((), "version"): [True, False, "true", "1", "no", "", 1, 0, 2],
}  # fmt: skip


def outcome(converter, parameter, value):
    try:
        result = converter.coerce(value, param=parameter, ctx=None)
    except typer.BadParameter as exc:
        return "refused", type(exc), exc.format_message()
    return "ok", type(result), result


@pytest.mark.parametrize(
    "where, value",
    [
        pytest.param(where, value, id=f"{where[1]}={value!r}")
        for where, values in VALUES.items()
        for value in values
    ],
)
def test_plain_converters_agree_with_typer(where, value):
    parameter = param(*where)
    plain = parameter.get_runtime_param()
    assert isinstance(plain, coercion.PlainParam)
    typed = coercion.typer_converter(parameter.type_descriptor)
    assert not isinstance(typed, coercion.PlainParam)
    assert outcome(plain, parameter, value) == outcome(typed, parameter, value)


@pytest.fixture
def plain_typer(monkeypatch):
    """Runs the CLI with typer's own converters instead (the hook removed)."""

    def run(cli, *args):
        with monkeypatch.context() as patch:
            patch.setattr(core, "build_runtime_param", coercion.typer_converter)
            return cli(*args)

    return run


@pytest.mark.parametrize(
    "args",
    [
        ("visit", "list", "--limit", "٣"),  # an Arabic-Indic digit: refused, in typer's words
        ("visit", "list", "--limit", "x"),
        ("visit", "list", "--limit", " 2", "--format", "json"),
        ("visit", "list", "--limit", "+1", "--format", "json"),
        ("visit", "list", "--limit", "1", "-k", "Medono", "--format", "csv"),
        ("visit", "show"),  # a missing argument
        ("lkk", "add", "--type", "pkk", "--name", "PKK Tirto"),  # a missing required option
        ("lkk", "list", "--format", "json"),
        ("activity", "add", "--help"),
    ],
    ids=" ".join,
)
def test_commands_answer_as_with_typers_own_converters(seeded, plain_typer, args):
    hooked = seeded(*args)
    plain = plain_typer(seeded, *args)
    assert (hooked.exit_code, hooked.stdout, hooked.stderr) == (
        plain.exit_code,
        plain.stdout,
        plain.stderr,
    )


def test_an_arabic_indic_digit_is_refused_as_typer_refuses_it(seeded):
    result = seeded.fails("visit", "list", "--limit", "٣", code=2)
    assert "'--limit'" in result.stderr and "valid integer" in result.stderr
