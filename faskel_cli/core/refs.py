"""Short references a person can say and type: `kmr12` for a visit, an activity, a
follow-up or an LKK (README, *Short references*).

A reference is a tag of three letters and a serial of 1 to 4 digits, at most 7 characters,
made on the laptop that makes the record, stored in the record (`ref`) and carried with it
in bundles; faskel never changes it. The serial counts every record this database makes,
of any kind, so a reference names one record whatever its kind (`faskel history kmr12`).

- The tag is derived from the device id (a hash of it and a counter, `candidate`), skipping
  every tag this database already knows (its own, and those of the records it holds).
- A database takes a new tag when its tag runs out of serials (9999), and when a bundle
  brings a record of another device with one of its tags: two laptops that never exchanged
  a bundle drew the same tag. Each of them then changes tag for the records it makes next,
  so whatever the order of imports, no new reference collides; the references already made
  keep their form (they were shown, said and written down).
- A reference held by two records (only such an old collision) is refused naming both,
  never resolved to one of them; their ids stay unique.
- The first letter is never a hexadecimal digit, so a reference is never a UUID prefix, and
  no letter is one that reads like a digit (i, l, o).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from faskel_cli.core import clock
from faskel_cli.core.errors import InputError, Message, NotFoundError
from faskel_cli.core.store import get_setting

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# The tables whose records get a reference, with the audit's entity of each.
TABLES = {"visits": "visit", "activities": "activity", "followups": "followup", "lkk": "lkk"}
FIRST = "ghjkmnprstuwxyz"  # no hexadecimal digit: a reference is never an id prefix
LETTERS = "abcdefghjkmnprstuwxyz"  # no i, l, o (1, 1, 0), no q, v (read like g, u)
TAG_LENGTH = 3
MAX_SERIAL = 9999  # 3 letters + 4 digits = 7 characters
MAX_LENGTH = TAG_LENGTH + len(str(MAX_SERIAL))
PATTERN = rf"^[{FIRST}][{LETTERS}]{{{TAG_LENGTH - 1}}}[1-9][0-9]{{0,{len(str(MAX_SERIAL)) - 1}}}$"
_REF = re.compile(PATTERN)
# What a person may type: any case, a hyphen or a space between tag and serial, zeros first.
_TYPED = re.compile(rf"^([a-z]{{{TAG_LENGTH}}})[- ]?0*([0-9]{{1,{len(str(MAX_SERIAL))}}})$")
# "The newest record of that kind made on this database".
LAST_WORDS = ("terakhir", "last")


def is_ref(value: object) -> bool:
    return isinstance(value, str) and bool(_REF.match(value))


def parse(text: str | None) -> str | None:
    """The reference `text` is typed as (`KMR-012` -> `kmr12`), or None when it is none."""
    raw = (text or "").strip().lower()
    match = _TYPED.match(raw)
    if not match:
        return None
    shown = f"{match.group(1)}{int(match.group(2))}"
    return shown if _REF.match(shown) else None


def is_last(text: str | None) -> bool:
    return (text or "").strip().lower() in LAST_WORDS


def candidate(device_id: str, n: int) -> str:
    """The n-th tag this device may take (0 first): the same on every computer."""
    digest = hashlib.sha256(f"{device_id}/{n}".encode()).digest()
    letters = [FIRST[digest[0] % len(FIRST)]]
    letters += [LETTERS[b % len(LETTERS)] for b in digest[1:TAG_LENGTH]]
    return "".join(letters)


def tag_of(ref: str) -> str:
    return ref[:TAG_LENGTH]


# --- making references ----------------------------------------------------------------------


def known_tags(db: Db) -> set[str]:
    """Every tag this database knows: its own (used or retired) and those of every record."""
    tags = {row[0] for row in db.execute("select tag from ref_tags").fetchall()}
    for table in TABLES:
        tags.update(
            row[0]
            for row in db.execute(
                f"select distinct substr(ref, 1, {TAG_LENGTH}) from [{table}] where ref is not null"
            ).fetchall()
        )
    return tags


def _new_tag(db: Db, reason: str) -> tuple[int, str, int]:
    device = get_setting(db, "device_id") or ""
    known = known_tags(db)
    n = 0
    while candidate(device, n) in known:
        n += 1
    tag = candidate(device, n)
    cursor = db.execute(
        "insert into ref_tags (tag, serial, since, reason) values (?, 0, ?, ?)",
        [tag, clock.utc_stamp(), reason],
    )
    return int(cursor.lastrowid or 0), tag, 0


def _current(db: Db) -> tuple[int, str, int] | None:
    found = db.execute(
        "select seq, tag, serial from ref_tags where retired_at is null order by seq desc limit 1"
    ).fetchone()
    return (int(found[0]), str(found[1]), int(found[2])) if found else None


def allocate(db: Db, n: int) -> list[str]:
    """`n` new references, in order (inside the caller's write transaction)."""
    out: list[str] = []
    while len(out) < n:
        current = _current(db)
        if current is None:
            current = _new_tag(db, "first")
        seq, tag, serial = current
        if serial >= MAX_SERIAL:
            db.execute("update ref_tags set retired_at = ? where seq = ?", [clock.utc_stamp(), seq])
            _new_tag(db, "full")
            continue
        take = min(n - len(out), MAX_SERIAL - serial)
        out.extend(f"{tag}{number}" for number in range(serial + 1, serial + take + 1))
        db.execute("update ref_tags set serial = ? where seq = ?", [serial + take, seq])
    return out


# References are given this many at a time: a million records without one (a database or
# a bundle from before references) never become a million-row list in memory.
BATCH = 5000


def give_in_order(db: Db, selects: dict[str, str], update: Callable[[str], str]) -> int:
    """Give references to the records `selects[kind]` finds (its `id` and `created_at`),
    oldest first across kinds (created_at, then id), `update(kind)` writing each (an UPDATE
    taking the ref, then the id). The order is kept in a TEMP table and read BATCH records at
    a time (inside the caller's write transaction). How many."""
    if not selects:
        return 0
    union = " union all ".join(
        f"select '{kind}' as k, id, created_at from ({sql})" for kind, sql in selects.items()
    )
    db.execute("drop table if exists temp.ref_order")
    db.execute(
        f"create temp table ref_order as select k, id from ({union}) order by created_at, id"
    )
    given = 0
    rows = db.conn.execute("select k, id from temp.ref_order order by rowid")
    while batch := rows.fetchmany(BATCH):
        pairs: dict[str, list[tuple[str, str]]] = {}
        for (kind, record_id), ref in zip(batch, allocate(db, len(batch)), strict=True):
            pairs.setdefault(kind, []).append((ref, record_id))
        for kind, values in pairs.items():
            db.conn.executemany(update(kind), values)
        given += len(batch)
    db.execute("drop table temp.ref_order")
    return given


def fill_missing(db: Db, tables: Iterable[str] = TABLES) -> int:
    """Give every record without a reference one, oldest first (created_at, then id, across
    kinds): the records of a database made before references. How many."""
    return give_in_order(
        db,
        {table: f"select id, created_at from [{table}] where ref is null" for table in tables},
        lambda table: f"update [{table}] set ref = ? where id = ?",
    )


def retire_if_taken(db: Db, foreign: Iterable[str]) -> bool:
    """Given the references of another device's records, retire this database's current tag
    when one of them has it (the next reference made here takes a new tag). Whether it did."""
    current = _current(db)
    if current is None:
        return False
    seq, tag, _ = current
    if not any(tag_of(ref) == tag for ref in foreign):
        return False
    db.execute("update ref_tags set retired_at = ? where seq = ?", [clock.utc_stamp(), seq])
    return True


# --- finding a record by its reference ------------------------------------------------------


def find(db: Db, table: str, ref: str, *, entity: str, include_deleted: bool = True) -> str:
    """The id of the record of `table` whose reference is `ref` (as `parse` gives it)."""
    where = "" if include_deleted else " and deleted_at is null"
    found = [
        row[0]
        for row in db.execute(
            f"select id from [{table}] where ref = ?{where} order by id", [ref]
        ).fetchall()
    ]
    if len(found) > 1:
        raise InputError("err.ref_ambiguous", ref=ref, n=len(found), matches=", ".join(found[:3]))
    if found:
        return str(found[0])
    for other in TABLES:
        if (
            other != table
            and db.execute(f"select 1 from [{other}] where ref = ?", [ref]).fetchone()
        ):
            kind = Message.of(f"bundle.kind.{other}")
            raise NotFoundError("err.ref_other_kind", ref=ref, entity=entity, kind=kind)
    raise NotFoundError("err.id_unknown", entity=entity, ref=ref)


def last(db: Db, table: str, *, entity: str, include_deleted: bool = True) -> str:
    """The id of the newest record of `table` made on this database (typed, imported from a
    sheet or seeded here; not one a bundle brought), per its audit row `create`."""
    kinds = [TABLES[table]] if table in TABLES else list(TABLES.values())
    marks = ", ".join("?" for _ in kinds)
    sql = (
        f"select a.entity_id, a.entity from audit a where a.action = 'create' "
        f"and a.source is null and a.entity in ({marks}) order by a.id desc limit 1"
    )
    found = db.execute(sql, kinds).fetchone()
    if found is None:
        raise NotFoundError("err.ref_no_last", entity=entity)
    record_id = str(found[0])
    if not include_deleted:
        own = table if table in TABLES else _table_of(found[1])
        row = db.execute(f"select deleted_at from [{own}] where id = ?", [record_id]).fetchone()
        if row is None or row[0]:
            raise NotFoundError("err.ref_last_deleted", entity=entity, id=record_id)
    return record_id


def _table_of(entity: str) -> str:
    return next(table for table, kind in TABLES.items() if kind == entity)


def any_kind(db: Db, ref: str) -> list[str]:
    """The ids of every record, of any kind, whose reference is `ref` (`faskel history`)."""
    found: list[str] = []
    for table in TABLES:
        found += [
            row[0]
            for row in db.execute(f"select id from [{table}] where ref = ? order by id", [ref])
        ]
    return found


def of_ids(db: Db, table: str, ids: Iterable[str]) -> dict[str, str | None]:
    """{id: reference} of records of `table`."""
    wanted = [i for i in set(ids) if i]
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    return dict(
        db.execute(f"select id, ref from [{table}] where id in ({marks})", wanted).fetchall()
    )
