"""What migration m008 writes: the views a person can read in sqlite3 or Datasette
(lihat_*), and the description of every table and view for `_faskel_tables`. Kept as it
shipped: a later change to a view is a new migration (m017 adds the short references)."""

from __future__ import annotations

VIEWS_M008 = """
create view lihat_kelurahan as
select
    k.kode as kode,
    k.nama as kelurahan,
    c.kode as kode_kecamatan,
    c.nama as kecamatan,
    case k.is_desa when 1 then 'desa' else 'kelurahan' end as jenis,
    (select group_concat(name, ', ') from (
        select f.name from facilitator_kelurahan fk join facilitators f on f.id = fk.facilitator_id
        where fk.kelurahan_kode = k.kode and f.deleted_at is null and f.active = 1
        order by f.name)) as fasilitator,
    (select count(*) from lkk l where l.kelurahan_kode = k.kode and l.deleted_at is null)
        as jumlah_lkk,
    (select count(*) from visits v where v.kelurahan_kode = k.kode and v.deleted_at is null)
        as jumlah_kunjungan,
    (select max(v.date) from visits v where v.kelurahan_kode = k.kode and v.deleted_at is null)
        as kunjungan_terakhir,
    (select count(*) from followups f where f.kelurahan_kode = k.kode
        and f.deleted_at is null and f.status = 'open') as tindak_lanjut_terbuka
from regions k join regions c on c.kode = k.parent_kode
where k.level = 'kelurahan';

create view lihat_fasilitator as
select
    f.handle as handle,
    f.name as nama,
    f.role as peran,
    f.phone as telepon,
    case f.active when 1 then 'ya' else 'tidak' end as aktif,
    (select group_concat(nama, ', ') from (
        select k.nama from facilitator_kelurahan fk join regions k on k.kode = fk.kelurahan_kode
        where fk.facilitator_id = f.id order by k.nama)) as kelurahan_tugas,
    (select count(*) from visits v where v.facilitator_id = f.id and v.deleted_at is null)
        as jumlah_kunjungan,
    (select max(v.date) from visits v where v.facilitator_id = f.id and v.deleted_at is null)
        as kunjungan_terakhir,
    f.id as id
from facilitators f
where f.deleted_at is null;

create view lihat_lkk as
select
    l.name as nama,
    case l.type
        when 'rt' then 'RT' when 'rw' then 'RW' when 'pkk' then 'PKK'
        when 'karang-taruna' then 'Karang Taruna' when 'posyandu' then 'Posyandu'
        when 'lpm' then 'LPM' when 'bkm' then 'BKM' when 'dasawisma' then 'Dasawisma'
        when 'lainnya' then 'lainnya' else l.type end as jenis,
    k.nama as kelurahan,
    c.nama as kecamatan,
    (select count(*) from visit_lkk vl join visits v on v.id = vl.visit_id
        where vl.lkk_id = l.id and v.deleted_at is null) as jumlah_kunjungan,
    l.id as id
from lkk l join regions k on k.kode = l.kelurahan_kode join regions c on c.kode = k.parent_kode
where l.deleted_at is null;

create view lihat_kunjungan as
select
    v.date as tanggal,
    k.nama as kelurahan,
    c.nama as kecamatan,
    f.name as fasilitator,
    f.handle as handle,
    v.kind as jenis_kerja,
    v.strand as unsur,
    (select group_concat(name, ', ') from (
        select l.name from visit_lkk vl join lkk l on l.id = vl.lkk_id
        where vl.visit_id = v.id order by l.name)) as lkk,
    v.male as peserta_laki_laki,
    v.female as peserta_perempuan,
    v.male + v.female as peserta,
    v.duration_minutes as durasi_menit,
    v.notes as catatan,
    a.title as kegiatan,
    (select count(*) from followups t where t.visit_id = v.id and t.deleted_at is null)
        as jumlah_kendala,
    v.kelurahan_kode as kode_kelurahan,
    v.id as id,
    v.created_at as dibuat,
    v.updated_at as diubah
from visits v
join regions k on k.kode = v.kelurahan_kode
join regions c on c.kode = k.parent_kode
join facilitators f on f.id = v.facilitator_id
left join activities a on a.id = v.activity_id
where v.deleted_at is null;

create view lihat_kegiatan as
select
    a.title as judul,
    k.nama as kelurahan,
    c.nama as kecamatan,
    a.type as jenis,
    a.stage as tahap,
    case a.stage when 'perencanaan' then 1 when 'pelaksanaan' then 2
        when 'pertanggungjawaban' then 3 when 'evaluasi' then 4 end as tahap_ke,
    a.stage_since as sejak,
    cast(julianday(date('now', '+7 hours')) - julianday(a.stage_since) as integer)
        as hari_di_tahap,
    a.start_date as tanggal_mulai,
    a.funding as sumber_dana,
    a.budget as anggaran,
    a.spent as dana_terpakai,
    (select group_concat(name, ', ') from (
        select l.name from activity_lkk al join lkk l on l.id = al.lkk_id
        where al.activity_id = a.id order by l.name)) as lkk,
    (select count(*) from visits v where v.activity_id = a.id and v.deleted_at is null)
        as jumlah_kunjungan,
    (select count(*) from followups t where t.activity_id = a.id and t.deleted_at is null
        and t.status = 'open') as tindak_lanjut_terbuka,
    a.kelurahan_kode as kode_kelurahan,
    a.id as id,
    a.created_at as dibuat,
    a.updated_at as diubah
from activities a
join regions k on k.kode = a.kelurahan_kode
join regions c on c.kode = k.parent_kode
where a.deleted_at is null;

create view lihat_tahap_kegiatan as
select
    a.title as kegiatan,
    k.nama as kelurahan,
    s.seq + 1 as urutan,
    s.stage as tahap,
    s.date as tanggal,
    s.spent as dana_terpakai,
    s.note as catatan,
    a.id as id_kegiatan
from activity_stages s
join activities a on a.id = s.activity_id
join regions k on k.kode = a.kelurahan_kode
where s.deleted_at is null and a.deleted_at is null;

create view lihat_tindak_lanjut as
select
    k.nama as kelurahan,
    c.nama as kecamatan,
    t.problem as kendala,
    t.action as tindak_lanjut,
    t.problem_date as tanggal_kendala,
    t.due as tenggat,
    o.name as penanggung_jawab,
    o.handle as handle_penanggung_jawab,
    case t.status when 'open' then 'terbuka' when 'done' then 'selesai' else t.status end
        as status,
    case when t.status = 'open' and t.due < date('now', '+7 hours') then 'ya' else 'tidak' end
        as terlambat,
    case when t.status = 'open' and t.due < date('now', '+7 hours')
        then cast(julianday(date('now', '+7 hours')) - julianday(t.due) as integer) end
        as hari_terlambat,
    t.done_date as tanggal_selesai,
    t.resolution as penyelesaian,
    v.date as tanggal_kunjungan,
    case when v.deleted_at is not null then 'ya' end as kunjungan_dihapus,
    a.title as kegiatan,
    t.kelurahan_kode as kode_kelurahan,
    t.id as id,
    t.visit_id as id_kunjungan,
    t.created_at as dibuat,
    t.updated_at as diubah
from followups t
join regions k on k.kode = t.kelurahan_kode
join regions c on c.kode = k.parent_kode
left join facilitators o on o.id = t.owner_id
left join visits v on v.id = t.visit_id
left join activities a on a.id = t.activity_id
where t.deleted_at is null;

create view lihat_tindak_lanjut_terbuka as
select * from lihat_tindak_lanjut where status = 'terbuka';
"""

# Migration m017: the views of records that have a short reference (core/refs.py) show it
# beside the id, the one a person types. view: the alias of its record's table.
REF_VIEWS = {
    "lihat_lkk": "l",
    "lihat_kunjungan": "v",
    "lihat_kegiatan": "a",
    "lihat_tindak_lanjut": "t",
}


def views_with_refs() -> list[tuple[str, str]]:
    """(name, create view statement) of REF_VIEWS: the m008 definition with `ref` just
    before `id`. (lihat_tindak_lanjut_terbuka selects * from lihat_tindak_lanjut.)"""
    made = []
    for statement in VIEWS_M008.split(";\n"):
        statement = statement.strip()
        name = statement.removeprefix("create view ").split(" ", 1)[0]
        if name in REF_VIEWS:
            alias = REF_VIEWS[name]
            own_id = f"\n    {alias}.id as id"
            assert statement.count(own_id) == 1, name
            made.append((name, statement.replace(own_id, f"\n    {alias}.ref as ref,{own_id}")))
    assert [name for name, _ in made] == list(REF_VIEWS)
    return made


# What each table and view of the database holds, for people who browse it: `data` (what
# faskel is about), `internal` (faskel's own bookkeeping: leave it alone) or `tampilan` (a
# view above). `faskel db tables` lists them. A migration adding a table adds its row.
TABLES_M008 = [
    ("regions", "data", "Wilayah kerja: kabupaten/kota, kecamatan dan kelurahan (kode Kemendagri).",
     "The working area: kabupaten/kota, kecamatan and kelurahan (Kemendagri codes)."),
    ("facilitators", "data", "Fasilitator dan koordinator.", "Facilitators and coordinators."),
    ("facilitator_kelurahan", "data", "Kelurahan tugas tiap fasilitator.",
     "The kelurahan each facilitator is assigned to."),
    ("lkk", "data", "LKK tiap kelurahan.", "The LKK of each kelurahan."),
    ("activities", "data", "Kegiatan kelurahan dan tahapnya kini.",
     "Kelurahan activities and their current stage."),
    ("activity_stages", "data", "Setiap pindah tahap kegiatan.",
     "Every stage move of an activity."),
    ("activity_lkk", "data", "LKK yang terlibat dalam kegiatan.",
     "The LKK taking part in activities."),
    ("visits", "data", "Kunjungan (kode, bukan nama: lihat lihat_kunjungan).",
     "Visits (codes, not names: see lihat_kunjungan)."),
    ("visit_lkk", "data", "LKK yang didampingi pada kunjungan.", "The LKK met on visits."),
    ("followups", "data",
     "Kendala dan tindak lanjutnya (status open/done: lihat lihat_tindak_lanjut).",
     "Problems and their follow-ups (status open/done: see lihat_tindak_lanjut)."),
    ("audit", "internal", "Riwayat setiap perubahan (dibaca `faskel history`).",
     "The history of every change (read by `faskel history`)."),
    ("settings", "internal", "Pengaturan basis data ini (`faskel config`).",
     "This database's settings (`faskel config`)."),
    ("change_log", "internal", "Urutan perubahan untuk ekspor bundel.",
     "The order of changes, for bundle exports."),
    ("bundle_targets", "internal", "Ekspor bundel terakhir per berkas tujuan.",
     "The last bundle export per target file."),
    ("bundle_seen", "internal", "Bundel laptop lain yang sudah diimpor `faskel sync`.",
     "Other laptops' bundles already imported by `faskel sync`."),
    ("_sqlite_migrations", "internal", "Migrasi skema yang sudah diterapkan.",
     "The schema migrations applied."),
    ("_faskel_tables", "internal", "Daftar ini: isi tiap tabel dan tampilan.",
     "This list: what each table and view holds."),
    # Tables of other features, described when this database has them.
    ("bundle_refused", "internal", "Bundel folder sinkronisasi yang ditolak.",
     "Bundles of a sync folder that were refused."),
    ("sheet_rows", "internal", "Baris lembar kerja yang sudah diimpor `faskel visit import`.",
     "Spreadsheet rows already imported by `faskel visit import`."),
    ("sheet_files", "internal", "Berkas lembar kerja yang sudah diimpor utuh.",
     "Spreadsheet files already imported whole."),
    ("facilitator_assignments", "internal", "Kelurahan tugas, termasuk fasilitator yang digabung.",
     "Assigned kelurahan, merged facilitators included."),
    ("lihat_kelurahan", "tampilan",
     "Kelurahan: kecamatan, fasilitator, jumlah LKK dan kunjungan, kunjungan terakhir.",
     "Kelurahan: kecamatan, facilitators, LKK and visits, last visit."),
    ("lihat_fasilitator", "tampilan", "Fasilitator: peran, kelurahan tugas, kunjungan.",
     "Facilitators: role, assigned kelurahan, visits."),
    ("lihat_lkk", "tampilan", "LKK: jenis, kelurahan, kunjungan.", "LKK: type, kelurahan, visits."),
    ("lihat_kunjungan", "tampilan",
     "Kunjungan dengan nama kelurahan, kecamatan, fasilitator, LKK dan kegiatan.",
     "Visits with the names of kelurahan, kecamatan, facilitator, LKK and activity."),
    ("lihat_kegiatan", "tampilan", "Kegiatan: tahap kini, sejak kapan, anggaran, dana terpakai.",
     "Activities: current stage, since when, budget, money spent."),
    ("lihat_tahap_kegiatan", "tampilan", "Setiap pindah tahap kegiatan, dengan judulnya.",
     "Every stage move of an activity, with its title."),
    ("lihat_tindak_lanjut", "tampilan",
     "Kendala dan tindak lanjut: status terbuka/selesai, terlambat per hari ini (WIB).",
     "Problems and follow-ups: status terbuka/selesai, overdue as of today (WIB)."),
    ("lihat_tindak_lanjut_terbuka", "tampilan", "Tindak lanjut yang masih terbuka.",
     "The follow-ups still open."),
]  # fmt: skip
