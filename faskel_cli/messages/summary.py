"""Messages of summaries and trends (`faskel summary`, `faskel trend`)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- help -----------------------------------------------------------------------------
    "help.summary": (
        "Ringkasan per kelurahan (atau per fasilitator) untuk satu minggu ISO, bulan, triwulan, tahun atau rentang tanggal.",
        "Summary per kelurahan (or per facilitator) for one ISO week, month, quarter, year or date range.",
    ),
    "help.trend": (
        "Kunjungan per kelurahan per minggu ISO, sebagai grafik ringkas.",
        "Visits per kelurahan per ISO week, as a compact chart.",
    ),
    "help.opt.summary_week": (
        "minggu ISO: 2026-W48, this (ini) atau last (lalu); bawaan: minggu ini",
        "ISO week: 2026-W48, this or last; default: this week",
    ),
    "help.opt.by": (
        "satu baris per: kelurahan atau facilitator",
        "one row per: kelurahan or facilitator",
    ),
    "help.opt.weeks": (
        "jumlah minggu yang ditampilkan",
        "number of weeks shown",
    ),
    "help.opt.trend_week": (
        "minggu terakhir yang ditampilkan: 2026-W48, this atau last; bawaan: minggu ini",
        "last week shown: 2026-W48, this or last; default: this week",
    ),
    # --- errors ---------------------------------------------------------------------------
    "err.weeks_range": (
        "--weeks {value} harus antara 1 dan {max}",
        "--weeks {value} must be between 1 and {max}",
    ),
    # --- the summary table ----------------------------------------------------------------
    "sum.title": ("Ringkasan {label} · {area}", "Summary {label} · {area}"),
    "sum.title_kecamatan": (
        "Ringkasan {label} · Kec. {kecamatan}, {area}",
        "Summary {label} · {kecamatan} district, {area}",
    ),
    "sum.range": ("{start} s.d. {end}", "{start} to {end}"),
    "sum.col.kelurahan": ("Kelurahan", "Kelurahan"),
    "sum.col.visits": ("Kunj", "Vis"),
    "sum.col.facilitators": ("Fsk", "Fac"),
    "sum.col.lkk": ("LKK", "LKK"),
    "sum.col.male": ("L", "M"),
    "sum.col.female": ("P", "F"),
    "sum.col.female_share": ("%P", "%F"),
    "sum.col.perencanaan": ("Ren", "Plan"),
    "sum.col.pelaksanaan": ("Pel", "Impl"),
    "sum.col.pertanggungjawaban": ("Ptj", "Acct"),
    "sum.col.evaluasi": ("Eva", "Eval"),
    "sum.col.activities": ("Tahap", "Stages"),
    "sum.col.followups": ("TL", "FU"),
    "sum.col.last_visit": ("Terakhir", "Last"),
    "sum.subtotal": ("{nama} ({visited}/{total})", "{nama} ({visited}/{total})"),
    "sum.not_visited": ("○ belum dikunjungi: {names}", "○ not visited: {names}"),
    "sum.legend_stages": (
        "Kegiatan per tahap saat akhir periode: Ren perencanaan, Pel pelaksanaan, Ptj pertanggungjawaban, Eva evaluasi.",
        "Activities by stage at the period's end: Plan planning, Impl implementation, Acct accountability, Eval evaluation.",
    ),
    "sum.legend_stages_short": (
        "Tahap = kegiatan per tahap Ren·Pel·Ptj·Eva (perencanaan, pelaksanaan, pertanggungjawaban, evaluasi).",
        "Stages = activities in Plan·Impl·Acct·Eval (planning, implementation, accountability, evaluation).",
    ),
    "sum.legend": (
        "Kunj kunjungan, Fsk fasilitator, L/P peserta laki-laki/perempuan, TL tindak lanjut terbuka/terlambat, Terakhir kunjungan terakhir.",
        "Vis visits, Fac facilitators, M/F male/female participants, FU follow-ups open/overdue, Last latest visit.",
    ),
    "sum.stage_moves": (
        "Perpindahan tahap: {moves} · tindak lanjut baru {opened}, selesai {done}",
        "Stage moves: {moves} · follow-ups opened {opened}, done {done}",
    ),
    # --- per facilitator -------------------------------------------------------------------
    "sum.title_facilitators": (
        "Ringkasan per fasilitator {label} · {area}",
        "Summary per facilitator {label} · {area}",
    ),
    "sum.col.handle": ("Fasilitator", "Facilitator"),
    "sum.col.name": ("Nama", "Name"),
    "sum.col.covered": ("Kel", "Kel"),
    "sum.col.hours": ("Jam", "Hours"),
    "sum.legend_facilitators": (
        "Kel = {villages} tugasnya yang dikunjungi / {villages} tugasnya; TL = tindak lanjut miliknya terbuka/terlambat.",
        "Kel = assigned {villages} visited / {villages} assigned; FU = follow-ups they own open/overdue.",
    ),
    "sum.no_facilitators": ("Belum ada fasilitator.", "No facilitators yet."),
    # --- trend -----------------------------------------------------------------------------
    "trend.title": (
        "Kunjungan per minggu {first} s.d. {last} · {area}",
        "Visits per week {first} to {last} · {area}",
    ),
    "trend.col.chart": ("Grafik", "Chart"),
    "trend.col.total": ("Jml", "Total"),
    "trend.scale": (
        "Skala: █ = {top} kunjungan per minggu, · = tidak ada kunjungan.",
        "Scale: █ = {top} visits a week, · = no visits.",
    ),
}
