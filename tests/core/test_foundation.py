"""The database file, settings, regions, facilitators and LKK, through the core."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from faskel_cli.core import audit, facilitators, lkk, regions, settings
from faskel_cli.core.db import connect, migration_status
from faskel_cli.core.errors import ConflictError, DatabaseError, InputError, NotFoundError
from faskel_cli.core.paths import resolve_db_path
from faskel_cli.messages import text
from tests.helpers import dump, left_behind_by_an_older_faskel, query


def test_db_path_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("FASKEL_DB", str(tmp_path / "env.db"))
    assert resolve_db_path(str(tmp_path / "cli.db")) == tmp_path / "cli.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    monkeypatch.delenv("FASKEL_DB")
    assert resolve_db_path(None).name == "faskel.db"  # the platform's user data dir


def test_new_database_is_private_wal_and_loaded_with_kota_pekalongan(tmp_path):
    path = tmp_path / "deep" / "new.db"
    db = connect(path)
    try:
        rows = regions.kelurahan_rows(db)
        assert len(rows) == 27
        assert rows[0] == {
            "kode": "33.75.01.1002",
            "nama": "Medono",
            "is_desa": 0,
            "kecamatan_kode": "33.75.01",
            "kecamatan": "Pekalongan Barat",
        }
        values = settings.all_settings(db)
        assert values["area"] == "33.75" and len(values["device_id"]) == 36
    finally:
        db.close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_migrations_listed(empty_path):
    rows = migration_status(empty_path)
    assert rows and all(r["status"] == "applied" for r in rows)
    assert rows[0]["name"] == "m001_foundation"


def test_opening_knows_every_migration_without_sqlite_utils(empty_path):
    """connect() tells an up-to-date database by the names in db.MIGRATIONS: they must be
    the schema's own, in order, or a new migration would never be applied."""
    from sqlite_utils import Database

    from faskel_cli.core.db import MIGRATIONS
    from faskel_cli.core.schema import migrations

    assert tuple(m.name for m in migrations.pending(Database(memory=True))) == MIGRATIONS
    assert [m["name"] for m in migration_status(empty_path)] == list(MIGRATIONS)


def test_migrations_of_a_file_not_yet_created_need_init(tmp_path):
    other = tmp_path / "new.db"
    with pytest.raises(DatabaseError) as caught:
        migration_status(other)
    assert caught.value.key == "err.db_missing"
    assert not other.exists()


def test_kelurahan_filters_and_aliases(db):
    barat = regions.kelurahan_rows(db, regions.kecamatan(db, "pekalongan-barat").kode)
    assert [r["nama"] for r in barat] == [
        "Medono",
        "Podosugih",
        "Sapuro Kebulen",
        "Bendan Kergon",
        "Pasirkratonkramat",
        "Tirto",
        "Pringrejo",
    ]
    assert len(regions.kelurahan_rows(db, regions.kecamatan(db, "33.75.04").kode)) == 6
    for alias, name in [
        ("Kalibaros", "Kali Baros"),
        ("Soko Duwet", "Sokoduwet"),
        ("noyontaan sari", "Noyontaansari"),
        ("Sapuro", "Sapuro Kebulen"),
        ("PASIR-KRATON-KRAMAT", "Pasirkratonkramat"),
        ("33.75.01.1002", "Medono"),
    ]:
        made = lkk.add(db, alias, "rt", f"RT {alias}")
        assert made["kelurahan"] == name
        kode = regions.kelurahan(db, name).kode
        assert lkk.list_all(db, kelurahan_kode=kode)[-1]["kelurahan"] == name


def test_unknown_kelurahan_and_kecamatan_name_closest(db):
    with pytest.raises(InputError) as caught:
        regions.kecamatan(db, "Pekalongan")
    assert "Pekalongan" in text(caught.value)
    with pytest.raises(InputError) as caught:
        lkk.add(db, "Podosugi", "rt", "x")
    assert "Podosugih" in text(caught.value)


def test_init_any_area_quickly(tmp_path):
    started = time.perf_counter()
    semarang = connect(tmp_path / "semarang.db")
    try:
        assert regions.load_area(semarang, "Kota Semarang").kode == "33.74"
        assert settings.get(semarang, "area") == "33.74"
        rows = regions.kelurahan_rows(semarang)
        assert len(rows) > 150 and all(r["kode"].startswith("33.74.") for r in rows)
    finally:
        semarang.close()
    assert time.perf_counter() - started < 5  # generous; the real figure is ~0.2 s
    batang = connect(tmp_path / "batang.db")
    try:
        regions.load_area(batang, "33.25")  # Kabupaten Batang: desa and kelurahan alike
        assert len(regions.kelurahan_rows(batang)) > 200
    finally:
        batang.close()
    with pytest.raises(InputError):
        regions.find_area("Kota Atlantis")
    with pytest.raises(InputError) as caught:
        regions.find_area("Semarang")  # ambiguous
    assert "Kota Semarang" in text(caught.value)


def test_area_cannot_change_under_existing_records(db, db_path):
    before = dump(db_path)
    with pytest.raises(ConflictError):
        settings.set_value(db, "area", "33.74")
    assert dump(db_path) == before


def test_config_keys(empty_db):
    facilitators.add(empty_db, "Siti", "siti")
    settings.set_value(empty_db, "me", "siti")
    assert settings.get(empty_db, "me") == "siti"
    assert settings.get(empty_db, "stall_days") == "30"
    for key, value, error in (
        ("colour", "blue", InputError),
        ("me", "nobody", NotFoundError),
        ("lang", "fr", InputError),
        ("device_id", "x", InputError),
    ):
        with pytest.raises(error):
            settings.set_value(empty_db, key, value)


def test_facilitators(empty_db):
    db = empty_db
    added = facilitators.add(
        db, "Siti Aminah", "siti", ["Medono", "Tirto"], role="faskel", phone="0812"
    )
    assert added["kelurahan"] == ["33.75.01.1002", "33.75.01.1009"]
    facilitators.add(db, "Hendra", "hendra", role="koordinator")
    for name, handle, role, error in (
        ("Other Siti", "siti", "faskel", ConflictError),
        ("Upper", "Siti", "faskel", InputError),
        ("Bad", "si ti", "faskel", InputError),
        ("Role", "role", "bos", InputError),
    ):
        with pytest.raises(error):
            facilitators.add(db, name, handle, role=role)
    edited = facilitators.edit(
        db, "siti", add_kelurahan=["Kauman"], remove_kelurahan=["Tirto"], name="Siti A."
    )
    assert edited["kelurahan"] == ["33.75.01.1002", "33.75.02.1004"]
    assert edited["name"] == "Siti A."
    assert [f["handle"] for f in facilitators.list_all(db)] == ["hendra", "siti"]
    kauman = regions.kelurahan(db, "Kauman").kode
    assert [f["handle"] for f in facilitators.list_all(db, kelurahan_kode=kauman)] == ["siti"]
    facilitators.deactivate(db, "hendra")
    assert [f["handle"] for f in facilitators.list_all(db)] == ["siti"]
    assert len(facilitators.list_all(db, include_inactive=True)) == 2
    with pytest.raises(ConflictError):
        facilitators.deactivate(db, "hendra")
    with pytest.raises(NotFoundError) as caught:
        facilitators.edit(db, "sitti", name="x")
    assert "siti" in text(caught.value)
    assert [h["action"] for h in audit.history(db, added["id"])] == ["create", "update"]


def test_lkk(empty_db, db_path):
    db = empty_db
    made = lkk.add(db, "Medono", "posyandu", "Posyandu Melati")
    assert set(made) == {
        "id",
        "ref",
        "kelurahan_kode",
        "kelurahan",
        "type",
        "name",
        "created_at",
        "updated_at",
    }
    lkk.add(db, "Tirto", "posyandu", "Posyandu Melati")  # the same name elsewhere is fine
    before = dump(db_path)
    with pytest.raises(ConflictError):
        lkk.add(db, "Medono", "pkk", "posyandu melati")
    with pytest.raises(InputError):
        lkk.add(db, "Medono", "koperasi", "X")
    assert dump(db_path) == before
    lkk.edit(db, "Posyandu Melati", kelurahan="Medono", name="Posyandu Melati 1")
    assert [r["name"] for r in lkk.list_all(db, lkk_type="posyandu")] == [
        "Posyandu Melati 1",
        "Posyandu Melati",
    ]
    lkk.remove(db, made["id"])
    assert len(lkk.list_all(db)) == 1
    lkk.add(db, "Medono", "posyandu", "Posyandu Melati 1")  # a removed name may be used again


def test_database_path_that_is_a_directory(tmp_path):
    with pytest.raises(DatabaseError) as caught:
        connect(tmp_path)
    assert caught.value.key == "err.db_is_dir" and str(tmp_path) in text(caught.value)


def test_database_file_that_is_not_sqlite(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("this is not a database\n")
    with pytest.raises(DatabaseError) as caught:
        connect(bogus, write=False)
    assert "SQLite" in text(caught.value)
    assert bogus.read_text() == "this is not a database\n"


def test_read_only_database_refuses_writes_but_reads(seeded_path):
    os.chmod(seeded_path, 0o400)
    try:
        before = dump(seeded_path)
        with pytest.raises(DatabaseError) as caught:
            connect(seeded_path)
        assert caught.value.key == "err.db_read_only"
        assert "hanya-baca" in text(caught.value)
        assert dump(seeded_path) == before
        reader = connect(seeded_path, write=False)
        try:
            assert len(lkk.list_all(reader)) == 3
        finally:
            reader.close()
    finally:
        os.chmod(seeded_path, 0o600)


def test_reading_an_older_database_migrates_it(seeded_path):
    left_behind_by_an_older_faskel(seeded_path)
    assert {r["status"] for r in migration_status(seeded_path)} == {"applied", "pending"}
    reader = connect(seeded_path, write=False)
    try:
        assert len(lkk.list_all(reader)) == 3
    finally:
        reader.close()
    assert {r["status"] for r in migration_status(seeded_path)} == {"applied"}
    # m004 made activities_summary again; m016, applied after it, replaced it.
    names = {row[0] for row in query(seeded_path, "select name from sqlite_master")}
    assert "activities_summary" not in names
    assert {"activity_stage_counts", "activities_stage_since"} <= names


def test_an_older_read_only_database_asks_for_migrate(seeded_path):
    left_behind_by_an_older_faskel(seeded_path)
    os.chmod(seeded_path, 0o400)
    try:
        with pytest.raises(DatabaseError) as caught:
            connect(seeded_path, write=False)
        assert "faskel db migrate" in text(caught.value)
    finally:
        os.chmod(seeded_path, 0o600)


def test_each_test_gets_a_private_wal_copy_of_its_template(seeded_template, seeded_path):
    """The fixtures' copies: the whole database (its WAL checkpointed before copying), still
    in WAL mode, readable by its owner only, and not the template itself."""
    assert seeded_path != seeded_template
    assert not Path(f"{seeded_template}-wal").exists()
    assert stat.S_IMODE(os.stat(seeded_path).st_mode) == 0o600
    assert dump(seeded_path) == dump(seeded_template)
    conn = sqlite3.connect(seeded_path)
    try:
        assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"
        assert conn.execute("select count(*) from lkk").fetchone()[0] == 3
    finally:
        conn.close()


def test_a_write_outside_a_transaction_is_kept_and_one_inside_is_all_or_nothing(db_path):
    """The core's Db commits a lone write at once, as sqlite-utils' execute does (the sqlite3
    module alone would leave it in a transaction that closing rolls back)."""
    from faskel_cli.core.store import get_setting, put_setting, transaction

    with connect(db_path) as db:
        put_setting(db, "me", "siti")
    with connect(db_path) as db:
        assert get_setting(db, "me") == "siti"
        with pytest.raises(RuntimeError), transaction(db):
            put_setting(db, "me", "budi")
            raise RuntimeError("half-way")
        assert not db.conn.in_transaction
    with connect(db_path) as db:
        assert get_setting(db, "me") == "siti"


def test_a_moment_is_read_in_the_working_areas_zone():
    """History and the bundles received say the local time of the area (Bali: WITA)."""
    from faskel_cli.core import clock

    stamp = "2026-11-23T03:05:00.000000Z"
    try:
        clock.use_area("33.75")
        assert clock.local_time(stamp) == "2026-11-23 10:05 WIB"
        clock.use_area("51")
        assert clock.local_time(stamp) == "2026-11-23 11:05 WITA"
        clock.use_area("94")
        assert clock.local_time(stamp) == "2026-11-23 12:05 WIT"
    finally:
        clock.use_area(None)
    assert clock.local_time("not a stamp") == "not a stamp"


def test_every_shareable_table_is_change_logged():
    """The migrations' list of change-logged tables (kept apart: shipped migrations read
    it) names exactly the tables a bundle carries."""
    from faskel_cli.core.bundle.wire import TABLES
    from faskel_cli.core.schema import CHANGE_LOGGED

    assert CHANGE_LOGGED == TABLES
