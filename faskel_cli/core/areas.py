"""Working areas at every level: a kecamatan, a kabupaten/kota, a provinsi or the whole
country (`indonesia`, kode `ID`), found by kode or name in data/wilayah.csv.

Region kodes nest (`33` > `33.75` > `33.75.01` > `33.75.01.1002`), so every unit above a
village is a prefix of its kode: summaries group villages by `substr(kode, 1, n)` and keep an
area's records by prefix, without walking the tree."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator

from faskel_cli.core.clock import NATION
from faskel_cli.core.errors import InputError

NATION_NAME = "Indonesia"
# From the top down; a village (desa or kelurahan) is level 'kelurahan'.
LEVELS = ("negara", "provinsi", "kabupaten", "kecamatan", "kelurahan")
# The length of a level's kode, the prefix of its villages' kodes.
WIDTH = {"negara": 0, "provinsi": 2, "kabupaten": 5, "kecamatan": 8, "kelurahan": 13}
NATION_WORDS = {"indonesia", "id", "nasional", "national", "negara", "nkri"}
SHOWN_CANDIDATES = 8
_KODE = re.compile(r"\d{2}(\.\d{2}(\.\d{2})?)?", re.ASCII)
_PREFIX_WORD = re.compile(r"^(kota|kabupaten|kab\.?|provinsi|prov\.?|kecamatan|kec\.?)\s+", re.I)


def level_of(kode: str) -> str:
    if kode == NATION:
        return "negara"
    return LEVELS[kode.count(".") + 1]


def parent_of(kode: str) -> str | None:
    if kode == NATION:
        return None
    if "." not in kode:
        return NATION
    return kode.rsplit(".", 1)[0]


def ancestors(kode: str) -> list[str]:
    """The kodes above `kode`, nation first."""
    found = []
    parent = parent_of(kode)
    while parent is not None:
        found.append(parent)
        parent = parent_of(parent)
    return found[::-1]


def below(level: str) -> str | None:
    """The level under `level` (None under a village)."""
    index = LEVELS.index(level)
    return LEVELS[index + 1] if index + 1 < len(LEVELS) else None


def prefix(kode: str) -> str:
    """What the kode of every village of the area starts with ('' for the nation)."""
    return "" if kode == NATION else kode + "."


def is_desa(kode: str) -> bool:
    """A village kode whose last part starts with 2 is a desa (with 1 a kelurahan)."""
    return kode.count(".") == 3 and kode.rsplit(".", 1)[1].startswith("2")


def normalise(text: str) -> str:
    return re.sub(r"[\s\-_.'/]+", "", (text or "").lower())


def _bare(name: str) -> str:
    return normalise(_PREFIX_WORD.sub("", name))


def _label(kode: str, nama: str, names: dict[str, str]) -> str:
    """`Kecamatan Tirto, Kabupaten Pekalongan (33.26.18)`: a candidate as a person tells
    it from its namesakes."""
    level = level_of(kode)
    shown = nama if level in ("kabupaten", "provinsi") else f"{level.capitalize()} {nama}"
    parent = parent_of(kode)
    if parent and parent != NATION:
        shown += f", {names.get(parent, parent)}"
    return f"{shown} ({kode})"


@functools.cache
def _reference_text() -> str:
    """data/wilayah.csv whole (2.3 MB, read in about 15 ms): a process that makes a new
    database looks up its area, the area's rows and the units above it in the one text."""
    from faskel_cli.core.paths import data_file

    return data_file("wilayah.csv").read_text(encoding="utf-8")


def read_reference(prefix: str | None = None) -> Iterator[tuple[str, str]]:
    """(kode, nama) rows of data/wilayah.csv, optionally only `prefix` and those under it."""
    import csv

    text = _reference_text()
    if prefix is None:
        reader = csv.reader(text.splitlines())
        next(reader)
        yield from ((row[0], row[1]) for row in reader)
        return
    # The file is sorted by kode (tests/core/test_areas.py holds it so): a unit's own line
    # and the lines under it are one block, found without reading the other 91,000 rows.
    start = text.find(f"\n{prefix},")
    if start < 0:
        return
    block = re.compile(rf"(?:{re.escape(prefix)}[.,][^\n]*(?:\n|\Z))+").match(text, start + 1)
    if block:
        for row in csv.reader(block.group().splitlines()):
            yield row[0], row[1]


def find_area(ref: str, rows: Iterable[tuple[str, str]] | None = None) -> tuple[str, str]:
    """(kode, nama) of the area `ref` names: `indonesia`; a kode of a provinsi (33),
    kabupaten/kota (33.75) or kecamatan (33.75.01); or a name of one of them (any case;
    `Semarang` for Kota or Kabupaten Semarang). Several matches: refused, listing them."""
    raw = (ref or "").strip()
    if normalise(raw) in NATION_WORDS:
        return NATION, NATION_NAME
    if _KODE.fullmatch(raw):
        # A kode: read only its own lines (the common, fast path of every new database).
        for kode, nama in read_reference(raw):
            if kode == raw:
                return kode, nama
        raise InputError("err.area_unknown", ref=ref, matches="-")
    units = [(k, n) for k, n in rows if k.count(".") < 3] if rows else list(_units())
    names = dict(units)
    key = normalise(raw)
    # Provinces and kabupaten/kota first: a kecamatan named like its kota is rarely meant.
    upper = [(k, n) for k, n in units if k.count(".") < 2]
    matches = [(k, n) for k, n in upper if normalise(n) == key]
    if not matches:
        matches = [(k, n) for k, n in upper if _bare(n) == key]
    if not matches:
        matches = [(k, n) for k, n in units if k.count(".") == 2 and _bare(n) == key]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = [_label(k, n, names) for k, n in matches[:SHOWN_CANDIDATES]]
        if len(matches) > SHOWN_CANDIDATES:
            shown.append(f"… (+{len(matches) - SHOWN_CANDIDATES})")
        raise InputError("err.area_ambiguous", ref=ref, matches=", ".join(shown))
    close = difflib.get_close_matches(key, [normalise(n) for _, n in upper], n=3, cutoff=0.6)
    similar = [n for _, n in upper if normalise(n) in close][:3]
    raise InputError("err.area_unknown", ref=ref, matches=", ".join(similar) or "-")


@functools.cache
def _units() -> tuple[tuple[str, str], ...]:
    """(kode, nama) of every unit above the villages (7,800 of them), read once: only their
    lines are parsed, not the 83,762 villages'."""
    import csv

    # A village's kode has 13 characters (33.75.01.1002), a unit's at most 8; a kode is
    # everything before the line's first comma.
    lines = [line for line in _reference_text().splitlines()[1:] if line.index(",") < 13]
    return tuple((row[0], row[1]) for row in csv.reader(lines))


@functools.cache
def _unit_names() -> dict[str, str]:
    """The name of every unit above the villages, by kode."""
    return dict(_units())


def place_of(kode: str) -> str | None:
    """`Kota Yogyakarta, Daerah Istimewa Yogyakarta` for a village (or unit) kode of the
    reference list; None for a kode that names nothing."""
    if not _KODE.fullmatch(kode.rsplit(".", 1)[0] if kode.count(".") == 3 else kode):
        return None
    names = _unit_names()
    found = [names[k] for k in (kode[:5], kode[:2]) if k in names and len(kode) >= len(k)]
    return ", ".join(dict.fromkeys(found)) or None
