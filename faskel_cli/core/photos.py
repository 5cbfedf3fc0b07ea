"""Photos as evidence of a visit or an activity: `faskel visit|activity photo add|list|
remove|export` and `visit add --photo`.

A photo (table photos) is its content, stored once: its id comes from the SHA-256 of the
file as added, so the same photo added twice, here or on another laptop, is one record.
A link (photo_links) shows it on one visit or activity, with a caption and, for an
activity, the moment of the work (sebelum, proses, sesudah); its id comes from the photo
and what it is on, so attaching a photo again finds (or brings back) the same link.
Removing a photo from a visit is a tombstone of its link, which travels in bundles."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faskel_cli.core import audit, records, rules
from faskel_cli.core.errors import ConflictError, InputError, NotFoundError
from faskel_cli.core.photo_image import Prepared, id_from_digest, prepare, read_file, source_id
from faskel_cli.core.store import transaction
from faskel_cli.core.vocab import PHOTO_MOMENT_ALIASES, PHOTO_MOMENTS, pick

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# kind -> (table, column of photo_links)
OWNERS = {"visit": ("visits", "visit_id"), "activity": ("activities", "activity_id")}
KEYS = (
    "n",
    "id",
    "photo_id",
    "caption",
    "moment",
    "taken_at",
    "lat",
    "lon",
    "width",
    "height",
    "bytes",
    "source_format",
    "added_at",
)


@dataclass(frozen=True)
class Owner:
    """What photos are shown on: a visit or an activity, by its full id."""

    kind: str  # 'visit' or 'activity'
    id: str

    @property
    def table(self) -> str:
        return OWNERS[self.kind][0]

    @property
    def column(self) -> str:
        return OWNERS[self.kind][1]


def owner(db: Db, kind: str, ref: str) -> Owner:
    from faskel_cli.core import activities, visits

    resolve = visits.resolve if kind == "visit" else activities.resolve
    return Owner(kind, resolve(db, ref))


def link_id(photo_id: str, target: Owner) -> str:
    digest = hashlib.sha256(f"{photo_id}|{target.kind}|{target.id}".encode()).digest()
    return id_from_digest(digest)


def parse_moment(value: str | None) -> str | None:
    if value is None or not str(value).strip():
        return None
    return pick(value, PHOTO_MOMENTS, option="--when", aliases=PHOTO_MOMENT_ALIASES)


def _live_owner(db: Db, target: Owner) -> None:
    found = records.row_or_raise(db, target.table, target.id)
    if found["deleted_at"]:
        raise ConflictError(f"err.{target.kind}_deleted", id=target.id)


def read_photos(db: Db, paths: Sequence[str | Path]) -> list[Prepared | str]:
    """Each file read and made ready before anything is written: a Prepared copy, or the
    id of a photo this database already holds (not decoded again). One bad file refuses
    them all."""
    out: list[Prepared | str] = []
    for path in paths:
        raw = read_file(path)
        photo_id, _ = source_id(raw)
        known = db.execute("select 1 from photos where id = ?", [photo_id]).fetchone()
        out.append(photo_id if known else prepare(raw, str(path)))
    return out


def attach(
    db: Db,
    target: Owner,
    photos: Sequence[Prepared | str],
    *,
    caption: str | None = None,
    moment: str | None = None,
) -> list[dict]:
    """Shows the photos on the visit or activity, inside the caller's transaction (or its
    own). Returns one item per photo: its ids and what happened ('added': a new photo;
    'linked': a photo held already, newly on this record; 'unchanged'; 'updated': caption
    or moment changed; 'restored': it had been removed)."""
    caption = rules.optional_text("photo_links", "caption", caption, "--caption")
    if moment is not None and target.kind != "activity":
        raise InputError("err.photo_moment_visit")
    out: list[dict] = []
    with transaction(db):
        _live_owner(db, target)
        for photo in photos:
            state = "linked"
            if isinstance(photo, Prepared):
                photo_id = photo.id
                if not db.execute("select 1 from photos where id = ?", [photo_id]).fetchone():
                    row = photo.row()
                    records.insert(db, "photos", row)
                    shown = {k: v for k, v in row.items() if k != "data"}
                    audit.record(db, "create", "photo", photo_id, None, shown)
                    state = "added"
            else:
                photo_id = photo
            state = _link(db, target, photo_id, caption, moment, state)
            out.append({"photo_id": photo_id, "id": link_id(photo_id, target), "state": state})
    return out


def _link(
    db: Db, target: Owner, photo_id: str, caption: str | None, moment: str | None, state: str
) -> str:
    the_id = link_id(photo_id, target)
    found = records.row(db, "photo_links", the_id)
    if found is None:
        values = {
            "id": the_id,
            "photo_id": photo_id,
            "visit_id": target.id if target.kind == "visit" else None,
            "activity_id": target.id if target.kind == "activity" else None,
            "caption": caption,
            "moment": moment,
        }
        records.insert(db, "photo_links", values)
        audit.record(db, "create", "photo_link", the_id, None, values)
        return state
    changes: dict[str, Any] = {}
    if found["deleted_at"]:
        changes["deleted_at"] = None
    if caption is not None and caption != found["caption"]:
        changes["caption"] = caption
    if moment is not None and moment != found["moment"]:
        changes["moment"] = moment
    if not changes:
        return "unchanged"
    before = {k: found[k] for k in changes}
    records.update(db, "photo_links", the_id, changes)
    audit.record(db, "update", "photo_link", the_id, before, changes)
    return "restored" if "deleted_at" in changes else "updated"


def add_files(
    db: Db,
    target: Owner,
    paths: Sequence[str | Path],
    *,
    caption: str | None = None,
    moment: str | None = None,
) -> list[dict]:
    """`photo add REF FILE...`: every file checked first, then all attached at once."""
    if not paths:
        raise InputError("err.photo_none")
    caption = rules.optional_text("photo_links", "caption", caption, "--caption")
    moment = parse_moment(moment)
    if moment is not None and target.kind != "activity":
        raise InputError("err.photo_moment_visit")
    _live_owner(db, target)
    prepared = read_photos(db, paths)
    return attach(db, target, prepared, caption=caption, moment=moment)


_SELECT = """
select l.id, l.photo_id, l.caption, l.moment, p.taken_at, p.lat_e6, p.lon_e6, p.width,
    p.height, p.bytes, p.source_format, l.created_at
from photo_links l join photos p on p.id = l.photo_id
where l.deleted_at is null and p.deleted_at is null and l.{column} = ?
order by coalesce(p.taken_at, l.created_at), l.id
"""


def list_photos(db: Db, target: Owner) -> list[dict]:
    rows = db.execute(_SELECT.format(column=target.column), [target.id]).fetchall()
    out = []
    for n, row in enumerate(rows, 1):
        item = dict(zip(KEYS, (n, *row), strict=True))
        lat, lon = item["lat"], item["lon"]
        item["lat"] = lat / 1e6 if lat is not None else None
        item["lon"] = lon / 1e6 if lon is not None else None
        out.append(item)
    return out


def _pick(db: Db, target: Owner, ref: str) -> dict:
    """A photo of the record by its number in `photo list` or a prefix of its id (the
    photo's or the link's)."""
    shown = list_photos(db, target)
    raw = (ref or "").strip().lower()
    if raw.isascii() and raw.isdigit():
        for item in shown:
            if item["n"] == int(raw):
                return item
        raise NotFoundError("err.photo_unknown", ref=ref, n=len(shown))
    plain = raw.replace("-", "")
    if len(plain) < 6:
        raise InputError("err.photo_ref", ref=ref)
    found = [
        item
        for item in shown
        if item["photo_id"].replace("-", "").startswith(plain)
        or item["id"].replace("-", "").startswith(plain)
    ]
    if len(found) != 1:
        raise NotFoundError("err.photo_unknown", ref=ref, n=len(shown))
    return found[0]


def remove(db: Db, target: Owner, refs: Sequence[str]) -> list[dict]:
    """Takes photos off the visit or activity (tombstones of their links); the photo's
    content stays for the other records that show it."""
    if not refs:
        raise InputError("err.photo_none")
    with transaction(db):
        picked = {item["id"]: item for item in (_pick(db, target, ref) for ref in refs)}
        for the_id in picked:
            records.soft_delete(db, "photo_links", the_id)
            audit.record(db, "delete", "photo_link", the_id, {"deleted_at": None}, None)
    return list(picked.values())


def data(db: Db, photo_id: str) -> bytes:
    found = db.execute("select data from photos where id = ?", [photo_id]).fetchone()
    if found is None or found[0] is None:
        raise NotFoundError("err.photo_unknown", ref=photo_id, n=0)
    return bytes(found[0])


def export(db: Db, target: Owner, folder: str | Path) -> list[Path]:
    """Writes the record's photos (stored copies, JPEG) into `folder`, named by their
    number, date and id: `01-2026-11-05-1a2b3c4d.jpg`."""
    from faskel_cli.core import atomic

    shown = list_photos(db, target)
    base = Path(folder).expanduser()
    if base.exists() and not base.is_dir():
        raise InputError("err.photo_export_folder", path=str(folder))
    written = []
    for item in shown:
        day = (item["taken_at"] or item["added_at"])[:10]
        name = f"{item['n']:02d}-{day}-{item['photo_id'][:8]}.jpg"
        written.append(
            atomic.write_bytes(atomic.prepare_target(base / name), data(db, item["photo_id"]))
        )
    return written
