"""core.atomic: a file appears whole or not at all; a failed write keeps the old file."""

from __future__ import annotations

import errno
import os
import resource
import signal
import sys

import pytest

from faskel_cli.core import atomic
from faskel_cli.core.errors import OutputError
from faskel_cli.messages import text

OLD = b"the previous report\n"


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


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(tmp_path, previous):
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(OutputError) as caught:
            atomic.write_bytes(previous, b"new")
    finally:
        tmp_path.chmod(0o755)
    assert caught.value.key == "err.output.permission"
    assert previous.read_bytes() == OLD


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
