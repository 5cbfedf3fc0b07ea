"""Messages of the record rules (core/rules.py) and of the bounds of bundle files: what a
typed value or an imported record breaks, and what a hostile file is refused for."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- typed values -------------------------------------------------------------------
    "err.text_control": (
        "{option} memuat karakter kendali {char}; tulis teks biasa",
        "{option} holds the control character {char}; type plain text",
    ),
    "err.day_too_late": (
        "{field} {value} terlalu jauh; tanggal paling lambat {latest}",
        "{field} {value} is too far ahead; dates end at {latest}",
    ),
    # --- a record of a bundle breaking a rule of its fields -----------------------------
    "err.bundle_rule_broken": (
        "bundel {file} baris {line}: {field} {value} tidak boleh ({rule}), di {kind} {id}; tidak ada yang ditulis",
        "bundle {file} line {line}: {field} {value} is not allowed ({rule}), in {kind} {id}; nothing written",
    ),
    "bundle.rule.less_than_equal": ("paling besar {le}", "at most {le}"),
    "bundle.rule.greater_than_equal": ("paling kecil {ge}", "at least {ge}"),
    "bundle.rule.string_too_long": (
        "paling panjang {max_length} karakter",
        "at most {max_length} characters",
    ),
    "bundle.rule.too_long": ("paling banyak {max_length} isian", "at most {max_length} entries"),
    "bundle.rule.literal_error": ("harus salah satu dari {expected}", "must be one of {expected}"),
    "bundle.rule.int_type": ("harus bilangan bulat", "must be a whole number"),
    "bundle.rule.string_type": ("harus teks", "must be text"),
    "bundle.rule.missing": ("wajib ada", "is required"),
    "bundle.rule.date_invalid": (
        "bukan tanggal yang ada di kalender",
        "not a real calendar date",
    ),
    "bundle.rule.date_early": (
        "sebelum {earliest}; tanggal harus sejak {earliest}",
        "before {earliest}; dates start at {earliest}",
    ),
    "bundle.rule.date_future": (
        "sesudah {latest}; tanggal kegiatan tidak boleh di masa depan",
        "after {latest}; a day of work cannot be in the future",
    ),
    "bundle.rule.date_late": (
        "sesudah {latest}; tanggal paling lambat {latest}",
        "after {latest}; dates end at {latest}",
    ),
    "bundle.rule.text": (
        "teks tanpa spasi di awal atau akhir, tidak kosong, tanpa karakter kendali",
        "text not empty, without leading or trailing spaces or control characters",
    ),
    "bundle.rule.one_line": (
        "satu baris: kata dipisah satu spasi, tanpa karakter kendali",
        "one line: words separated by single spaces, no control characters",
    ),
    "bundle.rule.handle": (
        "huruf kecil, angka, titik, - atau _, diawali huruf, paling panjang 32",
        "lower-case letters, digits, ., - or _, starting with a letter, at most 32",
    ),
    "bundle.rule.id": ("harus UUID huruf kecil", "must be a lower-case UUID"),
    "bundle.rule.stamp": (
        "harus waktu UTC seperti 2026-11-28T01:02:03.000000Z",
        "must be a UTC time like 2026-11-28T01:02:03.000000Z",
    ),
    "bundle.rule.date": ("harus tanggal YYYY-MM-DD", "must be a date YYYY-MM-DD"),
    "bundle.rule.kode": (
        "harus kode wilayah seperti 33.75.01.1002",
        "must be a region kode like 33.75.01.1002",
    ),
    "bundle.rule.area": (
        "harus kode wilayah seperti 33.75, 33 atau ID",
        "must be an area kode like 33.75, 33 or ID",
    ),
    "bundle.rule.since": (
        "harus tanggal atau waktu UTC",
        "must be a date or a UTC time",
    ),
    "bundle.rule.count_key": ("harus nama jenis entri", "must be the name of a kind of record"),
    "bundle.rule.sha256": ("harus 64 digit heksadesimal", "must be 64 hexadecimal digits"),
    "bundle.reason.not_json": ("bukan JSON", "not JSON"),
    "bundle.reason.too_deep": ("JSON bersarang terlalu dalam", "JSON nested too deep"),
    "bundle.reason.not_record": ("bukan entri bundel", "not a bundle record"),
    "bundle.excerpt.number": ("{first}... ({n} digit)", "{first}... ({n} digits)"),
    "bundle.excerpt.text": ("{first}... ({n} karakter)", "{first}... ({n} characters)"),
    # --- records of a bundle breaking a rule between records ----------------------------
    "bundle.problem.other_kelurahan": (
        "{kind} {id}: {column} {value} ada di kelurahan {other}, bukan di kelurahan {kind} ini",
        "{kind} {id}: {column} {value} is in kelurahan {other}, not in this {kind}'s",
    ),
    "bundle.problem.moved": (
        "{kind} {id}: {column} tidak pernah berubah, versi ini mengubahnya dari {other} menjadi {value}",
        "{kind} {id}: {column} never changes, this version changes it from {other} to {value}",
    ),
    "bundle.problem.stage_date": (
        "{kind} {id}: {column} {value} sebelum tanggal mulai kegiatannya ({other})",
        "{kind} {id}: {column} {value} is before its activity's start date ({other})",
    ),
    "bundle.problem.spent_stage": (
        "{kind} {id}: dana terpakai hanya dicatat saat masuk tahap pertanggungjawaban, bukan {value}",
        "{kind} {id}: money spent is recorded only on the move to pertanggungjawaban, not {value}",
    ),
    "bundle.problem.due_before_problem": (
        "{kind} {id}: tenggat {value} sebelum tanggal masalahnya ({other})",
        "{kind} {id}: due date {value} is before its problem date ({other})",
    ),
    "bundle.problem.done_before_problem": (
        "{kind} {id}: tanggal selesai {value} sebelum tanggal masalahnya ({other})",
        "{kind} {id}: done date {value} is before its problem date ({other})",
    ),
    "bundle.problem.done_state": (
        "{kind} {id}: status {value} tidak cocok dengan tanggal selesai dan penyelesaiannya ({other})",
        "{kind} {id}: status {value} does not agree with its done date and resolution ({other})",
    ),
    # --- hostile files ------------------------------------------------------------------
    "err.bundle_expands": (
        "bundel {file} mengembang melebihi batas ({limit} MiB, {ratio} kali ukuran berkas): bukan bundel faskel yang wajar; tidak ada yang ditulis",
        "bundle {file} expands beyond its bound ({limit} MiB, {ratio} times the file's size): not a sound faskel bundle; nothing written",
    ),
    "err.bundle_refused_before": (
        "{first} (berkas belum berubah sejak ditolak {when}; tidak dibaca lagi)",
        "{first} (the file has not changed since it was refused at {when}; not read again)",
    ),
}
