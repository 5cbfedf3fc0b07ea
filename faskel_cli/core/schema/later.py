"""The migrations of the levels, of the bundles' sources and of photos (m012 on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faskel_cli.core.schema.early import change_log_triggers
from faskel_cli.core.schema.registry import migrations, run_script

if TYPE_CHECKING:
    from sqlite_utils import Database as Db


@migrations()
def m012_levels(db: Db) -> None:
    """Areas at every level (core/areas.py): the region tree may hold the nation (kode
    'ID') and provinces. SQLite cannot alter a CHECK: the table is made again, and the views
    reading it are dropped and made again around it."""
    views = db.execute(
        "select name, sql from sqlite_master where type = 'view' and sql is not null"
    ).fetchall()
    for name, _ in views:
        db.execute(f"drop view [{name}]")
    run_script(
        db,
        """
        create table regions_new (
            kode text primary key,
            nama text not null,
            level text not null check (level in ('negara', 'provinsi', 'kabupaten',
                'kecamatan', 'kelurahan')),
            parent_kode text,
            is_desa integer not null default 0
        );
        insert into regions_new select kode, nama, level, parent_kode, is_desa from regions;
        drop table regions;
        alter table regions_new rename to regions;
        create index regions_parent on regions(parent_kode);
        """,
    )
    for _, sql in views:
        db.execute(sql)


@migrations()
def m014_bundle_sources(db: Db) -> None:
    """Every bundle imported, one row each (core/sources.py), a resend that changes nothing
    included: who sent it (device, handle, area), when, its newest record and its records
    per kind. Local to this database (no bundle carries it). The imports the audit already
    holds (those that brought something) are copied in, their area unknown."""
    from faskel_cli.core import sources

    run_script(db, sources.SCHEMA)
    sources.backfill(db.conn)
    present = db.execute("select 1 from sqlite_master where name = '_faskel_tables'").fetchone()
    if present:
        db.execute(
            "insert or ignore into _faskel_tables (nama, jenis, keterangan, description) "
            "values (?, ?, ?, ?)",
            [
                "bundle_sources",
                "internal",
                "Setiap bundel yang diimpor: pengirim, waktu, rekaman terbaru, jumlah per jenis.",
                "Every bundle imported: sender, when, newest record, records per kind.",
            ],
        )


@migrations()
def m015_photos(db: Db) -> None:
    """Photos as evidence of visits and activities (core/photos.py).

    - photos: one row per photo (its content), the stored copy's bytes in `data`: turned
      upright, at most PHOTO_LONG_SIDE pixels on its long side, re-encoded as JPEG, every
      metadata dropped but the capture time and place, kept as columns. Its id is made
      from the SHA-256 of the file as it was added (`source_sha256`), so the same photo
      added twice, on this laptop or another, is one record.
    - photo_links: a photo shown on a visit or an activity, with its caption and, for an
      activity, the moment of the work (sebelum, proses, sesudah). Its id is made from the
      photo and what it is attached to: attaching it again brings back the same link.
    Both travel in bundles (a photo's bytes as base64); `photo remove` is a tombstone of
    the link."""
    run_script(
        db,
        """
        create table photos (
            id text primary key,
            sha256 text not null,         -- of `data`
            source_sha256 text not null,  -- of the file as added
            source_format text not null,  -- jpeg, png, webp, heif
            source_bytes integer not null,
            width integer not null,
            height integer not null,
            bytes integer not null,       -- length of `data`
            taken_at text,                -- the camera's capture time (local, no zone)
            lat_e6 integer,               -- latitude in millionths of a degree
            lon_e6 integer,
            data blob not null,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create table photo_links (
            id text primary key,
            photo_id text not null references photos(id),
            visit_id text references visits(id),
            activity_id text references activities(id),
            caption text,
            moment text,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create index photo_links_visit on photo_links(visit_id) where visit_id is not null;
        create index photo_links_activity on photo_links(activity_id)
            where activity_id is not null;
        create index photo_links_photo on photo_links(photo_id);
        """,
    )
    run_script(db, change_log_triggers(("photos", "photo_links")))
    if db.execute("select 1 from sqlite_master where name = '_faskel_tables'").fetchone():
        db.conn.executemany(
            "insert or ignore into _faskel_tables (nama, jenis, keterangan, description) "
            "values (?, 'data', ?, ?)",
            [
                (
                    "photos",
                    "Foto dokumentasi (isi berkas: sudah tegak dan diperkecil).",
                    "Documentation photos (their content: upright and downscaled).",
                ),
                (
                    "photo_links",
                    "Foto pada kunjungan dan kegiatan, dengan keterangannya.",
                    "Photos shown on visits and activities, with their captions.",
                ),
            ],
        )


@migrations()
def m016_activity_stage_counts(db: Db) -> None:
    """The summary's activities by stage (core/summary_measures.py) without reading every
    activity ever started: `activity_stage_counts` holds, per village and stage, how many
    live activities are in that stage now, kept by triggers; the summary takes those and
    corrects them for the few activities whose stage changed after the period's end (read
    through `activities_stage_since`). Local and derived: never in a bundle."""
    run_script(
        db,
        """
        drop index if exists activities_summary;
        create table activity_stage_counts (
            kelurahan_kode text not null,
            stage text not null,
            n integer not null,
            primary key (kelurahan_kode, stage)
        ) without rowid;
        insert into activity_stage_counts (kelurahan_kode, stage, n)
            select kelurahan_kode, stage, count(*) from activities
            where deleted_at is null group by kelurahan_kode, stage;
        create trigger activity_stage_counts_insert after insert on activities
        when new.deleted_at is null begin
            insert into activity_stage_counts (kelurahan_kode, stage, n)
            values (new.kelurahan_kode, new.stage, 1)
            on conflict (kelurahan_kode, stage) do update set n = n + 1;
        end;
        create trigger activity_stage_counts_update
        after update of kelurahan_kode, stage, deleted_at on activities begin
            update activity_stage_counts set n = n - 1 where old.deleted_at is null
                and kelurahan_kode = old.kelurahan_kode and stage = old.stage;
            insert into activity_stage_counts (kelurahan_kode, stage, n)
            select new.kelurahan_kode, new.stage, 1 where new.deleted_at is null
            on conflict (kelurahan_kode, stage) do update set n = n + 1;
        end;
        create trigger activity_stage_counts_delete after delete on activities
        when old.deleted_at is null begin
            update activity_stage_counts set n = n - 1
                where kelurahan_kode = old.kelurahan_kode and stage = old.stage;
        end;
        -- Every column the correction reads, deleted_at too (SQLite reads the table for a
        -- column of the WHERE its index lacks).
        create index activities_stage_since on activities(stage_since, kelurahan_kode,
            stage, id, deleted_at) where deleted_at is null;
        """,
    )
    if db.execute("select 1 from sqlite_master where name = '_faskel_tables'").fetchone():
        db.execute(
            "insert or ignore into _faskel_tables (nama, jenis, keterangan, description) "
            "values ('activity_stage_counts', 'internal', ?, ?)",
            [
                "Jumlah kegiatan per kelurahan per tahap saat ini (untuk ringkasan).",
                "Activities per village per stage now (for summaries).",
            ],
        )


@migrations()
def m017_view_refs(db: Db) -> None:
    """The short reference (`ref`) beside the id in the lihat_* views of visits, activities,
    follow-ups and LKK: the one a person types, found where they read the file."""
    from faskel_cli.core.views import views_with_refs

    for name, sql in views_with_refs():
        db.execute(f"drop view if exists [{name}]")
        db.execute(sql)
