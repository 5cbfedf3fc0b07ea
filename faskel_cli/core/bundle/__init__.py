"""Bundles: the shareable records of a database in one compressed file, for other laptops.

Format, version 1: gzip-compressed JSON lines. Line 1 is the manifest
    {"format": "faskel-bundle", "version": 1, "device_id", "area", "area_name", "created_at",
     "scope", "since", "counts": {kind: n}, "sha256": <of the bytes of every later line>}
and, optional (a faskel that does not know them ignores them): "until" and "period" (of a
period's bundle), "sender" and "sender_name" (the exporting database's `me` and its name).
Then one record per line, {"kind": K, "record": {...}}: every column of table K (merged_into
only when set) and, for facilitators, activities and visits, the sorted list of their links
(kelurahan kodes, LKK ids). Records are read from and written to the tables' own columns,
so a column that a later migration adds travels without touching this module.

Merge rule, the same on every laptop, so that any order of imports converges:
- an id never seen is added (the audit says from which bundle, sent by whom);
- a known id takes the version with the later updated_at (a tie goes to the larger
  device_id); the version it replaces is kept in the audit (action 'import');
- an older or identical version changes nothing; a tombstone (deleted_at set) is simply a
  newer version of the record;
- a version stamped more than wire.CLOCK_TOLERANCE_MINUTES after this computer's clock is
  refused (a wrong clock would otherwise win over every later edit); local edits stamp
  never earlier than the version they edit (records.next_version), so they always win;
- the same facilitator or LKK made on two laptops becomes one record (identity.py).

An import reads the file once, streaming: every line is hashed, validated with pydantic in
chunks and copied into TEMP tables (outside the database file). Only when the checksum, the
counts and every record are good and every reference resolves does one transaction apply the
bundle, with set-based SQL.

Modules, in the order a bundle goes through them: wire (format, patterns and bounds), kinds
(the record kinds as the schema has them), validation (pydantic models, with the field rules
of core/rules.py), reader, staging, problems, identity (merging records made twice), rules
(the rules between records, in SQL), merge, export, many (several bundles at once). Callers
use what is re-exported here.
"""

from faskel_cli.core.bundle.export import (
    ExportResult,
    Window,
    changed_since_mark,
    ensure_change_log,
    export,
    target_key,
    target_sha,
)
from faskel_cli.core.bundle.kinds import Kind, area_label, describe
from faskel_cli.core.bundle.many import Outcome, import_many
from faskel_cli.core.bundle.merge import ImportResult, KindCounts, import_bundle, sender
from faskel_cli.core.bundle.problems import BundleRefused, Problem
from faskel_cli.core.bundle.reader import inspect, read_manifest
from faskel_cli.core.bundle.restamp import ahead, restamp
from faskel_cli.core.bundle.wire import FORMAT, MAX_LINE, TABLES, VERSION

__all__ = [
    "FORMAT",
    "MAX_LINE",
    "TABLES",
    "VERSION",
    "BundleRefused",
    "ExportResult",
    "ImportResult",
    "Kind",
    "KindCounts",
    "Outcome",
    "Problem",
    "Window",
    "ahead",
    "area_label",
    "changed_since_mark",
    "describe",
    "ensure_change_log",
    "export",
    "import_bundle",
    "import_many",
    "inspect",
    "read_manifest",
    "restamp",
    "sender",
    "target_key",
    "target_sha",
]
