"""core.atomic: a file appears whole or not at all; a failed write keeps the old file."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import pytest

from faskel_cli.core import atomic
from faskel_cli.core.errors import OutputError
from faskel_cli.messages import text

OLD = b"the previous report\n"
NOBODY = 65534


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def previous(tmp_path):
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(OLD)
    return target


def test_creates_and_replaces(tmp_path):
    target = tmp_path / "deep" / "er" / "laporan.csv"
    assert atomic.write_text(target, "satu\n") == target
    assert target.read_text() == "satu\n"
    atomic.write_bytes(target, b"dua\n")
    assert target.read_bytes() == b"dua\n"
    assert leftovers(target.parent) == []


def test_new_file_mode_follows_umask_and_old_mode_is_kept(tmp_path):
    old_umask = os.umask(0o027)
    try:
        target = tmp_path / "baru.html"
        atomic.write_text(target, "x")
        assert target.stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old_umask)
    target.chmod(0o604)
    atomic.write_text(target, "y")
    assert target.stat().st_mode & 0o777 == 0o604


def test_symlink_target_replaces_the_file_it_points_at(tmp_path, previous):
    link = tmp_path / "terbaru.xlsx"
    link.symlink_to(previous)
    atomic.write_bytes(link, b"new")
    assert link.is_symlink()
    assert previous.read_bytes() == b"new"


def test_target_is_a_folder(tmp_path):
    folder = tmp_path / "laporan.xlsx"
    folder.mkdir()
    with pytest.raises(OutputError) as caught:
        atomic.write_bytes(folder, b"x")
    assert caught.value.key == "err.output.is_dir"
    assert str(folder) in text(caught.value)
    assert folder.is_dir() and leftovers(tmp_path) == []


def test_parent_is_a_file(tmp_path):
    blocker = tmp_path / "laporan"
    blocker.write_bytes(b"a file")
    with pytest.raises(OutputError) as caught:
        atomic.write_bytes(blocker / "minggu" / "x.csv", b"x")
    assert caught.value.key == "err.output.parent_not_dir"
    assert blocker.read_bytes() == b"a file"


def test_disk_full_midway_keeps_the_old_file(tmp_path, previous):
    def write(handle):
        handle.write(b"half of the new rep")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OutputError) as caught:
        atomic.write_with(previous, write)
    assert caught.value.key == "err.output.disk_full"
    assert "disk penuh" in text(caught.value)
    assert previous.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_any_other_failure_keeps_the_old_file(tmp_path, previous):
    def write(handle):
        handle.write(b"partial")
        raise ValueError("renderer bug")

    with pytest.raises(ValueError):
        atomic.write_with(previous, write)
    assert previous.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_file_size_limit_is_a_real_failed_write(tmp_path, previous, monkeypatch):
    """RLIMIT_FSIZE makes the kernel refuse the write past the limit (EFBIG), even for root."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # no cut-short .pyc meanwhile
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        with pytest.raises(OutputError) as caught:
            atomic.write_bytes(previous, b"x" * 100_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert caught.value.key == "err.output.too_big"
    assert previous.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def _write_unprivileged(target, data: bytes) -> str | None:
    """atomic.write_bytes(target, data) in a forked child that, when the tests run as root
    (as CI does), first becomes `nobody`: root writes into read-only folders, nobody does not.
    Returns the key of the OutputError it raised, or None."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            try:
                atomic.write_bytes(target, data)
                status = 0
            except OutputError as exc:
                os.write(write, exc.key.encode())
                status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        key = pipe.read().decode()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    return key or None


def test_read_only_folder():
    """A folder its writer may read but not write: the temporary file cannot be made.
    Not under tmp_path, which only root may enter."""
    outer = Path(tempfile.mkdtemp(prefix="faskel-ro-"))
    try:
        outer.chmod(0o755)
        folder = outer / "laporan"
        folder.mkdir()
        previous = folder / "laporan.xlsx"
        previous.write_bytes(OLD)
        previous.chmod(0o644)
        folder.chmod(0o555)
        assert _write_unprivileged(previous, b"new") == "err.output.permission"
        assert previous.read_bytes() == OLD
        assert leftovers(folder) == []
        folder.chmod(0o777)  # the same writer, once it may write there, succeeds
        assert _write_unprivileged(folder / "baru.csv", b"new") is None
        assert (folder / "baru.csv").read_bytes() == b"new"
    finally:
        (outer / "laporan").chmod(0o755)
        shutil.rmtree(outer)


@pytest.mark.parametrize(
    ("code", "key"),
    [
        (errno.EACCES, "err.output.permission"),
        (errno.EPERM, "err.output.permission"),
        (errno.EROFS, "err.output.read_only"),
        (errno.ENOSPC, "err.output.disk_full"),
        (errno.EDQUOT, "err.output.disk_full"),
        (errno.EIO, "err.output.write"),
    ],
)
def test_error_messages(tmp_path, code, key):
    error = atomic.output_error(OSError(code, os.strerror(code)), tmp_path / "x.xlsx")
    assert error.key == key
    assert error.exit_code == 6
    assert "x.xlsx" in text(error)
