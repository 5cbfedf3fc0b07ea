"""Photos of visits and activities through the CLI: what is stored (upright, downscaled,
capture time and place kept, other metadata dropped), stored once, and every bad file
refused with one line, exit code 2 and nothing written."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest
from PIL import Image

from faskel_cli.core.db import connect
from tests import photo_files
from tests.helpers import add_visit, dump


@pytest.fixture
def visit_id(seeded):
    database = connect(seeded.db_path)
    try:
        return add_visit(database)
    finally:
        database.close()


def _stored(cli) -> list[tuple]:
    conn = sqlite3.connect(cli.db_path)
    try:
        return conn.execute(
            "select id, width, height, bytes, taken_at, lat_e6, lon_e6, data, source_format "
            "from photos order by id"
        ).fetchall()
    finally:
        conn.close()


def test_a_phone_photo_is_stored_upright_small_with_its_time_and_place(seeded, visit_id, tmp_path):
    source = photo_files.phone_jpeg(tmp_path / "IMG_0001.jpg", noise=True)
    assert source.stat().st_size > 2_000_000  # a phone's photo of some megabytes
    added = seeded.json("visit", "photo", "add", visit_id, str(source), "--caption", "Rapat RT 03")
    assert [item["state"] for item in added] == ["added"]
    ((photo_id, width, height, size, taken_at, lat, lon, data, fmt),) = _stored(seeded)
    assert photo_id == added[0]["photo_id"]
    # orientation 6: the 4000×3000 sensor image stands upright, 1600 px on its long side
    assert (width, height) == (1200, 1600)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (1200, 1600)
    # the blue mark of the sensor's top left corner is now at the top right
    # (regions' means: a single pixel of the noise may be as blue as the mark)
    from PIL import ImageStat

    def blue(box: tuple[int, int, int, int]) -> float:
        return ImageStat.Stat(image.crop(box)).mean[2]

    assert blue((1100, 0, 1200, 100)) > 200 and blue((0, 0, 100, 100)) < 170
    assert size == len(data) < source.stat().st_size / 3
    assert taken_at == "2026-11-05T09:30:00" and fmt == "jpeg"
    assert lat == round(photo_files.LAT * 1e6) and lon == round(photo_files.LON * 1e6)
    assert not image.getexif()  # maker, orientation, GPS: none kept in the stored copy
    (listed,) = seeded.json("visit", "photo", "list", visit_id)
    assert listed["caption"] == "Rapat RT 03" and listed["lat"] == pytest.approx(-6.889028)
    assert listed["taken_at"] == "2026-11-05T09:30:00"


def test_the_same_photo_twice_is_stored_once(seeded, visit_id, tmp_path):
    source = photo_files.phone_jpeg(tmp_path / "a.jpg", (800, 600))
    copy = tmp_path / "copy of a.jpg"
    copy.write_bytes(source.read_bytes())
    first = seeded.json("visit", "photo", "add", visit_id, str(source), str(copy))
    assert [item["state"] for item in first] == ["added", "unchanged"]
    again = seeded.json("visit", "photo", "add", visit_id, str(source))
    assert again[0]["state"] == "unchanged"
    other = add_visit(connect(seeded.db_path), day="2026-11-24")
    on_other = seeded.json("visit", "photo", "add", other, str(copy))
    assert on_other[0]["state"] == "linked"
    assert len(_stored(seeded)) == 1
    assert len(seeded.json("visit", "photo", "list", visit_id)) == 1
    assert len(seeded.json("visit", "photo", "list", other)) == 1


def test_png_with_transparency_and_webp_are_taken(seeded, visit_id, tmp_path):
    png = photo_files.png_with_alpha(tmp_path / "layar.png")
    web = photo_files.webp(tmp_path / "wa.webp")
    seeded.ok("visit", "photo", "add", visit_id, str(png), str(web))
    stored = _stored(seeded)
    assert sorted(row[8] for row in stored) == ["png", "webp"]
    for row in stored:
        assert Image.open(io.BytesIO(row[7])).format == "JPEG"
        assert row[4] is None and row[5] is None  # no capture time, no place


def _not_image(path):
    path.write_text("bukan foto\n")
    return path


def _huge(path):
    with open(path, "wb") as handle:  # sparse: 21 MB without writing them
        handle.truncate(21 * 1024 * 1024)
    return path


# case: (how its file is made in a folder, what the refusal says)
BAD_FILES = {
    "not an image": (lambda folder: _not_image(folder / "catatan.jpg"), "bukan foto"),
    "truncated": (lambda folder: photo_files.truncated_jpeg(folder / "potong.jpg"), "terpotong"),
    "bomb": (lambda folder: photo_files.bomb_png(folder / "bom.png"), "megapiksel"),
    "over the size limit": (lambda folder: _huge(folder / "besar.jpg"), "20 MB"),
    "missing": (lambda folder: folder / "tidak-ada.jpg", "tidak bisa membaca"),
    "a folder": (lambda folder: folder, "folder"),
    "gif": (lambda folder: photo_files.gif(folder / "anim.gif"), "GIF"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_one_line_exit_2_and_nothing_written(seeded, visit_id, tmp_path, case):
    good = photo_files.phone_jpeg(tmp_path / "good.jpg", (640, 480))
    make, said = BAD_FILES[case]
    path = make(tmp_path)
    before = dump(seeded.db_path)
    result = seeded.fails("visit", "photo", "add", visit_id, str(good), str(path), code=2)
    assert said in result.stderr
    assert dump(seeded.db_path) == before  # the good photo beside it is not stored either


def test_an_unreadable_file_is_refused(seeded, visit_id, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = photo_files.phone_jpeg(tmp_path / "rahasia.jpg", (64, 64))
    path.chmod(0)
    seeded.fails("visit", "photo", "add", visit_id, str(path), code=2)


def test_visit_add_with_photos_and_a_bad_photo_writes_no_visit(seeded, tmp_path):
    good = photo_files.phone_jpeg(tmp_path / "good.jpg", (640, 480))
    bad = photo_files.truncated_jpeg(tmp_path / "bad.jpg")
    base = ["visit", "add", "-d", "2026-11-25", "--kelurahan", "Medono", "--facilitator", "siti"]
    base += ["--kind", "pendampingan", "--strand", "kesadaran"]
    before = dump(seeded.db_path)
    seeded.fails(*base, "--photo", str(good), "--photo", str(bad), code=2)
    assert dump(seeded.db_path) == before
    item = seeded.json(*base, "--photo", str(good))
    assert len(item["photos"]) == 1
    (listed,) = seeded.json("visit", "photo", "list", item["id"])
    assert listed["photo_id"] == item["photos"][0]


def test_remove_export_and_adding_again(seeded, visit_id, tmp_path):
    one = photo_files.phone_jpeg(tmp_path / "1.jpg", (640, 480), colour=(1, 2, 3))
    two = photo_files.phone_jpeg(tmp_path / "2.jpg", (640, 480), taken="2026:11:06 10:00:00")
    seeded.ok("visit", "photo", "add", visit_id, str(one), str(two))
    out = tmp_path / "keluar"
    written = seeded.ok("visit", "photo", "export", visit_id, str(out)).stdout.split()
    assert len(written) == 2 and all(Image.open(p).format == "JPEG" for p in written)
    assert sorted(os.listdir(out))[1].startswith("02-2026-11-06-")
    seeded.ok("visit", "photo", "remove", visit_id, "1")
    (left,) = seeded.json("visit", "photo", "list", visit_id)
    assert left["taken_at"] == "2026-11-06T10:00:00"
    seeded.fails("visit", "photo", "remove", visit_id, "7", code=3)
    again = seeded.json("visit", "photo", "add", visit_id, str(one))
    assert again[0]["state"] == "restored"
    assert len(seeded.json("visit", "photo", "list", visit_id)) == 2
    assert len(_stored(seeded)) == 2


def test_activity_photos_before_and_after(seeded, tmp_path):
    made = seeded.json(
        "activity", "add", "--kelurahan", "Medono", "--title", "Normalisasi saluran",
        "--type", "fisik", "--date", "2026-11-02",
    )  # fmt: skip
    before = photo_files.phone_jpeg(tmp_path / "0.jpg", (640, 480), colour=(90, 90, 90))
    after = photo_files.phone_jpeg(tmp_path / "100.jpg", (640, 480), colour=(0, 90, 200))
    seeded.ok("activity", "photo", "add", made["id"], str(before), "--when", "before")
    seeded.ok("activity", "photo", "add", made["id"], str(after), "--when", "sesudah")
    listed = seeded.json("activity", "photo", "list", made["id"])
    assert sorted(item["moment"] for item in listed) == ["sebelum", "sesudah"]
    table = seeded.ok("activity", "photo", "list", made["id"]).stdout
    assert "[sebelum]" in table
    visit = add_visit(connect(seeded.db_path))
    seeded.fails("visit", "photo", "add", visit, str(before), "--when", "before", code=2)
