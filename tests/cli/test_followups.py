"""The edge of `faskel followup` (and the problems of `visit add`): JSON keys, tables and
CSV, one-line refusals on stderr with their exit codes, English."""

from __future__ import annotations

import pytest

from faskel_cli.core.followups import KEYS
from tests.helpers import dump, ref_of

VISIT = [
    "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
    "--kind", "pendampingan", "--strand", "pemetaan",
]  # fmt: skip


def add_followup(cli, *extra, kelurahan="Medono"):
    args = ["followup", "add", "-k", kelurahan]
    defaults = {
        "--problem": "Kader posyandu kurang",
        "--action": "Rekrut kader baru dari PKK",
        "--date": "2026-11-10",
    }
    for option, value in defaults.items():
        if option not in extra:
            args += [option, value]
    return cli.ok(*args, *extra).stdout.strip()


def test_visit_problems_become_followups(seeded):
    visit_id = seeded.ok(
        *VISIT, "--problem", "Bukti belanja belum lengkap", "--followup", "Bendahara melengkapi",
        "--due", "2026-11-30", "--owner", "budi", "--problem", "Saluran tersumbat",
        "--followup", "Koordinasi dengan DLH",
    ).stdout.strip()  # fmt: skip
    rows = seeded.json("followup", "list")
    assert len(rows) == 2 and all(list(r) == KEYS for r in rows)
    assert {(r["owner"], r["due"], r["visit_id"]) for r in rows} == {
        ("budi", "2026-11-30", visit_id),
        ("siti", "2026-12-07", visit_id),  # no --due: problem date + followup_days (14)
    }


def test_add_prints_the_id_and_show_json_has_exact_keys(seeded):
    followup_id = add_followup(seeded, "--due", "2026-11-20", "--owner", "siti")
    assert len(followup_id) == 36
    item = seeded.json("followup", "show", followup_id[:13])
    assert list(item) == KEYS and item["due"] == "2026-11-20"
    item = seeded.json("followup", "add", "-k", "Kauman", "--problem", "Kas", "--action", "Bina")
    assert list(item) == KEYS and item["kelurahan"] == "Kauman"
    table = seeded.ok("followup", "show", followup_id).stdout
    assert "Kader posyandu kurang" in table and "field." not in table


def _three(cli):
    overdue = add_followup(
        cli, "--problem", "A terlambat", "--due", "2026-11-20", "--owner", "siti"
    )
    open_ = add_followup(
        cli, "--problem", "B terbuka", "--due", "2026-12-05", "--owner", "budi", kelurahan="Tirto"
    )
    done = add_followup(cli, "--problem", "C selesai", "--due", "2026-11-15", kelurahan="Kauman")
    cli.ok("followup", "done", done, "--note", "Sudah beres", "--date", "2026-11-14")
    return overdue, open_, done


def test_list_flags_table_and_csv(seeded):
    overdue, open_, done = _three(seeded)
    ids = lambda *args: [r["id"] for r in seeded.json("followup", "list", *args)]  # noqa: E731
    assert ids() == [overdue, open_]
    assert ids("--open") == [overdue, open_]
    assert ids("--overdue") == [overdue]
    assert ids("--done") == [done]
    assert set(ids("--all")) == {overdue, open_, done}
    assert ids("-k", "Tirto") == [open_]
    assert ids("--kecamatan", "Pekalongan Barat") == [overdue, open_]
    assert ids("--owner", "budi") == [open_]
    assert ids("--overdue", "--as-of", "2026-11-20") == []
    assert ids("--done", "--as-of", "2026-11-14") == [done]
    table = seeded.ok("followup", "list").stdout
    assert "TERLAMBAT 8 hari" in table and "terbuka" in table
    assert "A terlambat" in table and "B terbuka" in table
    csv_text = seeded.ok("followup", "list", "--all", "--format", "csv").stdout.removeprefix(
        "\ufeff"
    )  # the BOM
    assert csv_text.splitlines()[0] == ",".join(KEYS)
    assert len(csv_text.splitlines()) == 4
    assert "OVERDUE 8d" in seeded.ok("--lang", "en", "followup", "list", "--overdue").stdout
    assert "Tidak ada tindak lanjut" in seeded.ok("followup", "list", "--as-of", "1/1/2026").stdout


def test_done_reopen_and_history(seeded):
    followup_id = add_followup(seeded, "--due", "2026-11-20")
    out = seeded.ok("followup", "done", followup_id, "--note", "Dua kader baru dilatih")
    assert "2026-11-28" in out.stdout
    assert seeded.json("followup", "show", followup_id)["status"] == "done"
    assert (
        ref_of(seeded, "followup", followup_id)
        in seeded.ok("followup", "reopen", followup_id, "--note", "Lagi").stdout
    )
    assert seeded.json("followup", "show", followup_id)["status"] == "open"
    history = seeded.json("history", followup_id)
    assert [h["action"] for h in history] == ["create", "done", "reopen"]


def test_delete_and_restore(seeded, db_path):
    followup_id = add_followup(seeded)
    assert (
        ref_of(seeded, "followup", followup_id)
        in seeded.ok("followup", "delete", followup_id).stdout
    )
    assert seeded.json("followup", "list", "--all") == []
    assert "DIHAPUS" in seeded.ok("followup", "show", followup_id).stdout
    before = dump(db_path)
    seeded.fails("followup", "done", followup_id, "--note", "x", code=4)
    seeded.fails("followup", "delete", followup_id, code=4)
    assert dump(db_path) == before
    seeded.ok("followup", "restore", followup_id)
    seeded.fails("followup", "restore", followup_id, code=4)
    assert "DIHAPUS" not in seeded.ok("followup", "show", followup_id).stdout


@pytest.mark.parametrize(
    ("extra", "hint"),
    [
        (["--followup", "Rekrut kader"], "--problem"),  # a follow-up without a problem
        (["--problem", "Kader kurang"], "--followup"),  # a problem without a follow-up
        (["--problem", "A", "--followup", "a", "--due", "2026-11-22"], "2026-11-22"),
    ],
)
def test_bad_visit_problems_refused_in_one_line(seeded, db_path, extra, hint):
    before = dump(db_path)
    assert hint in seeded.fails(*VISIT, *extra, code=2).stderr
    assert dump(db_path) == before  # the visit is not written either


def test_bad_followup_add_refused_in_one_line(seeded, db_path):
    before = dump(db_path)
    result = seeded.fails("followup", "add", code=2)
    assert "--kelurahan, --problem, --action" in result.stderr
    base = ["followup", "add", "-k", "Medono", "--problem", "P", "--action", "A"]
    assert "2026-12-01" in seeded.fails(*base, "--date", "2026-12-01", code=2).stderr
    assert "nobody" in seeded.fails(*base, "--owner", "nobody", code=3).stderr
    assert "ffffffff" in seeded.fails(*base, "--visit", "ffffffff", code=3).stderr
    assert dump(db_path) == before


def test_done_and_reopen_refusals(seeded, db_path):
    followup_id = add_followup(seeded)
    before = dump(db_path)
    assert "--note" in seeded.fails("followup", "done", followup_id, code=2).stderr
    result = seeded.fails("followup", "reopen", followup_id, "--note", "x", code=4)
    assert "masih terbuka" in result.stderr
    seeded.ok("followup", "done", followup_id, "--note", "Selesai", "--date", "2026-11-20")
    before = dump(db_path)
    result = seeded.fails("followup", "done", followup_id, "--note", "lagi", code=4)
    assert "sudah selesai" in result.stderr and "2026-11-20" in result.stderr
    assert "--note" in seeded.fails("followup", "reopen", followup_id, code=2).stderr
    seeded.fails("followup", "done", "ffffffff", "--note", "x", code=3)
    seeded.fails("followup", "list", "--open", "--done", code=2)
    seeded.fails("followup", "list", "--owner", "sity", code=3)
    seeded.fails("followup", "list", "--format", "xml", code=2)
    assert dump(db_path) == before
    english = seeded.fails("--lang", "en", "followup", "done", followup_id, "--note", "x")
    assert "already done" in english.stderr


def test_edit_prints_the_follow_up(seeded, db_path):
    followup_id = add_followup(seeded)
    edited = seeded.json("followup", "edit", followup_id, "--due", "2026-12-15")
    assert (edited["due"], list(edited)) == ("2026-12-15", KEYS)
    assert (
        ref_of(seeded, "followup", followup_id)
        in seeded.ok("followup", "edit", followup_id, "--owner", "budi").stdout
    )
    before = dump(db_path)
    seeded.fails("followup", "edit", followup_id, code=2)  # nothing to change
    seeded.fails("followup", "edit", followup_id, "--due", "2000-01-01", code=2)
    assert dump(db_path) == before
