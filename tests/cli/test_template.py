"""`faskel template visits|xlsform` and `faskel visit import`: the commands, what they
print, their exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import openpyxl
import pytest

from tests.helpers import ROOT, TODAY, dump

FIELDS = ["No", "Tanggal", "Kelurahan", "Fasilitator", "Jenis kunjungan", "Bidang", "LKK",
          "Peserta laki-laki", "Peserta perempuan", "Durasi (menit)", "Kegiatan", "Catatan",
          "Ref"]  # fmt: skip


def fill(path, rows, problems=()):
    book = openpyxl.load_workbook(path)
    sheet = book["Kunjungan"]
    for number, values in enumerate(rows, 2):
        for col, value in enumerate(values, 2):
            if value is not None:  # None keeps what the template put there
                sheet.cell(number, col).value = value
    for number, values in enumerate(problems, 2):
        for col, value in enumerate(values, 1):
            book["Kendala"].cell(number, col).value = value
    book.save(path)
    return path


GOOD = [dt.datetime(2026, 11, 23), "Medono", None, "pendampingan", "kesadaran",
        "Posyandu Melati; PKK Medono", 4, 9, 90, None, "Rapat kader posyandu"]  # fmt: skip


@pytest.fixture
def book(seeded, tmp_path):
    path = tmp_path / "kunjungan.xlsx"
    seeded.ok("template", "visits", "--output", str(path), "--rows", "30", "--facilitator", "siti")
    return path


def test_template_has_the_sheets_headings_lists_and_refs(seeded, book):
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["Kunjungan", "Kendala", "Petunjuk", "Daftar"]
    assert workbook["Daftar"].sheet_state == "hidden"
    sheet = workbook["Kunjungan"]
    assert [c.value for c in sheet[1]] == FIELDS
    assert sheet.cell(1, 2).comment.text.startswith("tanggal: ")
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 30
    assert [r[0] for r in rows] == list(range(1, 31))
    assert {r[3] for r in rows} == {"siti"}  # her handle filled in
    refs = [r[12] for r in rows]
    assert len(set(refs)) == 30 and all(len(ref) == 36 for ref in refs)
    # Her kelurahan first, then the rest of the area: 27 in all.
    places = [r[0] for r in workbook["Daftar"].iter_rows(min_row=2, values_only=True) if r[0]]
    assert places[:2] == ["Medono", "Tirto"] and len(places) == 27
    lkk = [r[3] for r in workbook["Daftar"].iter_rows(min_row=2, values_only=True) if r[3]]
    assert lkk[:2] == ["PKK Medono", "Posyandu Melati"] and "BKM Kauman" in lkk
    rules = {str(v.sqref).split(":")[0]: v for v in sheet.data_validations.dataValidation}
    assert rules["C2"].type == "list" and rules["C2"].formula1 == "Daftar!$A$2:$A$28"
    assert rules["E2"].formula1 == "Daftar!$B$2:$B$4"
    assert rules["F2"].formula1 == "Daftar!$C$2:$C$8"
    assert (rules["H2"].type, rules["H2"].formula1, rules["H2"].formula2) == (
        "whole",
        "0",
        "10000",
    )
    assert rules["B2"].type == "date"
    assert sheet.column_dimensions["B"].number_format == "dd/mm/yyyy"
    guide = [c for row in workbook["Petunjuk"].iter_rows(values_only=True) for c in row if c]
    assert "Rapat kader posyandu" in guide  # the example row
    assert any("faskel visit import" in str(c) for c in guide)


def test_template_rows_are_bounded(seeded, tmp_path):
    result = seeded.fails("template", "visits", "--output", str(tmp_path / "t.xlsx"),
                          "--rows", "0", code=2)  # fmt: skip
    assert "--rows 0" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_the_round_trip_dry_run_then_import_then_again(seeded, book, db_path):
    fill(
        book,
        [GOOD, [dt.datetime(2026, 11, 24), "Tirto", None, "bimbingan", "pemetaan"]],
        [[1, "Kader baru belum dilatih", "Jadwalkan pelatihan", dt.datetime(2026, 12, 5)]],
    )
    before = dump(db_path)
    dry = seeded.ok("visit", "import", str(book), "--dry-run")
    assert dry.stdout.splitlines() == [
        "Kunjungan: 2 ditambah, 0 diperbarui, 0 tetap, 0 ditolak",
        "Kendala: 1 ditambah, 0 diperbarui, 0 tetap, 0 ditolak",
        "Uji coba (--dry-run): tidak ada yang ditulis.",
    ]
    assert dump(db_path) == before
    seeded.ok("visit", "import", str(book))
    visits = seeded.json("visit", "list")
    assert [(v["date"], v["kelurahan"], v["facilitator"]) for v in visits] == [
        ("2026-11-24", "Tirto", "siti"),
        ("2026-11-23", "Medono", "siti"),
    ]
    assert visits[1]["lkk"] == ["PKK Medono", "Posyandu Melati"]
    [followup] = seeded.json("followup", "list")
    assert (followup["due"], followup["owner"]) == ("2026-12-05", "siti")
    again = seeded.ok("visit", "import", str(book), "--format", "json")
    counts = json.loads(again.stdout)
    assert counts["visits"] == {"added": 0, "updated": 0, "unchanged": 2, "refused": 0}
    assert counts["problems"]["unchanged"] == 1


def test_bad_rows_each_a_line_then_exit_2_and_nothing_written(seeded, book, db_path):
    bad = [dt.datetime(2026, 11, 23), "Medonoo", None, "kunjung", "kesadaran", None, "-3", "x"]
    fill(book, [GOOD, bad, [None, None, None, None, None, None, None, None, None, None, "?"]])
    before = dump(db_path)
    result = seeded("visit", "import", str(book))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Kesalahan: Kunjungan, baris 3, Kelurahan: kelurahan 'Medonoo' tidak dikenal; "
        "yang paling mirip: Medono, Setono, Poncol",
        "Kesalahan: Kunjungan, baris 3, Jenis kunjungan: 'kunjung' tidak dikenal; "
        "pilih salah satu: pendampingan, bimbingan, pengawasan",
        "Kesalahan: Kunjungan, baris 3, Peserta laki-laki: -3 negatif; jumlah peserta 0 atau lebih",
        "Kesalahan: Kunjungan, baris 3, Peserta perempuan: 'x' bukan bilangan bulat; "
        "tulis jumlah orang, mis. 12",
        "Kesalahan: Kunjungan, baris 4, Tanggal: wajib diisi",
        "Kesalahan: Kunjungan, baris 4, Kelurahan: wajib diisi",
        "Kesalahan: Kunjungan, baris 4, Jenis kunjungan: wajib diisi",
        "Kesalahan: Kunjungan, baris 4, Bidang: wajib diisi",
        "Kesalahan: 2 baris ditolak; tidak ada yang ditulis. "
        "Perbaiki baris di atas lalu impor lagi",
    ]
    assert (
        result.stdout.splitlines()[0] == "Kunjungan: 1 ditambah, 0 diperbarui, 0 tetap, 2 ditolak"
    )
    assert dump(db_path) == before


def test_english_and_json_errors(seeded, book):
    fill(book, [[*GOOD[:6], 4, 9, "lama"]])
    result = seeded("--lang", "en", "visit", "import", str(book), "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error: Kunjungan, row 2, Durasi (menit): unknown 'lama'; write minutes (90) "
        "or hours (1h30)",
        "Error: 1 row refused; nothing written. Correct the row above and import again",
    ]
    report = json.loads(result.stdout)
    assert report["errors"] == [
        {
            "sheet": "Kunjungan",
            "row": 2,
            "column": "Durasi (menit)",
            "message": "unknown 'lama'; write minutes (90) or hours (1h30)",
        }
    ]
    assert report["written"] is False


def test_not_assigned_rows_warn_once_with_their_rows(seeded, book):
    rows = [[dt.datetime(2026, 11, 20 + n), "Kauman", None, "bimbingan", "pemetaan"]
            for n in range(7)]  # fmt: skip
    fill(book, rows)
    result = seeded.ok("visit", "import", str(book))
    assert result.stderr.splitlines() == [
        "Peringatan: Kunjungan, baris 2, 3, 4, 5, 6, ... (7 baris): siti tidak ditugaskan di "
        "Kauman (dicatat sebagai pengganti)"
    ]


@pytest.mark.parametrize(
    ("content", "says", "code"),
    [
        (None, "tidak ditemukan", 3),
        (b"", "kosong", 2),
        (b"%PDF-1.7\n\x00\x01\x02binary", "bukan lembar kerja", 2),
        (b"PK\x03\x04broken zip", "rusak", 2),
        ((ROOT / "tests/data/protected.xlsx").read_bytes(), "kata sandi", 2),
        (
            b"Tangal;Kelurahan;Jenis;Bidang\n1;2;3;4\n",
            "'Tangal' tidak dikenal (yang paling "
            "mirip: Tanggal); judul yang dikenal: No, Tanggal, Kelurahan",
            2,
        ),  # fmt: skip
        (b"Kelurahan,Jenis\nMedono,bimbingan\n", "kolom Tanggal, Bidang tidak ada", 2),
        (b"tanggal,kelurahan,jenis,bidang\n", "tidak berisi kunjungan", 2),
    ],
)
def test_bad_files_are_one_line(seeded, tmp_path, db_path, content, says, code):
    path = tmp_path / "kunjungan.xlsx"
    if content is not None:
        path.write_bytes(content)
    before = dump(db_path)
    result = seeded.fails("visit", "import", str(path), code=code)
    assert says in result.stderr
    assert dump(db_path) == before


def test_problems_csv_of_a_kobo_export(seeded, tmp_path):
    main = tmp_path / "kobo.csv"
    main.write_text(
        "start,kunjungan/tanggal,kunjungan/kelurahan,kunjungan/jenis,kunjungan/bidang,"
        "meta/instanceID,_id,_uuid,_submission_time,_index\n"
        "2026-11-23T08:00:00,2026-11-23,Medono,pendampingan,kesadaran,uuid:a1,1,a1,"
        "2026-11-23T01:00:00,1\n",
        encoding="utf-8",
    )
    repeat = tmp_path / "kobo-kendala.csv"
    repeat.write_text(
        "kendala/kendala,kendala/tindak_lanjut,_index,_parent_index,_submission__uuid\n"
        "Kas kosong,Rapat pengurus,1,1,a1\n",
        encoding="utf-8",
    )
    seeded.ok("visit", "import", str(main), "--problems", str(repeat), "--facilitator", "siti")
    assert len(seeded.json("followup", "list")) == 1
    again = seeded.ok("visit", "import", str(main), "--problems", str(repeat),
                      "--facilitator", "siti")  # fmt: skip
    assert "0 ditambah, 0 diperbarui, 1 tetap" in again.stdout


def test_rows_without_a_facilitator_need_one(seeded, tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("tanggal,kelurahan,jenis,bidang\n2026-11-23,Medono,bimbingan,pemetaan\n")
    result = seeded("visit", "import", str(path))
    assert result.exit_code == 2
    assert "k.csv, baris 2, Fasilitator: wajib diisi" in result.stderr
    seeded.ok("visit", "import", str(path), "--facilitator", "budi")
    assert seeded.json("visit", "list")[0]["facilitator"] == "budi"


def test_xlsform_is_written(seeded, tmp_path):
    target = tmp_path / "forms" / "kunjungan.xlsx"
    result = seeded.ok("template", "xlsform", "--output", str(target))
    assert str(target) in result.stdout
    assert target.read_bytes() == (ROOT / "data/kunjungan-xlsform.xlsx").read_bytes()


def test_start_up_imports_no_spreadsheet_library(db_path):
    """--version, visit list and summary never pay for openpyxl or xlsxwriter."""
    code = (
        "import sys\n"
        "from faskel_cli.cli import main\n"
        "sys.argv = ['faskel', *sys.argv[1:]]\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('HEAVY', [m for m in ('openpyxl', 'xlsxwriter') if m in sys.modules],"
        " file=sys.stderr)\n"
    )
    env = {**os.environ, "FASKEL_TODAY": TODAY}
    for args in (["--version"], ["--db", str(db_path), "visit", "list"],
                 ["--db", str(db_path), "summary", "--format", "json"]):  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
            timeout=120,
        )  # fmt: skip
        assert "HEAVY []" in done.stderr, (args, done.stderr)


def test_the_wheel_ships_the_xlsform():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert shipped["data/kunjungan-xlsform.xlsx"] == "faskel_cli/data/kunjungan-xlsform.xlsx"
    dependencies = config["project"]["dependencies"]
    assert any(d.startswith("openpyxl>=3.1") for d in dependencies)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_workbook_saved_by_libreoffice_imports_as_xlsx_and_as_csv(seeded, book, tmp_path):
    """LibreOffice saves its own .xlsx (and a CSV with dates as text): the same rows, so the
    second import finds them unchanged whatever the format."""
    fill(book, [GOOD, [dt.datetime(2026, 11, 24), "Tirto", None, "bimbingan", "pemetaan"]])
    out = tmp_path / "lo"
    profile = (tmp_path / "lo-profile").as_uri()
    for target in ("xlsx", "csv"):
        done = subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--calc",
             "--convert-to", target, "--outdir", str(out), str(book)],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert (out / f"kunjungan.{target}").exists(), done.stderr
    first = seeded.ok("visit", "import", str(out / "kunjungan.xlsx"))
    assert first.stdout.startswith("Kunjungan: 2 ditambah")
    again = seeded.ok("visit", "import", str(out / "kunjungan.csv"))
    assert again.stdout.startswith("kunjungan.csv: 0 ditambah, 0 diperbarui, 2 tetap")
