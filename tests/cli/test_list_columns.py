"""Lists at 80 and 120 columns keep the columns that answer their question, shorten long
text before leaving a column out, say in one line which columns they left out and how to
see them, and show every column with --wide."""

from __future__ import annotations

import pytest

from faskel_cli import render
from tests.helpers import TODAY, Cli, copy_db

LISTS = {
    # command: (columns always shown, columns that may be left out at 80)
    "visit": (["id", "Tanggal", "Kelurahan", "Fasilitator", "L", "P"], ["Catatan", "LKK"]),
    "followup": (["id", "Kelurahan", "Kendala", "Tenggat", "PJ"], ["Tindak lanjut", "Status"]),
    "activity": (["id", "Kelurahan", "Judul", "Tahap", "Jenis", "Hari"], ["Sejak"]),
    "facilitator": (["Handle", "Nama", "Kelurahan"], []),
    "lkk": (["Kelurahan", "Nama"], []),
}


@pytest.fixture(scope="module")
def sample(sample_template, tmp_path_factory) -> Cli:
    """The demo's sample data; the tests here only read it."""
    return Cli(copy_db(sample_template, tmp_path_factory.mktemp("lists") / "sample.db"))


def listing(cli: Cli, command: str, width: int, *extra: str) -> list[str]:
    args = [command, "list", *extra]
    if command == "followup":
        args += ["--overdue", "--as-of", TODAY]
    result = cli.ok(*args, env={"COLUMNS": str(width)})
    return result.stdout.splitlines()


def headings(lines: list[str]) -> str:
    """The heading line of the table (the one above its rule)."""
    rule = next(i for i, line in enumerate(lines) if set(line.strip()) == {"─"})
    return lines[rule - 1]


def hidden_note(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("Kolom tidak ditampilkan:")]


@pytest.mark.parametrize("width", [80, 120])
@pytest.mark.parametrize("command", list(LISTS))
def test_the_answer_columns_are_always_there(sample, command, width):
    lines = listing(sample, command, width)
    heading = headings(lines)
    for column in LISTS[command][0]:
        assert f" {column} " in f" {heading} ", (column, heading)
    table = [line for line in lines if not line.startswith("Kolom tidak ditampilkan:")]
    assert max(map(len, table)) <= width


@pytest.mark.parametrize("command", list(LISTS))
def test_left_out_columns_are_named_in_one_line(sample, command):
    for width in (80, 120):
        lines = listing(sample, command, width)
        heading = headings(lines)
        notes = hidden_note(lines)
        assert len(notes) <= 1
        if notes:
            (note,) = notes
            assert note.endswith("— lihat --wide atau --format csv")
            named = note.removeprefix("Kolom tidak ditampilkan: ").split(" — ")[0].split(", ")
            for column in named:  # what the note names is what the table lacks
                assert f" {column} " not in f" {heading} "
    narrow = hidden_note(listing(sample, command, 80))
    for column in LISTS[command][1]:
        assert narrow and column in narrow[0], (command, column)


def test_followups_show_who_and_when_at_80_and_the_action_at_120(sample):
    narrow = listing(sample, "followup", 80)
    left_out = narrow[-1].removeprefix("Kolom tidak ditampilkan: ").split(" — ")[0].split(", ")
    assert {"Tindak lanjut", "Status"} <= set(left_out)
    for column in ("Kelurahan", "Kendala", "Tenggat", "PJ"):  # who and when stay
        assert column in headings(narrow)
    wide = headings(listing(sample, "followup", 120))
    for column in ("Kelurahan", "Kendala", "Tindak lanjut", "Tenggat", "PJ", "Status"):
        assert column in wide
    assert "agus" in "\n".join(narrow)  # the owner of the follow-up in Sokoduwet


def test_visits_show_notes_at_120_and_lkk_when_there_is_room(sample):
    lines = listing(sample, "visit", 120)
    assert "Catatan" in headings(lines)
    assert "Rapat warga" in "\n".join(lines)  # a visit's notes, wrapped in its column
    # the id column shows the short reference (`nwb12`): at 120 the LKK fit too
    assert hidden_note(lines) == ["Kolom tidak ditampilkan: Unsur — lihat --wide atau --format csv"]
    lines = listing(sample, "visit", 140)
    assert "LKK" in headings(lines) and "Posyandu Melati" in "\n".join(lines)


@pytest.mark.parametrize("command", list(LISTS))
def test_wide_shows_every_column(sample, command):
    lines = listing(sample, command, 80, "--wide")
    assert hidden_note(lines) == []
    heading = headings(lines)
    for column in LISTS[command][0] + LISTS[command][1]:
        assert column in heading


def test_the_active_column_only_when_inactive_ones_are_listed(sample):
    assert "Aktif" not in headings(listing(sample, "facilitator", 120))
    assert "Aktif" in headings(listing(sample, "facilitator", 120, "--all"))


def test_english_note(sample):
    result = sample.ok("--lang", "en", "visit", "list", env={"COLUMNS": "80"})
    assert result.stdout.splitlines()[-1].startswith("Columns not shown: Strand, LKK, Notes")
    assert result.stdout.splitlines()[-1].endswith("— see --wide or --format csv")


# --- the fitting itself ---------------------------------------------------------------------

ROWS = [
    {"id": "01a2", "date": "2026-11-23", "place": "Panjang Wetan", "notes": "x " * 40, "n": 12},
]
COLUMNS = [("id", "id"), ("date", "Tanggal"), ("place", "Tempat"), ("notes", "Catatan"), ("n", "N")]


def test_fit_keeps_every_column_that_fits():
    fitted = render.fit(ROWS, COLUMNS, 120, drop=("notes", "place"))
    assert [k for k, _ in fitted.columns] == ["id", "date", "place", "notes", "n"]
    assert fitted.hidden == []


def test_fit_drops_in_order_and_brings_back_what_fits_again():
    # id 4 + date 10 + place 13 + notes 16 + N 2, plus 3 a column: 59 wide at the least.
    assert render.fit(ROWS, COLUMNS, 59, drop=("notes", "place")).hidden == []
    fitted = render.fit(ROWS, COLUMNS, 41, drop=("place", "notes"))
    # place (16) went first, then notes (19) had to go too; place fits again without it
    assert [k for k, _ in fitted.columns] == ["id", "date", "place", "n"]
    assert fitted.hidden == ["Catatan"]


def test_fit_never_drops_an_answer_column():
    fitted = render.fit(ROWS, COLUMNS, 20, drop=("notes",))
    assert [k for k, _ in fitted.columns] == ["id", "date", "place", "n"]


def test_wide_is_as_wide_as_the_columns_need():
    fitted = render.fit(ROWS, COLUMNS, 40, drop=("notes", "place"), wide=True)
    assert fitted.hidden == [] and fitted.width > 40
