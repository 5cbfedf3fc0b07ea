"""The guided entry on a terminal (cli/guided.py): its questions, hints and refusals."""

MESSAGES = {
    "help.opt.no_input": (
        "jangan pernah bertanya, juga di terminal: yang wajib dan belum diisi membuat "
        "perintah gagal (untuk skrip; juga FASKEL_NO_INPUT=1)",
        "never ask, even on a terminal: a required option not given fails the command "
        "(for scripts; also FASKEL_NO_INPUT=1)",
    ),
    "title.entry.visit": ("Kunjungan yang akan disimpan:", "The visit to save:"),
    "title.entry.activity": ("Kegiatan yang akan disimpan:", "The activity to save:"),
    "title.entry.followup": ("Tindak lanjut yang akan disimpan:", "The follow-up to save:"),
    "title.entry.lkk": ("LKK yang akan disimpan:", "The LKK to save:"),
    "prompt.entry.save": ("Simpan? [Y/n/ubah]", "Save? [Y/n/change]"),
    "prompt.entry.which": ("Nomor yang diubah (1-{max})", "Number to change (1-{max})"),
    "prompt.entry.lkk_name": ("Nama LKK", "LKK name"),
    "prompt.entry.another_lkk": ("Tambah satu LKK baru lagi?", "Add one more new LKK?"),
    "prompt.entry.problem": (
        "Kendala yang ditemui (kosongkan bila tidak ada)",
        "Problem met (leave empty if none)",
    ),
    "prompt.entry.another_problem": (
        "Kendala lain (kosongkan bila tidak ada lagi)",
        "Another problem (leave empty if no more)",
    ),
    "prompt.entry.action": ("  Tindak lanjut", "  Follow-up"),
    "prompt.entry.due": ("  Tenggat", "  Due"),
    "prompt.entry.owner": ("  Penanggung jawab", "  Owner"),
    "prompt.entry.duration": (
        "Durasi (90, 1h30; kosongkan bila tidak dicatat)",
        "Duration (90, 1h30; leave empty if not noted)",
    ),
    "prompt.entry.start_date": ("Tanggal mulai", "Start date"),
    "prompt.entry.funding": (
        "Sumber dana (kosongkan bila belum ada)",
        "Funding (leave empty if none yet)",
    ),
    "prompt.entry.budget": (
        "Anggaran dalam rupiah (kosongkan bila belum ada)",
        "Budget in rupiah (leave empty if none yet)",
    ),
    "hint.entry.other_kelurahan": (
        "nomor, atau ketik nama kelurahan lain",
        "a number, or type the name of another kelurahan",
    ),
    "hint.entry.lkk": (
        "nomor, beberapa dengan koma (1,3); kosongkan bila tidak ada; + untuk LKK baru",
        "a number, several with commas (1,3); empty for none; + for a new LKK",
    ),
    "hint.entry.none": ("nomor; kosongkan bila tidak ada", "a number; empty for none"),
    "msg.entry.new_lkk": ("LKK baru di {kelurahan}:", "A new LKK in {kelurahan}:"),
    "label.entry.new": ("baru", "new"),
    "err.entry_number": (
        "'{value}' tidak ada di daftar; tulis nomor 1 sampai {max}",
        "'{value}' is not on the list; type a number from 1 to {max}",
    ),
    "err.entry_confirm": (
        "'{value}' tidak dikenal; jawab y (simpan), n (batal), ubah, atau nomor 1-{max} "
        "yang akan diubah",
        "unknown answer '{value}'; answer y (save), n (cancel), change, or the number "
        "1-{max} to change",
    ),
}
