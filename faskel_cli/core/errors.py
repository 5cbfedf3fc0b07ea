"""Domain errors. The core raises them with a message key; the CLI edge translates them
into one line on stderr and an exit code, in one place (faskel_cli.cli.app)."""

from __future__ import annotations


class FaskelError(Exception):
    """Base class: `key` names a message in the catalogue, `params` fill it in."""

    exit_code = 1

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self) -> str:
        from faskel_cli.messages import t

        return t(self.key, **self.params)

    def __str__(self) -> str:  # readable in tracebacks and logs
        try:
            return self.message()
        except Exception:  # pragma: no cover - never hide the original error
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
