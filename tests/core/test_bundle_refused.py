"""Refused bundles through the core: nothing is written, and the reason names what is
wrong (file damage, another area, invalid or clashing records); dry runs write nothing."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from faskel_cli.core import bundle, facilitators, lkk
from faskel_cli.core.errors import FaskelError
from faskel_cli.messages import set_lang, text
from tests.helpers import (
    add_visit,
    canonical,
    db_row,
    dump,
    export,
    import_counts,
    read_bundle,
    record_line,
    write_bundle,
)


@pytest.fixture
def two(laptops, tmp_path):
    a, b = laptops("a", "b")
    add_visit(a.db, lkk=["Posyandu Melati"])
    add_visit(a.db, kelurahan="Kauman", who="budi")
    return a, b, export(a.db, tmp_path / "good.faskel", everything=True)


def refused(db, *paths: Path, dry_run=False, code: int | None = None) -> str:
    """The message of the refusal of importing `paths` (as `faskel bundle import` shows it);
    `code`: the exit code it must give."""
    with pytest.raises(FaskelError) as caught:
        import_counts(db, *paths, dry_run=dry_run)
    if code is not None:
        assert caught.value.exit_code == code
    return text(caught.value)


def _truncated(path: Path, tmp: Path) -> Path:
    data = path.read_bytes()
    out = tmp / "truncated.faskel"
    out.write_bytes(data[: len(data) * 2 // 3])
    return out


def _corrupted(path: Path, tmp: Path) -> Path:
    data = bytearray(path.read_bytes())
    middle = len(data) * 2 // 3
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    out = tmp / "corrupted.faskel"
    out.write_bytes(bytes(data))
    return out


def _hand_edited(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    lines[-1] = lines[-1].replace(b'"male":0', b'"male":50')
    assert b'"male":50' in lines[-1]
    return write_bundle(tmp / "edited.faskel", manifest, lines, recompute=False)


def _line_removed(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    return write_bundle(tmp / "short.faskel", manifest, lines[:-1], recompute=False)


def _counts_edited(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    manifest["counts"]["visits"] = 5
    return write_bundle(tmp / "counts.faskel", manifest, lines, recompute=False)


def _new_version(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    return write_bundle(tmp / "v2.faskel", {**manifest, "version": 2}, lines)


def _other_area(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    other = {**manifest, "area": "33.74", "area_name": "Kota Semarang"}
    return write_bundle(tmp / "semarang.faskel", other, lines)


def _manifest_broken(path: Path, tmp: Path) -> Path:
    manifest, lines = read_bundle(path)
    del manifest["device_id"]
    return write_bundle(tmp / "no-device.faskel", manifest, lines, recompute=False)


def _line_endless(path: Path, tmp: Path) -> Path:
    manifest, _ = read_bundle(path)
    return write_bundle(
        tmp / "endless.faskel", manifest, [b"x" * (bundle.MAX_LINE + 1)], recompute=False
    )


def _text_file(path: Path, tmp: Path) -> Path:
    out = tmp / "notes.faskel"
    out.write_text("kunjungan minggu ini\n", encoding="utf-8")
    return out


def _sqlite_file(path: Path, tmp: Path) -> Path:
    return tmp / "a.db"


def _empty_file(path: Path, tmp: Path) -> Path:
    out = tmp / "empty.faskel"
    out.write_bytes(b"")
    return out


def _gzip_of_json(path: Path, tmp: Path) -> Path:
    out = tmp / "other.json.gz"
    with gzip.open(out, "wb") as handle:
        handle.write(b'{"format": "something-else", "version": 1}\n')
    return out


def _gzip_of_binary(path: Path, tmp: Path) -> Path:
    out = tmp / "blob.gz"
    with gzip.open(out, "wb") as handle:
        handle.write(os.urandom(1000))
    return out


def _directory(path: Path, tmp: Path) -> Path:
    out = tmp / "a-folder"
    out.mkdir()
    return out


def _missing(path: Path, tmp: Path) -> Path:
    return tmp / "nowhere.faskel"


BAD = {
    "truncated": (_truncated, "terpotong"),
    "corrupted": (_corrupted, "rusak"),
    "hand-edited": (_hand_edited, "checksum"),
    "line-removed": (_line_removed, "checksum"),
    "counts-edited": (_counts_edited, "manifest"),
    "unknown-version": (_new_version, "versi 2"),
    "other-area": (_other_area, "Kota Semarang (33.74)"),
    "manifest-broken": (_manifest_broken, "tidak sah (device_id"),
    "line-endless": (_line_endless, "terlalu panjang"),
    "text-file": (_text_file, "bukan bundel"),
    "sqlite-file": (_sqlite_file, "bukan bundel"),
    "empty-file": (_empty_file, "bukan bundel"),
    "other-json": (_gzip_of_json, "bukan bundel"),
    "gzip-of-binary": (_gzip_of_binary, "bukan bundel"),
    "directory": (_directory, "bukan bundel"),
    "missing": (_missing, "tidak ditemukan"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_bundles_are_refused_and_nothing_is_written(two, tmp_path, case):
    a, b, good = two
    make, words = BAD[case]
    bad = make(good, tmp_path)
    before = dump(b.path)
    for dry_run in (False, True):
        assert words in refused(b.db, bad, dry_run=dry_run)
        assert dump(b.path) == before
    # ... and the good bundle still imports afterwards.
    assert import_counts(b.db, good)["visits"]["added"] == 2


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"male": "lima"}, "baris 8: male"),
        ({"kind": "rapat"}, "baris 8: kind"),
        ({"date": "23/11/2026"}, "baris 8: date"),
        ({"updated_at": "kemarin"}, "baris 8: updated_at"),
        ({"id": "not-an-id"}, "baris 8: id"),
        ({"rating": 5}, "isian 'rating' tidak dikenal"),
        ({"lkk_ids": ["x"]}, "baris 8: lkk_ids.0"),
    ],
)
def test_invalid_records_are_refused_with_their_line(two, tmp_path, change, words):
    a, b, good = two
    manifest, lines = read_bundle(good)
    assert json.loads(lines[6])["kind"] == "visits"  # line 8 of the file
    record = {**json.loads(lines[6])["record"], **change}
    lines[6] = record_line("visits", record)
    bad = write_bundle(tmp_path / "bad.faskel", manifest, lines)
    before = dump(b.path)
    assert words in refused(b.db, bad)
    assert dump(b.path) == before


def test_columns_a_bundle_leaves_out_take_their_defaults(two, tmp_path):
    """A bundle from a faskel before some migration lacks the columns it added."""
    a, b, good = two
    manifest, lines = read_bundle(good)
    record = json.loads(lines[6])["record"]
    for column in ("notes", "duration_minutes", "male", "lkk_ids"):
        record.pop(column)
    lines[6] = record_line("visits", record)
    counts = import_counts(b.db, write_bundle(tmp_path / "older.faskel", manifest, lines))
    assert counts["visits"]["added"] == 2
    row = db_row(b.path, "visits", record["id"])
    assert (row["notes"], row["duration_minutes"], row["male"]) == (None, None, 0)


def test_a_record_twice_is_refused(two, tmp_path):
    a, b, good = two
    manifest, lines = read_bundle(good)
    bad = write_bundle(tmp_path / "twice.faskel", manifest, [*lines, lines[-1]])
    before = dump(b.path)
    assert "dua kali" in refused(b.db, bad)
    assert dump(b.path) == before


def test_references_outside_the_bundle_and_database_are_named(laptops, tmp_path):
    a, b = laptops("a", "b")
    target = tmp_path / "a.faskel"
    export(a.db, target, changes=True)  # everything so far went out to that file
    facilitators.add(a.db, "Dewi Lestari", "dewi", ["Krapyak"])
    dewi = export(a.db, target, changes=True).rename(tmp_path / "dewi.faskel")
    visit_id = add_visit(a.db, kelurahan="Krapyak", who="dewi")
    visit = export(a.db, target, changes=True).rename(tmp_path / "visit.faskel")
    before = dump(b.path)
    set_lang("en")
    with pytest.raises(bundle.BundleRefused) as caught:
        import_counts(b.db, visit)
    assert caught.value.exit_code == 4 and caught.value.only_missing
    assert f"visit {visit_id}: facilitator_id" in text(caught.value)
    assert "neither in the bundle nor in this database" in text(caught.value)
    assert dump(b.path) == before
    # The dry run counts it as refused.
    (preview,) = bundle.import_many(b.db, [visit], dry_run=True)
    assert preview.result.refused_total == 1
    assert vars(preview.result.counts["visits"]) == {
        "added": 1,
        "updated": 0,
        "unchanged": 0,
        "refused": 1,
    }
    assert dump(b.path) == before
    # Given together, in the wrong order, both go in: the refused one is tried again.
    counts = import_counts(b.db, visit, dewi)
    assert counts["visits"]["added"] == 1 and counts["facilitators"]["added"] == 1
    assert canonical(a.path) == canonical(b.path)


def test_kelurahan_outside_the_area_is_named(two, tmp_path):
    a, b, good = two
    manifest, lines = read_bundle(good)
    lkk = next(json.loads(line)["record"] for line in lines if b'"kind":"lkk"' in line)
    stranger = {
        **lkk,
        "id": "01900000-0000-7000-8000-000000000abc",
        "kelurahan_kode": "33.74.01.1001",
    }
    facilitator = json.loads(lines[0])["record"]
    moved = {**facilitator, "kelurahan_kodes": ["33.75.01.1002", "31.71.01.1001"]}
    moved["updated_at"] = "2099-01-01T00:00:00.000000Z"
    bad = write_bundle(
        tmp_path / "stranger.faskel",
        manifest,
        [record_line("facilitators", moved), record_line("lkk", stranger)],
    )
    before = dump(b.path)
    message = refused(b.db, bad, code=4)
    assert "33.74.01.1001" in message and "31.71.01.1001" in message
    # Each named with the area it belongs to.
    assert "33.74.01.1001 ada di Kota Semarang, Jawa Tengah, di luar wilayah" in message
    assert dump(b.path) == before


def test_the_same_handle_made_on_two_laptops_is_refused_until_renamed(laptops, tmp_path):
    a, b = laptops("a", "b")
    facilitators.add(a.db, "Nur Hidayah", "nur", ["Bandengan"])
    facilitators.add(b.db, "Nur Aini", "nur", ["Degayu"])
    from_b = export(b.db, tmp_path / "b.faskel")
    before = dump(a.path)
    set_lang("en")
    message = refused(a.db, from_b)
    assert "both have handle 'nur' but different names" in message
    assert "faskel facilitator edit nur --handle" in message  # the command, here
    assert dump(a.path) == before
    facilitators.edit(b.db, "nur", new_handle="nur.aini")
    counts = import_counts(a.db, export(b.db, tmp_path / "b.faskel"))
    assert counts["facilitators"]["added"] == 1
    handles = [f["handle"] for f in facilitators.list_all(a.db)]
    assert "nur" in handles and "nur.aini" in handles


def test_a_name_freed_by_a_deletion_can_be_taken_in_the_same_bundle(laptops, tmp_path):
    a, b = laptops("a", "b")
    lkk.remove(b.db, "Posyandu Melati", kelurahan="Medono")
    lkk.add(b.db, "Medono", "posyandu", "Posyandu Melati")
    counts = import_counts(a.db, export(b.db, tmp_path / "b.faskel"))
    assert counts["lkk"] == {"added": 1, "updated": 1, "unchanged": 2, "refused": 0}
    assert canonical(a.path) == canonical(b.path)


def test_names_renamed_and_swapped_in_one_bundle(laptops, tmp_path):
    a, b = laptops("a", "b")
    lkk.edit(b.db, "PKK Medono", kelurahan="Medono", name="PKK Medono Lama")
    lkk.add(b.db, "Medono", "pkk", "PKK Medono")
    facilitators.edit(b.db, "siti", new_handle="tmp")
    facilitators.edit(b.db, "budi", new_handle="siti")
    facilitators.edit(b.db, "tmp", new_handle="budi")
    counts = import_counts(a.db, export(b.db, tmp_path / "b.faskel"))
    assert counts["lkk"]["added"] == 1 and counts["lkk"]["updated"] == 1
    assert counts["facilitators"]["updated"] == 2
    assert canonical(a.path) == canonical(b.path)
    names = {f["handle"]: f["name"] for f in facilitators.list_all(a.db)}
    assert names == {"siti": "Budi Santoso", "budi": "Siti Aminah"}


def test_dry_run_reports_without_writing(two):
    a, b, good = two
    before = dump(b.path)
    counts = import_counts(b.db, good, dry_run=True)
    assert counts["visits"] == {"added": 2, "updated": 0, "unchanged": 0, "refused": 0}
    assert counts["lkk"] == {"added": 0, "updated": 0, "unchanged": 3, "refused": 0}
    assert dump(b.path) == before
