"""Messages of bundles and sync: `faskel bundle export|inspect|import`, `faskel sync`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- help ---------------------------------------------------------------------------
    "help.bundle": (
        "Bundel: kirim dan terima data antarlaptop (flashdisk, Google Drive, WhatsApp).",
        "Bundles: send and receive records between laptops (USB stick, Google Drive, WhatsApp).",
    ),
    "help.bundle.export": (
        "Tulis bundel berisi entri yang berubah sejak ekspor terakhir ke berkas yang sama (atau --since, --all).",
        "Write a bundle of the records changed since the last export to the same file (or --since, --all).",
    ),
    "help.bundle.export.output": (
        "Berkas bundel yang ditulis, mis. siti-2026-W48.faskel.",
        "The bundle file to write, e.g. siti-2026-W48.faskel.",
    ),
    "help.bundle.export.since": (
        "Hanya entri yang berubah sejak tanggal ini.",
        "Only records changed on or after this date.",
    ),
    "help.bundle.export.all": ("Semua entri.", "Every record."),
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
    "bundle.field.scope": ("Cakupan", "Scope"),
    "bundle.field.sha256": ("SHA-256 isi", "Content SHA-256"),
    "bundle.scope.all": ("semua entri", "every record"),
    "bundle.scope.since": ("yang berubah sejak {since}", "changed since {since}"),
    "bundle.scope.changes": (
        "perubahan sejak ekspor sebelumnya ke berkas ini ({since})",
        "changes since the previous export to this file ({since})",
    ),
    "bundle.status.imported": ("diimpor", "imported"),
    "bundle.status.seen": ("sudah diimpor", "already imported"),
    "bundle.status.refused": ("ditolak", "refused"),
    "bundle.status.written": ("ditulis", "written"),
    "bundle.status.up_to_date": ("tidak berubah", "up to date"),
    "bundle.more": (" (dan {n} lagi)", " (and {n} more)"),
    # --- results ------------------------------------------------------------------------
    "msg.bundle_written": (
        "Bundel ditulis: {file} ({n} entri, {scope}).",
        "Bundle written: {file} ({n} records, {scope}).",
    ),
    "msg.bundle_intact": (
        "Isi utuh: checksum SHA-256 dan jumlah entri cocok dengan manifest.",
        "Intact: the SHA-256 checksum and the record counts match the manifest.",
    ),
    "msg.bundle_empty": ("Bundel ini kosong.", "This bundle is empty."),
    "msg.bundle_import_title": (
        "{file}: dari perangkat {device}, dibuat {created_at}",
        "{file}: from device {device}, made {created_at}",
    ),
    "msg.bundle_dry_run": (
        "Uji coba (--dry-run): tidak ada yang ditulis.",
        "Dry run (--dry-run): nothing was written.",
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
    "err.bundle_since_all": (
        "pakai --since atau --all, bukan keduanya",
        "use --since or --all, not both",
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
