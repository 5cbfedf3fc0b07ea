"""A wrong clock wins nothing: a version stamped later than the importing computer's clock
plus a tolerance is refused, named; and a local edit always orders after the version it
edited, whatever the clock of the laptop making it says (a hybrid logical clock)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from faskel_cli.core import clock
from faskel_cli.core.bundle.identity import next_stamp_sql
from faskel_cli.core.bundle.wire import CLOCK_TOLERANCE_MINUTES
from tests.helpers import Cli, canonical, dump, dump_unchanged

T = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)  # 10:00 WIB on the frozen day


def at(moment: datetime) -> dict:
    """The environment of a laptop whose clock says `moment`."""
    return {"FASKEL_NOW": moment.isoformat()}


def add_visit(cli: Cli, moment: datetime, *extra: str) -> str:
    return cli.ok(
        "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
        "--kind", "pendampingan", "--strand", "kesadaran", *extra, env=at(moment),
    ).stdout.strip()  # fmt: skip


def export(cli: Cli, path: Path, moment: datetime) -> Path:
    cli.ok("bundle", "export", "--output", str(path), env=at(moment))
    return path


def visit_row(db_path: Path, visit_id: str) -> dict:
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return dict(conn.execute("select * from visits where id = ?", [visit_id]).fetchone())
    finally:
        conn.close()


def laptops(tmp_path: Path, *names: str) -> list[Cli]:
    """The first has siti (made at T); the others start from its bundle."""
    first = Cli(tmp_path / f"{names[0]}.db")
    first.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", env=at(T))
    start = export(first, tmp_path / "start.faskel", T)
    others = []
    for name in names[1:]:
        cli = Cli(tmp_path / f"{name}.db")
        cli.ok("bundle", "import", str(start), env=at(T))
        others.append(cli)
    return [first, *others]


# --- the clock -----------------------------------------------------------------------------


def test_next_stamp_is_now_or_just_after_the_version_edited(monkeypatch):
    monkeypatch.setenv("FASKEL_NOW", T.isoformat())
    assert clock.next_stamp(None) == "2026-11-28T03:00:00.000000Z"
    assert clock.next_stamp("2026-11-27T00:00:00.000000Z") == "2026-11-28T03:00:00.000000Z"
    assert clock.next_stamp("2099-01-01T00:00:00.000000Z") == "2099-01-01T00:00:00.000001Z"
    assert clock.next_stamp("2026-11-28T03:00:00.000000Z") == "2026-11-28T03:00:00.000001Z"


@pytest.mark.parametrize(
    ("stamp", "following"),
    [
        ("2026-11-28T03:00:00.000000Z", "2026-11-28T03:00:00.000001Z"),
        ("2026-11-28T03:00:00.999998Z", "2026-11-28T03:00:00.999999Z"),
        ("2026-11-28T03:00:59.999999Z", "2026-11-28T03:01:00.000000Z"),
        ("2026-12-31T23:59:59.999999Z", "2027-01-01T00:00:00.000000Z"),
        ("2028-02-28T23:59:59.999999Z", "2028-02-29T00:00:00.000000Z"),
    ],
)
def test_the_sql_tick_agrees_with_the_clock(stamp, following):
    conn = sqlite3.connect(":memory:")
    sql = f"select {next_stamp_sql(':s')}"
    assert conn.execute(sql, {"s": stamp}).fetchone()[0] == following
    moment = clock.parse_stamp(stamp) + clock.TICK
    assert clock.utc_stamp(moment) == following


# --- refused: a version from a clock far ahead -----------------------------------------------


def test_a_laptop_whose_clock_says_2099_is_refused_naming_the_record(tmp_path):
    a, wrong = laptops(tmp_path, "a", "wrong")
    future = datetime(2099, 1, 1, tzinfo=UTC)
    visit = add_visit(wrong, future)
    wrong.ok("facilitator", "edit", "siti", "--phone", "0812-2099", env=at(future))
    path = export(wrong, tmp_path / "wrong.faskel", future)
    before = dump(a.db_path)
    error = a.fails("--lang", "en", "bundle", "import", str(path), code=4, env=at(T)).stderr
    assert dump(a.db_path) == before
    assert "2099-01-01T00:00:00.000000Z" in error
    assert f"more than {CLOCK_TOLERANCE_MINUTES} minutes ahead of this computer's clock" in error
    device = wrong.ok("config", "get", "device_id").stdout.strip()
    assert f"(device {device[-12:]}) has a wrong clock" in error
    result = a("bundle", "import", str(path), "--dry-run", "--format", "json", env=at(T))
    assert result.exit_code == 4
    assert dump(a.db_path) == before
    # Its clock set right, the laptop is told, and re-stamps what it stamped ahead.
    right = T + timedelta(hours=1)
    warned = wrong.ok("bundle", "export", "-o", str(path), env=at(right)).stderr
    assert "faskel bundle restamp" in warned
    restamped = wrong.json("bundle", "restamp", env=at(right))
    assert restamped == {"facilitators": 1, "visits": 1}
    assert visit_row(wrong.db_path, visit)["updated_at"] == clock.utc_stamp(right)
    assert visit_row(wrong.db_path, visit)["created_at"] == clock.utc_stamp(right)
    assert wrong.json("bundle", "restamp", env=at(right)) == {}  # nothing left to do
    assert "restamp" in [h["action"] for h in wrong.json("history", visit, env=at(right))]
    a.ok("bundle", "import", str(export(wrong, path, right)), env=at(right))
    assert visit in [v["id"] for v in a.json("visit", "list", env=at(right))]
    assert a.json("facilitator", "list")[0]["phone"] == "0812-2099"


def test_a_clock_a_few_minutes_ahead_is_fine_and_an_edit_after_it_still_wins(tmp_path):
    a, b, c = laptops(tmp_path, "a", "b", "c")
    ahead = T + timedelta(minutes=CLOCK_TOLERANCE_MINUTES - 1)
    visit = add_visit(b, ahead, "--male", "3")
    a.ok("bundle", "import", str(export(b, tmp_path / "b.faskel", ahead)), env=at(T))
    stamp = visit_row(a.db_path, visit)["updated_at"]
    assert stamp == clock.utc_stamp(ahead)
    # a edits it one minute later by its own clock, still before the version's stamp:
    a.ok("visit", "edit", visit, "--male", "4", env=at(T + timedelta(minutes=1)))
    edited = visit_row(a.db_path, visit)
    assert edited["updated_at"] > stamp  # 1 µs after the version edited
    for other in (b, c):
        other.ok("bundle", "import", str(export(a, tmp_path / "a.faskel", T)), env=at(T))
        assert visit_row(other.db_path, visit)["male"] == 4
    # More than the tolerance ahead: refused.
    far = T + timedelta(minutes=CLOCK_TOLERANCE_MINUTES + 1)
    add_visit(c, far)
    error = a.fails("bundle", "import", str(export(c, tmp_path / "c.faskel", far)), env=at(T))
    assert "lebih dari 10 menit di depan jam komputer ini" in error.stderr


def test_edits_order_after_what_they_edit_whatever_each_laptops_clock(tmp_path):
    """Three laptops, three clocks: a right, b a day behind, c an hour ahead of a. Each
    edit of the shared visit wins everywhere, in the order they were made."""
    a, b, c = laptops(tmp_path, "a", "b", "c")
    visit = add_visit(a, T, "--male", "1")
    start = export(a, tmp_path / "a0.faskel", T)
    for other in (b, c):
        other.ok("bundle", "import", str(start), env=at(T))
    behind = T - timedelta(days=1)
    b.ok("visit", "edit", visit, "--male", "2", env=at(behind + timedelta(minutes=5)))
    assert visit_row(b.db_path, visit)["updated_at"] > clock.utc_stamp(T)
    c.ok("bundle", "import", str(export(b, tmp_path / "b1.faskel", behind)), env=at(T))
    ahead = T + timedelta(minutes=5)
    c.ok("visit", "edit", visit, "--female", "7", env=at(ahead))
    a.ok("bundle", "import", str(export(c, tmp_path / "c1.faskel", ahead)), env=at(ahead))
    a.ok("visit", "delete", visit, env=at(T + timedelta(minutes=2)))  # a's clock: earlier
    for x, y in ((a, b), (a, c), (b, c), (c, a), (b, a), (c, b)):
        y.ok("bundle", "import", str(export(x, tmp_path / "x.faskel", ahead)), env=at(ahead))
    dumps = [canonical(cli.db_path) for cli in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    final = visit_row(a.db_path, visit)
    assert (final["male"], final["female"]) == (2, 7)  # b's edit, then c's, then ...
    assert final["deleted_at"] is not None  # ... a's delete, the last one made
    history = [h["action"] for h in a.json("history", visit, env=at(ahead))]
    assert history[0] == "create" and history[-1] == "delete"


def test_a_record_stamped_ahead_by_an_older_faskel_is_not_reverted_by_an_edit(tmp_path):
    """Before this rule an import took any stamp: a record stamped 2099 is in the database.
    An edit of it stamps after it (not the lower clock time), so importing the old version
    again cannot revert the edit (and that version is refused now anyway)."""
    a, b = laptops(tmp_path, "a", "b")
    visit = add_visit(a, T)
    old = export(a, tmp_path / "old.faskel", T)
    b.ok("bundle", "import", str(old), env=at(T))
    poisoned = "2099-01-01T00:00:00.000000Z"
    for cli in (a, b):  # as an older faskel let it in
        conn = sqlite3.connect(cli.db_path)
        with conn:
            conn.execute(
                "update visits set updated_at = ?, notes = 'lama' where id = ?", [poisoned, visit]
            )
        conn.close()
    b.ok("visit", "edit", visit, "--notes", "baru", env=at(T + timedelta(hours=1)))
    row = visit_row(b.db_path, visit)
    assert row["notes"] == "baru" and row["updated_at"] == "2099-01-01T00:00:00.000001Z"
    # The version it edited, imported again, changes nothing: the edit is later.
    before = dump_unchanged(b.db_path)
    result = b("bundle", "import", str(old), "--format", "json", env=at(T))
    assert result.exit_code == 0
    assert dump_unchanged(b.db_path) == before
