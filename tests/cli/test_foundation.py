"""The edge of the database, settings, regions, facilitators and LKK commands: output
formats, one-line refusals and their exit codes, help, completion, cron-like runs."""

from __future__ import annotations

import os

import pytest

from tests.helpers import Cli, dump, left_behind_by_an_older_faskel, run_faskel


def test_db_path_prints_the_database_in_use(cli):
    assert cli.ok("db", "path").stdout.strip() == str(cli.db_path)


def test_first_use_creates_the_database(tmp_path):
    fresh = Cli(tmp_path / "first.db")
    fresh.ok("init")  # a read never creates one (tests/cli/test_unattended.py)
    rows = fresh.json("kelurahan", "list")
    assert len(rows) == 27
    assert rows[0] == {
        "kode": "33.75.01.1002",
        "nama": "Medono",
        "kecamatan_kode": "33.75.01",
        "kecamatan": "Pekalongan Barat",
    }
    assert os.stat(fresh.db_path).st_mode & 0o777 == 0o600
    settings = fresh.json("config", "list")
    assert settings["area"] == "33.75" and len(settings["device_id"]) == 36


def test_migrations_listed(cli):
    rows = cli.json("db", "migrate", "--list")
    assert rows and all(r["status"] == "applied" for r in rows)
    assert rows[0]["name"] == "m001_foundation"
    assert cli.ok("db", "migrate").stdout.strip() != ""


def test_migrations_of_a_file_not_yet_created(tmp_path):
    other = Cli(tmp_path / "new.db")
    result = other.fails("db", "migrate", "--list", "-f", "json", code=5)
    assert str(other.db_path) in result.stderr and "faskel init" in result.stderr
    assert not other.db_path.exists()


def test_kelurahan_list_formats(cli):
    assert len(cli.json("kelurahan", "list", "--kecamatan", "pekalongan-barat")) == 7
    csv_text = cli.ok("kelurahan", "list", "--format", "csv").stdout
    assert csv_text.splitlines()[0] == "\ufeffkode,nama,kecamatan_kode,kecamatan"  # BOM
    assert "Kali Baros" in cli.ok("kelurahan", "list").stdout
    cli.ok("lkk", "add", "--kelurahan", "Kalibaros", "--type", "rt", "--name", "RT 1")
    assert cli.json("lkk", "list", "--kelurahan", "Kali Baros")[-1]["kelurahan"] == "Kali Baros"


def test_unknown_kelurahan_and_kecamatan_name_closest(cli):
    result = cli.fails("kelurahan", "list", "--kecamatan", "Pekalongan", code=2)
    assert "Pekalongan" in result.stderr
    result = cli.fails("lkk", "add", "--kelurahan", "Podosugi", "--type", "rt", "--name", "x")
    assert "Podosugih" in result.stderr


def test_init_names_the_area_loaded(cli):
    result = cli.ok("init", "--area", "Kota Semarang")
    assert "Kota Semarang (33.74)" in result.stdout
    assert cli.json("config", "list")["area"] == "33.74"
    cli.fails("init", "--area", "Kota Atlantis")
    assert "Kota Semarang" in cli.fails("init", "--area", "Semarang").stderr  # ambiguous


def test_area_cannot_change_under_existing_records(seeded, db_path):
    before = dump(db_path)
    seeded.fails("config", "set", "area", "33.74", code=4)
    assert dump(db_path) == before


def test_config_keys(seeded):
    seeded.ok("config", "set", "me", "siti")
    assert seeded.ok("config", "get", "me").stdout.strip() == "siti"
    assert seeded.ok("config", "get", "stall_days").stdout.strip() == "30"
    seeded.fails("config", "set", "colour", "blue", code=2)
    seeded.fails("config", "set", "me", "nobody", code=3)
    seeded.fails("config", "set", "lang", "fr", code=2)
    seeded.fails("config", "set", "device_id", "x", code=2)


def test_facilitator_commands(cli):
    added = cli.json(
        "facilitator", "add", "Siti Aminah", "--handle", "siti", "--kelurahan", "Medono",
        "--kelurahan", "Tirto", "--phone", "0812", "--role", "faskel",
    )  # fmt: skip
    assert added["kelurahan"] == ["33.75.01.1002", "33.75.01.1009"]
    cli.ok("facilitator", "add", "Hendra", "--handle", "hendra", "--role", "koordinator")
    cli.fails("facilitator", "add", "Other Siti", "--handle", "siti", code=4)
    cli.fails("facilitator", "add", "Upper", "--handle", "Siti", code=2)
    edited = cli.json(
        "facilitator", "edit", "siti", "--add-kelurahan", "Kauman", "--remove-kelurahan",
        "Tirto", "--name", "Siti A.",
    )  # fmt: skip
    assert edited["kelurahan"] == ["33.75.01.1002", "33.75.02.1004"]
    assert [f["handle"] for f in cli.json("facilitator", "list", "-k", "Kauman")] == ["siti"]
    cli.ok("facilitator", "deactivate", "hendra")
    assert [f["handle"] for f in cli.json("facilitator", "list")] == ["siti"]
    assert len(cli.json("facilitator", "list", "--all")) == 2
    cli.fails("facilitator", "deactivate", "hendra", code=4)
    assert "siti" in cli.fails("facilitator", "edit", "sitti", "--name", "x", code=3).stderr
    history = cli.json("history", added["id"])
    assert [h["action"] for h in history] == ["create", "update"]


def test_lkk_commands(cli, db_path):
    made = cli.json(
        "lkk", "add", "--kelurahan", "Medono", "--type", "posyandu", "--name", "Posyandu Melati"
    )
    assert list(made) == [
        "id", "ref", "kelurahan_kode", "kelurahan", "type", "name", "created_at", "updated_at",
    ]  # fmt: skip
    before = dump(db_path)
    cli.fails("lkk", "add", "--kelurahan", "Medono", "--type", "pkk", "--name", "posyandu melati")
    cli.fails("lkk", "add", "--kelurahan", "Medono", "--type", "koperasi", "--name", "X")
    assert dump(db_path) == before
    cli.ok("lkk", "edit", "Posyandu Melati", "--kelurahan", "Medono", "--name", "Posyandu 1")
    assert [r["name"] for r in cli.json("lkk", "list", "--type", "posyandu")] == ["Posyandu 1"]
    cli.ok("lkk", "remove", made["id"])
    assert cli.json("lkk", "list") == []


def test_database_path_that_is_a_directory(tmp_path):
    result = Cli(tmp_path).fails("kelurahan", "list", code=5)
    assert str(tmp_path) in result.stderr


def test_database_file_that_is_not_sqlite(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("this is not a database\n")
    result = Cli(bogus).fails("kelurahan", "list", code=5)
    assert "SQLite" in result.stderr
    assert bogus.read_text() == "this is not a database\n"


def test_read_only_database_refuses_writes_but_reads(seeded, db_path):
    os.chmod(db_path, 0o400)
    try:
        before = dump(db_path)
        result = seeded.fails(
            "lkk", "add", "--kelurahan", "Tirto", "--type", "rt", "--name", "RT 1", code=5
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
    """In a real process (the help texts are made in the language decided at start-up);
    FASKEL_LANG and every page's wording: tests/cli/test_typer_contract.py."""
    env = {**os.environ, "FASKEL_DB": str(tmp_path / "h.db")}
    helped = run_faskel("visit", "--help", env=env).stdout
    assert "Catat kunjungan" in helped and "tampilkan bantuan ini" in helped
    assert "Log a visit" in run_faskel("visit", "--help", "--lang", "en", env=env).stdout


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
def test_global_options_may_come_after_the_command(flag):
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


def test_reading_an_older_database_migrates_it(seeded, db_path):
    left_behind_by_an_older_faskel(db_path)
    assert {r["status"] for r in seeded.json("db", "migrate", "--list")} == {"applied", "pending"}
    assert len(seeded.json("lkk", "list")) == 3  # a read command
    assert {r["status"] for r in seeded.json("db", "migrate", "--list")} == {"applied"}


def test_an_older_read_only_database_asks_for_migrate(seeded, db_path):
    left_behind_by_an_older_faskel(db_path)
    os.chmod(db_path, 0o400)
    try:
        assert "faskel db migrate" in seeded.fails("lkk", "list", code=5).stderr
    finally:
        os.chmod(db_path, 0o600)
