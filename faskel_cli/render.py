"""Rendering rows (lists of dicts from the core's queries) as a table, JSON or CSV.

Every view of the same data comes from the same rows; only the presentation differs."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

FORMATS = ("table", "json", "csv")
# The list commands that have CSV for people too (visits, activities, follow-ups).
LIST_FORMATS = ("table", "json", "csv", "csv-id")
# The two forms of every CSV faskel writes (to_csv):
# - "csv": for scripts and for spreadsheets set to English: commas, decimal points, ISO dates.
# - "csv-id": for a person who double-clicks the file with Indonesian regional settings
#   (Excel and LibreOffice then expect `;` between cells and a decimal comma).
CSV_FORMATS = ("csv", "csv-id")

# Text a spreadsheet would run as a formula when it starts with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_format(fmt: str, allowed: Sequence[str] = FORMATS) -> str:
    from faskel_cli.core.errors import InputError

    value = (fmt or "").strip().lower()
    if value not in allowed:
        raise InputError("err.choice", option="--format", value=fmt, choices=", ".join(allowed))
    return value


def to_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def neutralise(value):
    """Keep typed text from becoming a spreadsheet formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(value, form: str = "csv") -> str:
    """One cell as text. Every text cell, a list joined into one included, is neutralised;
    numbers stay numbers (a decimal comma in the Indonesian form), dates ISO 8601 (which
    Excel and LibreOffice read as dates under any regional settings)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if form == "csv-id" else text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        value = "; ".join("" if v is None else str(v) for v in value)
    return neutralise(str(value))


def to_csv(rows: list[dict], columns: Sequence[str] | None = None, *, form: str = "csv") -> str:
    """The one CSV writer of faskel (lists, summaries, reports): UTF-8 text that starts with
    a byte-order mark (Excel then reads the characters right), CRLF rows, every text cell
    neutralised. `form` "csv" separates with commas, "csv-id" with semicolons and writes
    decimal commas. No `sep=` line: Excel ignores the byte-order mark of a file that has one."""
    assert form in CSV_FORMATS, form
    buffer = io.StringIO()
    buffer.write("\ufeff")
    columns = list(columns or (rows[0].keys() if rows else []))
    # CRLF rows (RFC 4180): the writer then quotes any cell holding a bare CR, so typed
    # text cannot end a row early and start a cell of its own.
    writer = csv.writer(buffer, delimiter=";" if form == "csv-id" else ",", lineterminator="\r\n")
    writer.writerow([neutralise(str(col)) for col in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(col), form) for col in columns])
    return buffer.getvalue()


def write_csv(text: str) -> None:
    """CSV on stdout as UTF-8 bytes, whatever the terminal's encoding."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def console(*, stderr: bool = False, width: int | None = None):
    """A rich Console on the current stdout: colour only on a TTY, NO_COLOR honoured."""
    from rich.console import Console

    return Console(
        file=sys.stderr if stderr else sys.stdout, width=width, highlight=False, soft_wrap=False
    )


# Columns whose text may wrap; every other column keeps its values on one line.
WRAP = {
    "lkk",
    "notes",
    "name",
    "kelurahan_names",
    "title",
    "problem",
    "action",
    "about",
    "resolution",
    "kecamatan",
}


def short_ids(ids: Sequence[str], minimum: int = 8) -> dict[str, str]:
    """The shortest prefix (at least `minimum` characters) telling each id apart from the
    others shown; UUIDv7 ids made in the same second share a long prefix."""
    ordered = sorted(set(ids))
    out = {}
    for index, value in enumerate(ordered):
        length = minimum
        for other in (
            ordered[index - 1] if index else "",
            ordered[index + 1] if index + 1 < len(ordered) else "",
        ):
            common = 0
            while common < min(len(value), len(other)) and value[common] == other[common]:
                common += 1
            length = max(length, common + 1)
        out[value] = value[:length].rstrip("-")
    return out


def fit_columns(
    rows: list[dict], columns: Sequence[tuple[str, str]], width: int, drop: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """Leave out the columns named in `drop` (in that order) until the table fits `width`."""
    columns = list(columns)

    def needed(cols):
        total = 1  # rich's edge; each column adds padding and a separator below
        for key, heading in cols:
            cells = [len(_plain(_value(r, key))) for r in rows[:200]]
            limit = 24 if key in WRAP else 40
            total += min(max([len(heading), *cells]), limit) + 3
        return total

    for key in drop:
        if needed(columns) <= width:
            break
        columns = [c for c in columns if c[0] != key]
    return columns


# The least a column gets before a list drops a column instead (see `fit`): wrapping text
# (notes, problems, names of LKK) keeps this many characters a line, other text is cut with
# an ellipsis down to this many. Ids, dates and numbers are never shortened.
WRAP_MIN = 16
TEXT_MIN = 16
# A column of `--wide` holds at most this many characters a line.
WIDE_MAX = 40


def _value(row: dict, key: str):
    """What a table shows in a cell: a record's short reference in its id column."""
    if key == "id" and row.get("ref"):
        return row["ref"]
    return row.get(key)


def _natural(rows: list[dict], key: str, heading: str) -> int:
    return max([len(heading), *(len(_plain(_value(r, key))) for r in rows[:200])])


def _keeps_width(rows: list[dict], key: str) -> bool:
    """Ids, dates and numbers never shrink: a cut number is worse than a dropped column."""
    numeric = bool(rows) and all(
        isinstance(r.get(key), int | float) and not isinstance(r.get(key), bool)
        for r in rows
        if r.get(key) is not None
    )
    return numeric or key in ("id", "date", "due") or key.endswith(("_date", "_since"))


def _least(rows: list[dict], key: str, heading: str) -> int:
    """The narrowest a column may be made: the least text a list shows of it."""
    natural = min(_natural(rows, key, heading), WIDE_MAX)
    if _keeps_width(rows, key):
        return natural
    return min(natural, max(len(heading), WRAP_MIN if key in WRAP else TEXT_MIN))


def _table_width(widths: Sequence[int]) -> int:
    """The width of a `table` whose columns are this wide: each column has a space either
    side, one between neighbours, none at the outer edges (pad_edge off) plus the edges."""
    return sum(widths) + 3 * len(widths) - 1 if widths else 0


@dataclass
class Fitted:
    """The columns a list shows (key, heading) and the headings it left out for lack of room."""

    columns: list[tuple[str, str]]
    hidden: list[str]
    width: int  # the width to draw at: the terminal's, or wider with --wide


def fit(
    rows: list[dict],
    columns: Sequence[tuple[str, str]],
    width: int,
    drop: Sequence[str] = (),
    *,
    wide: bool = False,
) -> Fitted:
    """The columns of a list for a terminal `width` columns wide. Every column gets at least
    `_least` (long text wraps or is cut with … first); while even that does not fit, the
    columns named in `drop` are left out, least useful first, and any of them that fits
    again afterwards comes back. Columns not in `drop` answer the list's question and are
    always shown. `wide`: every column, the table as wide as it needs (the lines may then be
    wider than the terminal)."""
    columns = list(columns)
    if wide:
        natural = [min(_natural(rows, k, h), WIDE_MAX) for k, h in columns]
        return Fitted(columns, [], max(width, _table_width(natural)))
    least = {key: _least(rows, key, heading) for key, heading in columns}

    def fits(cols: list[tuple[str, str]]) -> bool:
        return _table_width([least[k] for k, _ in cols]) <= width

    shown = list(columns)
    left_out: list[str] = []
    for key in drop:
        if fits(shown):
            break
        if any(k == key for k, _ in shown):
            shown = [c for c in shown if c[0] != key]
            left_out.append(key)
    for key in reversed(left_out):  # the most useful of them first
        again = [c for c in columns if c[0] == key or c in shown]
        if fits(again):
            shown = again
            left_out.remove(key)
    hidden = [heading for key, heading in columns if key in left_out]
    return Fitted(shown, hidden, width)


def _plain(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) == 36 and value.count("-") == 4:
        return value[:13]
    return str(value)


def table(
    rows: list[dict],
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    caption: str | None = None,
    fitted: bool = False,
):
    """A rich Table: `columns` are (key, heading) pairs."""
    from rich import box
    from rich.table import Table

    tbl = Table(
        title=title,
        box=box.SIMPLE_HEAD,
        caption=caption,
        title_justify="left",
        caption_justify="left",
        pad_edge=False,
    )
    shortened = {}
    if any(key == "id" for key, _ in columns):
        shortened = short_ids([r["id"] for r in rows if r.get("id") and not r.get("ref")])
    for key, heading in columns:
        numeric = bool(rows) and all(
            isinstance(r.get(key), int | float) and not isinstance(r.get(key), bool)
            for r in rows
            if r.get(key) is not None
        )
        wrap = key in WRAP
        tbl.add_column(
            heading,
            justify="right" if numeric else "left",
            no_wrap=not wrap,
            overflow="fold" if wrap else "ellipsis",
            # Ids, dates and numbers never shrink; in a fitted list (show_list) text keeps
            # what `fit` counted on too.
            min_width=_least(rows, key, heading) if fitted or _keeps_width(rows, key) else None,
        )
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            if key == "id" and row.get("ref"):
                value = row["ref"]  # the short reference a person types (core/refs.py)
            elif key == "id" and value in shortened:
                value = shortened[value]
            cells.append(_cell(value))
        tbl.add_row(*cells)
    return tbl


def style_rows(tbl, rows: list[dict], style: str, when) -> None:
    """Give the table rows whose row `when(row)` is true `style` (seen on a colour terminal)."""
    for table_row, row in zip(tbl.rows, rows, strict=True):
        if when(row):
            table_row.style = style


def record_grid(item: dict, keys: Sequence[str], label):
    """One record as a two-column grid of `label(key)` and value (the `show` commands)."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for key in keys:
        grid.add_row(label(key), _cell(item.get(key)))
    return grid


def _cell(value) -> str:
    from rich.markup import escape

    if value is None:
        return "-"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list):
        return escape(", ".join(str(v) for v in value))
    return escape(str(value))


def show_list(
    rows: list[dict],
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    drop: Sequence[str] = (),
    wide: bool = False,
    style: tuple[str, Callable[[dict], bool]] | None = None,
) -> None:
    """A list as a table that fits the terminal (`fit`), and under it one line naming the
    columns left out and how to see them (--wide, --format csv). `style`: (rich style, which
    rows get it)."""
    from faskel_cli.messages import t

    fitted = fit(rows, columns, console().width, drop, wide=wide)
    out = console(width=fitted.width)
    tbl = table(rows, fitted.columns, title=title, fitted=True)
    if style is not None:
        style_rows(tbl, rows, *style)
    out.print(tbl)
    if fitted.hidden:
        # One line, however long: the terminal may wrap it, a script reads it whole.
        out.print(t("msg.columns_hidden", columns=", ".join(fitted.hidden)), soft_wrap=True)


def emit(
    rows: list[dict],
    fmt: str,
    columns: Sequence[tuple[str, str]],
    *,
    title: str | None = None,
    empty: str = "",
    drop: Sequence[str] = (),
    wide: bool = False,
) -> None:
    """Print rows: JSON (every key), CSV of either form (every key, flat) or a table of
    `columns` (`show_list`)."""
    if fmt == "json":
        sys.stdout.write(to_json(rows) + "\n")
    elif fmt in CSV_FORMATS:
        keys = list(rows[0].keys()) if rows else [k for k, _ in columns]
        write_csv(to_csv(rows, keys, form=fmt))
    else:
        if not rows and empty:
            console().print(empty)
            return
        show_list(rows, columns, title=title, drop=drop, wide=wide)
