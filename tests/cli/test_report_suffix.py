"""`faskel report --output NAME`: a suffix that is no report format is refused, never
written as WhatsApp text."""

from __future__ import annotations

import json

import pytest

WEEK = "2026-W48"


@pytest.fixture
def ready(cli):
    cli.ok("init")
    return cli


@pytest.mark.parametrize(
    "name",
    [
        "laporan.xls",
        "laporan.pdf",
        "laporan.docx",
        "LAPORAN.PDF",
        "laporan.xlsx.bak",
        "laporan/faskel-{area}-{week}.ods",
        "laporan.{week}",
    ],
)
def test_an_unknown_suffix_is_refused_naming_the_known_ones(ready, tmp_path, name):
    out = tmp_path / "out"
    out.mkdir()
    result = ready.fails("report", "--week", WEEK, "--output", str(out / name), code=2)
    assert ".xlsx" in result.stderr and ".html" in result.stderr and ".txt" in result.stderr
    assert "--format" in result.stderr
    assert "Laporan ditulis" not in result.stdout
    assert list(out.iterdir()) == []  # no file, no folder


def test_english_too(ready, tmp_path):
    result = ready.fails("--lang", "en", "report", "-o", str(tmp_path / "x.pdf"), code=2)
    assert "not a report format" in result.stderr and ".pdf" in result.stderr


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("laporan.XLSX", b"PK"),  # any case of a known suffix
        ("laporan.Html", b"<!DOCTYPE html>"),
        ("laporan.htm", b"<!DOCTYPE html>"),
        ("laporan.txt", b"*Laporan"),
        ("laporan", b"*Laporan"),  # no suffix at all: text, as documented
        ("minggu-{week}", b"*Laporan"),
    ],
)
def test_known_suffixes_and_no_suffix(ready, tmp_path, name, first):
    ready.ok("report", "--week", WEEK, "--output", str(tmp_path / name))
    written = tmp_path / name.replace("{week}", WEEK)
    assert written.read_bytes().startswith(first)


def test_format_says_what_any_name_holds(ready, tmp_path):
    ready.ok("report", "--week", WEEK, "--format", "json", "--output", str(tmp_path / "x.pdf"))
    assert json.loads((tmp_path / "x.pdf").read_text())["period"]["label"] == WEEK
    ready.ok("report", "--week", WEEK, "-f", "text", "-o", str(tmp_path / "pesan.wa"))
    assert (tmp_path / "pesan.wa").read_text().startswith("*Laporan")
