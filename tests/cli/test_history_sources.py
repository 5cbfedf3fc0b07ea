"""History has no holes: a record's history starts where it was made (this device, or the
bundle it came in and who sent it), and every change names who made it (the `me`
facilitator, else this device and the operating-system user)."""

from __future__ import annotations

import getpass
import gzip
import json
from pathlib import Path

from tests.helpers import Cli


def add_visit(cli: Cli, *extra: str, env: dict | None = None) -> str:
    return cli.ok(
        "visit", "add", "--date", "2026-11-23", "-k", "Medono", "--facilitator", "siti",
        "--kind", "pendampingan", "--strand", "kesadaran", *extra, env=env,
    ).stdout.strip()  # fmt: skip


def device(cli: Cli) -> str:
    return cli.ok("config", "get", "device_id").stdout.strip()


def siti_laptop(tmp_path: Path) -> Cli:
    siti = Cli(tmp_path / "siti.db")
    siti.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono")
    siti.ok("config", "set", "me", "siti")
    return siti


def test_a_record_added_by_an_import_has_a_history_naming_the_bundle_and_sender(tmp_path):
    siti = siti_laptop(tmp_path)
    visit = add_visit(siti, "--notes", "Rapat kader")
    path = tmp_path / "siti-W48.faskel"
    siti.ok("bundle", "export", "-o", str(path))
    coordinator = Cli(tmp_path / "koordinator.db")
    coordinator.ok("bundle", "import", str(path))
    history = coordinator.json("history", visit)
    assert [h["action"] for h in history] == ["import"]
    first = history[0]
    assert first["who"] == "siti"
    assert first["before"] is None
    assert first["after"]["device_id"] == device(siti)  # where it was made
    assert first["source"]["file"] == "siti-W48.faskel"
    assert first["source"]["device"] == device(siti)
    assert (first["source"]["sender"], first["source"]["sender_name"]) == ("siti", "Siti Aminah")
    shown = coordinator.ok("history", visit).stdout
    assert "diterima  oleh siti  dari bundel siti-W48.faskel" in shown
    assert f"perangkat {device(siti)[-12:]}, dikirim Siti Aminah" in shown
    # On her laptop it was made there, by her.
    mine = siti.json("history", visit)
    assert [(h["action"], h["who"], h["source"]) for h in mine] == [("create", "siti", None)]
    assert f"di perangkat ini ({device(siti)[-12:]})" in siti.ok("history", visit).stdout
    # A later version imported: named the same way; the coordinator's own edit: by the
    # coordinator's device and user, as no `me` is set there.
    siti.ok("visit", "edit", visit, "--male", "4")
    siti.ok("bundle", "export", "-o", str(path))
    coordinator.ok("bundle", "import", str(path))
    coordinator.ok("visit", "edit", visit, "--female", "2")
    history = coordinator.json("history", visit)
    assert [h["action"] for h in history] == ["import", "import", "update"]
    assert history[1]["who"] == "siti" and history[1]["before"]["male"] == 0
    assert history[2]["who"] == f"device {device(coordinator)[-12:]} ({getpass.getuser()})"
    assert history[2]["source"] is None
    coordinator.ok("facilitator", "add", "Rina Koordinator", "--handle", "rina")
    coordinator.ok("config", "set", "me", "rina")
    coordinator.ok("visit", "edit", visit, "--female", "3")
    assert coordinator.json("history", visit)[-1]["who"] == "rina"


def test_a_bundle_without_a_sender_names_its_device(tmp_path):
    """Bundles of an older faskel (or of a laptop without `me`) carry no sender."""
    siti = Cli(tmp_path / "siti.db")
    siti.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono")
    visit = add_visit(siti)
    path = tmp_path / "old.faskel"
    siti.ok("bundle", "export", "-o", str(path))
    with gzip.open(path, "rb") as handle:
        lines = handle.read().splitlines(keepends=True)
    manifest = json.loads(lines[0])
    assert manifest["sender"] is None
    for key in ("sender", "sender_name", "until", "period"):
        del manifest[key]  # as faskel 0.1 wrote them
    with gzip.open(path, "wb") as handle:
        handle.write(json.dumps(manifest).encode() + b"\n")
        handle.writelines(lines[1:])
    coordinator = Cli(tmp_path / "koordinator.db")
    coordinator.ok("bundle", "import", str(path))
    first = coordinator.json("history", visit)[0]
    assert first["who"] == f"device {device(siti)[-12:]}"
    assert first["source"]["sender"] is None
    assert "dari bundel old.faskel (perangkat" in coordinator.ok("history", visit).stdout


def test_inspect_and_import_name_the_sender(tmp_path):
    siti = siti_laptop(tmp_path)
    add_visit(siti)
    path = tmp_path / "siti.faskel"
    siti.ok("bundle", "export", "-o", str(path))
    shown = Cli(tmp_path / "none.db").ok("--lang", "en", "bundle", "inspect", str(path)).stdout
    assert "Sender" in shown and "siti (Siti Aminah)" in shown
    coordinator = Cli(tmp_path / "koordinator.db")
    out = coordinator.ok("bundle", "import", str(path)).stdout
    assert "dari siti (Siti Aminah), perangkat" in out
    result = coordinator.json("bundle", "import", str(path))
    assert result[0]["sender"] == {"handle": "siti", "name": "Siti Aminah"}


def test_the_history_reads_in_words_and_local_time(cli):
    """Actions, records and fields in the reader's language, the moment in WIB, a record
    made shown by its values alone (no `None →`), a change as old → new."""
    env = {"FASKEL_NOW": "2026-11-23T03:05:00Z"}
    cli.ok("facilitator", "add", "Siti Aminah", "--handle", "siti", "-k", "Medono", env=env)
    visit = add_visit(cli, "--female", "13", env=env)
    cli.ok("visit", "edit", visit, "--female", "9", env={"FASKEL_NOW": "2026-11-24T10:30:00Z"})
    shown = cli.ok("history", visit).stdout
    lines = shown.splitlines()
    ref = cli.json("visit", "show", visit)["ref"]
    assert lines[0] == f"Riwayat kunjungan {ref} ({visit})"
    assert lines[1].startswith("2026-11-23 10:05 WIB  dibuat  oleh ")
    assert "    Peserta perempuan: 13" in lines
    assert "    Jenis kerja: pendampingan" in lines
    assert "None" not in shown and "Z " not in shown and "LKK:" not in shown  # nothing empty
    assert any(line.startswith("2026-11-24 17:30 WIB  diubah  oleh ") for line in lines)
    assert "    Peserta perempuan: 13 → 9" in lines
    english = cli.ok("--lang", "en", "history", visit).stdout
    assert english.splitlines()[0] == f"History of visit {ref} ({visit})"
    assert " created  by " in english and " changed  by " in english
    assert "    Female participants: 13 → 9" in english.splitlines()
