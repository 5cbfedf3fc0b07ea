"""Messages of `faskel` alone: the first run that sets a laptop up, and the start page."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the first run -------------------------------------------------------------------
    "msg.setup.welcome": (
        "Selamat datang di faskel. Laptop ini belum punya basis data ({path}); beberapa pertanyaan untuk menyiapkannya (Ctrl-C untuk batal, tidak ada yang ditulis sebelum selesai).",
        "Welcome to faskel. This laptop has no database yet ({path}); a few questions to set it up (Ctrl-C cancels, nothing is written before the end).",
    ),
    "prompt.setup.lang": (
        "Bahasa / Language: id = Bahasa Indonesia, en = English",
        "Bahasa / Language: id = Bahasa Indonesia, en = English",
    ),
    "prompt.setup.area": (
        "Wilayah kerja: kota atau kabupaten (nama atau kode)",
        "Working area: a kota or kabupaten (name or kode)",
    ),
    "msg.setup.area": (
        "Wilayah kerja: {nama} ({kode}), {n} kelurahan/desa",
        "Working area: {nama} ({kode}), {n} kelurahan/desa",
    ),
    "prompt.setup.role": (
        "Siapa yang memakai laptop ini? 1 = fasilitator (faskel) baru, 2 = koordinator",
        "Who uses this laptop? 1 = a new facilitator (faskel), 2 = a coordinator",
    ),
    "err.setup_role": (
        "'{value}': jawab 1 (fasilitator) atau 2 (koordinator)",
        "'{value}': answer 1 (facilitator) or 2 (coordinator)",
    ),
    "prompt.setup.name": ("Nama lengkap Anda", "Your full name"),
    "prompt.setup.handle": (
        "Nama pendek untuk perintah (handle: huruf kecil, angka, - atau _; mis. siti)",
        "A short name for commands (handle: lower-case letters, digits, - or _; e.g. siti)",
    ),
    "msg.setup.kelurahan_list": ("Kelurahan/desa di {area}:", "Kelurahan/desa of {area}:"),
    "prompt.setup.kelurahan": (
        "Kelurahan dampingan Anda: nomor atau nama, dipisah koma (mis. 1, 6)",
        "The kelurahan you work in: numbers or names, separated by commas (e.g. 1, 6)",
    ),
    "err.setup_kelurahan_none": (
        "pilih paling sedikit satu kelurahan: nomornya di daftar atau namanya",
        "choose at least one kelurahan: its number in the list or its name",
    ),
    "err.setup_kelurahan_unknown": (
        "'{value}' tidak ada di daftar; tulis nomor 1 sampai {n} atau nama kelurahan",
        "'{value}' is not in the list; write a number from 1 to {n} or a kelurahan name",
    ),
    "msg.setup.done": (
        "Siap: {name} ({handle}), {role}, di {area} · bahasa {lang} · {path}",
        "Ready: {name} ({handle}), {role}, in {area} · language {lang} · {path}",
    ),
    "msg.setup.next_faskel": (
        "Berikutnya: catat kunjungan pertama dengan  faskel visit add  (yang kurang akan ditanyakan). `faskel` saja menampilkan halaman awal Anda.",
        "Next: log your first visit with  faskel visit add  (what is missing is asked). `faskel` alone shows your start page.",
    ),
    "msg.setup.next_koordinator": (
        "Berikutnya: terima bundel para fasilitator dengan  faskel sync FOLDER  (folder bersama) atau  faskel bundle import BERKAS.faskel . `faskel` saja menampilkan halaman awal Anda.",
        "Next: receive the facilitators' bundles with  faskel sync FOLDER  (a shared folder) or  faskel bundle import FILE.faskel . `faskel` alone shows your start page.",
    ),
    "label.role_faskel": ("fasilitator", "facilitator"),
    "label.role_koordinator": ("koordinator", "coordinator"),
    # --- the start page ------------------------------------------------------------------
    "title.start": (
        "faskel · {area} · {today} · minggu {week}",
        "faskel · {area} · {today} · week {week}",
    ),
    "msg.start.me": (
        "{name} ({handle}), {role}",
        "{name} ({handle}), {role}",
    ),
    "msg.start.no_me": (
        "Laptop ini belum tahu siapa Anda (`me`); halaman ini untuk seluruh wilayah.",
        "This laptop does not know who you are yet (`me`); this page is for the whole area.",
    ),
    "msg.start.visits": (
        "Kunjungan minggu ini ({start} s.d. {end}): {n}",
        "Visits this week ({start} to {end}): {n}",
    ),
    "msg.start.followups": (
        "Tindak lanjut jatuh tempo dalam {days} hari atau terlambat: {n}, {overdue} terlambat",
        "Follow-ups due within {days} days or overdue: {n}, {overdue} overdue",
    ),
    "msg.start.due": ("tenggat {due}", "due {due}"),
    "msg.start.activities": (
        "Kegiatan menunggu tahap berikutnya: {n}",
        "Activities waiting for their next stage: {n}",
    ),
    "msg.start.activity": (
        "{stage} {days} hari → {next}",
        "{stage} {days} days → {next}",
    ),
    "msg.start.more": ("… dan {n} lagi:  {command}", "… and {n} more:  {command}"),
    "msg.start.bundle_last": (
        "Bundel terakhir dikirim: {when} ({days} hari lalu)",
        "Last bundle sent: {when} ({days} days ago)",
    ),
    "msg.start.bundle_never": (
        "Bundel terakhir dikirim: belum pernah",
        "Last bundle sent: never",
    ),
    "msg.start.silent": (
        "Fasilitator tanpa kunjungan minggu ini: {handles}",
        "Facilitators with no visit this week: {handles}",
    ),
    "msg.start.next": ("Berikutnya:", "Next:"),
    "msg.start.footer": (
        "Semua perintah: faskel --help · panduan: docs/panduan.md",
        "Every command: faskel --help · guide: docs/panduan.md",
    ),
    "msg.start.cmd_register": ("daftarkan diri Anda", "register yourself"),
    "msg.start.cmd_me": ("lalu jadikan Anda `me`", "then make yourself `me`"),
    "msg.start.cmd_visit_add": ("catat kunjungan", "log a visit"),
    "msg.start.cmd_overdue": ("tindak lanjut yang terlambat", "the overdue follow-ups"),
    "msg.start.cmd_advance": ("catat tahap berikutnya", "record the next stage"),
    "msg.start.cmd_send": ("kirim ke koordinator", "send it to the coordinator"),
    "msg.start.cmd_week": ("kunjungan minggu ini", "this week's visits"),
    "msg.start.cmd_receive": (
        "terima bundel para fasilitator",
        "receive the facilitators' bundles",
    ),
    "msg.start.cmd_by_facilitator": ("siapa yang belum mengirim", "who has not sent"),
    "msg.start.cmd_report": ("laporan Excel minggu lalu", "last week's Excel report"),
    "msg.start.cmd_summary": ("ringkasan minggu ini", "this week's summary"),
}
