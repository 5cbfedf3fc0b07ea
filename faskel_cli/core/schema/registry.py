"""The one Migrations object every migration module registers with, in the order the
package imports them."""

from sqlite_utils.migrations import Migrations

migrations = Migrations("faskel")
