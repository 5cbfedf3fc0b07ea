"""Writes the sample photos of data/photos/ (drawn, not taken: no person is in them), each
a phone-like JPEG with the EXIF capture time and GPS place of the visit it documents, some
of them sideways with an EXIF orientation (as phones write them).

    .venv/bin/python scripts/make_sample_photos.py

The files are committed; run this again only to change them (the output is the same on
every run: nothing random)."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "photos"
FONT = ROOT / "faskel_cli" / "fonts" / "DejaVuSans-Bold.ttf"
# name, scene, caption drawn, capture time, (lat, lon), EXIF orientation
PHOTOS = [
    ("medono-posyandu.jpg", "meeting", "Posyandu Melati", "2026:11:05 09:12:40",
     (-6.8902, 109.6551), 1),
    ("podosugih-bkm.jpg", "meeting", "Buku kas BKM", "2026:11:09 13:40:05",
     (-6.8868, 109.6482), 6),
    ("tirto-paving-0.jpg", "gang", "Gang RT 02 sebelum", "2026:11:03 08:05:10",
     (-6.8969, 109.6405), 1),
    ("tirto-paving-50.jpg", "paving", "Pemasangan paving", "2026:11:16 10:21:33",
     (-6.8970, 109.6406), 1),
    ("tirto-musyawarah.jpg", "meeting", "Musyawarah RT 02", "2026:11:20 19:35:00",
     (-6.8965, 109.6409), 6),
    ("pringrejo-usulan.jpg", "meeting", "Usulan DanKel 2027", "2026:11:11 10:02:17",
     (-6.9051, 109.6453), 1),
    ("podosugih-saluran.jpg", "channel", "Saluran RW 03", "2026:11:24 15:48:51",
     (-6.8872, 109.6490), 1),
    ("medono-kader.jpg", "meeting", "Kader Posyandu", "2026:11:27 09:30:00",
     (-6.8899, 109.6556), 1),
]  # fmt: skip
SIZE = (1024, 768)


def _sky_and_ground(draw: ImageDraw.ImageDraw, rng: random.Random) -> None:
    w, h = SIZE
    for y in range(h // 2):
        shade = 170 + y * 60 // (h // 2)
        draw.line((0, y, w, y), fill=(120, shade, 235))
    draw.rectangle((0, h // 2, w, h), fill=(126, 150, 96))
    for _ in range(3):  # houses
        x = rng.randint(0, w - 220)
        draw.rectangle((x, h // 2 - 120, x + 200, h // 2 + 20), fill=(226, 214, 190))
        draw.polygon(
            [(x - 15, h // 2 - 120), (x + 100, h // 2 - 200), (x + 215, h // 2 - 120)],
            fill=(170, 70, 50),
        )
        draw.rectangle((x + 80, h // 2 - 50, x + 120, h // 2 + 20), fill=(90, 60, 40))


def _people(draw: ImageDraw.ImageDraw, rng: random.Random, n: int, y0: int) -> None:
    for _ in range(n):
        x, y = rng.randint(40, SIZE[0] - 60), y0 + rng.randint(-30, 60)
        colour = rng.choice([(200, 60, 80), (40, 90, 170), (230, 170, 40), (90, 150, 90)])
        draw.ellipse((x, y, x + 34, y + 34), fill=(150, 110, 80))
        draw.rectangle((x - 6, y + 36, x + 40, y + 110), fill=colour)


def draw_scene(scene: str, label: str, seed: int) -> Image.Image:
    rng = random.Random(seed)
    image = Image.new("RGB", SIZE, (235, 235, 230))
    draw = ImageDraw.Draw(image)
    w, h = SIZE
    if scene == "meeting":  # a room: wall, a table, people around it
        draw.rectangle((0, 0, w, h * 3 // 5), fill=(236, 226, 200))
        draw.rectangle((0, h * 3 // 5, w, h), fill=(168, 140, 110))
        draw.rectangle((w // 2 - 160, 40, w // 2 + 160, 200), fill=(250, 250, 250))
        _people(draw, rng, 9, h * 3 // 5 - 80)
        draw.rectangle((120, h * 3 // 5 + 60, w - 120, h * 3 // 5 + 120), fill=(120, 80, 50))
    else:
        _sky_and_ground(draw, rng)
        if scene == "gang":  # a cracked earth lane
            draw.polygon([(w // 2 - 80, h // 2), (w // 2 + 80, h // 2), (w, h), (0, h)],
                         fill=(150, 120, 90))  # fmt: skip
            for _ in range(25):
                x, y = rng.randint(200, w - 200), rng.randint(h // 2 + 40, h - 20)
                draw.line((x, y, x + rng.randint(-40, 40), y + 20), fill=(90, 70, 50), width=3)
        elif scene == "paving":  # half the lane paved
            draw.polygon([(w // 2 - 80, h // 2), (w // 2 + 80, h // 2), (w, h), (0, h)],
                         fill=(150, 120, 90))  # fmt: skip
            for row in range(8):
                y = h - 20 - row * 26
                for col in range(-8, 9):
                    x = w // 2 + col * 44 * (h - y) // (h // 2) // 3
                    draw.rectangle((x, y, x + 30, y + 18), fill=(150, 150, 155))
            _people(draw, rng, 3, h // 2 + 60)
        elif scene == "channel":  # a drainage channel
            draw.rectangle((0, h * 2 // 3, w, h * 2 // 3 + 90), fill=(70, 90, 100))
            draw.rectangle((0, h * 2 // 3 - 16, w, h * 2 // 3), fill=(160, 160, 160))
            _people(draw, rng, 4, h // 2 + 20)
    font = ImageFont.truetype(str(FONT), 34)
    draw.rectangle((20, h - 70, 30 + draw.textlength(label, font=font) + 20, h - 18),
                   fill=(0, 0, 0))  # fmt: skip
    draw.text((40, h - 64), label, font=font, fill=(255, 255, 255))
    return image


def _dms(value: float) -> tuple[float, float, float]:
    value = abs(value)
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 2)
    return float(degrees), float(minutes), seconds


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for seed, (name, scene, label, taken, (lat, lon), orientation) in enumerate(PHOTOS):
        image = draw_scene(scene, label, seed)
        if orientation == 6:  # the phone was held upright: the sensor's image lies on its side
            image = image.transpose(Image.Transpose.ROTATE_90)
        exif = Image.Exif()
        exif[0x010F], exif[0x0110] = "faskel", "sample"
        exif[0x0112] = orientation
        exif[0x8769] = {36867: taken}
        gps = exif.get_ifd(0x8825)
        gps[1], gps[2] = ("S" if lat < 0 else "N"), _dms(lat)
        gps[3], gps[4] = ("W" if lon < 0 else "E"), _dms(lon)
        image.save(OUT / name, "JPEG", quality=72, optimize=True, exif=exif)
        print(OUT / name, (OUT / name).stat().st_size)


if __name__ == "__main__":
    main()
