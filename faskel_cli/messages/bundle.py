"""Messages of bundles and sync: `faskel bundle export|inspect|import`, `faskel sync`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- help ---------------------------------------------------------------------------
    "help.bundle": (
        "Bundel: kirim dan terima data antarlaptop (flashdisk, Google Drive, WhatsApp).",
        "Bundles: send and receive records between laptops (USB stick, Google Drive, WhatsApp).",
    ),
    "help.bundle.export": (
        "Tulis bundel: semua entri (bawaan), pekerjaan satu periode (--week, --month, --since), atau perubahan sejak ekspor terakhir ke berkas yang sama (--changes). Baris hasilnya menyebut isinya.",
        "Write a bundle: every record (the default), a period's work (--week, --month, --since), or the changes since the last export to the same file (--changes). The line it prints says what it holds.",
    ),
    "help.bundle.export.output": (
        "Berkas bundel yang ditulis, mis. siti-2026-W48.faskel.",
        "The bundle file to write, e.g. siti-2026-W48.faskel.",
    ),
    "help.bundle.export.since": (
        "Pekerjaan sejak tanggal ini (kunjungan, tindak lanjut, kegiatan dan tahapnya menurut tanggalnya) dan entri yang berubah sejak itu, dengan entri yang dirujuknya.",
        "Work since this date (visits, follow-ups, activities and their stages by their dates) and records changed since then, with the records they refer to.",
    ),
    "help.bundle.export.week": (
        "Pekerjaan satu minggu ISO (2026-W48, this, last) dan entri yang berubah di minggu itu, dengan entri yang dirujuknya.",
        "One ISO week's work (2026-W48, this, last) and records changed that week, with the records they refer to.",
    ),
    "help.bundle.export.month": (
        "Pekerjaan satu bulan (2026-11, this, last) dan entri yang berubah di bulan itu, dengan entri yang dirujuknya.",
        "One month's work (2026-11, this, last) and records changed that month, with the records they refer to.",
    ),
    "help.bundle.export.changes": (
        "Hanya perubahan sejak ekspor terakhir ke berkas ini; bila berkas itu masih ada (belum dipindah atau dikirim), isinya ikut, jadi berkas baru tidak pernah memuat lebih sedikit.",
        "Only the changes since the last export to this file; when that file is still there (not moved or sent), what it held too, so the new file never holds less.",
    ),
    "help.bundle.export.all": ("Semua entri (bawaan).", "Every record (the default)."),
    "help.bundle.inspect": (
        "Tampilkan manifest dan isi bundel, dan periksa keutuhannya, tanpa mengimpor.",
        "Show a bundle's manifest and contents and check it is intact, without importing.",
    ),
    "help.bundle.file": ("Berkas bundel.", "A bundle file."),
    "help.bundle.import": (
        "Masukkan bundel: entri baru ditambah, versi yang lebih baru menggantikan yang lama.",
        "Bring bundles in: new records are added, newer versions replace older ones.",
    ),
    "help.bundle.import.files": (
        "Satu atau lebih berkas bundel, urutan bebas.",
        "One or more bundle files, in any order.",
    ),
    "help.bundle.import.dry_run": (
        "Tampilkan apa yang akan terjadi tanpa menulis apa pun.",
        "Show what would happen without writing anything.",
    ),
    "help.bundle.restamp": (
        "Beri cap waktu sekarang pada entri yang dicap di depan jam komputer ini (jamnya pernah salah), supaya bundelnya diterima laptop lain.",
        "Stamp with the time of now the records stamped ahead of this computer's clock (it was once wrong), so that other laptops accept its bundles.",
    ),
    "help.sync": (
        "Sinkronkan lewat folder bersama: impor bundel laptop lain yang berubah di FOLDER, lalu tulis bundel laptop ini ke sana.",
        "Sync through a shared folder: import the other laptops' changed bundles from FOLDER, then write this laptop's bundle there.",
    ),
    "help.sync.folder": (
        "Folder bersama (Google Drive, flashdisk, ...).",
        "The shared folder (Google Drive, USB stick, ...).",
    ),
    # --- kinds of records ---------------------------------------------------------------
    "bundle.kind.facilitators": ("fasilitator", "facilitator"),
    "bundle.kind.lkk": ("LKK", "LKK"),
    "bundle.kind.activities": ("kegiatan", "activity"),
    "bundle.kind.activity_stages": ("tahap kegiatan", "activity stage"),
    "bundle.kind.visits": ("kunjungan", "visit"),
    "bundle.kind.followups": ("tindak lanjut", "follow-up"),
    # --- columns and labels -------------------------------------------------------------
    "bundle.col.kind": ("Jenis", "Kind"),
    "bundle.col.records": ("Entri", "Records"),
    "bundle.col.added": ("Baru", "Added"),
    "bundle.col.updated": ("Diperbarui", "Updated"),
    "bundle.col.unchanged": ("Tetap", "Unchanged"),
    "bundle.col.refused": ("Ditolak", "Refused"),
    "bundle.col.file": ("Berkas", "File"),
    "bundle.col.status": ("Status", "Status"),
    "bundle.total": ("jumlah", "total"),
    "bundle.field.format": ("Format", "Format"),
    "bundle.field.version": ("Versi", "Version"),
    "bundle.field.device_id": ("Perangkat asal", "Source device"),
    "bundle.field.area": ("Wilayah", "Area"),
    "bundle.field.created_at": ("Dibuat (UTC)", "Created (UTC)"),
    "bundle.field.sender": ("Pengirim", "Sender"),
    "bundle.field.scope": ("Cakupan", "Scope"),
    "bundle.field.sha256": ("SHA-256 isi", "Content SHA-256"),
    "bundle.scope.all": ("semua entri", "every record"),
    "bundle.scope.since": (
        "pekerjaan sejak {since} dan yang berubah sejak itu",
        "work since {since} and what changed since then",
    ),
    "bundle.scope.week": (
        "minggu {period} ({since} s.d. {until}): pekerjaannya dan yang berubah di minggu itu",
        "week {period} ({since} to {until}): its work and what changed that week",
    ),
    "bundle.scope.month": (
        "bulan {period} ({since} s.d. {until}): pekerjaannya dan yang berubah di bulan itu",
        "month {period} ({since} to {until}): its work and what changed that month",
    ),
    "bundle.scope.changes": (
        "perubahan sejak ekspor {since} ke berkas ini",
        "changes since the export of {since} to this file",
    ),
    "bundle.nothing": ("tidak ada", "nothing"),
    "bundle.status.imported": ("diimpor", "imported"),
    "bundle.status.seen": ("sudah diimpor", "already imported"),
    "bundle.status.refused": ("ditolak", "refused"),
    "bundle.status.written": ("ditulis", "written"),
    "bundle.status.up_to_date": ("tidak berubah", "up to date"),
    "bundle.more": (" (dan {n} lagi)", " (and {n} more)"),
    # --- results ------------------------------------------------------------------------
    "msg.bundle_written": (
        "Bundel ditulis: {file} — {n} entri: {scope} ({kinds})",
        "Bundle written: {file} — {n} records: {scope} ({kinds})",
    ),
    "msg.bundle_intact": (
        "Isi utuh: checksum SHA-256 dan jumlah entri cocok dengan manifest.",
        "Intact: the SHA-256 checksum and the record counts match the manifest.",
    ),
    "msg.bundle_empty": ("Bundel ini kosong.", "This bundle is empty."),
    "msg.bundle_import_title": (
        "{file}: dari perangkat {device}, dibuat {created_at}; {scope}",
        "{file}: from device {device}, made {created_at}; {scope}",
    ),
    "msg.bundle_import_title_sender": (
        "{file}: dari {sender}, perangkat {device}, dibuat {created_at}; {scope}",
        "{file}: from {sender}, device {device}, made {created_at}; {scope}",
    ),
    "msg.bundle_merged": (
        "Digabung (orang atau LKK yang sama dibuat di dua laptop): {merged}; lihat `faskel history ID`",
        "Merged (the same person or LKK made on two laptops): {merged}; see `faskel history ID`",
    ),
    "msg.bundle_merged_dry": (
        "Akan digabung (orang atau LKK yang sama dibuat di dua laptop): {merged}",
        "Would be merged (the same person or LKK made on two laptops): {merged}",
    ),
    "msg.bundle_dry_run": (
        "Uji coba (--dry-run): tidak ada yang ditulis.",
        "Dry run (--dry-run): nothing was written.",
    ),
    "msg.bundle_restamped": (
        "Cap waktu diperbarui: {n} entri ({kinds}).",
        "Stamped anew: {n} records ({kinds}).",
    ),
    "msg.bundle_restamp_none": (
        "Tidak ada entri yang dicap di depan jam komputer ini.",
        "No record is stamped ahead of this computer's clock.",
    ),
    "warn.bundle_ahead": (
        "{n} entri di sini dicap di depan jam komputer ini ({kinds}); laptop lain akan menolaknya. Bila jam ini sudah benar, jalankan `faskel bundle restamp` lalu ekspor lagi",
        "{n} records here are stamped ahead of this computer's clock ({kinds}); other laptops will refuse them. If this clock is right now, run `faskel bundle restamp` and export again",
    ),
    "msg.sync_title": ("Sinkronisasi {folder}", "Sync of {folder}"),
    # --- problems with records ----------------------------------------------------------
    "bundle.problem.missing": (
        "{kind} {id}: {column} {value} tidak ada di bundel maupun di basis data ini",
        "{kind} {id}: {column} {value} is neither in the bundle nor in this database",
    ),
    "bundle.problem.kelurahan": (
        "{kind} {id}: kelurahan {value} bukan bagian dari wilayah basis data ini",
        "{kind} {id}: kelurahan {value} is not in this database's area",
    ),
    "bundle.problem.conflict.facilitators": (
        "fasilitator {id} '{name}' (perangkat {device}) dan {other} '{other_name}' (perangkat {other_device}) sama-sama ber-handle '{handle}' tetapi namanya berbeda; beri {here}, yang di basis data ini, handle lain: `faskel facilitator edit {here_handle} --handle HANDLE-BARU` (atau, bila orangnya sama, samakan namanya: `--name \"{their_name}\"`), lalu impor lagi",
        "facilitators {id} '{name}' (device {device}) and {other} '{other_name}' (device {other_device}) both have handle '{handle}' but different names; give {here}, the one on this database, another handle: `faskel facilitator edit {here_handle} --handle NEW-HANDLE` (or, if they are the same person, the same name: `--name \"{their_name}\"`), then import again",
    ),
    "bundle.problem.conflict.facilitators.bundle": (
        "fasilitator {id} '{name}' (perangkat {device}) dan {other} '{other_name}' (perangkat {other_device}) di bundel ini sama-sama ber-handle '{handle}' tetapi namanya berbeda; ganti handle salah satunya di laptopnya lalu ekspor lagi",
        "facilitators {id} '{name}' (device {device}) and {other} '{other_name}' (device {other_device}) in this bundle both have handle '{handle}' but different names; give one of them another handle on its laptop and export again",
    ),
    "bundle.problem.conflict.lkk": (
        "LKK {id} '{name}' ({type}, perangkat {device}) dan {other} '{other_name}' ({other_type}, perangkat {other_device}) bernama sama di kelurahan yang sama tetapi jenisnya berbeda; beri {here}, yang di basis data ini, nama lain: `faskel lkk edit {here} --name \"NAMA BARU\"` (atau, bila LKK-nya sama, samakan jenisnya: `--type {their_type}`), lalu impor lagi",
        "LKK {id} '{name}' ({type}, device {device}) and {other} '{other_name}' ({other_type}, device {other_device}) have the same name in the same kelurahan but different types; give {here}, the one on this database, another name: `faskel lkk edit {here} --name \"NEW NAME\"` (or, if they are the same LKK, the same type: `--type {their_type}`), then import again",
    ),
    "bundle.problem.conflict.lkk.bundle": (
        "LKK {id} '{name}' ({type}, perangkat {device}) dan {other} '{other_name}' ({other_type}, perangkat {other_device}) di bundel ini bernama sama di kelurahan yang sama tetapi jenisnya berbeda; ganti nama salah satunya di laptopnya lalu ekspor lagi",
        "LKK {id} '{name}' ({type}, device {device}) and {other} '{other_name}' ({other_type}, device {other_device}) in this bundle have the same name in the same kelurahan but different types; rename one of them on its laptop and export again",
    ),
    "bundle.problem.future": (
        "{kind} {id}: {column} {value} lebih dari {minutes} menit di depan jam komputer ini (paling lambat {other}); jam laptop yang membuatnya (perangkat {device}) salah: betulkan jamnya, jalankan `faskel bundle restamp` di sana lalu ekspor lagi (atau periksa jam komputer ini)",
        "{kind} {id}: {column} {value} is more than {minutes} minutes ahead of this computer's clock (at most {other}); the laptop that made it (device {device}) has a wrong clock: set it right, run `faskel bundle restamp` there and export again (or check this computer's clock)",
    ),
    "bundle.problem.unique": (
        "{kind} {id}: {column} '{value}' sudah dipakai {other}; ganti atau hapus salah satunya di laptopnya lalu ekspor lagi",
        "{kind} {id}: {column} '{value}' is already used by {other}; rename or delete one of them on its laptop and export again",
    ),
    # --- errors -------------------------------------------------------------------------
    "err.bundle_missing": ("bundel {file} tidak ditemukan", "bundle {file} not found"),
    "err.bundle_unreadable": (
        "bundel {file} tidak bisa dibaca: {reason}",
        "cannot read bundle {file}: {reason}",
    ),
    "err.bundle_not_bundle": (
        "{file} bukan bundel faskel (bundel dibuat dengan `faskel bundle export`); tidak ada yang ditulis",
        "{file} is not a faskel bundle (bundles are made by `faskel bundle export`); nothing written",
    ),
    "err.bundle_truncated": (
        "bundel {file} terpotong (tidak lengkap); tidak ada yang ditulis, kirim ulang berkasnya",
        "bundle {file} is truncated (incomplete); nothing written, send the file again",
    ),
    "err.bundle_corrupt": (
        "bundel {file} rusak ({reason}); tidak ada yang ditulis, kirim ulang berkasnya",
        "bundle {file} is damaged ({reason}); nothing written, send the file again",
    ),
    "err.bundle_checksum": (
        "bundel {file} sudah berubah atau rusak (checksum SHA-256 tidak cocok); tidak ada yang ditulis, kirim ulang berkas aslinya",
        "bundle {file} was changed or damaged (SHA-256 checksum mismatch); nothing written, send the original file again",
    ),
    "err.bundle_counts": (
        "manifest bundel {file} tidak cocok dengan isinya (jumlah entri berbeda); tidak ada yang ditulis",
        "the manifest of bundle {file} does not match its content (record counts differ); nothing written",
    ),
    "err.bundle_version": (
        "bundel {file} berformat versi {version}, faskel ini hanya membaca versi {known}; perbarui faskel",
        "bundle {file} has format version {version}, this faskel reads version {known} only; update faskel",
    ),
    "err.bundle_manifest": (
        "manifest bundel {file} tidak sah ({field}: {reason}); tidak ada yang ditulis",
        "the manifest of bundle {file} is invalid ({field}: {reason}); nothing written",
    ),
    "err.bundle_invalid": (
        "bundel {file} baris {line}: {field} tidak sah ({reason}); tidak ada yang ditulis",
        "bundle {file} line {line}: invalid {field} ({reason}); nothing written",
    ),
    "err.bundle_field_unknown": (
        "bundel {file} baris {line}: isian '{field}' tidak dikenal faskel ini; perbarui faskel lalu impor lagi",
        "bundle {file} line {line}: field '{field}' is unknown to this faskel; update faskel and import again",
    ),
    "err.bundle_line_long": (
        "bundel {file} baris {line} terlalu panjang; ini bukan bundel faskel yang utuh",
        "bundle {file} line {line} is too long; this is not an intact faskel bundle",
    ),
    "err.bundle_duplicate": (
        "bundel {file} memuat entri {id} dua kali; tidak ada yang ditulis",
        "bundle {file} holds record {id} twice; nothing written",
    ),
    "err.bundle_area": (
        "bundel {file} berasal dari wilayah {area}, basis data ini untuk {here}; tidak ada yang ditulis",
        "bundle {file} comes from area {area}, this database is for {here}; nothing written",
    ),
    "err.bundle_refused": (
        "bundel {file} ditolak, tidak ada yang ditulis ({n} kesalahan): {details}{more}",
        "bundle {file} refused, nothing written ({n} errors): {details}{more}",
    ),
    "err.bundle_rule": (
        "bundel {file} ditolak oleh aturan basis data ({reason}); tidak ada yang ditulis",
        "bundle {file} breaks a database rule ({reason}); nothing written",
    ),
    "err.bundle_not_imported": (
        "bundel {file} tidak diimpor; tidak ada yang ditulis",
        "bundle {file} was not imported; nothing written",
    ),
    "err.bundle_scope_many": (
        "pilih satu saja dari --all, --since, --week, --month dan --changes (diberikan: {options})",
        "choose one of --all, --since, --week, --month and --changes (given: {options})",
    ),
    "err.bundle_many_refused": (
        "{n} dari {total} bundel ditolak; yang pertama: {first}",
        "{n} of {total} bundles refused; the first: {first}",
    ),
    "err.sync_folder": (
        "folder sinkronisasi {path} tidak ada; buat dulu atau periksa jalurnya",
        "sync folder {path} does not exist; create it or check the path",
    ),
}
