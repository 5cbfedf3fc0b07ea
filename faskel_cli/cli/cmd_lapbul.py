"""`faskel report bulanan`: a facilitator's monthly report (lapbul) as PDF or DOCX."""

from __future__ import annotations

import re

import typer

from faskel_cli.cli import common
from faskel_cli.messages import t

DEFAULT_OUTPUT = "lapbul-{handle}-{month}.pdf"
_FIELD = re.compile(r"\{([^{}]*)\}")


def output_path(template: str, handle: str, month: str) -> str:
    """--output with {handle} and {month} filled in; another placeholder is refused."""
    from faskel_cli.core.errors import InputError

    values = {"handle": handle, "month": month}

    def fill(match: re.Match) -> str:
        name = match.group(1).strip().lower()
        if name not in values:
            raise InputError("err.lapbul_placeholder", name=match.group(0))
        return values[name]

    return _FIELD.sub(fill, template)


def suffix_of(path: str) -> str:
    from pathlib import PurePath

    from faskel_cli.core.errors import InputError

    suffix = PurePath(path).suffix.lower()
    if suffix not in (".pdf", ".docx"):
        raise InputError("err.lapbul_suffix", path=path)
    return suffix[1:]


def bulanan(
    ctx: typer.Context,
    month: str = typer.Option("last", "--month", "-m", help=t("help.opt.lapbul_month")),
    facilitator: str = common.handle_option("--facilitator", "help.opt.lapbul_facilitator"),
    output: str = typer.Option(
        DEFAULT_OUTPUT, "--output", "-o", metavar="PATH", help=t("help.opt.lapbul_output")
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=t("help.report.quiet")),
) -> None:
    from faskel_cli.core import atomic, monthly
    from faskel_cli.core.dates import parse_month
    from faskel_cli.reports import lapbul

    output = (output or "").strip() or DEFAULT_OUTPUT
    fmt = suffix_of(output_path(output, "x", "x"))  # the suffix, before any work
    period = parse_month(month)
    database = common.db(ctx, write=False)
    data = monthly.gather(database, period, facilitator)
    target = atomic.prepare_target(output_path(output, data.facilitator["handle"], period.label))
    blocks = lapbul.blocks(data, lambda photo_id: monthly.photo_bytes(database, photo_id))
    if fmt == "pdf":
        from faskel_cli.reports import lapbul_pdf

        content, pages = lapbul_pdf.render(blocks, lapbul.footer(data))
    else:
        from faskel_cli.reports import lapbul_docx

        content, pages = lapbul_docx.render(blocks, lapbul.footer(data)), 0
    written = atomic.write_bytes(target, content)
    if quiet:
        return
    size = f"{len(content) / 1e6:.1f} MB" if len(content) >= 1e6 else f"{len(content) // 1000} KB"
    if fmt == "pdf":
        common.echo(t("msg.lapbul_written_pdf", path=str(written), pages=pages, size=size))
    else:
        common.echo(t("msg.lapbul_written_docx", path=str(written), size=size))
