"""One set of rules for records typed and records imported (core/rules.py): the table covers
every shareable column, the text patterns a bundle is checked with are exactly what the
CLI's cleaning leaves, and a bundle breaking any rule is refused naming the record and the
rule, with the database untouched."""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from faskel_cli.core import rules, vocab
from faskel_cli.core.bundle import describe
from faskel_cli.core.bundle.validation import structure
from faskel_cli.core.errors import InputError
from faskel_cli.core.schema import migrations
from tests.helpers import Cli, copy_db, dump

# --- helpers (small copies: test modules do not import each other) -----------------------


def seed(cli: Cli) -> Cli:
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", "-k", "Tirto")
    cli.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "--kelurahan", "Kauman")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    cli.ok("lkk", "add", "-k", "Kauman", "--type", "bkm", "--name", "BKM Kauman")
    cli.ok("lkk", "add", "-k", "Tirto", "--type", "rt", "--name", "RT 02 Tirto")
    activity = cli.ok(
        "activity", "add", "-k", "Medono", "--title", "Saluran RW 03", "--type", "fisik",
        "--date", "2026-11-02", "--budget", "45 juta", "--lkk", "Posyandu Melati",
    ).stdout.strip()  # fmt: skip
    cli.ok("activity", "advance", activity, "--date", "2026-11-09", "--note", "kerja bakti")
    cli.ok(
        "activity", "add", "-k", "Tirto", "--title", "Posyandu baru", "--type", "nonfisik",
        "--date", "2026-11-03",
    )  # fmt: skip
    cli.ok(
        "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
        "--kind", "pendampingan", "--strand", "kesadaran", "--lkk", "Posyandu Melati",
        "--activity", activity, "--male", "3", "--notes", "Rapat kader",
        "--problem", "Saluran tersumbat", "--followup", "Kerja bakti", "--due", "2026-12-05",
    )  # fmt: skip
    return cli


def read_bundle(path: Path) -> tuple[dict, list[dict]]:
    with gzip.open(path, "rb") as handle:
        lines = handle.read().splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def write_bundle(path: Path, manifest: dict, items: list[dict]) -> Path:
    """A bundle made by hand whose checksum and counts agree with its lines."""
    lines = [json.dumps(item).encode() + b"\n" for item in items]
    counts: dict = {}
    for item in items:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    manifest = {**manifest, "counts": counts, "sha256": hashlib.sha256(b"".join(lines)).hexdigest()}
    with gzip.open(path, "wb") as handle:
        handle.write(json.dumps(manifest).encode() + b"\n")
        handle.writelines(lines)
    return path


class Pair:
    """Laptop b, which imported every record laptop a made (a copy of the module's template
    per test), and a's records to craft bundles from."""

    def __init__(self, template: Path, tmp_path: Path):
        import shutil

        self.tmp = tmp_path
        for db in template.glob("b.db*"):
            shutil.copy(db, tmp_path / db.name)
        self.b = Cli(tmp_path / "b.db")
        self.manifest, self.items = read_bundle(template / "start.faskel")

    def record(self, kind: str, **where: object) -> dict:
        for item in self.items:
            if item["kind"] == kind and all(item["record"].get(k) == v for k, v in where.items()):
                return dict(item["record"])
        raise LookupError(kind, where)

    def bundle(self, *records: tuple[str, dict], name: str = "bad.faskel") -> Path:
        return write_bundle(
            self.tmp / name, self.manifest, [{"kind": k, "record": r} for k, r in records]
        )

    def refused(self, path: Path, *words: str, code: int) -> str:
        before = dump(self.b.db_path)
        for dry_run in ((), ("--dry-run",)):
            result = self.b.fails("bundle", "import", str(path), *dry_run, code=code)
            for word in words:
                assert word in result.stderr, result.stderr
            assert dump(self.b.db_path) == before
        return result.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    patch = pytest.MonkeyPatch()
    patch.setenv("FASKEL_TODAY", "2026-11-28")
    try:
        a = seed(Cli(folder / "a.db"))
        a.ok("bundle", "export", "--all", "--output", str(folder / "start.faskel"))
        Cli(folder / "b.db").ok("bundle", "import", str(folder / "start.faskel"))
    finally:
        patch.undo()
    return folder


@pytest.fixture
def pair(template, tmp_path) -> Pair:
    return Pair(template, tmp_path)


def newer(record: dict, **changes: object) -> dict:
    """A later version of `record`: stamped now, after it and within the clock tolerance."""
    from faskel_cli.core import clock

    return {**record, **changes, "updated_at": clock.utc_stamp()}


def kode_of(pair: Pair, lkk_name: str) -> str:
    return pair.record("lkk", name=lkk_name)["kelurahan_kode"]


# --- the table ----------------------------------------------------------------------------


def _migrated(db_path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db_path)
    migrations.apply(Database(conn))
    return conn


def test_every_shareable_column_has_a_rule_or_is_structure(db_path):
    conn = _migrated(db_path)
    unruled = [
        f"{kind.name}.{column.name}"
        for kind in describe(conn).values()
        for column in kind.columns
        if structure(kind, column) is None and rules.rule(kind.name, column.name) is None
    ]
    conn.close()
    assert unruled == []  # a new column needs its rule in core/rules.py FIELDS


def test_the_rules_name_real_columns(db_path):
    conn = _migrated(db_path)
    kinds = describe(conn)
    conn.close()
    for table, column in [*rules.FIELDS, *rules.IMMUTABLE]:
        assert column in kinds[table].names, (table, column)
    for table, reference in rules.SAME_KELURAHAN:
        kind = kinds[table]
        assert reference in kind.names or (kind.link and kind.link.key == reference)
    for (table, column), rule in rules.FIELDS.items():
        if isinstance(rule, rules.Text):  # what the CLI requires, the table holds
            notnull = next(c.notnull for c in kinds[table].columns if c.name == column)
            assert rule.required == notnull or column == "resolution", (table, column)


def test_whitespace_is_what_python_strips():
    import re

    every = "".join(map(chr, range(0x110000)))  # every code point, in order
    spelled = re.compile(f"[{rules.WHITESPACE}]").findall(every)
    assert spelled == [c for c in every if c.isspace()]


@functools.cache
def _adapter(pattern: str):
    from typing import Annotated

    from pydantic import Field, TypeAdapter

    return TypeAdapter(Annotated[str, Field(pattern=pattern)])


def _matches(pattern: str, value: str) -> bool:
    """As a bundle is checked: pydantic's own pattern engine."""
    from pydantic import ValidationError

    try:
        _adapter(pattern).validate_python(value)
        return True
    except ValidationError:
        return False


texts = st.text(
    st.characters(codec="utf-8")
    | st.sampled_from(list(" \t\n\r\x0b\x1b\x1c\x85\xa0\u2028\u3000\x7f\x9b")),
    max_size=12,
)


@settings(max_examples=400, deadline=None)
@given(value=texts, one_line=st.booleans())
def test_clean_text_leaves_exactly_what_the_pattern_takes(value, one_line):
    rule = rules.Text(50, one_line=one_line)
    try:
        cleaned = vocab.clean_text(value, "--x", 50, required=False, one_line=one_line)
    except InputError as exc:
        assert exc.key == "err.text_control"
        cleaned = None
    if cleaned is not None:
        assert _matches(rule.pattern, cleaned), cleaned
    if _matches(rule.pattern, value):  # what a bundle may hold, the CLI stores as it is
        assert vocab.clean_text(value, "--x", 50, one_line=one_line) == value


def test_the_cli_refuses_control_characters_and_keeps_line_breaks(cli):
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono")
    visit = ["visit", "add", "-k", "Medono", "--kind", "pendampingan", "--strand", "kesadaran"]
    visit += ["--facilitator", "siti"]
    result = cli.fails(*visit, "--notes", "rapat\x1b[2J kader", code=2)
    assert "\\x1b" in result.stderr and "\x1b" not in result.stderr
    cli.fails("lkk", "add", "-k", "Medono", "--type", "pkk", "--name", "PKK\x07", code=2)
    cli.ok(*visit, "--notes", "baris satu\r\nbaris dua\r")
    [row] = cli.json("visit", "list")
    assert row["notes"] == "baris satu\nbaris dua"


# --- a sound bundle passes --------------------------------------------------------------------


def test_the_sample_data_travels_whole(sample_template, tmp_path):
    source = Cli(copy_db(sample_template, tmp_path / "sample.db"))
    path = tmp_path / "sample.faskel"
    source.ok("bundle", "export", "--all", "--output", str(path))
    target = Cli(tmp_path / "target.db")
    result = target.json("bundle", "import", str(path))
    assert result[0]["error"] is None
    assert sum(k["added"] for k in result[0]["kinds"]) == sum(
        read_bundle(path)[0]["counts"].values()
    )


def test_a_day_of_slack_for_the_clocks_of_other_laptops(pair):
    visit = pair.record("visits")
    ahead = pair.bundle(("visits", newer(visit, date="2026-11-29")), name="ahead.faskel")
    pair.b.ok("bundle", "import", str(ahead))  # today is 2026-11-28 (WIB)
    pair.b.ok("visit", "edit", visit["id"][:13], "--notes", "dicek")  # and stays editable
    # ... but not two: a day of work cannot be in the future.
    later = pair.bundle(("visits", newer(visit, date="2026-11-30")), name="later.faskel")
    pair.refused(later, "baris 2: date", "2026-11-30", "masa depan", visit["id"], code=2)
    typed = ["visit", "add", "-k", "Medono", "--facilitator", "siti", "--kind", "pendampingan"]
    pair.b.fails(*typed, "--strand", "kesadaran", "--date", "2026-11-29", code=2)


# --- field rules: refused while the file is read, naming line, record, value, rule ---------

FIELD_CASES = {
    "count-max-int": (
        "visits",
        {"male": 2**63 - 1},
        ["male", "9223372036854775807", "paling besar 10000"],
    ),
    "count-beyond-int64": ("visits", {"female": 2**70}, ["female", "paling besar 10000"]),
    "count-huge": ("visits", {"female": int("9" * 4000)}, ["female", "(4000 digit)"]),
    "count-negative": ("visits", {"male": -1}, ["male", "paling kecil 0"]),
    "duration-zero": ("visits", {"duration_minutes": 0}, ["duration_minutes", "paling kecil 1"]),
    "duration-day": (
        "visits",
        {"duration_minutes": 1441},
        ["duration_minutes", "paling besar 1440"],
    ),
    "date-february-30": ("visits", {"date": "2026-02-30"}, ["date", "bukan tanggal yang ada"]),
    "date-zero": ("visits", {"date": "0000-00-00"}, ["date", "bukan tanggal yang ada"]),
    "date-too-early": ("visits", {"date": "1999-12-31"}, ["date", "sejak 2000-01-01"]),
    "date-arabic-digits": ("visits", {"date": "٢٠٢٦-١١-٢٣"}, ["date", "YYYY-MM-DD"]),
    "notes-long": (
        "visits",
        {"notes": "x" * 10_001},
        ["notes", "(10001 karakter)", "paling panjang 10000"],
    ),
    "notes-spaces": ("visits", {"notes": " Rapat kader"}, ["notes", "tanpa spasi di awal"]),
    "notes-escape": ("visits", {"notes": "a\x1b[2Jb"}, ["notes", "\\x1b", "karakter kendali"]),
    "notes-empty": ("visits", {"notes": ""}, ["notes", "tidak kosong"]),
    "handle": ("facilitators", {"handle": "Siti"}, ["handle", "huruf kecil"]),
    "facilitator-name-lines": ("facilitators", {"name": "Siti\nAminah"}, ["name", "satu baris"]),
    "phone-long": ("facilitators", {"phone": "0" * 101}, ["phone", "paling panjang 100"]),
    "active": ("facilitators", {"active": 2}, ["active", "paling besar 1"]),
    "lkk-name-long": ("lkk", {"name": "L" * 201}, ["name", "paling panjang 200"]),
    "budget": ("activities", {"budget": 10**12 + 1}, ["budget", "paling besar 1000000000000"]),
    "title-empty": ("activities", {"title": " "}, ["title", "satu baris"]),
    "start-future": ("activities", {"start_date": "2027-01-01"}, ["start_date", "masa depan"]),
    "stage-spent": ("activity_stages", {"spent": -5}, ["spent", "paling kecil 0"]),
    "stage-seq": ("activity_stages", {"seq": -1}, ["seq", "paling kecil 0"]),
    "due-beyond": ("followups", {"due": "2100-01-01"}, ["due", "paling lambat 2099-12-31"]),
    "problem-future": ("followups", {"problem_date": "2026-12-25"}, ["problem_date", "masa depan"]),
    "kelurahan-kode": ("lkk", {"kelurahan_kode": "x" * 100}, ["kelurahan_kode", "kode wilayah"]),
    "device-id": ("visits", {"device_id": "laptop-siti"}, ["device_id", "UUID"]),
}


@pytest.mark.parametrize("case", list(FIELD_CASES))
def test_a_value_breaking_its_rule_is_refused_naming_the_record(pair, case):
    kind, changes, words = FIELD_CASES[case]
    record = newer(pair.record(kind), **changes)
    path = pair.bundle((kind, record))
    stderr = pair.refused(path, "baris 2", record["id"], "tidak boleh", *words, code=2)
    assert "Traceback" not in stderr


def test_the_refusal_is_in_english_too(pair):
    record = newer(pair.record("visits"), male=20_000)
    result = pair.b.fails("--lang", "en", "bundle", "import", str(pair.bundle(("visits", record))))
    assert "line 2: male 20000 is not allowed (at most 10000), in visit" in result.stderr


# --- rules between records: refused in the refusal step, every one named -------------------


def test_a_visit_linked_to_another_kelurahans_lkk_or_activity(pair):
    visit = pair.record("visits")
    kauman_lkk = pair.record("lkk", name="BKM Kauman")
    tirto_activity = pair.record("activities", title="Posyandu baru")
    bad = newer(visit, lkk_ids=sorted([kauman_lkk["id"], *visit["lkk_ids"]]))
    bad["activity_id"] = tirto_activity["id"]
    stderr = pair.refused(
        pair.bundle(("visits", bad)),
        "2 kesalahan",
        f"kunjungan {visit['id']}: lkk_ids {kauman_lkk['id']} ada di kelurahan Kauman (",
        f"activity_id {tirto_activity['id']} ada di kelurahan Tirto (",
        code=4,
    )
    assert "Traceback" not in stderr


def test_an_lkk_and_its_visit_both_new_in_other_kelurahan(pair):
    """The LKK the visit links comes in the same bundle: its kelurahan is the bundle's."""
    visit = pair.record("visits")
    lkk = {**pair.record("lkk", name="BKM Kauman"), "id": "01900000-0000-7000-8000-0000000000aa"}
    lkk["name"] = "BKM Baru"
    fresh = {**visit, "id": "01900000-0000-7000-8000-0000000000bb", "lkk_ids": [lkk["id"]]}
    fresh["activity_id"] = None
    pair.refused(pair.bundle(("lkk", lkk), ("visits", fresh)), "ada di kelurahan Kauman", code=4)
    # The same LKK in the visit's own kelurahan goes in.
    lkk["kelurahan_kode"] = visit["kelurahan_kode"]
    pair.b.ok("bundle", "import", str(pair.bundle(("lkk", lkk), ("visits", fresh), name="ok")))


def test_an_lkk_or_activity_never_moves_to_another_kelurahan(pair):
    lkk = pair.record("lkk", name="Posyandu Melati")
    activity = pair.record("activities", title="Saluran RW 03")
    tirto = kode_of(pair, "RT 02 Tirto")
    moved = pair.bundle(
        ("lkk", newer(lkk, kelurahan_kode=tirto)),
        ("activities", newer(activity, kelurahan_kode=tirto)),
    )
    pair.refused(
        moved,
        f"LKK {lkk['id']}: kelurahan_kode tidak pernah berubah",
        "dari Medono (33.75.",
        "menjadi Tirto (33.75.",
        f"kegiatan {activity['id']}: kelurahan_kode",
        code=4,
    )
    pair.refused(
        pair.bundle(("activities", newer(activity, start_date="2026-11-01")), name="start"),
        "start_date tidak pernah berubah",
        code=4,
    )


def test_stage_dates_and_money_spent_follow_the_activity(pair):
    activity = pair.record("activities", title="Saluran RW 03")
    stage = pair.record("activity_stages", activity_id=activity["id"], seq=1)
    early = {**stage, "id": "01900000-0000-7000-8000-0000000000cc", "seq": 2, "date": "2026-11-01"}
    spent = {**stage, "id": "01900000-0000-7000-8000-0000000000dd", "seq": 3, "spent": 5_000_000}
    since = newer(activity, stage_since="2026-10-30")
    pair.refused(
        pair.bundle(("activities", since), ("activity_stages", early), ("activity_stages", spent)),
        "3 kesalahan",
        "stage_since 2026-10-30 sebelum tanggal mulai kegiatannya (2026-11-02)",
        f"tahap kegiatan {early['id']}: date 2026-11-01 sebelum tanggal mulai",
        f"tahap kegiatan {spent['id']}: dana terpakai hanya dicatat saat masuk tahap "
        "pertanggungjawaban, bukan pelaksanaan",
        code=4,
    )


def test_followup_dates_status_and_activity(pair):
    followup = pair.record("followups")
    tirto_activity = pair.record("activities", title="Posyandu baru")
    cases = [
        (newer(followup, due="2026-11-01"), "tenggat 2026-11-01 sebelum tanggal masalahnya"),
        (
            newer(followup, status="done", done_date="2026-11-20", resolution="Beres"),
            "tanggal selesai 2026-11-20 sebelum tanggal masalahnya (2026-11-23)",
        ),
        (newer(followup, status="done"), "status done tidak cocok"),
        (newer(followup, done_date="2026-11-24"), "status open tidak cocok"),
        (
            newer(followup, activity_id=tirto_activity["id"]),
            f"activity_id {tirto_activity['id']} ada di kelurahan Tirto (",
        ),
    ]
    for n, (record, words) in enumerate(cases):
        pair.refused(
            pair.bundle(("followups", record), name=f"f{n}"), followup["id"], words, code=4
        )
    done = newer(followup, status="done", done_date="2026-11-24", resolution="Sudah dikerjakan")
    pair.b.ok("bundle", "import", str(pair.bundle(("followups", done), name="done")))


def test_rule_problems_are_counted_and_not_retried_as_missing(pair):
    visit = newer(
        pair.record("visits"), activity_id=pair.record("activities", title="Posyandu baru")["id"]
    )
    preview = pair.b(
        "bundle", "import", str(pair.bundle(("visits", visit))), "--dry-run", "--format", "json"
    )
    assert preview.exit_code == 4
    [kinds] = [item["kinds"] for item in json.loads(preview.stdout)]
    assert kinds == [{"kind": "visits", "added": 0, "updated": 1, "unchanged": 0, "refused": 1}]
    from faskel_cli.core.bundle import BundleRefused, Problem

    assert not BundleRefused(
        "x", [Problem("other_kelurahan", "visits", "i", "c", "v")], 1
    ).only_missing
