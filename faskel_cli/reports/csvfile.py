"""The summary per kelurahan as CSV: the same flattened rows and columns as `faskel summary
--format csv` (render_summary), written by the one CSV writer (render.to_csv: a byte-order
mark, CRLF rows, text a spreadsheet would run as a formula neutralised). `csv` is the
machine form (commas, decimal points), `csv-id` the form for Indonesian regional settings
(semicolons, decimal commas)."""

from __future__ import annotations

from faskel_cli.reports import ReportData


def render(data: ReportData, form: str = "csv") -> str:
    from faskel_cli.render import to_csv
    from faskel_cli.render_summary import summary_csv_columns, summary_csv_rows

    columns = summary_csv_columns(data.summary)
    return to_csv(summary_csv_rows(data.summary), columns, form=form)
