"""Messages of photos (`visit|activity photo ...`, `visit add --photo`, photos in bundles)
and of the facilitator's monthly report (`faskel report bulanan`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- photos: help -------------------------------------------------------------------
    "help.visit.photo": (
        "Foto dokumentasi kunjungan: add, list, remove, export.",
        "A visit's documentation photos: add, list, remove, export.",
    ),
    "help.activity.photo": (
        "Foto dokumentasi kegiatan (sebelum, proses, sesudah): add, list, remove, export.",
        "An activity's documentation photos (before, during, after): add, list, remove, export.",
    ),
    "help.visit.photo.add": (
        "Tambahkan foto (JPEG, PNG, WebP; paling besar 20 MB) ke kunjungan ID. Foto disimpan tegak, diperkecil (sisi panjang 1600 px), waktu dan lokasi pengambilannya dicatat; foto yang sama disimpan sekali.",
        "Add photos (JPEG, PNG, WebP; at most 20 MB) to visit ID. Photos are stored upright and downscaled (long side 1600 px), with the time and place they were taken; the same photo is stored once.",
    ),
    "help.activity.photo.add": (
        "Tambahkan foto (JPEG, PNG, WebP; paling besar 20 MB) ke kegiatan ID, mis. sebelum dan sesudah pekerjaan fisik (--when).",
        "Add photos (JPEG, PNG, WebP; at most 20 MB) to activity ID, e.g. before and after physical work (--when).",
    ),
    "help.visit.photo.list": ("Daftar foto kunjungan ID.", "List the photos of visit ID."),
    "help.activity.photo.list": ("Daftar foto kegiatan ID.", "List the photos of activity ID."),
    "help.visit.photo.remove": (
        "Lepaskan foto dari kunjungan ID (nomor di `photo list` atau awal ID foto).",
        "Take photos off visit ID (their number in `photo list` or the start of the photo id).",
    ),
    "help.activity.photo.remove": (
        "Lepaskan foto dari kegiatan ID (nomor di `photo list` atau awal ID foto).",
        "Take photos off activity ID (their number in `photo list` or the start of the photo id).",
    ),
    "help.visit.photo.export": (
        "Tulis foto kunjungan ID sebagai berkas JPEG ke folder DIR.",
        "Write the photos of visit ID as JPEG files into folder DIR.",
    ),
    "help.activity.photo.export": (
        "Tulis foto kegiatan ID sebagai berkas JPEG ke folder DIR.",
        "Write the photos of activity ID as JPEG files into folder DIR.",
    ),
    "help.opt.photo": (
        "berkas foto kunjungan (JPEG, PNG, WebP); boleh diulang",
        "a photo of the visit (JPEG, PNG, WebP); may be repeated",
    ),
    "help.opt.photo_caption": (
        "keterangan foto (untuk dokumentasi laporan bulanan)",
        "the photos' caption (for the monthly report's documentation)",
    ),
    "help.opt.photo_when": (
        "kapan foto diambil: sebelum (0 %), proses (50 %), sesudah (100 %)",
        "when the photo was taken: sebelum/before (0 %), proses/during (50 %), sesudah/after (100 %)",
    ),
    "help.opt.photo_which": (
        "nomor foto di `photo list`, atau awal ID fotonya (6+ karakter)",
        "the photo's number in `photo list`, or the start of its id (6+ characters)",
    ),
    "help.bundle.export.no_photos": (
        "tanpa foto (bundel kecil untuk dikirim lewat WhatsApp); ekspor berikutnya ke berkas yang sama membawanya",
        "leave photos out (a small bundle to send over WhatsApp); the next export to the same file carries them",
    ),
    # --- photos: what commands say ------------------------------------------------------
    "msg.photo_added": ("Foto {id} disimpan ({file}).", "Photo {id} stored ({file})."),
    "msg.photo_linked": (
        "Foto {id} sudah tersimpan; kini juga pada entri ini ({file}).",
        "Photo {id} was stored already; now on this record too ({file}).",
    ),
    "msg.photo_unchanged": (
        "Foto {id} sudah ada pada entri ini ({file}); tidak ada yang berubah.",
        "Photo {id} is on this record already ({file}); nothing changed.",
    ),
    "msg.photo_updated": (
        "Foto {id}: keterangan diperbarui ({file}).",
        "Photo {id}: caption updated ({file}).",
    ),
    "msg.photo_restored": (
        "Foto {id} dipasang kembali ({file}).",
        "Photo {id} put back ({file}).",
    ),
    "msg.photo_removed": ("Foto {id} dilepas.", "Photo {id} taken off."),
    "msg.no_photos": ("Belum ada foto.", "No photos yet."),
    "title.photos": ("{n} foto", "{n} photos"),
    "col.photo_n": ("No", "No"),
    "col.photo_id": ("Foto", "Photo"),
    "col.photo_taken": ("Diambil", "Taken"),
    "col.photo_place": ("Lokasi", "Place"),
    "col.photo_size": ("Ukuran", "Size"),
    "col.photo_caption": ("Keterangan", "Caption"),
    "label.moment.sebelum": ("sebelum", "before"),
    "label.moment.proses": ("proses", "during"),
    "label.moment.sesudah": ("sesudah", "after"),
    "bundle.kind.photos": ("foto", "photos"),
    "bundle.kind.photo_links": ("foto pada entri", "photos on records"),
    "bundle.rule.base64": ("teks base64", "base64 text"),
    "msg.bundle_photo_bytes": (
        "Foto di bundel ini: {n} ({size}).",
        "Photos in this bundle: {n} ({size}).",
    ),
    "msg.bundle_no_photos": (
        "Foto tidak dibawa bundel ini (--no-photos).",
        "This bundle leaves photos out (--no-photos).",
    ),
    # --- photos: errors -----------------------------------------------------------------
    "err.photo_unreadable": (
        "tidak bisa membaca foto {path}: {reason}; tidak ada yang disimpan",
        "cannot read photo {path}: {reason}; nothing was stored",
    ),
    "err.photo_folder": (
        "{path} adalah folder, bukan foto; tidak ada yang disimpan",
        "{path} is a folder, not a photo; nothing was stored",
    ),
    "err.photo_too_large": (
        "foto {path} terlalu besar ({mb:.1f} MB; paling besar {limit} MB); tidak ada yang disimpan",
        "photo {path} is too large ({mb:.1f} MB; at most {limit} MB); nothing was stored",
    ),
    "err.photo_not_image": (
        "{path} bukan foto (JPEG, PNG atau WebP); tidak ada yang disimpan",
        "{path} is not a photo (JPEG, PNG or WebP); nothing was stored",
    ),
    "err.photo_format": (
        "{path} berformat {format}; faskel menerima JPEG, PNG dan WebP; tidak ada yang disimpan",
        "{path} is {format}; faskel takes JPEG, PNG and WebP; nothing was stored",
    ),
    "err.photo_heic": (
        "{path} adalah foto HEIC (iPhone): pasang dukungannya dengan `pip install 'faskel[heic]'`, atau simpan sebagai JPEG; tidak ada yang disimpan",
        "{path} is a HEIC photo (iPhone): install its support with `pip install 'faskel[heic]'`, or save it as JPEG; nothing was stored",
    ),
    "err.photo_damaged": (
        "foto {path} rusak atau terpotong; tidak ada yang disimpan",
        "photo {path} is damaged or truncated; nothing was stored",
    ),
    "err.photo_bomb": (
        "foto {path} terlalu banyak pikselnya (lebih dari {limit} megapiksel); tidak ada yang disimpan",
        "photo {path} has too many pixels (over {limit} megapixels); nothing was stored",
    ),
    "err.photo_none": ("beri paling sedikit satu foto", "give at least one photo"),
    "err.photo_moment_visit": (
        "--when hanya untuk foto kegiatan (sebelum, proses, sesudah)",
        "--when is for activity photos only (before, during, after)",
    ),
    "err.photo_unknown": (
        "foto '{ref}' tidak ada pada entri ini ({n} foto; lihat `photo list`)",
        "no photo '{ref}' on this record ({n} photos; see `photo list`)",
    ),
    "err.photo_ref": (
        "'{ref}': beri nomor foto di `photo list` atau paling sedikit 6 karakter awal ID-nya",
        "'{ref}': give the photo's number in `photo list` or at least the first 6 characters of its id",
    ),
    "err.photo_export_folder": (
        "{path} adalah berkas, bukan folder",
        "{path} is a file, not a folder",
    ),
    "err.bundle_blob": (
        "{file}: isi foto {id} tidak sesuai checksum-nya (bundel rusak atau diubah); tidak ada yang diimpor",
        "{file}: the content of photo {id} does not match its checksum (a damaged or changed bundle); nothing was imported",
    ),
}

MESSAGES.update(
    {
        # --- settings of the monthly report ------------------------------------------------
        "cfg.office": (
            "kantor pada laporan bulanan, mis. Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Pekalongan",
            "the office named on the monthly report, e.g. Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Pekalongan",
        ),
        "cfg.place": (
            "tempat penandatanganan laporan bulanan (bawaan: nama kota/kabupaten)",
            "where the monthly report is signed (default: the kota/kabupaten's name)",
        ),
        "cfg.supervisor_title": (
            "jabatan atasan yang menandatangani 'Mengetahui', mis. Kepala Bidang Pemberdayaan Masyarakat",
            "the supervisor's title under 'Mengetahui', e.g. Kepala Bidang Pemberdayaan Masyarakat",
        ),
        "cfg.supervisor_name": ("nama atasan tersebut", "that supervisor's name"),
        "cfg.supervisor_nip": (
            "NIP atasan tersebut (18 angka)",
            "that supervisor's NIP (civil-servant number, 18 digits)",
        ),
        "err.config_nip": (
            "NIP '{value}' tidak sah: harus 18 angka",
            "NIP '{value}' is not valid: it has 18 digits",
        ),
        # --- the command ------------------------------------------------------------------
        "help.report.bulanan": (
            "Laporan bulanan (lapbul) seorang fasilitator sebagai PDF atau DOCX: ringkasan, uraian kegiatan harian, lembar waktu kerja, kegiatan, kendala dan tindak lanjut, RKTL, dokumentasi foto, tanda tangan.",
            "A facilitator's monthly report (lapbul) as PDF or DOCX: summary, daily record of work, work-time sheet, activities, problems and follow-ups, next month's plan (RKTL), photos, signatures.",
        ),
        "help.opt.lapbul_month": (
            "bulan laporan: 2026-11, 11/2026, this/bulan-ini, last/bulan-lalu (bawaan: bulan lalu)",
            "the report's month: 2026-11, 11/2026, this/bulan-ini, last/bulan-lalu (default: last month)",
        ),
        "help.opt.lapbul_facilitator": (
            "handle fasilitator (bawaan: pengaturan `me`)",
            "the facilitator's handle (default: the `me` setting)",
        ),
        "help.opt.lapbul_output": (
            "berkas tujuan, .pdf atau .docx; boleh memuat {handle} dan {month} (bawaan: lapbul-{handle}-{month}.pdf)",
            "target file, .pdf or .docx; may hold {handle} and {month} (default: lapbul-{handle}-{month}.pdf)",
        ),
        "err.lapbul_who": (
            "laporan bulanan siapa? beri --facilitator HANDLE atau `faskel config set me HANDLE`",
            "whose monthly report? give --facilitator HANDLE or `faskel config set me HANDLE`",
        ),
        "err.lapbul_suffix": (
            "{path}: laporan bulanan ditulis sebagai .pdf atau .docx",
            "{path}: the monthly report is written as .pdf or .docx",
        ),
        "err.lapbul_placeholder": (
            "{name} tidak dikenal di --output; yang ada: {{handle}}, {{month}}",
            "unknown {name} in --output; known: {{handle}}, {{month}}",
        ),
        "msg.lapbul_written_pdf": (
            "Laporan bulanan ditulis: {path} ({pages} halaman, {size})",
            "Monthly report written: {path} ({pages} pages, {size})",
        ),
        "msg.lapbul_written_docx": (
            "Laporan bulanan ditulis: {path} ({size})",
            "Monthly report written: {path} ({size})",
        ),
        # --- the document -----------------------------------------------------------------
        "rep.lapbul.title": ("LAPORAN BULANAN", "MONTHLY REPORT"),
        "rep.lapbul.subtitle": (
            "Fasilitator Pemberdayaan Masyarakat Kelurahan",
            "Community Empowerment Facilitator (Kelurahan)",
        ),
        "rep.lapbul.month_line": ("Bulan {month}", "Month: {month}"),
        "rep.lapbul.name": ("Nama", "Name"),
        "rep.lapbul.role": ("Jabatan", "Role"),
        "rep.lapbul.role.faskel": ("Fasilitator Kelurahan", "Kelurahan facilitator"),
        "rep.lapbul.role.koordinator": ("Koordinator Fasilitator", "Facilitator coordinator"),
        "rep.lapbul.office": ("Instansi", "Office"),
        "rep.lapbul.area": ("Wilayah tugas", "Area assigned"),
        "rep.lapbul.kelurahan_in": (
            "Kel. {kelurahan}, Kec. {kecamatan}",
            "{kelurahan} ({kecamatan})",
        ),
        "rep.lapbul.period": ("Periode", "Period"),
        "rep.lapbul.period_value": ("{start} s.d. {end}", "{start} to {end}"),
        "rep.lapbul.none": ("-", "-"),
        "rep.lapbul.s1": ("I. Ringkasan Bulan Ini", "I. The Month in Brief"),
        "rep.lapbul.sum.visits": ("Jumlah kunjungan", "Visits"),
        "rep.lapbul.sum.kelurahan": ("Kelurahan dikunjungi", "Kelurahan visited"),
        "rep.lapbul.sum.kelurahan_value": ("{n} dari {of} kelurahan tugas", "{n} of {of} assigned"),
        "rep.lapbul.sum.days": ("Hari kerja", "Days worked"),
        "rep.lapbul.sum.hours": ("Jam kerja tercatat", "Hours logged"),
        "rep.lapbul.sum.participants": ("Peserta (L / P)", "Participants (M / F)"),
        "rep.lapbul.sum.participants_value": (
            "{total} orang: {male} laki-laki, {female} perempuan ({share} perempuan)",
            "{total}: {male} men, {female} women ({share} women)",
        ),
        "rep.lapbul.sum.lkk": ("LKK yang didampingi", "LKK reached"),
        "rep.lapbul.sum.followups": ("Tindak lanjut", "Follow-ups"),
        "rep.lapbul.sum.followups_value": (
            "{opened} baru, {done} selesai, {open} masih terbuka",
            "{opened} new, {done} done, {open} still open",
        ),
        "rep.lapbul.s2": ("II. Uraian Kegiatan Harian", "II. Daily Record of Work"),
        "rep.lapbul.col.no": ("No", "No"),
        "rep.lapbul.col.date": ("Tanggal", "Date"),
        "rep.lapbul.col.kelurahan": ("Kelurahan", "Kelurahan"),
        "rep.lapbul.col.lkk": ("LKK", "LKK"),
        "rep.lapbul.col.kind": ("Jenis", "Kind"),
        "rep.lapbul.col.strand": ("Bidang", "Strand"),
        "rep.lapbul.col.participants": ("L/P", "M/F"),
        "rep.lapbul.col.notes": ("Hasil / catatan", "Result / notes"),
        "rep.lapbul.no_visits": (
            "Tidak ada kunjungan tercatat bulan ini.",
            "No visits logged this month.",
        ),
        "rep.lapbul.s3": ("III. Lembar Waktu Kerja", "III. Work-Time Sheet"),
        "rep.lapbul.col.day": ("Hari", "Day"),
        "rep.lapbul.col.visits": ("Kunjungan", "Visits"),
        "rep.lapbul.col.hours": ("Jam", "Hours"),
        "rep.lapbul.col.work": ("Pekerjaan", "Work"),
        "rep.lapbul.timesheet_total": ("Jumlah", "Total"),
        "rep.lapbul.s4": ("IV. Kegiatan yang Didampingi", "IV. Activities Accompanied"),
        "rep.lapbul.col.activity": ("Kegiatan", "Activity"),
        "rep.lapbul.col.funding": ("Sumber dana", "Funding"),
        "rep.lapbul.col.budget": ("Anggaran", "Budget"),
        "rep.lapbul.col.spent": ("Dana terpakai", "Spent"),
        "rep.lapbul.col.stage_start": ("Tahap awal bulan", "Stage at start"),
        "rep.lapbul.col.stage_end": ("Tahap akhir bulan", "Stage at end"),
        "rep.lapbul.not_begun": ("belum mulai", "not begun"),
        "rep.lapbul.no_activities": (
            "Tidak ada kegiatan yang didampingi.",
            "No activities accompanied.",
        ),
        "rep.lapbul.s5": ("V. Kendala dan Tindak Lanjut", "V. Problems and Follow-ups"),
        "rep.lapbul.col.problem": ("Kendala", "Problem"),
        "rep.lapbul.col.action": ("Tindak lanjut", "Follow-up"),
        "rep.lapbul.col.owner": ("Penanggung jawab", "Owner"),
        "rep.lapbul.col.due": ("Batas waktu", "Due"),
        "rep.lapbul.col.state": ("Status", "State"),
        "rep.lapbul.state.done": ("selesai {date}", "done {date}"),
        "rep.lapbul.state.open": ("terbuka", "open"),
        "rep.lapbul.state.overdue": ("terlambat {days} hari", "{days} days overdue"),
        "rep.lapbul.no_followups": ("Tidak ada kendala tercatat.", "No problems logged."),
        "rep.lapbul.s6": (
            "VI. Rencana Kerja Tindak Lanjut (RKTL) Bulan {month}",
            "VI. Follow-up Work Plan (RKTL) for {month}",
        ),
        "rep.lapbul.plan.followups": (
            "Tindak lanjut yang jatuh tempo atau terlambat",
            "Follow-ups due or overdue",
        ),
        "rep.lapbul.plan.followup_item": (
            "{action} ({kelurahan}; {owner}; batas {due}{overdue})",
            "{action} ({kelurahan}; {owner}; due {due}{overdue})",
        ),
        "rep.lapbul.plan.late": (", terlambat {days} hari", ", {days} days overdue"),
        "rep.lapbul.plan.activities": ("Tahap berikut kegiatan", "Each activity's next stage"),
        "rep.lapbul.plan.activity_item": (
            "{title} ({kelurahan}): dari {stage} ke {next}",
            "{title} ({kelurahan}): from {stage} to {next}",
        ),
        "rep.lapbul.plan.not_visited": (
            "Kelurahan tugas yang belum dikunjungi bulan ini",
            "Assigned kelurahan not visited this month",
        ),
        "rep.lapbul.plan.none": ("tidak ada", "none"),
        "rep.lapbul.s7": ("VII. Dokumentasi", "VII. Documentation"),
        "rep.lapbul.no_photos": ("Tidak ada foto bulan ini.", "No photos this month."),
        "rep.lapbul.photo_what": ("{kind} {lkk}", "{kind} {lkk}"),
        "rep.lapbul.photo_place": ("lokasi {lat}, {lon}", "location {lat}, {lon}"),
        "rep.lapbul.sign_known": ("Mengetahui,", "Acknowledged,"),
        "rep.lapbul.sign_maker": ("Yang membuat laporan,", "Report made by,"),
        "rep.lapbul.sign_place": ("{place}, {date}", "{place}, {date}"),
        "rep.lapbul.nip": ("NIP. {nip}", "NIP. {nip}"),
        "rep.lapbul.page": ("Halaman {n}", "Page {n}"),
        "rep.lapbul.footer": (
            "Laporan bulanan {name} · {month} · dibuat dengan faskel",
            "Monthly report of {name} · {month} · made with faskel",
        ),
        "rep.lapbul.kind.pendampingan": ("Pendampingan", "Accompanying"),
        "rep.lapbul.kind.bimbingan": ("Bimbingan", "Coaching"),
        "rep.lapbul.kind.pengawasan": ("Pengawasan", "Supervision"),
        "rep.lapbul.strand.kesadaran": ("Kesadaran kritis", "Critical awareness"),
        "rep.lapbul.strand.pemetaan": ("Pemetaan swadaya", "Residents' own survey"),
        "rep.lapbul.strand.perencanaan": ("Perencanaan partisipatif", "Participatory planning"),
        "rep.lapbul.strand.pengorganisasian": (
            "Pengorganisasian komunitas",
            "Community organising",
        ),
        "rep.lapbul.strand.mobilisasi": ("Mobilisasi sumber daya", "Resource mobilisation"),
        "rep.lapbul.strand.pengawasan": ("Pengawasan", "Oversight"),
        "rep.lapbul.strand.pemeliharaan": ("Pemeliharaan hasil", "Maintaining results"),
        "rep.lapbul.stage.perencanaan": ("Perencanaan", "Planning"),
        "rep.lapbul.stage.pelaksanaan": ("Pelaksanaan", "Implementation"),
        "rep.lapbul.stage.pertanggungjawaban": ("Pertanggungjawaban", "Accountability"),
        "rep.lapbul.stage.evaluasi": ("Evaluasi", "Evaluation"),
        "rep.lapbul.weekday.1": ("Senin", "Monday"),
        "rep.lapbul.weekday.2": ("Selasa", "Tuesday"),
        "rep.lapbul.weekday.3": ("Rabu", "Wednesday"),
        "rep.lapbul.weekday.4": ("Kamis", "Thursday"),
        "rep.lapbul.weekday.5": ("Jumat", "Friday"),
        "rep.lapbul.weekday.6": ("Sabtu", "Saturday"),
        "rep.lapbul.weekday.7": ("Minggu", "Sunday"),
    }
)
