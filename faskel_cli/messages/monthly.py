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
        "Foto {id} sudah tersimpan; kini juga pada catatan ini ({file}).",
        "Photo {id} was stored already; now on this record too ({file}).",
    ),
    "msg.photo_unchanged": (
        "Foto {id} sudah ada pada catatan ini ({file}); tidak ada yang berubah.",
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
    "bundle.kind.photo_links": ("foto pada catatan", "photos on records"),
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
        "foto '{ref}' tidak ada pada catatan ini ({n} foto; lihat `photo list`)",
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
