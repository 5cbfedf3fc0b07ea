"""The edge of `faskel visit`: ids on stdout, JSON keys, warnings and one-line refusals on
stderr, exit codes, English, and the prompts on a real terminal."""

from __future__ import annotations

import pytest

from tests.helpers import dump, ref_of

VISIT = [
    "visit", "add", "--date", "2026-11-23", "--kelurahan", "Medono", "--facilitator", "siti",
    "--kind", "pendampingan", "--strand", "kesadaran",
]  # fmt: skip


def test_add_prints_the_id_and_show_json_has_exact_keys(seeded):
    visit_id = seeded.ok(
        *VISIT, "--lkk", "Posyandu Melati", "--male", "4", "--female", "9", "--duration", "1h30",
        "--notes", "Rapat kader",
    ).stdout.strip()  # fmt: skip
    assert len(visit_id) == 36 and visit_id[14] == "7"  # a UUIDv7, alone on its line
    shown = seeded.json("visit", "show", visit_id[:13])
    assert list(shown) == [
        "id", "ref", "date", "kelurahan_kode", "kelurahan", "kecamatan", "facilitator", "kind",
        "strand", "lkk", "male", "female", "duration_minutes", "notes", "created_at",
        "updated_at",
    ]  # fmt: skip
    assert (shown["lkk"], shown["male"], shown["duration_minutes"]) == (["Posyandu Melati"], 4, 90)
    table = seeded.ok("visit", "show", visit_id).stdout
    assert "Catatan" in table and "Rapat kader" in table and "field." not in table
    added = seeded.json(*VISIT, "--date", "kemarin")  # the last --date counts
    assert added["date"] == "2026-11-27" and list(added) == list(shown)


def test_not_assigned_is_a_warning_on_stderr(seeded):
    seeded.ok("config", "set", "me", "budi")
    result = seeded.ok(
        "visit", "add", "--date", "2026-11-20", "-k", "Tirto", "--kind", "pengawasan",
        "--strand", "pengawasan",
    )  # fmt: skip
    assert "budi" in result.stderr and "Tirto" in result.stderr
    assert result.stderr.startswith("Peringatan: ")
    assert seeded.json("visit", "show", result.stdout.strip())["facilitator"] == "budi"


def test_list_periods_filters_and_formats(seeded):
    seeded.ok(*VISIT)
    seeded.ok(*VISIT, "--date", "2026-11-16", "-k", "Kauman", "--facilitator", "budi")
    seeded.ok(*VISIT, "--date", "2026-11-25", "-k", "Tirto", "--kind", "bimbingan")
    rows = seeded.json("visit", "list")
    assert [r["date"] for r in rows] == ["2026-11-25", "2026-11-23", "2026-11-16"]
    assert [r["date"] for r in seeded.json("visit", "list", "--week", "2026-W48")] == [
        "2026-11-25",
        "2026-11-23",
    ]
    assert [r["date"] for r in seeded.json("visit", "list", "--week", "last")] == ["2026-11-16"]
    assert len(seeded.json("visit", "list", "--kecamatan", "Pekalongan Timur")) == 1
    assert len(seeded.json("visit", "list", "--facilitator", "siti")) == 2
    assert len(seeded.json("visit", "list", "--kind", "bimbingan")) == 1
    assert len(seeded.json("visit", "list", "--since", "2026-11-20", "--until", "23/11/2026")) == 1
    csv_text = seeded.ok("visit", "list", "--format", "csv").stdout.removeprefix(
        "\ufeff"
    )  # the BOM
    assert csv_text.splitlines()[0].startswith("id,ref,date,kelurahan_kode")
    table = seeded.ok("visit", "list").stdout
    assert "Tirto" in table and "Kauman" in table
    assert "Tidak ada kunjungan" in seeded.ok("visit", "list", "--week", "2026-W01").stdout


def test_edit_delete_restore_and_history(seeded):
    visit_id = seeded.ok(*VISIT).stdout.strip()
    seeded.ok("visit", "edit", visit_id, "--female", "12", "--lkk", "PKK Medono")
    assert seeded.json("visit", "show", visit_id)["female"] == 12
    assert ref_of(seeded, "visit", visit_id) in seeded.ok("visit", "delete", visit_id).stdout
    assert seeded.json("visit", "list") == []
    assert ref_of(seeded, "visit", visit_id) in seeded.ok("visit", "restore", visit_id).stdout
    history = seeded.json("history", visit_id)
    assert [h["action"] for h in history] == ["create", "update", "delete", "restore"]
    assert "Peserta perempuan: 0 → 12" in seeded.ok("history", visit_id).stdout


def test_missing_options_without_tty_names_them_all(seeded):
    result = seeded.fails("visit", "add", "--date", "2026-11-23", code=2)
    for option in ("--kelurahan", "--facilitator", "--kind", "--strand"):
        assert option in result.stderr


@pytest.mark.parametrize(
    ("extra", "hint"),
    [
        (["-k", "Medon"], "Medono"),  # unknown kelurahan lists the closest
        (["--male", "-3"], "--male"),
        (["--date", "2026-12-01"], "2026-12-01"),  # in the future
    ],
)
def test_bad_input_is_one_line_and_database_untouched(seeded, db_path, extra, hint):
    before = dump(db_path)
    result = seeded.fails(*VISIT, *extra, code=2)
    assert hint in result.stderr and result.stderr.startswith("Kesalahan: ")
    assert dump(db_path) == before


def test_unknown_and_ambiguous_ids_exit_codes(seeded, db_path):
    import sqlite3

    for suffix in ("1", "2"):
        visit_id = seeded.ok(*VISIT).stdout.strip()
        conn = sqlite3.connect(db_path)
        with conn:
            conn.execute(
                "update visits set id = ? where id = ?",
                [f"01a00000-0000-7000-8000-00000000000{suffix}", visit_id],
            )
        conn.close()
    before = dump(db_path)
    seeded.fails("visit", "show", "ffffffff", code=3)
    ambiguous = seeded.fails("visit", "delete", "01a00000-0000", code=2)
    assert "01a00000-0000-7000-8000-000000000001" in ambiguous.stderr
    assert "01a00000-0000-7000-8000-000000000002" in ambiguous.stderr
    seeded.fails("visit", "delete", "abc", code=2)  # too short
    seeded.fails("visit", "delete", "not-an-id!", code=2)
    assert dump(db_path) == before


def test_english_messages(seeded):
    wrong = ["visit", "add", "-k", "Medon", "--facilitator", "siti", "--kind", "bimbingan",
             "--strand", "pemetaan"]  # fmt: skip
    result = seeded.fails("--lang", "en", *wrong)
    assert "unknown kelurahan 'Medon'" in result.stderr
    assert result.stderr.startswith("Error: ")
    seeded.ok("config", "set", "lang", "en")
    assert "unknown kelurahan" in seeded.fails(*wrong).stderr


@pytest.mark.parametrize("key", [b"\x04", b"\x03"], ids=["ctrl-d", "ctrl-c"])
def test_cancelling_a_prompt_exits_130_and_writes_nothing(seeded, db_path, key):
    """On a real pseudo-terminal: Ctrl-D or Ctrl-C at the first question, one line, 130."""
    import os

    from tests.helpers import Terminal, dump

    before = dump(db_path)
    env = {**os.environ, "FASKEL_DB": str(db_path), "TERM": "dumb"}
    term = Terminal("visit", "add", "--date", "2026-11-20", env=env)
    while not term.seen.rstrip().endswith(":"):
        assert term.read(), term.seen
    term.press(key)
    code = term.finish()
    assert code == 130, (code, term.seen)
    assert "Traceback" not in term.seen
    assert "dibatalkan" in term.seen
    assert dump(db_path) == before
