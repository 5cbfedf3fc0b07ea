"""Files that appear whole or not at all.

The content goes to a temporary file in the target's own folder (same file system, so the
rename is atomic), is flushed and fsynced, then renamed over the target; the folder is
fsynced so the rename survives a power cut. On any failure the temporary file is removed,
the old target stays exactly as it was, and an OutputError with a clear message is raised.
"""

from __future__ import annotations

import errno
import os
import tempfile
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


def prepare_target(path: str | os.PathLike) -> Path:
    """The target as an absolute path, its folder created; refused when it is a folder."""
    target = Path(path).expanduser()
    if target.is_symlink():
        # Replace the file the link points at, not the link itself.
        target = Path(os.path.realpath(target))
    target = target.absolute()
    if target.is_dir():
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

    A replaced file keeps its mode; a new one gets the umask's, or 0600 when `private`
    (files holding people's names and phone numbers)."""
    target = prepare_target(path)
    folder = target.parent
    new_mode = 0o600 if private else _default_mode()
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else new_mode
    except OSError:
        mode = new_mode
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise output_error(exc, target) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(temp, mode)
        except OSError:  # not fatal: mkstemp's 0600 is merely stricter than wanted
            pass
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise output_error(exc, target) from None
    except BaseException:
        _remove(temp)
        raise
    _fsync_dir(folder)
    return target


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    return write_with(path, lambda handle: handle.write(data))


def write_text(path: str | os.PathLike, text: str, *, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def _remove(temp: Path) -> None:
    try:
        temp.unlink()
    except OSError:
        pass
