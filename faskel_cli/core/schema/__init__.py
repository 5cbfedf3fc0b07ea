"""The schema, as sqlite-utils Migrations applied whenever a database is opened.

Migrations apply in the order they are registered: `early` (m001 to m009), then `later`.
Append new migrations at the end of `later`; never edit one that has shipped, and list each
in `core/db.py: MIGRATIONS`."""

from faskel_cli.core.schema import early, later
from faskel_cli.core.schema.early import CHANGE_LOGGED, change_log_triggers
from faskel_cli.core.schema.registry import migrations

__all__ = ["CHANGE_LOGGED", "change_log_triggers", "early", "later", "migrations"]
