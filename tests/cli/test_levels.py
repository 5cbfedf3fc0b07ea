"""Areas at every level: `init --area` takes a kecamatan, a kabupaten/kota, a provinsi or
the whole country; today is the area's local date; summaries at the level that fits."""

from __future__ import annotations

import pytest

from faskel_cli.core import clock
from faskel_cli.core.areas import find_area
from faskel_cli.core.errors import InputError
from tests.helpers import Cli


@pytest.mark.parametrize(
    ("ref", "kode"),
    [
        ("Jawa Tengah", "33"),
        ("33", "33"),
        ("jawa-tengah", "33"),
        ("indonesia", "ID"),
        ("Kota Semarang", "33.74"),
        ("33.75.01", "33.75.01"),
        ("Karangdadap", "33.26.18"),
    ],
)
def test_an_area_at_every_level_by_kode_or_name(ref, kode):
    assert find_area(ref)[0] == kode


def test_an_ambiguous_name_lists_its_candidates():
    with pytest.raises(InputError) as caught:
        find_area("Semarang")
    listed = caught.value.params["matches"]
    assert "Kabupaten Semarang, Jawa Tengah (33.22)" in listed
    assert "Kota Semarang, Jawa Tengah (33.74)" in listed
    with pytest.raises(InputError):
        find_area("33.99")


def test_init_a_province_counts_its_tree(tmp_path):
    cli = Cli(tmp_path / "p.db")
    out = cli.ok("init", "--area", "Jawa Tengah").stdout
    assert "35 kabupaten/kota, 576 kecamatan, 8.563 desa/kelurahan" in out
    data = cli.json("summary", "--week", "2026-W48")
    assert data["level"] == "kabupaten" and data["group_level"] is None
    assert len(data["kabupaten"]) == 35 and "kelurahan" not in data
    assert "not_visited" not in data  # no 8,563 kodes unless asked
    assert data["totals"]["kelurahan_total"] == 8563
    assert data["totals"]["desa_total"] + 753 == 8563
    assert sum(row["not_visited"] for row in data["kabupaten"]) == 8563
    listed = cli.json("summary", "--week", "2026-W48", "--not-visited")
    assert len(listed["not_visited"]) == 8563
    deeper = cli.json("summary", "--level", "kecamatan", "--kabupaten", "Kota Semarang")
    assert deeper["level"] == "kecamatan" and deeper["scope"]["kode"] == "33.74"
    assert len(deeper["kecamatan"]) == 16
    kota = cli.json("summary", "--kabupaten", "33.75")
    assert kota["level"] == "kelurahan" and len(kota["kelurahan"]) == 27
    cli.fails("summary", "--level", "provinsi")
    table = cli.ok("summary").stdout
    assert "0 dari 8.563 desa/kelurahan dikunjungi" in table
    # By facilitator: narrowed by --kabupaten like the rest; --level has nothing to choose.
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "33.75.01.1002")
    cli.ok("facilitator", "add", "Ayu Lestari", "--handle", "ayu", "-k", "33.74.01.1001")
    people = cli.json("summary", "--by", "facilitator", "--kabupaten", "Kota Pekalongan")
    assert [row["handle"] for row in people] == ["siti"]
    assert len(cli.json("summary", "--by", "facilitator")) == 2
    shown = cli.ok("summary", "--by", "facilitator", "--kabupaten", "33.74").stdout
    assert "Kota Semarang" in shown and "ayu" in shown and "siti" not in shown
    for option in (("--level", "kecamatan"), ("--not-visited",)):
        refused = cli.fails("summary", "--by", "facilitator", *option, code=2).stderr
        assert f"{option[0]} tidak berlaku dengan --by facilitator" in refused
    # The trend at the same levels: one row per kabupaten/kota, or deeper.
    cli.ok("visit", "add", "--date", "2026-11-23", "-k", "33.74.01.1001", "--facilitator",
           "ayu", "--kind", "pendampingan", "--strand", "kesadaran")  # fmt: skip
    trend = cli.json("trend", "--weeks", "2")
    assert trend["level"] == "kabupaten" and len(trend["kabupaten"]) == 35
    assert next(r for r in trend["kabupaten"] if r["kode"] == "33.74")["visits"] == [0, 1]
    table = cli.ok("trend", "--weeks", "2").stdout
    assert "Kabupaten/Kota" in table and "Kota Semarang" in table
    csv_lines = cli.ok("trend", "--weeks", "2", "--format", "csv").stdout.splitlines()
    assert csv_lines[0].lstrip("\ufeff") == "kode,nama,2026-W47,2026-W48,total"
    assert "33.74,Kota Semarang,0,1,1" in csv_lines
    deeper = cli.json(
        "trend", "--weeks", "2", "--kabupaten", "Kota Semarang", "--level", "kecamatan"
    )
    assert deeper["level"] == "kecamatan" and len(deeper["kecamatan"]) == 16
    lines = cli.ok("trend", "--weeks", "2", "--kabupaten", "33.74", "--format", "csv").stdout
    assert lines.splitlines()[0].lstrip("\ufeff").startswith("kode,nama,kecamatan_kode,kecamatan,")
    # The recap: one kabupaten/kota (or kecamatan) at a time, its villages the rows.
    refused = cli.fails("report", "rekap", "--month", "2026-11", code=2).stderr
    assert "bukan untuk Jawa Tengah sekaligus" in refused and "--kabupaten" in refused
    recap = cli.json("report", "rekap", "--month", "2026-11", "--kabupaten", "Kota Semarang")
    assert recap["scope"] == {"kode": "33.74", "nama": "Kota Semarang", "level": "kabupaten"}
    assert len(recap["kelurahan"]) == 177 == recap["kelurahan_totals"]["kelurahan_total"]
    assert [row["handle"] for row in recap["facilitators"]] == ["ayu"]
    assert recap["facilitator_totals"]["visits"] == recap["kelurahan_totals"]["visits"] == 1
    # A kabupaten of desa and kelurahan names them so (in a kota they are kelurahan).
    md = cli.ok("report", "rekap", "--month", "2026-11", "--kabupaten", "33.26", "-f", "md").stdout
    assert "0 dari 285 desa/kelurahan dikunjungi" in md and "### Per desa/kelurahan" in md
    assert "desa/kelurahan tugasnya yang dikunjungi" in md
    out = tmp_path / "rekap-{area}-{month}.csv"
    cli.ok("report", "rekap", "--month", "2026-11", "--kecamatan", "33.74.01", "-o", str(out))
    assert (tmp_path / "rekap-semarang-tengah-2026-11.csv").is_file()


def test_the_nation_one_row_per_province(tmp_path):
    cli = Cli(tmp_path / "n.db")
    cli.ok("init", "--area", "indonesia")
    data = cli.json("summary")
    assert data["area"] == {"kode": "ID", "nama": "Indonesia", "level": "negara"}
    assert len(data["provinsi"]) == 38
    assert data["totals"]["kelurahan_total"] == 83762


def test_today_is_the_area_local_date(monkeypatch):
    monkeypatch.delenv("FASKEL_TODAY", raising=False)
    monkeypatch.setenv("FASKEL_NOW", "2026-11-28T16:30:00Z")  # 23:30 WIB, 00:30 WITA
    try:
        clock.use_area("33.75")
        assert clock.today().isoformat() == "2026-11-28"
        clock.use_area("51")  # Bali: WITA
        assert clock.today().isoformat() == "2026-11-29"
        clock.use_area("ID")  # the nation: each village in its own zone
        assert clock.today().isoformat() == "2026-11-28"
        assert clock.today("91.71.01.1001").isoformat() == "2026-11-29"
        assert clock.zone_of("73.71") is clock.WITA and clock.zone_of("94") is clock.WIT
    finally:
        clock.use_area(None)
