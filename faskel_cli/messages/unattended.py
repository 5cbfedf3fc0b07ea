"""Messages of what runs with nobody watching: cron reports, first use, waiting for the
database, the files faskel leaves in shared folders."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a database that is not there -----------------------------------------------------
    "err.db_missing": (
        "basis data {path} tidak ada; buat dengan `faskel init` (atau periksa --db / FASKEL_DB)",
        "no database at {path}; create it with `faskel init` (or check --db / FASKEL_DB)",
    ),
    # --- waiting for another writer ------------------------------------------------------
    "msg.db_waiting": (
        "Menunggu database: sedang dipakai ({holder}) — Ctrl-C untuk batal",
        "Waiting for the database: in use ({holder}) — Ctrl-C to cancel",
    ),
    "err.db_busy": (
        "basis data {path} masih dipakai ({holder}) setelah menunggu {minutes} menit; coba lagi nanti",
        "database {path} still in use ({holder}) after waiting {minutes} minutes; try again later",
    ),
    "busy.unknown": ("oleh proses lain", "by another process"),
    "busy.note": ("{what} sejak {since}, pid {pid}", "{what} since {since}, pid {pid}"),
    "busy.bundle_import": ("impor bundel {file}", "bundle import of {file}"),
    "busy.sync": ("sinkronisasi {folder}", "sync of {folder}"),
    "busy.seed": ("pengisian contoh {file}", "loading sample {file}"),
    # --- report file names ---------------------------------------------------------------
    "err.output.unknown_suffix": (
        "--output {path}: akhiran {suffix} bukan format laporan; pakai {known}, atau pilih format dengan --format",
        "--output {path}: {suffix} is not a report format; use {known}, or choose the format with --format",
    ),
    # --- sync folders --------------------------------------------------------------------
    "err.sync_link": (
        "{file} adalah tautan simbolik; faskel tidak mengikuti tautan di folder sinkronisasi, berkas itu dilewati",
        "{file} is a symbolic link; faskel never follows links in a sync folder, so it was skipped",
    ),
    "bundle.status.removed": ("nama lama, dihapus", "earlier name, removed"),
    "bundle.status.own": ("salinan laptop ini, tidak diimpor", "this laptop's copy, not imported"),
}
