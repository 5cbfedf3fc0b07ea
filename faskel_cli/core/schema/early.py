"""The first migrations (m001 to m009) and the change-log triggers they install."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from faskel_cli.core.schema.registry import migrations, run_script
from faskel_cli.core.views import TABLES_M008, VIEWS_M008

if TYPE_CHECKING:
    # A migration is given a sqlite-utils Database (on the connection of the core's Db).
    from sqlite_utils import Database as Db


@migrations()
def m001_foundation(db: Db) -> None:
    run_script(
        db,
        """
        create table settings (key text primary key, value text not null);

        -- The region tree of the working area (one kabupaten/kota), loaded from data/wilayah.csv.
        create table regions (
            kode text primary key,
            nama text not null,
            level text not null check (level in ('kabupaten', 'kecamatan', 'kelurahan')),
            parent_kode text,
            is_desa integer not null default 0
        );
        create index regions_parent on regions(parent_kode);

        -- Shareable records carry a UUIDv7 id, UTC created_at/updated_at, the device that
        -- last wrote them and a tombstone (deleted_at) instead of being removed.
        create table facilitators (
            id text primary key,
            handle text not null,
            name text not null,
            role text not null default 'faskel' check (role in ('faskel', 'koordinator')),
            phone text,
            active integer not null default 1,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create unique index facilitators_handle on facilitators(handle) where deleted_at is null;

        create table facilitator_kelurahan (
            facilitator_id text not null references facilitators(id),
            kelurahan_kode text not null,
            primary key (facilitator_id, kelurahan_kode)
        ) without rowid;

        create table lkk (
            id text primary key,
            kelurahan_kode text not null,
            type text not null,
            name text not null,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create unique index lkk_name on lkk(kelurahan_kode, name collate nocase)
            where deleted_at is null;

        create table activities (
            id text primary key,
            kelurahan_kode text not null,
            title text not null,
            type text not null check (type in ('fisik', 'nonfisik')),
            funding text,
            budget integer,
            spent integer,
            start_date text not null,
            stage text not null,
            stage_since text not null,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create index activities_kelurahan on activities(kelurahan_kode);

        -- Every stage move of an activity; never updated, only added.
        create table activity_stages (
            id text primary key,
            activity_id text not null references activities(id),
            seq integer not null,
            stage text not null,
            date text not null,
            note text,
            spent integer,
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create index activity_stages_activity on activity_stages(activity_id, seq);
        create index activity_stages_date on activity_stages(date);

        create table activity_lkk (
            activity_id text not null references activities(id),
            lkk_id text not null references lkk(id),
            primary key (activity_id, lkk_id)
        ) without rowid;

        create table visits (
            id text primary key,
            date text not null,
            kelurahan_kode text not null,
            facilitator_id text not null references facilitators(id),
            kind text not null,
            strand text not null,
            male integer not null default 0,
            female integer not null default 0,
            duration_minutes integer,
            notes text,
            activity_id text references activities(id),
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        -- Covers what summaries read for a period, so they never touch the table itself.
        create index visits_summary on visits(date, kelurahan_kode, facilitator_id, male, female)
            where deleted_at is null;
        create index visits_kelurahan_date on visits(kelurahan_kode, date)
            where deleted_at is null;
        create index visits_facilitator on visits(facilitator_id, date);
        create index visits_activity on visits(activity_id) where activity_id is not null;
        create index visits_updated on visits(updated_at);

        create table visit_lkk (
            visit_id text not null references visits(id),
            lkk_id text not null references lkk(id),
            primary key (visit_id, lkk_id)
        ) without rowid;
        create index visit_lkk_lkk on visit_lkk(lkk_id);

        create table followups (
            id text primary key,
            kelurahan_kode text not null,
            problem text not null,
            action text not null,
            problem_date text not null,
            due text,
            owner_id text references facilitators(id),
            status text not null default 'open' check (status in ('open', 'done')),
            done_date text,
            resolution text,
            visit_id text references visits(id),
            activity_id text references activities(id),
            created_at text not null,
            updated_at text not null,
            deleted_at text,
            device_id text
        );
        create index followups_kelurahan on followups(kelurahan_kode, status);
        create index followups_owner on followups(owner_id);

        create table audit (
            id integer primary key,
            at text not null,
            who text,
            action text not null,
            entity text not null,
            entity_id text not null,
            before text,
            after text,
            device_id text
        );
        create index audit_entity on audit(entity_id);
        """,
    )


# Shareable tables whose changes are logged for bundle exports (core/bundle/).
# A later migration that rebuilds one of them (sqlite-utils transform) drops its triggers:
# it must run change_log_triggers() again (bundle exports also re-create missing ones).
CHANGE_LOGGED = (
    "facilitators",
    "lkk",
    "activities",
    "activity_stages",
    "visits",
    "followups",
    "photos",  # m015
    "photo_links",  # m015
)


def change_log_triggers(tables: Iterable[str] = CHANGE_LOGGED) -> str:
    """Every insert or update of a shareable record, made here or imported, gets the next
    number of the local change log, so "changed since the last export" never depends on
    clocks or on the updated_at an imported record brings along."""
    return "\n".join(
        f"create trigger if not exists change_log_{table}_{event} after {event} on {table} "
        f"begin insert into change_log (kind, record_id) values ('{table}', new.id); end;"
        for table in tables
        for event in ("insert", "update")
    )


@migrations()
def m003_bundle_exchange(db: Db) -> None:
    """Local state of bundle exchange; none of it travels in a bundle."""
    run_script(
        db,
        """
        -- The local change log: seq only grows (pruned below every export mark, never the
        -- last row, so a new row never reuses a number).
        create table change_log (
            seq integer primary key,
            kind text not null,
            record_id text not null
        );
        -- Per export target (a bundle path, or a sync folder's own file): the change log
        -- number exported last, and the content checksum written.
        create table bundle_targets (
            target text primary key,
            seq integer not null,
            sha256 text,
            exported_at text not null
        );
        -- Bundles of other devices already imported by `faskel sync`, per folder.
        create table bundle_seen (
            folder text not null,
            name text not null,
            sha256 text not null,
            size integer,
            mtime_ns integer,
            seen_at text not null,
            primary key (folder, name)
        ) without rowid;
        """,
    )
    run_script(db, change_log_triggers(CHANGE_LOGGED[:6]))  # the tables m001 made


@migrations()
def m004_summary_indexes(db: Db) -> None:
    """Covering indexes for summaries (core/summary.py), so a period's numbers are read from
    the period's index entries alone, whatever the size of the history."""
    run_script(
        db,
        """
        -- Visit ids of a period (for visit_lkk) and durations, without touching the table.
        create index visits_links on visits(date, kelurahan_kode, facilitator_id, id,
            duration_minutes) where deleted_at is null;
        -- Stage as of a day: the current stage unless it began after that day.
        create index activities_summary on activities(start_date, kelurahan_kode, stage_since,
            stage, id) where deleted_at is null;
        -- Follow-ups that can count for a period: every open one, those done since a day,
        -- and those whose problem date falls in a period.
        create index followups_open on followups(kelurahan_kode, problem_date, due, owner_id)
            where deleted_at is null and status = 'open';
        create index followups_done on followups(done_date, kelurahan_kode, problem_date, due,
            owner_id) where deleted_at is null and status = 'done';
        create index followups_problem on followups(problem_date, status, done_date,
            kelurahan_kode, owner_id, due) where deleted_at is null;
        """,
    )


@migrations()
def m005_identity_and_clock(db: Db) -> None:
    """One person, one LKK, whatever laptop made them; and where every change came from.

    - merged_into: the same facilitator (handle and name) or LKK (kelurahan, name and type)
      made on two laptops is merged into the record with the smaller id; the other becomes
      a tombstone naming it, which travels in bundles so that every database remaps.
    - facilitator_assignments: a facilitator's kelurahan, those of the records merged into
      it included (the tombstones keep their own lists, so the union is the same wherever
      the same records are, in whatever order they came).
    - audit.source: for a change that came in a bundle, the id of the audit row of that
      import (entity 'bundle': its file, device, sender); NULL when made here.
    - bundle_targets.from_seq/from_at: the change-log number (and time) the file last written
      to a target starts from, so that a file replacing it never holds less; NULL when that
      file holds every record or a period of work."""
    run_script(
        db,
        """
        alter table facilitators add column merged_into text references facilitators(id);
        alter table lkk add column merged_into text references lkk(id);
        alter table audit add column source integer;
        alter table bundle_targets add column from_seq integer;
        alter table bundle_targets add column from_at text;

        create view facilitator_assignments (facilitator_id, kelurahan_kode) as
        with recursive merged (id, survivor) as (
            select id, merged_into from facilitators
            where merged_into is not null and deleted_at is not null
            union
            select m.id, f.merged_into from merged m join facilitators f on f.id = m.survivor
            where f.merged_into is not null and f.deleted_at is not null
        )
        select facilitator_id, kelurahan_kode from facilitator_kelurahan
        union
        select m.survivor, fk.kelurahan_kode
        from merged m join facilitator_kelurahan fk on fk.facilitator_id = m.id;
        """,
    )


@migrations()
def m006_bundle_refused(db: Db) -> None:
    """Bundles of a sync folder refused for what the file itself holds (a gzip bomb, a line
    breaking a rule, ...), so that `faskel sync` does not read them again while unchanged
    (same size and mtime, read by the same faskel); local, like bundle_seen."""
    run_script(
        db,
        """
        create table bundle_refused (
            folder text not null,
            name text not null,
            size integer not null,
            mtime_ns integer not null,
            faskel text not null,
            error text not null,
            refused_at text not null,
            primary key (folder, name)
        ) without rowid;
        """,
    )


@migrations()
def m007_sheet_rows(db: Db) -> None:
    """Rows of imported spreadsheets (`faskel visit import`): which visit or follow-up each
    row became, so that importing the same file again adds nothing twice and an edited row
    updates its record. Local to this database; none of it travels in a bundle."""
    run_script(
        db,
        """
        create table sheet_rows (
            -- 'ref:<ref or submission uuid>' or 'key:<date>|<kelurahan>|<facilitator>|<kind>|
            -- <strand>#<occurrence>' for a visit row; '<visit row identity>/kendala#<n>' for
            -- the n-th problem row of that visit.
            identity text primary key,
            kind text not null check (kind in ('visit', 'followup')),
            record_id text not null,
            digest text not null,  -- of the row's cells as imported last
            imported_at text not null
        ) without rowid;
        create index sheet_rows_record on sheet_rows(record_id);
        -- Files imported whole: the same bytes again, with sheet_rows as that import left
        -- them, are every row unchanged without reading a row.
        create table sheet_files (
            fingerprint text primary key,  -- SHA-256 of the file(s) and the default facilitator
            sheets text not null,  -- the names of its visits (and problems) sheets, tab-separated
            visits integer not null,
            problems integer not null,
            rows_state text not null,  -- count and latest imported_at of sheet_rows then
            imported_at text not null
        ) without rowid;
        """,
    )


@migrations()
def m008_views(db: Db) -> None:
    """Views a person can read (lihat_*) and `_faskel_tables`, which says of every table
    and view whether it is data, faskel's internal bookkeeping or a view."""
    run_script(db, VIEWS_M008)
    run_script(
        db,
        """
        create table _faskel_tables (
            nama text primary key,
            jenis text not null check (jenis in ('data', 'internal', 'tampilan')),
            keterangan text not null,
            description text not null
        );
        """,
    )
    present = {row[0] for row in db.execute("select name from sqlite_master").fetchall()}
    db.conn.executemany(
        "insert into _faskel_tables (nama, jenis, keterangan, description) values (?, ?, ?, ?)",
        [row for row in TABLES_M008 if row[0] in present],
    )


@migrations()
def m009_short_refs(db: Db) -> None:
    """Short references a person can say and type (core/refs.py): `ref` on visits,
    activities, follow-ups and LKK (made where the record is made, carried in bundles,
    never changed), and `ref_tags`, the tags this database made references with (local).
    The records already here get theirs, oldest first, without entering the change log
    (no other database needs them again: each gives its own records theirs)."""
    from faskel_cli.core import refs
    from faskel_cli.core.store import Db as CoreDb

    tables = list(refs.TABLES)
    run_script(
        db,
        """
        create table ref_tags (
            seq integer primary key,
            tag text not null unique,
            serial integer not null,  -- the last serial made with it
            since text not null,
            reason text not null,  -- 'first', 'full' (9999 made) or 'taken' (another device's)
            retired_at text  -- no more references with it after this
        );
        """,
    )
    for table in tables:
        db.execute(f"alter table [{table}] add column ref text")
        db.execute(f"create index [{table}_ref] on [{table}](ref)")
        for event in ("insert", "update"):
            db.execute(f"drop trigger if exists change_log_{table}_{event}")
    refs.fill_missing(CoreDb(db.conn), tables)  # the core's handle on the same connection
    run_script(db, change_log_triggers(tables))
    present = db.execute("select 1 from sqlite_master where name = '_faskel_tables'").fetchone()
    if present:
        db.execute(
            "insert or ignore into _faskel_tables (nama, jenis, keterangan, description) "
            "values (?, ?, ?, ?)",
            [
                "ref_tags",
                "internal",
                "Tag referensi pendek (mis. kmr12) yang dibuat basis data ini.",
                "The tags of short references (e.g. kmr12) this database made.",
            ],
        )
