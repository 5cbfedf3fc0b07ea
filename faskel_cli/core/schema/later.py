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
def m016_activity_stage_indexes(db: Db) -> None:
    """The summary's activities by stage (core/summary_measures.py) without reading the
    history in full: the evaluated ones (the last stage, where every activity ends up) are
    counted per village straight from an index in village order; the others, few at any
    time, and those evaluated after the period are read through indexes of their own."""
    run_script(
        db,
        """
        drop index if exists activities_summary;
        -- Each holds every column its query reads, the constant ones of its WHERE too
        -- (stage, deleted_at): SQLite reads the table for any column an index lacks, and a
        -- province's activities are spread over gigabytes.
        create index activities_evaluated on activities(kelurahan_kode, stage_since, stage,
            deleted_at) where deleted_at is null and stage = 'evaluasi';
        create index activities_evaluated_since on activities(stage_since, start_date,
            kelurahan_kode, stage, id, deleted_at) where deleted_at is null
            and stage = 'evaluasi';
        create index activities_open on activities(start_date, kelurahan_kode, stage_since,
            stage, id, deleted_at) where deleted_at is null and stage != 'evaluasi';
        """,
    )
