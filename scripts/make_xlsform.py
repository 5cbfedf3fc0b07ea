"""Build data/kunjungan-xlsform.xlsx: the visit form for KoboToolbox or ODK Collect.

    .venv/bin/python scripts/make_xlsform.py [--output data/kunjungan-xlsform.xlsx]

The form uses the field names of faskel_cli/core/sheet_format.py, so the CSV (or XLSX)
export of its submissions, with XML values and headers, is read by `faskel visit import`:
the `kunjungan` group gives `kunjungan/tanggal` (Kobo) or `kunjungan-tanggal` (ODK
Central), each submission's `_uuid` / `meta/instanceID` is its row's identity, and the
`kendala` repeat group comes as its own sheet or CSV file, joined by `_parent_index`,
`_submission__uuid` or `PARENT_KEY`. Kelurahan are those of Kota Pekalongan (33.75) in
data/wilayah.csv, chosen by their kode. Run it again after changing the fields; a test
checks that the file shipped is what this script writes.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from faskel_cli.core import sheet_format as fmt  # noqa: E402
from faskel_cli.core.vocab import STRANDS, VISIT_KINDS  # noqa: E402

AREA = "33.75"  # Kota Pekalongan
FORM_ID = "faskel_kunjungan"
VERSION = "2026120101"  # yyyymmddnn: raise it with every change of the form
SURVEY_COLUMNS = (
    "type",
    "name",
    "label",
    "hint",
    "required",
    "constraint",
    "constraint_message",
    "appearance",
    "default",
)
KIND_LABELS = {
    "pendampingan": "Pendampingan",
    "bimbingan": "Bimbingan",
    "pengawasan": "Pengawasan",
}
STRAND_LABELS = {
    "kesadaran": "Membangun kesadaran kritis",
    "pemetaan": "Pemetaan potensi dan masalah",
    "perencanaan": "Perencanaan partisipatif",
    "pengorganisasian": "Pengorganisasian komunitas",
    "mobilisasi": "Mobilisasi sumber daya",
    "pengawasan": "Pengawasan",
    "pemeliharaan": "Pemeliharaan hasil pembangunan",
}
COUNT = ". >= 0 and . <= 10000"


def heading(kind: str, name: str) -> str:
    return fmt.field(kind, name).heading


def survey() -> list[dict[str, str]]:
    v, p = "visits", "problems"
    rows = [
        {"type": "begin_group", "name": "kunjungan", "label": "Kunjungan"},
        {
            "type": "date",
            "name": "tanggal",
            "label": heading(v, "tanggal"),
            "required": "yes",
            "constraint": ". <= today() and . >= date('2000-01-01')",
            "constraint_message": "Tanggal kunjungan tidak boleh di masa depan",
            "default": "today()",
        },
        {
            "type": "select_one kelurahan",
            "name": "kelurahan",
            "label": heading(v, "kelurahan"),
            "required": "yes",
            "appearance": "minimal",
        },
        {
            "type": "text",
            "name": "fasilitator",
            "label": heading(v, "fasilitator"),
            "hint": "Handle faskel Anda, mis. siti; kosong = yang mengimpor",
            "constraint": "regex(., '^[a-z][a-z0-9._-]{0,31}$')",
            "constraint_message": "Handle: huruf kecil, angka, titik, garis bawah atau strip",
        },
        {
            "type": "select_one jenis",
            "name": "jenis",
            "label": heading(v, "jenis"),
            "required": "yes",
        },
        {
            "type": "select_one bidang",
            "name": "bidang",
            "label": heading(v, "bidang"),
            "required": "yes",
        },
        {
            "type": "text",
            "name": "lkk",
            "label": heading(v, "lkk"),
            "hint": "Nama LKK di kelurahan itu; beberapa dipisah dengan ; (titik koma)",
        },
        {
            "type": "integer",
            "name": "laki_laki",
            "label": heading(v, "laki_laki"),
            "constraint": COUNT,
            "constraint_message": "Bilangan bulat 0 sampai 10000",
            "default": "0",
        },
        {
            "type": "integer",
            "name": "perempuan",
            "label": heading(v, "perempuan"),
            "constraint": COUNT,
            "constraint_message": "Bilangan bulat 0 sampai 10000",
            "default": "0",
        },
        {
            "type": "integer",
            "name": "durasi",
            "label": heading(v, "durasi"),
            "constraint": ". >= 1 and . <= 1440",
            "constraint_message": "Menit, 1 sampai 1440",
        },
        {
            "type": "text",
            "name": "kegiatan",
            "label": heading(v, "kegiatan"),
            "hint": "Id kegiatan dari `faskel activity list`, jika ada",
        },
        {
            "type": "text",
            "name": "catatan",
            "label": heading(v, "catatan"),
            "appearance": "multiline",
        },
        {"type": "end_group", "name": "kunjungan"},
        {"type": "begin_repeat", "name": "kendala", "label": "Kendala dan tindak lanjut"},
        {
            "type": "text",
            "name": "kendala",
            "label": heading(p, "kendala"),
            "required": "yes",
        },
        {
            "type": "text",
            "name": "tindak_lanjut",
            "label": heading(p, "tindak_lanjut"),
            "required": "yes",
        },
        {
            "type": "date",
            "name": "tenggat",
            "label": heading(p, "tenggat"),
            "constraint": ". >= ${tanggal}",
            "constraint_message": "Tenggat tidak sebelum tanggal kunjungan",
        },
        {
            "type": "text",
            "name": "penanggung_jawab",
            "label": heading(p, "penanggung_jawab"),
            "hint": "Handle; kosong = fasilitator kunjungan",
        },
        {"type": "end_repeat", "name": "kendala"},
    ]
    return rows


def kelurahan(wilayah: Path) -> list[tuple[str, str]]:
    with wilayah.open(encoding="utf-8", newline="") as handle:
        return [
            (row[0], row[1])
            for row in csv.reader(handle)
            if row and row[0].startswith(AREA + ".") and row[0].count(".") == 3
        ]


def choices(wilayah: Path) -> list[tuple[str, str, str]]:
    rows = [("kelurahan", kode, nama) for kode, nama in kelurahan(wilayah)]
    rows += [("jenis", kind, KIND_LABELS[kind]) for kind in VISIT_KINDS]
    rows += [("bidang", strand, STRAND_LABELS[strand]) for strand in STRANDS]
    return rows


def build(output: Path, wilayah: Path = ROOT / "data" / "wilayah.csv") -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(
        str(output), {"strings_to_formulas": False, "strings_to_numbers": False}
    )
    # A fixed date, so that the same form gives the same file.
    book.set_properties({"title": "faskel: kunjungan", "author": "faskel",
                         "created": datetime(2026, 12, 1)})  # fmt: skip
    bold = book.add_format({"bold": True})
    sheet = book.add_worksheet("survey")
    for col, name in enumerate(SURVEY_COLUMNS):
        sheet.write_string(0, col, name, bold)
    for row, item in enumerate(survey(), 1):
        for col, name in enumerate(SURVEY_COLUMNS):
            if item.get(name):
                sheet.write_string(row, col, item[name])
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 2, 20)
    sheet.set_column(3, 6, 30)
    sheet = book.add_worksheet("choices")
    for col, name in enumerate(("list_name", "name", "label")):
        sheet.write_string(0, col, name, bold)
    for row, item in enumerate(choices(wilayah), 1):
        for col, value in enumerate(item):
            sheet.write_string(row, col, value)
    sheet.set_column(0, 2, 24)
    sheet = book.add_worksheet("settings")
    settings = {
        "form_title": "Kunjungan Fasilitator Kelurahan (faskel)",
        "form_id": FORM_ID,
        "version": VERSION,
        "instance_name": "concat(${tanggal}, ' ', ${kelurahan}, ' ', ${jenis})",
    }
    for col, (name, value) in enumerate(settings.items()):
        sheet.write_string(0, col, name, bold)
        sheet.write_string(1, col, value)
    book.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "data" / "kunjungan-xlsform.xlsx")
    args = parser.parse_args(argv)
    build(args.output)
    print(f"written: {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
