"""Reading a visits spreadsheet: an .xlsx workbook (Excel, LibreOffice, Google Sheets,
a KoboToolbox export) or a CSV file, one row at a time.

Every bad file is one InputError: not a spreadsheet, damaged, password-protected, an old
.xls or an .ods, an empty sheet, headings that match no field. Rows are streamed (openpyxl
in read-only mode, the csv module on an open file), so memory does not grow with the file."""

from __future__ import annotations

import codecs
import contextlib
import csv
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from faskel_cli.core import sheet_format as fmt
from faskel_cli.core.errors import InputError, NotFoundError

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE compound file: .xls, or encrypted OOXML
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
HEADER_SCAN = 10  # headings are looked for in the first rows (titles may stand above them)
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_ODS = b"application/vnd.oasis.opendocument.spreadsheet"

Row = tuple[Any, ...]


@dataclass
class Table:
    """One sheet (or CSV file) whose headings matched: which column holds which field."""

    name: str
    kind: str  # "visits" | "problems"
    header_row: int
    columns: dict[str, int]  # field name -> column index
    headings: dict[str, str]  # field name -> heading as written in the file
    specials: dict[str, int] = field(default_factory=dict)  # "uuid", "index", ... -> column
    read: Callable[[], Iterator[tuple[int, Row]]] = lambda: iter(())

    def has_rows(self, names: tuple[str, ...]) -> bool:
        """Whether a row below the headings fills one of the fields `names` (read up to
        the first such row: at once for the template's Kendala sheet left empty)."""
        wanted = [self.columns[name] for name in names if name in self.columns]
        return any(
            any(_text(cells[i]) for i in wanted if i < len(cells)) for _, cells in self.rows()
        )

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(row number as a spreadsheet shows it, cells) after the headings."""
        for number, cells in self.read():
            if number > self.header_row:
                yield number, cells


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _score(cells: Row, kind: str) -> int:
    return len({fmt.match(cell, kind) for cell in cells if fmt.match(cell, kind)})


def find_header(name: str, head: list[tuple[int, Row]], kind: str) -> Table:
    """The row among the first ones that holds the headings of `kind`, checked: every
    heading known (or an export's own column), none twice, the required ones there."""
    filled = [(number, cells) for number, cells in head if any(_text(c) for c in cells)]
    if not filled:
        raise InputError("err.sheet_empty", sheet=name)
    number, cells = max(filled, key=lambda item: (_score(item[1], kind), -item[0]))
    expected = ", ".join(item.heading for item in fmt.fields(kind))
    columns: dict[str, int] = {}
    headings: dict[str, str] = {}
    specials: dict[str, int] = {}
    for index, cell in enumerate(cells):
        heading = _text(cell)
        if not heading:
            continue
        key = fmt.normalise(heading)
        if fmt.is_export_column(heading) or key in fmt.LINK_COLUMNS or key == "index":
            # An export's own column (Kobo `_id`, `_notes`, ODK `SubmissionDate`, ...): only
            # the identities and links are read.
            if key in (*fmt.IDENTITY_COLUMNS, "index", *fmt.LINK_COLUMNS):
                specials.setdefault(key, index)
            continue
        found = fmt.match(heading, kind)
        if found is None:
            raise InputError(
                "err.sheet_heading_unknown",
                sheet=name,
                heading=heading,
                column=_column_letter(index),
                closest=fmt.closest(heading, kind) or "-",
                expected=expected,
            )
        if found in columns:
            raise InputError(
                "err.sheet_heading_twice",
                sheet=name,
                heading=heading,
                first=_column_letter(columns[found]),
                second=_column_letter(index),
            )
        columns[found] = index
        headings[found] = heading
    missing = [
        item.heading for item in fmt.fields(kind) if item.required and item.name not in columns
    ]
    if (
        kind == "problems"
        and "ref_kunjungan" not in columns
        and not (set(specials) & set(fmt.LINK_COLUMNS))
    ):
        missing.insert(0, fmt.field(kind, "ref_kunjungan").heading)
    if missing:
        raise InputError(
            "err.sheet_heading_missing",
            sheet=name,
            row=number,
            missing=", ".join(missing),
            expected=expected,
        )
    return Table(name, kind, number, columns, headings, specials)


# --- the kind of file -----------------------------------------------------------------------


def _refuse_cfb(path: Path) -> None:
    """An OLE compound file: Excel's encryption wraps a password-protected .xlsx in one
    (with an EncryptedPackage stream), and Excel 97-2003 .xls files are one too."""
    with path.open("rb") as handle:
        previous = b""
        while block := handle.read(1 << 20):
            if _ENCRYPTED in previous[-64:] + block:
                raise InputError("err.sheet_protected", file=str(path))
            previous = block
    raise InputError("err.sheet_xls", file=str(path))


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return
            if "mimetype" in names and archive.read("mimetype").startswith(_ODS):
                raise InputError("err.sheet_ods", file=str(path))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise InputError("err.sheet_corrupt", file=str(path)) from None
    raise InputError("err.sheet_not_spreadsheet", file=str(path))


def kind_of(path: Path) -> str:
    """'xlsx' or 'csv' from the file's first bytes (its name may say otherwise)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except FileNotFoundError:
        raise NotFoundError("err.sheet_missing", file=str(path)) from None
    except IsADirectoryError:
        raise InputError("err.sheet_is_dir", file=str(path)) from None
    except OSError as exc:
        raise InputError("err.sheet_unreadable", file=str(path), reason=exc.strerror) from None
    if not head.strip():
        raise InputError("err.sheet_empty_file", file=str(path))
    if head.startswith(CFB_MAGIC):
        _refuse_cfb(path)
    if head.startswith(ZIP_MAGIC):
        _check_zip(path)
        return "xlsx"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "csv"
    if b"\x00" in head or not _looks_like_text(head):
        raise InputError("err.sheet_not_spreadsheet", file=str(path))
    return "csv"


def _looks_like_text(head: bytes) -> bool:
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 13))
    return controls <= len(head) // 100


# --- CSV --------------------------------------------------------------------------------------


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1252"  # Excel's "CSV" on Windows writes the ANSI code page
    return "utf-8"


def _delimiter(first_line: str) -> str:
    """Excel with Indonesian settings writes `;`, a tab-separated export `\\t`, others `,`."""
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _csv_rows(path: Path) -> Callable[[], Iterator[tuple[int, Row]]]:
    with path.open("rb") as handle:
        head = handle.read(65536)
    encoding = _encoding(head)
    first = head.decode(encoding, errors="replace").lstrip("\ufeff").splitlines() or [""]
    delimiter = _delimiter(first[0])

    def read() -> Iterator[tuple[int, Row]]:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            number = 0
            try:
                for number, cells in enumerate(reader, 1):
                    yield number, tuple(cells)
            except csv.Error as exc:
                raise InputError(
                    "err.sheet_csv", file=str(path), row=number + 1, reason=str(exc)
                ) from None

    return read


# --- the workbook -----------------------------------------------------------------------------


class Source:
    """An open spreadsheet file: its tables of visits and of problems."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.kind = kind_of(path)
        self._stack = contextlib.ExitStack()
        self._book: Any = None

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._book is not None:
            self._book.close()
            self._book = None
        self._stack.close()

    def _workbook(self) -> Any:
        if self._book is None:
            import warnings

            from openpyxl import load_workbook

            handle: IO[bytes] = self._stack.enter_context(self.path.open("rb"))
            try:
                with warnings.catch_warnings():  # "no default style", data validation, ...
                    warnings.simplefilter("ignore")
                    self._book = load_workbook(handle, read_only=True, data_only=True)
            except Exception:  # openpyxl raises what its XML parser or zipfile raise
                raise InputError("err.sheet_corrupt", file=str(self.path)) from None
        return self._book

    def _sheet_reader(self, sheet: Any) -> Callable[[], Iterator[tuple[int, Row]]]:
        def read() -> Iterator[tuple[int, Row]]:
            try:
                yield from enumerate(sheet.iter_rows(values_only=True), 1)
            except InputError:
                raise
            except Exception:
                raise InputError("err.sheet_corrupt", file=str(self.path)) from None

        return read

    def _head(self, read: Callable[[], Iterator[tuple[int, Row]]]) -> list[tuple[int, Row]]:
        head = []
        for number, cells in read():
            head.append((number, cells))
            if number >= HEADER_SCAN:
                break
        return head

    def tables(self) -> tuple[Table, Table | None]:
        """The visits table and, when there is one, the problems table."""
        if self.kind == "csv":
            read = _csv_rows(self.path)
            table = find_header(self.path.name, self._head(read), "visits")
            table.read = read
            return table, None
        book = self._workbook()
        sheets = []
        for title in book.sheetnames:
            if fmt.normalise(title) in (fmt.normalise(fmt.INSTRUCTIONS_SHEET), "daftar"):
                continue
            sheet = book[title]
            if hasattr(sheet, "reset_dimensions"):  # some writers store a wrong size
                sheet.reset_dimensions()
            read = self._sheet_reader(sheet)
            sheets.append((title, read, self._head(read)))
        if not sheets:
            raise InputError("err.sheet_empty", sheet=self.path.name)
        named = {fmt.normalise(title): item for item in sheets for title in [item[0]]}
        visits_sheet = named.get(fmt.normalise(fmt.VISITS_SHEET))
        if visits_sheet is None:
            scored = [(_best(head, "visits"), -i, item) for i, item in enumerate(sheets)
                      for head in [item[2]]]  # fmt: skip
            visits_sheet = max(scored, key=lambda s: (s[0], s[1]))[2]
        visits = find_header(visits_sheet[0], visits_sheet[2], "visits")
        visits.read = visits_sheet[1]
        problems_sheet = named.get(fmt.normalise(fmt.PROBLEMS_SHEET))
        if problems_sheet is None:
            others = [item for item in sheets if item is not visits_sheet]
            candidates = [item for item in others if _best(item[2], "problems") >= 2]
            problems_sheet = candidates[0] if candidates else None
        problems = None
        if problems_sheet is not None and problems_sheet is not visits_sheet:
            if any(any(_text(c) for c in cells) for _, cells in problems_sheet[2]):
                problems = find_header(problems_sheet[0], problems_sheet[2], "problems")
                problems.read = problems_sheet[1]
        return visits, problems


def _best(head: list[tuple[int, Row]], kind: str) -> int:
    return max((_score(cells, kind) for _, cells in head), default=0)


def problems_file(path: Path) -> Table:
    """A second file holding the problems (the repeat group of a Kobo CSV export): a CSV
    file, or a workbook whose problems sheet (or first sheet) has their headings."""
    if kind_of(path) == "csv":
        read = _csv_rows(path)
        head = []
        for number, cells in read():
            head.append((number, cells))
            if number >= HEADER_SCAN:
                break
        table = find_header(path.name, head, "problems")
        table.read = read
        return table
    raise InputError("err.sheet_problems_not_csv", file=str(path))
