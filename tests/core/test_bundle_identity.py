"""One person, one LKK: the same facilitator (handle and name) or LKK (kelurahan, name and
type) made on two laptops ends up as one record on every database that sees both, every
reference pointing at it, whatever the order of imports; a real conflict is refused with
the command that resolves it."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.helpers import Cli, canonical, dump, dump_unchanged

# --- helpers (small copies of tests/test_bundle.py's) ---------------------------------------


def add_visit(cli: Cli, *extra: str, kelurahan="Medono", who="siti", day="2026-11-23") -> str:
    result = cli.ok(
        "visit",
        "add",
        "--date",
        day,
        "-k",
        kelurahan,
        "--facilitator",
        who,
        "--kind",
        "pendampingan",
        "--strand",
        "kesadaran",
        *extra,
    )
    return result.stdout.strip()


def export(cli: Cli, path: Path, *extra: str) -> Path:
    cli.ok("bundle", "export", "--output", str(path), *extra)
    return path


def query(db_path: Path, sql: str, *params) -> list:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def live(db_path: Path, table: str) -> list[str]:
    return [
        r[0] for r in query(db_path, f"select id from {table} where deleted_at is null order by id")
    ]


def facilitator_id(cli: Cli, handle: str) -> str:
    return next(f["id"] for f in cli.json("facilitator", "list", "--all") if f["handle"] == handle)


def lkk_id(cli: Cli, name: str) -> str:
    return next(item["id"] for item in cli.json("lkk", "list") if item["name"] == name)


def laptop(tmp_path: Path, name: str, person: str, kelurahan: list[str], lkk: str) -> Cli:
    """A laptop where `person` registered herself as siti, an LKK of Medono called `lkk`,
    and logged a visit there with a follow-up she owns."""
    cli = Cli(tmp_path / f"{name}.db")
    assigned = [arg for k in kelurahan for arg in ("-k", k)]
    cli.ok("facilitator", "add", person, "--handle", "siti", *assigned)
    cli.ok("config", "set", "me", "siti")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", lkk)
    add_visit(
        cli,
        "--lkk",
        lkk,
        "--problem",
        f"Kader kurang ({name})",
        "--followup",
        "Latih kader baru",
        "--due",
        "2026-12-05",
    )
    return cli


# --- the coordinator who registered the facilitator first ----------------------------------


def test_a_person_registered_on_both_laptops_becomes_one_record(tmp_path):
    coordinator = Cli(tmp_path / "koordinator.db")
    coordinator.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Kauman")
    coordinator.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "-k", "Kauman")
    coordinator.ok("facilitator", "deactivate", "siti")  # what someone tried: no help, no harm
    siti = laptop(tmp_path, "siti", "siti  aminah", ["Medono", "Tirto"], "Posyandu Melati")
    visit = add_visit(siti, kelurahan="Tirto")
    older, newer = facilitator_id(coordinator, "siti"), facilitator_id(siti, "siti")
    assert older < newer  # the coordinator's record was made first: it survives

    result = coordinator.json("bundle", "import", str(export(siti, tmp_path / "siti.faskel")))
    assert result[0]["merged"] == {"facilitators": 1}
    assert result[0]["error"] is None
    people = {f["handle"]: f for f in coordinator.json("facilitator", "list", "--all")}
    assert sorted(people) == ["budi", "siti"]
    assert people["siti"]["id"] == older and people["siti"]["name"] == "Siti Aminah"
    # her kelurahan and the coordinator's, both
    assert people["siti"]["kelurahan"] == ["33.75.01.1002", "33.75.01.1009", "33.75.02.1004"]
    # every reference to her laptop's record points at the one record
    for table, column in (("visits", "facilitator_id"), ("followups", "owner_id")):
        rows = query(coordinator.db_path, f"select distinct {column} from {table}")
        assert rows == [(older,)], table
    assert query(coordinator.db_path, "select merged_into, deleted_at is not null from "
                 "facilitators where id = ?", newer) == [(older, 1)]  # fmt: skip
    assert visit in [v["id"] for v in coordinator.json("visit", "list", "--facilitator", "siti")]

    # Her laptop learns the merge from the coordinator's bundle: the same rows everywhere.
    siti.ok("bundle", "import", str(export(coordinator, tmp_path / "koordinator.faskel")))
    assert canonical(siti.db_path) == canonical(coordinator.db_path)
    assert facilitator_id(siti, "siti") == older
    # `me` is a handle: still her.
    assert siti.ok("config", "get", "me").stdout.strip() == "siti"
    add_visit(siti, kelurahan="Medono")  # and she logs on as before

    # The merge is in the audit, naming both records.
    history = coordinator.json("history", newer)
    merge = [h for h in history if h["action"] == "merge"]
    assert len(merge) == 1
    assert merge[0]["before"]["deleted_at"] is None
    assert merge[0]["after"]["merged_into"] == older and merge[0]["after"]["deleted_at"]
    survivor = [h for h in coordinator.json("history", older) if h["action"] == "merge"]
    assert survivor[0]["after"] == {"merged": newer}
    remapped = [h for h in coordinator.json("history", visit) if h["action"] == "merge"]
    assert remapped == []  # staged records are remapped before they are written
    table = coordinator.ok("history", newer).stdout
    assert "digabung" in table and "siti.faskel" in table


def test_the_database_record_is_merged_when_the_bundle_brings_the_older_one(tmp_path):
    siti = laptop(tmp_path, "siti", "Siti Aminah", ["Medono"], "Posyandu Melati")
    coordinator = Cli(tmp_path / "koordinator.db")
    coordinator.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Kauman")
    coordinator.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "-k", "Kauman")
    here = facilitator_id(coordinator, "siti")
    coordinator.ok(
        "followup", "add", "-k", "Kauman", "--problem", "LPJ", "--action", "Dampingi",
        "--owner", "siti", "--due", "2026-11-30",
    )  # fmt: skip
    add_visit(coordinator, kelurahan="Kauman")
    older = facilitator_id(siti, "siti")
    assert older < here
    counts = coordinator.json("bundle", "import", str(export(siti, tmp_path / "s.faskel")))[0]
    assert counts["merged"] == {"facilitators": 1}
    kinds = {row["kind"]: row for row in counts["kinds"]}
    assert kinds["facilitators"]["added"] == 1 and kinds["facilitators"]["unchanged"] == 0
    assert live(coordinator.db_path, "facilitators") == [older, facilitator_id(coordinator, "budi")]
    assert query(coordinator.db_path, "select distinct owner_id from followups") == [(older,)]
    assert query(coordinator.db_path, "select distinct facilitator_id from visits") == [(older,)]
    # The remap of the coordinator's own records is in their history.
    visit = query(coordinator.db_path, "select id from visits where kelurahan_kode = ?",
                  "33.75.02.1004")[0][0]  # fmt: skip
    merge = [h for h in coordinator.json("history", visit) if h["action"] == "merge"]
    assert merge[0]["before"] == {"facilitator_id": here}
    assert merge[0]["after"] == {"facilitator_id": older}
    # The tombstone travels: Siti's laptop gets the coordinator's work pointing at her.
    siti.ok("bundle", "import", str(export(coordinator, tmp_path / "k.faskel")))
    assert canonical(siti.db_path) == canonical(coordinator.db_path)
    assert query(siti.db_path, "select count(*) from facilitators where deleted_at is null") == [
        (2,)
    ]


# --- any order, any path, three (and four) databases ---------------------------------------


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    """Three laptops that each made siti and Posyandu Melati (names written differently),
    in the order a, b, c; and each one's bundle."""
    folder = tmp_path_factory.mktemp("three")
    mp = pytest.MonkeyPatch()
    mp.setenv("FASKEL_TODAY", "2026-11-28")
    try:
        made = {
            "a": laptop(folder, "a", "Siti Aminah", ["Medono"], "Posyandu Melati"),
            "b": laptop(folder, "b", "SITI AMINAH", ["Tirto"], "posyandu melati"),
            "c": laptop(folder, "c", " Siti  Aminah ", ["Medono", "Kauman"], "Posyandu MELATI"),
        }
        bundles = {n: export(cli, folder / f"{n}-start.faskel") for n, cli in made.items()}
    finally:
        mp.undo()
    return folder, bundles


def _copy(three, tmp_path: Path) -> dict[str, Cli]:
    folder, _ = three
    clis = {}
    for name in "abc":
        for suffix in ("", "-wal", "-shm"):
            source = folder / f"{name}.db{suffix}"
            if source.exists():
                shutil.copy(source, tmp_path / f"{name}.db{suffix}")
        clis[name] = Cli(tmp_path / f"{name}.db")
    return clis


def _expect_one(db_path: Path, survivor: str, lkk: str) -> None:
    assert query(db_path, "select id from facilitators where deleted_at is null") == [(survivor,)]
    assert query(db_path, "select id from lkk where deleted_at is null") == [(lkk,)]
    assert query(db_path, "select distinct facilitator_id from visits") == [(survivor,)]
    assert query(db_path, "select distinct owner_id from followups") == [(survivor,)]
    assert query(db_path, "select distinct lkk_id from visit_lkk") == [(lkk,)]
    assert query(db_path, "select count(*) from visits") == [(3,)]
    kodes = query(
        db_path,
        "select kelurahan_kode from facilitator_assignments where facilitator_id = ? order by 1",
        survivor,
    )
    assert kodes == [("33.75.01.1002",), ("33.75.01.1009",), ("33.75.02.1004",)]


@pytest.mark.slow
def test_every_import_order_gives_the_same_database(three, tmp_path):
    folder, bundles = three
    a = Cli(folder / "a.db")
    survivor, lkk = facilitator_id(a, "siti"), lkk_id(a, "Posyandu Melati")
    results = []
    for number, order in enumerate(itertools.permutations("abc")):
        fresh = Cli(tmp_path / f"d{number}.db")
        for name in order:
            fresh.ok("bundle", "import", str(bundles[name]))
        _expect_one(fresh.db_path, survivor, lkk)
        results.append(canonical(fresh.db_path))
        # All at once (as sync does) too.
        together = Cli(tmp_path / f"e{number}.db")
        together.ok("bundle", "import", *(str(bundles[name]) for name in order))
        results.append(canonical(together.db_path))
    assert all(result == results[0] for result in results)


# One order in every run; the other three with the slow tests.
@pytest.mark.parametrize(
    "order", ["abc", *(pytest.param(o, marks=pytest.mark.slow) for o in ("bca", "cab", "cba"))]
)
def test_merges_relayed_between_laptops_converge(three, tmp_path, order):
    """x's bundle to y, y's (with the merge) to z, z's back to x; then everyone sends
    everyone a full bundle once: the three hold the same rows, and the rows a fresh
    database makes of the first bundles."""
    _, bundles = three
    clis = _copy(three, tmp_path)
    x, y, z = (clis[n] for n in order)
    y.ok("bundle", "import", str(export(x, tmp_path / "x-to-y.faskel")))
    z.ok("bundle", "import", str(export(y, tmp_path / "y-to-z.faskel", "--changes")))
    x.ok("bundle", "import", str(export(z, tmp_path / "z-to-x.faskel", "--changes")))
    finals = {n: export(cli, tmp_path / f"final-{n}.faskel") for n, cli in clis.items()}
    for name, cli in clis.items():
        for other, path in finals.items():
            if other != name:
                cli.ok("bundle", "import", str(path))
    dumps = [canonical(cli.db_path) for cli in clis.values()]
    assert dumps[0] == dumps[1] == dumps[2]
    fresh = Cli(tmp_path / "fresh.db")
    fresh.ok("bundle", "import", *(str(p) for p in bundles.values()))
    assert canonical(fresh.db_path) == dumps[0]
    a = clis["a"]
    _expect_one(a.db_path, facilitator_id(a, "siti"), lkk_id(a, "Posyandu Melati"))
    # ... and once converged, nothing imports as a change any more.
    before = dump_unchanged(clis["b"].db_path)
    clis["b"].ok("bundle", "import", str(finals["c"]))
    assert dump_unchanged(clis["b"].db_path) == before


def test_a_loser_edited_before_its_laptop_knew_is_merged_again(three, tmp_path):
    clis = _copy(three, tmp_path)
    a, b = clis["a"], clis["b"]
    b_siti = facilitator_id(b, "siti")
    a.ok("bundle", "import", str(export(b, tmp_path / "b.faskel")))  # a: b's siti merged
    b.ok("facilitator", "edit", "siti", "--phone", "0812-1111")  # b does not know yet
    late = add_visit(b, kelurahan="Tirto")
    a.ok("bundle", "import", str(export(b, tmp_path / "b2.faskel")))
    assert live(a.db_path, "facilitators") == [facilitator_id(a, "siti")]
    assert query(a.db_path, "select facilitator_id from visits where id = ?", late) == [
        (facilitator_id(a, "siti"),)
    ]
    tomb = query(a.db_path, "select merged_into, phone from facilitators where id = ?", b_siti)
    assert tomb == [(facilitator_id(a, "siti"), "0812-1111")]  # the newer version, merged
    b.ok("bundle", "import", str(export(a, tmp_path / "a.faskel")))
    assert canonical(a.db_path) == canonical(b.db_path)


def test_kelurahan_removed_from_the_survivor_stay_removed(three, tmp_path):
    clis = _copy(three, tmp_path)
    a, b = clis["a"], clis["b"]
    a.ok("bundle", "import", str(export(b, tmp_path / "b.faskel")))
    people = a.json("facilitator", "list")
    assert people[0]["kelurahan"] == ["33.75.01.1002", "33.75.01.1009"]  # Medono + b's Tirto
    a.ok("facilitator", "edit", "siti", "--remove-kelurahan", "Tirto")
    assert a.json("facilitator", "list")[0]["kelurahan"] == ["33.75.01.1002"]
    edit = a.json("history", facilitator_id(a, "siti"))[-1]
    assert edit["before"]["kelurahan"] == ["33.75.01.1002", "33.75.01.1009"]
    assert edit["after"]["kelurahan"] == ["33.75.01.1002"]
    b.ok("bundle", "import", str(export(a, tmp_path / "a.faskel")))
    a.ok("bundle", "import", str(export(b, tmp_path / "b2.faskel")))
    for cli in (a, b):
        assert cli.json("facilitator", "list")[0]["kelurahan"] == ["33.75.01.1002"]
    assert canonical(a.db_path) == canonical(b.db_path)


# --- real conflicts ------------------------------------------------------------------------


def test_one_handle_two_people_is_refused_naming_both_and_the_command(tmp_path):
    a = Cli(tmp_path / "a.db")
    b = Cli(tmp_path / "b.db")
    a.ok("facilitator", "add", "Nur Hidayah", "--handle", "nur", "-k", "Bandengan")
    b.ok("facilitator", "add", "Nur Aini", "--handle", "nur", "-k", "Degayu")
    here, there = facilitator_id(a, "nur"), facilitator_id(b, "nur")
    from_b = export(b, tmp_path / "b.faskel")
    before = dump(a.db_path)
    error = a.fails("--lang", "en", "bundle", "import", str(from_b), code=4).stderr
    assert dump(a.db_path) == before
    for shown in (here[:13], there[:13], "'Nur Hidayah'", "'Nur Aini'", "handle 'nur'"):
        assert shown in error, shown
    assert "the one on this database" in error
    assert "`faskel facilitator edit nur --handle NEW-HANDLE`" in error
    # The command it names resolves it, here; the rename then travels to b.
    a.ok("facilitator", "edit", "nur", "--handle", "nur.h")
    a.ok("bundle", "import", str(from_b))
    b.ok("bundle", "import", str(export(a, tmp_path / "a.faskel")))
    assert canonical(a.db_path) == canonical(b.db_path)
    assert sorted(f["handle"] for f in b.json("facilitator", "list")) == ["nur", "nur.h"]


def test_the_same_person_written_two_ways_is_merged_once_the_names_agree(tmp_path):
    a = Cli(tmp_path / "a.db")
    b = Cli(tmp_path / "b.db")
    a.ok("facilitator", "add", "Nur Hidayah", "--handle", "nur")
    b.ok("facilitator", "add", "Nur Hidayat", "--handle", "nur")
    from_b = export(b, tmp_path / "b.faskel")
    error = a.fails("bundle", "import", str(from_b)).stderr
    assert '--name "Nur Hidayat"' in error  # the other way out: the same name
    a.ok("facilitator", "edit", "nur", "--name", "Nur Hidayat")
    result = a.json("bundle", "import", str(from_b))[0]
    assert result["merged"] == {"facilitators": 1}
    assert [f["name"] for f in a.json("facilitator", "list")] == ["Nur Hidayat"]


def test_the_same_lkk_is_merged_and_one_name_two_types_refused(tmp_path):
    a = Cli(tmp_path / "a.db")
    b = Cli(tmp_path / "b.db")
    for cli in (a, b):
        cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono")
    a.ok("lkk", "add", "-k", "Medono", "--type", "pkk", "--name", "PKK Medono")
    b.ok("lkk", "add", "-k", "Medono", "--type", "pkk", "--name", "pkk medono")
    a.ok("lkk", "add", "-k", "Medono", "--type", "rw", "--name", "RW 03")
    b.ok("lkk", "add", "-k", "Medono", "--type", "rt", "--name", "RW 03")
    visit = add_visit(b, "--lkk", "pkk medono", "--lkk", "RW 03")
    b.ok(
        "activity", "add", "-k", "Medono", "--title", "Posyandu balita", "--type", "nonfisik",
        "--date", "2026-11-02", "--lkk", "pkk medono",
    )  # fmt: skip
    from_b = export(b, tmp_path / "b.faskel")
    before = dump(a.db_path)
    error = a.fails("--lang", "en", "bundle", "import", str(from_b), code=4).stderr
    assert dump(a.db_path) == before
    rw_here = lkk_id(a, "RW 03")
    assert f"give {rw_here[:13]}, the one on this database, another name" in error
    assert "`--type rt`" in error and "(rw, device" in error and "(rt, device" in error
    a.ok("lkk", "edit", rw_here[:13], "--type", "rt")  # the same LKK after all
    result = a.json("bundle", "import", str(from_b))[0]
    assert result["merged"] == {"facilitators": 1, "lkk": 2}
    names = sorted((item["name"], item["type"]) for item in a.json("lkk", "list"))
    assert names == [("PKK Medono", "pkk"), ("RW 03", "rt")]
    survivors = {lkk_id(a, "PKK Medono"), lkk_id(a, "RW 03")}
    assert {r[0] for r in query(a.db_path, "select lkk_id from visit_lkk")} == survivors
    assert query(a.db_path, "select lkk_id from activity_lkk") == [(lkk_id(a, "PKK Medono"),)]
    assert set(a.json("visit", "show", visit)["lkk"]) == {"PKK Medono", "RW 03"}
    b.ok("bundle", "import", str(export(a, tmp_path / "a.faskel")))
    assert canonical(a.db_path) == canonical(b.db_path)


def test_dry_run_says_what_would_be_merged_and_writes_nothing(tmp_path):
    a = Cli(tmp_path / "a.db")
    b = Cli(tmp_path / "b.db")
    a.ok("facilitator", "add", "Siti Aminah", "--handle", "siti")
    b.ok("facilitator", "add", "Siti Aminah", "--handle", "siti")
    path = export(b, tmp_path / "b.faskel")
    before = dump(a.db_path)
    shown = a.ok("--lang", "en", "bundle", "import", str(path), "--dry-run").stdout
    assert "Would be merged" in shown and "facilitator 1" in shown
    assert json.loads(a.ok("bundle", "import", str(path), "--dry-run", "--format", "json").stdout)[
        0
    ]["merged"] == {"facilitators": 1}
    assert dump(a.db_path) == before
