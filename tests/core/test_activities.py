"""Activities through the core: start, advance through the four stages, list (stalled) as of
a day, link visits, delete/restore, edit; every bad input refused, the database untouched."""

from __future__ import annotations

import json
from datetime import date

import pytest

from faskel_cli.core import activities, audit, regions, visits
from faskel_cli.core.errors import ConflictError, FaskelError, InputError, NotFoundError
from faskel_cli.core.sample import load_sample
from faskel_cli.messages import text
from tests.helpers import ROOT, add_activity, add_visit, dump, query

KEYS = activities.KEYS


def stage_rows(db_path, activity_id):
    return query(
        db_path,
        "select id, seq, stage, date, note, spent, created_at from activity_stages "
        "where activity_id = ? order by seq",
        [activity_id],
    )


def activity_row(db_path, activity_id):
    return query(
        db_path,
        "select start_date, stage, stage_since, budget, spent from activities where id = ?",
        [activity_id],
    )[0]


def listed(db, **flt) -> list[dict]:
    return activities.list_activities(db, activities.ActivityFilter(**flt))


def test_add_starts_in_perencanaan(db, db_path):
    activity_id = add_activity(
        db,
        funding="Dana Kelurahan 2026",
        budget="Rp 25.000.000",
        lkk_names=["PKK Medono", "posyandu melati"],
    )
    assert len(activity_id) == 36 and activity_id[14] == "7"  # a UUIDv7
    shown = activities.get(db, activities.resolve(db, activity_id[:13]))
    assert list(shown) == [
        "id",
        "ref",
        "kelurahan_kode",
        "kelurahan",
        "kecamatan",
        "title",
        "type",
        "funding",
        "budget",
        "spent",
        "stage",
        "stage_since",
        "stages",
        "lkk",
        "created_at",
        "updated_at",
    ]
    assert shown["kelurahan_kode"] == "33.75.01.1002"
    assert shown["kecamatan"] == "Pekalongan Barat"
    assert (shown["type"], shown["funding"], shown["budget"], shown["spent"]) == (
        "fisik",
        "Dana Kelurahan 2026",
        25_000_000,
        None,
    )
    assert (shown["stage"], shown["stage_since"]) == ("perencanaan", "2026-10-01")
    assert shown["stages"] == [{"stage": "perencanaan", "date": "2026-10-01", "note": None}]
    assert shown["lkk"] == ["PKK Medono", "Posyandu Melati"]
    assert activities.show(db, activity_id)["visits"] == []
    assert shown["created_at"].endswith("Z")
    # the data contract: seq 0 is the perencanaan event on the start date
    rows = stage_rows(db_path, activity_id)
    assert [(r[1], r[2], r[3]) for r in rows] == [(0, "perencanaan", "2026-10-01")]
    assert activity_row(db_path, activity_id)[:3] == ("2026-10-01", "perencanaan", "2026-10-01")


def test_add_defaults_to_today(db):
    item = activities.add(
        db, kelurahan="Kauman", title="Pelatihan menjahit", activity_type="non-fisik"
    )
    assert list(item) == KEYS
    assert (item["type"], item["stage_since"], item["budget"]) == ("nonfisik", "2026-11-28", None)


def test_advance_through_all_four_stages(db, db_path):
    activity_id = add_activity(db, budget="25jt")
    item, _ = activities.advance(db, activity_id, on="2026-10-20", note="Kerja bakti")
    assert [s["stage"] for s in item["stages"][-2:]] == ["perencanaan", "pelaksanaan"]
    activities.advance(db, activity_id, on="10/11/2026", spent="24.500.000")
    first_rows = stage_rows(db_path, activity_id)
    item, warnings = activities.advance(db, activity_id, on="2026-11-20")
    assert warnings == []
    assert (item["stage"], item["stage_since"], item["spent"]) == (
        "evaluasi",
        "2026-11-20",
        24_500_000,
    )
    assert item["stages"] == [
        {"stage": "perencanaan", "date": "2026-10-01", "note": None},
        {"stage": "pelaksanaan", "date": "2026-10-20", "note": "Kerja bakti"},
        {"stage": "pertanggungjawaban", "date": "2026-11-10", "note": None},
        {"stage": "evaluasi", "date": "2026-11-20", "note": None},
    ]
    rows = stage_rows(db_path, activity_id)
    assert [r[1] for r in rows] == [0, 1, 2, 3]
    assert rows[2][5] == 24_500_000  # spent kept on its event
    assert rows[:3] == first_rows  # earlier events are never rewritten
    assert activity_row(db_path, activity_id)[1:3] == ("evaluasi", "2026-11-20")
    timeline = activities.show(db, activity_id)["timeline"]
    assert [(e["seq"], e["spent"]) for e in timeline] == [(0, None), (1, None), (2, 24_500_000),
                                                          (3, None)]  # fmt: skip
    # nothing comes after evaluasi
    before = dump(db_path)
    with pytest.raises(ConflictError) as caught:
        activities.advance(db, activity_id)
    assert "evaluasi" in text(caught.value)
    assert dump(db_path) == before


def test_english_stage_aliases_and_default_date(db):
    item, _ = activities.advance(db, add_activity(db), to="implementation")
    assert (item["stage"], item["stage_since"]) == ("pelaksanaan", "2026-11-28")


def test_forced_skip_and_back_keep_every_event(db, db_path):
    activity_id = add_activity(db)
    activities.advance(
        db,
        activity_id,
        to="pertanggungjawaban",
        force=True,
        note="Pelaksanaan selesai sebelum didampingi",
        on="2026-10-10",
        spent="3,5 jt",
    )
    item, _ = activities.advance(
        db,
        activity_id,
        to="pelaksanaan",
        force=True,
        note="Pekerjaan diulang karena hujan",
        on="2026-10-10",
    )
    assert item["stage"] == "pelaksanaan" and item["spent"] == 3_500_000
    assert [s["stage"] for s in item["stages"]] == [
        "perencanaan",
        "pertanggungjawaban",
        "pelaksanaan",
    ]
    assert [r[1] for r in stage_rows(db_path, activity_id)] == [0, 1, 2]
    history = audit.history(db, activity_id)
    assert [h["action"] for h in history] == ["create", "advance", "advance"]
    assert history[1]["before"]["stage"] == "perencanaan"
    assert history[1]["after"]["stage"] == "pertanggungjawaban"


def _list_setup(db):
    """Four activities as of 2026-11-28: stalled in perencanaan, recent in pelaksanaan,
    finished (evaluasi, long ago) and one in Kauman."""
    old = add_activity(db, start="2026-09-01")
    moving = add_activity(db, "2026-11-20", start="2026-10-01", kind="nonfisik")
    done = add_activity(db, "2026-08-10", "2026-08-20", "2026-09-01", start="2026-08-01",
                        kelurahan="Tirto")  # fmt: skip
    kauman = add_activity(db, start="2026-11-01", kelurahan="Kauman")
    return old, moving, done, kauman


def test_list_filters_and_stalled(db):
    old, moving, done, kauman = _list_setup(db)
    rows = listed(db)
    assert len(rows) == 4
    assert all(list(r) == [*KEYS, "days_in_stage", "stalled"] for r in rows)
    by_id = {r["id"]: r for r in rows}
    assert by_id[moving]["stage"] == "pelaksanaan"
    assert by_id[old]["days_in_stage"] == 88  # 2026-09-01 .. 2026-11-28
    assert [r["id"] for r in listed(db, stalled=True)] == [old]
    medono = regions.kelurahan(db, "medono").kode
    assert {r["id"] for r in listed(db, kelurahan_kode=medono)} == {old, moving}
    timur = regions.kecamatan(db, "Pekalongan Timur").kode
    assert [r["id"] for r in listed(db, kecamatan_kode=timur)] == [kauman]
    evaluation = activities.parse_stage("evaluation")
    assert [r["id"] for r in listed(db, stage=evaluation)] == [done]
    assert [r["id"] for r in listed(db, activity_type="nonfisik")] == [moving]
    # fewer stall days: more stalled; evaluasi is never stalled
    assert {r["id"] for r in listed(db, stalled=True, stall_days=20)} == {old, kauman}


def test_list_as_of_uses_the_stage_then(db):
    old, moving, done, kauman = _list_setup(db)
    by_id = {r["id"]: r for r in listed(db, as_of=date(2026, 10, 15))}
    assert kauman not in by_id  # started after the day
    assert (by_id[moving]["stage"], by_id[moving]["stage_since"]) == ("perencanaan", "2026-10-01")
    assert len(by_id[moving]["stages"]) == 1
    stalled = listed(db, stalled=True, as_of=date(2026, 10, 15))
    assert [r["id"] for r in stalled] == [old]  # 44 days; moving only 14
    assert listed(db, stalled=True, as_of=date(2026, 9, 30)) == []


def test_visit_references_activity_and_show_lists_it(db):
    activity_id = add_activity(db)
    visit_id = add_visit(
        db, activity=activity_id[:13], notes="Pengawasan kerja bakti saluran", strand="pemetaan"
    )
    shown = activities.show(db, activity_id)
    assert [v["id"] for v in shown["visits"]] == [visit_id]
    assert shown["visits"][0]["date"] == "2026-11-23"
    assert shown["visits"][0]["facilitator"] == "siti"
    assert shown["visits"][0]["notes"] == "Pengawasan kerja bakti saluran"
    # a deleted visit is no longer listed
    visits.delete(db, visit_id)
    assert activities.show(db, activity_id)["visits"] == []


def test_delete_restore_and_history(db, db_path):
    activity_id = add_activity(db)
    assert activities.delete(db, activity_id)["id"] == activity_id
    assert listed(db) == []
    before = dump(db_path)
    for refused in (
        lambda: activities.advance(db, activity_id),
        lambda: activities.delete(db, activity_id),
    ):
        with pytest.raises(ConflictError):
            refused()
    with pytest.raises(NotFoundError):  # a deleted activity cannot be linked
        add_visit(db, activity=activity_id)
    assert activities.show(db, activity_id)["deleted_at"] is not None
    assert dump(db_path) == before
    activities.restore(db, activity_id)
    with pytest.raises(ConflictError):
        activities.restore(db, activity_id)
    assert len(listed(db)) == 1
    history = audit.history(db, activity_id)
    assert [h["action"] for h in history] == ["create", "delete", "restore"]
    assert history[1]["after"]["deleted_at"] is not None


# --- bad input ------------------------------------------------------------------------------

BAD_ADVANCES = [
    ({"to": "pertanggungjawaban"}, "--force"),  # a skip without --force
    ({"to": "evaluasi", "force": True}, "--note"),  # a skip with --force but no reason
    ({"to": "accountability", "note": "x"}, "--force"),  # --note alone is not enough
    ({"on": "2026-09-30"}, "2026-10-01"),  # before the previous stage's date
    ({"on": "2026-12-01"}, "2026-12-01"),  # in the future
    ({"to": "planning"}, "perencanaan"),  # the stage it is in
    ({"to": "selesai"}, "evaluasi"),  # unknown stage lists the choices
    ({"spent": "-5000"}, "--spent"),  # negative (and on the wrong stage)
]


@pytest.mark.parametrize(("options", "hint"), BAD_ADVANCES)
def test_bad_advance_from_perencanaan(db, db_path, options, hint):
    activity_id = add_activity(db)
    before = dump(db_path)
    with pytest.raises(InputError) as caught:
        activities.advance(db, activity_id, **options)
    assert hint in text(caught.value)
    assert dump(db_path) == before


BAD_ACCOUNTING = [
    ("-5000", "negatif"),
    ("Rp -5.000", "negatif"),
    ("banyak", "bukan jumlah rupiah"),
    ("1,5", "rupiah bulat"),
    ("1.000.000.000.001", "1 triliun"),
    ("2 triliun", "1 triliun"),
    ("2 M", "miliar"),
]


@pytest.mark.parametrize(("spent", "hint"), BAD_ACCOUNTING)
def test_bad_spent_refused(db, db_path, spent, hint):
    activity_id = add_activity(db, "2026-10-20")
    before = dump(db_path)
    with pytest.raises(InputError) as caught:
        activities.advance(db, activity_id, spent=spent)
    assert hint in text(caught.value)
    assert dump(db_path) == before


def test_backward_move_and_spent_on_wrong_stage_refused(db, db_path):
    activity_id = add_activity(db, "2026-10-20")
    activities.advance(db, activity_id, on="2026-11-10", spent="20jt")
    before = dump(db_path)
    for options, words in (
        ({"to": "pelaksanaan"}, ("mundur", "--force")),
        ({"to": "pelaksanaan", "force": True}, ("--note",)),
        ({"spent": "21jt"}, ("pertanggungjawaban",)),  # --spent belongs with that stage
        ({"on": "2026-11-09"}, ("2026-11-10",)),
    ):
        with pytest.raises(InputError) as caught:
            activities.advance(db, activity_id, **options)
        assert all(word in text(caught.value) for word in words), options
    assert dump(db_path) == before


BAD_ADDS = [
    ({"kelurahan": "Medon"}, "Medono"),
    ({"lkk_names": ["BKM Kauman"]}, "Kauman"),
    ({"kind": "jalan"}, "nonfisik"),
    ({"title": "  "}, "--title"),
    ({"title": "X" * 301}, "300"),
    ({"start": "2026-12-01"}, "2026-12-01"),
    ({"budget": "-1"}, "--budget"),
    ({"budget": "2 triliun"}, "triliun"),
    ({"budget": "dua juta"}, "--budget"),
]


@pytest.mark.parametrize(("fields", "hint"), BAD_ADDS)
def test_bad_add_refused(db, db_path, fields, hint):
    before = dump(db_path)
    with pytest.raises(InputError) as caught:
        add_activity(db, **{"title": "X", **fields})
    assert hint in text(caught.value)
    assert dump(db_path) == before


def test_visit_with_unknown_or_other_kelurahan_activity_refused(db, db_path):
    kauman = add_activity(db, kelurahan="Kauman")
    before = dump(db_path)
    with pytest.raises(InputError) as caught:
        add_visit(db, activity=kauman)
    assert "Kauman" in text(caught.value) and "Medono" in text(caught.value)
    with pytest.raises(NotFoundError) as caught:
        add_visit(db, activity="ffffffff")
    assert "ffffffff" in text(caught.value)
    with pytest.raises(InputError):
        add_visit(db, activity="abc")
    assert dump(db_path) == before


def test_unknown_ids_and_stages_refused(db, db_path):
    add_activity(db)
    before = dump(db_path)
    for refused, error in (
        (lambda: activities.show(db, "ffffffff"), NotFoundError),
        (lambda: activities.advance(db, "ffffffff"), NotFoundError),
        (lambda: activities.delete(db, "not-an-id!"), InputError),
        (lambda: activities.parse_stage("selesai"), InputError),
    ):
        with pytest.raises(error):
            refused()
    assert dump(db_path) == before


def test_spent_over_budget_warns(db):
    activity_id = add_activity(db, "2026-10-20", budget="10 juta")
    _, warnings = activities.advance(db, activity_id, on="2026-11-01", spent="11jt")
    assert warnings == [
        ("warn.spent_over_budget", {"spent": "Rp 11.000.000", "budget": "Rp 10.000.000"})
    ]


def test_sample_has_activities_in_every_stage(empty_db):
    load_sample(empty_db, ROOT / "data" / "sample.json")
    rows = listed(empty_db)
    assert {r["stage"] for r in rows} == {
        "perencanaan",
        "pelaksanaan",
        "pertanggungjawaban",
        "evaluasi",
    }
    assert all(r["lkk"] or r["kelurahan"] == "Bandengan" for r in rows)
    stalled = listed(empty_db, stalled=True)
    assert len(stalled) >= 2 and all(r["stage"] != "evaluasi" for r in stalled)
    linked = [r for r in rows if activities.show(empty_db, r["id"])["visits"]]
    assert len(linked) >= 5
    data = json.loads((ROOT / "data" / "sample.json").read_text(encoding="utf-8"))
    days = [a["date"] for a in data["activities"]]
    days += [m["date"] for a in data["activities"] for m in a.get("stages", [])]
    assert max(days) <= "2026-11-27"


def test_edit_corrects_what_was_typed_and_keeps_the_stages(db, db_path):
    activity_id = add_activity(db, "2026-10-10", budget="25jt", lkk_names=["Posyandu Melati"])
    stages_before = stage_rows(db_path, activity_id)
    edited = activities.edit(
        db,
        activity_id,
        title="Normalisasi saluran RW 04",
        budget="30.000.000",
        lkk_names=["PKK Medono"],
        activity_type="nonfisik",
    )
    assert (edited["title"], edited["budget"], edited["lkk"], edited["type"]) == (
        "Normalisasi saluran RW 04",
        30_000_000,
        ["PKK Medono"],
        "nonfisik",
    )
    assert edited["stage"] == "pelaksanaan"
    assert stage_rows(db_path, activity_id) == stages_before
    assert activities.edit(db, activity_id, lkk_names=[])["lkk"] == []
    history = audit.history(db, activity_id)
    assert history[-2]["before"]["title"] == "Normalisasi saluran RW 03"
    before = dump(db_path)
    for options in (
        {},  # nothing to change
        {"lkk_names": ["BKM Kauman"]},  # another kelurahan
        {"budget": "-1"},
        {"title": " "},
    ):
        with pytest.raises(FaskelError):
            activities.edit(db, activity_id, **options)
    assert dump(db_path) == before
