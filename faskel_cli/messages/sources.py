"""Messages of who sent what (`faskel bundle sources`) and of importing many bundles at
once (the total line, the progress on a terminal)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "help.bundle.sources": (
        "Siapa mengirim apa: per sumber (laptop, kota, provinsi) bundel terakhir yang "
        "diterima, rekaman terbarunya dan jumlahnya.",
        "Who sent what: for each source (laptop, kota, province) the last bundle received, "
        "its newest record and its counts.",
    ),
    "bundle.src.title": ("Bundel yang diterima, per sumber", "Bundles received, by source"),
    "bundle.src.none": ("belum ada bundel yang diterima", "no bundle received yet"),
    "bundle.src.col.source": ("sumber", "source"),
    "bundle.src.col.area": ("wilayah", "area"),
    "bundle.src.col.at": ("diterima", "received"),
    "bundle.src.col.file": ("berkas", "file"),
    "bundle.src.col.newest": ("rekaman terbaru", "newest record"),
    "bundle.src.col.counts": ("isi", "holds"),
    "bundle.src.col.changed": ("berubah", "changed"),
    "bundle.src.col.bundles": ("bundel", "bundles"),
    "bundle.src.device": ("perangkat {device}", "device {device}"),
    "msg.bundle_import_total": (
        "jumlah: {n} dari {total} bundel diimpor; {added} baru, {updated} diperbarui, "
        "{unchanged} tetap, {refused} ditolak",
        "total: {n} of {total} bundles imported; {added} added, {updated} updated, "
        "{unchanged} unchanged, {refused} refused",
    ),
    "msg.bundle_import_progress": (
        "mengimpor bundel {done}/{total}: {file}",
        "importing bundles {done}/{total}: {file}",
    ),
}
