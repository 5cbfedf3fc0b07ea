"""Photo files made with Pillow for the tests: a phone's JPEG with EXIF orientation, capture
time and GPS, a PNG with transparency, a WebP, and the bad ones (truncated, a bomb)."""

from __future__ import annotations

import io
from pathlib import Path

# Medono, Kota Pekalongan: 6°53'20.5"S 109°40'30"E
LAT, LON = -(6 + 53 / 60 + 20.5 / 3600), 109 + 40 / 60 + 30 / 3600


def phone_jpeg(
    path: Path,
    size=(4000, 3000),
    *,
    orientation: int = 6,
    taken: str | None = "2026:11:05 09:30:00",
    gps: bool = True,
    colour=(180, 120, 60),
    noise: bool = False,
    quality: int = 92,
) -> Path:
    """A landscape sensor image a phone held upright wrote with orientation 6 (turn 90°)."""
    from PIL import Image, ImageDraw

    if noise:
        import os

        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(20, 40, 230))  # top left mark
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"  # Make: metadata that must not be kept
    if taken:
        exif[0x8769] = {36867: taken}
    if gps:
        ifd = exif.get_ifd(0x8825)
        ifd[1], ifd[2] = "S", (6.0, 53.0, 20.5)
        ifd[3], ifd[4] = "E", (109.0, 40.0, 30.0)
    image.save(path, "JPEG", quality=quality, exif=exif)
    return path


def png_with_alpha(path: Path, size=(800, 600)) -> Path:
    from PIL import Image

    image = Image.new("RGBA", size, (0, 200, 0, 128))
    image.save(path, "PNG")
    return path


def webp(path: Path, size=(640, 480)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (10, 20, 30)).save(path, "WEBP", quality=80)
    return path


def truncated_jpeg(path: Path) -> Path:
    buffer = io.BytesIO()
    phone_jpeg(path, (1200, 900), noise=True)
    data = path.read_bytes()
    buffer.write(data[: len(data) // 2])
    path.write_bytes(buffer.getvalue())
    return path


def bomb_png(path: Path, side: int = 10_000) -> Path:
    """A PNG of side×side pixels (100 megapixels) in a few kilobytes."""
    from PIL import Image

    Image.new("1", (side, side)).save(path, "PNG", optimize=True)
    return path


def gif(path: Path) -> Path:
    from PIL import Image

    Image.new("P", (10, 10)).save(path, "GIF")
    return path
