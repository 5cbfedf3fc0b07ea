"""The database as people browse it: the lihat_* views give the numbers the commands give,
with names instead of codes and Indonesian labels; `_faskel_tables` and `faskel db tables`
say which tables are data, which internal and which views."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

import pytest

from tests.helpers import ROOT, Cli, copy_db


@pytest.fixture(scope="module")
def sample(sample_template, tmp_path_factory) -> Cli:
    """The demo's sample data; the tests here only read it."""
    return Cli(copy_db(sample_template, tmp_path_factory.mktemp("views") / "sample.db"))


def query(cli: Cli, sql: str, *params) -> list[sqlite3.Row]:
    conn = sqlite3.connect(cli.db_path)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_visits_as_the_commands_count_them(sample):
    listed = sample.json("visit", "list")
    rows = query(sample, "select * from lihat_kunjungan")
    assert sorted(r["id"] for r in rows) == sorted(v["id"] for v in listed)
    by_id = {v["id"]: v for v in listed}
    for row in rows:
        visit = by_id[row["id"]]
        assert (row["tanggal"], row["kelurahan"], row["kecamatan"], row["handle"]) == (
            visit["date"],
            visit["kelurahan"],
            visit["kecamatan"],
            visit["facilitator"],
        )
        assert (row["lkk"] or "") == ", ".join(visit["lkk"])
        assert row["peserta"] == visit["male"] + visit["female"]
    week = sample.json("summary", "--week", "2026-W48")
    in_week = query(
        sample,
        "select kode_kelurahan, count(*) n, sum(peserta_laki_laki) m, sum(peserta_perempuan) f "
        "from lihat_kunjungan where tanggal between ? and ? group by kode_kelurahan",
        week["period"]["start"],
        week["period"]["end"],
    )
    counted = {r["kode_kelurahan"]: (r["n"], r["m"], r["f"]) for r in in_week}
    for kel in week["kelurahan"]:
        assert counted.get(kel["kode"], (0, 0, 0)) == (
            kel["visits"],
            kel["male"] if kel["visits"] else 0,
            kel["female"] if kel["visits"] else 0,
        ), kel["nama"]
    names = {r["fasilitator"] for r in rows}
    assert "Siti Aminah" in names and "33.75" not in " ".join(r["kelurahan"] for r in rows)


def test_kelurahan_as_the_summary_has_them(sample):
    week = sample.json("summary", "--week", "2026-W48")
    rows = {r["kode"]: r for r in query(sample, "select * from lihat_kelurahan")}
    assert len(rows) == len(sample.json("kelurahan", "list")) == len(week["kelurahan"])
    for kel in week["kelurahan"]:
        row = rows[kel["kode"]]
        assert (row["kelurahan"], row["kecamatan"]) == (kel["nama"], kel["kecamatan"])
        assert row["kunjungan_terakhir"] == kel["last_visit"]
        assert row["tindak_lanjut_terbuka"] == kel["followups_open"]
    medono = next(r for r in rows.values() if r["kelurahan"] == "Medono")
    assert medono["fasilitator"] == "Siti Aminah" and medono["jenis"] == "kelurahan"


def test_open_followups_as_the_list_has_them(sample):
    listed = sample.json("followup", "list")
    rows = query(sample, "select * from lihat_tindak_lanjut_terbuka")
    assert sorted(r["id"] for r in rows) == sorted(f["id"] for f in listed)
    assert {r["status"] for r in rows} == {"terbuka"}
    everything = query(sample, "select status, count(*) n from lihat_tindak_lanjut group by 1")
    done = len(sample.json("followup", "list", "--done"))
    assert {r["status"]: r["n"] for r in everything} == {"terbuka": len(listed), "selesai": done}
    owners = {f["id"]: f["owner"] for f in listed}
    assert all(r["handle_penanggung_jawab"] == owners[r["id"]] for r in rows)
    assert all(r["penanggung_jawab"] and r["kelurahan"] for r in rows)


def test_activities_with_their_stage_as_the_list_has_them(sample):
    listed = sample.json("activity", "list")
    rows = query(sample, "select * from lihat_kegiatan")
    assert {r["id"]: r["tahap"] for r in rows} == {a["id"]: a["stage"] for a in listed}
    week = sample.json("summary", "--week", "2026-W48")
    assert dict(Counter(r["tahap"] for r in rows)) == {
        stage: n for stage, n in week["totals"]["activities"].items() if n
    }
    assert {r["tahap_ke"] for r in rows} <= {1, 2, 3, 4}
    moves = query(sample, "select count(*) n from lihat_tahap_kegiatan")[0]["n"]
    assert moves == sum(len(a["stages"]) for a in listed)


def test_facilitators_and_lkk_as_the_lists_have_them(sample):
    for person in sample.json("facilitator", "list"):
        (row,) = query(sample, "select * from lihat_fasilitator where handle = ?", person["handle"])
        visits = sample.json("visit", "list", "--facilitator", person["handle"])
        assert row["jumlah_kunjungan"] == len(visits) and row["nama"] == person["name"]
        assert row["aktif"] == "ya"
    lkk = sample.json("lkk", "list")
    rows = query(sample, "select * from lihat_lkk")
    assert sorted(r["id"] for r in rows) == sorted(item["id"] for item in lkk)
    assert "Karang Taruna" in {r["jenis"] for r in rows}


@pytest.mark.parametrize(
    ("view", "command"),
    [
        ("lihat_kunjungan", ["visit", "list"]),
        ("lihat_tindak_lanjut", ["followup", "list", "--all"]),
        ("lihat_kegiatan", ["activity", "list"]),
        ("lihat_lkk", ["lkk", "list"]),
    ],
)
def test_each_record_shows_the_short_reference_people_type(sample, view, command):
    listed = {item["id"]: item["ref"] for item in sample.json(*command)}
    rows = {r["id"]: r["ref"] for r in query(sample, f"select id, ref from {view}")}
    assert rows == listed and all(rows.values())


def test_overdue_in_the_view_is_overdue_in_the_list(seeded, db_path):
    """Due long ago or far ahead: overdue or not whatever today's date is."""
    common = ["followup", "add", "-k", "Medono", "--action", "Tindak", "-d", "2001-01-01"]
    late = seeded.ok(*common, "--problem", "Lama", "--due", "2001-01-15").stdout.strip()
    seeded.ok(*common, "--problem", "Nanti", "--due", "2099-12-31")
    finished = seeded.ok(*common, "--problem", "Beres", "--due", "2001-01-10").stdout.strip()
    seeded.ok("followup", "done", finished, "--note", "Sudah", "-d", "2001-01-05")
    rows = query(seeded, "select id, terlambat, hari_terlambat from lihat_tindak_lanjut_terbuka")
    assert {r["id"] for r in rows if r["terlambat"] == "ya"} == {late}
    assert [f["id"] for f in seeded.json("followup", "list", "--overdue")] == [late]
    assert all((r["hari_terlambat"] is None) == (r["terlambat"] == "tidak") for r in rows)
    assert finished not in {r["id"] for r in rows}


def test_deleted_records_are_not_in_the_views(seeded):
    visit = seeded.ok(
        "visit", "add", "-k", "Medono", "--facilitator", "siti", "--kind", "bimbingan",
        "--strand", "pemetaan", "--problem", "Kader", "--followup", "Latih",
    ).stdout.strip()  # fmt: skip
    assert len(query(seeded, "select * from lihat_kunjungan")) == 1
    seeded.ok("visit", "delete", visit)
    assert query(seeded, "select * from lihat_kunjungan") == []
    (followup,) = query(seeded, "select * from lihat_tindak_lanjut_terbuka")
    assert followup["kunjungan_dihapus"] == "ya"  # it stayed open; the view says why


def test_every_table_and_view_is_described(sample):
    described = {
        r["nama"]: r["jenis"] for r in query(sample, "select nama, jenis from _faskel_tables")
    }
    present = query(
        sample,
        "select name, type from sqlite_master where type in ('table', 'view') "
        "and name not like 'sqlite_%'",
    )
    assert {r["name"] for r in present} == set(described)
    for row in present:
        # lihat_* are for people; other views (facilitator_assignments) are faskel's own
        lihat = row["type"] == "view" and row["name"].startswith("lihat_")
        expected = "tampilan" if lihat else {"data", "internal"}
        assert described[row["name"]] in expected
    internal = {name for name, kind in described.items() if kind == "internal"}
    assert {"change_log", "bundle_seen", "bundle_targets", "settings", "audit"} <= internal
    assert "_sqlite_migrations" in internal


def test_db_tables_lists_views_first_and_marks_internal_ones(sample):
    rows = sample.json("db", "tables")
    kinds = [r["kind"] for r in rows]
    assert kinds == sorted(kinds, key=["tampilan", "data", "internal"].index)
    by_name = {r["name"]: r for r in rows}
    visits = len(json.loads((ROOT / "data" / "sample.json").read_text("utf-8"))["visits"])
    assert by_name["visits"]["rows"] == visits and by_name["lihat_kunjungan"]["rows"] is None
    assert by_name["change_log"]["kind"] == "internal"
    table = sample.ok("db", "tables", env={"COLUMNS": "120"}).stdout
    assert "lihat_tindak_lanjut_terbuka" in table and "internal" in table
    english = sample.json("--lang", "en", "db", "tables")
    assert {r["name"]: r["about"] for r in english}["lihat_kunjungan"].startswith("Visits with")
