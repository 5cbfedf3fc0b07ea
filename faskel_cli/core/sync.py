"""`faskel sync DIR`: laptops meeting in a shared folder (Google Drive, a USB stick).

Each laptop keeps one file there, holding every shareable record of its database, rewritten
(atomically) only when something changed since its last sync: a laptop that missed some
syncs still finds everything, and records travel on through any laptop to the others. Every
other device's *.faskel file that changed since this laptop last imported it is imported
first (so this laptop's own file then carries the merge); a bundle refused only for records
another bundle brings is retried after the others.

A laptop's file is named for people: `<who>-<tail>.faskel`, `who` the handle of `me` (else
the area, `kota-pekalongan`), `tail` the last 8 hex digits of the device id (random in a
UUIDv7), e.g. `siti-5f3a9c1e.faskel`. Which files are this laptop's is told by the device id
in their manifest, not by the name: its file under an earlier name (`me` changed, or the
`<device_id>.faskel` of older versions) is replaced, and a copy under any other name is never
imported. Other devices' files are read whatever their names.

The folder is shared, so nothing there is trusted: a symbolic link is never followed (one
among the bundles is refused; one at this laptop's own name is replaced by the file, never
written through) and this laptop's file is always 0600.
"""

from __future__ import annotations

import os
import re
import stat as stat_mode
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core import bundle, clock
from faskel_cli.core.errors import FaskelError, InputError, NotFoundError
from faskel_cli.core.store import get_setting, transaction

if TYPE_CHECKING:
    from collections.abc import Callable

    from faskel_cli.core.store import Db


@dataclass
class FileResult:
    name: str
    # imported | seen | refused | written | up_to_date, and for this laptop's own files
    # under another name: removed (an earlier name of its file) | own (a copy, not imported)
    status: str
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


def _slug(text: str) -> str:
    folded = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return folded[:32].strip("-")


def _who(db: Db) -> str:
    """Whose file: the handle of `me`, else the area's name (`kota-pekalongan`)."""
    from faskel_cli.core import regions

    me = get_setting(db, "me")
    who = _slug(me) if me else ""
    if not who:
        try:
            who = _slug(regions.area(db).nama)
        except TypeError:  # no area loaded
            who = ""
    return who or "faskel"


def _tails(device: str) -> list[str]:
    """The random end of the device id: 8 hex digits, then 12, then the whole id, for the
    one laptop in four billion whose 8 digits another device in the folder already has."""
    digits = device.replace("-", "").lower()
    return [digits[-8:], digits[-12:], digits]


def is_own_name(name: str, device: str) -> bool:
    """Whether `name` is one that faskel gives (or gave) this device's file."""
    if name == f"{device}.faskel":
        return True
    match = re.fullmatch(r"[a-z0-9-]+-([0-9a-f]{8,32})\.faskel", name)
    return match is not None and match.group(1) in _tails(device)


def _device_of(path: Path) -> str | None:
    """The device id in a file's manifest, None when it is no readable bundle."""
    try:
        return str(bundle.read_manifest(path)["device_id"])
    except FaskelError:
        return None


def own_path(db: Db, folder: Path) -> Path:
    """This laptop's file in `folder`: the first of its names that no other device's file
    holds (a link or a damaged file there is taken: it is replaced)."""
    device = str(get_setting(db, "device_id"))
    who = _who(db)
    candidates = [folder / f"{who}-{tail}.faskel" for tail in _tails(device)]
    for candidate in candidates:
        if candidate.is_symlink() or not candidate.is_file():
            return candidate
        found = _device_of(candidate)
        if found is None or found == device:
            return candidate
    return candidates[-1]  # the whole device id: no other device can hold it


def sync(
    db: Db, folder: str | os.PathLike, on_start: Callable[[int, int, Path], None] | None = None
) -> list[FileResult]:
    from faskel_cli.core import sync_refused  # files refused for what they hold

    path = Path(folder).expanduser()
    if not path.is_dir():
        raise NotFoundError("err.sync_folder", path=str(path))
    path = path.resolve()
    key = str(path)
    device = str(get_setting(db, "device_id"))
    own = own_path(db, path)
    earlier: list[Path] = []  # this laptop's file under earlier names, removed once written
    results: list[FileResult] = []
    stats: dict[Path, os.stat_result] = {}  # the bundles to import, as stat saw them
    for candidate in sorted(path.glob("*.faskel")):
        if candidate.name == own.name or candidate.name.startswith("."):
            continue
        if candidate.is_symlink():
            # Never followed: it could lead anywhere (and an earlier faskel wrote through it).
            error = InputError("err.sync_link", file=candidate.name)
            results.append(FileResult(candidate.name, "refused", error=error))
            continue
        if not candidate.is_file():
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
        if manifest["device_id"] == device:
            if is_own_name(candidate.name, device):
                earlier.append(candidate)
            else:
                results.append(FileResult(candidate.name, "own", device))
            continue
        if seen and seen[0] == manifest["sha256"]:  # touched, not changed
            with transaction(db):
                _remember(db, key, candidate.name, manifest["sha256"], stat)
            results.append(FileResult(candidate.name, "seen", manifest["device_id"]))
            continue
        stats[candidate] = stat

    def remember(imported: Path, manifest: dict) -> None:
        _remember(db, key, imported.name, manifest["sha256"], stats[imported])

    for outcome in bundle.import_many(db, list(stats), on_commit=remember, on_start=on_start):
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
    written = _write_own(db, own)
    for old in earlier:
        results.append(_remove_earlier(db, old, device))
    results.sort(key=lambda r: r.name)
    results.append(written)
    return results


def _remove_earlier(db: Db, old: Path, device: str) -> FileResult:
    """This laptop's file under an earlier name, once the new one is written: removed, and
    its export mark with it (a mark never used again would keep the change log growing)."""
    try:
        old.unlink()  # the name itself: a link there would be removed, not followed
    except FileNotFoundError:
        pass
    with transaction(db):
        db.execute("delete from bundle_targets where target = ?", [str(old)])
    return FileResult(old.name, "removed", device)


def _make_private(own: Path) -> None:
    """0600 for this laptop's file, set on the file itself (never through a link); where
    the file system keeps no such modes (FAT, some Drive clients) it stays as it is."""
    try:
        fd = os.open(own, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return
    try:
        if hasattr(os, "fchmod") and stat_mode.S_IMODE(os.fstat(fd).st_mode) != 0o600:
            os.fchmod(fd, 0o600)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_own(db: Db, own: Path) -> FileResult:
    """Rewrites this laptop's file when anything changed here since the last sync, or when
    the file is gone, is not the one written last, or is not a plain file (a link)."""
    target = str(own)
    device = get_setting(db, "device_id")
    on_disk = None
    if not own.is_symlink() and own.is_file():
        try:
            on_disk = bundle.read_manifest(own)["sha256"]
        except FaskelError:
            on_disk = None
    if (
        not bundle.changed_since_mark(db, target)
        and on_disk is not None
        and on_disk == bundle.target_sha(db, target)
    ):
        _make_private(own)
        return FileResult(own.name, "up_to_date", device)
    written = bundle.export(db, own, everything=True, target=target)
    return FileResult(own.name, "written", device, written.counts)
