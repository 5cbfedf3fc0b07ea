"""Help in the user's language, without type noise.

Typer writes the --help line in English whatever the language and labels every plain option
`<str>`, `<bool>`, `<int>`, `<list[str]>`. Two hooks on typer's public classes fix that:

- `get_help_option` (Click's method, on TyperCommand and TyperGroup) gets the catalogue's
  words for --help;
- `display_type_rich` (typer 0.29's label of an option or argument in rich help, on
  TyperOption and TyperArgument) gives no label for a plain type, leaving it to metavars.

(--install-completion and --show-completion get theirs in FaskelGroup.get_params, without
a hook.) `install()` returns the hooks it could not apply: none on the supported typer range,
which tests/cli/test_typer_contract.py checks, together with help output that has neither
`<str>` labels nor English help lines."""

from __future__ import annotations

from functools import wraps

from typer import core

from faskel_cli.messages import t

PLAIN_LABELS = frozenset(("<str>", "<bool>", "<int>", "<list[str]>"))
HELP_OPTION_CLASSES = ("TyperCommand", "TyperGroup")
TYPE_LABEL_CLASSES = ("TyperOption", "TyperArgument")


def _wrap_help_option(original):
    @wraps(original)
    def get_help_option(self, ctx):
        option = original(self, ctx)
        if option is not None:
            option.help = t("help.opt.help")
        return option

    return get_help_option


def _wrap_type_label(original):
    @wraps(original)
    def display_type_rich(self, ctx):
        label = original(self, ctx)
        return None if label in PLAIN_LABELS else label

    return display_type_rich


HOOKS = (
    *((name, "get_help_option", _wrap_help_option) for name in HELP_OPTION_CLASSES),
    *((name, "display_type_rich", _wrap_type_label) for name in TYPE_LABEL_CLASSES),
)


def installed(cls, method: str) -> bool:
    return getattr(getattr(cls, method, None), "_faskel", False)


def install() -> list[str]:
    """Apply every hook; the `Class.method` names that could not be applied."""
    missing = []
    for name, method, wrap in HOOKS:
        cls = getattr(core, name, None)
        original = getattr(cls, method, None)
        if original is None:
            missing.append(f"{name}.{method}")
            continue
        if not installed(cls, method):
            hook = wrap(original)
            hook._faskel = True
            setattr(cls, method, hook)
    return missing
