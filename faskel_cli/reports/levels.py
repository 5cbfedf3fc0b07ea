"""Summaries at every level as the renderers read them: the rows of the level asked for
(kelurahan, kecamatan, kabupaten/kota or provinsi) grouped under their subtotals.

`view(summary)` gives any summary the shape of a kota's (rows under "kelurahan", each with
"kecamatan_kode"/"kecamatan" naming its group; groups under "kecamatan"; "not_visited" the
kodes of the rows with no visit), so that one table, one workbook and one page serve every
level; a kota's summary is returned as it is. Without a group level, the area covered is the
one group. Headings and the completeness line name the level and the kind of village."""

from __future__ import annotations

from faskel_cli.messages import get_lang, t

VILLAGES = "kelurahan"


def level(summary: dict) -> str:
    return summary.get("level") or VILLAGES


def view(summary: dict) -> dict:
    rows_level = level(summary)
    if rows_level == VILLAGES:
        return summary
    group = summary.get("group_level")
    rows = summary[rows_level]
    if group:
        groups = summary[group]
        members = [{**r, "kecamatan_kode": r[f"{group}_kode"], "kecamatan": r[group]} for r in rows]
    else:
        scope = summary["scope"]
        groups = [{"kode": scope["kode"], "nama": scope["nama"], **summary["totals"]}]
        members = [{**r, "kecamatan_kode": scope["kode"], "kecamatan": scope["nama"]} for r in rows]
    return {
        **summary,
        "kelurahan": members,
        "kecamatan": groups,
        # A summary's rows count their villages visited; a trend's do not.
        "not_visited": [r["kode"] for r in rows if not r.get("kelurahan_visited", 1)],
    }


def is_villages(summary: dict) -> bool:
    return level(summary) == VILLAGES


def row_heading(summary: dict, key: str = "sum.col.kelurahan") -> str:
    """The heading of the rows' column: `Kelurahan` for a kota, else the level's name."""
    if is_villages(summary):
        return t(key)
    return t(f"lv.col.{level(summary)}")


def group_heading(summary: dict, key: str = "rep.col.kecamatan") -> str:
    group = summary.get("group_level")
    if is_villages(summary) or not group:
        return t(key) if is_villages(summary) else t("lv.col.area")
    return t(f"lv.col.{group}")


def number(n: int) -> str:
    """1.234 in Indonesian, 1,234 in English."""
    shown = f"{n:,}"
    return shown.replace(",", ".") if get_lang() == "id" else shown


def villages_word(totals: dict) -> str:
    """`kelurahan`, `desa` or `desa/kelurahan`: what the villages counted are."""
    desa, total = totals.get("desa_total", 0), totals.get("kelurahan_total", 0)
    if not desa:
        return t("lv.villages.kelurahan")
    if desa == total:
        return t("lv.villages.desa")
    return t("lv.villages.both")


def completeness_line(totals: dict, pct: str) -> str:
    """`1.234 dari 8.563 desa/kelurahan dikunjungi (14%)`."""
    return t(
        "lv.completeness",
        visited=number(totals["kelurahan_visited"]),
        total=number(totals["kelurahan_total"]),
        villages=villages_word(totals),
        pct=pct,
    )
