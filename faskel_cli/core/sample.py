"""Loading a JSON file of sample records through the same core functions users call,
so sample data obeys every rule (used by `make demo` and by tests)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core import facilitators, followups, lkk, settings, visits
from faskel_cli.core.errors import InputError
from faskel_cli.core.store import transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


def load_sample(db: Db, path: str | Path) -> dict[str, int]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError("err.sample_file", path=str(path), reason=str(exc)) from None
    counts: dict[str, int] = {}
    with transaction(db):
        for item in data.get("facilitators", []):
            facilitators.add(
                db,
                item["name"],
                item["handle"],
                item.get("kelurahan", []),
                item.get("role", "faskel"),
                item.get("phone"),
            )
        counts["facilitators"] = len(data.get("facilitators", []))
        for item in data.get("lkk", []):
            lkk.add(db, item["kelurahan"], item["type"], item["name"])
        counts["lkk"] = len(data.get("lkk", []))
        for key, value in data.get("settings", {}).items():
            settings.set_value(db, key, value)
        activity_ids = _load_activities(db, data.get("activities", []))
        counts["activities"] = len(activity_ids)
        for item in data.get("visits", []):
            problems = [
                followups.ProblemInput(p["problem"], p["action"], p.get("due"), p.get("owner"))
                for p in item.get("problems", [])
            ]
            activity = item.get("activity")
            visits.add(
                db,
                visits.VisitInput(
                    date=item["date"],
                    kelurahan=item["kelurahan"],
                    facilitator=item.get("facilitator"),
                    kind=item["kind"],
                    strand=item["strand"],
                    lkk=item.get("lkk", []),
                    male=item.get("male"),
                    female=item.get("female"),
                    duration=item.get("duration"),
                    notes=item.get("notes"),
                    activity=activity_ids[activity] if activity is not None else None,
                ),
                problems=problems,
            )
        counts["visits"] = len(data.get("visits", []))
        counts["followups"] = _load_followups(db, data.get("followups", []), activity_ids)
    return counts


def _load_activities(db: Db, items: list[dict]) -> list[str]:
    """Activities of the sample (filled in with the activities feature)."""
    if not items:
        return []
    from faskel_cli.core import activities

    return [activities.load_sample_item(db, item) for item in items]


def _load_followups(db: Db, items: list[dict], activity_ids: list[str]) -> int:
    if not items:
        return 0
    from faskel_cli.core import followups

    for item in items:
        followups.load_sample_item(db, item, activity_ids)
    return len(items)
