"""core/answers.py, one answer of the guided entry, against the add it stands for: a value
the add refuses is refused by the answer with the same sentence, and one it takes becomes
what the add stores. And core/recent.py, the defaults offered."""

from __future__ import annotations

from datetime import date

import pytest

from faskel_cli.core import activities, answers, followups, lkk, recent, regions, visits
from faskel_cli.core.errors import FaskelError
from faskel_cli.core.store import put_setting
from faskel_cli.messages import text
from tests.helpers import add_activity, add_visit

VISIT = {"kelurahan": "Medono", "facilitator": "siti", "kind": "bimbingan", "strand": "pemetaan"}


def refusal(call) -> str:
    with pytest.raises(FaskelError) as caught:
        call()
    return text(caught.value)


VISIT_CASES = [
    ("date", "besok", lambda db, v: answers.visit_date(v)),
    ("date", "2026-12-01", lambda db, v: answers.visit_date(v)),  # after today
    ("date", "31/02/2026", lambda db, v: answers.visit_date(v)),
    ("kelurahan", "Medonoo Raya", answers.kelurahan),
    ("facilitator", "nobody", answers.facilitator),
    ("kind", "pendamping", lambda db, v: answers.kind(v)),
    ("strand", "9", lambda db, v: answers.strand(v)),
    ("male", "-1", lambda db, v: answers.count(v, "--male")),
    ("female", "dua", lambda db, v: answers.count(v, "--female")),
    ("female", "10001", lambda db, v: answers.count(v, "--female")),
    ("duration", "25h", lambda db, v: answers.duration(v)),
    ("duration", "lama", lambda db, v: answers.duration(v)),
    ("notes", "rapat \x1b[31m", lambda db, v: answers.notes(v)),
    ("activity", "01a2331c-4", lambda db, v: answers.visit_activity(db, v, "33.75.01.1002")),
]


@pytest.mark.parametrize(("field", "value", "answer"), VISIT_CASES)
def test_an_answer_refused_is_refused_by_visit_add_with_the_same_words(db, field, value, answer):
    data = visits.VisitInput(**{**VISIT, field: value})
    assert refusal(lambda: answer(db, value)) == refusal(lambda: visits.add(db, data))


def test_lkk_answers_are_those_of_visit_add(db):
    kel = regions.kelurahan(db, "Medono")
    data = visits.VisitInput(**VISIT, lkk=["BKM Kauman"])  # of another kelurahan
    assert refusal(lambda: answers.lkk_names(db, kel, ["BKM Kauman"])) == refusal(
        lambda: visits.add(db, data)
    )
    assert answers.lkk_names(db, kel, ["posyandu  melati"]) == ["Posyandu Melati"]


def test_answers_taken_become_what_visit_add_stores(db):
    typed = {"date": "23/11/2026", "male": "007", "duration": "1j30", "notes": "  Rapat\r\nkader "}
    row, _, _ = visits.validate(db, visits.VisitInput(**VISIT, **typed))
    assert row["date"] == answers.visit_date(typed["date"]).isoformat()
    assert row["male"] == answers.count(typed["male"], "--male")
    assert row["duration_minutes"] == answers.duration(typed["duration"])
    assert row["notes"] == answers.notes(typed["notes"])
    assert answers.notes("   ") is None and answers.duration("") is None


def test_followup_answers_are_those_of_followup_add(db):
    problem_date = date(2026, 11, 20)
    for call, keywords in (
        (lambda: answers.problem(" "), {"problem": " "}),
        (lambda: answers.action(" ", "--action"), {"action": " "}),
        (lambda: answers.due(db, "2026-11-19", problem_date), {"due": "2026-11-19"}),
        (lambda: answers.due(db, "kapan", problem_date), {"due": "kapan"}),
        (lambda: answers.owner(db, "nobody"), {"owner": "nobody"}),
        (lambda: answers.problem_date("2027-01-01"), {"on": "2027-01-01"}),
    ):
        given = {"kelurahan": "Medono", "problem": "Atap", "action": "Lapor", "on": "2026-11-20"}
        given.update(keywords)
        assert refusal(call) == refusal(lambda g=given: followups.add(db, **g))
    assert answers.due(db, None, problem_date) == "2026-12-04"  # followup_days (14) later
    visit_id = add_visit(db, day="2026-11-21")
    assert answers.visit_day(db, visit_id) == date(2026, 11, 21)
    # Named by no one, a visit's follow-up is its facilitator's, whoever `me` is.
    put_setting(db, "me", "budi")
    made = followups.add(db, visit=visit_id, problem="Atap", action="Lapor")
    assert answers.visit_owner(db, visit_id) == made["owner"] == "siti"


def test_activity_and_lkk_answers_are_those_of_their_add(db):
    base = {"kelurahan": "Medono", "title": "Saluran", "activity_type": "fisik"}
    for call, keywords in (
        (lambda: answers.title(""), {"title": ""}),
        (lambda: answers.activity_type("fisk"), {"activity_type": "fisk"}),
        (lambda: answers.start_date("2026-12-25"), {"start": "2026-12-25"}),
        (lambda: answers.funding("dana\x07"), {"funding": "dana\x07"}),
        (lambda: answers.budget("banyak"), {"budget": "banyak"}),
    ):
        assert refusal(call) == refusal(lambda k=keywords: activities.add(db, **{**base, **k}))
    assert answers.budget("Rp 25.000.000,-") == 25_000_000 and answers.budget(" ") is None
    kel = regions.kelurahan(db, "Medono")
    for call, args in (
        (lambda: answers.lkk_type("posyandoo"), ("Medono", "posyandoo", "X")),
        (lambda: answers.lkk_name(db, kel, " "), ("Medono", "rt", " ")),
        (lambda: answers.lkk_name(db, kel, "pkk  medono"), ("Medono", "pkk", "pkk  medono")),
    ):
        assert refusal(call) == refusal(lambda a=args: lkk.add(db, *a))
    # a new LKK of the same entry takes a name once
    taken = refusal(lambda: answers.lkk_name(db, kel, "pkk baru", ("PKK Baru",)))
    assert taken == "LKK 'pkk baru' sudah ada di Medono"


def test_recent_work_gives_the_defaults(db):
    siti = recent.active_facilitators(db)[1]
    assert siti["handle"] == "siti"
    assert recent.last_visit(db, siti["id"]) is None and recent.me(db) is None
    add_visit(db, kelurahan="Tirto", kind="bimbingan", strand="mobilisasi", day="2026-11-25")
    add_visit(db, kelurahan="Medono", kind="pengawasan", day="2026-11-02")  # typed last
    last = recent.last_visit(db, siti["id"])
    assert last is not None and (last.kelurahan, last.kind) == ("Medono", "pengawasan")
    me = visits.facilitators.resolve(db, "siti")
    assert [k.nama for k in recent.own_kelurahan(db, me)] == ["Medono", "Tirto"]
    assert [item["name"] for item in recent.lkk_of(db, "33.75.01.1002")] == [
        "PKK Medono",
        "Posyandu Melati",
    ]
    done = add_activity(db, "2026-10-05", "2026-10-10", "2026-10-20", title="Selesai")
    going = add_activity(db, title="Berjalan")
    later = add_activity(db, title="Nanti", start="2026-11-27")
    found = recent.current_activities(db, "33.75.01.1002", date(2026, 11, 26))
    assert [a["id"] for a in found] == [going, done]  # under way first; not one started later
    assert later not in [a["id"] for a in found]
    assert recent.last_activity(db) == ("33.75.01.1002", "Medono", "fisik")
