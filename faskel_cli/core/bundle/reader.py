"""Reading a bundle file: streamed, hashed as it is read, bounded (line lengths, and what
the file may expand to: wire.MAX_EXPANSION), failing as soon as a bound is passed."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from faskel_cli.core.bundle.validation import manifest_model, reason
from faskel_cli.core.bundle.wire import (
    CHUNK,
    FORMAT,
    MAX_EXPANDED,
    MAX_EXPANSION,
    MAX_LINE,
    MAX_MANIFEST,
    MIN_EXPANDED,
    READ_BLOCK,
    VERSION,
    excerpt,
)
from faskel_cli.core.errors import FaskelError, InputError, Message, NotFoundError


class Reader:
    """Streams a bundle: the manifest, then content lines, hashing as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self.sha = hashlib.sha256()
        self.lines = 0
        self.started = False
        self.expanded = 0  # bytes decompressed so far
        self.limit = MIN_EXPANDED  # what they may come to (set by __enter__)
        self._raw: BinaryIO  # both opened by __enter__
        self._gz: gzip.GzipFile

    def __enter__(self) -> Reader:
        if self.path.is_dir():
            raise InputError("err.bundle_not_bundle", file=self.name)
        try:
            self._raw = self.path.open("rb")
        except FileNotFoundError:
            raise NotFoundError("err.bundle_missing", file=self.name) from None
        except OSError as exc:
            raise InputError(
                "err.bundle_unreadable", file=self.name, reason=exc.strerror or str(exc)
            ) from None
        size = os.fstat(self._raw.fileno()).st_size
        self.limit = min(MAX_EXPANDED, max(MIN_EXPANDED, MAX_EXPANSION * size))
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="rb")
        return self

    def _read(self, read: Callable[[int], bytes], size: int) -> bytes:
        """`size` bytes at most, decompressed; refused once the file has expanded beyond
        its bound (a gzip bomb), before the next block is even asked for."""
        with self._translated():
            data = read(size)
        self.expanded += len(data)
        if self.expanded > self.limit:
            raise InputError(
                "err.bundle_expands",
                file=self.name,
                limit=self.limit // (1024 * 1024),
                ratio=MAX_EXPANSION,
            )
        return data

    def __exit__(self, *exc: object) -> None:
        self._gz.close()
        self._raw.close()

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except EOFError:
            raise InputError("err.bundle_truncated", file=self.name) from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            if not self.started:
                raise InputError("err.bundle_not_bundle", file=self.name) from None
            raise InputError("err.bundle_corrupt", file=self.name, reason=str(exc)) from None
        except OSError as exc:
            raise InputError(
                "err.bundle_unreadable", file=self.name, reason=exc.strerror or str(exc)
            ) from None

    def manifest(self) -> dict:
        from pydantic import ValidationError

        first = self._read(self._gz.readline, MAX_MANIFEST)
        if not first.endswith(b"\n"):
            raise InputError("err.bundle_not_bundle", file=self.name)
        try:
            data = json.loads(first)
        except (ValueError, RecursionError):  # RecursionError: nested too deep
            raise InputError("err.bundle_not_bundle", file=self.name) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError("err.bundle_not_bundle", file=self.name)
        version = data.get("version")
        if type(version) is not int or version != VERSION:
            raise InputError(
                "err.bundle_version", file=self.name, version=excerpt(version), known=VERSION
            )
        try:
            manifest = manifest_model().model_validate(data)
        except ValidationError as exc:
            first_error = exc.errors(include_url=False)[0]
            raise InputError(
                "err.bundle_manifest",
                file=self.name,
                field=".".join(map(str, first_error["loc"])),
                reason=reason(first_error),
            ) from None
        self.started = True
        return manifest.model_dump()

    def batches(self, size: int) -> Iterator[list[bytes]]:
        """The lines after the manifest (without their newline), `size` at a time; read in
        large blocks, each hashed as it is read."""
        read = self._gz.read
        rest = b""
        batch: list[bytes] = []
        while True:
            block = self._read(read, READ_BLOCK)
            if not block:
                break
            self.sha.update(block)
            lines = (rest + block).split(b"\n") if rest else block.split(b"\n")
            rest = lines.pop()
            if len(rest) > MAX_LINE:
                raise InputError("err.bundle_line_long", file=self.name, line=self.lines + 2)
            self.lines += len(lines)
            if batch:
                lines[:0] = batch
            # Whole batches by position: a block of a million short lines is split once,
            # not copied again for every batch taken off it.
            whole = len(lines) - len(lines) % size
            for start in range(0, whole, size):
                yield lines[start : start + size]
            batch = lines[whole:]
        if rest:
            self.lines += 1
            batch.append(rest)
        if batch:
            yield batch

    def drain(self) -> None:
        """Reads (and hashes) the rest without looking at it: a file found bad goes on to
        its end only to tell a damaged file (checksum) from a badly made one, bounded."""
        read = self._gz.read
        while True:
            block = self._read(read, READ_BLOCK)
            if not block:
                return
            self.sha.update(block)


def read_manifest(path: str | Path) -> dict:
    with Reader(Path(path)) as reader:
        return reader.manifest()


_KIND_PREFIX = re.compile(rb'^\{\s*"kind"\s*:\s*"([a-z_]{1,64})"')
_KIND = re.compile(r"^[a-z_]{1,64}$")


def inspect(
    path: str | Path, sizes: dict[str, int] | None = None
) -> tuple[dict, dict[str, int], FaskelError | None]:
    """The manifest, the records counted per kind in the file, and what is wrong with the
    file (checksum, counts, a line that is no record), if anything. Touches no database.
    Counting stops at the first line that is no record (the rest is only hashed).
    `sizes`, when given, gets the bytes of each kind's lines (uncompressed)."""
    with Reader(Path(path)) as reader:
        manifest = reader.manifest()
        found: dict[str, int] = {}
        first = 2  # the number of a batch's first line (line 1 is the manifest)
        bad_line = 0
        try:
            for batch in reader.batches(CHUNK):
                for offset, line in enumerate(batch):
                    match = _KIND_PREFIX.match(line)
                    kind = match.group(1).decode() if match else _kind_of(line)
                    if kind == "?":
                        bad_line = first + offset
                        break
                    found[kind] = found.get(kind, 0) + 1
                    if sizes is not None:
                        sizes[kind] = sizes.get(kind, 0) + len(line)
                if bad_line:
                    reader.drain()
                    break
                first += len(batch)
        except InputError as exc:
            return manifest, found, exc
    error = integrity_error(reader, manifest, found)
    if bad_line and (error is None or error.key != "err.bundle_checksum"):
        error = InputError(
            "err.bundle_invalid",
            file=reader.name,
            line=bad_line,
            field="-",
            reason=Message.of("bundle.reason.not_record"),
        )
    return manifest, found, error


def _kind_of(line: bytes) -> str:
    """The kind of a line the fast prefix did not match (keys in another order), or '?'."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return "?"
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if isinstance(kind, str) and _KIND.match(kind) else "?"


def integrity_error(reader: Reader, manifest: dict, found: dict[str, int]) -> InputError | None:
    if reader.sha.hexdigest() != manifest["sha256"]:
        return InputError("err.bundle_checksum", file=reader.name)
    declared = {k: v for k, v in manifest["counts"].items() if v}
    actual = {k: v for k, v in found.items() if v}
    if declared != actual:
        return InputError("err.bundle_counts", file=reader.name)
    return None
