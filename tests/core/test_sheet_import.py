"""core.sheet_import: the rules of `visit add` on every row, the identity of rows across
imports, Kobo/ODK exports, bad files, and memory that does not grow with the file."""

from __future__ import annotations

import csv
import datetime as dt
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest

from faskel_cli.core import sheet_import, sheet_read
from faskel_cli.core.db import connect
from faskel_cli.core.errors import InputError, NotFoundError
from faskel_cli.core.sheet_format import closest, match
from tests.helpers import ROOT, dump

COLUMNS = {  # template column (1-based) of each visit field
    "no": 1,
    "tanggal": 2,
    "kelurahan": 3,
    "fasilitator": 4,
    "jenis": 5,
    "bidang": 6,
    "lkk": 7,
    "laki_laki": 8,
    "perempuan": 9,
    "durasi": 10,
    "kegiatan": 11,
    "catatan": 12,
    "ref": 13,
}
ROW = {
    "tanggal": dt.datetime(2026, 11, 23),
    "kelurahan": "Medono",
    "jenis": "pendampingan",
    "bidang": "kesadaran",
    "lkk": "Posyandu Melati",
    "laki_laki": 4,
    "perempuan": 9,
    "durasi": 90,
    "catatan": "Rapat kader",
}


def template(cli, path: Path, rows: int = 20, *extra: str) -> Path:
    cli.ok("template", "visits", "--output", str(path), "--rows", str(rows), *extra)
    return path


def fill(path: Path, rows: list[dict], problems: list[dict] = (), target: Path | None = None):
    book = openpyxl.load_workbook(path)
    sheet = book["Kunjungan"]
    for number, values in enumerate(rows, 2):
        for name, value in values.items():
            sheet.cell(number, COLUMNS[name]).value = value
    names = ["ref_kunjungan", "kendala", "tindak_lanjut", "tenggat", "penanggung_jawab"]
    for number, values in enumerate(problems, 2):
        for name, value in values.items():
            book["Kendala"].cell(number, names.index(name) + 1).value = value
    book.save(target or path)
    return target or path


def write_csv(path: Path, header: list[str], rows: list[list], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def db(seeded, db_path):
    seeded.ok("config", "set", "me", "siti")
    database = connect(db_path)
    yield database
    database.close()


def visits_of(db):
    return db.execute(
        "select date, kelurahan_kode, kind, strand, male, female, duration_minutes, notes "
        "from visits where deleted_at is null order by date, male"
    ).fetchall()


def run(db, path, **kwargs):
    found = []
    result = sheet_import.run(db, path, on_problem=found.append, **kwargs)
    return result, found


# --- headings ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Tanggal", "tanggal"),
        ("  TANGGAL ", "tanggal"),
        ("tanggal", "tanggal"),
        ("kunjungan/tanggal", "tanggal"),
        ("kunjungan-tanggal", "tanggal"),
        ("kunjungan/laki_laki", "laki_laki"),
        ("kunjungan-laki_laki", "laki_laki"),
        ("Peserta laki-laki", "laki_laki"),
        ("Male participants", "laki_laki"),
        ("Jenis Kunjungan", "jenis"),
        ("Durasi (menit)", "durasi"),
        ("_uuid", None),
        ("start", None),
    ],
)
def test_headings_match_by_name_label_or_group_prefix(heading, field):
    assert match(heading, "visits") == field


def test_closest_heading_is_suggested():
    assert closest("Tangal", "visits") == "Tanggal"
    assert closest("perempuan2", "visits") == "Peserta perempuan"


# --- the template round trip ------------------------------------------------------------


def test_template_rows_become_visits_then_stay_unchanged(seeded, db, tmp_path):
    book = fill(
        template(seeded, tmp_path / "t.xlsx"),
        [ROW, {**ROW, "kelurahan": "Tirto", "lkk": None, "tanggal": "24/11/2026"}],
        [{"ref_kunjungan": 1, "kendala": "Kader baru", "tindak_lanjut": "Latih kader"}],
    )
    result, problems = run(db, book)
    assert problems == []
    assert (result.visits.added, result.problems.added) == (2, 1)
    assert visits_of(db) == [
        ("2026-11-23", "33.75.01.1002", "pendampingan", "kesadaran", 4, 9, 90, "Rapat kader"),
        ("2026-11-24", "33.75.01.1009", "pendampingan", "kesadaran", 4, 9, 90, "Rapat kader"),
    ]
    [(followup_visit, due, owner)] = db.execute(
        "select v.date, f.due, o.handle from followups f join visits v on v.id = f.visit_id "
        "join facilitators o on o.id = f.owner_id"
    ).fetchall()
    assert (followup_visit, due, owner) == ("2026-11-23", "2026-12-07", "siti")  # +14 days
    before = dump(Path(db.conn.execute("pragma database_list").fetchone()[2]))
    again, _ = run(db, book)
    assert again.visits.as_dict() == {"added": 0, "updated": 0, "unchanged": 2, "refused": 0}
    assert again.problems.unchanged == 1
    assert dump(Path(db.conn.execute("pragma database_list").fetchone()[2])) == before


def test_rows_added_at_the_end_are_the_only_ones_added(seeded, db, tmp_path):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW])
    run(db, book)
    fill(book, [ROW, {**ROW, "tanggal": dt.date(2026, 11, 20), "laki_laki": 1}])
    result, _ = run(db, book)
    assert (result.visits.added, result.visits.unchanged) == (1, 1)
    assert len(visits_of(db)) == 2


def test_an_edited_row_updates_its_visit_through_the_audit(seeded, db, tmp_path):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW])
    run(db, book)
    fill(book, [{**ROW, "perempuan": 12, "lkk": "PKK Medono"}])
    result, _ = run(db, book)
    assert (result.visits.updated, result.visits.added) == (1, 0)
    [visit] = seeded.json("visit", "list")
    assert (visit["female"], visit["lkk"]) == (12, ["PKK Medono"])
    history = seeded.ok("history", visit["id"]).stdout
    assert "diubah" in history and "Peserta perempuan: 9 → 12" in history


def test_a_copied_template_does_not_overwrite_another_facilitators_visit(seeded, db, tmp_path):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [{**ROW, "fasilitator": "siti"}])
    run(db, book)
    fill(book, [{**ROW, "fasilitator": "budi", "kelurahan": "Kauman", "lkk": None}])
    result, problems = run(db, book)
    assert result.visits.refused == 1
    assert problems[0].error.key == "err.sheet_ref_other_facilitator"
    assert problems[0].column == "Ref"


def test_every_bad_row_and_cell_is_listed_and_nothing_written(seeded, db, db_path, tmp_path):
    book = fill(
        template(seeded, tmp_path / "t.xlsx"),
        [
            ROW,
            {**ROW, "kelurahan": "Medonoo", "jenis": "x", "laki_laki": -1, "perempuan": "a"},
            {"catatan": "only notes"},
            {**ROW, "tanggal": dt.datetime(2026, 12, 1)},
            {**ROW, "lkk": "Posyandu Mawar"},
        ],
    )
    before = dump(db_path)
    result, problems = run(db, book)
    assert result.visits.refused == 4 and result.visits.added == 1
    assert not result.written
    assert dump(db_path) == before
    where = [(p.row, p.column, p.error.key) for p in problems]
    assert where == [
        (3, "Kelurahan", "err.kelurahan_unknown"),
        (3, "Jenis kunjungan", "err.choice"),
        (3, "Peserta laki-laki", "err.count_negative"),
        (3, "Peserta perempuan", "err.count_format"),
        (4, "Tanggal", "err.sheet_required"),
        (4, "Kelurahan", "err.sheet_required"),
        (4, "Jenis kunjungan", "err.sheet_required"),
        (4, "Bidang", "err.sheet_required"),
        (5, "Tanggal", "err.date_future"),
        (6, "LKK", "err.lkk_unknown"),
    ]
    assert problems[0].error.params["matches"].startswith("Medono")


def test_dry_run_checks_everything_and_writes_nothing(seeded, db, db_path, tmp_path):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW, ROW])
    before = dump(db_path)
    result, problems = run(db, book, dry_run=True)
    assert (result.visits.added, problems, result.written) == (2, [], False)
    assert dump(db_path) == before


def test_same_ref_twice_is_refused(seeded, db, tmp_path):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW, {**ROW, "laki_laki": 1}])
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Kunjungan"]
    sheet.cell(3, COLUMNS["ref"], sheet.cell(2, COLUMNS["ref"]).value)
    workbook.save(book)
    result, problems = run(db, book)
    assert result.visits.refused == 1
    assert (problems[0].row, problems[0].error.key) == (3, "err.sheet_ref_twice")


# --- dates, numbers, cells as programs save them ------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        dt.datetime(2026, 11, 23),
        dt.date(2026, 11, 23),
        "23/11/2026",
        "2026-11-23",
        "23-11-2026",
        46349,  # an Excel serial number (a date cell saved as General)
        46349.0,
        "46349",
        "2026-11-23 00:00:00",
    ],
)
def test_dates_as_real_dates_text_or_excel_serials(seeded, db, tmp_path, cell):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [{**ROW, "tanggal": cell}])
    result, problems = run(db, book)
    assert problems == [] and result.visits.added == 1
    assert visits_of(db)[0][0] == "2026-11-23"


def test_time_cells_and_text_durations(seeded, db, tmp_path):
    book = fill(
        template(seeded, tmp_path / "t.xlsx"),
        [{**ROW, "durasi": dt.time(1, 30)}, {**ROW, "durasi": "2h", "laki_laki": 1}],
    )
    run(db, book)
    assert sorted(v[6] for v in visits_of(db)) == [90, 120]


# --- CSV: typed from scratch, Excel with Indonesian settings, Kobo and ODK exports -------------


def test_csv_without_refs_gets_content_keys(seeded, db, tmp_path):
    header = ["Tanggal", "Kelurahan", "Jenis kunjungan", "Bidang", "Peserta perempuan"]
    rows = [
        ["23/11/2026", "Medono", "pendampingan", "kesadaran", "3"],
        ["23/11/2026", "Medono", "pendampingan", "kesadaran", "5"],  # the same key, again
    ]
    path = write_csv(tmp_path / "k.csv", header, rows, delimiter=";")
    result, _ = run(db, path)
    assert result.visits.added == 2
    # The second with the same key is its 2nd occurrence: unchanged again, edited = updated.
    write_csv(path, header, [rows[0], ["23/11/2026", "medono", "Pendampingan", "kesadaran", "6"]],
              delimiter=";")  # fmt: skip
    again, _ = run(db, path)
    assert again.visits.as_dict() == {"added": 0, "updated": 1, "unchanged": 1, "refused": 0}
    assert sorted(v[5] for v in visits_of(db)) == [3, 6]


def test_csv_in_cp1252_with_a_bom_less_header(seeded, db, tmp_path):
    path = tmp_path / "k.csv"
    path.write_bytes(
        "tanggal,kelurahan,jenis,bidang,catatan\r\n"
        "2026-11-23,Medono,bimbingan,pemetaan,Caf\xe9 warga\r\n".encode("cp1252")
    )
    result, problems = run(db, path)
    assert problems == [] and result.visits.added == 1
    assert visits_of(db)[0][7] == "Café warga"


KOBO_HEADER = [
    "start",
    "end",
    "kunjungan/tanggal",
    "kunjungan/kelurahan",
    "kunjungan/fasilitator",
    "kunjungan/jenis",
    "kunjungan/bidang",
    "kunjungan/lkk",
    "kunjungan/laki_laki",
    "kunjungan/perempuan",
    "kunjungan/durasi",
    "kunjungan/kegiatan",
    "kunjungan/catatan",
    "meta/instanceID",
    "_id",
    "_uuid",
    "_submission_time",
    "_validation_status",
    "_notes",
    "_status",
    "_submitted_by",
    "__version__",
    "_tags",
    "_index",
]


def kobo_row(index: int, uuid: str, female: int = 9) -> list:
    return [
        "2026-11-23T09:00:00.000+07:00",
        "2026-11-23T09:20:00.000+07:00",
        "2026-11-23",
        "33.75.01.1002",
        "siti",
        "pendampingan",
        "kesadaran",
        "Posyandu Melati;PKK Medono",
        "4",
        str(female),
        "90",
        "",
        "Rapat",
        f"uuid:{uuid}",
        str(1000 + index),
        uuid,
        "2026-11-23T02:21:00",
        "",
        "",
        "submitted_via_web",
        "",
        "vx",
        "",
        str(index),
    ]


UUIDS = ["7c0b0e7e-0001-4c5e-9d0a-aaaaaaaaaaaa", "7c0b0e7e-0002-4c5e-9d0a-bbbbbbbbbbbb"]


def test_kobo_csv_export_with_its_own_columns_and_uuids(seeded, db, tmp_path):
    path = write_csv(tmp_path / "kobo.csv", KOBO_HEADER, [kobo_row(1, UUIDS[0])], delimiter=";")
    problems_csv = write_csv(
        tmp_path / "kobo-kendala.csv",
        ["kendala/kendala", "kendala/tindak_lanjut", "kendala/tenggat", "_index",
         "_parent_table_name", "_parent_index", "_submission__id", "_submission__uuid"],
        [["Kader baru", "Latih kader", "2026-12-05", "1", "kunjungan", "1", "1001", UUIDS[0]]],
        delimiter=";",
    )  # fmt: skip
    result, problems = run(db, path, problems_path=problems_csv)
    assert problems == []
    assert (result.visits.added, result.problems.added) == (1, 1)
    [visit] = seeded.json("visit", "list")
    assert visit["lkk"] == ["PKK Medono", "Posyandu Melati"]
    [followup] = seeded.json("followup", "list")
    assert (followup["due"], followup["visit_id"]) == ("2026-12-05", visit["id"])
    # A re-downloaded export holds one more submission and an edited one.
    write_csv(path, KOBO_HEADER, [kobo_row(1, UUIDS[0], female=11), kobo_row(2, UUIDS[1])],
              delimiter=";")  # fmt: skip
    again, _ = run(db, path, problems_path=problems_csv)
    assert again.visits.as_dict() == {"added": 1, "updated": 1, "unchanged": 0, "refused": 0}
    assert again.problems.unchanged == 1
    assert sorted(v[5] for v in visits_of(db)) == [9, 11]


def test_odk_central_csv_with_dashes_and_parent_key(seeded, db, tmp_path):
    header = ["SubmissionDate", "kunjungan-tanggal", "kunjungan-kelurahan", "kunjungan-jenis",
              "kunjungan-bidang", "meta-instanceID", "KEY", "SubmitterID", "SubmitterName",
              "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID",
              "Edits", "FormVersion"]  # fmt: skip
    key = f"uuid:{UUIDS[0]}"
    row = ["2026-11-23T02:21:00.000Z", "2026-11-23", "Medono", "bimbingan", "pemetaan", key, key,
           "5", "siti", "0", "0", "", "", "", "0", "2026120101"]  # fmt: skip
    path = write_csv(tmp_path / "odk.csv", header, [row])
    repeat = write_csv(
        tmp_path / "odk-kendala.csv",
        ["kendala-kendala", "kendala-tindak_lanjut", "PARENT_KEY", "KEY"],
        [["Kas kosong", "Rapat pengurus", key, f"{key}/kendala[1]"]],
    )
    result, problems = run(db, path, problems_path=repeat)
    assert problems == [] and (result.visits.added, result.problems.added) == (1, 1)


def test_kobo_xlsx_export_with_the_repeat_on_its_own_sheet(seeded, db, tmp_path):
    book = openpyxl.Workbook()
    main = book.active
    main.title = "Kunjungan Fasilitator Kelurah"  # Kobo names it after the form (31 chars)
    main.append(KOBO_HEADER)
    main.append(kobo_row(1, UUIDS[0]))
    repeat = book.create_sheet("kendala")
    repeat.append(["kendala", "tindak_lanjut", "_index", "_parent_table_name", "_parent_index"])
    repeat.append(["Kader baru", "Latih kader", 1, "Kunjungan", 1])
    path = tmp_path / "kobo.xlsx"
    book.save(path)
    result, problems = run(db, path)
    assert problems == []
    assert result.sheets == ["Kunjungan Fasilitator Kelurah", "kendala"]
    assert (result.visits.added, result.problems.added) == (1, 1)


# --- bad files ---------------------------------------------------------------------------


def test_bad_files_are_one_error_each(db, tmp_path):
    cases = {}
    (tmp_path / "empty.xlsx").write_bytes(b"")
    cases["empty.xlsx"] = "err.sheet_empty_file"
    (tmp_path / "picture.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    cases["picture.xlsx"] = "err.sheet_not_spreadsheet"
    good = openpyxl.Workbook()
    good.active.append(["Tanggal"])
    good.save(tmp_path / "good.xlsx")
    data = (tmp_path / "good.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) // 2])
    cases["cut.xlsx"] = "err.sheet_corrupt"
    with zipfile.ZipFile(tmp_path / "sheet.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    cases["sheet.ods"] = "err.sheet_ods"
    with zipfile.ZipFile(tmp_path / "notes.docx", "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    cases["notes.docx"] = "err.sheet_not_spreadsheet"
    (tmp_path / "old.xls").write_bytes(sheet_read.CFB_MAGIC + bytes(504))
    cases["old.xls"] = "err.sheet_xls"
    (tmp_path / "protected.xlsx").write_bytes((ROOT / "tests/data/protected.xlsx").read_bytes())
    cases["protected.xlsx"] = "err.sheet_protected"
    blank = openpyxl.Workbook()
    blank.active.title = "Kunjungan"
    blank.save(tmp_path / "blank.xlsx")
    cases["blank.xlsx"] = "err.sheet_empty"
    (tmp_path / "headings.csv").write_text("tanggal,kelurahan,jenis,bidang\n", encoding="utf-8")
    cases["headings.csv"] = "err.sheet_no_rows"
    for name, key in cases.items():
        with pytest.raises(InputError) as caught:
            sheet_import.run(db, tmp_path / name)
        assert caught.value.key == key, name
    with pytest.raises(NotFoundError):
        sheet_import.run(db, tmp_path / "missing.xlsx")


def test_headings_that_do_not_match_name_the_expected_and_the_closest(db, tmp_path):
    path = write_csv(tmp_path / "k.csv", ["Tangal", "Kelurahan", "Jenis", "Bidang"], [["x"] * 4])
    with pytest.raises(InputError) as caught:
        sheet_import.run(db, path)
    error = caught.value
    assert error.key == "err.sheet_heading_unknown"
    assert (error.params["heading"], error.params["closest"], error.params["column"]) == (
        "Tangal",
        "Tanggal",
        "A",
    )
    assert "Tanggal, Kelurahan" in str(error.params["expected"])
    path = write_csv(tmp_path / "k.csv", ["Kelurahan", "Jenis", "Catatan"], [["x"] * 3])
    with pytest.raises(InputError) as caught:
        sheet_import.run(db, path)
    assert caught.value.key == "err.sheet_heading_missing"
    assert caught.value.params["missing"] == "Tanggal, Bidang"


# --- memory ------------------------------------------------------------------------------


@pytest.mark.slow
def test_reading_streams_rows(tmp_path):
    """A CSV ten times longer does not take ten times the memory to read."""

    def peak(rows: int) -> int:
        path = write_csv(
            tmp_path / f"k{rows}.csv",
            ["tanggal", "kelurahan", "jenis", "bidang", "catatan"],
            [
                ["2026-11-23", "Medono", "bimbingan", "pemetaan", f"catatan {n}"]
                for n in range(rows)
            ],
        )
        tracemalloc.start()
        with sheet_read.Source(path) as source:
            table, _ = source.tables()
            assert sum(1 for _ in table.rows()) == rows
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return size

    small, large = peak(10_000), peak(100_000)
    assert large < 2 * small + 200_000, (small, large)


@pytest.mark.slow
def test_importing_keeps_memory_bounded(seeded, db, tmp_path):
    """Rows are checked and written a chunk at a time: 6 times the rows, not 6 times the
    memory (what a file of 1,000,000 rows must remember stays in SQLite's TEMP tables)."""

    def peak(rows: int) -> int:
        path = write_csv(
            tmp_path / f"k{rows}.csv",
            ["tanggal", "kelurahan", "jenis", "bidang", "perempuan"],
            [["2026-11-23", "Medono", "bimbingan", "pemetaan", str(n % 100)] for n in range(rows)],
        )
        tracemalloc.start()
        result, _ = run(db, path, dry_run=True)
        size = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.visits.added == rows
        return size

    peak(50)  # imports and first-use caches
    small, large = peak(500), peak(3000)
    assert large < 1.5 * small, (small, large)


def test_the_xlsform_shipped_is_what_the_script_builds(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_xlsform", ROOT / "scripts/make_xlsform.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.build(tmp_path / "form.xlsx")

    def content(path):
        book = openpyxl.load_workbook(path)
        return {s.title: [list(r) for r in s.iter_rows(values_only=True)] for s in book}

    shipped = content(ROOT / "data/kunjungan-xlsform.xlsx")
    assert shipped == content(tmp_path / "form.xlsx")
    assert list(shipped) == ["survey", "choices", "settings"]
    survey = shipped["survey"]
    assert survey[0][:3] == ["type", "name", "label"]
    types = [(row[0], row[1]) for row in survey[1:]]
    assert types[0] == ("begin_group", "kunjungan")
    assert ("select_one kelurahan", "kelurahan") in types
    assert ("begin_repeat", "kendala") in types
    assert ("integer", "laki_laki") in types
    constraints = {row[1]: row[5] for row in survey[1:]}
    assert constraints["perempuan"] == ". >= 0 and . <= 10000"
    kelurahan = [row for row in shipped["choices"][1:] if row[0] == "kelurahan"]
    assert len(kelurahan) == 27 and all(row[1].startswith("33.75.") for row in kelurahan)
    settings = dict(zip(shipped["settings"][0], shipped["settings"][1], strict=False))
    assert settings["form_id"] == "faskel_kunjungan"


def test_headings_below_title_rows_and_a_utf16_tab_separated_file(seeded, db, tmp_path):
    path = tmp_path / "unicode.txt"
    text = (
        "Laporan kunjungan November\t\t\t\n"
        "\t\t\t\n"
        "Tanggal\tKelurahan\tJenis kunjungan\tBidang\n"
        "23/11/2026\tMedono\tbimbingan\tpemetaan\n"
    )
    path.write_bytes(text.encode("utf-16"))  # Excel's "Unicode Text": UTF-16 with a BOM, tabs
    result, problems = run(db, path)
    assert problems == [] and result.visits.added == 1


def test_an_edited_row_of_a_deleted_visit_is_refused(seeded, db, tmp_path):
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW])
    run(db, book)
    [visit] = seeded.json("visit", "list")
    seeded.ok("visit", "delete", visit["id"])
    unchanged, _ = run(db, book)
    assert unchanged.visits.unchanged == 1  # the sheet did not change: the delete stays
    fill(book, [{**ROW, "perempuan": 1}])
    result, problems = run(db, book)
    assert result.visits.refused == 1
    assert [(p.column, p.error.key) for p in problems] == [("Ref", "err.visit_deleted")]


def test_an_edited_problem_row_updates_its_followup(seeded, db, tmp_path):
    problem = {"ref_kunjungan": 1, "kendala": "Kader baru", "tindak_lanjut": "Latih kader"}
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW], [problem])
    run(db, book)
    fill(
        book, [ROW], [{**problem, "tenggat": dt.datetime(2026, 12, 10), "penanggung_jawab": "budi"}]
    )
    result, problems = run(db, book)
    assert problems == []
    assert (result.visits.unchanged, result.problems.updated) == (1, 1)
    [followup] = seeded.json("followup", "list")
    assert (followup["due"], followup["owner"]) == ("2026-12-10", "budi")
    fill(book, [ROW], [{**problem, "tenggat": dt.datetime(2026, 11, 1)}])
    result, problems = run(db, book)
    assert [(p.sheet, p.row, p.column, p.error.key) for p in problems] == [
        ("Kendala", 2, "Tenggat", "err.due_before_problem")
    ]


def test_every_bad_cell_of_a_problem_row_is_listed(seeded, db, tmp_path):
    bad = {"ref_kunjungan": 1, "kendala": "Kas kosong", "tindak_lanjut": "Rapat",
           "tenggat": "kapan-kapan", "penanggung_jawab": "nobody"}  # fmt: skip
    book = fill(template(seeded, tmp_path / "t.xlsx"), [ROW], [bad, {**bad, "ref_kunjungan": 9}])
    result, problems = run(db, book)
    assert (result.visits.added, result.problems.refused) == (1, 2)
    assert [(p.row, p.column, p.error.key) for p in problems] == [
        (2, "Tenggat", "err.date_format"),
        (2, "Penanggung jawab", "err.facilitator_unknown"),
        (3, "No. kunjungan", "err.sheet_no_visit"),
        (3, "Tenggat", "err.date_format"),
        (3, "Penanggung jawab", "err.facilitator_unknown"),
    ]
