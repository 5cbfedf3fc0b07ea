"""Property: whatever laptops do and however bundles travel between them, once every
laptop has imported every other's full bundle they all hold the same records; and
importing a bundle a second time changes nothing."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from faskel_cli.core import bundle, facilitators, lkk, visits
from faskel_cli.core.db import connect
from tests.helpers import Laptop, add_visit, canonical, copy_db, export, import_counts

NAMES = ("a", "b", "c")
WHERE = {
    "Medono": ("siti", "Posyandu Melati"),
    "Tirto": ("siti", None),
    "Kauman": ("budi", "BKM Kauman"),
}


laptop = st.integers(0, len(NAMES) - 1)
operation = st.one_of(
    st.tuples(st.just("add"), laptop, st.sampled_from(sorted(WHERE)), st.integers(0, 30)),
    st.tuples(st.just("edit"), laptop, st.integers(0, 40), st.integers(0, 30)),
    st.tuples(st.just("delete"), laptop, st.integers(0, 40)),
    st.tuples(st.just("restore"), laptop, st.integers(0, 40)),
    st.tuples(st.just("phone"), laptop, st.sampled_from(["siti", "budi"]), st.integers(0, 99)),
    st.tuples(st.just("lkk"), laptop),
    st.tuples(st.just("send"), laptop, laptop, st.booleans()),
    st.tuples(st.just("resend"), laptop),
)


def _ids(laptop: Laptop, deleted: bool) -> list[str]:
    conn = sqlite3.connect(laptop.path)
    try:
        where = "is not null" if deleted else "is null"
        return [
            r[0]
            for r in conn.execute(f"select id from visits where deleted_at {where} order by id")
        ]
    finally:
        conn.close()


def _kelurahan_of(laptop: Laptop, visit_id: str) -> str:
    conn = sqlite3.connect(laptop.path)
    try:
        kode = conn.execute(
            "select kelurahan_kode from visits where id = ?", [visit_id]
        ).fetchone()[0]
        return conn.execute("select nama from regions where kode = ?", [kode]).fetchone()[0]
    finally:
        conn.close()


def _newest(clis: list[Laptop]) -> dict[str, list]:
    """The rows every laptop must end with, by the merge rule alone: of each record's
    versions on the laptops, the one with the latest (updated_at, device_id). Convergence
    alone would not catch a wrong rule that every laptop applies alike."""
    dumps = [dict(canonical(cli.path)) for cli in clis]
    conn = sqlite3.connect(clis[0].path)
    try:
        kinds = bundle.describe(conn)
    finally:
        conn.close()
    out = {}
    for kind in kinds.values():
        versions: dict = {}
        for rows in dumps:
            for row in rows[kind.name]:
                record = dict(zip(kind.names, row, strict=True))
                rank = (record["updated_at"], record["device_id"] or "")
                if record["id"] not in versions or rank > versions[record["id"]][0]:
                    versions[record["id"]] = (rank, row)
        out[kind.name] = [versions[i][1] for i in sorted(versions)]
    return out


def _run(step, clis: list[Laptop], folder: Path, state: dict) -> None:
    what, who, *rest = step
    cli = clis[who]
    if what == "add":
        kelurahan, number = rest
        facilitator, name = WHERE[kelurahan]
        names = [name] if name and number % 2 else []
        add_visit(cli.db, male=number, lkk=names, kelurahan=kelurahan, who=facilitator)
    elif what in ("edit", "delete", "restore"):
        ids = _ids(cli, deleted=what == "restore")
        if not ids:
            return
        visit_id = ids[rest[0] % len(ids)]
        if what == "edit":
            data = visits.VisitInput(female=str(rest[1]))
            name = WHERE[_kelurahan_of(cli, visit_id)][1]
            if rest[1] % 3 == 0:
                data.lkk = [name] if name else []
            visits.edit(cli.db, visit_id, data)
        else:
            getattr(visits, what)(cli.db, visit_id)
    elif what == "phone":
        handle, number = rest
        facilitators.edit(cli.db, handle, phone=f"0812-{number:04d}")
    elif what == "lkk":
        state["lkk"] += 1
        lkk.add(cli.db, "Tirto", "rt", f"RT {NAMES[who]}{state['lkk']}")
    elif what == "send":
        to, everything = rest
        path = folder / f"{NAMES[who]}-to-{NAMES[to]}.faskel"
        export(cli.db, path, everything=everything)
        import_counts(clis[to].db, path)
        state["last"][to] = path
    elif what == "resend":
        path = state["last"].get(who)
        if path is None:
            return
        before = canonical(cli.path)
        import_counts(cli.db, path)
        assert canonical(cli.path) == before


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(operation, min_size=1, max_size=12))
def test_random_edits_and_exchanges_converge(laptop_templates, steps):
    """laptop_templates: three laptops sharing the coordinator's facilitators and LKK."""
    folder = Path(tempfile.mkdtemp(prefix="faskel-prop-"))
    clis: list[Laptop] = []
    try:
        for name in NAMES:
            path = copy_db(laptop_templates / f"{name}.db", folder / f"{name}.db")
            clis.append(Laptop(path, connect(path)))
        state = {"lkk": 0, "last": {}}
        for step in steps:
            _run(step, clis, folder, state)
        expected = _newest(clis)
        # Everyone sends everything to everyone, then everyone imports what the others sent.
        finals = [
            export(cli.db, folder / f"final-{n}.faskel", everything=True)
            for n, cli in zip(NAMES, clis, strict=True)
        ]
        for i, cli in enumerate(clis):
            for j, path in enumerate(finals):
                if i != j:
                    import_counts(cli.db, path)
        dumps = [canonical(cli.path) for cli in clis]
        assert dumps[0] == dumps[1] == dumps[2]
        assert {kind: rows for kind, rows in dumps[0] if kind in expected} == expected
        # ... and once converged, any bundle imported again changes nothing.
        again = export(clis[0].db, folder / "again.faskel", everything=True)
        import_counts(clis[2].db, again)
        assert canonical(clis[2].path) == dumps[2]
    finally:
        for cli in clis:
            cli.db.close()
        shutil.rmtree(folder, ignore_errors=True)
