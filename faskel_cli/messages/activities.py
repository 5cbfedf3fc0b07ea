"""Messages of activities (kegiatan), their stages, rupiah amounts and follow-ups."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- text and money -----------------------------------------------------------------
    "err.text_required": ("{option} wajib diisi", "{option} is required"),
    "err.text_too_long": (
        "{option} terlalu panjang ({n} karakter); paling banyak {max}",
        "{option} is too long ({n} characters); at most {max}",
    ),
    "err.money_format": (
        "{option} '{value}' bukan jumlah rupiah; tulis seperti 25000000, 25.000.000, 25jt atau 1,5 juta",
        "{option} '{value}' is not an amount of rupiah; write it like 25000000, 25.000.000, 25jt or 1,5 juta",
    ),
    "err.money_negative": (
        "{option} '{value}' negatif; jumlah rupiah 0 atau lebih",
        "{option} '{value}' is negative; an amount is 0 or more",
    ),
    "err.money_fraction": (
        "{option} '{value}' bukan rupiah bulat (tanpa sen)",
        "{option} '{value}' is not a whole number of rupiah (no cents)",
    ),
    "err.money_too_big": (
        "{option} '{value}' melebihi Rp 1 triliun; periksa jumlah nol-nya",
        "{option} '{value}' is over Rp 1 triliun; check the number of zeros",
    ),
    "err.money_unit_m": (
        "{option} '{value}': 'M' bisa berarti miliar atau juta (million); tulis 'miliar' atau 'juta'",
        "{option} '{value}': 'M' may mean miliar or million; write 'miliar' or 'juta'",
    ),
    "err.money_ambiguous": (
        "{option} '{value}' ambigu (koma desimal atau pemisah ribuan?); tulis 1.500 untuk seribu lima ratus atau 1,5 juta",
        "{option} '{value}' is ambiguous (decimal comma or thousands?); write 1.500 for fifteen hundred or 1,5 juta",
    ),
    # --- activities ---------------------------------------------------------------------
    "err.activity_deleted": (
        "kegiatan {id} sudah dihapus; pulihkan dengan `faskel activity restore`",
        "activity {id} is deleted; bring it back with `faskel activity restore`",
    ),
    "err.activity_not_deleted": (
        "kegiatan {id} tidak dalam keadaan terhapus",
        "activity {id} is not deleted",
    ),
    "err.activity_finished": (
        "kegiatan {id} sudah di tahap terakhir ({stage}); tidak ada tahap berikutnya",
        "activity {id} is already at its last stage ({stage}); there is no next stage",
    ),
    "err.stage_same": (
        "kegiatan sudah di tahap {stage}",
        "the activity is already at stage {stage}",
    ),
    "err.stage_skip": (
        "dari {current} tahap berikutnya adalah {next}; melompat ke {stage} perlu --force dan --note alasannya",
        "after {current} comes {next}; skipping to {stage} needs --force and a --note saying why",
    ),
    "err.stage_back": (
        "mundur dari {current} ke {stage} perlu --force dan --note alasannya",
        "going back from {current} to {stage} needs --force and a --note saying why",
    ),
    "err.stage_force_note": (
        "pindah dari {current} ke {stage} dengan --force perlu --note yang menjelaskan alasannya",
        "moving from {current} to {stage} with --force needs a --note saying why",
    ),
    "err.stage_date_before": (
        "tanggal tahap {stage} ({date}) sebelum tanggal tahap sebelumnya {previous} ({previous_date})",
        "the date of stage {stage} ({date}) is before that of the previous stage {previous} ({previous_date})",
    ),
    "err.spent_stage": (
        "--spent (dana terpakai) dicatat saat pindah ke pertanggungjawaban, bukan ke {stage}",
        "--spent (money spent) goes with the move to pertanggungjawaban, not {stage}",
    ),
    "warn.spent_over_budget": (
        "dana terpakai {spent} melebihi anggaran {budget}",
        "money spent {spent} is more than the budget {budget}",
    ),
    # --- follow-ups ---------------------------------------------------------------------
    "err.visit_other_kelurahan": (
        "kunjungan '{ref}' di {other}, bukan {kelurahan}",
        "visit '{ref}' was in {other}, not {kelurahan}",
    ),
    "err.due_before_problem": (
        "--due {due} sebelum tanggal kendala ditemukan ({date})",
        "--due {due} is before the date the problem was met ({date})",
    ),
    "err.done_before_problem": (
        "--date {date} sebelum tanggal kendala ditemukan ({problem_date})",
        "--date {date} is before the date the problem was met ({problem_date})",
    ),
    "err.followup_deleted": (
        "tindak lanjut {id} sudah dihapus; pulihkan dengan `faskel followup restore`",
        "follow-up {id} is deleted; bring it back with `faskel followup restore`",
    ),
    "err.followup_not_deleted": (
        "tindak lanjut {id} tidak dalam keadaan terhapus",
        "follow-up {id} is not deleted",
    ),
    "err.followup_already_done": (
        "tindak lanjut {id} sudah selesai ({date}); buka lagi dengan `faskel followup reopen`",
        "follow-up {id} is already done ({date}); open it again with `faskel followup reopen`",
    ),
    "err.followup_not_done": (
        "tindak lanjut {id} masih terbuka; hanya yang selesai bisa dibuka lagi",
        "follow-up {id} is still open; only a done one can be reopened",
    ),
    "err.followup_status_flags": (
        "pilih salah satu: --open, --done, --overdue atau --all",
        "choose only one of --open, --done, --overdue or --all",
    ),
    # --- messages -----------------------------------------------------------------------
    "msg.activity_advanced": (
        "kegiatan {id}: {before} → {after} ({date})",
        "activity {id}: {before} → {after} ({date})",
    ),
    "msg.activity_deleted": (
        "kegiatan {id} dihapus (pulihkan dengan `faskel activity restore`)",
        "activity {id} deleted (undo with `faskel activity restore`)",
    ),
    "msg.activity_restored": ("kegiatan {id} dipulihkan", "activity {id} restored"),
    "msg.no_activities": ("Tidak ada kegiatan.", "No activities."),
    "msg.no_activity_visits": (
        "Belum ada kunjungan yang merujuk kegiatan ini.",
        "No visits reference this activity yet.",
    ),
    "msg.followup_done": (
        "tindak lanjut {id} selesai ({date})",
        "follow-up {id} done ({date})",
    ),
    "msg.followup_reopened": ("tindak lanjut {id} dibuka lagi", "follow-up {id} reopened"),
    "msg.followup_deleted": (
        "tindak lanjut {id} dihapus (pulihkan dengan `faskel followup restore`)",
        "follow-up {id} deleted (undo with `faskel followup restore`)",
    ),
    "msg.followup_restored": ("tindak lanjut {id} dipulihkan", "follow-up {id} restored"),
    "msg.no_followups": ("Tidak ada tindak lanjut.", "No follow-ups."),
    "title.activities": (
        "Kegiatan ({n}) per {as_of}",
        "Activities ({n}) as of {as_of}",
    ),
    "title.activities_stalled": (
        "Kegiatan macet ({n}): lebih dari {days} hari di satu tahap, per {as_of}",
        "Stalled activities ({n}): more than {days} days in one stage, as of {as_of}",
    ),
    "title.followups": (
        "Tindak lanjut {status} ({n}) per {as_of}",
        "Follow-ups {status} ({n}) as of {as_of}",
    ),
    "title.timeline": ("Tahapan", "Stages"),
    "title.activity_visits": ("Kunjungan terkait ({n})", "Related visits ({n})"),
    "label.deleted": ("DIHAPUS", "DELETED"),
    "status.open": ("terbuka", "open"),
    "status.done": ("selesai", "done"),
    "status.overdue": ("terlambat", "overdue"),
    "status.all": ("semua", "all"),
    "state.open": ("terbuka", "open"),
    "state.overdue": ("TERLAMBAT {days} hari", "OVERDUE {days}d"),
    "state.done": ("selesai {date}", "done {date}"),
    # --- columns and fields -------------------------------------------------------------
    "col.title": ("Judul", "Title"),
    "col.activity_type": ("Jenis", "Type"),
    "col.stage": ("Tahap", "Stage"),
    "col.since": ("Sejak", "Since"),
    "col.days_in_stage": ("Hari", "Days"),
    "col.seq": ("#", "#"),
    "col.note": ("Catatan", "Note"),
    "col.spent": ("Dana terpakai", "Spent"),
    "col.problem": ("Kendala", "Problem"),
    "col.action": ("Tindak lanjut", "Action"),
    "col.problem_date": ("Tanggal kendala", "Problem date"),
    "col.due": ("Tenggat", "Due"),
    "col.owner": ("PJ", "Owner"),
    "col.state": ("Status", "Status"),
    "field.title": ("Judul", "Title"),
    "field.type": ("Jenis", "Type"),
    "field.funding": ("Sumber dana", "Funding"),
    "field.budget": ("Anggaran", "Budget"),
    "field.spent": ("Dana terpakai", "Spent"),
    "field.stage": ("Tahap", "Stage"),
    "field.stage_since": ("Sejak", "Since"),
    "field.problem": ("Kendala", "Problem"),
    "field.action": ("Tindak lanjut", "Action"),
    "field.problem_date": ("Tanggal kendala", "Problem date"),
    "field.due": ("Tenggat", "Due"),
    "field.owner": ("Penanggung jawab", "Owner"),
    "field.status": ("Status", "Status"),
    "field.done_date": ("Tanggal selesai", "Done on"),
    "field.resolution": ("Penyelesaian", "Resolution"),
    "field.visit_id": ("Kunjungan", "Visit"),
    "field.activity_id": ("Kegiatan", "Activity"),
    # --- help ---------------------------------------------------------------------------
    "help.activity": (
        "Kegiatan kelurahan dan tahapannya: perencanaan, pelaksanaan, pertanggungjawaban, evaluasi.",
        "Kelurahan activities and their stages: perencanaan, pelaksanaan, pertanggungjawaban, evaluasi.",
    ),
    "help.activity.add": (
        "Mulai kegiatan pada tahap perencanaan; mencetak id barunya.",
        "Start an activity at stage perencanaan (planning); prints its new id.",
    ),
    "help.activity.advance": (
        "Pindahkan kegiatan ke tahap berikutnya (melompat atau mundur: --force dan --note).",
        "Move an activity to its next stage (skipping or going back: --force and --note).",
    ),
    "help.activity.list": (
        "Daftar kegiatan: tahap, sejak kapan, berapa hari di tahap itu.",
        "List activities: stage, since when, days in that stage.",
    ),
    "help.activity.show": (
        "Tampilkan satu kegiatan, tahapannya dan kunjungan terkait.",
        "Show one activity, its stages and the visits referencing it.",
    ),
    "help.activity.delete": (
        "Hapus kegiatan (bisa dipulihkan).",
        "Delete an activity (can be restored).",
    ),
    "help.activity.restore": ("Pulihkan kegiatan yang dihapus.", "Bring back a deleted activity."),
    "help.opt.title": ("judul kegiatan", "title of the activity"),
    "help.opt.activity_date": (
        "tanggal mulai (tahap perencanaan); bawaan: hari ini",
        "start date (stage perencanaan); default: today",
    ),
    "help.opt.funding": (
        'sumber dana, mis. "Dana Kelurahan 2026"',
        'funding source, e.g. "Dana Kelurahan 2026"',
    ),
    "help.opt.budget": (
        "anggaran dalam rupiah: 25000000, 25.000.000, 25jt, 25 juta",
        "budget in rupiah: 25000000, 25.000.000, 25jt, 25 juta",
    ),
    "help.opt.activity_lkk": (
        "LKK kelurahan itu yang terlibat (boleh diulang)",
        "an LKK of that kelurahan taking part (repeatable)",
    ),
    "help.opt.to": (
        "tahap tujuan (bawaan: tahap berikutnya); planning, implementation, accountability, evaluation juga boleh",
        "target stage (default: the next one); planning, implementation, accountability, evaluation also work",
    ),
    "help.opt.stage_date": (
        "tanggal pindah tahap (bawaan: hari ini)",
        "date of the move (default: today)",
    ),
    "help.opt.stage_note": ("catatan atau alasan pindah tahap", "note or reason for the move"),
    "help.opt.spent": (
        "dana yang benar-benar terpakai (bersama pertanggungjawaban)",
        "money actually spent (with pertanggungjawaban)",
    ),
    "help.opt.force": (
        "izinkan melompati tahap atau mundur (wajib dengan --note)",
        "allow skipping a stage or going back (needs --note)",
    ),
    "help.opt.stage": (
        "hanya kegiatan yang kini di tahap ini: perencanaan, pelaksanaan, "
        "pertanggungjawaban, evaluasi (planning, implementation, accountability, evaluation "
        "juga boleh)",
        "only activities now at this stage: perencanaan (planning), pelaksanaan "
        "(implementation), pertanggungjawaban (accountability), evaluasi (evaluation)",
    ),
    "help.metavar.stage": ("TAHAP", "STAGE"),
    "help.opt.activity_type": ("jenis kegiatan: {choices}", "type of activity: {choices}"),
    "help.opt.activity_type_filter": (
        "hanya kegiatan jenis ini: {choices}",
        "only activities of this type: {choices}",
    ),
    "help.choices.activity_type": (
        "fisik (pembangunan fisik: jalan, saluran, MCK), "
        "nonfisik (pelatihan, penyuluhan, usaha warga)",
        "fisik (physical works: paths, drains, toilets), "
        "nonfisik (training, outreach, livelihoods)",
    ),
    "help.opt.stalled": (
        "hanya yang macet: lebih dari stall_days hari di satu tahap selain evaluasi",
        "only stalled ones: more than stall_days days in a stage other than evaluasi",
    ),
    "help.opt.as_of": ("per tanggal (bawaan: hari ini)", "as of this date (default: today)"),
    "help.followup": (
        "Tindak lanjut kendala: dicatat sampai selesai.",
        "Follow-ups of problems: tracked until solved.",
    ),
    "help.followup.add": (
        "Catat kendala dan tindak lanjutnya; mencetak id barunya.",
        "Record a problem and its follow-up; prints its new id.",
    ),
    "help.followup.list": (
        "Daftar tindak lanjut (bawaan: yang masih terbuka).",
        "List follow-ups (default: the open ones).",
    ),
    "help.followup.show": ("Tampilkan satu tindak lanjut.", "Show one follow-up."),
    "help.followup.done": (
        "Tandai tindak lanjut selesai, dengan catatan penyelesaiannya.",
        "Mark a follow-up done, with a note of how.",
    ),
    "help.followup.reopen": (
        "Buka lagi tindak lanjut yang sudah selesai (--note: alasannya).",
        "Open a done follow-up again (--note: why).",
    ),
    "help.followup.delete": (
        "Hapus tindak lanjut (bisa dipulihkan).",
        "Delete a follow-up (can be restored).",
    ),
    "help.followup.restore": (
        "Pulihkan tindak lanjut yang dihapus.",
        "Bring back a deleted follow-up.",
    ),
    "help.opt.fu_problem": ("kendala yang ditemui", "the problem met"),
    "help.opt.fu_action": ("tindak lanjut yang akan dilakukan", "what will be done about it"),
    "help.opt.fu_due": (
        "tenggat tindak lanjut (bawaan: tanggal kendala + pengaturan followup_days, 14 hari)",
        "due date of the follow-up (default: the problem date + the followup_days setting, 14 days)",
    ),
    "help.opt.fu_due_edit": ("tenggat yang baru", "the new due date"),
    "help.opt.fu_owner_edit": (
        "penanggung jawab yang baru (handle)",
        "the new owner (handle)",
    ),
    "help.opt.fu_date": (
        "tanggal kendala ditemukan (bawaan: tanggal kunjungan, atau hari ini)",
        "date the problem was met (default: the visit's date, or today)",
    ),
    "help.opt.fu_visit": ("id kunjungan tempat kendala ditemukan", "id of the visit it was met on"),
    "help.opt.fu_activity": ("id kegiatan terkait", "id of the related activity"),
    "help.opt.fu_owner": (
        "handle penanggung jawab (bawaan: fasilitator kunjungan, atau `me`)",
        "owner's handle (default: the visit's facilitator, or `me`)",
    ),
    "help.opt.owner_filter": ("hanya milik handle ini", "only those owned by this handle"),
    "help.opt.open": ("yang masih terbuka (bawaan)", "open ones (default)"),
    "help.opt.done": ("yang sudah selesai", "done ones"),
    "help.opt.overdue": ("yang terbuka dan lewat tenggat", "open ones past their due date"),
    "help.opt.all": ("semua", "all of them"),
    "help.opt.done_note": ("apa yang sudah dilakukan (wajib)", "what was done (required)"),
    "help.opt.done_date": ("tanggal selesai (bawaan: hari ini)", "date done (default: today)"),
    "help.opt.reopen_note": ("alasan dibuka lagi (wajib)", "why it is reopened (required)"),
    "help.activity.edit": (
        "Koreksi judul, jenis, sumber dana, anggaran atau LKK kegiatan.",
        "Correct an activity's title, type, funding, budget or LKK.",
    ),
    "msg.activity_updated": ("kegiatan {id} diperbarui", "activity {id} updated"),
    "msg.activity_unchanged": (
        "tidak ada yang berubah pada kegiatan {id}",
        "nothing changed in activity {id}",
    ),
    "help.followup.edit": (
        "Koreksi kendala, tindak lanjut, tenggat atau penanggung jawab.",
        "Correct a follow-up's problem, action, due date or owner.",
    ),
    "msg.followup_updated": ("tindak lanjut {id} diperbarui", "follow-up {id} updated"),
    "msg.followup_unchanged": (
        "tidak ada yang berubah pada tindak lanjut {id}",
        "nothing changed in follow-up {id}",
    ),
}
