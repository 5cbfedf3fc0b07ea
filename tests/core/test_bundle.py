"""Bundles through the core (core.bundle): exchanges between laptops converge whatever the
order, the merge rules (newer wins, ties by device id, tombstones), what an export holds."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from faskel_cli.core import activities, audit, bundle, facilitators, lkk, visits
from faskel_cli.core.db import get_setting
from faskel_cli.core.errors import OutputError
from faskel_cli.messages import text
from tests.helpers import (
    add_activity,
    add_visit,
    canonical,
    db_row,
    dump_unchanged,
    export,
    import_counts,
    read_bundle,
)


def edit_visit(db, visit_id: str, **fields) -> None:
    visits.edit(db, visit_id, visits.VisitInput(**fields))


# --- round trips --------------------------------------------------------------------------


def _work(a, b, c, shared: list[str]) -> dict:
    """Each laptop logs and edits on its own; returns the ids made."""
    made = {"a": add_visit(a.db, male=4), "b": add_visit(b.db, kelurahan="Kauman", who="budi")}
    edit_visit(a.db, shared[0], male=7)
    visits.delete(b.db, shared[1])
    lkk.add(c.db, "Tirto", "rt", "RT 02 Tirto")
    made["c"] = add_visit(c.db, lkk=["RT 02 Tirto"], kelurahan="Tirto")
    edit_visit(c.db, shared[0], female=9)  # later than a's edit: c's version wins
    facilitators.edit(c.db, "budi", phone="0812-555")
    return made


ORDERS = {
    # every laptop imports the others' bundles, in two different orders
    "each-from-each": [("b", "a"), ("b", "c"), ("a", "b"), ("a", "c"), ("c", "a"), ("c", "b")],
    "reversed": [("c", "b"), ("c", "a"), ("a", "c"), ("a", "b"), ("b", "c"), ("b", "a")],
    # a chain: records travel on through the laptop in the middle
    "relay": [("b", "a"), ("c", "b"), ("a", "c"), ("b", "c")],
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_three_databases_converge_in_any_order(laptops, tmp_path, order):
    a, b, c = laptops("a", "b", "c")
    shared = [add_visit(a.db, day="2026-11-20"), add_visit(a.db, day="2026-11-21")]
    start2 = export(a.db, tmp_path / "a-to-all.faskel")
    for other in (b, c):
        import_counts(other.db, start2)
    made = _work(a, b, c, shared)
    by_name = {"a": a, "b": b, "c": c}
    for step, (to, frm) in enumerate(ORDERS[order]):
        # the default export: what changed since the last export to that very file
        path = export(by_name[frm].db, tmp_path / f"{frm}-to-{to}.faskel")
        assert path.exists(), step
        import_counts(by_name[to].db, path)
    dumps = [canonical(laptop.path) for laptop in (a, b, c)]
    assert dumps[0] == dumps[1] == dumps[2]
    for laptop in (a, b, c):
        kept = db_row(laptop.path, "visits", shared[0])
        assert (kept["male"], kept["female"]) == (0, 9)  # the later edit, whole
        assert db_row(laptop.path, "visits", shared[1])["deleted_at"] is not None
        for record_id in made.values():
            assert db_row(laptop.path, "visits", record_id)["deleted_at"] is None
        phones = {f["handle"]: f["phone"] for f in facilitators.list_all(laptop.db)}
        assert phones["budi"] == "0812-555"


def test_reimport_changes_nothing_at_all(laptops, tmp_path):
    a, b = laptops("a", "b")
    add_visit(a.db, lkk=["Posyandu Melati"], notes="Rapat kader")
    path = export(a.db, tmp_path / "a.faskel", everything=True)
    first = import_counts(b.db, path)
    assert first["visits"] == {"added": 1, "updated": 0, "unchanged": 0, "refused": 0}
    before = dump_unchanged(b.path)
    again = import_counts(b.db, path)
    assert again["visits"] == {"added": 0, "updated": 0, "unchanged": 1, "refused": 0}
    assert again["facilitators"]["unchanged"] == 2
    # Not even an audit row: only the bundle received, in bundle_sources (who sent what).
    assert dump_unchanged(b.path) == before
    assert canonical(a.path) == canonical(b.path)


def test_edit_on_one_side_delete_on_the_other(laptops, tmp_path):
    a, b = laptops("a", "b")
    edited_then_deleted = add_visit(a.db, day="2026-11-20")
    deleted_then_edited = add_visit(a.db, day="2026-11-21")
    import_counts(b.db, export(a.db, tmp_path / "a0.faskel"))
    edit_visit(a.db, edited_then_deleted, male=3)
    visits.delete(b.db, edited_then_deleted)  # later: the deletion wins
    visits.delete(b.db, deleted_then_edited)
    edit_visit(a.db, deleted_then_edited, female=5)  # later: the edit wins
    from_a = export(a.db, tmp_path / "a1.faskel")
    from_b = export(b.db, tmp_path / "b1.faskel")
    assert import_counts(b.db, from_a)["visits"]["updated"] == 1
    assert import_counts(a.db, from_b)["visits"]["updated"] == 1
    for laptop in (a, b):
        assert db_row(laptop.path, "visits", edited_then_deleted)["deleted_at"] is not None
        survivor = db_row(laptop.path, "visits", deleted_then_edited)
        assert survivor["deleted_at"] is None and survivor["female"] == 5
    assert canonical(a.path) == canonical(b.path)
    # The version an import replaced is kept in the audit.
    history = audit.history(b.db, deleted_then_edited)
    imported = [h for h in history if h["action"] == "import" and h["before"] is not None]
    assert len(imported) == 1
    assert imported[0]["before"]["deleted_at"] is not None
    assert imported[0]["after"]["deleted_at"] is None and imported[0]["after"]["female"] == 5


def test_same_moment_tie_goes_to_the_larger_device_id(laptops, tmp_path):
    a, b = laptops("a", "b")
    visit_id = add_visit(a.db)
    import_counts(b.db, export(a.db, tmp_path / "a.faskel"))
    devices = {}
    for laptop, notes in ((a, "dari a"), (b, "dari b")):
        device = get_setting(laptop.db, "device_id")
        devices[device] = notes
        conn = sqlite3.connect(laptop.path)
        with conn:
            conn.execute(
                "update visits set notes = ?, updated_at = '2026-11-28T01:00:00.000000Z', "
                "device_id = ? where id = ?",
                [notes, device, visit_id],
            )
        conn.close()
    import_counts(b.db, export(a.db, tmp_path / "a2.faskel"))
    import_counts(a.db, export(b.db, tmp_path / "b2.faskel"))
    winner = devices[max(devices)]
    for laptop in (a, b):
        assert db_row(laptop.path, "visits", visit_id)["notes"] == winner


def test_activities_stages_and_followups_travel(laptops, tmp_path):
    a, b = laptops("a", "b")
    activity = add_activity(a.db, start="2026-11-02", budget="45 juta", lkk_names=["PKK Medono"])
    activities.advance(a.db, activity, on="2026-11-09", note="kerja bakti")
    add_visit(
        a.db,
        activity=activity,
        problems=[visits.ProblemInput("Saluran tersumbat", "Kerja bakti RW 03", "2026-12-05")],
    )
    counts = import_counts(b.db, export(a.db, tmp_path / "a.faskel"))
    assert counts["activities"]["added"] == 1
    assert counts["activity_stages"]["added"] == 2
    assert counts["followups"]["added"] == 1
    assert canonical(a.path) == canonical(b.path)
    shown = activities.get(b.db, activity)
    assert shown["stage"] == "pelaksanaan" and shown["lkk"] == ["PKK Medono"]


# --- export -------------------------------------------------------------------------------


def test_export_remembers_each_target_and_relays_imported_records(laptops, tmp_path):
    a, b, c = laptops("a", "b", "c")
    early = add_visit(a.db)
    to_b, b_to_c = tmp_path / "a-to-b.faskel", tmp_path / "b-to-c.faskel"
    assert import_counts(b.db, export(a.db, to_b, changes=True))["visits"]["added"] == 1
    to_b.unlink()  # sent: a file still there would be carried again (test_bundle_export_scope)
    # Nothing new since the last export to that file; another file gets everything.
    manifest, lines = read_bundle(export(a.db, to_b, changes=True))
    assert (manifest["scope"], lines) == ("changes", [])
    manifest, lines = read_bundle(export(a.db, tmp_path / "a-to-c.faskel", changes=True))
    assert manifest["scope"] == "all" and len(lines) == 6
    # A record made before b's last export to c, but imported into b after it, still
    # travels on in b's next export: exports follow the local change log, not updated_at.
    late = add_visit(a.db, day="2026-11-24")
    import_counts(c.db, export(b.db, b_to_c, changes=True))
    b_to_c.unlink()
    import_counts(b.db, export(a.db, to_b, changes=True))
    manifest, lines = read_bundle(export(b.db, b_to_c, changes=True))
    assert [json.loads(line)["record"]["id"] for line in lines] == [late]
    import_counts(c.db, tmp_path / "b-to-c.faskel")
    assert db_row(c.path, "visits", late) is not None
    assert db_row(c.path, "visits", early) is not None  # in b's first export to c


def test_export_since_and_all(laptops, tmp_path):
    (a,) = laptops("a")
    add_visit(a.db)
    result = bundle.export(a.db, tmp_path / "x.faskel", since=date(2026, 11, 27))
    manifest, lines = read_bundle(tmp_path / "x.faskel")
    assert manifest["scope"] == "since" and manifest["since"] == "2026-11-27"
    assert (result.scope, result.since, result.total) == ("since", "2026-11-27", len(lines))
    # names and phone numbers inside: readable by its owner only
    assert (tmp_path / "x.faskel").stat().st_mode & 0o777 == 0o600
    assert manifest["counts"] == {
        "facilitators": 2,
        "lkk": 3,
        "activities": 0,
        "activity_stages": 0,
        "visits": 1,
        "followups": 0,
    }
    # Records are stamped with the real clock: a since far in the past gives everything.
    _, old = read_bundle(export(a.db, tmp_path / "y.faskel", since=date(2001, 1, 1)))
    assert len(old) == 6
    everything = bundle.export(a.db, tmp_path / "x.faskel", everything=True)
    assert everything.total == 6 and everything.scope == "all"
    assert everything.sha256 == read_bundle(tmp_path / "x.faskel")[0]["sha256"]
    # Each line: the table's columns and the record's links.
    record = json.loads(old[-1])["record"]
    assert set(record) >= {"id", "date", "kelurahan_kode", "updated_at", "deleted_at", "lkk_ids"}


def test_export_refuses_an_unwritable_target(laptops, tmp_path):
    (a,) = laptops("a")
    folder = tmp_path / "folder.faskel"
    folder.mkdir()
    with pytest.raises(OutputError) as caught:
        bundle.export(a.db, folder)
    assert "folder.faskel" in text(caught.value)
    assert list(folder.iterdir()) == []


def test_inspect_reads_the_manifest_and_counts_what_it_holds(laptops, tmp_path):
    (a,) = laptops("a")
    add_visit(a.db)
    path = export(a.db, tmp_path / "a.faskel", everything=True)
    manifest, found, error = bundle.inspect(path)
    assert error is None
    assert found == {"facilitators": 2, "lkk": 3, "visits": 1}
    assert (manifest["format"], manifest["area"]) == ("faskel-bundle", "33.75")
