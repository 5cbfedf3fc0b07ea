"""The checks of scripts/check-clients, run by Debian's python3 (uno, pdfminer, PIL).

Each check prints one line and adds a row to docs/client-checks.md; screenshots go to
docs/screenshots/. Exit status 1 when any check fails."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FASKEL = ROOT / ".venv" / "bin" / "faskel"
DEMO_DB = ROOT / ".demo" / "faskel-demo.db"
OUT = ROOT / ".demo" / "clients"
DOCS = ROOT / "docs"
SHOTS = DOCS / "screenshots"
WEEK = "2026-W48"
MONTH = ("2026-11-01", "2026-11-30")
# The columns of Ringkasan from D on (reports/common.py SUMMARY_FIELDS), then visited/total.
FIELDS = [
    "visits", "facilitators", "lkk_reached", "male", "female", "female_share",
    "activities.perencanaan", "activities.pelaksanaan", "activities.pertanggungjawaban",
    "activities.evaluasi", "stage_moves", "followups_opened", "followups_done",
    "followups_open", "followups_overdue", "last_visit", "kelurahan_visited", "kelurahan_total",
]  # fmt: skip
ADDS_UP = [
    f for f in FIELDS if f not in ("facilitators", "lkk_reached", "female_share", "last_visit")
]
CHROMIUM = [
    "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--hide-scrollbars", "--no-first-run", "--disable-extensions",
]  # fmt: skip

results: list[tuple[str, bool, str]] = []


def record(name: str, ok: bool, detail: str) -> None:
    results.append((name, ok, detail))
    print(f"{'PASS' if ok else 'FAIL'}  {name}: {detail}", flush=True)


def faskel(*args: str, db: Path = DEMO_DB) -> bytes:
    env = {**os.environ, "FASKEL_DB": str(db), "FASKEL_TODAY": "2026-11-30"}
    return subprocess.run(
        [str(FASKEL), *args], check=True, capture_output=True, env=env, timeout=300
    ).stdout


def value(entry: dict, key: str):
    if "." in key:
        outer, inner = key.split(".")
        return entry[outer][inner]
    return entry[key]


# --- reports ----------------------------------------------------------------------------


def write_reports() -> dict:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    faskel("report", "--week", WEEK, "-o", str(OUT / "week.xlsx"), "-q")
    faskel("report", "--since", MONTH[0], "--until", MONTH[1], "-o", str(OUT / "month.xlsx"), "-q")
    faskel("report", "--week", WEEK, "-o", str(OUT / "week.html"), "-q")
    faskel("report", "--week", WEEK, "-o", str(OUT / "machine.csv"), "-q")
    faskel("report", "--week", WEEK, "--format", "csv-id", "-o", str(OUT / "orang.csv"), "-q")
    # A copy of the demo with an LKK named like a formula, to see it stay text.
    risky = OUT / "risky.db"
    shutil.copyfile(DEMO_DB, risky)
    name = '=HYPERLINK("http://x","y")'
    faskel("lkk", "add", "--kelurahan", "Medono", "--type", "pkk", "--name", name, db=risky)
    faskel(
        "visit", "add", "--date", "2026-11-27", "--kelurahan", "Medono", "--facilitator", "siti",
        "--kind", "pendampingan", "--strand", "kesadaran", "--lkk", name, "--male", "1",
        "--female", "2", "--notes", "+62 812 tetap teks", db=risky,
    )  # fmt: skip
    for form in ("csv", "csv-id"):
        (OUT / f"visits-{form}.csv").write_bytes(
            faskel("visit", "list", "--since", "2026-11-27", "--format", form, db=risky)
        )
    return json.loads(faskel("summary", "--week", WEEK, "--format", "json"))


# --- LibreOffice ------------------------------------------------------------------------


class Office:
    """A headless LibreOffice listening on a pipe, driven through UNO."""

    def __init__(self) -> None:
        import uno  # noqa: F401  (Debian's python3-uno)

        self.profile = Path(tempfile.mkdtemp(prefix="faskel-lo-"))
        self.pipe = f"faskel{os.getpid()}"
        self.process = subprocess.Popen(
            [
                "soffice", "--headless", "--invisible", "--norestore", "--nologo",
                f"-env:UserInstallation=file://{self.profile}",
                f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.desktop = self._connect()

    def _connect(self):
        import uno

        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        for _ in range(120):
            try:
                context = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext"
                )
                return context.ServiceManager.createInstanceWithContext(
                    "com.sun.star.frame.Desktop", context
                )
            except Exception:  # not listening yet
                time.sleep(0.5)
        raise RuntimeError("LibreOffice did not start")

    def open(self, path: Path, filter_name: str | None = None, options: str | None = None):
        import uno
        from com.sun.star.beans import PropertyValue

        props = [PropertyValue(Name="Hidden", Value=True)]
        if filter_name:
            props.append(PropertyValue(Name="FilterName", Value=filter_name))
        if options:
            props.append(PropertyValue(Name="FilterOptions", Value=options))
        return self.desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(str(path)), "_blank", 0, tuple(props)
        )

    def pdf(self, doc, target: Path, filter_name: str = "calc_pdf_Export") -> None:
        import uno
        from com.sun.star.beans import PropertyValue

        doc.storeToURL(
            uno.systemPathToFileUrl(str(target)),
            (PropertyValue(Name="FilterName", Value=filter_name),),
        )

    def close(self) -> None:
        try:
            self.desktop.terminate()
        except Exception:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def _data_rows(sheet) -> tuple[int, int]:
    """First and last row (0-based) of the kelurahan rows: from under the headings down to
    the first row whose Kode is blank."""
    first = row = 4
    while sheet.getCellByPosition(1, row).getString():
        row += 1
    return first, row - 1


def check_sort(office: Office, summary: dict) -> None:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.table import TableSortField

    doc = office.open(OUT / "week.xlsx")
    try:
        sheet = doc.Sheets.getByName("Ringkasan")
        first, last = _data_rows(sheet)
        width = 3 + len(FIELDS)
        data = sheet.getCellRangeByPosition(0, first, width - 1, last)
        field = TableSortField()
        field.Field = 3  # Kunjungan (column D)
        field.IsAscending = False
        descriptor = (
            PropertyValue(
                Name="SortFields", Value=uno.Any("[]com.sun.star.table.TableSortField", (field,))
            ),
            PropertyValue(Name="ContainsHeader", Value=False),
        )
        uno.invoke(data, "sort", (descriptor,))
        doc.calculateAll()
        visits = [sheet.getCellByPosition(3, r).getValue() for r in range(first, last + 1)]
        sorted_ok = visits == sorted(visits, reverse=True) and visits[0] > visits[-1]
        wanted = {k["kode"]: k for k in summary["kecamatan"]}
        wanted[summary["area"]["kode"]] = summary["totals"]
        wrong, seen, refs = [], 0, 0
        row = last + 1
        while row < last + 40:
            kode = sheet.getCellByPosition(1, row).getString()
            if kode in wanted:
                seen += 1
                for offset, key in enumerate(FIELDS):
                    if key not in ADDS_UP:
                        continue
                    cell = sheet.getCellByPosition(3 + offset, row)
                    refs += "#REF" in cell.getFormula() or "Err:" in cell.getString()
                    if round(cell.getValue()) != value(wanted[kode], key):
                        wrong.append(
                            f"{kode} {key} {cell.getValue()} != {value(wanted[kode], key)}"
                        )
            row += 1
        total_row = next(
            r for r in range(last + 1, last + 40)
            if sheet.getCellByPosition(1, r).getString() == summary["area"]["kode"]
        )  # fmt: skip
        total = sheet.getCellByPosition(3, total_row).getValue()
        office.pdf(doc, OUT / "sorted.pdf")
    finally:
        doc.close(True)
    ok = sorted_ok and not wrong and not refs and seen == len(wanted)
    record(
        "Sort in LibreOffice",
        ok,
        f"Ringkasan rows {first + 1}-{last + 1} sorted by Kunjungan descending "
        f"(first {visits[0]:.0f}, last {visits[-1]:.0f}), recalculated: {seen} subtotal/total "
        f"rows x {len(ADDS_UP)} summed columns equal `faskel summary --format json` "
        f"(area total visits {total:.0f} = {summary['totals']['visits']}); "
        f"#REF!/Err cells: {refs}; mismatches: {wrong[:3] or 'none'}",
    )
    shot_pdf(OUT / "sorted.pdf", SHOTS / "xlsx-ringkasan-sorted.png", pages=[1], width=1100)


def check_row_heights(office: Office) -> None:
    """Every row as tall as LibreOffice's own optimal height for its text, or taller."""
    lines = []
    ok = True
    for name in ("week.xlsx", "month.xlsx"):
        doc = office.open(OUT / name)
        try:
            for sheet in doc.Sheets:
                cursor = sheet.createCursor()
                cursor.gotoEndOfUsedArea(False)
                last = cursor.RangeAddress.EndRow
                short, worst, tallest = 0, 0, 0
                for index in range(3, last + 1):
                    row = sheet.Rows.getByIndex(index)
                    ours = row.Height
                    row.OptimalHeight = True
                    best = row.Height
                    tallest = max(tallest, ours)
                    if ours + 30 < best:  # 0.3 mm of rounding allowed
                        short += 1
                        worst = max(worst, best - ours)
                ok &= short == 0
                lines.append(
                    f"{name}:{sheet.Name} {last - 2} rows, {short} shorter than their text"
                    + (f" (by up to {worst / 100:.1f} mm)" if short else "")
                )
        finally:
            doc.close(True)
    record("Rows fit their text (LibreOffice optimal height)", ok, "; ".join(lines))


def check_csv(office: Office, summary: dict) -> None:
    from com.sun.star.table.CellContentType import FORMULA, TEXT
    from com.sun.star.table.CellContentType import VALUE as NUMBER

    kauman = next(k for k in summary["kelurahan"] if k["visits"] and k["female_share"])
    share, last_visit = kauman["female_share"], kauman["last_visit"]

    def read(path: Path, options: str) -> dict:
        doc = office.open(path, "Text - txt - csv (StarCalc)", options)
        try:
            sheet = doc.Sheets.getByIndex(0)
            heads = [sheet.getCellByPosition(c, 0).getString() for c in range(20)]
            for row in range(1, 40):
                if sheet.getCellByPosition(0, row).getString() == kauman["kode"]:
                    cells = {h: sheet.getCellByPosition(c, row) for c, h in enumerate(heads)}
                    return {
                        "columns": sum(1 for h in heads if h),
                        "share_type": cells["female_share"].getType(),
                        "share": cells["female_share"].getValue(),
                        "date_type": cells["last_visit"].getType(),
                        "date": cells["last_visit"].getValue(),
                        "first_head": heads[0],
                    }
            return {"columns": sum(1 for h in heads if h), "share_type": None}
        finally:
            doc.close(True)

    serial = (date.fromisoformat(last_visit) - date(1899, 12, 30)).days
    indonesian = "59,34,76,1,,1057"  # ; " UTF-8, from line 1, Indonesian
    people = read(OUT / "orang.csv", indonesian + ",false,true")
    plain = read(OUT / "orang.csv", indonesian)
    ok = (
        people["columns"] == 20
        and people["first_head"] == "kode"  # the BOM is read as a BOM, not as text
        and people["share_type"] == NUMBER
        and abs(people["share"] - share) < 1e-9
        and people["date_type"] == NUMBER
        and people["date"] == serial
        and plain["share_type"] == NUMBER
        and abs(plain["share"] - share) < 1e-9
    )
    record(
        "csv-id under Indonesian settings (LibreOffice import, language 1057, `;`)",
        ok,
        f"{people['columns']} columns; female_share of {kauman['nama']} read as the number "
        f"{people['share']:.3f} (= {share}); last_visit read as the date {last_visit} "
        f"(serial {people['date']:.0f}) with special numbers detected; with the bare filter "
        f"string `{indonesian}` the share is again {plain['share']:.3f}",
    )
    english = read(OUT / "machine.csv", "44,34,76,1,,1033,false,true")
    wrong = read(OUT / "machine.csv", "59,34,76,1,,1057,false,true")
    wrong_comma = read(OUT / "machine.csv", "44,34,76,1,,1057,false,true")
    record(
        "csv (machine form) under English settings, and why csv-id exists",
        english["share_type"] == NUMBER and abs(english["share"] - share) < 1e-9,
        f"en-US `,`: {english['columns']} columns, share {english['share']:.3f}. The same file "
        f"with Indonesian settings: with `;` it is {wrong['columns']} column(s); with `,` the "
        f"share {share} becomes "
        + (f"{wrong_comma['share']:.0f}" if wrong_comma.get("share_type") == NUMBER else "text")
        + " (the issue's 0.294 -> 294)",
    )
    # A formula-like LKK name stays text in both forms.
    texts = []
    for form, options in (("csv", "44,34,76,1,,1033"), ("csv-id", indonesian)):
        doc = office.open(OUT / f"visits-{form}.csv", "Text - txt - csv (StarCalc)", options)
        try:
            sheet = doc.Sheets.getByIndex(0)
            heads = [sheet.getCellByPosition(c, 0).getString() for c in range(20)]
            cell = sheet.getCellByPosition(heads.index("lkk"), 1)
            notes = sheet.getCellByPosition(heads.index("notes"), 1)
            texts.append(
                (form, cell.getType(), cell.getString(), notes.getType(), notes.getString())
            )
        finally:
            doc.close(True)
    ok = all(t == TEXT and n == TEXT for _, t, _, n, _ in texts) and not any(
        t == FORMULA for _, t, _, _, _ in texts
    )
    record(
        "Formula-like text stays text (LibreOffice CSV import)",
        ok,
        "; ".join(f"{form}: lkk {s!r}, notes {n!r}" for form, _, s, _, n in texts),
    )


# --- PDF --------------------------------------------------------------------------------


def _walk(item, page, sizes: list[float], text: list[str], lowest: list[float]) -> None:
    from pdfminer.layout import LTChar, LTComponent

    if isinstance(item, LTChar):
        if item.get_text().strip():
            sizes.append(round(item.size, 1))
        text.append(item.get_text())
    elif hasattr(item, "get_text") and not hasattr(item, "__iter__"):
        text.append(item.get_text())
    if isinstance(item, LTComponent) and item is not page:
        lowest[0] = min(lowest[0], item.y0)
    if hasattr(item, "__iter__"):
        for child in item:
            _walk(child, page, sizes, text, lowest)


def pdf_pages(path: Path) -> list[dict]:
    """Per page: size, the smallest font size, its text, the lowest ink (points from the
    bottom)."""
    from pdfminer.high_level import extract_pages

    pages = []
    for page in extract_pages(str(path)):
        sizes: list[float] = []
        text: list[str] = []
        lowest = [page.height]
        _walk(page, page, sizes, text, lowest)
        pages.append(
            {
                "width": page.width,
                "height": page.height,
                "min": min(sizes) if sizes else None,
                "text": "".join(text),
                "lowest": lowest[0],
            }
        )
    return pages


def check_lapbul(office: Office) -> None:
    """The monthly report: faskel's PDF read page by page (pdfminer) and pictured; its
    .docx opened by LibreOffice Writer, exported to PDF, read and pictured the same way."""
    pdf, docx = OUT / "lapbul-siti-2026-11.pdf", OUT / "lapbul-siti-2026-11.docx"
    for path in (pdf, docx):
        faskel("report", "bulanan", "--facilitator", "siti", "--month", "2026-11",
               "-o", str(path), "-q")  # fmt: skip
    must = ("LAPORAN BULANAN", "Uraian Kegiatan Harian", "Lembar Waktu Kerja",
            "Dokumentasi", "Mengetahui", "Pekalongan, 30 November 2026")  # fmt: skip
    for name, path in (("PDF", pdf), ("DOCX in Writer", None)):
        if path is None:
            doc = office.open(docx)
            if doc is None:
                record("Monthly report .docx opens in LibreOffice", False, "not opened")
                continue
            try:
                path = OUT / "lapbul-docx-lo.pdf"
                office.pdf(doc, path, "writer_pdf_Export")
            finally:
                doc.close(True)
        pages = pdf_pages(path)
        text = " ".join(" ".join(p["text"].split()) for p in pages)
        a4 = all(round(p["width"]) == 595 and round(p["height"]) == 842 for p in pages)
        missing = [m for m in must if m not in text]
        smallest = min(p["min"] for p in pages if p["min"])
        record(
            f"Monthly report {name}: every page read",
            a4 and not missing,
            f"{len(pages)} A4 pages, {path.stat().st_size // 1000} KB, smallest text "
            f"{smallest} pt" + (f", missing {missing}" if missing else ""),
        )
        stem = "lapbul-pdf" if name == "PDF" else "lapbul-docx"
        shot_pdf(path, SHOTS / f"{stem}-1.png", [1], 620)
        photos_page = next(
            (n for n, p in enumerate(pages, 1) if "VII. Dokumentasi" in p["text"]), len(pages)
        )
        shot_pdf(path, SHOTS / f"{stem}-photos.png", [min(photos_page + 1, len(pages))], 620)


def check_xlsx_print(office: Office) -> None:
    for name in ("week", "month"):
        doc = office.open(OUT / f"{name}.xlsx")
        try:
            office.pdf(doc, OUT / f"{name}-xlsx.pdf")
        finally:
            doc.close(True)
        pages = pdf_pages(OUT / f"{name}-xlsx.pdf")
        smallest = min(p["min"] for p in pages if p["min"])
        numbers = [
            re.search(r"Halaman (\d+) dari (\d+)", p["text"].replace("\n", " ")) for p in pages
        ]
        numbered = all(
            m and int(m.group(1)) == i and int(m.group(2)) == len(pages)
            for i, m in enumerate(numbers, 1)
        )
        sheets = ("Ringkasan", "Kunjungan", "Kegiatan", "Tindak Lanjut")
        titled = all(any(f"{s} · " in p["text"] for s in sheets) for p in pages)
        landscape = all(p["width"] > p["height"] for p in pages)
        # Repeated headings: every page shows its sheet's first heading (column A repeats).
        first_heading = {"Ringkasan": "Kecamatan", "Kunjungan": "Tanggal"}
        headed = all(
            first_heading.get(next((s for s in sheets if f"{s} · " in p["text"]), ""), "Kecamatan")
            in p["text"]
            for p in pages
        )
        ok = smallest >= 8 and numbered and titled and landscape and headed
        record(
            f"Printing the {name} workbook (LibreOffice PDF)",
            ok,
            f"{len(pages)} A4 landscape pages; smallest text {smallest} pt; 'Halaman i dari "
            f"{len(pages)}' on every page: {numbered}; sheet title in every page header: "
            f"{titled}; headings repeated on every page: {headed}",
        )
    shot_pdf(OUT / "week-xlsx.pdf", SHOTS / "xlsx-print-week.png", pages=None, width=1100, cols=4)


def check_rekap(office: Office) -> None:
    """The coordinator's recap (`report rekap`): the workbook in LibreOffice (its totals
    recalculated equal to the JSON; printed landscape), and faskel's own PDF read by
    pdfminer page by page (every page has text, no text under 7 pt, A4 landscape)."""
    month = ("--month", "2026-11")
    faskel("report", "rekap", *month, "-o", str(OUT / "rekap.xlsx"), "-q")
    faskel("report", "rekap", *month, "-o", str(OUT / "rekap.pdf"), "-q")
    data = json.loads(faskel("report", "rekap", *month, "--format", "json"))
    doc = office.open(OUT / "rekap.xlsx")
    try:
        doc.calculateAll()
        totals = {}
        # (sheet, the column of its visits, the JSON's totals): the total row is the one
        # whose column A reads Jumlah.
        for name, visits_col, key in (
            ("Fasilitator", 1, "facilitator_totals"),
            ("Kelurahan", 3, "kelurahan_totals"),
        ):
            sheet = doc.Sheets.getByName(name)
            row = 4
            while sheet.getCellByPosition(0, row).getString() not in ("Jumlah", ""):
                row += 1
            totals[name] = (sheet.getCellByPosition(visits_col, row).getValue(), data[key])
        office.pdf(doc, OUT / "rekap-xlsx.pdf")
    finally:
        doc.close(True)
    sums = all(value == wanted["visits"] for value, wanted in totals.values())
    printed = pdf_pages(OUT / "rekap-xlsx.pdf")
    record(
        "The recap workbook in LibreOffice",
        sums and all(p["width"] > p["height"] for p in printed),
        f"sheets Fasilitator and Kelurahan; the recalculated visit totals "
        f"{[int(v) for v, _ in totals.values()]} equal the JSON's: {sums}; printed on "
        f"{len(printed)} A4 landscape pages",
    )
    pages = pdf_pages(OUT / "rekap.pdf")
    text = "".join(p["text"] for p in pages)
    smallest = min(p["min"] for p in pages if p["min"])
    names = all(row["name"] in text for row in data["facilitators"])
    ok = (
        all(p["text"].strip() for p in pages)
        and all(p["width"] > p["height"] for p in pages)
        and smallest >= 7
        and names
        and all(row["nama"] in text for row in data["kelurahan"])
    )
    record(
        "The recap PDF (pdfminer)",
        ok,
        f"{len(pages)} A4 landscape pages, each with text; smallest text {smallest} pt; every "
        f"facilitator and all {len(data['kelurahan'])} kelurahan found",
    )
    shot_pdf(OUT / "rekap.pdf", SHOTS / "rekap-pdf.png", pages=[1], width=1100)


# --- Chromium ---------------------------------------------------------------------------

# The page inside an iframe exactly `width` px wide (a headless window is never narrower
# than 500 px), measured by a script of the parent page: the report itself has none.
MEASURE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="border:0;width:%(width)dpx;height:900px" srcdoc="%(page)s"></iframe>
<script>
document.getElementById('f').addEventListener('load', function () {
  var doc = this.contentDocument, win = this.contentWindow;
  var smallest = 1e9, where = '', wide = [];
  var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    var node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.getClientRects().length === 0) continue;
    var size = parseFloat(win.getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = node.textContent.trim().slice(0, 30); }
  }
  doc.querySelectorAll('.scroll').forEach(function (box) {
    if (box.scrollWidth > box.clientWidth + 1) wide.push(box.firstElementChild.className);
  });
  var out = document.createElement('pre');
  out.id = 'faskel-measure';
  out.textContent = JSON.stringify({smallest: smallest, where: where, wide: wide,
    page: doc.documentElement.scrollWidth, viewport: win.innerWidth,
    height: doc.documentElement.scrollHeight});
  document.body.appendChild(out);
});
</script></body></html>"""


def chromium(*args: str) -> str:
    profile = tempfile.mkdtemp(prefix="faskel-chromium-")
    try:
        done = subprocess.run(
            [*CHROMIUM, f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        return done.stdout
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def check_html() -> None:
    import html as markup

    page = OUT / "week.html"
    source = markup.escape(page.read_text("utf-8"), quote=True)
    for width in (390, 1280):
        probe = OUT / f"measure-{width}.html"
        probe.write_text(MEASURE % {"width": width, "page": source}, "utf-8")
        dom = chromium(
            "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()
        )
        found = re.search(r'<pre id="faskel-measure">(.*?)</pre>', dom, re.S)
        if not found:
            record(f"Web page at {width} px", False, "no measurement (Chromium failed)")
            continue
        m = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
        sideways = m["page"] > m["viewport"] or (width >= 1280 and m["wide"])
        ok = m["smallest"] >= 11 and not sideways
        detail = (
            f"smallest text {m['smallest']:g} px ('{m['where']}'); page {m['page']} px wide in "
            f"a {m['viewport']} px window; tables wider than their box: {m['wide'] or 'none'}"
        )
        if width < 1280 and m["wide"]:
            detail += " (scrolls inside its box with the kelurahan column held)"
        record(f"Web page at {width} px (Chromium)", ok, detail)
        height = min(int(m["height"]) + 20, 8000)
        raw = OUT / f"html-{width}.png"
        chromium(f"--window-size={width},{height}", f"--screenshot={raw}", page.as_uri())
        shrink(raw, SHOTS / f"html-{width}.png", width=min(width, 760))
    pdf = OUT / "week-html.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = pdf_pages(pdf)
    smallest = min(p["min"] for p in pages if p["min"])
    a4 = all(abs(p["width"] - 842) < 2 and abs(p["height"] - 595) < 2 for p in pages)
    # How much of each page but the last is left blank at the bottom.
    blank = [p["lowest"] / p["height"] for p in pages[:-1]]
    ok = a4 and smallest >= 8 and all(b < 0.2 for b in blank)
    record(
        "Web page printed on A4 (Chromium PDF)",
        ok,
        f"{len(pages)} A4 landscape pages; smallest text {smallest} pt; blank at the foot of "
        f"each page but the last: {', '.join(f'{b:.0%}' for b in blank) or 'none'}",
    )
    shot_pdf(pdf, SHOTS / "html-a4.png", pages=None, width=1200, cols=len(pages))


# --- pictures ---------------------------------------------------------------------------


def shrink(source: Path, target: Path, width: int) -> None:
    from PIL import Image

    image = Image.open(source).convert("RGB")
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    image.quantize(colors=48).save(target, optimize=True)


def shot_pdf(pdf: Path, target: Path, pages, width: int, cols: int = 1) -> None:
    from PIL import Image

    prefix = OUT / f"{target.stem}-page"
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(pdf), str(prefix)], check=True)
    files = sorted(OUT.glob(f"{target.stem}-page*.png"))
    if pages:
        files = [files[i - 1] for i in pages]
    images = [Image.open(f).convert("RGB") for f in files]
    cols = max(1, min(cols, len(images)))
    w, h = max(i.width for i in images), max(i.height for i in images)
    rows = (len(images) + cols - 1) // cols
    sheet = Image.new("RGB", (cols * (w + 8) - 8, rows * (h + 8) - 8), "#888888")
    for n, image in enumerate(images):
        sheet.paste(image, ((n % cols) * (w + 8), (n // cols) * (h + 8)))
    raw = OUT / f"{target.stem}-all.png"
    sheet.save(raw)
    shrink(raw, target, width)


# --- the record -------------------------------------------------------------------------


def write_record() -> None:
    version = subprocess.run(
        ["soffice", "--version"], capture_output=True, text=True
    ).stdout.strip()
    browser = (
        chromium("--version").strip()
        or subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip()
    )
    lines = [
        "# Client checks",
        "",
        "What `make check-clients` (scripts/check-clients) checked in the programs",
        "coordinators open faskel's reports with, on the demo data (`make demo`, week",
        f"{WEEK}; the month {MONTH[0]}..{MONTH[1]} for the longer workbook). Written by the",
        "script; run it again to refresh this page and the screenshots.",
        "",
        f"- LibreOffice: {version}",
        f"- Chromium: {browser}",
        "",
        "| check | result | what was measured |",
        "| --- | --- | --- |",
    ]
    for name, ok, detail in results:
        lines.append(f"| {name} | {'pass' if ok else '**FAIL**'} | {detail.replace('|', '/')} |")
    lines += [
        "",
        "## Screenshots",
        "",
        "- `screenshots/html-390.png`: the web page on a phone (390 px).",
        "- `screenshots/html-1280.png`: the web page at 1280 px.",
        "- `screenshots/html-a4.png`: the web page printed on A4 (Chromium PDF).",
        "- `screenshots/xlsx-print-week.png`: the week's workbook printed by LibreOffice.",
        "- `screenshots/xlsx-ringkasan-sorted.png`: Ringkasan after sorting by Kunjungan",
        "  descending and recalculating in LibreOffice: the subtotals and total unchanged.",
        "- `screenshots/rekap-pdf.png`: the first page of the coordinator's recap PDF.",
        "- `screenshots/lapbul-pdf-1.png`, `lapbul-pdf-photos.png`: the monthly report's PDF",
        "  (`report bulanan`), its first page and a page of photos, by pdftoppm.",
        "- `screenshots/lapbul-docx-1.png`, `lapbul-docx-photos.png`: its .docx opened in",
        "  LibreOffice Writer and exported to PDF, the same pages.",
        "",
        "## How each check works",
        "",
        "- Sort: LibreOffice opens the xlsx through UNO, sorts the kelurahan rows of",
        "  Ringkasan (the filter range) by column D descending, recalculates everything and",
        "  reads every subtotal and total cell of the columns that add up back, comparing them",
        "  with `faskel summary --format json`.",
        "- Row heights: for every row of every sheet, the height in the file is compared with",
        "  the height LibreOffice computes as optimal for the row's wrapped text.",
        "- CSV: LibreOffice imports the files with the filter options a person's settings",
        '  imply (`59,34,76,1,,1057`: `;`, `"`, UTF-8, Indonesian; `44,...,1033` for English)',
        "  and the cells' types and values are read back.",
        "- Printing: LibreOffice exports the workbooks to PDF; pdfminer reads every",
        "  character's size and each page's text (page numbers, titles, headings).",
        "- Web page: headless Chromium loads a copy of the page with a small measuring",
        "  script (the report itself has no JavaScript) that reports the smallest computed",
        "  font size of any visible text and whether the page or a table is wider than its",
        "  box; screenshots at 390 and 1280 px; `--print-to-pdf` for A4, read by pdfminer",
        "  (font sizes, how much of each page is left blank).",
        "- Monthly report: faskel writes the PDF and the .docx; pdfminer reads every page of",
        "  the PDF and of the PDF LibreOffice Writer exports from the .docx (A4, the section",
        "  titles, the signature place and date).",
        "",
    ]
    (DOCS / "client-checks.md").write_text("\n".join(lines), "utf-8")


def main() -> int:
    SHOTS.mkdir(parents=True, exist_ok=True)
    summary = write_reports()
    office = Office()
    try:
        check_sort(office, summary)
        check_row_heights(office)
        check_csv(office, summary)
        check_xlsx_print(office)
        check_rekap(office)
        check_lapbul(office)
    finally:
        office.close()
    check_html()
    write_record()
    failed = [name for name, ok, _ in results if not ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
