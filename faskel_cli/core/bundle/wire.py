"""The bundle wire format: names, limits and the patterns every field must match."""

from __future__ import annotations

FORMAT = "faskel-bundle"
VERSION = 1
CHUNK = 1_000  # lines validated and staged at a time (more only costs memory, not time)
MAX_LINE = 4 * 1024 * 1024  # no record comes near; a longer "line" is not a bundle
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
TABLES = ("facilitators", "lkk", "activities", "activity_stages", "visits", "followups")
ENTITY = {
    "facilitators": "facilitator",
    "lkk": "lkk",
    "activities": "activity",
    "activity_stages": "activity_stage",
    "visits": "visit",
    "followups": "followup",
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

ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# Fixed width (as clock.utc_stamp writes them), so that text order is time order.
STAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
KODE_PATTERN = r"^\d{2}(\.\d{2}){0,2}(\.\d{4})?$"
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
