"""The one Migrations object every migration module registers with (in the order the
package imports them), and how a migration runs its SQL."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from sqlite_utils.migrations import Migrations

if TYPE_CHECKING:
    from sqlite_utils import Database as Db

migrations = Migrations("faskel")


def run_script(db: Db, sql: str) -> None:
    """The statements of `sql`, one by one, in the transaction the migrations run in.

    sqlite3's executescript would commit that transaction first; sqlite-utils' own
    executescript tests for a complete statement after every character, which costs
    every new database a tenth of a second on the long views. A statement here ends with
    its line (every migration writes at most one per line; a trigger's body may span
    several)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""
    if statement.strip():
        db.conn.execute(statement)
