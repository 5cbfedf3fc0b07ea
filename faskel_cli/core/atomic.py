"""Files that appear whole or not at all.

The content goes to a temporary file in the target's own folder (same file system, so the
rename is atomic), is flushed and fsynced, then renamed over the target; the folder is
fsynced so the rename survives a power cut. On any failure the temporary file is removed,
the old target stays exactly as it was, and an OutputError with a clear message is raised.

Temporary files are named `.<target>.faskel-<host>-<pid>-<random>.tmp`: recognisably
faskel's, and whose. A process killed before its rename (kill -9, a power cut) leaves one
behind; the next write into that folder removes those whose process is gone (on this host:
a shared Drive folder holds other laptops' too), and the `.<target>.<random>.tmp` of older
faskel versions for the same target once they are an hour old.

Private files (bundles: names and phone numbers) are always 0600 and never written through
a symbolic link: a link at the target is replaced by the file, never followed.
"""

from __future__ import annotations

import errno
import os
import re
import socket
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from faskel_cli.core.errors import OutputError

# errno -> message key: what went wrong, in words a coordinator can act on.
_REASONS = {
    errno.EACCES: "err.output.permission",
    errno.EPERM: "err.output.permission",
    errno.EROFS: "err.output.read_only",
    errno.ENOSPC: "err.output.disk_full",
    errno.EDQUOT: "err.output.disk_full",
    errno.EFBIG: "err.output.too_big",
    errno.EISDIR: "err.output.is_dir",
    errno.ENOTDIR: "err.output.parent_not_dir",
    errno.ENAMETOOLONG: "err.output.name_too_long",
}


def output_error(exc: OSError, path: Path) -> OutputError:
    """The OutputError telling what an OSError met while writing `path` means."""
    key = _REASONS.get(exc.errno or 0)
    if isinstance(exc, FileExistsError):
        key = "err.output.parent_not_dir"
    if key:
        return OutputError(key, path=str(path))
    return OutputError("err.output.write", path=str(path), reason=exc.strerror or str(exc))


def _default_mode() -> int:
    """The mode a new file gets from open(): 0o666 less the umask."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open a folder; the rename is done anyway
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def prepare_target(path: str | os.PathLike, *, follow_links: bool = True) -> Path:
    """The target as an absolute path, its folder created; refused when it is a folder.

    A symbolic link at the target is followed (the file it points at is replaced), unless
    `follow_links` is off: then the link itself is replaced by the new file."""
    target = Path(path).expanduser()
    is_link = target.is_symlink()
    if is_link and follow_links:
        # Replace the file the link points at, not the link itself.
        target = Path(os.path.realpath(target))
        is_link = False
    target = target.absolute()
    if not is_link and target.is_dir():
        raise OutputError("err.output.is_dir", path=str(target))
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, target) from None
    if not folder.is_dir():
        raise OutputError("err.output.parent_not_dir", path=str(target))
    return target


def write_with(
    path: str | os.PathLike, write: Callable[[BinaryIO], object], *, private: bool = False
) -> Path:
    """Create or replace `path` atomically with what `write(file)` writes to a binary file.

    A replaced file keeps its mode and a new one gets the umask's; a `private` one (holding
    people's names and phone numbers) is always 0600 and replaces a link rather than
    writing through it."""
    target = prepare_target(path, follow_links=not private)
    folder = target.parent
    if private:
        mode = 0o600
    else:
        try:
            mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _default_mode()
        except OSError:
            mode = _default_mode()
    clean_leftovers(folder, target.name)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_error(exc, target) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            _set_mode(handle.fileno(), temp, mode)
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise output_error(exc, target) from None
    except BaseException:
        _remove(temp)
        raise
    _fsync_dir(folder)
    return target


def _set_mode(fd: int, temp: Path, mode: int) -> None:
    """The mode of the temporary file, set on the open file (not through its name)."""
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        else:  # pragma: no cover - Windows before Python 3.13
            os.chmod(temp, mode)
    except OSError:  # not fatal: mkstemp's 0600 is merely stricter than wanted
        pass


def _host() -> str:
    """This machine's name as a file-name part (`laptop-siti`), or `host`."""
    try:
        name = socket.gethostname()
    except OSError:  # pragma: no cover
        name = ""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:24] or "host"


# Room for the marker, host, pid and mkstemp's random part within a 255-byte name.
_NAME_ROOM = 160


def temp_prefix(name: str) -> str:
    """`.<name>.faskel-<host>-<pid>-`: mkstemp adds the random part and `.tmp`."""
    return f".{name[:_NAME_ROOM]}.faskel-{_host()}-{os.getpid()}-"


_LEFTOVER = re.compile(r"^\..+\.faskel-(?P<host>.+)-(?P<pid>\d+)-[a-z0-9_]{8}\.tmp$")
# Older faskel named them mkstemp(prefix=".<name>.", suffix=".tmp"): no pid to ask; only
# those an hour old are taken for leftovers.
_LEGACY_AGE_S = 3600


def _alive(pid: int) -> bool:
    """Whether process `pid` still runs here; when in doubt, it does."""
    if pid <= 0 or pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill would end the process there, not probe it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: someone else's process
        return True
    return True


def leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """The temporary files in `folder` that a faskel process now gone left behind: those of
    this host whose pid no longer runs, and (for target `name`) the older naming's that are
    an hour old."""
    host = _host()
    legacy = re.compile(r"^\." + re.escape(name) + r"\.[a-z0-9_]{8}\.tmp$") if name else None
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            match = _LEFTOVER.match(entry.name)
            if match:
                if match["host"] == host and not _alive(int(match["pid"])):
                    found.append(Path(entry.path))
            elif legacy is not None and legacy.match(entry.name):
                age = time.time() - entry.stat(follow_symlinks=False).st_mtime
                if age > _LEGACY_AGE_S:
                    found.append(Path(entry.path))
        except OSError:
            continue
    return found


def clean_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Removes what `leftovers` finds; never fails (cleaning up is not the job asked for)."""
    removed = []
    for path in leftovers(folder, name):
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    return write_with(path, lambda handle: handle.write(data))


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def _remove(temp: Path) -> None:
    try:
        temp.unlink()
    except OSError:
        pass
