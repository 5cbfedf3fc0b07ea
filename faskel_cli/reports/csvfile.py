"""The summary per kelurahan for Excel users: UTF-8 with a BOM, comma-separated, the same
flattened rows and columns as `faskel summary --format csv` (render_summary). Text that a
spreadsheet would run as a formula is neutralised (render.to_csv)."""

from __future__ import annotations

from faskel_cli.reports import ReportData


def render(data: ReportData) -> str:
    from faskel_cli.render import to_csv
    from faskel_cli.render_summary import SUMMARY_CSV_COLUMNS, summary_csv_rows

    return to_csv(summary_csv_rows(data.summary), SUMMARY_CSV_COLUMNS, bom=True)
