"""Photos in bundles: the same guarantees as every record (no loss, no doubles, any order
of imports), `--no-photos` leaves them out without losing them later, and a photo whose
bytes do not match its checksum is refused."""

from __future__ import annotations

import base64
import itertools
import json
import sqlite3
from datetime import date

import pytest

from faskel_cli.core import bundle, photos
from faskel_cli.core.errors import InputError
from tests import photo_files
from tests.helpers import (
    add_activity,
    add_visit,
    canonical,
    dump,
    export,
    import_counts,
    read_bundle,
    write_bundle,
)


def _add_photo(laptop, path, *, visit=None, activity=None, caption=None, moment=None):
    kind, ref = ("visit", visit) if visit else ("activity", activity)
    target = photos.owner(laptop.db, kind, ref)
    return photos.add_files(laptop.db, target, [path], caption=caption, moment=moment)[0]


def _photo_rows(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("select id, sha256, data from photos order by id").fetchall()
    finally:
        conn.close()


def test_photos_arrive_whole_and_once_in_any_order(laptops, tmp_path):
    a, b, c = laptops("a", "b", "c")
    shared = photo_files.phone_jpeg(tmp_path / "same.jpg", (900, 700))
    only_a = photo_files.phone_jpeg(tmp_path / "a.jpg", (700, 900), colour=(9, 9, 9))
    # the same photo on a visit of a and on a visit of b: one photo, two links
    _add_photo(a, shared, visit=add_visit(a.db), caption="di Medono")
    _add_photo(a, only_a, visit=add_visit(a.db, day="2026-11-20"))
    _add_photo(b, shared, visit=add_visit(b.db, kelurahan="Tirto"), caption="di Tirto")
    activity = add_activity(b.db)
    _add_photo(b, only_a, activity=activity, moment="sesudah")
    files = {
        name: export(lap.db, tmp_path / f"{name}.faskel")
        for name, lap in zip("ab", (a, b), strict=True)
    }
    # c imports a then b; b imports a; a imports b: all three hold the same, in any order
    import_counts(c.db, files["a"])
    import_counts(c.db, files["b"])
    import_counts(b.db, files["a"])
    import_counts(a.db, files["b"])
    for lap in (b, c):
        assert canonical(lap.path) == canonical(a.path)
    rows = _photo_rows(c.path)
    assert len(rows) == 2  # no doubles: the shared photo is one record everywhere
    assert {row[0] for row in rows} == {row[0] for row in _photo_rows(a.path)}
    # a second import of the same bundles changes nothing
    before = canonical(c.path)
    again = import_counts(c.db, files["a"], files["b"])
    assert canonical(c.path) == before
    assert again["photos"]["added"] == again["photos"]["updated"] == 0


def test_a_removal_travels_and_adding_again_wins_later(laptops, tmp_path):
    a, b = laptops("a", "b")
    visit = add_visit(a.db)
    path = photo_files.phone_jpeg(tmp_path / "p.jpg", (640, 480))
    _add_photo(a, path, visit=visit)
    import_counts(b.db, export(a.db, tmp_path / "1.faskel"))
    photos.remove(b.db, photos.owner(b.db, "visit", visit), ["1"])
    import_counts(a.db, export(b.db, tmp_path / "2.faskel"))
    assert photos.list_photos(a.db, photos.owner(a.db, "visit", visit)) == []
    assert _add_photo(a, path, visit=visit)["state"] == "restored"
    import_counts(b.db, export(a.db, tmp_path / "3.faskel"))
    assert len(photos.list_photos(b.db, photos.owner(b.db, "visit", visit))) == 1


def test_no_photos_leaves_them_out_and_the_next_export_carries_them(laptops, tmp_path):
    a, b = laptops("a", "b")
    _add_photo(a, photo_files.phone_jpeg(tmp_path / "p.jpg", (640, 480)), visit=add_visit(a.db))
    target = tmp_path / "kirim.faskel"
    light = bundle.export(a.db, target, changes=True, photos=False)
    assert "photos" not in light.counts and "photo_links" not in light.counts
    manifest, lines = read_bundle(target)
    assert manifest["photos"] is False
    assert not any(b'"kind":"photos"' in line for line in lines)
    import_counts(b.db, target)
    assert _photo_rows(b.path) == []
    target.unlink()  # sent; the next export of changes to it still carries the photos
    full = bundle.export(a.db, target, changes=True)
    assert full.counts["photos"] == 1 and full.counts["photo_links"] == 1
    import_counts(b.db, target)
    assert len(_photo_rows(b.path)) == 1
    assert canonical(b.path) == canonical(a.path)


def test_a_period_bundle_carries_the_photos_of_its_visits(laptops, tmp_path):
    a, b = laptops("a", "b")
    visit = add_visit(a.db, day="2026-11-23")
    _add_photo(a, photo_files.phone_jpeg(tmp_path / "p.jpg", (640, 480)), visit=visit)
    week = bundle.Window("week", date(2026, 11, 23), date(2026, 11, 29), "2026-W48")
    result = bundle.export(a.db, tmp_path / "w.faskel", window=week)
    assert result.counts["photos"] == 1 and result.counts["photo_links"] == 1
    import_counts(b.db, tmp_path / "w.faskel")
    assert len(photos.list_photos(b.db, photos.owner(b.db, "visit", visit))) == 1


def test_inspect_counts_photos_and_their_size(laptops, tmp_path):
    (a,) = laptops("a")
    _add_photo(a, photo_files.phone_jpeg(tmp_path / "p.jpg", (900, 700)), visit=add_visit(a.db))
    path = export(a.db, tmp_path / "x.faskel")
    sizes: dict[str, int] = {}
    _, found, error = bundle.inspect(path, sizes)
    assert error is None and found["photos"] == 1
    stored = _photo_rows(a.path)[0][2]
    assert len(stored) < sizes["photos"] * 3 / 4 < len(stored) + 2_000


def test_a_photo_whose_bytes_do_not_match_its_checksum_is_refused(laptops, tmp_path):
    a, b = laptops("a", "b")
    _add_photo(a, photo_files.phone_jpeg(tmp_path / "p.jpg", (640, 480)), visit=add_visit(a.db))
    manifest, lines = read_bundle(export(a.db, tmp_path / "x.faskel"))
    changed = []
    for line in lines:
        item = json.loads(line)
        if item["kind"] == "photos":
            data = bytearray(base64.b64decode(item["record"]["data"]))
            data[-10] ^= 0xFF
            item["record"]["data"] = base64.b64encode(bytes(data)).decode()
            line = json.dumps(item, separators=(",", ":")).encode() + b"\n"
        changed.append(line)
    bad = write_bundle(tmp_path / "bad.faskel", manifest, changed)
    before = dump(b.path)
    with pytest.raises(InputError) as refused:
        bundle.import_bundle(b.db, bad)
    assert refused.value.key == "err.bundle_blob"
    assert dump(b.path) == before


@pytest.mark.parametrize("order", list(itertools.permutations("abc")))
def test_three_laptops_with_the_same_photo_converge_in_every_order(laptops, tmp_path, order):
    laps = dict(zip("abc", laptops("a", "b", "c"), strict=True))
    path = photo_files.phone_jpeg(tmp_path / "p.jpg", (320, 240))
    for name, lap in laps.items():
        _add_photo(lap, path, visit=add_visit(lap.db, day="2026-11-2" + str("abc".index(name))))
    files = {n: export(lap.db, tmp_path / f"{n}.faskel") for n, lap in laps.items()}
    for target in laps.values():
        for name in order:
            import_counts(target.db, files[name])
    first = canonical(laps["a"].path)
    assert all(canonical(lap.path) == first for lap in laps.values())
    assert len(_photo_rows(laps["a"].path)) == 1
