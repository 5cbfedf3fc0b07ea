"""`faskel report rekap` and the last bundle received in `summary --by facilitator`: a
coordinator's database that received siti's laptop bundles (budi logs on the coordinator's
own laptop), read back from every format and checked against `summary --format json`."""

from __future__ import annotations

import re

import pytest

from faskel_cli.core import settings
from tests.helpers import Cli, add_followup, add_visit, copy_db, dump, export, import_counts, seed

TODAY = "2026-12-02"


def _world(empty_template, folder, env) -> tuple:
    """The coordinator's laptop (`office`) and siti's, both made under a frozen clock (the
    bundles' checks compare stamps with the importing laptop's clock): the office seeds
    siti and budi and sends everything to siti's laptop, which says it is siti's."""
    from faskel_cli.core.db import connect

    env.setenv("FASKEL_TODAY", TODAY)
    env.setenv("FASKEL_NOW", "2026-11-01T01:00:00Z")
    office_path = copy_db(empty_template, folder / "office.db")
    siti_path = copy_db(empty_template, folder / "siti.db", new_device=True)
    office, siti = connect(office_path), connect(siti_path)
    seed(office)
    import_counts(siti, export(office, folder / "start.faskel", everything=True))
    settings.set_value(siti, "me", "siti")
    return office, siti, office_path


@pytest.fixture
def world(empty_template, monkeypatch, tmp_path):
    office, siti, path = _world(empty_template, tmp_path, monkeypatch)
    yield office, siti, path
    office.close()
    siti.close()


@pytest.fixture(scope="module")
def coordinator_template(empty_template, tmp_path_factory):
    """siti sends two bundles; the second, imported at 02:00 UTC on 1 December (09:00 WIB),
    brings her visit of 30 November. budi logs on the coordinator's laptop. Made once."""
    folder = tmp_path_factory.mktemp("rekap")
    with pytest.MonkeyPatch.context() as env:
        office, siti, path = _world(empty_template, folder, env)
        env.setenv("FASKEL_NOW", "2026-11-27T10:00:00Z")
        add_visit(siti, day="2026-11-20", kelurahan="Medono", male=3, female=5)
        add_visit(siti, day="2026-11-27", kelurahan="Tirto", male=2, female=2)
        add_visit(siti, day="2026-11-27", kelurahan="Medono", male=1, female=1)
        add_followup(siti, on="2026-11-20", due="2026-11-25", owner="siti", problem="Terlambat")
        env.setenv("FASKEL_NOW", "2026-11-28T20:00:00Z")
        import_counts(office, export(siti, folder / "siti-1.faskel", everything=True))
        env.setenv("FASKEL_NOW", "2026-11-30T23:00:00Z")
        add_visit(siti, day="2026-11-30", kelurahan="Tirto", male=4, female=6)
        env.setenv("FASKEL_NOW", "2026-12-01T02:00:00Z")
        import_counts(office, export(siti, folder / "siti-2.faskel", everything=True))
        # Sent again, unchanged: it brings nothing, but it came (the date moves, the
        # newest record stays that of 30 November).
        env.setenv("FASKEL_NOW", "2026-12-02T02:00:00Z")
        again = import_counts(office, folder / "siti-2.faskel")
        assert all(not c["added"] and not c["updated"] for c in again.values())
        add_visit(office, day="2026-11-23", kelurahan="Kauman", who="budi", male=7, female=9)
        add_visit(office, day="2026-12-01", kelurahan="Kauman", who="budi", male=1, female=1)
        add_followup(
            office, kelurahan="Kauman", on="2026-11-10", due="2026-12-15", owner="budi",
            problem="Buka",
        )  # fmt: skip
        office.conn.execute("pragma wal_checkpoint(truncate)")
        office.close()
        siti.close()
    return path


@pytest.fixture
def coordinator(coordinator_template, monkeypatch, tmp_path) -> Cli:
    monkeypatch.setenv("FASKEL_TODAY", TODAY)
    monkeypatch.setenv("FASKEL_NOW", "2026-12-02T03:00:00Z")
    return Cli(copy_db(coordinator_template, tmp_path / "coordinator.db"))


def by_handle(rows: list[dict]) -> dict[str, dict]:
    return {row["handle"]: row for row in rows}


def test_summary_by_facilitator_shows_the_last_bundle_received(coordinator):
    rows = by_handle(coordinator.json("summary", "--by", "facilitator", "--month", "2026-11"))
    assert rows["siti"]["last_bundle_at"] == "2026-12-02T02:00:00.000000Z"
    assert rows["siti"]["last_bundle_newest"] == "2026-11-30"
    assert (rows["budi"]["last_bundle_at"], rows["budi"]["last_bundle_newest"]) == (None, None)
    # The new counts of a facilitator's month.
    siti = rows["siti"]
    assert (siti["visits"], siti["days_worked"], siti["male"], siti["female"]) == (4, 3, 10, 14)
    assert (siti["followups_opened"], siti["followups_done"], siti["followups_overdue"]) == (
        1,
        0,
        1,
    )
    assert rows["budi"]["days_worked"] == 1 and rows["budi"]["followups_opened"] == 1
    # The last bundle is the latest received, whatever the period asked.
    october = by_handle(coordinator.json("summary", "--by", "facilitator", "--month", "2026-10"))
    assert october["siti"]["last_bundle_newest"] == "2026-11-30"
    table = coordinator.ok("summary", "--by", "facilitator", "--month", "2026-11").stdout
    siti_line = next(line for line in table.splitlines() if " siti " in line)
    budi_line = next(line for line in table.splitlines() if " budi " in line)
    assert siti_line.rstrip().endswith("02/12/26")
    assert budi_line.rstrip().endswith("-")


def test_the_first_bundle_is_dated_by_the_coordinators_calendar(world, monkeypatch, tmp_path):
    """Imported at 20:00 UTC on 28 November: 03:00 WIB on 29 November."""
    office, siti, path = world
    monkeypatch.setenv("FASKEL_NOW", "2026-11-27T10:00:00Z")
    add_visit(siti, day="2026-11-27", kelurahan="Tirto")
    monkeypatch.setenv("FASKEL_NOW", "2026-11-28T20:00:00Z")
    import_counts(office, export(siti, tmp_path / "s.faskel", everything=True))
    cli = Cli(path)
    rekap = cli.json("report", "rekap", "--month", "2026-11")
    assert by_handle(rekap["facilitators"])["siti"]["last_bundle_at"].startswith("2026-11-28T20")
    md = cli.ok("report", "rekap", "--month", "2026-11", "--format", "md").stdout
    siti_line = next(line for line in md.splitlines() if "(siti)" in line)
    assert "| 29/11/2026 | 27/11/2026 |" in siti_line


def test_rekap_json_is_the_summarys_numbers(coordinator):
    month = ("--month", "2026-11")
    rekap = coordinator.json("report", "rekap", *month)
    summary = coordinator.json("summary", *month)
    people = coordinator.json("summary", "--by", "facilitator", *month)
    assert (
        rekap["period"]
        == summary["period"]
        == {
            "label": "2026-11",
            "start": "2026-11-01",
            "end": "2026-11-30",
            "kind": "month",
        }
    )
    assert rekap["facilitators"] == people
    for mine, theirs in zip(rekap["kelurahan"], summary["kelurahan"], strict=True):
        for key in ("kode", "nama", "visits", "male", "female", "followups_opened"):
            assert mine[key] == theirs[key]
        assert mine["followups_overdue"] == theirs["followups_overdue"]
    kel = {row["nama"]: row for row in rekap["kelurahan"]}
    assert (kel["Medono"]["visits"], kel["Medono"]["days_visited"]) == (2, 2)
    assert (kel["Tirto"]["visits"], kel["Tirto"]["days_visited"]) == (2, 2)
    assert kel["Medono"]["assigned"] == ["siti"] and kel["Kauman"]["assigned"] == ["budi"]
    totals = rekap["kelurahan_totals"]
    assert totals["visits"] == summary["totals"]["visits"] == 5
    assert totals["kelurahan_visited"] == 3 and totals["kelurahan_total"] == 27
    assert totals["days_visited"] == 5
    assert rekap["facilitator_totals"] == {
        "visits": 5,
        "days_worked": 4,
        "male": 17,
        "female": 23,
        "female_share": 0.575,
        "followups_opened": 2,
        "followups_done": 0,
        "followups_overdue": 1,
    }


def test_rekap_xlsx_reads_back(coordinator, tmp_path):
    from openpyxl import load_workbook

    coordinator.ok(
        "report", "rekap", "--month", "2026-11", "--output", str(tmp_path / "rekap-{month}.xlsx")
    )
    path = tmp_path / "rekap-2026-11.xlsx"
    rekap = coordinator.json("report", "rekap", "--month", "2026-11")
    values = load_workbook(path, data_only=True)  # the values written with each formula
    formulas = load_workbook(path)
    assert values.sheetnames == ["Fasilitator", "Kelurahan"]
    sheet = values["Fasilitator"]
    assert "November 2026" in sheet["A1"].value
    header = [cell.value for cell in sheet[4]]
    assert header[:3] == ["Fasilitator", "Kunjungan", "Kel. dikunjungi"]
    assert header[-2:] == ["Bundel diterima", "Data terbaru"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
    siti = rows["Siti Aminah (siti)"]
    expected = by_handle(rekap["facilitators"])["siti"]
    assert siti[1:11] == (
        expected["visits"],
        expected["kelurahan_covered"],
        expected["kelurahan_assigned"],
        expected["days_worked"],
        expected["male"],
        expected["female"],
        expected["female_share"],
        expected["followups_opened"],
        expected["followups_done"],
        expected["followups_overdue"],
    )
    assert siti[11].date().isoformat() == "2026-12-02"  # a real date, in WIB
    assert siti[12].date().isoformat() == "2026-11-30"
    assert rows["Budi Santoso (budi)"][11] is None
    total = rows["Jumlah"]
    assert total[1] == rekap["facilitator_totals"]["visits"] == 5
    total_row = next(
        r for r in formulas["Fasilitator"].iter_rows(min_row=5) if r[0].value == "Jumlah"
    )
    assert total_row[1].value == "=SUM(B5:B6)"
    kelurahan = values["Kelurahan"]
    kel_rows = {r[1]: r for r in kelurahan.iter_rows(min_row=5, values_only=True) if r[1]}
    assert len(kel_rows) == 27
    assert kel_rows["Medono"][:5] == ("Pekalongan Barat", "Medono", "Siti Aminah", 2, 2)
    kel_total = next(
        r for r in kelurahan.iter_rows(min_row=5, values_only=True) if r[0] == "Jumlah"
    )
    assert kel_total[3] == rekap["kelurahan_totals"]["visits"]


def _pdf_text(path) -> list[str]:
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) >= 1
    lines = []
    for page in reader.pages:  # every page parses and has text
        text = page.extract_text()
        assert text.strip()
        lines += text.splitlines()
    return lines


@pytest.mark.parametrize(
    ("lang", "title", "heading"),
    [("id", "Rekap Kota Pekalongan November 2026", "Per fasilitator"),
     ("en", "Recap Kota Pekalongan November 2026", "Per facilitator")],
)  # fmt: skip
def test_rekap_pdf_reads_back(coordinator, tmp_path, lang, title, heading):
    target = tmp_path / "rekap.pdf"
    coordinator.ok("--lang", lang, "report", "rekap", "--month", "2026-11", "-o", str(target))
    assert target.read_bytes().startswith(b"%PDF-")
    lines = _pdf_text(target)
    text = "\n".join(lines)
    assert title in text and heading in text
    rekap = coordinator.json("report", "rekap", "--month", "2026-11")
    for handle, row in by_handle(rekap["facilitators"]).items():
        line = next(line for line in lines if f"({handle})" in line)
        # The row's cells in order (text extraction may or may not put spaces between them).
        cells = [
            str(row[key])
            for key in (
                "visits",
                "kelurahan_covered",
                "kelurahan_assigned",
                "days_worked",
                "male",
                "female",
            )
        ]
        cells += [f"{round(row['female_share'] * 100)}%", str(row["followups_opened"])]
        cells += [str(row["followups_done"]), str(row["followups_overdue"])]
        newest = row["last_bundle_newest"]
        dates = ["02/12/2026", "30/11/2026"] if lang == "id" else ["2026-12-02", "2026-11-30"]
        cells += dates if newest else ["-", "-"]
        compact = re.sub(r"\s+", "", line.split(")", 1)[1])
        assert compact == "".join(cells), (line, cells)
    assert "Medono" in text and "Sokoduwet" in text  # the last kelurahan, on a later page
    assert_fonts_embedded(target)


def assert_fonts_embedded(target) -> None:
    from pypdf import PdfReader

    fonts = set()
    for page in PdfReader(target).pages:
        for font in page["/Resources"]["/Font"].values():
            found = font.get_object()
            descendant = found["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"]  # the TrueType is in the file
            fonts.add(str(found["/BaseFont"]).split("+")[-1])
    assert len(fonts) == 2 and all(name.startswith("DejaVuSans") for name in fonts), fonts


def test_rekap_csv_has_one_row_per_facilitator_kelurahan_and_total(coordinator):
    import csv
    import io

    text = coordinator.ok("report", "rekap", "--month", "2026-11", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    kinds = [row["row"] for row in rows]
    assert kinds == ["facilitator"] * 2 + ["facilitator_total"] + ["kelurahan"] * 27 + [
        "kelurahan_total"
    ]
    siti = next(row for row in rows if row["handle"] == "siti")
    assert (siti["visits"], siti["days_worked"], siti["last_bundle_newest"]) == (
        "4",
        "3",
        "2026-11-30",
    )
    assert rows[2]["visits"] == "5" and rows[-1]["visits"] == "5"


def test_rekap_of_one_kecamatan_and_by_default_this_month(coordinator):
    barat = coordinator.json(
        "report", "rekap", "--month", "2026-11", "--kecamatan", "Pekalongan Barat"
    )
    assert [row["handle"] for row in barat["facilitators"]] == ["siti"]
    assert len(barat["kelurahan"]) == 7 and barat["kelurahan_totals"]["visits"] == 4
    this_month = coordinator.json("report", "rekap")  # today is 2 December
    assert this_month["period"]["label"] == "2026-12"
    assert this_month["kelurahan_totals"]["visits"] == 1
    quarter = coordinator.json("report", "rekap", "--quarter", "2026-Q4")
    assert quarter["kelurahan_totals"]["visits"] == 6


def test_rekap_names_hold_the_month(coordinator, tmp_path):
    result = coordinator.ok(
        "report", "rekap", "--month", "last", "-o", str(tmp_path / "r" / "rekap-{month}-{area}.md")
    )
    target = tmp_path / "r" / "rekap-2026-11-kota-pekalongan.md"
    assert str(target) in result.stdout
    assert "## Rekap Kota Pekalongan November 2026" in target.read_text()
    english = coordinator.ok("--lang", "en", "report", "rekap", "--month", "2026-11", "-f", "md")
    assert "| Facilitator | Visits |" in english.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--month", "2026-13"), "'2026-13'"),
        (("--month", "2026-11", "--year", "2026"), "--month, --year"),
        (("--output", "rekap.docx"), ".docx"),
        (("--format", "pdf"), "stdout"),
        (("--format", "xlsx", "--output", "-"), "stdout"),
        (("--format", "html"), "html"),
        (("--output", "rekap-{bulan}.pdf"), "{bulan}"),
        (("--kecamatan", "Atlantis"), "Atlantis"),
        (("--kabupaten", "Kota Semarang"), "Kota Semarang"),  # not in this kota's area
        (("--kabupaten", "33.75", "--kecamatan", "33.74.01"), "tidak dikenal"),
    ],
)
def test_bad_rekap_input_is_one_line_and_writes_nothing(
    coordinator, tmp_path, monkeypatch, args, words
):
    monkeypatch.chdir(tmp_path)
    before = dump(coordinator.db_path)
    result = coordinator.fails("report", "rekap", *args)
    assert words in result.stderr
    assert dump(coordinator.db_path) == before
    assert list(tmp_path.glob("rekap*")) == []
