"""Messages of short references (`kmr12`, `terakhir`): core/refs.py, core/ids.py."""

MESSAGES: dict[str, tuple[str, str]] = {
    "field.ref": ("Ref", "Ref"),
    "rep.col.ref": ("Ref", "Ref"),
    "field.visit_ref": ("Ref kunjungan", "Visit ref"),
    "field.activity_ref": ("Ref kegiatan", "Activity ref"),
    "err.ref_format": (
        "'{ref}' bukan referensi; tulis ref-nya (mis. kmr12), 'terakhir', atau id-nya "
        "(heksadesimal seperti 0193a1b2-...)",
        "'{ref}' is no reference; give its ref (e.g. kmr12), 'last', or its id "
        "(hexadecimal like 0193a1b2-...)",
    ),
    "err.ref_ambiguous": (
        "ref '{ref}' dipakai {n} entri ({matches}), dari laptop yang belum pernah bertukar "
        "bundel; tulis id salah satunya",
        "ref '{ref}' is held by {n} records ({matches}), made on laptops that had never "
        "exchanged a bundle; give the id of one of them",
    ),
    "err.ref_other_kind": (
        "'{ref}' adalah {kind}, bukan {entity}",
        "'{ref}' is a {kind}, not a {entity}",
    ),
    "err.ref_no_last": (
        "belum ada {entity} yang dibuat di basis data ini",
        "no {entity} has been made on this database yet",
    ),
    "err.ref_last_deleted": (
        "{entity} terakhir yang dibuat di sini ({id}) sudah dihapus",
        "the last {entity} made here ({id}) is deleted",
    ),
    "msg.history_of_ref": ("Riwayat {entity} {ref} ({id})", "History of {entity} {ref} ({id})"),
    "bundle.rule.ref": (
        "sebuah ref: 3 huruf lalu 1-4 angka, mis. kmr12",
        "a ref: 3 letters then 1-4 digits, e.g. kmr12",
    ),
}
