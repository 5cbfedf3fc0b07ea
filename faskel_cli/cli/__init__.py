"""The `faskel` command: a thin Typer layer over faskel_cli.core."""

from __future__ import annotations

import sys


def main() -> None:
    from faskel_cli.cli.lang import detect_lang

    tolerate_console_encoding()
    from faskel_cli.messages import set_lang

    args = hoist_global_options([utf8_argument(arg) for arg in sys.argv[1:]])
    # Decide the language before the command tree (and its help texts) is built.
    lang = detect_lang(args)
    set_lang(lang)
    from faskel_cli.cli.words import use_gettext

    use_gettext(lang)
    from faskel_cli.cli.app import app

    app(args=args, prog_name="faskel")


def tolerate_console_encoding() -> None:
    """Output that is not UTF-8 never crashes, and files get every character.

    - Redirected to a file or a pipe (`faskel visit list --format json > kunjungan.json`,
      which Windows writes in its ANSI code page, cp1252): UTF-8, unless PYTHONIOENCODING
      asks for another encoding.
    - A console that cannot show every character (a code page, `LC_ALL=C` without UTF-8
      mode): `?` for what it cannot show ("Medono ? Tirto") instead of a crash.
    """
    import os

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding == "utf8" or not hasattr(stream, "reconfigure"):
            continue
        try:
            if not stream.isatty() and not os.environ.get("PYTHONIOENCODING"):
                stream.reconfigure(encoding="utf-8", errors="replace")
            else:
                stream.reconfigure(errors="replace")
        except (ValueError, OSError):  # a stream already closed or not reconfigurable
            pass


def utf8_argument(arg: str) -> str:
    """An argument as typed: in a locale Python takes for ASCII (`LC_ALL=C`), the UTF-8
    bytes of "Médono" arrive as surrogates; they are read as the UTF-8 they are. Bytes that
    are no UTF-8 stay as they came (and are refused in one line by the app)."""
    if not any("\udc80" <= c <= "\udcff" for c in arg):
        return arg
    try:
        return arg.encode(sys.getfilesystemencoding(), "surrogateescape").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return arg


GLOBAL_OPTIONS = ("--lang", "--db")


def hoist_global_options(args: list[str]) -> list[str]:
    """Let --lang and --db be given anywhere (`faskel visit list --lang en`), as people
    type them, by moving them in front of the subcommand."""
    front: list[str] = []
    rest: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg in GLOBAL_OPTIONS and index + 1 < len(args):
            front.extend(args[index : index + 2])
            index += 2
            continue
        if arg.split("=", 1)[0] in GLOBAL_OPTIONS and "=" in arg:
            front.append(arg)
        else:
            rest.append(arg)
        index += 1
    return front + rest
