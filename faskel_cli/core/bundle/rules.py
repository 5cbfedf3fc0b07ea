"""The rules between records (core/rules.py: SAME_KELURAHAN, IMMUTABLE, RECORD_RULES) as
set-based SQL, run in the refusal step of an import (merge._check).

Each statement joins the records a bundle would write (temp.n_<kind> with their staged
version in temp.s_<kind>) by primary key to the records they refer to, as they will be once
the bundle is in: the staged version when the bundle writes it, else the database's. Every
record that breaks a rule gets a row in temp.refused (kind, record_id, what, col, value,
other), which the import turns into a Problem naming the record and the rule
(bundle.problem.<what>). The field rules of one value were checked before, while the file
was read (validation.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core import rules
from faskel_cli.core.bundle.kinds import Kind, links_array

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

_WRITTEN = "from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id"


def _final(ref: str, expr: str, column: str, alias: str) -> tuple[str, str]:
    """(joins, value): `column` of the `ref` record whose id is `expr`, as it will be after
    the import (NULL when there is none: the 'missing' check names it)."""
    n, s, m = f"{alias}_n", f"{alias}_s", f"{alias}_m"
    joins = (
        f" left join temp.[n_{ref}] {n} on {n}.id = {expr}"
        f" left join temp.[s_{ref}] {s} on {s}.id = {n}.id"
        f" left join main.[{ref}] {m} on {m}.id = {expr}"
    )
    value = f"(case when {n}.id is not null then {s}.[{column}] else {m}.[{column}] end)"
    return joins, value


def _label(kode: str) -> str:
    """A kelurahan as a refusal names it: 'Tirto (33.75.01.1003)'."""
    return (
        f"coalesce((select r.nama from main.regions r where r.kode = {kode}) "
        f"|| ' (' || {kode} || ')', {kode})"
    )


def _refuse(db: Db, k: str, what: str, column: str, value: str, other: str, rest: str) -> None:
    db.execute(
        f"insert into temp.refused select '{k}', s.id, '{what}', '{column}', {value}, {other} "
        + _WRITTEN.format(k=k)
        + rest
    )


def _same_kelurahan(db: Db, kinds: dict[str, Kind]) -> None:
    for k, reference in rules.SAME_KELURAHAN:
        kind = kinds.get(k)
        if kind is None or "kelurahan_kode" not in kind.names:
            continue
        if kind.link and reference == kind.link.key and kind.link.refers_to:
            ref, expr = kind.link.refers_to, "j.value"
            source = f", json_each({links_array('s')}) j"
            present = "s.[_links] <> ''"
        elif reference in kind.names:
            ref = dict(kind.refs).get(reference, "")
            expr, source, present = f"s.[{reference}]", "", f"s.[{reference}] is not null"
        else:
            continue
        if ref not in kinds or "kelurahan_kode" not in kinds[ref].names:
            continue
        joins, theirs = _final(ref, expr, "kelurahan_kode", "r")
        _refuse(
            db,
            k,
            "other_kelurahan",
            reference,
            expr,
            _label(theirs),
            f"{source}{joins} where {present} and {theirs} <> s.kelurahan_kode",
        )


def _immutable(db: Db, kinds: dict[str, Kind]) -> None:
    for k, column in rules.IMMUTABLE:
        if k not in kinds or column not in kinds[k].names:
            continue
        value, other = f"s.[{column}]", f"t.[{column}]"
        if column == "kelurahan_kode":
            value, other = _label(value), _label(other)
        _refuse(
            db,
            k,
            "moved",
            column,
            value,
            other,
            f" join main.[{k}] t on t.id = n.id "
            f"where n.state = 'u' and s.[{column}] is not t.[{column}]",
        )


def _record_rules(db: Db, kinds: dict[str, Kind]) -> None:
    def has(k: str, *columns: str) -> bool:
        return k in kinds and all(c in kinds[k].names for c in columns)

    if has("activities", "start_date", "stage_since"):
        _refuse(
            db,
            "activities",
            "stage_date",
            "stage_since",
            "s.stage_since",
            "s.start_date",
            " where s.stage_since < s.start_date",
        )
    if has("activity_stages", "activity_id", "date") and has("activities", "start_date"):
        joins, start = _final("activities", "s.activity_id", "start_date", "a")
        _refuse(
            db,
            "activity_stages",
            "stage_date",
            "date",
            "s.date",
            start,
            f"{joins} where s.date < {start}",
        )
    if has("activity_stages", "spent", "stage"):
        _refuse(
            db,
            "activity_stages",
            "spent_stage",
            "spent",
            "s.stage",
            "''",
            " where s.spent is not null and s.stage <> 'pertanggungjawaban'",
        )
    if has("followups", "problem_date", "due", "done_date", "status", "resolution"):
        _refuse(
            db,
            "followups",
            "due_before_problem",
            "due",
            "s.due",
            "s.problem_date",
            " where s.due < s.problem_date",
        )
        _refuse(
            db,
            "followups",
            "done_before_problem",
            "done_date",
            "s.done_date",
            "s.problem_date",
            " where s.done_date < s.problem_date",
        )
        _refuse(
            db,
            "followups",
            "done_state",
            "status",
            "s.status",
            "coalesce(s.done_date, '-') || ', ' || "
            "case when s.resolution is null then '-' else '...' end",
            " where (s.status = 'done') <> (s.done_date is not null) "
            "or (s.status = 'done') <> (s.resolution is not null)",
        )


def check(db: Db, kinds: dict[str, Kind]) -> None:
    """Adds to temp.refused every record to be written that breaks a rule between records."""
    _same_kelurahan(db, kinds)
    _immutable(db, kinds)
    _record_rules(db, kinds)
