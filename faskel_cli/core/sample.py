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
    photo_count = 0
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
            visit, _ = visits.add(
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
            photo_count += _load_photos(db, path, "visit", visit["id"], item)
        counts["visits"] = len(data.get("visits", []))
        for activity_id, item in zip(activity_ids, data.get("activities", []), strict=True):
            photo_count += _load_photos(db, path, "activity", activity_id, item)
        counts["followups"] = _load_followups(db, data.get("followups", []), activity_ids)
        counts["photos"] = photo_count
    return counts


def _load_photos(db: Db, path: str | Path, kind: str, record_id: str, item: dict) -> int:
    """The item's photos ({"file", "caption", "when"}), files of the `photos` folder beside
    the sample file."""
    if not item.get("photos"):
        return 0
    from faskel_cli.core import photos

    target = photos.Owner(kind, record_id)
    for photo in item["photos"]:
        photos.add_files(
            db,
            target,
            [Path(path).parent / "photos" / photo["file"]],
            caption=photo.get("caption"),
            moment=photo.get("when"),
        )
    return len(item["photos"])


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
