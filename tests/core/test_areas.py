"""The reference list of regions (data/wilayah.csv) as core/areas.py reads it."""

from __future__ import annotations

import csv

from faskel_cli.core import areas
from faskel_cli.core.paths import data_file


def test_the_reference_is_sorted_by_kode_so_each_unit_is_one_block():
    with data_file("wilayah.csv").open(encoding="utf-8", newline="") as handle:
        kodes = [row[0] for row in csv.reader(handle)][1:]
    assert len(kodes) > 90_000
    assert kodes == sorted(kodes)
    assert len(set(kodes)) == len(kodes)


def test_a_prefix_reads_the_unit_and_everything_under_it_and_nothing_else():
    every = list(areas.read_reference())
    for prefix in ("33.75", "33.75.01", "33", "11", "96.71", "96.71.10.1004", "31.71"):
        want = [(k, n) for k, n in every if k == prefix or k.startswith(prefix + ".")]
        assert list(areas.read_reference(prefix)) == want, prefix
        assert want and want[0][0] == prefix
    assert list(areas.read_reference("99")) == []
    assert list(areas.read_reference("33.7")) == []
    # A name with a comma is quoted in the file and read whole.
    quoted = [(k, n) for k, n in every if "," in n]
    assert quoted
    for kode, nama in quoted:
        assert list(areas.read_reference(kode))[0] == (kode, nama)


def test_the_units_above_the_villages_are_every_line_of_fewer_than_four_parts():
    every = list(areas.read_reference())
    assert list(areas._units()) == [(k, n) for k, n in every if k.count(".") < 3]
    assert len(areas._units()) > 7_000
