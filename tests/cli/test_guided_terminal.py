"""The guided entry on a real pseudo-terminal: a faskel process whose terminal is a pty,
answered as a person would (what she types is echoed back). Few and whole: each spawn
costs a process start; the logic of each answer is tested in-process (test_guided.py)."""

from __future__ import annotations

import os

from faskel_cli.core.db import connect, put_setting
from tests.helpers import Terminal, add_visit, dump


def terminal(db_path, *args: str) -> Terminal:
    env = {**os.environ, "FASKEL_DB": str(db_path), "TERM": "dumb", "COLUMNS": "100"}
    return Terminal(*args, env=env)


def test_a_visit_guided_on_a_terminal(seeded, db_path):
    """Defaults from the last visit, a numbered choice, a near spelling, a wrong answer
    asked again, a new LKK, a problem with its follow-up, a correction, the confirmation."""
    with connect(db_path) as db:
        add_visit(db, kelurahan="Tirto", kind="bimbingan", strand="mobilisasi")
        put_setting(db, "me", "siti")
    term = terminal(db_path, "visit", "add")
    term.answer(
        ("Tanggal [2026-11-28]: ", "kemrin"),  # not a date
        ("Tanggal [2026-11-28]: ", "kemarin"),
        ("Kelurahan [Tirto]: ", "medno"),  # a near spelling
        ("Jenis kerja [bimbingan]: ", "3"),  # a number
        ("Unsur pembangunan [mobilisasi]: ", ""),  # the default
        ("LKK: ", "2,+"),
        ("Jenis: ", "lainnya"),
        ("Nama LKK: ", "Kelompok Tani"),
        ("[y/N]: ", ""),
        ("Peserta laki-laki [0]: ", "7"),
        ("Peserta perempuan [0]: ", "11"),
        ("Durasi", "2h"),
        ("Catatan: ", ""),
        ("(kosongkan bila tidak ada): ", "Talud longsor"),
        ("Tindak lanjut: ", "Usulkan ke musrenbang"),
        ("Tenggat [2026-12-11]: ", ""),
        ("Penanggung jawab [siti]: ", "budi"),
        ("(kosongkan bila tidak ada lagi): ", ""),
        ("Simpan? [Y/n/ubah]: ", "8"),  # correct the women
        ("Peserta perempuan [0]: ", "12"),
        ("Simpan? [Y/n/ubah]: ", ""),
    )
    code = term.finish()
    assert code == 0, term.seen
    assert "= Medono" in term.seen and "pengawasan (memantau" in term.seen
    assert "'' bukan tanggal" not in term.seen and "'kemrin' bukan tanggal" in term.seen
    assert "Traceback" not in term.seen
    with connect(db_path) as db:
        newest = visits_of(db)[0]
        assert newest[:6] == ("2026-11-27", "Medono", "pengawasan", "mobilisasi", 7, 12)
        assert newest[6] == 120
        linked = db.execute(
            "select l.name from visit_lkk vl join lkk l on l.id = vl.lkk_id order by l.name"
        ).fetchall()
        assert [r[0] for r in linked] == ["Kelompok Tani", "Posyandu Melati"]
        (followup,) = db.execute(
            "select f.problem, f.action, f.due, o.handle from followups f "
            "join facilitators o on o.id = f.owner_id"
        ).fetchall()
        assert followup == ("Talud longsor", "Usulkan ke musrenbang", "2026-12-11", "budi")
        (ref,) = db.execute("select ref from visits order by created_at desc limit 1").fetchone()
    # The id for scripts, and for the person the short reference to say and type.
    assert f"Kunjungan {ref} tersimpan; sebut dengan {ref}" in term.seen


def visits_of(db) -> list[tuple]:
    return db.execute(
        "select v.date, k.nama, v.kind, v.strand, v.male, v.female, v.duration_minutes "
        "from visits v join regions k on k.kode = v.kelurahan_kode order by v.created_at desc"
    ).fetchall()


def test_ctrl_c_midway_writes_nothing_not_even_the_new_lkk(seeded, db_path):
    before = dump(db_path)
    term = terminal(db_path, "visit", "add", "--facilitator", "siti")
    term.answer(
        ("Tanggal [2026-11-28]: ", ""),
        ("Kelurahan: ", "Medono"),
        ("Jenis kerja: ", "1"),
        ("Unsur pembangunan: ", "1"),
        ("LKK: ", "+"),
        ("Jenis: ", "rt"),
        ("Nama LKK: ", "RT 09"),
        ("[y/N]: ", "n"),
    )
    term.expect("Peserta laki-laki [0]: ")
    term.press(b"\x03")
    code = term.finish()
    assert code == 130, (code, term.seen[-300:])
    assert "dibatalkan" in term.seen and "Traceback" not in term.seen
    assert dump(db_path) == before


def test_no_input_on_a_terminal_asks_nothing(seeded, db_path):
    term = terminal(db_path, "--no-input", "visit", "add", "-k", "Medono")
    assert term.finish() == 2, term.seen
    assert "opsi wajib belum diisi: --facilitator, --kind, --strand" in term.seen
    assert ":" not in term.seen.split("opsi wajib")[0].replace("Kesalahan:", "")
