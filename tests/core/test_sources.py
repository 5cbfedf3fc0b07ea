"""core/sources.py: every import recorded (a resend included, a dry run not); m014 copies
the imports the audit already held; the progress of a long import shows only on a
terminal, past two seconds."""

from __future__ import annotations

import io
import json
import time

from faskel_cli.cli.progress import Progress, should_show
from faskel_cli.core import sources
from faskel_cli.core.db import connect
from tests.helpers import add_visit, copy_db, export, import_counts, seed


def _bundle(empty_template, tmp_path, days):
    path = copy_db(empty_template, tmp_path / "laptop.db", new_device=True)
    database = connect(path)
    try:
        seed(database)
        for day in days:
            add_visit(database, day=day)
        return export(database, tmp_path / "a.faskel", everything=True)
    finally:
        database.close()


def test_every_import_is_a_row_and_m014_copies_the_audit(empty_template, tmp_path):
    bundle = _bundle(empty_template, tmp_path, ["2026-11-02", "2026-11-21"])
    hub = connect(copy_db(empty_template, tmp_path / "hub.db", new_device=True))
    try:
        import_counts(hub, bundle)
        import_counts(hub, bundle)  # changes nothing: recorded all the same
        import_counts(hub, bundle, dry_run=True)  # not an import
        (item,) = sources.sources(hub)
        assert (item["bundles"], item["bundles_changing"]) == (2, 1)
        assert item["last"]["newest"] == "2026-11-21"
        assert item["last"]["counts"] == {"facilitators": 2, "lkk": 3, "visits": 2}
        # As a database made before m014 had it: only the audit's import row.
        hub.execute("delete from bundle_sources")
        sources.backfill(hub.conn)
        (old,) = sources.sources(hub)
        assert (old["device_id"], old["bundles"], old["area"]) == (item["device_id"], 1, None)
        assert old["last"]["newest"] == "2026-11-21"
        assert old["last"]["counts"] == {"facilitators": 2, "lkk": 3, "visits": 2}
        assert old["last"]["changed"] == 7 and old["last"]["file"] == "a.faskel"
        (counts,) = hub.execute("select counts from bundle_sources").fetchone()
        assert json.loads(counts) == old["last"]["counts"]
    finally:
        hub.close()


def test_progress_only_on_a_terminal_past_two_seconds():
    assert should_show(True, 2.5)
    assert not should_show(True, 1.0)
    assert not should_show(False, 60.0)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_is_written_then_cleared():
    quick = _Terminal()
    progress = Progress(quick)
    progress.step(0, 3, "a.faskel")
    progress.close()
    assert quick.getvalue() == ""  # under two seconds: nothing
    slow = _Terminal()
    progress = Progress(slow, after=0.05)
    progress.step(1, 3, "b\x1b.faskel")
    time.sleep(0.2)  # the timer shows the step that keeps the run going
    progress.close()
    shown = slow.getvalue()
    assert "mengimpor bundel 1/3: b\\x1b.faskel" in shown
    assert shown.endswith("\r\x1b[2K")
    pipe = io.StringIO()
    progress = Progress(pipe, after=0.0)
    progress.step(1, 3, "c.faskel")
    progress.close()
    assert pipe.getvalue() == ""  # not a terminal: never
