"""Messages of the logbook: errors, database, regions, facilitators, LKK, visits."""

MESSAGES: dict[str, tuple[str, str]] = {
    "label.error": ("Kesalahan", "Error"),
    "label.warning": ("Peringatan", "Warning"),
    "hint.help": (" (lihat `{command} --help`)", " (see `{command} --help`)"),
    # --- errors -------------------------------------------------------------------------
    "err.choice": (
        "{option} '{value}' tidak dikenal; pilih salah satu: {choices}",
        "unknown {option} '{value}'; choose one of: {choices}",
    ),
    "err.missing_options": (
        "opsi wajib belum diisi: {options}",
        "missing required options: {options}",
    ),
    "err.nothing_to_change": (
        "tidak ada yang diubah; berikan minimal satu opsi perubahan",
        "nothing to change; give at least one option to change",
    ),
    "err.os": ("gagal mengakses berkas: {reason}", "cannot access a file: {reason}"),
    "err.interrupted": ("dibatalkan", "interrupted"),
    "err.date_format": (
        "{field} '{value}' bukan tanggal; tulis seperti 2026-11-23, 23/11/2026, hari-ini atau kemarin",
        "{field} '{value}' is not a date; write it like 2026-11-23, 23/11/2026, today or yesterday",
    ),
    "err.date_invalid": (
        "{field} '{value}' bukan tanggal yang ada di kalender",
        "{field} '{value}' is not a real calendar date",
    ),
    "err.not_utf8": (
        "argumen '{value}' bukan teks UTF-8 yang sah; ketik ulang tanpa karakter yang rusak",
        "argument '{value}' is not valid UTF-8 text; type it again without the broken characters",
    ),
    "err.limit_range": (
        "--limit {value} harus antara 1 dan {max}",
        "--limit {value} must be between 1 and {max}",
    ),
    "err.date_too_late": (
        "{field} {value} terlalu jauh; tanggal paling lambat 2099-12-31",
        "{field} {value} is too far ahead; dates end at 2099-12-31",
    ),
    "err.week_year": (
        "minggu '{value}' di luar jangkauan; tahunnya harus antara 2000 dan 2099",
        "week '{value}' is out of range; its year must be between 2000 and 2099",
    ),
    "err.date_too_early": (
        "{field} {value} terlalu lama; tanggal harus sejak 2000-01-01",
        "{field} {value} is too early; dates start at 2000-01-01",
    ),
    "err.date_future": (
        "{field} {value} ada di masa depan (hari ini {today})",
        "{field} {value} is in the future (today is {today})",
    ),
    "err.week_format": (
        "minggu '{value}' tidak dikenal; tulis seperti 2026-W48, W48, minggu-ini atau minggu-lalu",
        "unknown week '{value}'; write it like 2026-W48, W48, this or last",
    ),
    "err.week_invalid": (
        "minggu '{value}' tidak ada: tahun ISO {year} tidak punya minggu itu",
        "week '{value}' does not exist: ISO year {year} has no such week",
    ),
    "err.month_format": (
        "bulan '{value}' tidak dikenal; tulis seperti 2026-11, bulan-ini atau bulan-lalu",
        "unknown month '{value}'; write it like 2026-11, this or last",
    ),
    "err.range_reversed": (
        "--until {end} sebelum --since {start}",
        "--until {end} is before --since {start}",
    ),
    "err.duration": (
        "--duration '{value}' tidak dikenal; tulis menit (90) atau jam (1h30)",
        "unknown --duration '{value}'; write minutes (90) or hours (1h30)",
    ),
    "err.duration_range": (
        "--duration '{value}' harus antara 1 menit dan 24 jam",
        "--duration '{value}' must be between 1 minute and 24 hours",
    ),
    "err.count_format": (
        "{option} '{value}' bukan bilangan bulat; tulis jumlah orang, mis. 12",
        "{option} '{value}' is not a whole number; give a head count, e.g. 12",
    ),
    "err.count_negative": (
        "{option} {value} negatif; jumlah peserta 0 atau lebih",
        "{option} {value} is negative; a participant count is 0 or more",
    ),
    "err.count_too_big": (
        "{option} {value} terlalu besar; paling banyak {max} peserta",
        "{option} {value} is too large; at most {max} participants",
    ),
    "err.id_short": (
        "id '{ref}' terlalu pendek; tulis minimal {n} karakter awalnya",
        "id '{ref}' is too short; give at least its first {n} characters",
    ),
    "err.id_unknown": ("{entity} dengan id '{ref}' tidak ditemukan", "no {entity} with id '{ref}'"),
    "err.id_ambiguous": (
        "id '{ref}' cocok dengan {n} entri ({matches}); tulis lebih panjang",
        "id '{ref}' matches {n} records ({matches}); give more characters",
    ),
    # --- database -----------------------------------------------------------------------
    "err.db_is_dir": (
        "basis data {path} adalah folder; berikan nama berkas, mis. {path}/faskel.db",
        "database {path} is a directory; give a file, e.g. {path}/faskel.db",
    ),
    "err.db_not_sqlite": (
        "{path} bukan basis data SQLite; pilih berkas faskel lain dengan --db",
        "{path} is not a SQLite database; point --db at a faskel database",
    ),
    "err.db_unreadable": (
        "basis data {path} tidak bisa dibaca: {reason}",
        "cannot read database {path}: {reason}",
    ),
    "err.db_read_only": (
        "basis data {path} hanya-baca; beri izin tulis atau pakai salinan",
        "database {path} is read-only; make it writable or use a copy",
    ),
    "err.db_create": (
        "basis data {path} tidak bisa dibuat: {reason}",
        "cannot create database {path}: {reason}",
    ),
    "err.db_open": (
        "basis data {path} tidak bisa dibuka: {reason}",
        "cannot open database {path}: {reason}",
    ),
    "err.db_needs_migration": (
        "basis data {path} perlu diperbarui; jalankan `faskel db migrate`",
        "database {path} needs upgrading; run `faskel db migrate`",
    ),
    "err.db_locked": (
        "basis data sedang dipakai proses lain; coba lagi sebentar",
        "the database is busy with another process; try again shortly",
    ),
    "err.db_write": (
        "gagal menulis ke basis data: {reason}",
        "cannot write the database: {reason}",
    ),
    # --- settings, regions --------------------------------------------------------------
    "err.config_key": (
        "kunci pengaturan '{key}' tidak dikenal; pilih: {keys}",
        "unknown setting '{key}'; choose one of: {keys}",
    ),
    "err.config_read_only": (
        "pengaturan '{key}' dibuat otomatis dan tidak bisa diubah",
        "setting '{key}' is made automatically and cannot be changed",
    ),
    "err.config_lang": (
        "bahasa '{value}' tidak dikenal; pilih id atau en",
        "unknown language '{value}'; choose id or en",
    ),
    "err.config_int": (
        "{key} '{value}' harus bilangan bulat 1..3650",
        "{key} '{value}' must be a whole number 1..3650",
    ),
    "err.area_unknown": (
        "wilayah '{ref}' tidak dikenal (kecamatan, kabupaten/kota, provinsi atau indonesia); "
        "yang paling mirip: {matches}",
        "unknown area '{ref}' (a kecamatan, kabupaten/kota, provinsi or indonesia); "
        "closest: {matches}",
    ),
    "err.area_ambiguous": (
        "'{ref}' bisa berarti: {matches}; tulis kode atau nama lengkapnya",
        "'{ref}' could be: {matches}; give its kode or full name",
    ),
    "err.area_in_use": (
        "basis data ini sudah berisi {n} entri untuk wilayah {area}; "
        "pakai basis data baru (--db) untuk wilayah lain",
        "this database already holds {n} records of area {area}; "
        "use a new database (--db) for another area",
    ),
    "err.kelurahan_unknown": (
        "kelurahan '{ref}' tidak dikenal; yang paling mirip: {matches}",
        "unknown kelurahan '{ref}'; closest: {matches}",
    ),
    "err.kelurahan_ambiguous": (
        "kelurahan '{ref}' ambigu: {matches}; tulis kecamatan/nama atau kode",
        "kelurahan '{ref}' is ambiguous: {matches}; write kecamatan/name or the kode",
    ),
    "err.kecamatan_unknown": (
        "kecamatan '{ref}' tidak dikenal; yang paling mirip: {matches}",
        "unknown kecamatan '{ref}'; closest: {matches}",
    ),
    "err.kecamatan_ambiguous": (
        "kecamatan '{ref}' ambigu: {matches}; tulis kodenya",
        "kecamatan '{ref}' is ambiguous: {matches}; give its kode",
    ),
    # --- facilitators, LKK --------------------------------------------------------------
    "err.name_required": (
        "nama wajib diisi (paling panjang 200 karakter)",
        "a name is required (at most 200 characters)",
    ),
    "err.handle_format": (
        "handle '{value}' tidak sah; pakai huruf kecil, angka, titik, - atau _ (mis. siti)",
        "invalid handle '{value}'; use lower-case letters, digits, ., - or _ (e.g. siti)",
    ),
    "err.handle_lower": (
        "handle '{value}' harus huruf kecil",
        "handle '{value}' must be lower-case",
    ),
    "err.handle_taken": (
        "handle '{handle}' sudah dipakai fasilitator lain",
        "handle '{handle}' is already taken",
    ),
    "err.facilitator_unknown": (
        "fasilitator '{ref}' tidak dikenal; yang paling mirip: {matches}",
        "unknown facilitator '{ref}'; closest: {matches}",
    ),
    "err.facilitator_inactive": (
        "fasilitator '{handle}' sudah tidak aktif",
        "facilitator '{handle}' is inactive",
    ),
    "err.lkk_taken": (
        "LKK '{name}' sudah ada di {kelurahan}",
        "LKK '{name}' already exists in {kelurahan}",
    ),
    "err.lkk_unknown": (
        "LKK '{name}' tidak ada di {kelurahan}; yang ada paling mirip: {matches}",
        "no LKK '{name}' in {kelurahan}; closest there: {matches}",
    ),
    "err.lkk_other_kelurahan": (
        "LKK '{name}' milik {other}, bukan {kelurahan}",
        "LKK '{name}' belongs to {other}, not {kelurahan}",
    ),
    "err.lkk_name_ambiguous": (
        "nama LKK '{name}' ada di beberapa kelurahan; tambahkan --kelurahan",
        "LKK name '{name}' exists in several kelurahan; add --kelurahan",
    ),
    "err.lkk_kelurahan_changed": (
        "kunjungan dipindah ke {kelurahan}: sebutkan LKK-nya lagi dengan --lkk atau --no-lkk",
        "visit moved to {kelurahan}: name its LKK again with --lkk or --no-lkk",
    ),
    # --- visits -------------------------------------------------------------------------
    "err.visit_deleted": (
        "kunjungan {id} sudah dihapus; pulihkan dengan `faskel visit restore`",
        "visit {id} is deleted; bring it back with `faskel visit restore`",
    ),
    "err.visit_not_deleted": (
        "kunjungan {id} tidak dalam keadaan terhapus",
        "visit {id} is not deleted",
    ),
    "err.activity_other_kelurahan": (
        "kegiatan '{ref}' milik {other}, bukan {kelurahan}",
        "activity '{ref}' belongs to {other}, not {kelurahan}",
    ),
    "err.followup_without_problem": (
        "setiap --followup perlu --problem di depannya",
        "each --followup needs a --problem before it",
    ),
    "err.problem_without_followup": (
        "setiap --problem perlu --followup (rencana tindak lanjut)",
        "each --problem needs a --followup (what will be done)",
    ),
    "err.due_without_problem": (
        "--due/--owner lebih banyak daripada --problem",
        "more --due/--owner than --problem",
    ),
    "err.visit_duplicate": (
        "kunjungan yang sama persis sudah ada ({id}); tidak dicatat lagi "
        "(--allow-duplicate: bila memang dua kunjungan)",
        "the very same visit is there already ({id}); not logged again "
        "(--allow-duplicate: if these are two visits)",
    ),
    "warn.visit_duplicate": (
        "kunjungan yang sama persis sudah ada ({id}); yang ini tetap dicatat "
        "(hapus dengan `faskel visit delete` bila keliru)",
        "the very same visit is there already ({id}); this one is logged too "
        "(delete it with `faskel visit delete` if it is a mistake)",
    ),
    "warn.followups_moved": (
        "{n} tindak lanjut kunjungan ini ikut pindah ke {kelurahan}",
        "{n} follow-ups of this visit moved to {kelurahan} with it",
    ),
    "warn.followups_kept": (
        "{n} tindak lanjut kunjungan ini tetap terbuka ({ids}); tutup dengan "
        "`faskel followup done` atau hapus dengan `faskel followup delete`",
        "{n} follow-ups of this visit stay open ({ids}); close them with "
        "`faskel followup done` or delete them with `faskel followup delete`",
    ),
    "warn.not_assigned": (
        "{handle} tidak ditugaskan di {kelurahan} (dicatat sebagai pengganti)",
        "{handle} is not assigned to {kelurahan} (logged as cover)",
    ),
    # --- prompts ------------------------------------------------------------------------
    "prompt.visit_duplicate": (
        "Kunjungan yang sama persis sudah ada ({id}). Catat lagi sebagai kunjungan kedua?",
        "The very same visit is there already ({id}). Log it again as a second visit?",
    ),
    "prompt.delete_followups": (
        "Kunjungan ini punya {n} tindak lanjut terbuka ({problems}). Hapus juga? "
        "(tidak: tetap terbuka)",
        "This visit has {n} open follow-ups ({problems}). Delete them too? (no: they stay open)",
    ),
    # --- messages -----------------------------------------------------------------------
    "msg.migrated": ("migrasi diterapkan: {names}", "migrations applied: {names}"),
    "msg.up_to_date": ("skema basis data sudah terbaru", "the database schema is up to date"),
    "msg.seeded": (
        "data contoh dimuat ke {path}: {counts}",
        "sample data loaded into {path}: {counts}",
    ),
    "msg.config_set": ("{key} = {value}", "{key} = {value}"),
    "msg.history_of": ("Riwayat {entity} {id}", "History of {entity} {id}"),
    "msg.history_here": ("di perangkat ini ({device})", "on this device ({device})"),
    "msg.history_bundle": (
        "dari bundel {file} (perangkat {device})",
        "from bundle {file} (device {device})",
    ),
    "msg.history_bundle_from": (
        "dari bundel {file} (perangkat {device}, dikirim {sender})",
        "from bundle {file} (device {device}, sent by {sender})",
    ),
    "msg.facilitator_added": (
        "fasilitator {handle} ditambahkan ({id})",
        "facilitator {handle} added ({id})",
    ),
    "msg.facilitator_updated": ("fasilitator {handle} diperbarui", "facilitator {handle} updated"),
    "msg.facilitator_deactivated": (
        "fasilitator {handle} dinonaktifkan",
        "facilitator {handle} deactivated",
    ),
    "msg.no_facilitators": ("Belum ada fasilitator.", "No facilitators yet."),
    "msg.lkk_added": (
        "LKK {name} ({kelurahan}) ditambahkan: {id}",
        "LKK {name} ({kelurahan}) added: {id}",
    ),
    "msg.lkk_updated": ("LKK {name} ({kelurahan}) diperbarui", "LKK {name} ({kelurahan}) updated"),
    "msg.lkk_removed": ("LKK {name} ({kelurahan}) dihapus", "LKK {name} ({kelurahan}) removed"),
    "msg.no_lkk": ("Belum ada LKK.", "No LKK yet."),
    "msg.no_visits": ("Tidak ada kunjungan.", "No visits."),
    "msg.columns_hidden": (
        "Kolom tidak ditampilkan: {columns} — lihat --wide atau --format csv",
        "Columns not shown: {columns} — see --wide or --format csv",
    ),
    "msg.visit_updated": ("kunjungan {id} diperbarui", "visit {id} updated"),
    "msg.visit_deleted": (
        "kunjungan {id} dihapus (pulihkan dengan `faskel visit restore`)",
        "visit {id} deleted (undo with `faskel visit restore`)",
    ),
    "msg.visit_restored": ("kunjungan {id} dipulihkan", "visit {id} restored"),
    "msg.visit_unchanged": (
        "tidak ada yang berubah pada kunjungan {id}",
        "nothing changed in visit {id}",
    ),
    "msg.followups_deleted_with_visit": (
        "{n} tindak lanjut terbuka ikut dihapus (dipulihkan bersama kunjungannya)",
        "{n} open follow-ups deleted with it (restored together with the visit)",
    ),
    "msg.followups_restored_with_visit": (
        "{n} tindak lanjut ikut dipulihkan",
        "{n} follow-ups restored with it",
    ),
    "msg.facilitator_unchanged": (
        "tidak ada yang berubah pada fasilitator {handle}",
        "nothing changed for facilitator {handle}",
    ),
    "msg.lkk_unchanged": (
        "tidak ada yang berubah pada LKK {name} ({kelurahan})",
        "nothing changed in LKK {name} ({kelurahan})",
    ),
    "title.visit_followups": ("Kendala dan tindak lanjut ({n})", "Problems and follow-ups ({n})"),
    "msg.no_visit_followups": (
        "Tidak ada kendala yang dicatat pada kunjungan ini.",
        "No problems were met on this visit.",
    ),
    "label.visit_deleted": ("kunjungan dihapus {date}", "visit deleted {date}"),
    "title.kelurahan": ("Kelurahan {area} ({n})", "Kelurahan of {area} ({n})"),
    "title.visits": ("Kunjungan ({n})", "Visits ({n})"),
    # --- settings descriptions ----------------------------------------------------------
    "cfg.area": ("kabupaten/kota wilayah kerja", "the kabupaten/kota worked in"),
    "cfg.me": (
        "handle fasilitator bawaan untuk --facilitator",
        "facilitator handle used when --facilitator is left out",
    ),
    "cfg.lang": ("bahasa tampilan: id atau en", "display language: id or en"),
    "cfg.stall_days": (
        "hari di satu tahap sebelum kegiatan dianggap macet",
        "days in one stage before an activity counts as stalled",
    ),
    "cfg.followup_days": (
        "hari dari tanggal kendala sampai tenggat tindak lanjut yang dicatat tanpa --due",
        "days from the problem date to the due date of a follow-up given without --due",
    ),
    "cfg.device_id": ("id perangkat ini (otomatis)", "this device's id (automatic)"),
    # --- column headings ----------------------------------------------------------------
    "col.kode": ("Kode", "Code"),
    "col.kelurahan": ("Kelurahan", "Kelurahan"),
    "col.kecamatan": ("Kecamatan", "Kecamatan"),
    "col.kelurahan_total": ("Jml kelurahan", "Kelurahan"),
    "col.handle": ("Handle", "Handle"),
    "col.name": ("Nama", "Name"),
    "col.role": ("Peran", "Role"),
    "col.phone": ("Telepon", "Phone"),
    "col.active": ("Aktif", "Active"),
    "col.type": ("Jenis", "Type"),
    "col.date": ("Tanggal", "Date"),
    "col.facilitator": ("Fasilitator", "Facilitator"),
    "col.kind": ("Jenis kerja", "Kind"),
    "col.strand": ("Unsur", "Strand"),
    "col.lkk": ("LKK", "LKK"),
    "col.male": ("L", "M"),
    "col.female": ("P", "F"),
    "col.key": ("Kunci", "Key"),
    "col.value": ("Nilai", "Value"),
    "col.about": ("Keterangan", "About"),
    "col.migration": ("Migrasi", "Migration"),
    "col.table": ("Tabel", "Table"),
    "col.rows": ("Baris", "Rows"),
    "label.table_view": ("tampilan", "view"),
    "label.table_data": ("data", "data"),
    "label.table_internal": ("internal", "internal"),
    "label.table_unknown": ("tidak terdaftar", "not described"),
    "title.tables": ("Tabel dan tampilan {path}", "Tables and views of {path}"),
    "col.status": ("Status", "Status"),
    "col.applied_at": ("Diterapkan", "Applied at"),
    # --- fields (visit show) ------------------------------------------------------------
    "field.id": ("ID", "ID"),
    "field.date": ("Tanggal", "Date"),
    "field.kelurahan_kode": ("Kode kelurahan", "Kelurahan code"),
    "field.kelurahan": ("Kelurahan", "Kelurahan"),
    "field.kecamatan": ("Kecamatan", "Kecamatan"),
    "field.facilitator": ("Fasilitator", "Facilitator"),
    "field.kind": ("Jenis kerja", "Kind of work"),
    "field.strand": ("Unsur pembangunan", "Strand"),
    "field.lkk": ("LKK", "LKK"),
    "field.male": ("Peserta laki-laki", "Male participants"),
    "field.female": ("Peserta perempuan", "Female participants"),
    "field.duration_minutes": ("Durasi (menit)", "Duration (minutes)"),
    "field.notes": ("Catatan", "Notes"),
    "field.created_at": ("Dibuat", "Created"),
    "field.updated_at": ("Diubah", "Updated"),
}
MESSAGES["err.sample_file"] = (
    "berkas data contoh {path} tidak bisa dibaca: {reason}",
    "cannot read sample file {path}: {reason}",
)
