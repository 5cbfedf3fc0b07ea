"""`faskel visit import FILE`: the rows of a spreadsheet become visits (core/sheet_import.py).

Each refused row is one line on stderr as `sheet, row, column: what is wrong; what would be
right`, all of them; then the counts on stdout and, when a row was refused, one closing
line (exit 2) saying nothing was written."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from faskel_cli.cli import common
from faskel_cli.messages import t, text

if TYPE_CHECKING:
    from faskel_cli.core.sheet_rows import ImportResult, RowProblem, Warned

# Stands for the option an error names while its text is made (a private-use character:
# no text of a message or a cell holds it).
_MARK = "\ue000"


def problem_line(problem: RowProblem) -> str:
    """`Kunjungan, baris 7, Peserta laki-laki: 'x' bukan bilangan bulat; ...`: the error's
    text with the option of `visit add` it names left out (the column before it says it)."""
    from faskel_cli.core.errors import Message

    error = problem.error
    params = dict(error.params)
    if problem.option:
        for key in ("option", "field"):
            if params.get(key) == problem.option:
                params[key] = _MARK
    message = text(Message(error.key, params))
    if problem.option:
        message = message.replace(problem.option, _MARK)
    message = message.replace(_MARK + " ", "").replace(_MARK, "").strip()
    where = f"{problem.sheet}, {t('sheet.row')} {problem.row}"
    if problem.column:
        where += f", {problem.column}"
    return f"{where}: {message}"


def warning_line(item: Warned) -> str:
    rows = ", ".join(str(r) for r in item.rows)
    if item.count > len(item.rows):
        rows = t("sheet.rows_more", rows=rows, n=item.count)
    return f"{item.sheet}, {t('sheet.row')} {rows}: {t(item.key, **item.params)}"


def _as_json(result: ImportResult, problems: list[dict]) -> dict:
    return {
        "file": result.file,
        "dry_run": result.dry_run,
        "written": result.written,
        "sheets": result.sheets,
        "visits": result.visits.as_dict(),
        "problems": result.problems.as_dict(),
        "errors": problems,
        "warnings": [
            {"sheet": w.sheet, "rows": w.rows, "count": w.count, "message": t(w.key, **w.params)}
            for w in result.warnings
        ],
    }


def import_command(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE", help=t("help.visit.import.file")),
    problems: str = typer.Option(
        None, "--problems", metavar="FILE", help=t("help.visit.import.problems")
    ),
    facilitator: str = common.handle_option("--facilitator", "help.visit.import.facilitator"),
    dry_run: bool = typer.Option(False, "--dry-run", help=t("help.visit.import.dry_run")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import sheet_import
    from faskel_cli.core.errors import InputError

    fmt = render.check_format(fmt, ("table", "json"))
    found: list[dict] = []

    def on_problem(problem: RowProblem) -> None:
        line = problem_line(problem)
        typer.echo(f"{t('label.error')}: {line}", err=True)
        if fmt == "json":
            found.append(
                {
                    "sheet": problem.sheet,
                    "row": problem.row,
                    "column": problem.column,
                    "message": line.split(": ", 1)[1],
                }
            )

    result = sheet_import.run(
        common.db(ctx),
        file,
        problems_path=problems,
        facilitator=facilitator,
        dry_run=dry_run,
        on_problem=on_problem,
    )
    for item in result.warnings:
        common.warn(warning_line(item))
    if fmt == "json":
        common.echo(render.to_json(_as_json(result, found)))
    else:
        sheets = [(result.sheets[0], result.visits)]
        if len(result.sheets) > 1:
            sheets.append((result.sheets[1], result.problems))
        for sheet, counts in sheets:
            common.echo(t("msg.sheet_counts", sheet=sheet, **counts.as_dict()))
        if dry_run and not result.refused:
            common.echo(t("msg.sheet_dry_run"))
    if result.refused:
        raise InputError("err.sheet_refused", n=result.refused)
