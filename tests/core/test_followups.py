"""Follow-ups through the core: from a visit's problems or on their own; open, overdue and
done as of a day; done, reopen, delete, restore, edit; every bad input refused with the
database untouched."""

from __future__ import annotations

from datetime import date

import pytest

from faskel_cli.core import audit, facilitators, followups, regions, settings, visits
from faskel_cli.core.errors import ConflictError, FaskelError, InputError, NotFoundError
from faskel_cli.core.sample import load_sample
from faskel_cli.messages import text
from tests.helpers import ROOT, add_activity, add_followup, add_visit, dump, query

KEYS = followups.KEYS


def problem_dates(db_path) -> list[str]:
    return [r[0] for r in query(db_path, "select problem_date from followups order by problem")]


def listed(db, status="open", as_of=None, **flt) -> list[str]:
    """The ids listed, in order."""
    found = followups.list_followups(db, followups.FollowupFilter(status, as_of=as_of, **flt))
    return [r["id"] for r in found]


def test_visit_problems_become_followups(db, db_path):
    activity_id = add_activity(db)
    visit_id = add_visit(
        db,
        strand="pemetaan",
        activity=activity_id,
        problems=[
            visits.ProblemInput(
                "Bukti belanja belum lengkap", "Bendahara melengkapi nota", "2026-11-30", "budi"
            ),
            ("Saluran RT 02 tersumbat", "Koordinasi dengan DLH"),
        ],
    )
    rows = followups.list_followups(db, followups.FollowupFilter())
    assert all(list(followups.public(r)) == KEYS for r in rows)
    by_problem = {r["problem"]: r for r in rows}
    first = by_problem["Bukti belanja belum lengkap"]
    second = by_problem["Saluran RT 02 tersumbat"]
    assert (first["action"], first["due"], first["owner"]) == (
        "Bendahara melengkapi nota",
        "2026-11-30",
        "budi",
    )
    assert (second["action"], second["due"], second["owner"]) == (
        "Koordinasi dengan DLH",
        "2026-12-07",  # no due given: the problem date + followup_days (14)
        "siti",  # the visit's facilitator
    )
    for row in (first, second):
        assert row["visit_id"] == visit_id and row["activity_id"] == activity_id
        assert (row["status"], row["done_date"], row["resolution"]) == ("open", None, None)
        assert row["kelurahan_kode"] == "33.75.01.1002" and len(row["id"]) == 36
    # the problem date is the visit's date (data contract)
    assert set(problem_dates(db_path)) == {"2026-11-23"}
    assert [h["action"] for h in audit.history(db, first["id"])] == ["create"]


def test_followup_add_on_its_own(db):
    followup_id = add_followup(db, due="2026-11-20", owner="siti")
    item = followups.get(db, followups.resolve(db, followup_id[:13]))
    assert list(item) == KEYS
    assert (item["problem"], item["due"], item["owner"], item["visit_id"]) == (
        "Kader posyandu kurang",
        "2026-11-20",
        "siti",
        None,
    )
    # owner defaults to `me`; problem date defaults to today
    settings.set_value(db, "me", "budi")
    item = followups.add(db, kelurahan="Kauman", problem="Kas BKM", action="Bimbingan")
    assert item["owner"] == "budi" and item["kelurahan"] == "Kauman"
    assert followups.show(db, item["id"])["problem_date"] == "2026-11-28"


def test_followup_add_from_visit_and_activity(db, db_path):
    visit_id = add_visit(db, strand="pemetaan")
    item = followups.add(
        db,
        visit=visit_id[:13],
        problem="Daftar hadir hilang",
        action="Buat daftar hadir baru",
        due="2026-11-23",  # the same day as the problem is fine
    )
    assert (item["kelurahan"], item["visit_id"], item["owner"]) == ("Medono", visit_id, "siti")
    assert problem_dates(db_path) == ["2026-11-23"]
    activity_id = add_activity(db, kelurahan="Kauman")
    item = followups.add(db, activity=activity_id, problem="LPJ", action="Dampingi")
    assert (item["kelurahan"], item["activity_id"], item["owner"]) == (
        "Kauman",
        activity_id,
        None,
    )


def _three(db):
    """As of 2026-11-28: one overdue (Medono, siti), one open (Tirto, budi), one done."""
    overdue = add_followup(db, problem="A terlambat", due="2026-11-20", owner="siti")
    open_ = add_followup(db, problem="B terbuka", due="2026-12-05", owner="budi", kelurahan="Tirto")
    done = add_followup(db, problem="C selesai", due="2026-11-15", kelurahan="Kauman")
    followups.done(db, done, note="Sudah beres", on="2026-11-14")
    return overdue, open_, done


def test_list_open_overdue_done_and_filters(db):
    overdue, open_, done = _three(db)
    assert listed(db) == [overdue, open_]  # open by default, earliest due first
    assert listed(db, "overdue") == [overdue]
    assert listed(db, "done") == [done]
    assert set(listed(db, "all")) == {overdue, open_, done}
    assert listed(db, kelurahan_kode=regions.kelurahan(db, "Tirto").kode) == [open_]
    barat = regions.kecamatan(db, "Pekalongan Barat").kode
    assert listed(db, kecamatan_kode=barat) == [overdue, open_]
    budi = facilitators.resolve(db, "budi")["id"]
    assert listed(db, owner_id=budi) == [open_]
    states = {
        r["id"]: (r["state"], r["days_overdue"])
        for r in followups.list_followups(db, followups.FollowupFilter("all"))
    }
    assert states == {overdue: ("overdue", 8), open_: ("open", 0), done: ("done", 0)}


def test_list_as_of(db):
    overdue, open_, done = _three(db)
    # before the due date nothing is overdue; before being done, it was open
    assert listed(db, "overdue", date(2026, 11, 20)) == []
    assert listed(db, "overdue", date(2026, 11, 21)) == [overdue]
    assert done in listed(db, as_of=date(2026, 11, 13))
    assert listed(db, "done", date(2026, 11, 13)) == []
    assert listed(db, "done", date(2026, 11, 14)) == [done]
    # problems met after the day are not there yet
    assert listed(db, "all", date(2026, 11, 9)) == []
    assert listed(db, as_of=date(2026, 1, 1)) == []


def test_done_reopen_and_history(db):
    followup_id = add_followup(db, due="2026-11-20")
    item = followups.done(db, followup_id, note="Dua kader baru dilatih")
    assert (item["status"], item["done_date"], item["resolution"]) == (
        "done",
        "2026-11-28",
        "Dua kader baru dilatih",
    )
    item = followups.reopen(db, followup_id, note="Kader mengundurkan diri lagi")
    assert (item["status"], item["done_date"], item["resolution"]) == ("open", None, None)
    history = audit.history(db, followup_id)
    assert [h["action"] for h in history] == ["create", "done", "reopen"]
    assert history[1]["after"]["resolution"] == "Dua kader baru dilatih"
    assert history[2]["before"]["resolution"] == "Dua kader baru dilatih"
    assert history[2]["after"]["note"] == "Kader mengundurkan diri lagi"
    assert followups.done(db, followup_id, note="Selesai", on="2026-11-27")["done_date"] == (
        "2026-11-27"
    )


def test_delete_and_restore(db, db_path):
    followup_id = add_followup(db)
    followups.delete(db, followup_id)
    assert listed(db, "all") == []
    assert followups.show(db, followup_id)["deleted_at"] is not None
    before = dump(db_path)
    with pytest.raises(ConflictError):
        followups.done(db, followup_id, note="x")
    with pytest.raises(ConflictError):
        followups.delete(db, followup_id)
    assert dump(db_path) == before
    followups.restore(db, followup_id)
    with pytest.raises(ConflictError):
        followups.restore(db, followup_id)
    assert len(listed(db)) == 1
    assert followups.show(db, followup_id)["deleted_at"] is None


# --- bad input ------------------------------------------------------------------------------

BAD_VISIT_PROBLEMS = [
    ({"followups": ["Rekrut kader"]}, "--problem"),  # a follow-up without a problem
    ({"problems": ["A"], "followups": ["a", "b"]}, "--problem"),
    ({"problems": ["Kader kurang"]}, "--followup"),  # a problem without a follow-up
    ({"problems": ["A"], "followups": ["a"], "dues": ["2026-11-22"]}, "2026-11-22"),
    ({"problems": ["A"], "followups": ["a"], "dues": ["besok"]}, "--due"),
    ({"problems": ["A"], "followups": ["a"], "owners": ["sity"]}, "siti"),
    ({"problems": [" "], "followups": ["a"]}, "--problem"),
    ({"problems": ["A"], "followups": ["a"], "dues": ["2026-11-30", "2026-12-01"]}, "--due"),
]


@pytest.mark.parametrize(("options", "hint"), BAD_VISIT_PROBLEMS)
def test_bad_visit_problems_refused(db, db_path, options, hint):
    """As `visit add` pairs each --problem with its --followup (and --due, --owner)."""
    before = dump(db_path)
    lists = {"problems": [], "followups": [], "dues": [], "owners": [], **options}
    with pytest.raises(FaskelError) as caught:
        problems = visits.problems_from_options(**lists)
        add_visit(db, strand="pemetaan", problems=problems)
    assert hint in text(caught.value)
    assert dump(db_path) == before  # the visit is not written either


BAD_ADDS = [
    ({"due": "2026-11-09"}, "2026-11-09"),  # before the problem's date (2026-11-10)
    ({"on": "2026-12-01"}, "2026-12-01"),  # in the future
    ({"problem": ""}, "--problem"),
    ({"owner": "nobody"}, "nobody"),
    ({"visit": "ffffffff"}, "ffffffff"),
    ({"activity": "ffffffff"}, "ffffffff"),
]


@pytest.mark.parametrize(("fields", "hint"), BAD_ADDS)
def test_bad_followup_add_refused(db, db_path, fields, hint):
    before = dump(db_path)
    with pytest.raises(FaskelError) as caught:
        add_followup(db, **{"problem": "Kader kurang", "action": "Rekrut kader", **fields})
    assert hint in text(caught.value)
    assert dump(db_path) == before


def test_followup_add_missing_and_wrong_kelurahan_refused(db, db_path):
    visit_id = add_visit(db, strand="pemetaan")
    activity_id = add_activity(db, kelurahan="Kauman")
    before = dump(db_path)

    def refused(**fields) -> str:
        with pytest.raises(InputError) as caught:
            followups.add(db, **fields)
        return text(caught.value)

    assert "--kelurahan, --problem, --action" in refused()
    base = {"problem": "P", "action": "A"}
    message = refused(**base, kelurahan="Tirto", visit=visit_id)
    assert "Medono" in message and "Tirto" in message
    message = refused(**base, kelurahan="Medono", activity=activity_id)
    assert "Kauman" in message and "Medono" in message
    assert "Kauman" in refused(**base, visit=visit_id, activity=activity_id)
    assert "2026-11-23" in refused(**base, visit=visit_id, due="2026-11-20")  # before the visit
    assert dump(db_path) == before


def test_done_and_reopen_refusals(db, db_path):
    followup_id = add_followup(db)
    before = dump(db_path)

    def refused(error, action, **options) -> str:
        with pytest.raises(error) as caught:
            action(db, followup_id, **options)
        return text(caught.value)

    assert "--note" in refused(InputError, followups.done, note=None)
    assert "2026-11-10" in refused(InputError, followups.done, note="x", on="2026-11-09")
    refused(InputError, followups.done, note="x", on="2026-12-01")  # in the future
    assert "masih terbuka" in refused(ConflictError, followups.reopen, note="x")
    assert dump(db_path) == before
    followups.done(db, followup_id, note="Selesai", on="2026-11-20")
    before = dump(db_path)
    message = refused(ConflictError, followups.done, note="lagi")
    assert "sudah selesai" in message and "2026-11-20" in message
    assert "--note" in refused(InputError, followups.reopen, note=" ")
    with pytest.raises(NotFoundError):
        followups.done(db, "ffffffff", note="x")
    assert dump(db_path) == before


def test_sample_has_open_overdue_and_done_followups(empty_db):
    load_sample(empty_db, ROOT / "data" / "sample.json")

    def rows(status):
        return followups.list_followups(empty_db, followups.FollowupFilter(status))

    overdue, open_, done = rows("overdue"), rows("open"), rows("done")
    assert len(overdue) >= 2
    assert len(open_) > len(overdue)
    assert len(done) >= 2
    assert any(r["visit_id"] for r in open_)  # from visits' problems
    assert any(r["visit_id"] is None for r in open_)  # recorded on their own
    assert any(r["activity_id"] for r in done)


def test_edit_corrects_text_due_and_owner(db, db_path):
    followup_id = add_followup(db)
    edited = followups.edit(
        db, followup_id, action="Rapat ulang dengan LPM", due="2026-12-15", owner="budi"
    )
    assert (edited["action"], edited["due"], edited["owner"], edited["status"]) == (
        "Rapat ulang dengan LPM",
        "2026-12-15",
        "budi",
        "open",
    )
    assert audit.history(db, followup_id)[-1]["action"] == "update"
    before = dump(db_path)
    for options in ({}, {"due": "2000-01-01"}, {"owner": "nobody"}):
        with pytest.raises(FaskelError):
            followups.edit(db, followup_id, **options)
    assert dump(db_path) == before
