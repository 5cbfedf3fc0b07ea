"""The bundle wire format: names, limits and the patterns every field must match."""

from __future__ import annotations

from faskel_cli.core.errors import Message

FORMAT = "faskel-bundle"
VERSION = 1
CHUNK = 1_000  # lines validated and staged at a time (more only costs memory, not time)
MAX_LINE = 4 * 1024 * 1024  # no record comes near; a longer "line" is not a bundle
MAX_MANIFEST = 64 * 1024  # a manifest is some hundred bytes
# What a bundle may expand to, decompressed: at most MAX_EXPANSION times its size on disk
# (bundles of real work expand 7 to 9 times), but always MIN_EXPANDED (a small bundle of
# very alike records may expand more), and never more than MAX_EXPANDED (some 7 million
# visits). A file that expands further is a gzip bomb: refused as soon as it has, by
# `bundle inspect` as by `bundle import` and `sync`.
MAX_EXPANSION = 60
MIN_EXPANDED = 64 * 1024 * 1024
MAX_EXPANDED = 4 * 1024 * 1024 * 1024
READ_BLOCK = 1 << 20
WRITE_ROWS = 4_000  # lines hashed and compressed at a time by an export
# An import waits this long for another writer (a person while cron imports, or the
# reverse) instead of failing after the usual 10 s.
IMPORT_BUSY_TIMEOUT_MS = 15 * 60 * 1000
MAX_SHOWN = 3  # problems named in one error line
# A version stamped later than the importing computer's clock plus this is refused: the
# laptop that made it has a wrong clock (or the bundle was crafted), and such a version
# would win over every later edit, everywhere, forever. Laptops' clocks drift by seconds
# to a few minutes; ten minutes leaves room for that and for a bundle sent at once.
CLOCK_TOLERANCE_MINUTES = 10

# Shareable tables, parents before children.
TABLES = (
    "facilitators",
    "lkk",
    "activities",
    "activity_stages",
    "visits",
    "followups",
    "photos",
    "photo_links",
)
ENTITY = {
    "facilitators": "facilitator",
    "lkk": "lkk",
    "activities": "activity",
    "activity_stages": "activity_stage",
    "visits": "visit",
    "followups": "followup",
    "photos": "photo",
    "photo_links": "photo_link",
}
# kind -> (link table, owner column, target column, key of the list in the record)
LINKS = {
    "facilitators": (
        "facilitator_kelurahan",
        "facilitator_id",
        "kelurahan_kode",
        "kelurahan_kodes",
    ),
    "activities": ("activity_lkk", "activity_id", "lkk_id", "lkk_ids"),
    "visits": ("visit_lkk", "visit_id", "lkk_id", "lkk_ids"),
}

# Digits are [0-9]: pydantic's \\d would take any script's digits.
ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# A short reference (core/refs.py): made where the record was made, kept as it came.
REF_COLUMN = "ref"
REF_PATTERN = r"^[ghjkmnprstuwxyz][abcdefghjkmnprstuwxyz]{2}[1-9][0-9]{0,3}$"
# Fixed width (as clock.utc_stamp writes them), so that text order is time order.
STAMP_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
KODE_PATTERN = r"^[0-9]{2}(\.[0-9]{2}){0,2}(\.[0-9]{4})?$"
# The manifest: the area is the exporting database's (core/areas.py: a kecamatan, a
# kabupaten/kota, a provinsi or ID, the nation); `since` a day or a stamp (scope 'changes':
# the previous export's); counts are per kind, some dozen at most.
AREA_PATTERN = r"^([0-9]{2}(\.[0-9]{2}){0,2}|ID)$"
SINCE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}Z)?$"
COUNT_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,62}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
MAX_COUNTS = 64
MAX_AREA_NAME = 200
SHOWN_CHARS = 60  # of a value from a bundle, in a message
STAMPS = ("created_at", "updated_at", "deleted_at")
# Kinds whose records are merged when the same one is made on two laptops: two live records
# holding the same unique key (a facilitator's handle; an LKK's kelurahan and name) are the
# same when these columns agree too (compared without case and extra spaces). The one with
# the larger id becomes a tombstone whose `merged_into` names the other (the survivor).
IDENTITY = {"facilitators": ("name",), "lkk": ("type",)}
MERGED_INTO = "merged_into"
# Columns a bundle line leaves out while they are NULL, so that a faskel from before the
# migration that added them still reads bundles holding no merge.
OMITTED_WHEN_NULL = (MERGED_INTO,)
DATES = ("date", "due", "start_date", "stage_since")
# Bytes (a photo's) as a line carries them: base64 text, within the line's bound.
BLOB_PATTERN = r"^[A-Za-z0-9+/]*={0,2}$"
MAX_BLOB_CHARS = MAX_LINE - 64 * 1024


def excerpt(value: object) -> str | Message:
    """A value from a bundle as a message shows it: short (SHOWN_CHARS), its kind of value
    told; the edge escapes what is left of control characters."""
    if isinstance(value, bool) or value is None:
        return "null" if value is None else str(value).lower()
    if isinstance(value, int):
        if abs(value) < 10**SHOWN_CHARS:
            return str(value)
        # str() of an int of 4,300 digits and more raises: its first digits and its length
        digits = int(value.bit_length() * 0.30103)
        digits += 10**digits <= abs(value)
        lead = str(abs(value) // 10 ** (digits - 10))
        sign = "-" if value < 0 else ""
        return Message.of("bundle.excerpt.number", first=sign + lead, n=digits)
    if isinstance(value, str):
        if len(value) <= SHOWN_CHARS:
            return repr(value)
        return Message.of("bundle.excerpt.text", first=repr(value[:SHOWN_CHARS]), n=len(value))
    return type(value).__name__
