"""What is shown stays consistent with what happened (README: "What faskel does when ..."):
follow-ups of a deleted or moved visit, `visit show`, edits that change nothing, the same
visit logged twice, follow-ups without --due, coordinators in the summary per facilitator."""

from __future__ import annotations

import pytest

from faskel_cli.cli import common

VISIT = [
    "visit",
    "add",
    "--date",
    "2026-11-23",
    "-k",
    "Medono",
    "--facilitator",
    "siti",
    "--kind",
    "pendampingan",
    "--strand",
    "kesadaran",
]
PROBLEMS = [
    "--problem",
    "Kader kurang",
    "--followup",
    "Rekrut kader baru",
    "--due",
    "2026-11-30",
    "--problem",
    "Timbangan rusak",
    "--followup",
    "Ajukan ke Puskesmas",
]


@pytest.fixture
def on_a_terminal(monkeypatch):
    monkeypatch.setattr(common, "is_interactive", lambda: True)


def visit_with_problems(cli, *extra) -> str:
    return cli.ok(*VISIT, *PROBLEMS, *extra).stdout.strip()


def followups_of(cli, visit_id, *flags) -> list[dict]:
    return [f for f in cli.json("followup", "list", *flags) if f["visit_id"] == visit_id]


def actions(cli, record_id) -> list[str]:
    return [h["action"] for h in cli.json("history", record_id)]


# --- a follow-up without --due ----------------------------------------------------------------


def test_a_followup_without_due_is_due_after_followup_days(seeded):
    item = seeded.json(
        "followup",
        "add",
        "-k",
        "Kauman",
        "--problem",
        "Kas",
        "--action",
        "Bimbing",
        "-d",
        "2026-11-02",
    )
    assert item["due"] == "2026-11-16"  # 14 days after the problem date
    assert seeded.ok("config", "get", "followup_days").stdout.strip() == "14"
    overdue = seeded.json("followup", "list", "--overdue", "--as-of", "2026-11-28")
    assert [f["id"] for f in overdue] == [item["id"]]  # it can become overdue
    seeded.ok("config", "set", "followup_days", "7")
    visit_id = seeded.ok(*VISIT, "--problem", "Saluran", "--followup", "Kerja bakti").stdout.strip()
    assert followups_of(seeded, visit_id)[0]["due"] == "2026-11-30"  # the visit's date + 7
    given = seeded.json(
        "followup", "add", "-k", "Kauman", "--problem", "X", "--action", "Y", "--due", "2026-12-24"
    )
    assert given["due"] == "2026-12-24"


@pytest.mark.parametrize("value", ["0", "-3", "satu", "3651"])
def test_followup_days_must_be_a_number_of_days(seeded, value):
    seeded.fails("config", "set", "followup_days", value, code=2)


# --- deleting a visit with open follow-ups --------------------------------------------------


def test_without_a_terminal_its_followups_stay_open_and_a_warning_names_them(seeded):
    visit_id = visit_with_problems(seeded)
    opened = followups_of(seeded, visit_id)
    result = seeded.ok("visit", "delete", visit_id)
    assert "dihapus" in result.stdout
    assert "2 tindak lanjut kunjungan ini tetap terbuka" in result.stderr
    assert all(f["ref"] in result.stderr for f in opened)
    assert len(followups_of(seeded, visit_id)) == 2
    shown = seeded.ok("followup", "show", opened[0]["id"]).stdout
    ref = seeded.json("visit", "show", visit_id)["ref"]
    assert f"{ref} (kunjungan dihapus " in shown
    assert "DIHAPUS" in seeded.ok("visit", "show", visit_id).stdout


def test_with_followups_they_go_and_come_back_with_the_visit(seeded):
    visit_id = visit_with_problems(seeded)
    first, second = followups_of(seeded, visit_id)
    seeded.ok("followup", "delete", second["id"])  # deleted on its own, before
    result = seeded.ok("visit", "delete", visit_id, "--with-followups")
    assert "1 tindak lanjut terbuka ikut dihapus" in result.stdout and result.stderr == ""
    assert followups_of(seeded, visit_id) == []
    assert actions(seeded, first["id"]) == ["create", "delete"]
    result = seeded.ok("visit", "restore", visit_id)
    assert "1 tindak lanjut ikut dipulihkan" in result.stdout
    assert [f["id"] for f in followups_of(seeded, visit_id)] == [first["id"]]
    assert actions(seeded, first["id"]) == ["create", "delete", "restore"]


def test_keep_followups_without_asking(seeded, on_a_terminal):
    visit_id = visit_with_problems(seeded)
    result = seeded.ok("visit", "delete", visit_id, "--keep-followups")
    assert "Hapus juga?" not in result.stdout
    assert len(followups_of(seeded, visit_id)) == 2


@pytest.mark.parametrize(("answer", "left"), [("y\n", 0), ("n\n", 2), ("\n", 2)])
def test_on_a_terminal_it_asks(seeded, on_a_terminal, answer, left):
    visit_id = visit_with_problems(seeded)
    result = seeded.ok("visit", "delete", visit_id, input=answer)
    assert "punya 2 tindak lanjut terbuka (Kader kurang; Timbangan rusak). Hapus juga?" in (
        result.stdout
    )
    assert len(followups_of(seeded, visit_id)) == left


def test_a_visit_without_open_followups_is_deleted_without_a_word_more(seeded, on_a_terminal):
    visit_id = seeded.ok(*VISIT).stdout.strip()
    result = seeded.ok("visit", "delete", visit_id)
    assert result.stderr == "" and "Hapus juga" not in result.stdout


# --- moving a visit to another kelurahan ----------------------------------------------------


def test_its_followups_move_with_it(seeded):
    visit_id = visit_with_problems(seeded)
    other = seeded.json("followup", "add", "-k", "Medono", "--problem", "Lain", "--action", "Z")
    result = seeded.ok("visit", "edit", visit_id, "-k", "Tirto")
    assert "2 tindak lanjut kunjungan ini ikut pindah ke Tirto" in result.stderr
    moved = followups_of(seeded, visit_id)
    assert {f["kelurahan"] for f in moved} == {"Tirto"}
    assert actions(seeded, moved[0]["id"]) == ["create", "update"]
    history = seeded.json("history", moved[0]["id"])
    assert history[1]["before"]["kelurahan"] == "Medono"
    assert seeded.json("followup", "show", other["id"])["kelurahan"] == "Medono"
    tirto = seeded.json("summary", "--week", "2026-W48", "--format", "json")["kelurahan"]
    counts = {row["nama"]: row["followups_open"] for row in tirto}
    assert counts["Tirto"] == 2 and counts["Medono"] == 1


# --- visit show ------------------------------------------------------------------------------


def test_visit_show_lists_its_activity_problems_and_followups(seeded):
    activity = seeded.ok(
        "activity",
        "add",
        "-k",
        "Medono",
        "--title",
        "Paving gang",
        "--type",
        "fisik",
        "-d",
        "2026-11-01",
    ).stdout.strip()
    visit_id = visit_with_problems(seeded, "--activity", activity)
    first = followups_of(seeded, visit_id)[0]
    seeded.ok("followup", "done", first["id"], "--note", "Sudah", "-d", "2026-11-27")
    shown = seeded.ok("visit", "show", visit_id, env={"COLUMNS": "120"}).stdout
    assert "Paving gang (perencanaan)" in shown
    assert "Kendala dan tindak lanjut (2)" in shown
    for text in ("Kader kurang", "Rekrut kader baru", "Timbangan rusak", "selesai 2026-11-27"):
        assert text in shown
    assert "2026-12-07" in shown  # the second one's default due date
    json_keys = list(seeded.json("visit", "show", visit_id))
    assert "followups" not in json_keys and json_keys[-1] == "updated_at"  # JSON unchanged


def test_visit_show_without_problems_says_so(seeded):
    visit_id = seeded.ok(*VISIT).stdout.strip()
    assert "Tidak ada kendala yang dicatat" in seeded.ok("visit", "show", visit_id).stdout


# --- an edit that changes nothing -----------------------------------------------------------


def test_an_edit_to_what_is_already_there_writes_nothing(seeded):
    visit_id = seeded.ok(*VISIT, "--male", "4", "--lkk", "Posyandu Melati").stdout.strip()
    result = seeded.ok("visit", "edit", visit_id, "--male", "4", "--lkk", "Posyandu Melati")
    ref = seeded.json("visit", "show", visit_id)["ref"]
    assert result.stdout.strip() == f"tidak ada yang berubah pada kunjungan {ref}"
    assert actions(seeded, visit_id) == ["create"]
    assert "diperbarui" in seeded.ok("visit", "edit", visit_id, "--male", "5").stdout
    assert actions(seeded, visit_id) == ["create", "update"]


def test_no_op_edits_of_every_kind(seeded):
    activity = seeded.ok(
        "activity",
        "add",
        "-k",
        "Medono",
        "--title",
        "Paving",
        "--type",
        "fisik",
        "--budget",
        "25jt",
    ).stdout.strip()
    followup = seeded.ok(
        "followup", "add", "-k", "Medono", "--problem", "A", "--action", "B", "--due", "2026-12-01"
    ).stdout.strip()
    cases = [
        (["activity", "edit", activity, "--budget", "25.000.000"], "kegiatan"),
        (["followup", "edit", followup, "--due", "2026-12-01", "--action", "B"], "tindak lanjut"),
        (["facilitator", "edit", "siti", "-k", "Tirto", "-k", "Medono"], "fasilitator siti"),
        (["lkk", "edit", "PKK Medono", "--type", "pkk"], "LKK PKK Medono (Medono)"),
    ]
    siti = seeded.json("facilitator", "list")[-1]["id"]
    before = {key: actions(seeded, key) for key in (activity, followup, siti)}
    for args, what in cases:
        result = seeded.ok(*args)
        assert result.stdout.startswith("tidak ada yang berubah pada ") and what in result.stdout
    assert {key: actions(seeded, key) for key in before} == before


# --- the same visit twice ------------------------------------------------------------------


def test_without_a_terminal_the_same_visit_is_logged_with_a_warning(seeded):
    first = seeded.ok(*VISIT, "--male", "3").stdout.strip()
    second = seeded.ok(*VISIT, "--male", "3")
    assert f"kunjungan yang sama persis sudah ada ({first})" in second.stderr
    assert len(seeded.json("visit", "list")) == 2
    quiet = seeded.ok(*VISIT, "--male", "3", "--allow-duplicate")
    assert quiet.stderr == ""
    different = seeded.ok(*VISIT, "--male", "3", "--notes", "sesi sore")
    assert different.stderr == ""  # anything different: another visit
    assert len(seeded.json("visit", "list")) == 4


def test_on_a_terminal_the_same_visit_is_refused_unless_confirmed(seeded, db_path, on_a_terminal):
    from tests.helpers import dump

    first = seeded.ok(*VISIT).stdout.strip()
    before = dump(db_path)
    refused = seeded(*VISIT, input="n\n")
    assert refused.exit_code == 4
    assert f"Kunjungan yang sama persis sudah ada ({first})" in refused.stdout
    assert "tidak dicatat lagi" in refused.stderr
    assert dump(db_path) == before
    confirmed = seeded.ok(*VISIT, input="y\n")
    assert len(seeded.json("visit", "list")) == 2
    assert confirmed.stderr.startswith("Kunjungan ") and "tersimpan" in confirmed.stderr
    assert seeded.ok(*VISIT, "--allow-duplicate").stdout.strip()  # no question asked


# --- coordinators in the summary per facilitator --------------------------------------------


def test_a_coordinator_without_kelurahan_is_no_row_of_zeros(seeded):
    seeded.ok("facilitator", "add", "Hendra", "--handle", "hendra", "--role", "koordinator")
    seeded.ok(
        "facilitator", "add", "Rina", "--handle", "rina", "--role", "koordinator", "-k", "Kauman"
    )
    seeded.ok("facilitator", "add", "Tono", "--handle", "tono")  # a faskel yet to be assigned

    def handles():
        rows = seeded.json("summary", "--by", "facilitator", "--week", "2026-W48")
        return [row["handle"] for row in rows]

    assert handles() == ["budi", "rina", "siti", "tono"]
    seeded.ok(
        *VISIT[:6], "--facilitator", "hendra", "--kind", "pengawasan", "--strand", "pengawasan"
    )
    assert "hendra" in handles()  # visits in the period: a row


def test_deleting_a_deleted_visit_is_refused_before_anything_is_asked(seeded, on_a_terminal):
    visit_id = visit_with_problems(seeded)
    seeded.ok("visit", "delete", visit_id, "--keep-followups")
    again = seeded.fails("visit", "delete", visit_id, code=4, input="y\n")
    assert "Hapus juga" not in again.stdout and "sudah dihapus" in again.stderr
    assert len(followups_of(seeded, visit_id)) == 2
