"""Help texts of the logbook's commands and options."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.usage": ("Pemakaian:", "Usage:"),
    "help.options_metavar": ("[OPSI]", "[OPTIONS]"),
    "help.subcommand_metavar": ("PERINTAH [ARG]...", "COMMAND [ARGS]..."),
    "usage.no_such_option": ("opsi {option} tidak ada", "no such option: {option}"),
    "usage.possible": (" (mungkin maksudnya: {options})", " (possible options: {options})"),
    "usage.missing_option": ("opsi {name} wajib diisi", "missing option {name}"),
    "usage.missing_argument": ("argumen {name} belum diberikan", "missing argument {name}"),
    "usage.bad_value": ("nilai {name} tidak sah: {reason}", "invalid value for {name}: {reason}"),
    "usage.not_integer": ("harus bilangan bulat, mis. 10", "must be a whole number, e.g. 10"),
    "usage.needs_value": ("opsi {option} perlu nilai", "option {option} needs a value"),
    "usage.takes_no_value": (
        "opsi {option} tidak menerima nilai",
        "option {option} takes no value",
    ),
    "usage.extra_arguments": ("argumen berlebih: {args}", "unexpected extra arguments: {args}"),
    "usage.did_you_mean": ("; mungkin maksudnya {matches}?", "; did you mean {matches}?"),
    "help.app": (
        "Logbook Fasilitator Kelurahan: kunjungan, kegiatan, tindak lanjut, ringkasan dan laporan.",
        "Logbook for Fasilitator Kelurahan: visits, activities, follow-ups, summaries and reports.",
    ),
    "help.opt.db": (
        "berkas basis data (bawaan: FASKEL_DB, lalu folder data pengguna)",
        "database file (default: FASKEL_DB, then the user data folder)",
    ),
    "help.opt.lang": (
        "bahasa tampilan: id (bawaan) atau en",
        "display language: id (default) or en",
    ),
    "help.opt.help": ("tampilkan bantuan ini lalu keluar", "show this help and exit"),
    "help.opt.install_completion": (
        "pasang pelengkapan otomatis untuk shell ini",
        "install completion for the current shell",
    ),
    "help.opt.show_completion": (
        "tampilkan skrip pelengkapan otomatis shell ini",
        "show the completion script for the current shell",
    ),
    "help.opt.version": ("tampilkan versi lalu keluar", "show the version and exit"),
    "help.opt.format": ("format keluaran: {choices}", "output format: {choices}"),
    # --- the panels of `faskel --help` ------------------------------------------------------
    "help.panel.daily": ("Kerja harian", "Daily work"),
    "help.panel.reports": ("Laporan", "Reports"),
    "help.panel.exchange": ("Pertukaran data", "Data exchange"),
    "help.panel.setup": ("Pengaturan", "Setup"),
    "help.db": (
        "Basis data: lokasi, migrasi, data contoh.",
        "The database: path, migrations, sample data.",
    ),
    "help.db.path": ("Tampilkan lokasi berkas basis data.", "Print the database file's path."),
    "help.db.migrate": (
        "Terapkan migrasi skema (--list: tampilkan yang sudah dan belum).",
        "Apply schema migrations (--list: show applied and pending).",
    ),
    "help.db.migrate.list": ("hanya tampilkan migrasi", "only list migrations"),
    "help.db.tables": (
        "Tabel dan tampilan basis data: tampilan lihat_* untuk dibaca, data, dan tabel "
        "internal faskel (jangan diubah).",
        "The database's tables and views: the lihat_* views to read, the data, and faskel's "
        "internal tables (leave them alone).",
    ),
    "help.db.seed": (
        "Muat data contoh dari berkas JSON (dipakai `make demo`).",
        "Load sample records from a JSON file (used by `make demo`).",
    ),
    "help.db.seed.file": ("berkas JSON data contoh", "sample data JSON file"),
    "help.init": (
        "Siapkan basis data untuk satu wilayah: kecamatan, kabupaten/kota, provinsi atau "
        "seluruh Indonesia (bawaan: Kota Pekalongan, 33.75).",
        "Set the database up for one area: a kecamatan, kabupaten/kota, provinsi or the "
        "whole of Indonesia (default: Kota Pekalongan, 33.75).",
    ),
    "help.init.area": (
        "kode atau nama kecamatan, kabupaten/kota atau provinsi, atau indonesia; "
        'mis. 33.74, "Kota Semarang", "Jawa Tengah"',
        "kode or name of a kecamatan, kabupaten/kota or provinsi, or indonesia; "
        'e.g. 33.74, "Kota Semarang", "Jawa Tengah"',
    ),
    "help.history": (
        "Tampilkan riwayat perubahan satu entri (ref, id atau awalannya).",
        "Show the change history of one record (ref, id or its prefix).",
    ),
    "help.history.id": (
        "ref entri (mis. kmr12), 'terakhir', id-nya atau awalannya (minimal 6 karakter)",
        "the record's ref (e.g. kmr12), 'last', its id or its prefix (6+ characters)",
    ),
    "help.config": (
        "Pengaturan basis data ini (area, me, lang, stall_days, followup_days).",
        "Settings of this database (area, me, lang, stall_days, followup_days).",
    ),
    "help.config.set": ("Ubah satu pengaturan.", "Change one setting."),
    "help.config.get": ("Tampilkan satu pengaturan.", "Print one setting."),
    "help.config.list": ("Tampilkan semua pengaturan.", "List all settings."),
    "help.kelurahan": ("Kelurahan wilayah kerja.", "Kelurahan of the working area."),
    "help.kelurahan.list": (
        "Daftar kelurahan (kode, nama, kecamatan).",
        "List kelurahan (kode, name, kecamatan).",
    ),
    "help.kecamatan": ("Kecamatan wilayah kerja.", "Kecamatan of the working area."),
    "help.kecamatan.list": ("Daftar kecamatan.", "List kecamatan."),
    "help.facilitator": (
        "Fasilitator dan kelurahan tugasnya.",
        "Facilitators and the kelurahan they are assigned to.",
    ),
    "help.facilitator.add": ("Tambah fasilitator.", "Add a facilitator."),
    "help.facilitator.list": ("Daftar fasilitator.", "List facilitators."),
    "help.facilitator.edit": ("Ubah data fasilitator.", "Change a facilitator."),
    "help.facilitator.deactivate": (
        "Nonaktifkan fasilitator (datanya tetap ada).",
        "Deactivate a facilitator (their records stay).",
    ),
    "help.lkk": (
        "LKK: RT, RW, PKK, Karang Taruna, Posyandu, LPM, BKM, dasawisma.",
        "LKK: RT, RW, PKK, Karang Taruna, Posyandu, LPM, BKM, dasawisma.",
    ),
    "help.lkk.add": ("Tambah LKK pada satu kelurahan.", "Add an LKK to a kelurahan."),
    "help.lkk.list": ("Daftar LKK.", "List LKK."),
    "help.lkk.edit": ("Ubah nama atau jenis LKK.", "Change an LKK's name or type."),
    "help.lkk.remove": (
        "Hapus LKK (tetap tercatat di riwayat).",
        "Remove an LKK (kept in the history).",
    ),
    "help.visit": (
        "Kunjungan: pendampingan, bimbingan, pengawasan.",
        "Visits: pendampingan, bimbingan, pengawasan.",
    ),
    "help.visit.add": ("Catat kunjungan; mencetak id barunya.", "Log a visit; prints its new id."),
    "help.visit.list": ("Daftar kunjungan, terbaru dulu.", "List visits, newest first."),
    "help.visit.show": ("Tampilkan satu kunjungan.", "Show one visit."),
    "help.visit.edit": ("Koreksi kunjungan.", "Correct a visit."),
    "help.visit.delete": (
        "Hapus kunjungan (bisa dipulihkan).",
        "Delete a visit (can be restored).",
    ),
    "help.visit.restore": ("Pulihkan kunjungan yang dihapus.", "Bring back a deleted visit."),
    "help.opt.name": ("nama lengkap", "full name"),
    "help.opt.handle": (
        "handle unik huruf kecil, mis. siti",
        "unique lower-case handle, e.g. siti",
    ),
    "help.opt.phone": ("nomor telepon", "phone number"),
    "help.opt.active": ("aktifkan atau nonaktifkan", "activate or deactivate"),
    "help.opt.all_inactive": ("termasuk yang tidak aktif", "include inactive ones"),
    "help.opt.kelurahan": ("kelurahan: kode atau nama", "kelurahan: kode or name"),
    "help.opt.kelurahan_many": (
        "kelurahan tugas (boleh diulang)",
        "assigned kelurahan (repeatable)",
    ),
    "help.opt.kelurahan_replace": (
        "ganti semua kelurahan tugas (boleh diulang)",
        "replace the assigned kelurahan (repeatable)",
    ),
    "help.opt.add_kelurahan": ("tambah kelurahan tugas", "add an assigned kelurahan"),
    "help.opt.remove_kelurahan": ("lepas kelurahan tugas", "remove an assigned kelurahan"),
    "help.opt.kecamatan": ("kecamatan: kode atau nama", "kecamatan: kode or name"),
    "help.opt.lkk_name": ('nama LKK, mis. "Posyandu Melati"', 'LKK name, e.g. "Posyandu Melati"'),
    "help.opt.date": (
        "tanggal: 2026-11-23, 23/11/2026, hari-ini, kemarin (bawaan: hari ini WIB)",
        "date: 2026-11-23, 23/11/2026, today, yesterday (default: today in WIB)",
    ),
    "help.opt.facilitator": (
        "handle fasilitator (bawaan: pengaturan `me`)",
        "facilitator handle (default: the `me` setting)",
    ),
    "help.opt.lkk": (
        "nama LKK kelurahan itu yang didampingi (boleh diulang)",
        "name of an LKK of that kelurahan (repeatable)",
    ),
    "help.opt.lkk_replace": (
        "ganti daftar LKK (boleh diulang)",
        "replace the LKK list (repeatable)",
    ),
    "help.opt.no_lkk": ("kosongkan daftar LKK", "clear the LKK list"),
    "help.opt.male": ("jumlah peserta laki-laki", "number of male participants"),
    "help.opt.female": ("jumlah peserta perempuan", "number of female participants"),
    "help.opt.duration": (
        "durasi kunjungan: menit (90) atau 1h30",
        "duration: minutes (90) or 1h30",
    ),
    "help.opt.notes": (
        "catatan (paling panjang 10.000 karakter)",
        "notes (at most 10,000 characters)",
    ),
    "help.opt.activity": ("id kegiatan kelurahan itu yang terkait", "id of a related activity"),
    "help.opt.problem": ("kendala yang ditemui (boleh diulang)", "a problem met (repeatable)"),
    "help.opt.followup": (
        "tindak lanjut untuk --problem yang sesuai urutan",
        "follow-up for the --problem in the same position",
    ),
    "help.opt.due": (
        "tenggat tindak lanjut yang sesuai urutan (bawaan: tanggal kunjungan + followup_days hari)",
        "due date of that follow-up (default: the visit's date + followup_days days)",
    ),
    "help.opt.owner": ("handle penanggung jawab tindak lanjut", "handle owning that follow-up"),
    "help.opt.since": ("sejak tanggal (termasuk)", "from this date (inclusive)"),
    "help.opt.until": ("sampai tanggal (termasuk)", "up to this date (inclusive)"),
    "help.opt.week": (
        "minggu ISO: 2026-W48, W48 (tahun ini), minggu-ini atau minggu-lalu",
        "ISO week: 2026-W48, W48 (this year), this or last",
    ),
    "help.opt.limit": ("paling banyak sekian baris", "at most this many rows"),
    "help.opt.allow_duplicate": (
        "catat juga bila kunjungan yang sama persis sudah ada, tanpa bertanya",
        "log it even when the very same visit is there already, without asking",
    ),
    "help.opt.with_followups": (
        "hapus juga tindak lanjutnya yang masih terbuka (--keep-followups: biarkan terbuka; "
        "tanpa keduanya: ditanyakan di terminal, dibiarkan terbuka tanpa terminal)",
        "delete its open follow-ups too (--keep-followups: leave them open; with neither: "
        "asked on a terminal, left open without one)",
    ),
    "help.opt.wide": (
        "tampilkan semua kolom, selebar yang diperlukan (baris bisa lebih lebar dari terminal)",
        "show every column, as wide as needed (lines may be wider than the terminal)",
    ),
    # --- options that differ between adding, editing and filtering ------------------------
    "help.opt.edit_date": (
        "tanggal yang benar: 2026-11-23, 23/11/2026, hari-ini, kemarin",
        "the right date: 2026-11-23, 23/11/2026, today, yesterday",
    ),
    "help.opt.edit_facilitator": (
        "fasilitator yang benar (handle)",
        "the right facilitator (handle)",
    ),
    "help.opt.edit_kelurahan": (
        "kelurahan yang benar (kode atau nama); tindak lanjut kunjungan ikut pindah",
        "the right kelurahan (kode or name); the visit's follow-ups move with it",
    ),
    "help.opt.edit_activity": (
        "id kegiatan kelurahan itu yang terkait ('' melepasnya)",
        "id of a related activity ('' unlinks it)",
    ),
    "help.opt.facilitator_filter": (
        "hanya kunjungan fasilitator ini (handle); bawaan: semua fasilitator",
        "only the visits of this facilitator (handle); default: everyone",
    ),
    "help.opt.lkk_kelurahan": (
        "kelurahan LKK itu, bila namanya ada di lebih dari satu kelurahan",
        "the LKK's kelurahan, when its name is used in more than one",
    ),
    # --- choices, each with what it means ---------------------------------------------------
    "help.metavar.kind": ("JENIS", "KIND"),
    "help.metavar.strand": ("UNSUR", "STRAND"),
    "help.metavar.type": ("JENIS", "TYPE"),
    "help.metavar.role": ("PERAN", "ROLE"),
    "help.opt.kind": ("jenis kerja: {choices}", "kind of work: {choices}"),
    "help.opt.kind_filter": (
        "hanya kunjungan dengan jenis kerja ini: {choices}",
        "only visits of this kind of work: {choices}",
    ),
    "help.opt.strand": ("unsur: {choices}", "strand: {choices}"),
    "help.opt.lkk_type": ("jenis LKK: {choices}", "LKK type: {choices}"),
    "help.opt.lkk_type_filter": (
        "hanya LKK jenis ini: {choices}",
        "only LKK of this type: {choices}",
    ),
    "help.opt.role": ("peran: {choices}", "role: {choices}"),
    "help.choices.kind": (
        "pendampingan (mendampingi warga dan LKK menjalankan kegiatan), "
        "bimbingan (membina dan melatih pengurus LKK), "
        "pengawasan (memantau pelaksanaan dan hasil kegiatan)",
        "pendampingan (accompanying residents and LKK in their activities), "
        "bimbingan (coaching and training LKK officers), "
        "pengawasan (supervising how activities are carried out)",
    ),
    "help.choices.strand": (
        "kesadaran (membangun kesadaran kritis), "
        "pemetaan (pemetaan swadaya potensi dan kebutuhan), "
        "perencanaan (perencanaan partisipatif), "
        "pengorganisasian (pengorganisasian komunitas), "
        "mobilisasi (mobilisasi sumber daya), "
        "pengawasan (pengawasan oleh warga), "
        "pemeliharaan (pemeliharaan hasil pembangunan)",
        "kesadaran (building critical awareness), "
        "pemetaan (residents' own survey of assets and needs), "
        "perencanaan (participatory planning), "
        "pengorganisasian (community organising), "
        "mobilisasi (mobilising resources), "
        "pengawasan (oversight by residents), "
        "pemeliharaan (maintaining what was built)",
    ),
    "help.choices.lkk_type": (
        "rt (Rukun Tetangga), rw (Rukun Warga), "
        "pkk (Pemberdayaan Kesejahteraan Keluarga), karang-taruna (organisasi pemuda), "
        "posyandu (pos pelayanan terpadu), lpm (Lembaga Pemberdayaan Masyarakat), "
        "bkm (Badan Keswadayaan Masyarakat), dasawisma (kelompok PKK sepuluh rumah), "
        "lainnya (lembaga lain)",
        "rt (neighbourhood unit), rw (community unit), "
        "pkk (family welfare movement), karang-taruna (youth organisation), "
        "posyandu (integrated health post), lpm (community empowerment board), "
        "bkm (community self-reliance board), dasawisma (PKK group of ten houses), "
        "lainnya (any other)",
    ),
    "help.choices.role": (
        "faskel (fasilitator kelurahan, bertugas di kelurahan), "
        "koordinator (membaca ringkasan semua kelurahan)",
        "faskel (kelurahan facilitator, assigned to kelurahan), "
        "koordinator (coordinator, reads the summaries of every kelurahan)",
    ),
}
