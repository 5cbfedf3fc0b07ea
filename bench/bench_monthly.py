"""Monthly report benchmark: `faskel report bulanan` of a facilitator with a month of work
(the sample's November 2026 of siti, 22 visits) and 20 photos (8 of the sample, 12 more
phone-like ones), and `faskel visit photo add` of one 4 MB phone photo.

    .venv/bin/python bench/bench_monthly.py [--rounds 3] [--workdir bench/out/monthly]

Each timed step is a whole process (Python start-up included), run `--rounds` times on a
warm file cache; the median is compared with the goal. Wall seconds are what the goals
judge; CPU seconds (user + sys, from os.wait4) are printed too.

The 4 MB photo: 4000 × 3000 pixels (12 MP, as phones take them), detailed (a gradient
with noise, so that JPEG cannot shrink it to nothing), quality 92, EXIF orientation, time
and GPS; stored as 1600 px JPEG quality 80.

Goals: the monthly report ≤ 3 s and its PDF ≤ 4 MB; adding the 4 MB photo ≤ 1 s.
Exit status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ENV = {**os.environ, "FASKEL_TODAY": "2026-11-28", "NO_COLOR": "1"}
FASKEL = [sys.executable, "-m", "faskel_cli"]


def timed(args: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one faskel process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*FASKEL, *args], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"faskel {' '.join(args)} failed: {process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime


def phone_photo(path: Path, seed: int, size=(4000, 3000), quality=92) -> Path:
    import random

    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    noise = Image.effect_noise(size, 40).convert("RGB")
    image = Image.blend(base, noise, 0.35)
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + rng.randrange(50, 500), y + rng.randrange(50, 500)), fill=colour)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x8769] = {36867: "2026:11:20 10:00:00"}
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", (6.0, 53.0, 20.0), "E", (109.0, 40.0, 30.0)
    image.save(path, "JPEG", quality=quality, exif=exif)
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", default=str(ROOT / "bench" / "out" / "monthly"))
    options = parser.parse_args()
    work = Path(options.workdir)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = work / "faskel.db"
    base = ["--db", str(db)]
    subprocess.run([*FASKEL, *base, "db", "seed", str(ROOT / "data" / "sample.json")],
                   env=ENV, check=True, capture_output=True)  # fmt: skip
    import json

    listed = subprocess.run(
        [*FASKEL, *base, "visit", "list", "--facilitator", "siti", "--since", "2026-11-01",
         "--format", "json"],
        env=ENV, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    visits = [v["id"] for v in json.loads(listed)]
    extra = [phone_photo(work / f"extra-{n}.jpg", n, (2000, 1500), 85) for n in range(12)]
    for n, path in enumerate(extra):
        subprocess.run([*FASKEL, *base, "visit", "photo", "add", visits[n % len(visits)],
                        str(path), "--caption", f"Dokumentasi {n + 1}"],
                       env=ENV, check=True, capture_output=True)  # fmt: skip
    big = phone_photo(work / "IMG_4MB.jpg", 99)
    print(f"photo file: {big.stat().st_size / 1e6:.1f} MB, 4000x3000")

    report_times, add_times, sizes = [], [], []
    for n in range(options.rounds):
        out = work / f"lapbul-{n}.pdf"
        report_times.append(timed([*base, "report", "bulanan", "--facilitator", "siti",
                                   "--month", "2026-11", "-o", str(out), "-q"]))  # fmt: skip
        sizes.append(out.stat().st_size)
        copy = work / f"add-{n}.db"
        shutil.copy(db, copy)
        add_times.append(timed(["--db", str(copy), "visit", "photo", "add", visits[0], str(big)]))
    from pypdf import PdfReader

    reader = PdfReader(work / "lapbul-0.pdf")
    images = sum(len(page.images) for page in reader.pages)
    report_wall = statistics.median(w for w, _ in report_times)
    report_cpu = statistics.median(c for _, c in report_times)
    add_wall = statistics.median(w for w, _ in add_times)
    add_cpu = statistics.median(c for _, c in add_times)
    size = max(sizes)
    rows = [
        ("monthly report, PDF (20 photos)", report_wall, report_cpu, 3.0, report_wall <= 3.0),
        ("PDF size (MB)", size / 1e6, None, 4.0, size <= 4_000_000),
        ("add a 4 MB photo", add_wall, add_cpu, 1.0, add_wall <= 1.0),
    ]
    print(f"PDF: {len(reader.pages)} pages, {images} photos, {size / 1e6:.2f} MB")
    print(f"| step | wall s (median of {options.rounds}) | CPU s | at most | |")
    print("|---|---:|---:|---:|---|")
    for name, wall, cpu, goal, ok in rows:
        shown_cpu = f"{cpu:.2f}" if cpu is not None else ""
        print(f"| {name} | {wall:.2f} | {shown_cpu} | {goal} | {'ok' if ok else 'MISSED'} |")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0 if all(ok for *_, ok in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
