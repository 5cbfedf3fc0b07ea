"""The region tree: loading an area (any level, core/areas.py) from data/wilayah.csv and
resolving what a user types for a kelurahan or kecamatan (kode or name, any case, spaces
or hyphens)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from faskel_cli.core import areas
from faskel_cli.core.areas import read_reference
from faskel_cli.core.errors import ConflictError, InputError

if TYPE_CHECKING:
    from faskel_cli.core.store import Db, Reader

# Other spellings in use (older Kemendagri lists, local usage), by kelurahan kode. Spellings
# that differ only in spaces, hyphens or case (Kalibaros, Soko Duwet, ...) already match.
ALIASES: dict[str, tuple[str, ...]] = {
    "33.75.02.1012": ("Kalibaros",),
    "33.75.02.1002": ("Noyontaan Sari",),
    "33.75.01.1008": ("Pasir Kraton Kramat",),
    "33.75.04.1010": ("Soko Duwet",),
    "33.75.01.1004": ("Sapuro", "Kebulen", "Sapuro/Kebulen"),
}


normalise = areas.normalise


@dataclass(frozen=True)
class Region:
    kode: str
    nama: str
    level: str
    parent_kode: str | None = None


_level = areas.level_of


def find_area(ref: str) -> Region:
    """The area `ref` names, at any level (see core/areas.py)."""
    kode, nama = areas.find_area(ref)
    return Region(kode, nama, areas.level_of(kode), areas.parent_of(kode))


def load_area(db: Db, ref: str) -> Region:
    """Make `ref` the working area: load its regions (the units above it too, for their
    names). Refused when records of another area exist (they would point at regions no
    longer loaded)."""
    from faskel_cli.core.clock import use_area
    from faskel_cli.core.store import get_setting, put_setting, transaction

    area = find_area(ref)
    current = get_setting(db, "area")
    if current and current != area.kode:
        used = db.execute(
            "select (select count(*) from visits) + (select count(*) from lkk)"
            " + (select count(*) from activities) + (select count(*) from followups)"
            " + (select count(*) from facilitator_kelurahan)"
        ).fetchone()[0]
        if used:
            raise ConflictError("err.area_in_use", area=current, n=used)
    upper = set(areas.ancestors(area.kode))
    rows: list[tuple[str, str, str, str | None, int]] = []
    if areas.NATION in upper or area.kode == areas.NATION:
        rows.append((areas.NATION, areas.NATION_NAME, "negara", None, 0))
    source = read_reference() if area.kode == areas.NATION else read_reference(area.kode)
    for kode, nama in source:
        rows.append((kode, nama, _level(kode), areas.parent_of(kode), int(areas.is_desa(kode))))
    # The units above the area (a kota's province): their lines only.
    for kode in sorted(upper - {areas.NATION}):
        for found, nama in read_reference(kode):
            if found == kode:
                rows.append((kode, nama, _level(kode), areas.parent_of(kode), 0))
    with transaction(db):
        db.execute("delete from regions")
        db.conn.executemany(
            "insert into regions (kode, nama, level, parent_kode, is_desa) values (?, ?, ?, ?, ?)",
            rows,
        )
        put_setting(db, "area", area.kode)
    use_area(area.kode)
    return area


def area(db: Reader) -> Region:
    """The working area (any level), from the `area` setting."""
    row = db.execute(
        "select r.kode, r.nama, r.level, r.parent_kode from settings s "
        "join regions r on r.kode = s.value where s.key = 'area'"
    ).fetchone()
    return Region(row[0], row[1], row[2], row[3])


def village_totals(db: Reader, under: str | None = None) -> dict[str, int]:
    """How many villages the area (or the unit whose kode is `under`) has, and how many of
    them are desa: the summary's `kelurahan_total` and `desa_total`."""
    sql = "select count(*), coalesce(sum(is_desa), 0) from regions where level = 'kelurahan'"
    params: list = []
    if under:
        sql += " and kode like ?"
        params.append(f"{under}.%")
    total, desa = db.execute(sql, params).fetchone()
    return {"kelurahan_total": total, "desa_total": desa}


def kelurahan_rows(db: Reader, kecamatan_kode: str | None = None) -> list[dict]:
    sql = (
        "select k.kode, k.nama, k.is_desa, c.kode as kecamatan_kode, c.nama as kecamatan "
        "from regions k join regions c on c.kode = k.parent_kode "
        "where k.level = 'kelurahan'"
    )
    params: list = []
    if kecamatan_kode:
        sql += " and c.kode = ?"
        params.append(kecamatan_kode)
    sql += " order by k.kode"
    cols = ["kode", "nama", "is_desa", "kecamatan_kode", "kecamatan"]
    return [dict(zip(cols, row, strict=True)) for row in db.execute(sql, params).fetchall()]


def _candidates(db: Reader, level: str) -> list[tuple[str, str, str]]:
    """(kode, nama, parent name) of every region of `level` in the area."""
    return db.execute(
        "select r.kode, r.nama, coalesce(p.nama, '') from regions r "
        "left join regions p on p.kode = r.parent_kode where r.level = ?",
        [level],
    ).fetchall()


def resolve(db: Reader, ref: str, level: str) -> Region:
    """A kelurahan or kecamatan of the area from its kode, name or a known alias.

    `Kecamatan/Nama` picks among same-named desa of different kecamatan."""
    raw = (ref or "").strip()
    what = level if level in ("kelurahan", "kabupaten") else "kecamatan"
    if not raw:
        raise InputError(f"err.{what}_unknown", ref=ref, matches="-")
    # A kode is looked up alone (an import gives each row's kode; no need for every name).
    exact = db.execute(
        "select kode, nama from regions where kode = ? and level = ?", [raw, level]
    ).fetchone()
    if exact:
        return Region(exact[0], exact[1], level, exact[0].rsplit(".", 1)[0])
    rows = _candidates(db, level)
    by_kode = {kode: (kode, nama, parent) for kode, nama, parent in rows}
    if raw in by_kode:
        kode, nama, _ = by_kode[raw]
        return Region(kode, nama, level, kode.rsplit(".", 1)[0])
    parent_key = None
    if "/" in raw and level == "kelurahan" and raw.lower() not in ("sapuro/kebulen",):
        parent_part, raw = raw.split("/", 1)
        parent_key = normalise(parent_part)
    key = normalise(raw)
    names: dict[str, list[tuple[str, str, str]]] = {}
    for row in rows:
        names.setdefault(normalise(row[1]), []).append(row)
        if level == "kabupaten":  # `Semarang` for Kota or Kabupaten Semarang
            bare = areas.normalise(re.sub(r"^(kota|kabupaten)\s+", "", row[1], flags=re.I))
            bucket = names.setdefault(bare, [])
            if row not in bucket:
                bucket.append(row)
        if level == "kelurahan":
            for alias in ALIASES.get(row[0], ()):
                bucket = names.setdefault(normalise(alias), [])
                if row not in bucket:
                    bucket.append(row)
    matches = names.get(key, [])
    if parent_key:
        matches = [m for m in matches if normalise(m[2]) == parent_key]
    if len(matches) == 1:
        kode, nama, _ = matches[0]
        return Region(kode, nama, level, kode.rsplit(".", 1)[0])
    if len(matches) > 1:
        listed = ", ".join(f"{p}/{n} ({k})" for k, n, p in matches[:3])
        raise InputError(f"err.{what}_ambiguous", ref=ref, matches=listed)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.0)
    shown = []
    for name_key in close:
        for _, nama, _ in names[name_key]:
            if nama not in shown:
                shown.append(nama)
    raise InputError(f"err.{what}_unknown", ref=ref, matches=", ".join(shown[:3]) or "-")


def kelurahan(db: Reader, ref: str) -> Region:
    return resolve(db, ref, "kelurahan")


def kecamatan(db: Reader, ref: str) -> Region:
    return resolve(db, ref, "kecamatan")


def require_same_kelurahan(db: Db, kode: str, other_kode: str, what: str, ref: str) -> None:
    """Refuse linking a record of kelurahan `kode` to the `what` (visit, activity) `ref`
    of kelurahan `other_kode`, naming both."""
    if kode != other_kode:
        names = dict(
            db.execute(
                "select kode, nama from regions where kode in (?, ?)", [kode, other_kode]
            ).fetchall()
        )
        raise InputError(
            f"err.{what}_other_kelurahan",
            ref=ref,
            kelurahan=names.get(kode, kode),
            other=names.get(other_kode, other_kode),
        )
