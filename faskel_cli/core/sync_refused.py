"""The files of a sync folder refused for what they hold themselves (a gzip bomb, a damaged
or badly made bundle: an InputError, which the file's bytes decide), so that `faskel sync`
does not read them again while they stay as they were (same size, modification time and
faskel version); they are still reported refused, with what was found then. A file
refused against this database (a ConflictError: another area, records that do not fit
yet) is read again at every sync, as is one that could not be read at all."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.errors import FaskelError, InputError, Message
from faskel_cli.core.store import transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# Refusals that depend on the moment, not on the file: read it again next time.
_NOT_REMEMBERED = {"err.bundle_unreadable", "err.bundle_missing"}


def _plain(value: object) -> object:
    """An error's value as JSON: a Message as {"message", "params"}, a tuple as a list."""
    if isinstance(value, Message):
        return {"message": value.key, "params": {k: _plain(v) for k, v in value.params.items()}}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _unplain(value: object) -> object:
    if isinstance(value, dict):
        params = value.get("params") or {}
        return Message(str(value.get("message")), {k: _unplain(v) for k, v in params.items()})
    if isinstance(value, list):
        return tuple(_unplain(item) for item in value)
    return value


def remember(
    db: Db, folder: str, name: str, stat: os.stat_result, error: FaskelError | None
) -> None:
    """Keeps a refusal that the file itself decides; forgets nothing else."""
    from faskel_cli import __version__

    if not isinstance(error, InputError) or error.key in _NOT_REMEMBERED:
        return
    with transaction(db):
        db.execute(
            "insert or replace into bundle_refused (folder, name, size, mtime_ns, faskel, "
            "error, refused_at) values (?, ?, ?, ?, ?, ?, ?)",
            [
                folder,
                name,
                stat.st_size,
                stat.st_mtime_ns,
                __version__,
                json.dumps(_plain(Message(error.key, error.params))),
                clock.utc_stamp(),
            ],
        )


def before(db: Db, folder: str, name: str, stat: os.stat_result) -> FaskelError | None:
    """The refusal of this very file (same size, mtime and faskel) at an earlier sync."""
    from faskel_cli import __version__

    row = db.execute(
        "select error, refused_at from bundle_refused where folder = ? and name = ? "
        "and size = ? and mtime_ns = ? and faskel = ?",
        [folder, name, stat.st_size, stat.st_mtime_ns, __version__],
    ).fetchone()
    if row is None:
        return None
    return InputError("err.bundle_refused_before", first=_unplain(json.loads(row[0])), when=row[1])


def forget(db: Db, folder: str, name: str) -> None:
    """The file was imported or seen: whatever it was refused for before is gone."""
    db.execute("delete from bundle_refused where folder = ? and name = ?", [folder, name])
