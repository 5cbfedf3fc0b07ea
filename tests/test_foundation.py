"""The database file, settings, regions, facilitators and LKK."""

from __future__ import annotations

import os
import sqlite3
import stat
import time

import pytest

from faskel_cli.core.paths import resolve_db_path
from tests.conftest import dump, run_faskel


def test_db_path_resolution(monkeypatch, tmp_path, cli):
    monkeypatch.setenv("FASKEL_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("FASKEL_DB")
    assert resolve_db_path(None).name == "faskel.db"  # the platform's user data dir
    assert cli.ok("db", "path").stdout.strip() == str(cli.db_path)


def test_new_database_is_private_wal_and_loaded_with_kota_pekalongan(cli, db_path):
    cli.ok("init")  # reads never create a database (tests/core/test_first_use.py)
    rows = cli.json("kelurahan", "list")
    assert len(rows) == 27
    assert rows[0] == {
        "kode": "33.75.01.1002",
        "nama": "Medono",
        "kecamatan_kode": "33.75.01",
        "kecamatan": "Pekalongan Barat",
    }
    assert stat.S_IMODE(os.stat(db_path).st_mode) == 0o600
    conn = sqlite3.connect(db_path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    conn.close()
    settings = cli.json("config", "list")
    assert settings["area"] == "33.75" and len(settings["device_id"]) == 36


def test_migrations_listed(cli):
    cli.ok("init")  # the first use creates and migrates the database
    rows = cli.json("db", "migrate", "--list")
    assert rows and all(r["status"] == "applied" for r in rows)
    assert rows[0]["name"] == "m001_foundation"
    assert cli.ok("db", "migrate").stdout.strip() != ""


def test_migrations_of_a_file_not_yet_created(tmp_path, cli):
    other = tmp_path / "new.db"
    result = cli.__class__(other).fails("db", "migrate", "--list", "-f", "json", code=5)
    assert str(other) in result.stderr and "faskel init" in result.stderr
    assert not other.exists()  # listed without creating it


def test_kelurahan_filters_formats_and_aliases(cli):
    cli.ok("init")
    barat = cli.json("kelurahan", "list", "--kecamatan", "pekalongan-barat")
    assert [r["nama"] for r in barat] == [
        "Medono",
        "Podosugih",
        "Sapuro Kebulen",
        "Bendan Kergon",
        "Pasirkratonkramat",
        "Tirto",
        "Pringrejo",
    ]
    assert len(cli.json("kelurahan", "list", "--kecamatan", "33.75.04")) == 6
    csv_text = cli.ok("kelurahan", "list", "--format", "csv").stdout[1:]  # the BOM
    assert csv_text.splitlines()[0] == "kode,nama,kecamatan_kode,kecamatan"
    assert "Kali Baros" in cli.ok("kelurahan", "list").stdout
    for alias, name in [
        ("Kalibaros", "Kali Baros"),
        ("Soko Duwet", "Sokoduwet"),
        ("noyontaan sari", "Noyontaansari"),
        ("Sapuro", "Sapuro Kebulen"),
        ("PASIR-KRATON-KRAMAT", "Pasirkratonkramat"),
        ("33.75.01.1002", "Medono"),
    ]:
        cli.ok("lkk", "add", "--kelurahan", alias, "--type", "rt", "--name", f"RT {alias}")
        assert cli.json("lkk", "list", "--kelurahan", name)[-1]["kelurahan"] == name


def test_unknown_kelurahan_and_kecamatan_name_closest(cli):
    cli.ok("init")
    result = cli.fails("kelurahan", "list", "--kecamatan", "Pekalongan")
    assert "Pekalongan" in result.stderr
    result = cli.fails("lkk", "add", "--kelurahan", "Podosugi", "--type", "rt", "--name", "x")
    assert "Podosugih" in result.stderr


def test_init_any_area_quickly(cli, tmp_path):
    other = cli.__class__(tmp_path / "semarang.db")
    started = time.perf_counter()
    other.ok("init", "--area", "Kota Semarang")
    assert other.json("config", "list")["area"] == "33.74"
    rows = other.json("kelurahan", "list")
    assert len(rows) > 150 and all(r["kode"].startswith("33.74.") for r in rows)
    assert time.perf_counter() - started < 5  # generous; the real figure is ~0.2 s
    regency = cli.__class__(tmp_path / "batang.db")
    regency.ok("init", "--area", "33.25")  # Kabupaten Batang: desa and kelurahan alike
    assert len(regency.json("kelurahan", "list")) > 200
    cli.fails("init", "--area", "Kota Atlantis")
    assert "Kota Semarang" in cli.fails("init", "--area", "Semarang").stderr  # ambiguous


def test_area_cannot_change_under_existing_records(seeded, db_path):
    before = dump(db_path)
    seeded.fails("config", "set", "area", "33.74")
    assert dump(db_path) == before


def test_config_keys(cli):
    cli.ok("facilitator", "add", "Siti", "--handle", "siti")
    cli.ok("config", "set", "me", "siti")
    assert cli.ok("config", "get", "me").stdout.strip() == "siti"
    assert cli.ok("config", "get", "stall_days").stdout.strip() == "30"
    cli.fails("config", "set", "colour", "blue")
    cli.fails("config", "set", "me", "nobody")
    cli.fails("config", "set", "lang", "fr")
    cli.fails("config", "set", "device_id", "x")


def test_facilitators(cli):
    added = cli.json(
        "facilitator",
        "add",
        "Siti Aminah",
        "--handle",
        "siti",
        "--kelurahan",
        "Medono",
        "--kelurahan",
        "Tirto",
        "--phone",
        "0812",
        "--role",
        "faskel",
    )
    assert added["kelurahan"] == ["33.75.01.1002", "33.75.01.1009"]
    cli.ok("facilitator", "add", "Hendra", "--handle", "hendra", "--role", "koordinator")
    cli.fails("facilitator", "add", "Other Siti", "--handle", "siti")
    cli.fails("facilitator", "add", "Upper", "--handle", "Siti")
    cli.fails("facilitator", "add", "Bad", "--handle", "si ti")
    cli.fails("facilitator", "add", "Role", "--handle", "role", "--role", "bos")
    edited = cli.json(
        "facilitator",
        "edit",
        "siti",
        "--add-kelurahan",
        "Kauman",
        "--remove-kelurahan",
        "Tirto",
        "--name",
        "Siti A.",
    )
    assert edited["kelurahan"] == ["33.75.01.1002", "33.75.02.1004"]
    assert edited["name"] == "Siti A."
    assert [f["handle"] for f in cli.json("facilitator", "list")] == ["hendra", "siti"]
    assert [f["handle"] for f in cli.json("facilitator", "list", "-k", "Kauman")] == ["siti"]
    cli.ok("facilitator", "deactivate", "hendra")
    assert [f["handle"] for f in cli.json("facilitator", "list")] == ["siti"]
    assert len(cli.json("facilitator", "list", "--all")) == 2
    cli.fails("facilitator", "deactivate", "hendra")
    assert "siti" in cli.fails("facilitator", "edit", "sitti", "--name", "x").stderr
    history = cli.json("history", added["id"])
    assert [h["action"] for h in history] == ["create", "update"]


def test_lkk(cli, db_path):
    made = cli.json(
        "lkk", "add", "--kelurahan", "Medono", "--type", "posyandu", "--name", "Posyandu Melati"
    )
    assert set(made) == {
        "id",
        "kelurahan_kode",
        "kelurahan",
        "type",
        "name",
        "created_at",
        "updated_at",
    }
    cli.ok(
        "lkk", "add", "--kelurahan", "Tirto", "--type", "posyandu", "--name", "Posyandu Melati"
    )  # the same name in another kelurahan is fine
    before = dump(db_path)
    cli.fails("lkk", "add", "--kelurahan", "Medono", "--type", "pkk", "--name", "posyandu melati")
    cli.fails("lkk", "add", "--kelurahan", "Medono", "--type", "koperasi", "--name", "X")
    assert dump(db_path) == before
    cli.ok("lkk", "edit", "Posyandu Melati", "--kelurahan", "Medono", "--name", "Posyandu Melati 1")
    assert [r["name"] for r in cli.json("lkk", "list", "--type", "posyandu")] == [
        "Posyandu Melati 1",
        "Posyandu Melati",
    ]
    cli.ok("lkk", "remove", made["id"])
    assert len(cli.json("lkk", "list")) == 1
    cli.ok(
        "lkk", "add", "--kelurahan", "Medono", "--type", "posyandu", "--name", "Posyandu Melati 1"
    )  # a removed name may be used again


def test_database_path_that_is_a_directory(cli, tmp_path):
    result = cli.__class__(tmp_path).fails("kelurahan", "list")
    assert str(tmp_path) in result.stderr


def test_database_file_that_is_not_sqlite(tmp_path, cli):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("this is not a database\n")
    result = cli.__class__(bogus).fails("kelurahan", "list")
    assert "SQLite" in result.stderr
    assert bogus.read_text() == "this is not a database\n"


def test_read_only_database_refuses_writes_but_reads(seeded, db_path):
    seeded.ok("kelurahan", "list")
    os.chmod(db_path, 0o400)
    try:
        before = dump(db_path)
        result = seeded.fails(
            "lkk", "add", "--kelurahan", "Tirto", "--type", "rt", "--name", "RT 1"
        )
        assert "hanya-baca" in result.stderr
        assert dump(db_path) == before
        assert len(seeded.json("lkk", "list")) == 3
    finally:
        os.chmod(db_path, 0o600)


def test_cron_like_subprocess_and_python_m(tmp_path):
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "FASKEL_TODAY": "2026-11-28",
        "FASKEL_DB": str(tmp_path / "cron.db"),
    }
    assert run_faskel("init", env=env).returncode == 0
    result = run_faskel("kelurahan", "list", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    assert "Medono" in result.stdout
    result = run_faskel("visit", "add", "-k", "Medono", env=env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    result = run_faskel("--version", env=env)
    assert result.stdout.startswith("faskel ")


def test_help_is_indonesian_by_default_and_english_on_request(tmp_path):
    env = {**os.environ, "FASKEL_DB": str(tmp_path / "h.db")}
    assert "Catat kunjungan" in run_faskel("visit", "--help", env=env).stdout
    helped = run_faskel("visit", "list", "--help", env=env).stdout
    assert "tampilkan bantuan ini" in helped and "<str>" not in helped
    assert "Log a visit" in run_faskel("visit", "--help", "--lang", "en", env=env).stdout
    assert "Log a visit" in run_faskel("visit", "--help", env={**env, "FASKEL_LANG": "en"}).stdout


def test_completion_offers_names_from_the_database(seeded, db_path, monkeypatch):
    from faskel_cli.cli import common

    monkeypatch.setenv("FASKEL_DB", str(db_path))
    assert common.complete_kelurahan("Pa") == [
        "Padukuhan Kraton",
        "Panjang Baru",
        "Panjang Wetan",
        "Pasirkratonkramat",
    ]
    assert common.complete_handle("s") == ["siti"]


@pytest.mark.parametrize("flag", ["--lang", "--db"])
def test_global_options_may_come_after_the_command(flag, tmp_path):
    from faskel_cli.cli import hoist_global_options

    args = hoist_global_options(["visit", "list", flag, "x", "--format", "json"])
    assert args == [flag, "x", "visit", "list", "--format", "json"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["visit", "add", "--bogus"], "--bogus"),
        (["visit", "list", "--limit", "abc"], "--limit"),
        (["history"], "ID"),
        (["sumary"], "summary"),
    ],
)
def test_usage_errors_are_one_line_too(cli, args, words):
    result = cli.fails(*args, code=2)
    assert words in result.stderr and "--help" in result.stderr


def test_bare_command_shows_its_help(cli):
    result = cli("visit")
    assert "Catat kunjungan" in result.stdout and result.stderr == ""


def _left_behind_by_an_older_faskel(db_path):
    """Undo the summary-index migration, as if the file came from an older release."""
    conn = sqlite3.connect(db_path)
    with conn:
        for index in (
            "visits_links",
            "activities_summary",
            "followups_open",
            "followups_done",
            "followups_problem",
        ):
            conn.execute(f"drop index {index}")
        conn.execute("delete from _sqlite_migrations where name = 'm004_summary_indexes'")
    conn.close()


def test_reading_an_older_database_migrates_it(seeded, db_path):
    _left_behind_by_an_older_faskel(db_path)
    assert {r["status"] for r in seeded.json("db", "migrate", "--list")} == {"applied", "pending"}
    assert len(seeded.json("lkk", "list")) == 3  # a read command
    assert {r["status"] for r in seeded.json("db", "migrate", "--list")} == {"applied"}


def test_an_older_read_only_database_asks_for_migrate(seeded, db_path):
    _left_behind_by_an_older_faskel(db_path)
    os.chmod(db_path, 0o400)
    try:
        assert "faskel db migrate" in seeded.fails("lkk", "list").stderr
    finally:
        os.chmod(db_path, 0o600)
