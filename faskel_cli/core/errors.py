"""Domain errors. The core raises them with a message key and its values; the edge puts
them in the reader's language (faskel_cli.messages.text) and turns them into one line on
stderr and an exit code, in one place (faskel_cli.cli.app). The core never translates."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """A sentence of the catalogue with its values, translated only where it is shown.
    A value may itself be a Message, or a tuple of them (shown joined by '; ')."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, /, **params: object) -> Message:
        return cls(key, params)


class FaskelError(Exception):
    """Base class: `key` names a message in the catalogue, `params` fill it in."""

    exit_code = 1

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params: dict[str, object] = params

    def __str__(self) -> str:  # readable in tracebacks and logs, untranslated
        return f"{self.key} {self.params}"


class InputError(FaskelError):
    """The user typed something that cannot be accepted."""

    exit_code = 2


class NotFoundError(FaskelError):
    exit_code = 3


class ConflictError(FaskelError):
    """The input is well-formed but clashes with what the database holds."""

    exit_code = 4


class DatabaseError(FaskelError):
    """The database file cannot be opened or written."""

    exit_code = 5


class OutputError(FaskelError):
    """A report or bundle file cannot be written."""

    exit_code = 6
