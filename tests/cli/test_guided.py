"""The guided entry (cli/guided.py) through the real CLI in-process: `is_interactive` says
"a terminal" and the answers come on stdin, one a line. A run out of answers is Ctrl-D.
tests/cli/test_guided_terminal.py drives the same on a real pseudo-terminal."""

from __future__ import annotations

import pytest

from faskel_cli.cli import common
from tests.helpers import add_activity, add_visit, dump

SAVE = ""  # the answer to "Simpan? [Y/n/ubah]" that saves


@pytest.fixture
def on_a_terminal(monkeypatch):
    monkeypatch.setattr(common, "is_interactive", lambda: True)


def answers(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def only_visit(cli) -> dict:
    (visit,) = cli.json("visit", "list")
    return visit


# Every question of `visit add` in its order, for siti with nothing else given (no `me`):
# facilitator, date, kelurahan, kind, strand, LKK, L, P, duration, notes, [activity,]
# problem, then the confirmation.


def test_a_visit_in_one_guided_pass(seeded, on_a_terminal):
    result = seeded.ok(
        "visit", "add",
        input=answers(
            "2",  # facilitator: numbered (budi, siti)
            "kemarin",  # date: the forms of --date
            "1",  # kelurahan: siti's own first (Medono, Tirto)
            "bimbingan",  # kind by name
            "2",  # strand by number: pemetaan
            "1,2",  # LKK: several
            "12", "15", "1h30", "Rapat pengurus",
            "Timbangan rusak", "Ajukan ke Puskesmas", "2026-12-05", "budi",
            "",  # no other problem
            SAVE,
        ),
    )  # fmt: skip
    assert "Simpan? [Y/n/ubah]" in result.stdout
    assert "pendampingan (mendampingi warga" in result.stdout  # each choice with its meaning
    visit = only_visit(seeded)
    assert result.stdout.strip().endswith(visit["id"])
    assert (visit["date"], visit["facilitator"], visit["kelurahan"]) == (
        "2026-11-27",
        "siti",
        "Medono",
    )
    assert (visit["kind"], visit["strand"], visit["lkk"]) == (
        "bimbingan",
        "pemetaan",
        ["PKK Medono", "Posyandu Melati"],
    )
    assert (visit["male"], visit["female"], visit["duration_minutes"]) == (12, 15, 90)
    assert visit["notes"] == "Rapat pengurus"
    (followup,) = seeded.json("followup", "list")
    assert (followup["problem"], followup["action"]) == ("Timbangan rusak", "Ajukan ke Puskesmas")
    assert (followup["due"], followup["owner"], followup["visit_id"]) == (
        "2026-12-05",
        "budi",
        visit["id"],
    )


def test_a_wrong_answer_is_asked_again_with_the_reason_keeping_the_others(seeded, on_a_terminal):
    result = seeded.ok(
        "visit", "add",
        input=answers(
            "siti", "besok",  # not a date: asked again
            "2026-11-20", "Medono",
            "9",  # not on the list of kinds: asked again
            "pengawasan", "kesadaran",
            "7",  # no seventh LKK
            "", "-3",  # negative
            "4", "2", "25 jam", "", "", "", SAVE,
        ),
    )  # fmt: skip
    out = result.stdout
    assert "'besok' bukan tanggal; tulis seperti 2026-11-23" in out
    assert "'9' tidak ada di daftar; tulis nomor 1 sampai 3" in out
    assert "'7' tidak ada di daftar; tulis nomor 1 sampai 2" in out
    assert "--male -3 negatif" in out
    assert "--duration '25 jam' harus antara 1 menit dan 24 jam" in out
    visit = only_visit(seeded)
    assert (visit["date"], visit["kind"], visit["lkk"], visit["male"]) == (
        "2026-11-20",
        "pengawasan",
        [],
        4,
    )
    assert visit["duration_minutes"] is None and visit["notes"] is None


def test_near_spellings_are_taken_and_told(seeded, on_a_terminal):
    result = seeded.ok(
        "visit", "add",
        input=answers(
            "siti", "", "Medno", "pendamping", "pemetan", "posyandu melat",
            "", "", "", "", "", SAVE,
        ),
    )  # fmt: skip
    for told in ("= Medono", "= pendampingan", "= pemetaan", "= Posyandu Melati"):
        assert told in result.stdout
    visit = only_visit(seeded)
    assert (visit["kelurahan"], visit["kind"], visit["strand"]) == (
        "Medono",
        "pendampingan",
        "pemetaan",
    )
    assert visit["lkk"] == ["Posyandu Melati"] and visit["date"] == "2026-11-28"  # today by default


def test_defaults_come_from_the_last_visit_and_are_shown(seeded, db_path, on_a_terminal):
    from faskel_cli.core.db import connect

    with connect(db_path) as db:
        add_visit(db, kelurahan="Tirto", kind="bimbingan", strand="mobilisasi")
    seeded.ok("config", "set", "me", "siti")
    result = seeded.ok("visit", "add", input=answers("", "", "", "", "", "", "", "", "", "", SAVE))
    out = result.stdout
    assert "Fasilitator:" not in out  # `me` is the facilitator: not asked ...
    assert "Fasilitator        siti" in out  # ... but shown before saving
    assert "Kelurahan [Tirto]:" in out and "Jenis kerja [bimbingan]:" in out
    assert "Unsur pembangunan [mobilisasi]:" in out
    visits = seeded.json("visit", "list")
    assert [(v["kelurahan"], v["kind"], v["strand"]) for v in visits] == [
        ("Tirto", "bimbingan", "mobilisasi")
    ] * 2


def test_a_field_is_corrected_at_the_confirmation(seeded, on_a_terminal):
    """A number at "Simpan?" asks that field again; "ubah" asks which; a new kelurahan asks
    its LKK again (they belong to it)."""
    result = seeded.ok(
        "visit", "add",
        input=answers(
            "siti", "", "Medono", "1", "1", "1", "3", "4", "", "", "",
            "8",  # female: asked again
            "6",
            "ubah", "3",  # which: the kelurahan
            "Tirto", "",  # Tirto has no LKK: none
            SAVE,
        ),
    )  # fmt: skip
    assert result.stdout.count("Simpan? [Y/n/ubah]") == 3
    visit = only_visit(seeded)
    assert (visit["kelurahan"], visit["lkk"], visit["female"]) == ("Tirto", [], 6)


@pytest.mark.parametrize("stop", ["n", None], ids=["no-at-confirmation", "ctrl-d-midway"])
def test_a_cancelled_entry_writes_nothing(seeded, db_path, on_a_terminal, stop):
    """`n` at the confirmation, or the end of input (Ctrl-D) at any question: exit 130 with
    one line, nothing written (not even the new LKK asked on the way)."""
    before = dump(db_path)
    lines = ["siti", "", "Medono", "1", "1", "+", "pkk", "PKK Baru", "n"]
    if stop:
        lines += ["3", "4", "", "", "", stop]
    result = seeded("visit", "add", input=answers(*lines))
    assert result.exit_code == 130
    assert result.stderr.strip() == "Kesalahan: dibatalkan"
    assert dump(db_path) == before


def test_a_new_lkk_is_made_with_the_visit(seeded, on_a_terminal):
    seeded.ok(
        "visit", "add",
        input=answers("siti", "", "Medono", "1", "1", "2,+", "8", "Karang Taruna Medono", "y",
                      "9", "RT 05", "n", "", "", "", "", "", SAVE),
    )  # fmt: skip
    visit = only_visit(seeded)
    assert visit["lkk"] == ["Karang Taruna Medono", "Posyandu Melati", "RT 05"]  # by name
    made = {item["name"]: item["type"] for item in seeded.json("lkk", "list", "-k", "Medono")}
    assert made["Karang Taruna Medono"] == "dasawisma" and made["RT 05"] == "lainnya"


def test_the_activity_served_is_picked_from_the_kelurahan_s_current_ones(
    seeded, db_path, on_a_terminal
):
    from faskel_cli.core.db import connect

    with connect(db_path) as db:
        activity_id = add_activity(db, title="Normalisasi saluran RW 03")
        add_activity(db, kelurahan="Tirto", title="Elsewhere")
    result = seeded.ok(
        "visit", "add",
        input=answers("siti", "", "Medono", "1", "1", "", "", "", "", "", "1", "", SAVE),
    )  # fmt: skip
    assert "Normalisasi saluran RW 03 (perencanaan)" in result.stdout
    assert "Elsewhere" not in result.stdout
    with connect(db_path) as db:
        (served,) = db.execute("select activity_id from visits").fetchall()
    assert served[0] == activity_id


def test_options_given_are_not_asked_and_a_wrong_one_is_asked_again(seeded, on_a_terminal):
    result = seeded.ok(
        "visit", "add", "-k", "Tirto", "--kind", "bimbingna", "--male", "5",
        input=answers("siti", "", "bimbingan", "3", "", "2", "", "", "", SAVE),
    )  # fmt: skip
    out = result.stdout
    assert "--kind 'bimbingna' tidak dikenal" in out
    assert "Kelurahan:" not in out and "Peserta laki-laki [0]:" not in out
    visit = only_visit(seeded)
    assert (visit["kelurahan"], visit["kind"], visit["strand"], visit["male"], visit["female"]) == (
        "Tirto", "bimbingan", "perencanaan", 5, 2,
    )  # fmt: skip


def test_with_every_required_option_nothing_is_asked(seeded, on_a_terminal):
    result = seeded.ok(
        "visit", "add", "-k", "Tirto", "--facilitator", "siti", "--kind", "bimbingan",
        "--strand", "pemetaan", input="",
    )  # fmt: skip
    assert result.stdout.strip() == only_visit(seeded)["id"]


def test_activity_add_guided(seeded, on_a_terminal):
    seeded.ok("config", "set", "me", "siti")
    result = seeded.ok(
        "activity", "add",
        input=answers("2", "", "Normalisasi saluran", "fisk", "", "", "Rp 25.000.000", "", SAVE),
    )  # fmt: skip
    assert "--title wajib diisi" in result.stdout  # asked again
    assert "fisik (pembangunan fisik" in result.stdout and "= fisik" in result.stdout
    (item,) = seeded.json("activity", "list")
    assert (item["kelurahan"], item["title"], item["type"], item["budget"], item["lkk"]) == (
        "Tirto", "Normalisasi saluran", "fisik", 25_000_000, [],
    )  # fmt: skip


def test_followup_add_guided(seeded, on_a_terminal):
    seeded.ok("config", "set", "me", "siti")
    result = seeded.ok(
        "followup", "add", "--problem", "Atap bocor",
        input=answers("Medono", "Lapor ke kelurahan", "2026-11-20", "", "", SAVE),
    )  # fmt: skip
    assert "Tenggat [" in result.stdout and "Penanggung jawab [siti]:" in result.stdout
    (item,) = seeded.json("followup", "list")
    assert (item["kelurahan"], item["problem"], item["action"], item["owner"]) == (
        "Medono", "Atap bocor", "Lapor ke kelurahan", "siti",
    )  # fmt: skip


def test_followup_of_a_visit_guided_is_the_visits_facilitators_by_default(
    seeded, db, on_a_terminal
):
    seeded.ok("config", "set", "me", "budi")
    visit_id = add_visit(db, day="2026-11-21")  # siti's
    result = seeded.ok(
        "followup", "add", "--visit", visit_id,
        input=answers("Atap bocor", "Lapor ke kelurahan", "", "", SAVE),
    )  # fmt: skip
    assert "Penanggung jawab [siti]:" in result.stdout
    (item,) = seeded.json("followup", "list")
    assert (item["owner"], item["visit_id"]) == ("siti", visit_id)


def test_lkk_add_guided(seeded, on_a_terminal):
    result = seeded.ok(
        "lkk", "add", "-k", "Medono", input=answers("5", "posyandu melati", "Posyandu Mawar", SAVE)
    )
    assert "sudah ada" in result.stdout  # the name is taken in Medono: asked again
    names = [item["name"] for item in seeded.json("lkk", "list", "-k", "Medono")]
    assert "Posyandu Mawar" in names


def test_without_a_terminal_every_missing_option_is_named(seeded):
    for command, missing in (
        (["visit", "add", "-k", "Medono"], "--facilitator, --kind, --strand"),
        (["activity", "add"], "--kelurahan, --title, --type"),
        (["followup", "add", "--action", "x"], "--kelurahan, --problem"),
        (["lkk", "add", "--type", "rt"], "--kelurahan, --name"),
    ):
        result = seeded.fails(*command, code=2)
        assert f"opsi wajib belum diisi: {missing}" in result.stderr


# --- the parsing of one answer ----------------------------------------------------------------


def test_a_numbered_answer():
    from faskel_cli.cli.guided import pick_number
    from faskel_cli.core.errors import InputError

    assert pick_number(" 2 ", 3) == 1 and pick_number("Medono", 3) is None
    assert pick_number("²", 3) is None  # only 0-9 are digits
    for wrong in ("0", "4", "007"):
        with pytest.raises(InputError, match="entry_number"):
            pick_number(wrong, 3)


def test_a_near_spelling_is_one_name_or_none():
    from faskel_cli.cli.guided import near

    names = ["Medono", "Tirto", "Podosugih", "Kauman"]
    assert near("medno", names) == "Medono" and near("PODO SUGIH", names) == "Podosugih"
    assert near("xyz", names) is None and near("", names) is None
    assert near("abc", ["abcx"]) == "abcx" and near("abc", ["abcx", "abcy"]) is None  # a tie


def test_several_numbered_answers():
    from faskel_cli.cli.guided import parse_many
    from faskel_cli.core.errors import InputError

    assert parse_many("", 3) == [] and parse_many(" , ", 3) == []
    assert parse_many("1,3", 3) == [0, 2] and parse_many("3 1 3", 3) == [2, 0]
    assert parse_many("2, baru", 3) == [1, "+"] and parse_many("+", 0) == ["+"]
    assert parse_many("PKK Medono, 1", 3) == ["PKK Medono", 0]
    with pytest.raises(InputError):
        parse_many("1,9", 3)


def test_the_answer_to_save():
    from faskel_cli.cli.guided import confirm_answer
    from faskel_cli.core.errors import InputError

    assert [confirm_answer(a, 12) for a in ("", "Y", "ya", "n", "batal", "ubah", "change")] == [
        "save", "save", "save", "drop", "drop", "change", "change",
    ]  # fmt: skip
    assert confirm_answer("12", 12) == 11
    for wrong in ("13", "simpan dong"):
        with pytest.raises(InputError):
            confirm_answer(wrong, 12)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_choice_has_its_meaning_in_both_languages(lang):
    from faskel_cli.cli.guided import meanings
    from faskel_cli.core.vocab import ACTIVITY_TYPES, LKK_TYPES, STRANDS, VISIT_KINDS
    from faskel_cli.messages import set_lang

    set_lang(lang)
    for key, vocabulary in (
        ("help.choices.kind", VISIT_KINDS),
        ("help.choices.strand", STRANDS),
        ("help.choices.lkk_type", LKK_TYPES),
        ("help.choices.activity_type", ACTIVITY_TYPES),
    ):
        found = meanings(key)
        assert list(found) == list(vocabulary), key
        assert all(found.values()), key
