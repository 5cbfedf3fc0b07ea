"""Visits: log, list, show, edit, delete, restore; and every bad input refused cleanly."""

from __future__ import annotations

import pytest

from tests.conftest import dump


def add_visit(cli, *extra):
    result = cli.ok(
        "visit",
        "add",
        "--date",
        "2026-11-23",
        "--kelurahan",
        "Medono",
        "--facilitator",
        "siti",
        "--kind",
        "pendampingan",
        "--strand",
        "kesadaran",
        *extra,
    )
    return result.stdout.strip()


def test_add_prints_id_and_json_has_exact_keys(seeded):
    visit_id = add_visit(
        seeded,
        "--lkk",
        "Posyandu Melati",
        "--male",
        "4",
        "--female",
        "9",
        "--duration",
        "1h30",
        "--notes",
        "Rapat kader",
    )
    assert len(visit_id) == 36 and visit_id[14] == "7"  # a UUIDv7
    shown = seeded.json("visit", "show", visit_id[:13])
    assert list(shown) == [
        "id",
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
    assert shown["created_at"].endswith("Z")


@pytest.mark.parametrize("typed", ["23/11/2026", "23-11-2026", "2026-11-23"])
def test_date_forms(seeded, typed):
    visit_id = seeded.ok(
        "visit",
        "add",
        "--date",
        typed,
        "-k",
        "medono",
        "--facilitator",
        "siti",
        "--kind",
        "bimbingan",
        "--strand",
        "pemetaan",
    ).stdout.strip()
    assert seeded.json("visit", "show", visit_id)["date"] == "2026-11-23"


def test_relative_dates_use_frozen_clock(seeded):
    today = seeded.ok(
        "visit",
        "add",
        "--date",
        "hari-ini",
        "-k",
        "Medono",
        "--facilitator",
        "siti",
        "--kind",
        "bimbingan",
        "--strand",
        "pemetaan",
    ).stdout.strip()
    yesterday = seeded.ok(
        "visit",
        "add",
        "--date",
        "kemarin",
        "-k",
        "Medono",
        "--facilitator",
        "siti",
        "--kind",
        "bimbingan",
        "--strand",
        "pemetaan",
    ).stdout.strip()
    assert seeded.json("visit", "show", today)["date"] == "2026-11-28"
    assert seeded.json("visit", "show", yesterday)["date"] == "2026-11-27"


def test_facilitator_defaults_to_me_and_cover_warns(seeded):
    seeded.ok("config", "set", "me", "budi")
    result = seeded.ok(
        "visit",
        "add",
        "--date",
        "2026-11-20",
        "-k",
        "Tirto",
        "--kind",
        "pengawasan",
        "--strand",
        "pengawasan",
    )
    assert "budi" in result.stderr and "Tirto" in result.stderr  # not assigned: a warning
    assert seeded.json("visit", "show", result.stdout.strip())["facilitator"] == "budi"


def test_list_filters_and_order(seeded):
    add_visit(seeded)
    seeded.ok(
        "visit",
        "add",
        "--date",
        "2026-11-16",
        "-k",
        "Kauman",
        "--facilitator",
        "budi",
        "--kind",
        "bimbingan",
        "--strand",
        "mobilisasi",
    )
    seeded.ok(
        "visit",
        "add",
        "--date",
        "2026-11-25",
        "-k",
        "Tirto",
        "--facilitator",
        "siti",
        "--kind",
        "bimbingan",
        "--strand",
        "mobilisasi",
    )
    rows = seeded.json("visit", "list")
    assert [r["date"] for r in rows] == ["2026-11-25", "2026-11-23", "2026-11-16"]
    assert [r["date"] for r in seeded.json("visit", "list", "--week", "2026-W48")] == [
        "2026-11-25",
        "2026-11-23",
    ]
    assert [r["date"] for r in seeded.json("visit", "list", "--week", "last")] == ["2026-11-16"]
    assert len(seeded.json("visit", "list", "--kecamatan", "Pekalongan Timur")) == 1
    assert len(seeded.json("visit", "list", "--facilitator", "siti")) == 2
    assert len(seeded.json("visit", "list", "--kind", "bimbingan")) == 2
    assert len(seeded.json("visit", "list", "--since", "2026-11-20", "--until", "23/11/2026")) == 1
    csv_text = seeded.ok("visit", "list", "--format", "csv").stdout[1:]  # the BOM
    assert csv_text.splitlines()[0].startswith("id,date,kelurahan_kode")
    table = seeded.ok("visit", "list").stdout
    assert "Tirto" in table and "Kauman" in table


def test_edit_delete_restore_and_history(seeded):
    visit_id = add_visit(seeded)
    seeded.ok("visit", "edit", visit_id, "--female", "12", "--lkk", "PKK Medono")
    shown = seeded.json("visit", "show", visit_id)
    assert shown["female"] == 12 and shown["lkk"] == ["PKK Medono"]
    seeded.ok("visit", "delete", visit_id)
    assert seeded.json("visit", "list") == []
    seeded.ok("visit", "restore", visit_id)
    assert len(seeded.json("visit", "list")) == 1
    history = seeded.json("history", visit_id)
    assert [h["action"] for h in history] == ["create", "update", "delete", "restore"]
    assert history[1]["before"]["female"] == 0 and history[1]["after"]["female"] == 12
    assert history[2]["after"]["deleted_at"] is not None


def test_missing_options_without_tty_names_them_all(seeded):
    result = seeded.fails("visit", "add", "--date", "2026-11-23")
    for option in ("--kelurahan", "--facilitator", "--kind", "--strand"):
        assert option in result.stderr


BAD_INPUTS = [
    (["-k", "Medon"], "Medono"),  # unknown kelurahan lists the closest
    (["-k", "Medono", "--lkk", "BKM Kauman"], "Kauman"),  # LKK of another kelurahan
    (["-k", "Medono", "--male", "-3"], "--male"),
    (["-k", "Medono", "--female", "banyak"], "--female"),
    (["-k", "Medono", "--male", "10001"], "10000"),
    (["-k", "Medono", "--date", "31/02/2026"], "31/02/2026"),
    (["-k", "Medono", "--date", "kemarin lusa"], "--date"),
    (["-k", "Medono", "--date", "2026-12-01"], "2026-12-01"),  # in the future
    (["-k", "Medono", "--date", "1999-12-31"], "2000"),
    (["-k", "Medono", "--kind", "kunjungan"], "pendampingan"),
    (["-k", "Medono", "--strand", "lainnya"], "pemeliharaan"),
    (["-k", "Medono", "--notes", "x" * 10_001], "10"),
    (["-k", "Medono", "--facilitator", "sity"], "siti"),
]


@pytest.mark.parametrize(("extra", "hint"), BAD_INPUTS)
def test_bad_input_is_refused_and_database_untouched(seeded, db_path, extra, hint):
    base = {
        "--date": "2026-11-23",
        "--facilitator": "siti",
        "--kind": "pendampingan",
        "--strand": "kesadaran",
    }
    args = list(extra)
    for option, value in base.items():
        if option not in args:
            args += [option, value]
    before = dump(db_path)
    result = seeded.fails("visit", "add", *args)
    assert hint in result.stderr
    assert dump(db_path) == before


def test_unknown_and_ambiguous_ids(seeded, db_path):
    import sqlite3

    for suffix in ("1", "2"):
        visit_id = add_visit(seeded)
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
    seeded.fails("visit", "show", "ffffffff", code=3)
    ambiguous = seeded.fails("visit", "delete", "01a00000-0000", code=2)
    assert "01a00000-0000-7000-8000-000000000001" in ambiguous.stderr
    assert "01a00000-0000-7000-8000-000000000002" in ambiguous.stderr
    seeded.fails("visit", "delete", "01a000")  # hyphen-less prefix: ambiguous too
    seeded.fails("visit", "delete", "abc")  # too short
    seeded.fails("visit", "delete", "not-an-id!")
    assert dump(db_path) == before
    seeded.ok("visit", "delete", "01a00000-0000-7000-8000-000000000002")


def test_english_messages(seeded):
    result = seeded.fails(
        "--lang",
        "en",
        "visit",
        "add",
        "-k",
        "Medon",
        "--facilitator",
        "siti",
        "--kind",
        "bimbingan",
        "--strand",
        "pemetaan",
    )
    assert "unknown kelurahan 'Medon'" in result.stderr
    seeded.ok("config", "set", "lang", "en")
    assert (
        "unknown kelurahan"
        in seeded.fails(
            "visit",
            "add",
            "-k",
            "Medon",
            "--facilitator",
            "siti",
            "--kind",
            "bimbingan",
            "--strand",
            "pemetaan",
        ).stderr
    )


def test_on_a_terminal_missing_values_are_asked_for_with_choices(seeded, db_path):
    """A real pseudo-terminal: the prompts show the choices and the answers are used."""
    import os
    import pty
    import select
    import subprocess
    import sys

    master, slave = pty.openpty()
    env = {**os.environ, "FASKEL_DB": str(db_path), "TERM": "dumb"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "faskel_cli", "visit", "add", "--date", "2026-11-20"],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )  # fmt: skip
    os.close(slave)
    answers = iter(["tirto", "siti", "bimbingan", "pemetaan"])
    seen = b""
    try:
        while proc.poll() is None or select.select([master], [], [], 0)[0]:
            ready, _, _ = select.select([master], [], [], 20)
            assert ready, seen
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
            if seen.rstrip().endswith(b":"):
                os.write(master, (next(answers) + "\n").encode())
    finally:
        os.close(master)
        proc.wait(timeout=20)
    text = seen.decode()
    assert proc.returncode == 0, text
    assert "pendampingan|bimbingan|pengawasan" in text
    assert "siti" in text  # the facilitator prompt lists the handles
    (visit,) = seeded.json("visit", "list")
    assert (visit["kelurahan"], visit["facilitator"], visit["kind"], visit["strand"]) == (
        "Tirto",
        "siti",
        "bimbingan",
        "pemetaan",
    )
