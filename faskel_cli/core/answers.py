"""One answer of a guided entry (cli/guided.py), checked when it is given by the very calls
`visits.add`, `activities.add`, `followups.add` and `lkk.add` make on the same value: no
second rule set. Each returns the value as the record will hold it, or raises the error
the command would (InputError, NotFoundError, ConflictError), with its reason and what
would be right. tests/core/test_answers.py holds each against the add it stands for."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from faskel_cli.core import facilitators, followups, lkk, money, regions, rules, visits
from faskel_cli.core.dates import parse_date, parse_duration
from faskel_cli.core.errors import ConflictError
from faskel_cli.core.vocab import (
    ACTIVITY_TYPES,
    LKK_TYPES,
    STRANDS,
    VISIT_KINDS,
    clean_text,
    pick,
)

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


# --- visits (visits._validated) -------------------------------------------------------------


def visit_date(text: str) -> date:
    return parse_date(text)


def kelurahan(db: Db, text: str) -> regions.Region:
    return regions.kelurahan(db, text)


def facilitator(db: Db, text: str) -> dict:
    return facilitators.resolve(db, text)


def kind(text: str) -> str:
    return pick(text, VISIT_KINDS, option="--kind")


def strand(text: str) -> str:
    return pick(text, STRANDS, option="--strand")


def lkk_names(db: Db, kel: regions.Region, names: list[str]) -> list[str]:
    """The LKK of the kelurahan by these names (each once), as their stored names."""
    return [lkk.get(db, lkk_id)["name"] for lkk_id in lkk.ids_by_names(db, kel, names)]


def count(text: str, option: str) -> int:
    return visits.parse_count(text, option)


def duration(text: str) -> int | None:
    return parse_duration(text)


def notes(text: str) -> str | None:
    return clean_text(text, "--notes", required=False)


def visit_activity(db: Db, ref: str, kelurahan_kode: str) -> str:
    """The id of a live activity of this kelurahan (--activity of `visit add`)."""
    return visits._activity_for(db, ref, kelurahan_kode)


# --- problems met on a visit (followups.add_for_visit) and follow-ups (followups.add) ---------


def problem(text: str) -> str:
    return rules.text("followups", "problem", text, "--problem")


def action(text: str, option: str = "--followup") -> str:
    return rules.text("followups", "action", text, option)


def due(db: Db, text: str | None, problem_date: date) -> str:
    """The due day (ISO); empty: the problem date + the `followup_days` setting."""
    return followups._due(db, text, problem_date)


def owner(db: Db, text: str) -> str:
    """The handle of an active facilitator."""
    return facilitators.resolve(db, text, active_only=True)["handle"]


def _live_visit(db: Db, ref: str) -> dict:
    from faskel_cli.core import records
    from faskel_cli.core.ids import resolve_id

    visit_id = resolve_id(db, "visits", ref, entity="kunjungan", include_deleted=False)
    return records.row_or_raise(db, "visits", visit_id)


def visit_day(db: Db, ref: str) -> date:
    """The date of a live visit (--visit of `followup add`: the problem date it gives)."""
    return date.fromisoformat(_live_visit(db, ref)["date"])


def visit_owner(db: Db, ref: str) -> str | None:
    """The handle of a live visit's facilitator: the owner `followups.add` gives a follow-up
    of that visit when none is named."""
    row = db.execute(
        "select handle from facilitators where id = ?", [_live_visit(db, ref)["facilitator_id"]]
    ).fetchone()
    return row[0] if row else None


def problem_date(text: str) -> date:
    return rules.day("followups", "problem_date", text, "--date")


# --- activities (activities.add) ---------------------------------------------------------


def title(text: str) -> str:
    return rules.text("activities", "title", text, "--title")


def activity_type(text: str) -> str:
    return pick(text, ACTIVITY_TYPES, option="--type")


def start_date(text: str) -> date:
    return rules.day("activities", "start_date", text, "--date")


def funding(text: str) -> str | None:
    return rules.optional_text("activities", "funding", text, "--funding")


def budget(text: str) -> int | None:
    return money.parse_optional(text, "--budget")


# --- LKK (lkk.add) -----------------------------------------------------------------------


def lkk_type(text: str) -> str:
    return pick(text, LKK_TYPES, option="--type")


def lkk_name(db: Db, kel: regions.Region, text: str, taken: tuple[str, ...] = ()) -> str:
    """A name for a new LKK of the kelurahan: by the rule of names, and not one it has
    already (nor one of `taken`, the new LKK of the same entry)."""
    name = lkk._clean_name(text)
    if lkk._name_taken(db, kel.kode, name) or name.lower() in {n.lower() for n in taken}:
        raise ConflictError("err.lkk_taken", name=name, kelurahan=kel.nama)
    return name
