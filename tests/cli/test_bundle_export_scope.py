"""What a bundle holds: everything by default, or a period of work (--week, --month,
--since), or the changes since the last export to the same file (--changes) but never less
than the file it replaces; one line says which."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tests.helpers import Cli, dump


def at(moment: str) -> dict:
    return {"FASKEL_NOW": moment}


def add_visit(cli: Cli, day: str, *extra: str, who="siti", kelurahan="Medono", now=None) -> str:
    return cli.ok(
        "visit", "add", "--date", day, "-k", kelurahan, "--facilitator", who,
        "--kind", "pendampingan", "--strand", "kesadaran", *extra,
        env=at(now) if now else None,
    ).stdout.strip()  # fmt: skip


def read_bundle(path: Path) -> tuple[dict, list[dict]]:
    with gzip.open(path, "rb") as handle:
        lines = handle.read().splitlines()
    return json.loads(lines[0]), [json.loads(line) for line in lines[1:]]


def ids(path: Path, kind: str | None = None) -> set[str]:
    _, lines = read_bundle(path)
    return {line["record"]["id"] for line in lines if kind is None or line["kind"] == kind}


def export(cli: Cli, path: Path, *extra: str, now: str | None = None) -> str:
    """The one line the export prints."""
    out = cli.ok("bundle", "export", "-o", str(path), *extra, env=at(now) if now else None)
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1, out.stdout
    return lines[0]


@pytest.fixture
def siti(cli) -> Cli:
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono")
    cli.ok("facilitator", "add", "Budi Santoso", "--handle", "budi", "-k", "Kauman")
    cli.ok("lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati")
    return cli


# --- the default: everything, every time ---------------------------------------------------


def test_the_default_holds_everything_every_time(siti, tmp_path):
    add_visit(siti, "2026-11-23")
    target = tmp_path / "siti-W48.faskel"
    first = export(siti, target)
    assert first == (
        f"Bundel ditulis: {target} — 4 entri: semua entri (fasilitator 2, LKK 1, kunjungan 1)"
    )
    again = export(siti, target)  # the same file again: the same records, not none
    assert again == first
    assert len(ids(target)) == 4
    english = siti.ok("--lang", "en", "bundle", "export", "-o", str(target)).stdout
    assert "4 records: every record (facilitator 2, LKK 1, visit 1)" in english


# --- --changes: incremental, never less than the file it replaces --------------------------


def test_changes_never_hold_less_than_the_file_they_replace(siti, tmp_path):
    target = tmp_path / "siti.faskel"
    v1 = add_visit(siti, "2026-11-20")
    assert "semua entri" in export(siti, target, "--changes")  # nothing sent there yet
    v2 = add_visit(siti, "2026-11-21")
    # The file is still there (not sent yet): the new one holds what it held, and more.
    line = export(siti, target, "--changes")
    assert {v1, v2} <= ids(target, "visits")
    assert "semua entri" in line  # it held everything, so this one does too
    # Sent (moved away): only what came since.
    target.rename(tmp_path / "sent-1.faskel")
    v3 = add_visit(siti, "2026-11-22")
    line = export(siti, target, "--changes")
    manifest, _ = read_bundle(target)
    assert ids(target) == {v3}
    assert manifest["scope"] == "changes"
    assert "1 entri: perubahan sejak ekspor" in line and "WIB ke berkas ini" in line
    # Not sent, then more work: the new file holds both, since the same export.
    v4 = add_visit(siti, "2026-11-23")
    again = export(siti, target, "--changes")
    assert ids(target) == {v3, v4}
    since = line.split("perubahan sejak ekspor ")[1].split(" ke berkas ini")[0]
    assert f"perubahan sejak ekspor {since} ke berkas ini (kunjungan 2)" in again
    # Sent again: nothing new means an empty file, saying so.
    target.unlink()
    assert "0 entri" in export(siti, target, "--changes")
    # A file there that is not the one written last (someone copied another over it):
    # nothing is known of what it held, so everything.
    (tmp_path / "sent-1.faskel").replace(target)
    assert "semua entri" in export(siti, target, "--changes")
    assert {v1, v2, v3, v4} <= ids(target, "visits")


def test_changes_after_a_period_file_hold_everything(siti, tmp_path):
    target = tmp_path / "x.faskel"
    add_visit(siti, "2026-11-10")
    export(siti, target, "--changes")
    target.unlink()
    export(siti, target, "--week", "2026-W48")  # a period: it did not carry every change
    line = export(siti, target, "--changes")
    assert "semua entri" in line
    target.unlink()
    assert "0 entri" in export(siti, target, "--changes")


# --- periods of work -----------------------------------------------------------------------


@pytest.fixture
def history(cli) -> dict:
    """Work made over two months, each at its own time (FASKEL_NOW)."""
    october = "2026-10-05T03:00:00Z"
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", env=at(october))
    cli.ok(
        "facilitator", "add", "Budi Santoso", "--handle", "budi", "-k", "Kauman", env=at(october)
    )
    cli.ok(
        "lkk", "add", "-k", "Medono", "--type", "posyandu", "--name", "Posyandu Melati",
        env=at(october),
    )  # fmt: skip
    cli.ok("lkk", "add", "-k", "Kauman", "--type", "bkm", "--name", "BKM Kauman", env=at(october))
    activity = cli.ok(
        "activity", "add", "-k", "Medono", "--title", "Paving gang", "--type", "fisik",
        "--date", "2026-10-05", "--lkk", "Posyandu Melati", env=at(october),
    ).stdout.strip()  # fmt: skip
    cli.ok("activity", "advance", activity, "--date", "2026-10-20", env=at("2026-10-20T03:00:00Z"))
    made = {
        "activity": activity,
        "october": add_visit(cli, "2026-10-05", now=october),
        "w47": add_visit(
            cli,
            "2026-11-17",
            "--lkk",
            "BKM Kauman",
            who="budi",
            kelurahan="Kauman",
            now="2026-11-18T03:00:00Z",
        ),  # fmt: skip
        "w48": add_visit(
            cli,
            "2026-11-24",
            "--activity",
            activity,
            "--lkk",
            "Posyandu Melati",
            "--problem",
            "Material kurang",
            "--followup",
            "Usulkan ke LPM",
            "--due",
            "2026-12-05",
            now="2026-11-25T03:00:00Z",
        ),  # fmt: skip
    }
    # The October visit corrected in week 48: a change of that week.
    cli.ok("visit", "edit", made["october"], "--male", "3", env=at("2026-11-26T03:00:00Z"))
    return made


def test_a_week_holds_its_work_what_changed_in_it_and_what_they_refer_to(cli, history, tmp_path):
    target = tmp_path / "siti-W48.faskel"
    line = export(cli, target, "--week", "2026-W48", now="2026-11-28T03:00:00Z")
    assert "minggu 2026-W48 (2026-11-23 s.d. 2026-11-29)" in line
    manifest, _ = read_bundle(target)
    assert (manifest["scope"], manifest["period"]) == ("week", "2026-W48")
    assert (manifest["since"], manifest["until"]) == ("2026-11-23", "2026-11-29")
    assert ids(target, "visits") == {history["w48"], history["october"]}
    assert ids(target, "activities") == {history["activity"]}  # referred to by the W48 visit
    assert len(ids(target, "activity_stages")) == 2  # its timeline, whole
    assert len(ids(target, "followups")) == 1
    handles = {
        line["record"]["handle"] for line in read_bundle(target)[1] if "handle" in line["record"]
    }
    assert handles == {"siti"}  # budi did nothing that week
    lkk = {line["record"]["name"] for line in read_bundle(target)[1] if line["kind"] == "lkk"}
    assert lkk == {"Posyandu Melati"}
    # It imports on its own into a database that has nothing.
    fresh = Cli(tmp_path / "fresh.db")
    fresh.ok("bundle", "import", str(target))
    assert {v["id"] for v in fresh.json("visit", "list", "--since", "2026-01-01")} == {
        history["w48"], history["october"],
    }  # fmt: skip
    # inspect says the same
    shown = fresh.ok("bundle", "inspect", str(target)).stdout
    assert "minggu 2026-W48 (2026-11-23 s.d. 2026-11-29)" in shown


def test_last_week_this_month_and_since(cli, history, tmp_path):
    now = "2026-11-28T03:00:00Z"
    last = tmp_path / "last.faskel"
    assert "minggu 2026-W47" in export(cli, last, "--week", "last", now=now)
    assert ids(last, "visits") == {history["w47"]}
    assert {r["record"]["handle"] for r in read_bundle(last)[1] if r["kind"] == "facilitators"} == {
        "budi"
    }
    october = tmp_path / "oktober.faskel"
    line = export(cli, october, "--month", "2026-10", now=now)
    assert "bulan 2026-10 (2026-10-01 s.d. 2026-10-31)" in line
    assert ids(october, "visits") == {history["october"]}
    assert ids(october, "activities") == {history["activity"]}
    november = tmp_path / "november.faskel"
    export(cli, november, "--month", "this", now=now)
    assert ids(november, "visits") == {history["october"], history["w47"], history["w48"]}
    since = tmp_path / "since.faskel"
    line = export(cli, since, "--since", "2026-11-24", now=now)
    assert "pekerjaan sejak 2026-11-24 dan yang berubah sejak itu" in line
    assert ids(since, "visits") == {history["october"], history["w48"]}
    result = cli.json("bundle", "export", "-o", str(since), "--week", "2026-W48", env=at(now))
    assert (result["scope"], result["period"], result["until"]) == (
        "week",
        "2026-W48",
        "2026-11-29",
    )


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--all", "--week", "this"), "--all, --week"),
        (("--changes", "--since", "2026-11-01"), "--since, --changes"),
        (("--month", "2026-13"), "bulan '2026-13' tidak ada"),
        (("--week", "2026-W60"), "2026-W60"),
    ],
)
def test_one_scope_at_a_time_and_nothing_written_when_refused(siti, tmp_path, args, words):
    target = tmp_path / "x.faskel"
    before = dump(siti.db_path)
    result = siti.fails("bundle", "export", "-o", str(target), *args, code=2)
    assert words in result.stderr
    assert not target.exists()
    assert dump(siti.db_path) == before
