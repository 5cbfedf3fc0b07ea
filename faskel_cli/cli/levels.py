"""The options of summaries and reports at every level: `--level`, `--kabupaten` and
`--not-visited` (with `--kecamatan` of cli/common), turned into a core Scope."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import common
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.store import Reader
    from faskel_cli.core.summary import Scope

LEVELS = ("provinsi", "kabupaten", "kecamatan", "kelurahan")
ALIASES = {
    "province": "provinsi",
    "kota": "kabupaten",
    "kabupaten/kota": "kabupaten",
    "kab": "kabupaten",
    "kec": "kecamatan",
    "desa": "kelurahan",
    "village": "kelurahan",
    "desa/kelurahan": "kelurahan",
}


def complete_kabupaten(incomplete: str):
    return common._complete(
        "select nama from regions where level = 'kabupaten' order by nama", incomplete
    )


def level_option():
    return typer.Option(None, "--level", help=t("help.opt.level"), metavar="LEVEL")


def kabupaten_option():
    return typer.Option(
        None, "--kabupaten", help=t("help.opt.kabupaten"), autocompletion=complete_kabupaten
    )


def not_visited_option():
    return typer.Option(False, "--not-visited", help=t("help.opt.not_visited"))


def scope(
    database: Reader, level: str | None, kabupaten: str | None, kecamatan: str | None
) -> Scope:
    from faskel_cli.core.summary import resolve_scope
    from faskel_cli.core.vocab import pick

    if level is not None:
        level = pick(level, LEVELS, option="--level", aliases=ALIASES)
    return resolve_scope(database, level, kabupaten, kecamatan)


def scope_name(database: Reader, found: Scope) -> str:
    """What a report covers, as its title and file name say it."""
    from faskel_cli.core import regions

    area = regions.area(database)
    return found.nama if found.kode != area.kode else area.nama
