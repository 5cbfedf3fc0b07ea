"""What faskel relies on in typer, checked so that it cannot stop applying unnoticed.

faskel hooks typer 0.29 in three places (cli/coercion.py, cli/help_text.py) and imports one
class typer does not export (cli/app.py). pyproject.toml caps typer below 0.30 and
`make test-lowest` runs this file at the floor too. Each hook is checked to be installed where
typer looks it up, to change what it is meant to change (the unhooked behaviour is shown to
differ), and, for the converters, to answer exactly as typer's own would."""

from __future__ import annotations

import functools
import os
import re
import tomllib
from importlib.metadata import version

import pytest
import typer
from packaging.requirements import Requirement
from packaging.version import Version
from typer import core
from typer.main import get_command
from typer.testing import CliRunner

from faskel_cli.cli import app as app_module
from faskel_cli.cli import coercion, help_text
from faskel_cli.cli.app import app
from faskel_cli.messages import t
from tests.helpers import ROOT, run_faskel

LABEL = re.compile(r"<(str|int|bool|list\[str\])>")


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
    for name, method, _ in help_text.HOOKS:
        assert help_text.installed(getattr(core, name), method), (name, method)


def test_typer_builds_converters_through_the_hooked_name():
    lookup = core._TyperParameter.get_runtime_param
    assert "build_runtime_param" in lookup.__code__.co_names
    assert lookup.__globals__ is vars(core)
    assert issubclass(coercion.PlainParam, core.RuntimeParam)


def walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


@functools.cache
def tree():
    # Built once: typer builds every command's parameters from their signatures (80 ms).
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
    # typer's converter refused it (its "valid integer"), told in the catalogue's words
    assert "--limit" in result.stderr and t("usage.not_integer") in result.stderr


# --- help: the catalogue's words, no type labels --------------------------------------------


def flat(text: str) -> str:
    """Help text with rich's boxes and line wrapping taken out."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_every_help_page_is_in_the_catalogue_language_without_type_labels():
    runner = CliRunner()
    paths = [path for path, _ in tree()]
    assert len(paths) > 50
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, (path, result.output)
        shown = flat(result.stdout)
        assert t("help.opt.help") in shown, path
        assert "Show this message" not in shown, path
        assert not LABEL.search(result.stdout), (path, LABEL.search(result.stdout))
    root = flat(runner.invoke(app, ["--help"]).stdout)
    assert t("help.opt.install_completion") in root
    assert t("help.opt.show_completion") in root


def test_help_is_english_when_asked(tmp_path):
    env = {**os.environ, "FASKEL_DB": str(tmp_path / "h.db")}
    page = flat(run_faskel("--lang", "en", "--help", env=env).stdout)
    assert "show this help and exit" in page
    assert "install completion for the current shell" in page
    page = flat(run_faskel("visit", "list", "--help", env={**env, "FASKEL_LANG": "en"}).stdout)
    assert "show this help and exit" in page and "tampilkan" not in page


def test_without_the_hooks_typer_would_label_types_and_speak_english():
    """The hooks are what makes the difference: unhooked, typer's own answers differ."""
    command = dict(tree())[("visit", "list")]
    since = next(p for p in command.params if p.name == "since")  # a plain option
    assert since.metavar is None
    assert type(since).display_type_rich.__wrapped__(since, None) == "<str>"
    assert since.display_type_rich(None) is None
    ctx = typer.Context(command, info_name="list")
    original = type(command).get_help_option.__wrapped__
    assert original(command, ctx).help == "Show this message and exit."
    assert command.get_help_option(ctx).help == t("help.opt.help")


# --- errors: public base class, one private class ----------------------------------------


def test_every_error_typer_reports_is_a_typer_exception():
    from typer._click import exceptions

    assert app_module.NoArgsIsHelpError is exceptions.NoArgsIsHelpError
    for cls in (exceptions.ClickException, exceptions.NoArgsIsHelpError, typer.BadParameter):
        assert issubclass(cls, typer.TyperException), cls


def test_a_group_alone_prints_its_help_and_no_error(cli):
    result = cli("visit")
    assert result.exit_code == 2
    assert t("help.usage") in result.stdout and t("help.visit") in flat(result.stdout)
    assert result.stderr == ""


def test_a_usage_error_is_one_line(cli):
    result = cli.fails("visit", "lst", code=2)
    assert result.stderr.startswith(f"{t('label.error')}: ")
    assert "visit --help" in result.stderr
