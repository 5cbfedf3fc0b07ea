"""A photo file made into the copy faskel stores: checked, turned upright by its EXIF
orientation, downscaled to LONG_SIDE pixels on its long side and re-encoded as JPEG, with
its capture time and GPS place read out and every other piece of metadata dropped.

Pillow is imported here, inside the functions, only when a photo is read."""

from __future__ import annotations

import hashlib
import io
import math
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faskel_cli.core.errors import InputError

if TYPE_CHECKING:
    from PIL import Image

MAX_FILE_BYTES = 20 * 1024 * 1024  # a file larger than this is refused before it is read
# A photo of more pixels is refused (a "decompression bomb": a small file that would take
# gigabytes to open). Pillow's own default limit, some 89 megapixels; phones' 12 to 50 MP
# photos are far below it.
MAX_PIXELS = 89_478_485
LONG_SIDE = 1600  # of the stored copy
QUALITY = 80  # JPEG quality of the stored copy
MAX_SIDE = 100_000  # of a photo as a record may say (width, height of the stored copy)
MAX_STORED_BYTES = 2_500_000  # a stored copy larger than this (never seen) is refused
MAX_CAPTION = 300
# Pillow's format name -> the name kept in `photos.source_format`.
FORMATS = {"JPEG": "jpeg", "MPO": "jpeg", "PNG": "png", "WEBP": "webp", "HEIF": "heif"}
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_DATETIME_ORIGINAL, _DATETIME = 36867, 306


@dataclass(frozen=True)
class Prepared:
    """A photo ready to store: the stored copy's bytes and what is kept about it."""

    id: str
    source_sha256: str
    source_format: str
    source_bytes: int
    data: bytes
    sha256: str
    width: int
    height: int
    taken_at: str | None
    lat_e6: int | None
    lon_e6: int | None

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sha256": self.sha256,
            "source_sha256": self.source_sha256,
            "source_format": self.source_format,
            "source_bytes": self.source_bytes,
            "width": self.width,
            "height": self.height,
            "bytes": len(self.data),
            "taken_at": self.taken_at,
            "lat_e6": self.lat_e6,
            "lon_e6": self.lon_e6,
            "data": self.data,
        }


def id_from_digest(digest: bytes) -> str:
    """A UUID (version 8: made by faskel) from a SHA-256: the same content, the same id on
    every laptop."""
    raw = bytearray(digest[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80
    raw[8] = (raw[8] & 0x3F) | 0x80
    return str(uuid.UUID(bytes=bytes(raw)))


def read_file(path: str | Path) -> bytes:
    """The bytes of a photo file; a missing or unreadable path, a folder or a file over
    MAX_FILE_BYTES is refused before anything is read."""
    shown = str(path)
    try:
        if Path(path).is_dir():
            raise InputError("err.photo_folder", path=shown)
        size = os.stat(path).st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                "err.photo_too_large", path=shown, mb=size / 1e6, limit=MAX_FILE_BYTES // 2**20
            )
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError("err.photo_unreadable", path=shown, reason=exc.strerror or exc) from None
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise InputError("err.photo_too_large", path=shown, mb=len(raw) / 1e6, limit=20)
    if not raw:
        raise InputError("err.photo_not_image", path=shown)
    return raw


def source_id(raw: bytes) -> tuple[str, str]:
    """(the photo's id, the SHA-256 of the file): known before the photo is decoded, so the
    same photo added again is found without decoding it."""
    digest = hashlib.sha256(raw)
    return id_from_digest(digest.digest()), digest.hexdigest()


def _heif_opener() -> bool:
    """HEIC/HEIF (iPhones' photos) when pillow-heif is installed (`pip install
    'faskel[heic]'`)."""
    try:
        from pillow_heif import register_heif_opener  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return False
    register_heif_opener()
    return True


def _open(raw: bytes, shown: str) -> Image.Image:
    import warnings

    from PIL import Image, UnidentifiedImageError

    if raw[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc") and not _heif_opener():
        raise InputError("err.photo_heic", path=shown)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError("err.photo_bomb", path=shown, limit=MAX_PIXELS // 1_000_000) from None
    except UnidentifiedImageError:
        raise InputError("err.photo_not_image", path=shown) from None
    except (OSError, SyntaxError, ValueError):
        raise InputError("err.photo_damaged", path=shown) from None
    if image.format not in FORMATS:
        raise InputError("err.photo_format", path=shown, format=image.format or "?")
    width, height = image.size
    if width < 1 or height < 1 or width * height > MAX_PIXELS:
        raise InputError("err.photo_bomb", path=shown, limit=MAX_PIXELS // 1_000_000)
    return image


def _taken_at(exif: Image.Exif) -> str | None:
    value = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.strptime(value.strip("\x00 ").strip(), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    if not 2000 <= stamp.year <= 2099:
        return None
    return stamp.isoformat()


def _degrees(value: object, ref: object, negative: str, bound: float) -> int | None:
    try:
        d, m, s = (float(part) for part in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    if not math.isfinite(degrees) or not 0 <= degrees <= bound:
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "replace")
    if isinstance(ref, str) and ref.strip("\x00 ").upper() == negative:
        degrees = -degrees
    return round(degrees * 1_000_000)


def _place(exif: Image.Exif) -> tuple[int | None, int | None]:
    gps = exif.get_ifd(_GPS_IFD)
    if not gps:
        return None, None
    lat = _degrees(gps.get(2), gps.get(1), "S", 90)
    lon = _degrees(gps.get(4), gps.get(3), "W", 180)
    if lat is None or lon is None or (lat == 0 and lon == 0):
        return None, None
    return lat, lon


def prepare(raw: bytes, shown: str) -> Prepared:
    """The stored copy of a photo file's bytes; a file that is no photo faskel takes
    (not an image, another format, damaged or truncated, too many pixels) is refused."""
    from PIL import Image, ImageOps

    photo_id, source_sha = source_id(raw)
    image = _open(raw, shown)
    source_format = FORMATS[str(image.format)]
    try:
        exif = image.getexif()
        taken_at = _taken_at(exif)
        lat, lon = _place(exif)
    except Exception:  # a broken EXIF block is no reason to refuse the photo itself
        taken_at, (lat, lon) = None, (None, None)
    try:
        width, height = image.size
        scale = min(1.0, LONG_SIDE / max(width, height))
        if source_format == "jpeg" and scale < 1:
            # Decode a JPEG at 1/2, 1/4 or 1/8 of its size when that is still large enough.
            image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
        image.load()
        upright = ImageOps.exif_transpose(image)
        if upright.mode not in ("RGB", "L"):
            rgba = upright.convert("RGBA")
            upright = Image.new("RGB", rgba.size, (255, 255, 255))
            upright.paste(rgba, mask=rgba.getchannel("A"))
        upright.thumbnail((LONG_SIDE, LONG_SIDE), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        upright.save(out, "JPEG", quality=QUALITY, optimize=True)
    except (OSError, SyntaxError, ValueError, EOFError):
        raise InputError("err.photo_damaged", path=shown) from None
    except MemoryError:
        raise InputError("err.photo_bomb", path=shown, limit=MAX_PIXELS // 1_000_000) from None
    data = out.getvalue()
    if len(data) > MAX_STORED_BYTES:
        raise InputError("err.photo_damaged", path=shown)
    return Prepared(
        id=photo_id,
        source_sha256=source_sha,
        source_format=source_format,
        source_bytes=len(raw),
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        width=upright.width,
        height=upright.height,
        taken_at=taken_at,
        lat_e6=lat,
        lon_e6=lon,
    )
