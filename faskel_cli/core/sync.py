"""`faskel sync DIR`: laptops meeting in a shared folder (Google Drive, a USB stick).

Each laptop keeps one file there, DIR/<device_id>.faskel, holding every shareable record of
its database, rewritten (atomically) only when something changed since its last sync: a
laptop that missed some syncs still finds everything, and records travel on through any
laptop to the others. Every other device's *.faskel file that changed since this laptop
last imported it is imported first (so this laptop's own file then carries the merge); a
bundle refused only for records another bundle brings is retried after the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core import bundle, clock
from faskel_cli.core.errors import FaskelError, NotFoundError
from faskel_cli.core.store import get_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass
class FileResult:
    name: str
    status: str  # imported | seen | refused | written | up_to_date
    device: str | None = None
    counts: dict | None = None  # kind -> KindCounts (imported) or record count (written)
    error: FaskelError | None = None


def _remember(db: Db, folder: str, name: str, sha256: str, stat: os.stat_result) -> None:
    db.execute(
        "insert into bundle_seen (folder, name, sha256, size, mtime_ns, seen_at) "
        "values (?, ?, ?, ?, ?, ?) on conflict (folder, name) do update set "
        "sha256 = excluded.sha256, size = excluded.size, mtime_ns = excluded.mtime_ns, "
        "seen_at = excluded.seen_at",
        [folder, name, sha256, stat.st_size, stat.st_mtime_ns, clock.utc_stamp()],
    )
    from faskel_cli.core import sync_refused

    sync_refused.forget(db, folder, name)


def sync(db: Db, folder: str | os.PathLike) -> list[FileResult]:
    from faskel_cli.core import sync_refused  # files refused for what they hold

    path = Path(folder).expanduser()
    if not path.is_dir():
        raise NotFoundError("err.sync_folder", path=str(path))
    path = path.resolve()
    key = str(path)
    own = f"{get_setting(db, 'device_id')}.faskel"
    results: list[FileResult] = []
    stats: dict[Path, os.stat_result] = {}  # the bundles to import, as stat saw them
    for candidate in sorted(path.glob("*.faskel")):
        if candidate.name == own or candidate.name.startswith(".") or not candidate.is_file():
            continue
        # Stat before reading: a file replaced while being read is looked at again next time.
        stat = candidate.stat()
        seen = db.execute(
            "select sha256, size, mtime_ns from bundle_seen where folder = ? and name = ?",
            [key, candidate.name],
        ).fetchone()
        if seen and (seen[1], seen[2]) == (stat.st_size, stat.st_mtime_ns):
            results.append(FileResult(candidate.name, "seen"))
            continue
        refused = sync_refused.before(db, key, candidate.name, stat)  # not read again
        if refused:
            results.append(FileResult(candidate.name, "refused", error=refused))
            continue
        try:
            manifest = bundle.read_manifest(candidate)
        except FaskelError as exc:
            sync_refused.remember(db, key, candidate.name, stat, exc)
            results.append(FileResult(candidate.name, "refused", error=exc))
            continue
        if seen and seen[0] == manifest["sha256"]:  # touched, not changed
            with transaction(db):
                _remember(db, key, candidate.name, manifest["sha256"], stat)
            results.append(FileResult(candidate.name, "seen", manifest["device_id"]))
            continue
        stats[candidate] = stat

    def remember(imported: Path, manifest: dict) -> None:
        _remember(db, key, imported.name, manifest["sha256"], stats[imported])

    for outcome in bundle.import_many(db, list(stats), on_commit=remember):
        if outcome.result:
            results.append(
                FileResult(
                    outcome.path.name,
                    "imported",
                    outcome.result.manifest["device_id"],
                    outcome.result.counts,
                )
            )
        else:
            sync_refused.remember(db, key, outcome.path.name, stats[outcome.path], outcome.error)
            results.append(FileResult(outcome.path.name, "refused", error=outcome.error))
    results.sort(key=lambda r: r.name)
    results.append(_write_own(db, path / own))
    return results


def _write_own(db: Db, own: Path) -> FileResult:
    """Rewrites this laptop's file when anything changed here since the last sync, or when
    the file is gone or is not the one written last."""
    target = str(own)
    device = get_setting(db, "device_id")
    on_disk = None
    if own.is_file():
        try:
            on_disk = bundle.read_manifest(own)["sha256"]
        except FaskelError:
            on_disk = None
    if (
        not bundle.changed_since_mark(db, target)
        and on_disk is not None
        and on_disk == bundle.target_sha(db, target)
    ):
        return FileResult(own.name, "up_to_date", device)
    written = bundle.export(db, own, everything=True, target=target)
    return FileResult(own.name, "written", device, written.counts)
