"""Records stamped ahead of this computer's clock: found, and stamped anew.

Every other database refuses a version stamped later than its clock plus the tolerance
(checks.clock_limit). A laptop whose clock was wrong when its records were made keeps them
so stamped after its clock is set right, and an edit stamps after them (records.next_version),
so its bundles would be refused for ever: `faskel bundle restamp` gives them the time of
now (a new version, audited as 'restamp'). A database that took such a record before the
rule (an older faskel) runs it too: the later of the versions made so wins everywhere."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.bundle.kinds import describe
from faskel_cli.core.bundle.wire import ENTITY, STAMPS
from faskel_cli.core.store import get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


def _ahead(columns: tuple[str, ...]) -> str:
    return " or ".join(f"[{c}] > :limit" for c in columns)


def ahead(db: Db) -> dict[str, int]:
    """{kind: records} stamped later than this computer's clock plus the tolerance."""
    from faskel_cli.core.bundle.checks import clock_limit

    limit = clock_limit()
    found = {}
    for kind in describe(db).values():
        columns = tuple(c for c in STAMPS if c in kind.names)
        n = db.execute(
            f"select count(*) from [{kind.name}] where {_ahead(columns)}", {"limit": limit}
        ).fetchone()[0]
        if n:
            found[kind.name] = n
    return found


def restamp(db: Db) -> dict[str, int]:
    """Stamps every record stamped ahead of the clock (beyond the tolerance) with now: its
    updated_at, and its created_at and deleted_at when they are ahead too. Returns
    {kind: records}."""
    from faskel_cli.core import audit
    from faskel_cli.core.bundle.checks import clock_limit

    done: dict[str, int] = {}
    with transaction(db):
        now, limit = clock.utc_stamp(), clock_limit()
        device, who = get_setting(db, "device_id"), audit.who(db)
        params = {"now": now, "limit": limit, "device": device, "who": who}
        for kind in describe(db).values():
            k = kind.name
            columns = tuple(c for c in STAMPS if c in kind.names)
            where = _ahead(columns)
            stamps = ", ".join(f"'{c}', [{c}]" for c in (*columns, "device_id"))
            db.execute(
                "insert into audit (at, who, action, entity, entity_id, before, after, "
                f"device_id) select :now, :who, 'restamp', '{ENTITY[k]}', id, "
                f"json_object({stamps}), null, :device from [{k}] where {where}",
                params,
            )
            sets = ", ".join(
                "[updated_at] = :now" if c == "updated_at" else
                f"[{c}] = case when [{c}] > :limit then :now else [{c}] end"
                for c in columns
            )  # fmt: skip
            cursor = db.execute(
                f"update [{k}] set {sets}, device_id = :device where {where}", params
            )
            if cursor.rowcount:
                done[k] = cursor.rowcount
                fresh = ", ".join(f"'{c}', t.[{c}]" for c in (*columns, "device_id"))
                db.execute(
                    f"update audit set after = (select json_object({fresh}) from [{k}] t "
                    "where t.id = audit.entity_id) where after is null and action = 'restamp' "
                    f"and entity = '{ENTITY[k]}' and at = :now",
                    params,
                )
    return done
