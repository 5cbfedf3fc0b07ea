"""Messages of areas at every level: a kecamatan, a kabupaten/kota, a provinsi or the whole
country; summaries per level; the roll-up of bundles from the level below."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- areas ----------------------------------------------------------------------------
    "err.kabupaten_unknown": (
        "kabupaten/kota '{ref}' tidak ada di wilayah ini; yang paling mirip: {matches}",
        "kabupaten/kota '{ref}' is not in this area; closest: {matches}",
    ),
    "err.kabupaten_ambiguous": (
        "'{ref}' bisa berarti: {matches}; tulis kode atau nama lengkapnya",
        "'{ref}' could be: {matches}; give its kode or full name",
    ),
    "err.kecamatan_outside": (
        "kecamatan {kecamatan} tidak ada di {kabupaten}",
        "kecamatan {kecamatan} is not in {kabupaten}",
    ),
    "err.not_with_facilitators": (
        "{option} tidak berlaku dengan --by facilitator (baris ringkasan itu fasilitator); "
        "pakai --kabupaten atau --kecamatan untuk membatasinya",
        "{option} does not apply with --by facilitator (its rows are facilitators); use "
        "--kabupaten or --kecamatan to narrow it",
    ),
    "err.level_not_below": (
        "--level {level}: pilih tingkat di bawah {scope} {nama} "
        "(provinsi, kabupaten, kecamatan, kelurahan)",
        "--level {level}: choose a level below the {scope} {nama} "
        "(provinsi, kabupaten, kecamatan, kelurahan)",
    ),
    "msg.area_loaded_levels": (
        "wilayah kerja: {nama} ({kode}), {levels} · {path}",
        "working area: {nama} ({kode}), {levels} · {path}",
    ),
    "lv.count.provinsi": ("{n} provinsi", "{n} provinsi"),
    "lv.count.kabupaten": ("{n} kabupaten/kota", "{n} kabupaten/kota"),
    "lv.count.kecamatan": ("{n} kecamatan", "{n} kecamatan"),
    "lv.count.kelurahan": ("{n} {villages}", "{n} {villages}"),
    # The villages of an area, named as they are: kelurahan, desa, or both.
    "lv.villages.kelurahan": ("kelurahan", "kelurahan"),
    "lv.villages.desa": ("desa", "desa"),
    "lv.villages.both": ("desa/kelurahan", "desa/kelurahan"),
    "lv.completeness": (
        "{visited} dari {total} {villages} dikunjungi ({pct})",
        "{visited} of {total} {villages} visited ({pct})",
    ),
    "lv.col.provinsi": ("Provinsi", "Province"),
    "lv.col.kabupaten": ("Kabupaten/Kota", "Kabupaten/Kota"),
    "lv.col.kecamatan": ("Kecamatan", "Kecamatan"),
    "lv.col.area": ("Wilayah", "Area"),
    "lv.per_unit": ("Per {level}", "Per {level}"),
    "lv.unit_line": (
        "{name}: {visited}/{total} {villages}, {visits} kunjungan",
        "{name}: {visited}/{total} {villages}, {visits} visits",
    ),
    "lv.not_visited_units": (
        "{level} tanpa kunjungan ({n})",
        "{level} with no visit ({n})",
    ),
    "lv.not_visited_units_none": (
        "Setiap {level} punya kunjungan.",
        "Every {level} has visits.",
    ),
    "help.opt.level": (
        "tingkat baris: provinsi, kabupaten (kab/kota), kecamatan atau kelurahan (desa/kelurahan); "
        "bawaan: satu tingkat di bawah wilayah (kota: kelurahan)",
        "level of the rows: provinsi, kabupaten (kab/kota), kecamatan or kelurahan (desa/kelurahan); "
        "default: the level below the area (a kota: kelurahan)",
    ),
    "help.opt.kabupaten": (
        "hanya satu kabupaten/kota dari wilayah (kode atau nama)",
        "only one kabupaten/kota of the area (kode or name)",
    ),
    "help.opt.not_visited": (
        "JSON: sertakan kode setiap desa/kelurahan yang belum dikunjungi (di atas tingkat kelurahan)",
        "JSON: include the kode of every desa/kelurahan not visited (above the kelurahan level)",
    ),
    "bundle.problem.kelurahan_area": (
        "{kind} {id}: desa/kelurahan {value} ada di {place}, di luar wilayah basis data ini",
        "{kind} {id}: desa/kelurahan {value} is in {place}, outside this database's area",
    ),
}
