"""Help in the user's language, without type noise.

Typer writes three help lines in English whatever the language (--help, --install-completion,
--show-completion) and labels every plain option `<str>`, `<bool>`, `<int>`. These small,
guarded adjustments put the catalogue's words there and leave the labels to metavars;
on a typer without these internals they do nothing."""

from __future__ import annotations

from faskel_cli.messages import t


def install() -> None:
    try:
        from typer import completion, core
    except ImportError:  # pragma: no cover
        return
    command = getattr(core._click, "Command", None)
    original = getattr(command, "get_help_option", None)
    if command is not None and original is not None and not getattr(original, "_faskel", False):

        def get_help_option(self, ctx):
            option = original(self, ctx)
            if option is not None:
                option.help = t("help.opt.help")
            return option

        get_help_option._faskel = True  # type: ignore[attr-defined]  # mypy: no attrs on functions
        command.get_help_option = get_help_option
    placeholder = getattr(completion, "_install_completion_placeholder_function", None)
    defaults = getattr(placeholder, "__defaults__", None) or ()
    for option, key in zip(
        defaults, ("help.opt.install_completion", "help.opt.show_completion"), strict=False
    ):
        if hasattr(option, "help"):
            option.help = t(key)
    for cls in (getattr(core, "TyperOption", None), getattr(core, "TyperArgument", None)):
        shown = getattr(cls, "display_type_rich", None)
        if cls is None or shown is None or getattr(shown, "_faskel", False):
            continue

        def display_type_rich(self, ctx, _shown=shown):
            label = _shown(self, ctx)
            if label in ("<str>", "<bool>", "<int>", "<list[str]>"):
                return None
            return label

        display_type_rich._faskel = True  # type: ignore[attr-defined]  # mypy: no attrs on functions
        cls.display_type_rich = display_type_rich
