"""`faskel report bulanan`: the monthly report read back from the produced PDF (pypdf, every
page; pdftoppm renders every page when installed) and .docx (python-docx), its numbers
checked against the database."""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess

import pytest

from tests.helpers import Cli, copy_db, dump

MONTH = ("2026-11-01", "2026-11-30")


@pytest.fixture
def sample(sample_template, db_path) -> Cli:
    return Cli(copy_db(sample_template, db_path))


def _numbers(db_path) -> dict:
    """siti's November, counted here without the report's code."""
    conn = sqlite3.connect(db_path)
    try:
        who = conn.execute("select id from facilitators where handle = 'siti'").fetchone()[0]
        where = "deleted_at is null and facilitator_id = ? and date between ? and ?"
        rows = conn.execute(
            f"select date, male, female, duration_minutes, notes from visits where {where} "
            "order by date",
            [who, *MONTH],
        ).fetchall()
        photos = conn.execute(
            "select count(*) from photo_links l join visits v on v.id = l.visit_id "
            "where l.deleted_at is null and v.deleted_at is null and v.facilitator_id = ? "
            "and v.date between ? and ?",
            [who, *MONTH],
        ).fetchone()[0]
        photos += conn.execute(
            "select count(*) from photo_links l join photos p on p.id = l.photo_id "
            "where l.activity_id is not null and substr(p.taken_at, 1, 10) between ? and ?",
            MONTH,
        ).fetchone()[0]
        actions = [
            r[0] for r in conn.execute("select action from followups where owner_id = ?", [who])
        ]
    finally:
        conn.close()
    male, female = sum(r[1] for r in rows), sum(r[2] for r in rows)
    return {
        "visits": len(rows),
        "days": len({r[0] for r in rows}),
        "minutes": sum(r[3] or 0 for r in rows),
        "male": male,
        "female": female,
        "share": round(female * 100 / (male + female)),
        "dates": sorted({r[0] for r in rows}),
        "photos": photos,
        "actions": actions,
    }


def _squash(text: str) -> str:
    return " ".join(text.split())


def _pdf_pages(path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    pages = []
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
        pages.append(page.extract_text())
    return pages


def _check_content(text: str, numbers: dict) -> None:
    """What every form of the report says, in its order."""
    flat = _squash(text)
    order = [
        "LAPORAN BULANAN",
        "Dinas Pemberdayaan Masyarakat, Perempuan dan Perlindungan Anak Kota Pekalongan",
        "Bulan November 2026",
        "Siti Aminah",
        "Kel. Medono, Kec. Pekalongan Barat",
        "I. Ringkasan Bulan Ini",
        "II. Uraian Kegiatan Harian",
        "III. Lembar Waktu Kerja",
        "IV. Kegiatan yang Didampingi",
        "V. Kendala dan Tindak Lanjut",
        "VI. Rencana Kerja Tindak Lanjut (RKTL) Bulan Desember 2026",
        "VII. Dokumentasi",
        "Mengetahui,",
        "Pekalongan, 30 November 2026",
    ]
    positions = [flat.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions, strict=True) if at < 0]
    assert positions == sorted(positions)
    total = numbers["male"] + numbers["female"]
    assert f"{total} orang: {numbers['male']} laki-laki, {numbers['female']} perempuan" in flat
    assert f"({numbers['share']} % perempuan)" in flat
    # Readers space a label's colon differently (pypdf 4 reads "Jumlah kunjungan :19").
    assert re.search(rf"Jumlah kunjungan\s*:?\s*{numbers['visits']}\b", flat)
    assert re.search(rf"Hari kerja\s*:?\s*{numbers['days']}\b", flat)
    assert "4 dari 4 kelurahan tugas" in flat
    for day in numbers["dates"]:  # the daily record and the time sheet
        y, m, d = day.split("-")
        assert flat.count(f"{d}/{m}/{y}") >= 2, day
    assert "30/11/2026" in flat and "Minggu" in flat  # every day of the month in the sheet
    assert "Paving gang RT 02/RW 04 Tirto" in flat and "Rp 85.000.000" in flat
    assert "Kepala Bidang Pemberdayaan Masyarakat" in flat
    assert "Drs. Hadi Purnomo, M.Si." in flat and "NIP. 197005121998031007" in flat
    assert "Musyawarah warga RT 02 soal lebar gang" in flat  # a photo's caption
    assert "Gang RT 02/RW 04 sebelum paving" in flat  # an activity's photo (before)


@pytest.fixture(scope="module")
def november_pdf(sample_template, tmp_path_factory):
    """siti's November as a PDF, made once for the tests that read it: what the command
    said, the file, and the database it was made from."""
    folder = tmp_path_factory.mktemp("november")
    cli = Cli(copy_db(sample_template, folder / "faskel.db"))
    out = folder / "lapbul-{handle}-{month}.pdf"
    said = cli.ok("report", "bulanan", "--month", "2026-11", "--output", str(out)).stdout
    return said, folder / "lapbul-siti-2026-11.pdf", cli.db_path


def test_the_pdf_reads_back_page_by_page(november_pdf):
    said, path, db_path = november_pdf
    assert str(path) in said and path.stat().st_size < 4_000_000
    pages = _pdf_pages(path)
    assert len(pages) >= 3 and all(page.strip() for page in pages)
    numbers = _numbers(db_path)
    _check_content("\n".join(pages), numbers)
    assert _squash(pages[-1]).count("Halaman") == 1
    from pypdf import PdfReader

    reader = PdfReader(path)
    images = sum(len(page.images) for page in reader.pages)
    assert images == numbers["photos"] == 8
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # embedded
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_every_page_of_the_pdf_renders(november_pdf, tmp_path):
    path = november_pdf[1]
    done = subprocess.run(
        ["pdftoppm", "-r", "20", "-png", str(path), str(tmp_path / "page")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == len(_pdf_pages(path))


def test_the_docx_says_the_same(sample, tmp_path):
    import docx

    path = tmp_path / "lapbul.docx"
    said = sample.ok("report", "bulanan", "--facilitator", "siti", "-m", "2026-11", "-o", str(path))
    assert str(path) in said.stdout
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]

    def cells(table) -> None:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:
                    continue
                seen.add(id(cell._tc))
                parts.extend(p.text for p in cell.paragraphs)
                for inner in cell.tables:
                    cells(inner)

    body = document.element.body
    # in document order: paragraphs and tables as they come
    parts = []
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            parts.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif child.tag.endswith("}tbl"):
            parts.append(" ".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
    numbers = _numbers(sample.db_path)
    _check_content("\n".join(parts), numbers)
    assert len(document.inline_shapes) == numbers["photos"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    # Headings stay on the page of what follows them, in Word as in the PDF.
    kept = {
        p.text
        for p in document.paragraphs
        if p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next
    }
    assert {"VII. Dokumentasi", "Tahap berikut kegiatan"} <= kept


def test_pdf_and_docx_in_english_on_lang_en(sample, tmp_path):
    path = tmp_path / "l.pdf"
    sample.ok("--lang", "en", "report", "bulanan", "-m", "2026-11", "-o", str(path))
    assert "MONTHLY REPORT" in "".join(_pdf_pages(path))


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["-o", "x.xlsx"], ".pdf atau .docx"),
        (["-o", "lapbul-{week}.pdf"], "{week}"),
        (["--month", "2026-13"], "2026-13"),
        (["--facilitator", "nobody"], "nobody"),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(sample, tmp_path, monkeypatch, args, said):
    monkeypatch.chdir(tmp_path)
    before = dump(sample.db_path)
    result = sample.fails("report", "bulanan", "-m", "2026-11", *args)
    assert said in result.stderr
    assert list(tmp_path.glob("*.pdf")) == [] and dump(sample.db_path) == before


def test_without_me_the_facilitator_must_be_named(sample, tmp_path):
    conn = sqlite3.connect(sample.db_path)
    conn.execute("delete from settings where key = 'me'")
    conn.commit()
    conn.close()
    result = sample.fails("report", "bulanan", "-m", "2026-11", "-o", str(tmp_path / "x.pdf"))
    assert "--facilitator" in result.stderr


@pytest.mark.slow  # twenty 1600 x 1200 photos through the whole report (about 4 s)
def test_twenty_detailed_photos_stay_under_4_mb(sample, tmp_path):
    """The worst case for size: 20 photos of noise (JPEG cannot compress them)."""
    import os

    from PIL import Image, ImageDraw

    visits = sample.json("visit", "list", "--facilitator", "siti", "--since", "2026-11-01")
    noise = Image.frombytes("RGB", (1600, 1200), os.urandom(1600 * 1200 * 3))
    files = []
    for n in range(20):  # twenty different photos of noise
        image = noise.copy()
        ImageDraw.Draw(image).rectangle((0, 0, 40 + n * 10, 40), fill=(n * 12, 0, 0))
        image.save(tmp_path / f"{n}.jpg", "JPEG", quality=85)
        files.append(str(tmp_path / f"{n}.jpg"))
    sample.ok("visit", "photo", "add", visits[0]["id"], *files)
    out = tmp_path / "l.pdf"
    sample.ok("report", "bulanan", "-m", "2026-11", "-o", str(out))
    assert out.stat().st_size < 4_000_000
    from pypdf import PdfReader

    assert sum(len(p.images) for p in PdfReader(out).pages) == 28


def test_the_report_settings(sample):
    sample.ok("config", "set", "supervisor_nip", "19700512 199803 1 007")
    assert sample.ok("config", "get", "supervisor_nip").stdout.strip() == "197005121998031007"
    sample.fails("config", "set", "supervisor_nip", "12345", code=2)
    sample.ok("config", "set", "place", "Kota Pekalongan, Jawa Tengah")
    sample.fails("config", "set", "office", "   ", code=2)


@pytest.mark.parametrize("filled", [30, 36, 41])
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(tmp_path, filled):
    """However far down the page the photos' heading falls, their first row is under it."""
    import io

    from PIL import Image
    from pypdf import PdfReader

    from faskel_cli.reports.lapbul import Block
    from faskel_cli.reports.lapbul_pdf import render

    def picture(colour: tuple[int, int, int]) -> bytes:
        made = io.BytesIO()
        Image.new("RGB", (80, 60), colour).save(made, "JPEG")
        return made.getvalue()

    lines = "\n".join(f"Baris {n}" for n in range(filled))
    photos = [(picture((90, 140, 60)), "Foto satu"), (picture((200, 60, 40)), "Foto dua")]
    blocks = [
        Block("title", "LAPORAN BULANAN"),
        Block("text", lines),
        Block("heading", "VII. Dokumentasi"),
        Block("photos", photos=photos),
        Block("heading", "VIII. Penutup"),
        Block("text", "Demikian laporan ini."),
    ]
    made, _ = render(blocks, "kaki")
    path = tmp_path / "l.pdf"
    path.write_bytes(made)
    reader = PdfReader(path)
    (page,) = [p for p in reader.pages if "Dokumentasi" in p.extract_text()]
    assert len(page.images) == 2 and "Foto satu" in page.extract_text()
