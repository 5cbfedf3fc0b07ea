"""Visits through the core: log, list, edit, delete, restore; every bad input refused with
the database untouched."""

from __future__ import annotations

import sqlite3

import pytest

from faskel_cli.core import audit, facilitators, regions, settings, visits
from faskel_cli.core.dates import parse_week
from faskel_cli.core.errors import FaskelError, InputError, NotFoundError
from faskel_cli.messages import text
from tests.helpers import add_visit, dump


def test_add_keeps_every_field_and_the_record_has_exact_keys(db):
    visit_id = add_visit(
        db, lkk=["Posyandu Melati"], male="4", female="9", duration="1h30", notes="Rapat kader"
    )
    assert len(visit_id) == 36 and visit_id[14] == "7"  # a UUIDv7
    shown = visits.get(db, visits.resolve(db, visit_id[:13]))
    assert list(shown) == [
        "id",
        "ref",
        "date",
        "kelurahan_kode",
        "kelurahan",
        "kecamatan",
        "facilitator",
        "kind",
        "strand",
        "lkk",
        "male",
        "female",
        "duration_minutes",
        "notes",
        "created_at",
        "updated_at",
    ]
    assert shown["kelurahan_kode"] == "33.75.01.1002"
    assert shown["kecamatan"] == "Pekalongan Barat"
    assert shown["lkk"] == ["Posyandu Melati"]
    assert (shown["male"], shown["female"], shown["duration_minutes"]) == (4, 9, 90)
    assert shown["notes"] == "Rapat kader"
    assert shown["created_at"].endswith("Z")


@pytest.mark.parametrize("typed", ["23/11/2026", "23-11-2026", "2026-11-23"])
def test_date_forms(db, typed):
    visit_id = add_visit(db, day=typed, kelurahan="medono", kind="bimbingan", strand="pemetaan")
    assert visits.get(db, visit_id)["date"] == "2026-11-23"


def test_relative_dates_use_frozen_clock(db):
    today = add_visit(db, day="hari-ini")
    yesterday = add_visit(db, day="kemarin")
    assert visits.get(db, today)["date"] == "2026-11-28"
    assert visits.get(db, yesterday)["date"] == "2026-11-27"


def test_facilitator_defaults_to_me_and_cover_warns(db):
    settings.set_value(db, "me", "budi")
    item, warnings = visits.add(
        db,
        visits.VisitInput(
            date="2026-11-20", kelurahan="Tirto", kind="pengawasan", strand="pengawasan"
        ),
    )
    assert item["facilitator"] == "budi"
    assert warnings == [("warn.not_assigned", {"handle": "budi", "kelurahan": "Tirto"})]
    assert visits.missing_for_add(visits.VisitInput(), db) == ["--kelurahan", "--kind", "--strand"]


def test_list_filters_and_order(db):
    add_visit(db)
    add_visit(db, day="2026-11-16", kelurahan="Kauman", who="budi", kind="bimbingan")
    add_visit(db, day="2026-11-25", kelurahan="Tirto", kind="bimbingan", strand="mobilisasi")

    def dates(**flt) -> list[str]:
        return [r["date"] for r in visits.list_visits(db, visits.VisitFilter(**flt))]

    def week(label: str) -> dict:
        period = parse_week(label)
        return {"since": period.start.isoformat(), "until": period.end.isoformat()}

    assert dates() == ["2026-11-25", "2026-11-23", "2026-11-16"]
    assert dates(**week("2026-W48")) == ["2026-11-25", "2026-11-23"]
    assert dates(**week("last")) == ["2026-11-16"]
    assert dates(kecamatan_kode=regions.kecamatan(db, "Pekalongan Timur").kode) == ["2026-11-16"]
    assert len(dates(facilitator_id=facilitators.resolve(db, "siti")["id"])) == 2
    assert len(dates(kind="bimbingan")) == 2
    assert dates(since="2026-11-20", until="2026-11-23") == ["2026-11-23"]
    assert dates(limit=1) == ["2026-11-25"]


def test_an_edit_is_watched_for_whether_it_changed_anything(db):
    visit_id = add_visit(db, male=4)
    with audit.watch(db) as same:
        visits.edit(db, visit_id, visits.VisitInput(male="4"))
    with audit.watch(db) as other:
        visits.edit(db, visit_id, visits.VisitInput(male="5"))
    assert (same.changed, other.changed) == (False, True)


def test_edit_delete_restore_and_history(db):
    visit_id = add_visit(db)
    shown, _ = visits.edit(db, visit_id, visits.VisitInput(female="12", lkk=["PKK Medono"]))
    assert shown["female"] == 12 and shown["lkk"] == ["PKK Medono"]
    visits.delete(db, visit_id)
    assert visits.list_visits(db, visits.VisitFilter()) == []
    visits.restore(db, visit_id)
    assert len(visits.list_visits(db, visits.VisitFilter())) == 1
    history = audit.history(db, visit_id)
    assert [h["action"] for h in history] == ["create", "update", "delete", "restore"]
    assert history[1]["before"]["female"] == 0 and history[1]["after"]["female"] == 12
    assert history[2]["after"]["deleted_at"] is not None


BAD_INPUTS = [
    ({"kelurahan": "Medon"}, "Medono"),  # unknown kelurahan lists the closest
    ({"lkk": ["BKM Kauman"]}, "Kauman"),  # LKK of another kelurahan
    ({"male": "-3"}, "--male"),
    ({"female": "banyak"}, "--female"),
    ({"male": "10001"}, "10000"),
    ({"day": "31/02/2026"}, "31/02/2026"),
    ({"day": "kemarin lusa"}, "--date"),
    ({"day": "2026-12-01"}, "2026-12-01"),  # in the future
    ({"day": "1999-12-31"}, "2000"),
    ({"kind": "kunjungan"}, "pendampingan"),
    ({"strand": "lainnya"}, "pemeliharaan"),
    ({"notes": "x" * 10_001}, "10"),
    ({"who": "sity"}, "siti"),
]


@pytest.mark.parametrize(("fields", "hint"), BAD_INPUTS)
def test_bad_input_is_refused_and_database_untouched(db, db_path, fields, hint):
    before = dump(db_path)
    with pytest.raises(FaskelError) as caught:
        add_visit(db, **fields)
    assert hint in text(caught.value)
    assert dump(db_path) == before


def test_unknown_and_ambiguous_ids(db, db_path):
    for suffix in ("1", "2"):
        visit_id = add_visit(db)
        # Fixed ids sharing their first 17 characters, so the ambiguity does not depend
        # on the clock (UUIDv7 ids made in the same millisecond share a prefix anyway).
        conn = sqlite3.connect(db_path)
        with conn:
            conn.execute(
                "update visits set id = ? where id = ?",
                [f"01a00000-0000-7000-8000-00000000000{suffix}", visit_id],
            )
        conn.close()
    before = dump(db_path)
    with pytest.raises(NotFoundError):
        visits.resolve(db, "ffffffff")
    with pytest.raises(InputError) as ambiguous:
        visits.delete(db, "01a00000-0000")
    assert "01a00000-0000-7000-8000-000000000001" in text(ambiguous.value)
    assert "01a00000-0000-7000-8000-000000000002" in text(ambiguous.value)
    for ref, key in (
        ("01a000", "err.id_ambiguous"),  # hyphen-less prefix: ambiguous too
        ("abc", "err.id_short"),
        ("not-an-id!", "err.ref_format"),
    ):
        with pytest.raises(InputError) as caught:
            visits.delete(db, ref)
        assert caught.value.key == key
    assert dump(db_path) == before
    visits.delete(db, "01a00000-0000-7000-8000-000000000002")
