"""The one catalogue of everything a person reads, in Indonesian (default) and English.

Each feature keeps its entries in a module of this package (logbook, help, activities, ...);
they are merged here. An entry is `key: (indonesian, english)`, formatted with str.format.
This package is a leaf: it imports nothing of faskel, so anything may use it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

LANGS = ("id", "en")  # the order of each entry's texts
CATALOGUE_MODULES = (
    "logbook",
    "help",
    "activities",
    "summary",
    "reports",
    "bundle",
    "unattended",
    "rules",
    "sheets",
    "history",
    "periods",
    "entry",
    "refs",
    "start",
    "levels",
    "monthly",
    "sources",
)
_lang = "id"
_catalogue: dict[str, tuple[str, str]] | None = None
_one: dict[str, tuple[str, str]] | None = None


def _load() -> dict[str, tuple[str, str]]:
    global _catalogue
    if _catalogue is None:
        from importlib import import_module

        merged: dict[str, tuple[str, str]] = {}
        for name in CATALOGUE_MODULES:
            merged.update(import_module(f"faskel_cli.messages.{name}").MESSAGES)
        _catalogue = merged
    return _catalogue


def english_one() -> dict[str, tuple[str, str]]:
    """The English texts for a count of one: key -> (the count's name, the text)."""
    global _one
    if _one is None:
        from faskel_cli.messages.plural import ONE

        _one = ONE
    return _one


def known(key: str) -> bool:
    """Whether the catalogue has `key` (for labels that fall back to the raw name)."""
    return key in _load()


def catalogue() -> dict[str, tuple[str, str]]:
    return dict(_load())


def set_lang(lang: str | None) -> None:
    """'id' or 'en' (as faskel_cli.core.vocab.normalise_lang gives them); else Indonesian."""
    global _lang
    _lang = lang if lang in LANGS else "id"


def get_lang() -> str:
    return _lang


def t(key: str, /, **params: object) -> str:
    entry = _load().get(key)
    if entry is None:
        return key if not params else f"{key} {params}"
    text = entry[0] if _lang == "id" else entry[1]
    if _lang == "en" and params:
        one = english_one().get(key)
        if one is not None and params.get(one[0]) == 1:
            text = one[1]
    return text.format(**params) if params else text


class Translatable(Protocol):
    """A message key with its values: a domain error, or a message inside one."""

    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, object]: ...


# Characters a terminal or a log takes as commands or line breaks: the C0 controls (newline
# and ESC among them), DEL, the C1 controls, the line and paragraph separators and the
# bidirectional overrides (which reorder what is shown).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: str) -> str:
    """Text from outside (a bundle, a file name, a database) made harmless to print: each
    control character written out as an escape (\\x1b, \\n), so it can neither drive the
    terminal nor forge a line."""
    return _CONTROLS.sub(_escaped, value)


def _shown(value: object) -> object:
    if isinstance(value, tuple | list):
        return "; ".join(str(_shown(item)) for item in value)
    if hasattr(value, "key") and hasattr(value, "params"):
        return text(value)
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, int | float | type(None)):
        return value  # numbers keep their format specs ({n:,})
    return safe(str(value))  # a path, ...


def text(item: Translatable) -> str:
    """A domain error or message in the current language, its nested messages too; text
    values are shown `safe` (their control characters escaped)."""
    return t(item.key, **{name: _shown(value) for name, value in item.params.items()})
