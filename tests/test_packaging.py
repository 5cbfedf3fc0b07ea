"""An installed (not editable) faskel finds its region table and sample data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest

from tests.helpers import ROOT


@pytest.mark.slow  # builds a wheel
def test_wheel_ships_data_and_runs_outside_the_checkout(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "-w", str(wheels), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("faskel-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("wilayah.csv", "LICENSE-wilayah.txt", "sample.json"):
        assert f"faskel_cli/data/{name}" in names
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "LICENSE-DejaVu.txt"):
        assert f"faskel_cli/fonts/{name}" in names  # the PDF reports embed them
    assert "faskel_cli/data/photos/medono-posyandu.jpg" in names  # the sample's photos
    site = tmp_path / "site"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
         str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert install.returncode == 0, install.stderr
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "PYTHONPATH": str(site),
        "PYTHONNOUSERSITE": "1",
        "FASKEL_DB": str(tmp_path / "installed.db"),
    }
    # -I would drop PYTHONPATH; -s and a cwd outside the checkout keep the source tree away.
    result = subprocess.run(
        [sys.executable, "-s", "-c",
         "import faskel_cli, sys; print(faskel_cli.__file__); "
         "sys.argv = ['faskel', 'init', '--area', 'Kota Semarang']; "
         "from faskel_cli.cli import main; main()"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith(str(site))
    assert "Kota Semarang (33.74)" in result.stdout
