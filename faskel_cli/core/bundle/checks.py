"""The checks of an import: classify the staged records (new, newer, older, the same), check
them against the bundle's own rules and this database, and name what is refused."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.bundle import identity
from faskel_cli.core.bundle.kinds import (
    Kind,
    Unique,
    links_array,
)
from faskel_cli.core.bundle.problems import Problem
from faskel_cli.core.bundle.rules import check as check_rules
from faskel_cli.core.bundle.wire import (
    CLOCK_TOLERANCE_MINUTES,
    IDENTITY,
    MAX_SHOWN,
    STAMPS,
)
from faskel_cli.core.ids import short_device

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


def classify(db: Db, kinds: dict[str, Kind]) -> None:
    """n_<kind> gets the staged records that would change the database: 'a' (never seen) or
    'u' (newer than ours: later updated_at, or the same and a larger device_id)."""
    for k in kinds:
        db.execute(f"delete from temp.[n_{k}]")
        db.execute(
            f"insert into temp.[n_{k}] (id, state) "
            f"select s.id, case when t.id is null then 'a' else 'u' end "
            f"from temp.[s_{k}] s left join main.[{k}] t on t.id = s.id "
            "where t.id is null or (s.updated_at, coalesce(s.device_id, '')) "
            "> (t.updated_at, coalesce(t.device_id, ''))"
        )


def _exists_here_or_staged(kind: str, expr: str) -> str:
    # The bundle's own records first: a kota's first bundle into its province brings the
    # LKK its visits name, and a seek into the small staged table spares one into the
    # province's (OR stops at the first that holds).
    return (
        f"(exists (select 1 from temp.[s_{kind}] r where r.id = {expr}) "
        f"or exists (select 1 from main.[{kind}] r where r.id = {expr}))"
    )


def within(area: str, here: str | None) -> bool:
    """A bundle of `area` may come into a database of `here`: the same area, or one inside
    it (a kota's into its province's, a province's into the nation's)."""
    from faskel_cli.core.areas import NATION

    if not here:
        return False
    return area == here or here == NATION or area.startswith(here + ".")


def _kelurahan_exists(expr: str) -> str:
    return f"exists (select 1 from main.regions r where r.kode = {expr} and r.level = 'kelurahan')"


def clock_limit() -> str:
    """The latest stamp an import accepts: this computer's clock plus the tolerance."""
    return clock.utc_stamp(clock.now_utc() + timedelta(minutes=CLOCK_TOLERANCE_MINUTES))


def check_staged(db: Db, kinds: dict[str, Kind], limit: str) -> None:
    """Fills temp.refused with every record to be written that refers to a record neither
    in the bundle nor here, to a kelurahan outside the area, that would take a name
    (handle, LKK name) another live record holds, or that is stamped later than `limit`."""
    db.execute("delete from temp.refused")
    for kind in kinds.values():
        k = kind.name
        written = f"from temp.[n_{k}] n join temp.[s_{k}] s on s.id = n.id"
        stamps = [c for c in STAMPS if c in kind.names]
        if stamps:  # one pass over the records written, whatever the number of stamps
            which = " ".join(f"when s.[{c}] > :limit then '{c}'" for c in stamps)
            value = " ".join(f"when s.[{c}] > :limit then s.[{c}]" for c in stamps)
            ahead = " or ".join(f"s.[{c}] > :limit" for c in stamps)
            db.execute(
                f"insert into temp.refused select '{k}', s.id, 'future', case {which} end, "
                f"case {value} end, :limit {written} where n.state in ('a', 'u') and ({ahead})",
                {"limit": limit},
            )
        for column, ref in kind.refs:
            db.execute(
                f"insert into temp.refused select '{k}', s.id, 'missing', '{column}', "
                f"s.[{column}], '' {written} where s.[{column}] is not null "
                f"and not {_exists_here_or_staged(ref, f's.[{column}]')}"
            )
        for column in kind.kelurahan:
            db.execute(
                f"insert into temp.refused select '{k}', s.id, 'kelurahan', '{column}', "
                f"s.[{column}], '' {written} where s.[{column}] is not null "
                f"and not {_kelurahan_exists(f's.[{column}]')}"
            )
        if kind.link:
            link = kind.link
            exists = (
                _exists_here_or_staged(link.refers_to, "j.value")
                if link.refers_to
                else _kelurahan_exists("j.value")
            )
            what = "missing" if link.refers_to else "kelurahan"
            db.execute(
                f"insert into temp.refused select '{k}', s.id, '{what}', '{link.key}', "
                f"j.value, '' {written}, json_each({links_array('s')}) j where not {exists}"
            )
        for unique in kind.uniques:
            _check_unique(db, kind, unique)
    check_rules(db, kinds)  # the rules between records (core/rules.py), bundle/rules.py


def _check_unique(db: Db, kind: Kind, unique: Unique) -> None:
    """Two live records would share a handle or an LKK name once the bundle is in."""
    k = kind.name
    same = " and ".join(
        f"b.[{c}] = a.[{c}]" + ("" if coll.upper() == "BINARY" else f" collate {coll}")
        for c, coll in zip(unique.columns, unique.collations, strict=True)
    )
    shown = " || ' / ' || ".join(f"coalesce(a.[{c}], '')" for c in unique.columns)
    # Kinds merged by identity: what is still shared here is one key for two different
    # records, a conflict a person resolves (the problem names both and the command).
    what = "conflict" if k in IDENTITY else "unique"
    db.execute(
        f"""insert into temp.refused
        with final as ({identity.final_rows(kind, unique)}),
        live as (select * from final where {unique.where or "1"})
        select '{k}', a.id, '{what}', '{"/".join(unique.columns)}', {shown}, min(b.id)
        from live a join temp.[n_{k}] n on n.id = a.id join live b on {same} and b.id <> a.id
        group by a.id"""
    )


def refusals(db: Db, kinds: dict[str, Kind]) -> tuple[list[Problem], int, dict[str, int]]:
    per_kind = dict(
        db.execute(
            "select kind, count(distinct record_id) from temp.refused group by kind"
        ).fetchall()
    )
    total = db.execute("select count(*) from temp.refused").fetchone()[0]
    problems = [
        _detailed(db, kinds, Problem(*row))
        for row in db.execute(
            "select what, kind, record_id, col, value, other from temp.refused "
            "order by what = 'missing', kind, record_id limit ?",
            [MAX_SHOWN],
        ).fetchall()
    ]
    return problems, total, per_kind


def short_id(record_id: str | None) -> str:
    """An id as faskel commands accept it (a unique prefix is enough; 13 characters are
    unique in practice and still read as an id)."""
    return (record_id or "?")[:13]


def _detailed(db: Db, kinds: dict[str, Kind], problem: Problem) -> Problem:
    """A problem with what a person needs to act on it: for a conflict, both records (id,
    name, device, whether here or in the bundle) and the command that resolves it here."""
    from dataclasses import replace

    if problem.what == "future":
        return replace(
            problem,
            extra=(
                ("minutes", CLOCK_TOLERANCE_MINUTES),
                ("device", _device_of(db, problem.kind, problem.record_id)),
            ),
        )
    if problem.what != "conflict" or problem.kind not in kinds:
        return problem
    kind = kinds[problem.kind]
    k = kind.name
    shown = [c for c in ("handle", "name", "type", "device_id") if c in kind.names]
    rows = {}
    for record_id in (problem.record_id, problem.other):
        found = db.execute(
            f"select {', '.join(f'[{c}]' for c in shown)} from ({identity.final_rows(kind)}) "
            "where id = ?",
            [record_id],
        ).fetchone()
        rows[record_id] = dict(zip(shown, found, strict=True)) if found else {}
    # "Here": a live record of this database the bundle does not write; renaming it here
    # makes a version later than any the bundle holds (records.next_version).
    here = None
    for record_id in (problem.other, problem.record_id):
        in_db = db.execute(
            f"select 1 from main.[{k}] t where t.id = ? and t.deleted_at is null "
            f"and not exists (select 1 from temp.[n_{k}] n where n.id = t.id)",
            [record_id],
        ).fetchone()
        if in_db:
            here = record_id
            break
    first, second = rows[problem.record_id], rows[problem.other]
    extra: dict[str, object] = {
        "other": short_id(problem.other),
        "id": short_id(problem.record_id),
        "name": first.get("name", "?"),
        "other_name": second.get("name", "?"),
        "type": first.get("type", "?"),
        "other_type": second.get("type", "?"),
        "device": short_device(first.get("device_id")),
        "other_device": short_device(second.get("device_id")),
        "handle": first.get("handle", ""),
    }
    if here is not None:
        local = rows[here]
        incoming = second if here == problem.record_id else first
        extra.update(
            here=short_id(here),
            here_handle=local.get("handle", ""),
            their_name=incoming.get("name", "?"),
            their_type=incoming.get("type", "?"),
        )
        key = CONFLICT_HERE.get(k, "bundle.problem.unique")
    else:
        key = CONFLICT_IN_BUNDLE.get(k, "bundle.problem.unique")
    values = {name: value for name, value in extra.items() if name not in ("id", "other")}
    return replace(
        problem,
        record_id=str(extra["id"]),
        other=str(extra["other"]),
        key=key,
        extra=tuple(values.items()),
    )


# The message of a conflict, by kind: one record of it here (renamed with a command here),
# or both in the bundle.
CONFLICT_HERE = {
    "facilitators": "bundle.problem.conflict.facilitators",
    "lkk": "bundle.problem.conflict.lkk",
}
CONFLICT_IN_BUNDLE = {
    "facilitators": "bundle.problem.conflict.facilitators.bundle",
    "lkk": "bundle.problem.conflict.lkk.bundle",
}


def _device_of(db: Db, k: str, record_id: str) -> str:
    found = db.execute(f"select device_id from temp.[s_{k}] where id = ?", [record_id]).fetchone()
    return short_device(found[0] if found else None)
