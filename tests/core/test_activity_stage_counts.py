"""activity_stage_counts (m016): the live activities per village and stage, kept by triggers
on every path an activity is written by, so that summaries need not read them all."""

from __future__ import annotations

from faskel_cli.core import activities
from tests.helpers import add_activity, export, import_counts, query


def kept(path) -> list[tuple]:
    return query(
        path,
        "select kelurahan_kode, stage, n from activity_stage_counts where n <> 0 order by 1, 2",
    )


def counted(path) -> list[tuple]:
    return query(
        path,
        "select kelurahan_kode, stage, count(*) from activities where deleted_at is null "
        "group by 1, 2 order by 1, 2",
    )


def test_the_counts_follow_adds_moves_edits_deletes_and_restores(laptops):
    ((path, db),) = laptops("a")
    assert kept(path) == counted(path) == []
    first = add_activity(db, "2026-10-10", kelurahan="Medono", start="2026-10-01")
    second = add_activity(db, kelurahan="Medono", title="Pelatihan kader", start="2026-10-05")
    third = add_activity(
        db, "2026-10-10", "2026-10-20", "2026-11-02", kelurahan="Kauman", start="2026-10-01"
    )
    assert kept(path) == counted(path)
    assert ("33.75.02.1004", "evaluasi", 1) in kept(path)
    activities.advance(db, second, on="2026-11-03")
    activities.edit(db, first, title="Normalisasi saluran RW 04")
    assert kept(path) == counted(path)
    activities.delete(db, third)
    assert kept(path) == counted(path)
    assert not any(kode == "33.75.02.1004" for kode, _, _ in kept(path))
    activities.restore(db, third)
    activities.delete(db, first)
    assert kept(path) == counted(path)
    assert len(kept(path)) == 2


def test_the_counts_follow_bundles_that_add_and_update(laptops, tmp_path):
    (a, b) = laptops("a", "b")
    one = add_activity(a.db, kelurahan="Medono", start="2026-10-01")
    add_activity(a.db, "2026-10-10", kelurahan="Kauman", start="2026-10-01")
    import_counts(b.db, export(a.db, tmp_path / "1.faskel", everything=True))
    assert kept(b.path) == counted(b.path) == counted(a.path)
    # Moved on a, deleted on b: the bundle's newer version of the record wins either way.
    activities.advance(a.db, one, on="2026-11-02")
    import_counts(b.db, export(a.db, tmp_path / "2.faskel", everything=True))
    assert kept(b.path) == counted(b.path) == counted(a.path)
    activities.delete(b.db, one)
    import_counts(a.db, export(b.db, tmp_path / "3.faskel", everything=True))
    assert kept(a.path) == counted(a.path) == counted(b.path)
