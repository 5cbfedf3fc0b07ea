"""Messages of periods: months, quarters (triwulan) and years beside weeks and dates
(`--month`, `--quarter`, `--year`), and the coordinator's monthly recap (`report rekap`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- options --------------------------------------------------------------------------
    "help.opt.month": (
        "bulan: 2026-11, 11/2026, bulan-ini (this) atau bulan-lalu (last)",
        "calendar month: 2026-11, 11/2026, this or last",
    ),
    "help.opt.quarter": (
        "triwulan: 2026-Q4, Q4 (tahun ini), triwulan-ini (this) atau triwulan-lalu (last)",
        "calendar quarter: 2026-Q4, Q4 (this year), this or last",
    ),
    "help.opt.year": (
        "tahun: 2026, tahun-ini (this) atau tahun-lalu (last)",
        "calendar year: 2026, this or last",
    ),
    "help.opt.fu_period": (
        "minggu ISO: 2026-W48, minggu-ini atau minggu-lalu. Dengan periode apa pun (--week, "
        "--month, --quarter, --year, --since, --until): --open dan --overdue per akhir "
        "periode, --done yang selesai di dalamnya, --all yang dicatat di dalamnya",
        "ISO week: 2026-W48, this or last. With any period (--week, --month, --quarter, "
        "--year, --since, --until): --open and --overdue as of its end, --done those done "
        "in it, --all those raised in it",
    ),
    "help.opt.trend_month": (
        "minggu-minggu yang menyentuh bulan ini: 2026-11, bulan-ini atau bulan-lalu",
        "the weeks that touch this month: 2026-11, this or last",
    ),
    "help.opt.trend_quarter": (
        "minggu-minggu yang menyentuh triwulan ini: 2026-Q4, triwulan-ini atau triwulan-lalu",
        "the weeks that touch this quarter: 2026-Q4, this or last",
    ),
    "help.opt.trend_year": (
        "minggu-minggu yang menyentuh tahun ini: 2026, tahun-ini atau tahun-lalu",
        "the weeks that touch this year: 2026, this or last",
    ),
    # --- errors ---------------------------------------------------------------------------
    "err.period_many": (
        "pakai satu periode saja, bukan {options}",
        "give one period only, not {options}",
    ),
    "err.period_and_as_of": (
        "pakai --as-of atau periode {option}, bukan keduanya",
        "use --as-of or the period {option}, not both",
    ),
    "err.period_and_weeks": (
        "pakai --weeks atau {option}, bukan keduanya: {option} sudah menentukan minggunya",
        "use --weeks or {option}, not both: {option} sets the weeks itself",
    ),
    "err.month_invalid": (
        "bulan '{value}' tidak ada: bulan {month} bukan 1 sampai 12",
        "month '{value}' does not exist: {month} is not 1 to 12",
    ),
    "err.month_year": (
        "bulan '{value}' di luar jangkauan; tahunnya harus antara {first} dan {last}",
        "month '{value}' is out of range; its year must be between {first} and {last}",
    ),
    "err.quarter_format": (
        "triwulan '{value}' tidak dikenal; tulis seperti 2026-Q4, Q4, triwulan-ini atau "
        "triwulan-lalu",
        "unknown quarter '{value}'; write it like 2026-Q4, Q4, this or last",
    ),
    "err.quarter_invalid": (
        "triwulan '{value}' tidak ada: setahun punya triwulan 1 sampai 4, bukan {quarter}",
        "quarter '{value}' does not exist: a year has quarters 1 to 4, not {quarter}",
    ),
    "err.quarter_year": (
        "triwulan '{value}' di luar jangkauan; tahunnya harus antara {first} dan {last}",
        "quarter '{value}' is out of range; its year must be between {first} and {last}",
    ),
    "err.year_format": (
        "tahun '{value}' tidak dikenal; tulis seperti 2026, tahun-ini atau tahun-lalu",
        "unknown year '{value}'; write it like 2026, this or last",
    ),
    "err.year_range": (
        "tahun '{value}' di luar jangkauan; harus antara {first} dan {last}",
        "year '{value}' is out of range; it must be between {first} and {last}",
    ),
    # --- summary --by facilitator: the last bundle received ---------------------------------
    "sum.col.bundle": ("Bundel", "Bundle"),
    "sum.legend_bundle": (
        "Bundel = hari bundel terakhir darinya yang membawa data baru diterima di sini.",
        "Bundle = the day the latest bundle from them that brought anything came here.",
    ),
    # --- labels ---------------------------------------------------------------------------
    # Month names, January first, comma-separated (one entry, not twelve computed keys).
    "label.months": (
        "Januari,Februari,Maret,April,Mei,Juni,Juli,Agustus,September,Oktober,November,Desember",
        "January,February,March,April,May,June,July,August,September,October,November,December",
    ),
    "label.month_title": ("{month} {year}", "{month} {year}"),
    # How a quarter is numbered in its title: Triwulan IV 2026, Q4 2026.
    "label.quarters": ("I,II,III,IV", "1,2,3,4"),
    "label.quarter_title": ("Triwulan {quarter} {year}", "Q{quarter} {year}"),
    # --- report rekap ---------------------------------------------------------------------
    "help.report.rekap": (
        "Rekap bulanan koordinator: satu baris per fasilitator (kunjungan, kelurahan tugas yang dikunjungi, hari kerja, peserta L/P, tindak lanjut dibuka/selesai/terlambat, bundel terakhir yang diterima dari laptopnya), lalu satu baris per kelurahan, dengan jumlahnya. Sebagai xlsx, pdf, json, md atau csv.",
        "The coordinator's monthly recap: one row per facilitator (visits, assigned kelurahan visited, days worked, participants M/F, follow-ups opened/done/overdue, the last bundle received from their laptop), then one row per kelurahan, with totals. As xlsx, pdf, json, md or csv.",
    ),
    "help.opt.rekap_month": (
        "bulan: 2026-11, bulan-ini (this) atau bulan-lalu (last); bawaan: bulan ini",
        "calendar month: 2026-11, this or last; default: this month",
    ),
    "help.opt.rekap_format": (
        "format: xlsx|pdf|json|md|csv|csv-id (bawaan: dari akhiran --output, atau json)",
        "format: xlsx|pdf|json|md|csv|csv-id (default: from the --output suffix, or json)",
    ),
    "help.opt.rekap_output": (
        "berkas tujuan; boleh memuat {month}, {quarter}, {year}, {week}, {start}, {end}, {area}; '-' = stdout (selain xlsx dan pdf)",
        "target file; may hold {month}, {quarter}, {year}, {week}, {start}, {end}, {area}; '-' = stdout (not for xlsx and pdf)",
    ),
    "err.rekap_scope": (
        "rekap dibuat per kabupaten/kota atau kecamatan, bukan untuk {nama} sekaligus; "
        "pilih satu dengan --kabupaten (atau --kecamatan)",
        "a recap covers one kabupaten/kota or kecamatan, not {nama} at once; choose one with "
        "--kabupaten (or --kecamatan)",
    ),
    "rep.rekap.title": ("Rekap {area} {period}", "Recap {area} {period}"),
    "rep.rekap.coverage": (
        "{visited} dari {total} {villages} dikunjungi",
        "{visited} of {total} {villages} visited",
    ),
    "rep.rekap.facilitators": ("Per fasilitator", "Per facilitator"),
    "rep.rekap.kelurahan": ("Per {villages}", "Per {villages}"),
    "rep.rekap.total": ("Jumlah", "Total"),
    "rep.rekap.page": ("Halaman {page}", "Page {page}"),
    "rep.rekap.legend": (
        "Kel. dikunjungi / Kel. tugas: {villages} tugasnya yang dikunjungi pada periode ini / {villages} tugasnya. Hari kerja: hari dengan kunjungan. TL: tindak lanjut (fasilitator: miliknya; {villages}: di sana), dibuka dan selesai pada periode ini, terlambat per akhir periode. Bundel diterima: hari bundel terakhir darinya yang membawa data baru tiba di sini; Data terbaru: tanggal kunjungan terbaru di bundel itu.",
        "Kel. visited / Kel. assigned: assigned {villages} visited in the period / {villages} assigned. Days worked: days with a visit. FU: follow-ups (facilitator: those they own; {villages}: those raised there), opened and done in the period, overdue at its end. Bundle received: the day the latest bundle from them that brought anything came here; Newest data: the latest visit date in that bundle.",
    ),
    "rep.rekap.col.facilitator": ("Fasilitator", "Facilitator"),
    "rep.rekap.col.visits": ("Kunjungan", "Visits"),
    "rep.rekap.col.covered": ("Kel. dikunjungi", "Kel. visited"),
    "rep.rekap.col.assigned": ("Kel. tugas", "Kel. assigned"),
    "rep.rekap.col.days_worked": ("Hari kerja", "Days worked"),
    "rep.rekap.col.male": ("L", "M"),
    "rep.rekap.col.female": ("P", "F"),
    "rep.rekap.col.female_share": ("%P", "%F"),
    "rep.rekap.col.fu_opened": ("TL dibuka", "FU opened"),
    "rep.rekap.col.fu_done": ("TL selesai", "FU done"),
    "rep.rekap.col.fu_overdue": ("TL terlambat", "FU overdue"),
    "rep.rekap.col.last_bundle": ("Bundel diterima", "Bundle received"),
    "rep.rekap.col.bundle_newest": ("Data terbaru", "Newest data"),
    "rep.rekap.col.kecamatan": ("Kecamatan", "Kecamatan"),
    "rep.rekap.col.kelurahan": ("Kelurahan", "Kelurahan"),
    "rep.rekap.col.assigned_to": ("Fasilitator tugas", "Facilitators assigned"),
    "rep.rekap.col.days_visited": ("Hari dikunjungi", "Days visited"),
    "rep.rekap.col.facilitators": ("Fasilitator berkunjung", "Facilitators visiting"),
    "rep.rekap.col.last_visit": ("Kunjungan terakhir", "Last visit"),
}
