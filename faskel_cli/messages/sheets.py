"""Messages of spreadsheets: `faskel template visits|xlsform` and `faskel visit import`."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- help ---------------------------------------------------------------------------
    "help.template": (
        "Templat untuk diisi di luar faskel: lembar kerja kunjungan, formulir KoboToolbox/ODK.",
        "Templates to fill outside faskel: the visits workbook, the KoboToolbox/ODK form.",
    ),
    "help.template.visits": (
        "Tulis lembar kerja Excel untuk mencatat kunjungan tanpa faskel (Excel, LibreOffice, Google Sheets); masukkan lagi dengan `faskel visit import`.",
        "Write an Excel workbook to log visits without faskel (Excel, LibreOffice, Google Sheets); bring it back with `faskel visit import`.",
    ),
    "help.template.output": ("Berkas .xlsx yang ditulis.", "The .xlsx file to write."),
    "help.template.rows": (
        "Jumlah baris kosong yang disiapkan (masing-masing dengan ref-nya), 1 sampai {max}.",
        "How many empty rows to prepare (each with its ref), 1 to {max}.",
    ),
    "help.template.facilitator": (
        "Fasilitator pemilik lembar kerja (bawaan: pengaturan `me`): kelurahannya di atas daftar, handle-nya terisi.",
        "The facilitator the workbook is for (default: the `me` setting): her kelurahan first in the list, her handle filled in.",
    ),
    "help.template.xlsform": (
        "Tulis XLSForm formulir kunjungan untuk KoboToolbox atau ODK; ekspor CSV-nya masuk dengan `faskel visit import`.",
        "Write the XLSForm of the visit form for KoboToolbox or ODK; its CSV export comes in with `faskel visit import`.",
    ),
    "help.template.xlsform.output": (
        "Berkas XLSForm (.xlsx) yang ditulis.",
        "The XLSForm (.xlsx) file to write.",
    ),
    "help.visit.import": (
        "Masukkan kunjungan dari lembar kerja (.xlsx) atau CSV (templat faskel, ekspor KoboToolbox/ODK): semua baris atau tidak sama sekali.",
        "Bring visits in from a workbook (.xlsx) or CSV (the faskel template, a KoboToolbox/ODK export): every row or none.",
    ),
    "help.visit.import.file": ("Berkas .xlsx atau .csv.", "An .xlsx or .csv file."),
    "help.visit.import.problems": (
        "CSV kendala terpisah (kelompok ulang `kendala` ekspor KoboToolbox/ODK).",
        "A separate CSV of problems (the `kendala` repeat group of a KoboToolbox/ODK export).",
    ),
    "help.visit.import.facilitator": (
        "Fasilitator untuk baris yang kolom Fasilitator-nya kosong (bawaan: pengaturan `me`).",
        "The facilitator of rows whose Fasilitator cell is empty (default: the `me` setting).",
    ),
    "help.visit.import.dry_run": (
        "Periksa setiap baris dan tampilkan apa yang akan terjadi tanpa menulis apa pun.",
        "Check every row and show what would happen without writing anything.",
    ),
    # --- results ------------------------------------------------------------------------
    "sheet.row": ("baris", "row"),
    "sheet.rows_more": ("{rows}, ... ({n} baris)", "{rows}, ... ({n} rows)"),
    "msg.sheet_counts": (
        "{sheet}: {added} ditambah, {updated} diperbarui, {unchanged} tetap, {refused} ditolak",
        "{sheet}: {added} added, {updated} updated, {unchanged} unchanged, {refused} refused",
    ),
    "msg.sheet_dry_run": (
        "Uji coba (--dry-run): tidak ada yang ditulis.",
        "Dry run (--dry-run): nothing was written.",
    ),
    "msg.template_written": ("Templat ditulis: {path}", "Template written: {path}"),
    # --- errors of rows -----------------------------------------------------------------
    "err.sheet_required": ("wajib diisi", "is required"),
    "err.sheet_required_link": (
        "tulis No. kunjungan dari lembar Kunjungan",
        "give the visit's No. from the Kunjungan sheet",
    ),
    "err.sheet_no_visit": (
        "tidak ada kunjungan bernomor (atau ber-ref) '{ref}' di berkas ini; tulis No. dari lembar Kunjungan",
        "no visit numbered (or with ref) '{ref}' in this file; give a No. from the Kunjungan sheet",
    ),
    "err.sheet_ref_twice": (
        "ref {ref} sudah dipakai baris {row}; setiap baris punya ref sendiri (salin baris tanpa kolom Ref)",
        "ref {ref} is already used by row {row}; each row has its own ref (copy rows without the Ref column)",
    ),
    "err.sheet_ref_other_facilitator": (
        "ref {ref} sudah dimasukkan sebagai kunjungan {handle}; apakah berkas ini salinan templat orang lain? Buat templat sendiri dengan `faskel template visits`, atau ubah fasilitatornya dengan `faskel visit edit`",
        "ref {ref} was imported as a visit of {handle}; is this file a copy of someone else's template? Make your own with `faskel template visits`, or change the facilitator with `faskel visit edit`",
    ),
    "err.sheet_refused": (
        "{n} baris ditolak; tidak ada yang ditulis. Perbaiki baris di atas lalu impor lagi",
        "{n} rows refused; nothing written. Correct the rows above and import again",
    ),
    # --- errors of files ----------------------------------------------------------------
    "err.sheet_missing": ("berkas {file} tidak ditemukan", "file {file} not found"),
    "err.sheet_is_dir": (
        "{file} adalah folder; berikan berkas .xlsx atau .csv",
        "{file} is a folder; give an .xlsx or .csv file",
    ),
    "err.sheet_unreadable": (
        "berkas {file} tidak bisa dibaca: {reason}",
        "cannot read file {file}: {reason}",
    ),
    "err.sheet_empty_file": (
        "berkas {file} kosong; isi templat dari `faskel template visits` lalu simpan",
        "file {file} is empty; fill the template of `faskel template visits` and save it",
    ),
    "err.sheet_not_spreadsheet": (
        "{file} bukan lembar kerja; berikan berkas .xlsx (Excel, LibreOffice, Google Sheets) atau .csv",
        "{file} is not a spreadsheet; give an .xlsx (Excel, LibreOffice, Google Sheets) or .csv file",
    ),
    "err.sheet_corrupt": (
        "lembar kerja {file} rusak atau tidak lengkap; buka di Excel/LibreOffice dan simpan ulang sebagai .xlsx",
        "workbook {file} is damaged or incomplete; open it in Excel/LibreOffice and save it again as .xlsx",
    ),
    "err.sheet_protected": (
        "lembar kerja {file} dilindungi kata sandi; buka di Excel, hapus kata sandinya (File > Info > Protect Workbook) lalu simpan",
        "workbook {file} is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook) and save it",
    ),
    "err.sheet_xls": (
        "{file} adalah lembar kerja Excel 97-2003 (.xls); simpan sebagai .xlsx atau .csv",
        "{file} is an Excel 97-2003 workbook (.xls); save it as .xlsx or .csv",
    ),
    "err.sheet_ods": (
        "{file} adalah lembar kerja OpenDocument (.ods); simpan sebagai .xlsx atau .csv",
        "{file} is an OpenDocument spreadsheet (.ods); save it as .xlsx or .csv",
    ),
    "err.sheet_csv": (
        "CSV {file} baris {row} tidak terbaca ({reason})",
        "cannot read CSV {file} at row {row} ({reason})",
    ),
    "err.sheet_problems_not_csv": (
        "--problems {file} harus berkas CSV; kendala dalam lembar kerja .xlsx dibaca dari lembarnya sendiri",
        "--problems {file} must be a CSV file; problems in an .xlsx workbook are read from its own sheet",
    ),
    "err.sheet_empty": (
        "lembar {sheet} kosong; isi baris di bawah judul kolom",
        "sheet {sheet} is empty; fill in rows under the headings",
    ),
    "err.sheet_no_rows": (
        "lembar {sheet} tidak berisi kunjungan; isi minimal satu baris di bawah judul kolom",
        "sheet {sheet} holds no visit; fill in at least one row under the headings",
    ),
    "err.sheet_heading_unknown": (
        "lembar {sheet}, kolom {column}: judul '{heading}' tidak dikenal (yang paling mirip: {closest}); judul yang dikenal: {expected}",
        "sheet {sheet}, column {column}: unknown heading '{heading}' (closest: {closest}); known headings: {expected}",
    ),
    "err.sheet_heading_twice": (
        "lembar {sheet}: judul '{heading}' ada dua kali (kolom {first} dan {second}); hapus salah satunya",
        "sheet {sheet}: heading '{heading}' appears twice (columns {first} and {second}); remove one",
    ),
    "err.sheet_heading_missing": (
        "lembar {sheet}: kolom {missing} tidak ada (judul di baris {row}); judul yang dikenal: {expected}",
        "sheet {sheet}: no column {missing} (headings in row {row}); known headings: {expected}",
    ),
    # --- the template -------------------------------------------------------------------
    "err.template_rows": (
        "--rows {value} harus antara 1 dan {max}",
        "--rows {value} must be between 1 and {max}",
    ),
    "sheet.hint.no": (
        "Nomor baris; dipakai lembar Kendala untuk menunjuk kunjungan ini.",
        "Row number; the Kendala sheet uses it to point at this visit.",
    ),
    "sheet.hint.tanggal": (
        "Tanggal kunjungan (wajib), mis. 23/11/2026; tidak boleh di masa depan.",
        "Date of the visit (required), e.g. 23/11/2026; not in the future.",
    ),
    "sheet.hint.kelurahan": (
        "Kelurahan yang dikunjungi (wajib); pilih dari daftar.",
        "The kelurahan visited (required); pick from the list.",
    ),
    "sheet.hint.fasilitator": (
        "Handle fasilitator; kosong = yang mengimpor (pengaturan `me`).",
        "The facilitator's handle; empty = whoever imports (the `me` setting).",
    ),
    "sheet.hint.jenis": (
        "Jenis kunjungan (wajib): {choices}.",
        "Kind of visit (required): {choices}.",
    ),
    "sheet.hint.bidang": (
        "Bidang/tahapan pemberdayaan (wajib): {choices}.",
        "Strand (required): {choices}.",
    ),
    "sheet.hint.lkk": (
        "LKK yang didampingi di kelurahan itu; beberapa dipisah dengan ; (titik koma).",
        "The LKK met in that kelurahan; several separated by ; (semicolon).",
    ),
    "sheet.hint.laki_laki": (
        "Jumlah peserta laki-laki (bilangan bulat, 0 sampai 10000).",
        "Number of male participants (a whole number, 0 to 10000).",
    ),
    "sheet.hint.perempuan": (
        "Jumlah peserta perempuan (bilangan bulat, 0 sampai 10000).",
        "Number of female participants (a whole number, 0 to 10000).",
    ),
    "sheet.hint.durasi": (
        "Durasi kunjungan dalam menit (mis. 90), atau 1h30.",
        "Length of the visit in minutes (e.g. 90), or 1h30.",
    ),
    "sheet.hint.kegiatan": (
        "Id kegiatan dari `faskel activity list` (boleh awalannya), jika kunjungan untuk kegiatan.",
        "The activity's id from `faskel activity list` (a prefix will do), when the visit is for one.",
    ),
    "sheet.hint.catatan": ("Catatan bebas.", "Free notes."),
    "sheet.hint.ref": (
        "Jangan diubah atau disalin: penanda baris ini bagi faskel, agar impor ulang tidak menggandakan kunjungan.",
        "Do not change or copy: this row's mark for faskel, so importing again never doubles a visit.",
    ),
    "sheet.hint.ref_kunjungan": (
        "No. kunjungan di lembar Kunjungan (kolom No) tempat kendala ini ditemukan.",
        "The visit's No. in the Kunjungan sheet (column No) where this problem was met.",
    ),
    "sheet.hint.kendala": ("Kendala yang ditemukan (wajib).", "The problem met (required)."),
    "sheet.hint.tindak_lanjut": (
        "Tindak lanjut yang akan dilakukan (wajib).",
        "What will be done about it (required).",
    ),
    "sheet.hint.tenggat": (
        "Tenggat tindak lanjut, tidak sebelum tanggal kunjungan.",
        "Due date of the follow-up, not before the visit's date.",
    ),
    "sheet.hint.penanggung_jawab": (
        "Handle penanggung jawab; kosong = fasilitator kunjungan.",
        "The owner's handle; empty = the visit's facilitator.",
    ),
    "sheet.guide.title": (
        "Petunjuk pengisian lembar kunjungan faskel",
        "How to fill in the faskel visits workbook",
    ),
    "sheet.guide.made": ("Dibuat {date} untuk {who} ({area}).", "Made {date} for {who} ({area})."),
    "sheet.guide.everyone": ("semua fasilitator", "every facilitator"),
    "sheet.guide.steps": (
        "1. Isi satu baris per kunjungan di lembar Kunjungan, mulai baris 2. Baris yang tidak diisi diabaikan.|"
        "2. Kendala dan tindak lanjutnya diisi di lembar Kendala, satu baris per kendala, dengan No. kunjungannya.|"
        "3. Jangan ubah judul kolom dan kolom Ref (abu-abu). Baris boleh diurutkan; jangan salin Ref ke baris lain.|"
        "4. Simpan sebagai .xlsx (atau unduh dari Google Sheets sebagai .xlsx atau .csv) dan kirim ke yang memegang faskel.|"
        "5. Di faskel: `faskel visit import kunjungan.xlsx --dry-run` memeriksa semua baris; tanpa --dry-run semuanya dimasukkan.|"
        "6. Berkas yang sama boleh diimpor lagi setelah ditambah baris: yang sudah masuk tidak digandakan, baris yang diubah memperbarui kunjungannya.",
        "1. Fill one row per visit in the Kunjungan sheet, from row 2 on. Rows left empty are ignored.|"
        "2. Problems and their follow-ups go in the Kendala sheet, one row per problem, with the visit's No.|"
        "3. Do not change the headings or the Ref column (grey). Rows may be sorted; never copy a Ref to another row.|"
        "4. Save as .xlsx (or download from Google Sheets as .xlsx or .csv) and send it to whoever keeps faskel.|"
        "5. In faskel: `faskel visit import kunjungan.xlsx --dry-run` checks every row; without --dry-run they all go in.|"
        "6. The same file may be imported again after rows are added: what is in already is not doubled, a changed row updates its visit.",
    ),
    "sheet.guide.example": ("Contoh baris yang diisi:", "An example of a filled row:"),
    "sheet.guide.example_problem": (
        "Contoh kendala untuk kunjungan No. 1:",
        "An example problem for visit No. 1:",
    ),
    "sheet.guide.columns": ("Kolom", "Column"),
    "sheet.guide.field": ("Nama isian", "Field name"),
    "sheet.guide.meaning": ("Isi", "What goes in"),
    "sheet.guide.example_notes": ("Rapat kader posyandu", "Posyandu cadre meeting"),
    "sheet.guide.example_problem_text": ("Kader baru belum dilatih", "New cadres not trained yet"),
    "sheet.guide.example_followup": ("Jadwalkan pelatihan kader", "Schedule a cadre training"),
    "sheet.list.kelurahan": ("Kelurahan", "Kelurahan"),
    "sheet.list.jenis": ("Jenis kunjungan", "Kind"),
    "sheet.list.bidang": ("Bidang", "Strand"),
    "sheet.list.lkk": ("LKK", "LKK"),
    "sheet.list.fasilitator": ("Fasilitator", "Facilitator"),
    "sheet.validation.title": ("Isian tidak dikenal", "Unknown value"),
    "sheet.validation.list": ("Pilih dari daftar.", "Pick from the list."),
    "sheet.validation.count": ("Bilangan bulat 0 sampai 10000.", "A whole number, 0 to 10000."),
    "sheet.validation.date": (
        "Tanggal antara 01/01/2000 dan hari ini.",
        "A date between 2000-01-01 and today.",
    ),
    "sheet.validation.due": ("Tanggal, sejak 01/01/2000.", "A date, from 2000-01-01 on."),
    "sheet.validation.minutes": ("Menit, 1 sampai 1440.", "Minutes, 1 to 1440."),
}
