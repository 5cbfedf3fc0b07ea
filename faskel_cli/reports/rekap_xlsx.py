"""The recap as an Excel workbook: sheet Fasilitator (one row per facilitator), sheet
Kelurahan (one row per kelurahan), each with a total row below its filtered data rows.

The sheets are made like the weekly report's (reports/xlsx.py: the same heading format,
column sizing, row heights, A4 landscape printing with the headings repeated): counts
are numbers, dates real dates, and each total of a count is a SUM formula written with
its value (viewers that do not recalculate still show it); % women is a formula too."""

from __future__ import annotations

import io
from datetime import datetime, time

from faskel_cli.messages import t
from faskel_cli.reports.rekap import (
    FACILITATOR_COLUMNS,
    KELURAHAN_COLUMNS,
    SHEETS,
    SUMMED,
    Rekap,
)
from faskel_cli.reports.xlsx import FIRST_ROW, _Formats, _Sheet, new_workbook


def render(rekap: Rekap) -> bytes:
    buffer = io.BytesIO()
    workbook = new_workbook(buffer)
    formats = _Formats(workbook)
    workbook.set_properties(
        {
            "title": rekap.title,
            "author": "faskel",
            "created": datetime.combine(rekap.generated, time()),
        }
    )
    subtitle = rekap.subtitle()
    _table(
        workbook,
        formats,
        SHEETS[0],
        t("rep.rekap.facilitators"),
        rekap,
        subtitle,
        FACILITATOR_COLUMNS,
        rekap.facilitator_rows(),
        rekap.facilitator_total(),
        freeze_cols=1,
    )
    _table(
        workbook,
        formats,
        SHEETS[1],
        t("rep.rekap.kelurahan", villages=rekap.villages),
        rekap,
        subtitle,
        KELURAHAN_COLUMNS,
        rekap.kelurahan_rows(),
        rekap.kelurahan_total(),
        freeze_cols=2,
    )
    workbook.close()
    return buffer.getvalue()


def _table(
    workbook,
    formats: _Formats,
    name: str,
    heading: str,
    rekap: Rekap,
    subtitle: str,
    columns: list[tuple[str, str, str]],
    rows: list[dict],
    total: dict,
    *,
    freeze_cols: int,
) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell

    sheet = _Sheet(workbook, name, formats, [(t(h), kind) for _, h, kind in columns])
    sheet.titles(f"{heading} · {rekap.title}", subtitle)
    sheet.headings()
    row = FIRST_ROW
    for item in rows:
        for col, (key, _, _) in enumerate(columns):
            sheet.cell(row, col, item.get(key))
        row += 1
    last = row - 1
    keys = [key for key, _, _ in columns]
    for col, (key, _, kind) in enumerate(columns):
        cached = total.get(key)
        if key in SUMMED and rows:
            first_cell = xl_rowcol_to_cell(FIRST_ROW, col)
            last_cell = xl_rowcol_to_cell(last, col)
            sheet.formula(row, col, f"=SUM({first_cell}:{last_cell})", cached, "total")
        elif key == "female_share" and "male" in keys and "female" in keys:
            male = xl_rowcol_to_cell(row, keys.index("male"))
            female = xl_rowcol_to_cell(row, keys.index("female"))
            sheet.formula(
                row, col, f'=IF({male}+{female}=0,"",{female}/({male}+{female}))', cached, "total"
            )
        elif kind == "date" and cached is None:
            sheet.cell(row, col, None, "total")
        else:
            sheet.cell(row, col, cached, "total")
    sheet.finish(last, freeze_cols)
