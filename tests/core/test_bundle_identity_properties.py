"""Property: laptops that each register the same people and LKK (written in different ways),
log visits with them, edit them and exchange bundles in any order and by any path end,
once every laptop has imported every other's full bundle, with the same records: one live
record per person and per LKK, nothing referring to a merged one."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import Cli, canonical

NAMES = ("a", "b", "c")
# handle -> the ways the same name gets typed
PEOPLE = {
    "siti": ("Siti Aminah", "siti aminah", "SITI  AMINAH"),
    "budi": ("Budi Santoso", " Budi Santoso"),
}
# name variants of one LKK of Medono (its type is always the same)
LKK = {"posyandu": ("Posyandu Melati", "posyandu melati"), "pkk": ("PKK Medono", "pkk medono")}
KELURAHAN = ("Medono", "Tirto", "Kauman")


def query(db_path: Path, sql: str, *params) -> list:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """Three empty, initialised laptops (made once)."""
    folder = tmp_path_factory.mktemp("identity-laptops")
    for name in NAMES:
        Cli(folder / f"{name}.db").ok("config", "set", "stall_days", "30")
    return folder


laptop = st.integers(0, len(NAMES) - 1)
operation = st.one_of(
    st.tuples(st.just("person"), laptop, st.sampled_from(sorted(PEOPLE)), st.integers(0, 2)),
    st.tuples(st.just("lkk"), laptop, st.sampled_from(sorted(LKK)), st.integers(0, 1)),
    st.tuples(
        st.just("visit"),
        laptop,
        st.sampled_from(sorted(PEOPLE)),
        st.sampled_from([None, *sorted(LKK)]),
    ),
    st.tuples(st.just("phone"), laptop, st.sampled_from(sorted(PEOPLE)), st.integers(0, 99)),
    st.tuples(
        st.just("assign"), laptop, st.sampled_from(sorted(PEOPLE)), st.sampled_from(KELURAHAN)
    ),
    st.tuples(st.just("send"), laptop, laptop, st.booleans()),
)


def _live_handles(cli: Cli) -> set[str]:
    return {f["handle"] for f in cli.json("facilitator", "list", "--all")}


def _live_lkk(cli: Cli) -> dict[str, str]:
    """{kind of LKK: its name here} of the LKK of Medono this laptop has."""
    names = {item["name"].lower(): item["name"] for item in cli.json("lkk", "list")}
    return {
        key: names[variants[0].lower()]
        for key, variants in LKK.items()
        if variants[0].lower() in names
    }


def _run(step, clis: list[Cli], folder: Path, state: dict) -> None:
    what, who, *rest = step
    cli = clis[who]
    if what == "person":
        handle, variant = rest
        if handle not in _live_handles(cli):
            names = PEOPLE[handle]
            cli.ok("facilitator", "add", names[variant % len(names)], "--handle", handle)
    elif what == "lkk":
        key, variant = rest
        if key not in _live_lkk(cli):
            cli.ok("lkk", "add", "-k", "Medono", "--type", key, "--name", LKK[key][variant])
    elif what == "visit":
        handle, key = rest
        if handle not in _live_handles(cli):
            return
        here = _live_lkk(cli)
        extra = ["--lkk", here[key]] if key in here else []
        cli.ok(
            "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", handle,
            "--kind", "pendampingan", "--strand", "kesadaran", *extra,
            "--problem", "Kader kurang", "--followup", "Latih", "--due", "2026-12-05",
        )  # fmt: skip
    elif what == "phone":
        handle, number = rest
        if handle in _live_handles(cli):
            cli.ok("facilitator", "edit", handle, "--phone", f"0812-{number:04d}")
    elif what == "assign":
        handle, kelurahan = rest
        if handle not in _live_handles(cli):
            return
        person = next(f for f in cli.json("facilitator", "list", "--all") if f["handle"] == handle)
        option = "--remove-kelurahan" if len(person["kelurahan"]) > 1 else "--add-kelurahan"
        cli.ok("facilitator", "edit", handle, option, kelurahan)
    elif what == "send":
        to, changes = rest
        if to == who:
            return
        path = folder / f"{NAMES[who]}-to-{NAMES[to]}.faskel"
        cli.ok("bundle", "export", "--output", str(path), *(["--changes"] if changes else []))
        clis[to].ok("bundle", "import", str(path))
        if changes:
            path.unlink()  # sent: the next --changes there holds what came since


@pytest.mark.slow
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(operation, min_size=1, max_size=12))
def test_people_and_lkk_made_on_several_laptops_converge_to_one(template, steps):
    folder = Path(tempfile.mkdtemp(prefix="faskel-identity-"))
    try:
        for name in NAMES:
            for suffix in ("", "-wal", "-shm"):
                if (template / f"{name}.db{suffix}").exists():
                    shutil.copy(template / f"{name}.db{suffix}", folder / f"{name}.db{suffix}")
        clis = [Cli(folder / f"{name}.db") for name in NAMES]
        state: dict = {}
        for step in steps:
            _run(step, clis, folder, state)
        finals = []
        for name, cli in zip(NAMES, clis, strict=True):
            path = folder / f"final-{name}.faskel"
            cli.ok("bundle", "export", "--output", str(path))
            finals.append(path)
        for i, cli in enumerate(clis):
            for j, path in enumerate(finals):
                if i != j:
                    cli.ok("bundle", "import", str(path))
        dumps = [canonical(cli.db_path) for cli in clis]
        assert dumps[0] == dumps[1] == dumps[2]
        db = clis[0].db_path
        # One live record per person and per LKK ...
        handles = query(db, "select handle, count(*) from facilitators where deleted_at is null "
                        "group by handle")  # fmt: skip
        assert all(n == 1 for _, n in handles)
        lkk = query(db, "select lower(name), count(*) from lkk where deleted_at is null group by 1")
        assert all(n == 1 for _, n in lkk)
        # ... and nothing refers to a merged one.
        for sql in (
            "select count(*) from visits v join facilitators f on f.id = v.facilitator_id "
            "where f.merged_into is not null",
            "select count(*) from followups u join facilitators f on f.id = u.owner_id "
            "where f.merged_into is not null",
            "select count(*) from visit_lkk vl join lkk l on l.id = vl.lkk_id "
            "where l.merged_into is not null",
            "select count(*) from facilitators t join facilitators f on f.id = t.merged_into "
            "where f.merged_into is not null",
        ):
            assert query(db, sql) == [(0,)], sql
    finally:
        shutil.rmtree(folder, ignore_errors=True)
