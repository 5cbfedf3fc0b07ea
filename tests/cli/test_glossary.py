"""One term per concept: the catalogue against docs/glossary.md. Every word of the glossary's
*not* columns is absent from the catalogue (Indonesian ones from the Indonesian texts,
English ones from the English texts), and "catatan" is only ever a note."""

from __future__ import annotations

import re

import pytest

from faskel_cli.messages import catalogue
from tests.helpers import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
HEADINGS = ("col.", "field.", "rep.col.", "sum.col.", "bundle.col.")
HEADING_ONLY = " (heading)"


def glossary_rows() -> list[list[str]]:
    """The cells of each row of the glossary's table (after its header and rule lines)."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| ---"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] == "Indonesian":
            continue
        assert len(cells) == 5, line
        rows.append(cells)
    return rows


def avoided() -> list[tuple[int, str, str, bool]]:
    """(language index, avoided word, the glossary's term, headings only) of the glossary."""
    found = []
    for cells in glossary_rows():
        term = cells[0]
        for index, column in ((0, cells[3]), (1, cells[4])):
            for word in filter(None, (w.strip() for w in column.split(";"))):
                heading_only = word.endswith(HEADING_ONLY)
                found.append((index, word.removesuffix(HEADING_ONLY), term, heading_only))
    return found


def _word(word: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)


def test_the_glossary_has_its_terms_and_what_to_avoid():
    terms = {cells[0] for cells in glossary_rows()}
    for needed in ("kendala", "dana terpakai", "catatan", "entri", "tindak lanjut (TL)"):
        assert needed in terms
    words = {word for _, word, _, _ in avoided()}
    assert {"masalah", "realisasi", "money used", "keadaan"} <= words


@pytest.mark.parametrize(("index", "word", "term", "heading_only"), avoided())
def test_the_catalogue_avoids_the_synonyms(index, word, term, heading_only):
    pattern = _word(word)
    wrong = [
        f"{key}: {entry[index]!r} (the term is {term!r})"
        for key, entry in catalogue().items()
        if pattern.search(entry[index]) and (not heading_only or key.startswith(HEADINGS))
    ]
    assert wrong == []


def test_catatan_is_only_ever_a_note():
    catatan = re.compile(r"(?<!\w)catatan", re.IGNORECASE)
    note = re.compile(r"\bnotes?\b", re.IGNORECASE)
    wrong = [
        f"{key}: {indonesian!r} / {english!r}"
        for key, (indonesian, english) in catalogue().items()
        if catatan.search(indonesian) and not note.search(english)
    ]
    assert wrong == []


def test_the_same_heading_for_the_same_field_in_cli_and_reports():
    """A field a list, a show command and a report all have carries one heading there."""
    texts = catalogue()
    for field in ("problem", "action", "problem_date", "due", "spent", "budget", "funding"):
        shown = {texts[key][0] for key in (f"field.{field}", f"rep.col.{field}") if key in texts}
        assert len(shown) == 1, (field, shown)
    assert texts["col.problem"][0] == texts["rep.col.problem"][0] == "Kendala"
    assert texts["col.spent"][0] == texts["rep.col.spent"][0] == "Dana terpakai"
    assert texts["col.state"] == ("Status", "Status")
