"""faskel installed as a user installs it (README, docs/panduan.md): `uv tool install` of the
built wheel into a home of its own, then run from outside the checkout.

Offline and fast: the wheel is built once per session without build isolation, and its
dependencies come from a local wheelhouse repacked from the distributions this test runs
with (the very versions the suite tests), so neither a registry nor uv's cache is needed.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from tests.helpers import ROOT, TODAY

try:
    from uv import find_uv_bin  # the `uv` package of the test extra
except ImportError:  # pragma: no cover - uv absent: the install test is skipped
    find_uv_bin = None

pytestmark = pytest.mark.skipif(find_uv_bin is None, reason="uv is not installed (pip install uv)")


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def _closure(root: str) -> dict[str, metadata.Distribution]:
    """The installed distributions `root` needs (extras left out), by normalised name."""
    found: dict[str, metadata.Distribution] = {}
    todo = [root]
    while todo:
        name = _name(todo.pop())
        if name in found:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:  # a marker that does not apply here
            continue
        found[name] = dist
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                todo.append(re.match(r"[A-Za-z0-9_.\-]+", requirement).group())
    return found


def repack(dist: metadata.Distribution, folder: Path) -> Path:
    """An installed distribution as the wheel it was installed from (its files as RECORD
    lists them, minus bytecode and what lives outside site-packages; a new RECORD)."""
    files = [
        f for f in dist.files or [] if not str(f).startswith("..") and "__pycache__" not in str(f)
    ]
    info = next(str(f).split("/")[0] for f in files if str(f).endswith(".dist-info/METADATA"))
    wheel_file = (Path(str(dist.locate_file(info))) / "WHEEL").read_text(encoding="utf-8")
    tags = [line.split(":", 1)[1].strip().split("-") for line in wheel_file.splitlines()
            if line.startswith("Tag:")]  # fmt: skip
    tag = "-".join(".".join(sorted({t[i] for t in tags})) for i in range(3))
    target = folder / f"{info.removesuffix('.dist-info')}-{tag}.whl"
    skip = {f"{info}/{n}" for n in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")}
    record = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as wheel:
        for entry in files:
            name = str(entry)
            path = Path(str(dist.locate_file(entry)))
            if name in skip or not path.is_file():
                continue
            data = path.read_bytes()
            wheel.writestr(name, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            record.append((name, f"sha256={digest.decode()}", len(data)))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([*record, (f"{info}/RECORD", "", "")])
        wheel.writestr(f"{info}/RECORD", out.getvalue())
    return target


@pytest.fixture(scope="session")
def wheelhouse(tmp_path_factory) -> tuple[Path, Path]:
    """(faskel's wheel, a folder of the wheels of its dependencies)."""
    folder = tmp_path_factory.mktemp("wheelhouse")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(folder / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = (folder / "dist").glob("faskel-*.whl")
    deps = folder / "deps"
    deps.mkdir()
    for name, dist in _closure("faskel").items():
        if name != "faskel":
            repack(dist, deps)
    return wheel, deps


@pytest.mark.slow  # builds and installs a wheel
def test_uv_tool_install_of_the_wheel_runs_from_a_fresh_home(wheelhouse, tmp_path):
    wheel, deps = wheelhouse
    home = tmp_path / "home of siti"  # a space, as in "C:\Users\Siti Aminah"
    bin_dir = home / ".local" / "bin"
    env = {
        "PATH": os.pathsep.join([str(bin_dir), "/usr/bin", "/bin"]),
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_BIN_HOME": str(bin_dir),
        "UV_TOOL_DIR": str(home / ".local" / "share" / "uv" / "tools"),
        "UV_TOOL_BIN_DIR": str(bin_dir),
        "UV_CACHE_DIR": str(home / ".cache" / "uv"),
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_NO_CONFIG": "1",
        "FASKEL_TODAY": TODAY,
        "NO_COLOR": "1",
    }
    uv = find_uv_bin()
    install = subprocess.run(
        [uv, "tool", "install", "--offline", "--no-index", "--find-links", str(deps),
         "--python", sys.executable, str(wheel)],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    faskel = bin_dir / ("faskel.exe" if sys.platform == "win32" else "faskel")
    assert faskel.is_file(), install.stderr

    work = tmp_path / "Dokumen"  # outside the checkout: data files come from the wheel
    work.mkdir()

    def run(*args: str, code: int = 0) -> subprocess.CompletedProcess:
        done = subprocess.run(
            [str(faskel), *args], capture_output=True, text=True, env=env, cwd=work, timeout=60
        )
        assert done.returncode == code, (args, done.stdout, done.stderr)
        assert "Traceback" not in done.stderr
        return done

    version = run("--version").stdout
    assert re.fullmatch(r"faskel \d+\.\d+\.\d+\S*\n", version), version
    database = home / ".local" / "share" / "faskel" / "faskel.db"  # the platform's place
    made = run("init").stdout
    assert "Kota Pekalongan (33.75)" in made and str(database) in made  # the region table
    assert database.is_file()
    assert "facilitators 6" in run("db", "seed").stdout  # the installed sample data
    new_id = run(
        "visit", "add", "--date", "2026-11-27", "--kelurahan", "medono", "--kind", "bimbingan",
        "--strand", "pemetaan", "--male", "3", "--female", "5", "--notes", "Rapat RW 03",
    ).stdout.strip()  # fmt: skip
    (visit,) = [v for v in json.loads(run("visit", "list", "--format", "json").stdout)
                if v["id"] == new_id]  # fmt: skip
    assert (visit["facilitator"], visit["kelurahan"]) == ("siti", "Medono")  # `me` of the sample
    out = work / "laporan dinas" / "back\\slash {week}.xlsx"
    written = run("report", "--week", "2026-W48", "--output", str(out)).stdout
    report = work / "laporan dinas" / "back\\slash 2026-W48.xlsx"
    assert report.is_file() and str(report) in written
    start = run().stdout  # with a database: the start page
    assert "Siti Aminah (siti)" in start and "faskel visit add" in start

    removed = subprocess.run(
        [uv, "tool", "uninstall", "faskel"], capture_output=True, text=True, env=env, timeout=60
    )
    assert removed.returncode == 0, removed.stderr
    assert not faskel.exists()
    assert database.is_file()  # uninstalling never takes the logbook with it
