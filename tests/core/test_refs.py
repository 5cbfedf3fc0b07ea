"""Short references (core/refs.py): made on the laptop, at most 7 characters, the same on
every database whatever the order of imports, never changed, never resolved to the wrong
record; `terakhir`/`last`; ambiguity counted right."""

from __future__ import annotations

import itertools
import json
import sqlite3
from pathlib import Path

import pytest

from faskel_cli.core import activities, audit, followups, lkk, refs, visits
from faskel_cli.core.bundle.wire import REF_PATTERN
from faskel_cli.core.db import connect
from faskel_cli.core.errors import InputError, NotFoundError
from faskel_cli.core.ids import resolve_id
from faskel_cli.core.views import REF_VIEWS, VIEWS_M008
from faskel_cli.messages import text
from tests.helpers import (
    add_activity,
    add_followup,
    add_visit,
    copy_db,
    export,
    import_counts,
    read_bundle,
    write_bundle,
)

ALL = "select ref from visits union all select ref from activities " + (
    "union all select ref from followups union all select ref from lkk"
)


def every_ref(db) -> list[str]:
    return [row[0] for row in db.execute(ALL).fetchall()]


def refs_by_id(db) -> dict[str, str]:
    return dict(
        db.execute(
            "select id, ref from visits union all select id, ref from activities "
            "union all select id, ref from followups union all select id, ref from lkk"
        ).fetchall()
    )


# --- the form -------------------------------------------------------------------------------


def test_the_pattern_of_the_wire_format_is_the_one_refs_make():
    assert REF_PATTERN == refs.PATTERN


@pytest.mark.parametrize(
    ("typed", "ref"),
    [("kmr12", "kmr12"), ("KMR-012", "kmr12"), (" kmr 7 ", "kmr7"), ("zzz9999", "zzz9999")],
)
def test_what_a_person_types_is_read_as_the_reference(typed, ref):
    assert refs.parse(typed) == ref


@pytest.mark.parametrize(
    "typed",
    ["abc123", "01a2331c-4", "kmr0", "kmr12345", "kmi12", "km12", "kmrx12", "", "terakhir"],
)
def test_what_is_not_a_reference(typed):
    """Hex (an id prefix), a zero serial, too many digits, i/l/o, two letters: none."""
    assert refs.parse(typed) is None


def test_every_candidate_tag_starts_with_a_letter_no_id_starts_with():
    tags = {refs.candidate("01a00000-0000-7000-8000-000000000001", n) for n in range(500)}
    assert len(tags) > 450  # spread out
    assert all(tag[0] not in "0123456789abcdef" and len(tag) == 3 for tag in tags)
    assert all(refs.is_ref(f"{tag}{n}") for tag in tags for n in (1, 9999))


# --- made here ------------------------------------------------------------------------------


def test_every_kind_gets_a_short_reference_from_one_counter(db):
    before = every_ref(db)  # the seeded facilitators' LKK
    visit_id = add_visit(db, problems=[("Saluran mampet", "Kerja bakti")])
    activity_id = add_activity(db)
    followup_id = add_followup(db)
    made = lkk.add(db, "Tirto", "pkk", "PKK Tirto")
    new = [r for r in every_ref(db) if r not in before]
    assert len(new) == len(set(new)) == 5  # visit, its follow-up, activity, follow-up, LKK
    assert all(len(r) <= 7 and refs.is_ref(r) for r in new)
    assert len({refs.tag_of(r) for r in [*before, *new]}) == 1  # one tag: this database's
    serials = sorted(int(r[3:]) for r in [*before, *new])
    assert serials == list(range(1, len(serials) + 1))  # one counter across kinds
    assert visits.get(db, visit_id)["ref"] in new
    assert activities.get(db, activity_id)["ref"] in new
    assert followups.get(db, followup_id)["ref"] in new
    assert made["ref"] in new
    # each is accepted where its id is, and names its own record only
    for table, record_id, get in (
        ("visits", visit_id, visits.get),
        ("activities", activity_id, activities.get),
        ("followups", followup_id, followups.get),
    ):
        ref = get(db, record_id)["ref"]
        assert resolve_id(db, table, ref.upper(), entity="x") == record_id
        assert audit.history(db, ref)[0]["entity_id"] == record_id
    assert lkk.resolve(db, made["ref"])["id"] == made["id"]


def test_a_reference_of_another_kind_is_refused_naming_its_kind(db):
    add_visit(db, problems=[("Saluran mampet", "Kerja bakti")])
    followup = followups.list_followups(db, followups.FollowupFilter(status="all"))[0]
    with pytest.raises(NotFoundError) as caught:
        visits.resolve(db, followup["ref"])
    assert caught.value.key == "err.ref_other_kind"
    assert "tindak lanjut" in text(caught.value)


def test_the_shown_form_never_changes_when_records_come_and_go(db):
    ids = [add_visit(db, notes=f"kunjungan {n}") for n in range(5)]
    shown = {i: visits.get(db, i)["ref"] for i in ids}
    visits.delete(db, shown[ids[2]])
    visits.delete(db, ids[4])
    later = [add_visit(db, notes=f"lagi {n}") for n in range(3)]
    assert {i: visits.get(db, i)["ref"] for i in ids} == shown
    fresh = {visits.get(db, i)["ref"] for i in later}
    assert not fresh & set(shown.values())  # a deleted record's reference is never reused
    listed = {v["id"]: v["ref"] for v in visits.list_visits(db, visits.VisitFilter())}
    assert all(listed[i] == shown[i] for i in ids if i in listed)
    visits.restore(db, shown[ids[2]])
    assert visits.get(db, ids[2])["ref"] == shown[ids[2]]


def test_sheet_import_and_seeded_records_get_references(empty_db):
    from faskel_cli.core import sample
    from faskel_cli.core.paths import data_file

    sample.load_sample(empty_db, data_file("sample.json"))
    made = every_ref(empty_db)
    assert made and None not in made and len(made) == len(set(made))


def test_a_tag_that_runs_out_of_serials_gives_way_to_a_new_one(db):
    tag = db.execute("select tag from ref_tags").fetchone()[0]
    db.execute("update ref_tags set serial = ?", [refs.MAX_SERIAL - 1])
    first, second = add_visit(db, notes="a"), add_visit(db, notes="b")
    assert visits.get(db, first)["ref"] == f"{tag}{refs.MAX_SERIAL}"
    other = visits.get(db, second)["ref"]
    assert refs.tag_of(other) != tag and other.endswith("1") and len(other) == 4


# --- terakhir / last ------------------------------------------------------------------------


def test_terakhir_is_the_newest_record_of_that_kind_made_here(db):
    first = add_visit(db, notes="pertama")
    newest = add_visit(db, day="2026-11-02", notes="kedua")  # an older day, made later
    add_followup(db)
    assert visits.resolve(db, "terakhir") == newest
    assert visits.resolve(db, "LAST") == newest
    item, _ = visits.edit(db, "terakhir", visits.VisitInput(female="21"))
    assert (item["id"], item["female"]) == (newest, 21)
    assert followups.resolve(db, "terakhir") != newest
    visits.delete(db, "terakhir")
    assert visits.resolve(db, "terakhir") == newest  # never silently the one before
    with pytest.raises(NotFoundError) as caught:
        resolve_id(db, "visits", "terakhir", entity="kunjungan", include_deleted=False)
    assert caught.value.key == "err.ref_last_deleted"
    assert audit.history(db, "terakhir")[0]["entity"] == "followup"
    assert first != newest


def test_terakhir_with_nothing_made_here(empty_db):
    with pytest.raises(NotFoundError) as caught:
        activities.resolve(empty_db, "terakhir")
    assert caught.value.key == "err.ref_no_last"


# --- ambiguity ------------------------------------------------------------------------------


def test_an_ambiguous_prefix_is_counted_right_and_names_three(db, db_path):
    ids = [add_visit(db, notes=f"v{n}") for n in range(8)]
    conn = sqlite3.connect(db_path)
    with conn:
        for n, visit_id in enumerate(ids):
            new = f"01a00000-0000-7000-8000-00000000000{n}"
            conn.execute("update visits set id = ? where id = ?", [new, visit_id])
            conn.execute("update audit set entity_id = ? where entity_id = ?", [new, visit_id])
    conn.close()
    with pytest.raises(InputError) as caught:
        visits.resolve(db, "01a00000-0000")
    assert caught.value.key == "err.id_ambiguous"
    assert caught.value.params["n"] == 8
    assert caught.value.params["matches"].count("01a00000") == 3
    with pytest.raises(InputError) as caught:
        visits.resolve(db, "01a000000000")  # typed without hyphens
    assert caught.value.params["n"] == 8
    with pytest.raises(InputError) as caught:
        audit.history(db, "01a00000-0000")
    assert caught.value.params["n"] == 8


# --- bundles --------------------------------------------------------------------------------


@pytest.fixture
def laptops(laptop_templates, tmp_path):
    """Laptops a (the coordinator's first records), b and c, each with its own device."""
    out = {}
    for name in "abc":
        path = copy_db(laptop_templates / f"{name}.db", tmp_path / f"{name}.db")
        out[name] = connect(path)
    yield out
    for database in out.values():
        database.close()


def _work(laptops, tmp_path) -> dict[str, Path]:
    bundles = {}
    for name, database in laptops.items():
        for n in range(3):
            add_visit(database, notes=f"{name}{n}", problems=[("Kendala", "Tindak")])
        add_activity(database, title=f"Kegiatan {name}")
        bundles[name] = export(database, tmp_path / f"{name}.faskel", everything=True)
    return bundles


def test_references_are_unique_and_the_same_in_every_import_order(
    laptops, laptop_templates, tmp_path
):
    bundles = _work(laptops, tmp_path)
    made = {}
    for database in laptops.values():
        made.update(refs_by_id(database))
    seen = []
    for n, order in enumerate(itertools.permutations("abc")):
        if n % 2:
            continue  # three of the six orders keep the test fast
        path = copy_db(laptop_templates / "a.db", tmp_path / f"coord{n}.db")
        # the coordinator is a laptop of its own: a new device
        conn = sqlite3.connect(path)
        with conn:
            conn.execute("update settings set value = ? where key = 'device_id'", [f"{n}" * 8])
        conn.close()
        coordinator = connect(path)
        try:
            import_counts(coordinator, *(bundles[name] for name in order))
            found = refs_by_id(coordinator)
        finally:
            coordinator.close()
        assert all(found[i] == ref for i, ref in made.items())  # each kept its laptop's
        assert len(set(found.values())) == len(found)  # unique after merging every laptop
        seen.append(found)
    assert seen[0] == seen[1] == seen[2]


def test_two_laptops_that_drew_the_same_tag_are_never_confused(laptops, tmp_path):
    a, b = laptops["a"], laptops["b"]
    for database in (a, b):  # as if both had drawn "zzz" before ever exchanging a bundle
        database.execute("update ref_tags set retired_at = '2026-01-01T00:00:00.000000Z'")
        database.execute(
            "insert into ref_tags (tag, serial, since, reason) values ('zzz', 0, 'x', 'first')"
        )
        database.conn.commit()
    on_a = add_visit(a, notes="di a")
    on_b = add_visit(b, notes="di b")
    assert visits.get(a, on_a)["ref"] == visits.get(b, on_b)["ref"] == "zzz1"
    import_counts(b, export(a, tmp_path / "a.faskel", everything=True))
    with pytest.raises(InputError) as caught:
        visits.resolve(b, "zzz1")
    assert caught.value.key == "err.ref_ambiguous" and caught.value.params["n"] == 2
    assert on_a in text(caught.value) and on_b in text(caught.value)
    assert visits.resolve(b, on_a[:-2]) == on_a  # its id still names it
    assert visits.get(b, on_b)["ref"] == "zzz1"  # the shown form stays
    following = visits.get(b, add_visit(b, notes="sesudah"))["ref"]
    assert refs.tag_of(following) not in ("zzz", refs.tag_of(visits.get(a, on_a)["ref"]))
    retired = "select count(*) from ref_tags where tag = 'zzz' and retired_at is not null"
    assert b.execute(retired).fetchone()[0] == 1
    import_counts(a, export(b, tmp_path / "b.faskel", everything=True))
    assert refs.tag_of(visits.get(a, add_visit(a, notes="juga"))["ref"]) != "zzz"
    shown = {v["ref"] for v in visits.list_visits(b, visits.VisitFilter())} - {"zzz1"}
    assert len(shown) == len(visits.list_visits(b, visits.VisitFilter())) - 2


def _without_refs(path: Path, target: Path) -> Path:
    manifest, lines = read_bundle(path)
    stripped = []
    for line in lines:
        item = json.loads(line)
        item["record"].pop("ref", None)
        stripped.append(json.dumps(item).encode() + b"\n")
    return write_bundle(target, manifest, stripped)


@pytest.mark.parametrize("batch", [refs.BATCH, 2], ids=["one batch", "batches of 2"])
def test_a_bundle_without_references_gets_them_on_arrival_the_same_way_twice(
    laptops, laptop_templates, tmp_path, monkeypatch, batch
):
    monkeypatch.setattr(refs, "BATCH", batch)
    a = laptops["a"]
    for n in range(3):
        add_visit(a, notes=f"lama {n}", problems=[("Kendala", "Tindak")])
    old = _without_refs(export(a, tmp_path / "a.faskel", everything=True), tmp_path / "old.faskel")
    results = []
    for n in range(2):
        path = copy_db(laptop_templates / "b.db", tmp_path / f"b{n}.db")
        database = connect(path)
        try:
            import_counts(database, old)
            results.append(refs_by_id(database))
            assert None not in results[-1].values()
            assert len(set(results[-1].values())) == len(results[-1])
            # what came without a reference got this database's, oldest first
            new = [
                row[0]
                for row in database.execute(
                    "select ref from visits where notes like 'lama %' order by created_at, id"
                )
            ]
            own = database.execute("select tag from ref_tags").fetchone()[0]
            assert all(refs.tag_of(r) == own for r in new)
            assert [int(r[3:]) for r in new] == sorted(int(r[3:]) for r in new)
        finally:
            database.close()
    assert results[0] == results[1]


def test_a_newer_version_never_changes_a_reference_here(laptops, tmp_path):
    a, b = laptops["a"], laptops["b"]
    visit_id = add_visit(a, notes="asli")
    import_counts(b, export(a, tmp_path / "one.faskel", everything=True))
    kept = visits.get(b, visit_id)["ref"]
    visits.edit(a, visit_id, visits.VisitInput(male="3"))
    manifest, lines = read_bundle(export(a, tmp_path / "two.faskel", everything=True))
    changed = []
    for line in lines:
        item = json.loads(line)
        if item["record"]["id"] == visit_id:
            item["record"]["ref"] = "zzz77"
        changed.append(json.dumps(item).encode() + b"\n")
    import_counts(b, write_bundle(tmp_path / "three.faskel", manifest, changed))
    assert visits.get(b, visit_id)["male"] == 3
    assert visits.get(b, visit_id)["ref"] == kept


# --- a database made before references ------------------------------------------------------


@pytest.mark.parametrize("batch", [refs.BATCH, 2], ids=["one batch", "batches of 2"])
def test_the_migration_gives_old_records_references_oldest_first(db, db_path, monkeypatch, batch):
    monkeypatch.setattr(refs, "BATCH", batch)
    ids = [add_visit(db, notes=f"v{n}") for n in range(3)]
    db.close()
    conn = sqlite3.connect(db_path)
    with conn:
        shipped = {  # the views as m008 made them, before m017 showed the references
            part.strip().removeprefix("create view ").split(" ", 1)[0]: part
            for part in VIEWS_M008.split(";\n")
            if part.strip()
        }
        for view in REF_VIEWS:
            conn.execute(f"drop view [{view}]")
            conn.execute(shipped[view])
        conn.execute("delete from _sqlite_migrations where name = 'm017_view_refs'")
        for table in refs.TABLES:
            conn.execute(f"drop index [{table}_ref]")
            conn.execute(f"alter table [{table}] drop column ref")
        conn.execute("drop table ref_tags")
        conn.execute("delete from _faskel_tables where nama = 'ref_tags'")
        conn.execute("delete from _sqlite_migrations where name = 'm009_short_refs'")
        log = conn.execute("select max(seq) from change_log").fetchone()[0]
    conn.close()
    again = connect(db_path)
    try:
        shown = [visits.get(again, i)["ref"] for i in ids]
        assert all(refs.is_ref(r) for r in shown)
        assert [int(r[3:]) for r in shown] == sorted(int(r[3:]) for r in shown)
        assert None not in every_ref(again)
        # nothing to export again: the change log did not grow
        assert again.execute("select max(seq) from change_log").fetchone()[0] == log
        add_visit(again, notes="baru")  # the triggers are back
        assert again.execute("select max(seq) from change_log").fetchone()[0] > log
    finally:
        again.close()


def test_rows_of_a_sheet_become_visits_with_references_and_may_name_an_activity_by_its_own(
    db, tmp_path
):
    from faskel_cli.core import sheet_import

    activity = activities.get(db, add_activity(db))
    path = tmp_path / "kunjungan.csv"
    path.write_text(
        "tanggal,kelurahan,fasilitator,jenis,bidang,kegiatan\n"
        f"23/11/2026,Medono,siti,pendampingan,kesadaran,{activity['ref']}\n"
        "24/11/2026,Tirto,siti,bimbingan,perencanaan,\n",
        encoding="utf-8",
    )
    found: list = []
    result = sheet_import.run(db, path, on_problem=found.append)
    assert found == [] and result.visits.added == 2
    rows = db.execute("select ref, activity_id from visits order by date").fetchall()
    assert all(refs.is_ref(ref) for ref, _ in rows) and len({ref for ref, _ in rows}) == 2
    assert rows[0][1] == activity["id"]
    assert visits.resolve(db, "terakhir") in {
        row[0] for row in db.execute("select id from visits").fetchall()
    }
