"""Messages of what runs with nobody watching: cron reports, first use, waiting for the
database, the files faskel leaves in shared folders."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- a database that is not there -----------------------------------------------------
    "err.db_missing": (
        "basis data {path} tidak ada; buat dengan `faskel init` (atau periksa --db / FASKEL_DB)",
        "no database at {path}; create it with `faskel init` (or check --db / FASKEL_DB)",
    ),
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
