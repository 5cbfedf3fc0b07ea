"""`faskel bundle export|inspect|import` and `faskel sync FOLDER`.

What a bundle or a shared folder brings (file names, manifest fields, kinds) is printed
`safe`: its control characters escaped. JSON output is escaped by json.dumps."""

from __future__ import annotations

from typing import Any

import typer

from faskel_cli.cli import common
from faskel_cli.cli.words import FaskelTyper
from faskel_cli.messages import t, text

app = FaskelTyper()

COUNT_KEYS = ("added", "updated", "unchanged", "refused")


def _kind(kind: str) -> str:
    return t(f"bundle.kind.{kind}")


def _moment(stamp: str | None) -> str:
    """A UTC stamp as a person reads it: the day and minute in WIB."""
    from faskel_cli.core import clock

    if not stamp:
        return "-"
    try:
        return clock.parse_stamp(stamp).astimezone(clock.WIB).strftime("%Y-%m-%d %H:%M WIB")
    except ValueError:
        return stamp


def _scope(info: dict) -> str:
    """What a bundle holds, from its manifest (or an export's result): one phrase."""
    scope = info.get("scope") or "all"
    if scope not in ("all", "since", "week", "month", "changes"):
        return str(scope)
    since = info.get("since")
    return t(
        f"bundle.scope.{scope}",
        since=_moment(since) if scope == "changes" else since or "-",
        until=info.get("until") or "-",
        period=info.get("period") or since or "-",
    )


def _sender(manifest: dict) -> str | None:
    from faskel_cli.core import bundle

    found = bundle.sender(manifest)
    if not found:
        return None
    if found["handle"] and found["name"]:
        return f"{found['handle']} ({found['name']})"
    return found["handle"] or found["name"]


def _kinds_line(counts: dict[str, int]) -> str:
    shown = [f"{_kind(k)} {n}" for k, n in counts.items() if n]
    return ", ".join(shown) if shown else t("bundle.nothing")


def _records_columns() -> list[tuple[str, str]]:
    return [("kind", t("bundle.col.kind")), ("records", t("bundle.col.records"))]


def _raise_first(errors: list, total: int) -> None:
    """One line on stderr whatever the number of refused bundles."""
    from faskel_cli.core.errors import ConflictError

    if not errors:
        return
    if len(errors) == 1:
        raise errors[0]
    raise ConflictError("err.bundle_many_refused", n=len(errors), total=total, first=errors[0])


@app.command("export", help=t("help.bundle.export"))
def export(
    ctx: typer.Context,
    output: str = typer.Option(
        ..., "--output", "-o", metavar="FILE", help=t("help.bundle.export.output")
    ),
    everything: bool = typer.Option(False, "--all", help=t("help.bundle.export.all")),
    since: str = typer.Option(None, "--since", metavar="D", help=t("help.bundle.export.since")),
    week: str = typer.Option(None, "--week", metavar="W", help=t("help.bundle.export.week")),
    month: str = typer.Option(None, "--month", metavar="M", help=t("help.bundle.export.month")),
    changes: bool = typer.Option(False, "--changes", help=t("help.bundle.export.changes")),
    no_photos: bool = typer.Option(False, "--no-photos", help=t("help.bundle.export.no_photos")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import bundle
    from faskel_cli.core.dates import parse_date, parse_month, parse_week
    from faskel_cli.core.errors import InputError
    from faskel_cli.messages import safe

    fmt = render.check_format(fmt, ("table", "json"))
    chosen = [
        option
        for option, given in (
            ("--all", everything),
            ("--since", since),
            ("--week", week),
            ("--month", month),
            ("--changes", changes),
        )
        if given
    ]
    if len(chosen) > 1:
        raise InputError("err.bundle_scope_many", options=", ".join(chosen))
    window = None
    if since:
        day = parse_date(since, field="--since")
        window = bundle.Window("since", day, None, day.isoformat())
    elif week:
        period = parse_week(week)
        window = bundle.Window("week", period.start, period.end, period.label)
    elif month:
        period = parse_month(month)
        window = bundle.Window("month", period.start, period.end, period.label)
    database = common.db(ctx)
    result = bundle.export(database, output, window=window, changes=changes, photos=not no_photos)
    ahead = bundle.ahead(database)
    if ahead:
        common.warn("warn.bundle_ahead", n=sum(ahead.values()), kinds=_kinds_line(ahead))
    if fmt == "json":
        common.echo(render.to_json(result.as_dict()))
        return
    common.echo(
        t(
            "msg.bundle_written",
            file=safe(result.path),
            n=result.total,
            scope=_scope(result.as_dict()),
            kinds=_kinds_line(result.counts),
        )
    )


@app.command("inspect", help=t("help.bundle.inspect"))
def inspect(
    file: str = typer.Argument(..., metavar="FILE", help=t("help.bundle.file")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.core import bundle
    from faskel_cli.messages import safe

    fmt = render.check_format(fmt, ("table", "json"))
    sizes: dict[str, int] = {}
    manifest, found, error = bundle.inspect(file, sizes)
    if fmt == "json":
        common.echo(
            render.to_json(
                {
                    "file": file,
                    "manifest": manifest,
                    "found": found,
                    "bytes": sizes,
                    "intact": error is None,
                }
            )
        )
    else:
        fields = [
            ("format", manifest["format"]),
            ("version", manifest["version"]),
            ("device_id", manifest["device_id"]),
            ("area", bundle.area_label(manifest["area"], manifest.get("area_name"))),
            ("created_at", manifest["created_at"]),
            ("scope", _scope(manifest)),
            ("sha256", manifest["sha256"]),
        ]
        sender = _sender(manifest)
        if sender:
            fields.insert(3, ("sender", sender))
        # Plain lines, not render.record_grid: a grid would cut the checksum to the width.
        common.echo(safe(file))
        width = max(len(t(f"bundle.field.{k}")) for k, _ in fields)
        for key, value in fields:
            common.echo(f"  {t(f'bundle.field.{key}'):<{width}}  {safe(str(value))}")
        kinds = [k for k in bundle.TABLES if manifest["counts"].get(k) or found.get(k)]
        kinds += sorted(k for k in found if k not in kinds)
        if kinds:
            rows = [
                {"kind": _kind(k) if k in bundle.TABLES else safe(k), "records": found.get(k, 0)}
                for k in kinds
            ]
            render.emit(rows, "table", _records_columns())
        else:
            common.echo(t("msg.bundle_empty"))
        if found.get("photos"):
            # base64 lines: three bytes of photo in four characters
            stored = sizes.get("photos", 0) * 3 // 4
            size = f"{stored / 1e6:.1f} MB" if stored >= 1e6 else f"{stored // 1000} KB"
            common.echo(t("msg.bundle_photo_bytes", n=found["photos"], size=size))
        elif manifest.get("photos") is False:
            common.echo(t("msg.bundle_no_photos"))
        if error is None:
            common.echo(t("msg.bundle_intact"))
    if error is not None:
        raise error


@app.command("restamp", help=t("help.bundle.restamp"))
def restamp(ctx: typer.Context, fmt: str = common.format_option("table", "table|json")) -> None:
    from faskel_cli import render
    from faskel_cli.core import bundle

    fmt = render.check_format(fmt, ("table", "json"))
    done = bundle.restamp(common.db(ctx))
    if fmt == "json":
        common.echo(render.to_json(done))
    elif done:
        common.echo(t("msg.bundle_restamped", n=sum(done.values()), kinds=_kinds_line(done)))
    else:
        common.echo(t("msg.bundle_restamp_none"))


def _count_rows(counts: dict) -> list[dict]:
    rows = []
    totals = dict.fromkeys(COUNT_KEYS, 0)
    for kind, numbers in counts.items():
        values = {key: getattr(numbers, key) for key in COUNT_KEYS}
        if not any(values.values()):
            continue
        rows.append({"kind": _kind(kind), **values})
        for key in COUNT_KEYS:
            totals[key] += values[key]
    if len(rows) > 1:
        rows.append({"kind": t("bundle.total"), **totals})
    return rows


COUNT_COLUMNS = [
    ("kind", "bundle.col.kind"),
    ("added", "bundle.col.added"),
    ("updated", "bundle.col.updated"),
    ("unchanged", "bundle.col.unchanged"),
    ("refused", "bundle.col.refused"),
]


@app.command("import", help=t("help.bundle.import"))
def import_(
    ctx: typer.Context,
    files: list[str] = typer.Argument(..., metavar="FILE...", help=t("help.bundle.import.files")),
    dry_run: bool = typer.Option(False, "--dry-run", help=t("help.bundle.import.dry_run")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from contextlib import nullcontext
    from pathlib import Path

    from faskel_cli import render
    from faskel_cli.cli.progress import Progress
    from faskel_cli.core import bundle, store
    from faskel_cli.core.errors import ConflictError
    from faskel_cli.messages import safe

    fmt = render.check_format(fmt, ("table", "json"))
    # A dry run only reads: like every read, it creates no database.
    database = common.db(ctx, create=not dry_run)
    names = ", ".join(Path(f).name for f in files[:3]) + (" …" if len(files) > 3 else "")
    # A dry run takes no write lock: nobody waits for it.
    note = nullcontext() if dry_run else store.busy_note(database, "busy.bundle_import", file=names)
    progress = Progress()
    try:
        with note:
            outcomes = bundle.import_many(
                database, [Path(f) for f in files], dry_run=dry_run, on_start=progress.on_start
            )
    finally:
        progress.close()
    errors = []
    for outcome in outcomes:
        result = outcome.result
        if outcome.error is not None:
            errors.append(outcome.error)
        elif result is None:
            # Neither a result nor an error: the bundle was not imported; never let it pass
            # for one that was (the table below skips it, the exit code must not).
            errors.append(ConflictError("err.bundle_not_imported", file=str(outcome.path)))
        elif result.refused_total:
            errors.append(bundle.BundleRefused(result.path, result.problems, result.refused_total))
    if fmt == "json":
        items = []
        for outcome in outcomes:
            item = outcome.result.as_dict() if outcome.result else {"file": str(outcome.path)}
            item["error"] = text(outcome.error) if outcome.error else None
            items.append(item)
        common.echo(render.to_json(items))
    else:
        out = render.console()
        columns = [(key, t(heading)) for key, heading in COUNT_COLUMNS]
        for outcome in outcomes:
            result = outcome.result
            if result is None:
                continue
            sender = _sender(result.manifest)
            title = t(
                "msg.bundle_import_title_sender" if sender else "msg.bundle_import_title",
                file=safe(result.path),
                device=safe(result.manifest["device_id"]),
                created_at=safe(result.manifest["created_at"]),
                sender=safe(sender) if sender else sender,
                scope=_scope(result.manifest),
            )
            rows = _count_rows(result.counts)
            out.print(title, markup=False, soft_wrap=True)
            if rows:
                out.print(render.table(rows, columns))
            else:
                out.print(t("msg.bundle_empty"))
            if result.merged:
                merged = ", ".join(f"{_kind(k)} {n}" for k, n in result.merged.items())
                out.print(
                    t("msg.bundle_merged_dry" if dry_run else "msg.bundle_merged", merged=merged),
                    markup=False,
                    soft_wrap=True,
                )
        if len(outcomes) > 1:
            done = [o.result.counts for o in outcomes if o.result is not None]
            common.echo(_total_line(done, len(outcomes)))
        if dry_run:
            common.echo(t("msg.bundle_dry_run"))
    _raise_first(errors, len(outcomes))


def _total_line(done: list[dict], total: int) -> str:
    """The total of an import of many bundles: how many came in, and their records."""
    sums = dict.fromkeys(COUNT_KEYS, 0)
    for counts in done:
        for numbers in counts.values():
            for key in COUNT_KEYS:
                sums[key] += getattr(numbers, key)
    return t("msg.bundle_import_total", n=len(done), total=total, **sums)


def _short_names(names: list[str]) -> dict[str, str]:
    """Files named after a device (a UUID) shown by the shortest prefixes telling them apart."""
    from faskel_cli import render

    stems = {n: n[: -len(".faskel")] for n in names if n.endswith(".faskel") and len(n) == 43}
    short = render.short_ids(list(stems.values()))
    return {name: short[stem] + ".faskel" for name, stem in stems.items()}


def sync(
    ctx: typer.Context,
    folder: str = typer.Argument(..., metavar="FOLDER", help=t("help.sync.folder")),
    fmt: str = common.format_option("table", "table|json"),
) -> None:
    from faskel_cli import render
    from faskel_cli.cli.progress import Progress
    from faskel_cli.core import store
    from faskel_cli.core import sync as core_sync
    from faskel_cli.messages import safe

    fmt = render.check_format(fmt, ("table", "json"))
    database = common.db(ctx, create=True)
    progress = Progress()
    try:
        with store.busy_note(database, "busy.sync", folder=folder):
            results = core_sync.sync(database, folder, on_start=progress.on_start)
    finally:
        progress.close()
    rows = []
    for result in results:
        row: dict[str, Any] = {
            "file": result.name,
            "status": result.status,
            "device": result.device,
        }
        counts = result.counts or {}
        for key in ("added", "updated", "unchanged"):
            row[key] = (
                sum(getattr(c, key) for c in counts.values())
                if result.status == "imported"
                else None
            )
        row["records"] = sum(counts.values()) if result.status == "written" else None
        row["error"] = text(result.error) if result.error else None
        rows.append(row)
    if fmt == "json":
        common.echo(render.to_json(rows))
    else:
        names = _short_names([row["file"] for row in rows])
        shown = [
            {
                **row,
                "file": safe(names.get(row["file"], row["file"])),
                "device": safe(row["device"] or ""),
                "status": t(f"bundle.status.{row['status']}"),
            }
            for row in rows
        ]
        render.emit(
            shown,
            "table",
            [
                ("file", t("bundle.col.file")),
                ("status", t("bundle.col.status")),
                ("added", t("bundle.col.added")),
                ("updated", t("bundle.col.updated")),
                ("unchanged", t("bundle.col.unchanged")),
                ("records", t("bundle.col.records")),
            ],
            title=t("msg.sync_title", folder=safe(folder)),
        )
    errors = [r.error for r in results if r.error is not None]
    # Out of the other devices' files: not this laptop's own (written, removed, a copy).
    others = [r for r in results if r.status in ("imported", "seen", "refused")]
    tried = [r for r in results if r.status in ("imported", "refused")]
    if fmt != "json" and len(tried) > 1:
        done = [r.counts or {} for r in results if r.status == "imported"]
        common.echo(_total_line(done, len(tried)))
    _raise_first(errors, len(others))


@app.command("sources", help=t("help.bundle.sources"))
def sources(ctx: typer.Context, fmt: str = common.format_option("table", "table|json")) -> None:
    from faskel_cli import render
    from faskel_cli.core import bundle
    from faskel_cli.core import sources as core_sources
    from faskel_cli.messages import safe

    fmt = render.check_format(fmt, ("table", "json"))
    found = core_sources.sources(common.db(ctx, write=False))
    if fmt == "json":
        common.echo(render.to_json(found))
        return
    rows = []
    for item in found:
        last, sender = item["last"], item["sender"] or {}
        who = sender.get("handle") or sender.get("name")
        if sender.get("handle") and sender.get("name"):
            who = f"{sender['handle']} ({sender['name']})"
        rows.append(
            {
                "source": safe(who or t("bundle.src.device", device=item["device_id"][:8])),
                "area": safe(bundle.area_label(item["area"], item["area_name"]))
                if item["area"]
                else "-",
                "at": last["at_local"] or "-",
                "file": safe(last["file"]),
                "newest": last["newest"] or "-",
                "counts": _kinds_line(last["counts"]),
                "changed": last["changed"],
                "bundles": item["bundles"],
            }
        )
    columns = [
        ("source", t("bundle.src.col.source")),
        ("area", t("bundle.src.col.area")),
        ("at", t("bundle.src.col.at")),
        ("file", t("bundle.src.col.file")),
        ("newest", t("bundle.src.col.newest")),
        ("counts", t("bundle.src.col.counts")),
        ("changed", t("bundle.src.col.changed")),
        ("bundles", t("bundle.src.col.bundles")),
    ]
    render.emit(rows, "table", columns, title=t("bundle.src.title"), empty=t("bundle.src.none"))
