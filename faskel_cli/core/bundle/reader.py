"""Reading a bundle file: streamed, hashed as it is read, bounded."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import re
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from faskel_cli.core.bundle.validation import manifest_model
from faskel_cli.core.bundle.wire import CHUNK, FORMAT, MAX_LINE, READ_BLOCK, VERSION
from faskel_cli.core.errors import FaskelError, InputError, NotFoundError


class Reader:
    """Streams a bundle: the manifest, then content lines, hashing as it goes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)
        self.sha = hashlib.sha256()
        self.lines = 0
        self.started = False
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
        self._gz = gzip.GzipFile(fileobj=self._raw, mode="rb")
        return self

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

        with self._translated():
            first = self._gz.readline(MAX_LINE)
        if not first.endswith(b"\n"):
            raise InputError("err.bundle_not_bundle", file=self.name)
        try:
            data = json.loads(first)
        except ValueError:
            raise InputError("err.bundle_not_bundle", file=self.name) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise InputError("err.bundle_not_bundle", file=self.name)
        if data.get("version") != VERSION:
            raise InputError(
                "err.bundle_version", file=self.name, version=data.get("version"), known=VERSION
            )
        try:
            manifest = manifest_model().model_validate(data)
        except ValidationError as exc:
            first_error = exc.errors(include_url=False)[0]
            raise InputError(
                "err.bundle_manifest",
                file=self.name,
                field=".".join(map(str, first_error["loc"])),
                reason=first_error["msg"],
            ) from None
        self.started = True
        return manifest.model_dump()

    def batches(self, size: int) -> Iterator[list[bytes]]:
        """The lines after the manifest (without their newline), `size` at a time; read in
        large blocks, each hashed as it is read."""
        gz = self._gz
        rest = b""
        batch: list[bytes] = []
        while True:
            with self._translated():
                block = gz.read(READ_BLOCK)
            if not block:
                break
            self.sha.update(block)
            lines = (rest + block).split(b"\n") if rest else block.split(b"\n")
            rest = lines.pop()
            if len(rest) > MAX_LINE:
                raise InputError("err.bundle_line_long", file=self.name, line=self.lines + 2)
            self.lines += len(lines)
            batch.extend(lines)
            while len(batch) >= size:
                yield batch[:size]
                batch = batch[size:]
        if rest:
            self.lines += 1
            batch.append(rest)
        if batch:
            yield batch


def read_manifest(path: str | Path) -> dict:
    with Reader(Path(path)) as reader:
        return reader.manifest()


_KIND_PREFIX = re.compile(rb'^\{\s*"kind"\s*:\s*"([A-Za-z_]+)"')


def inspect(path: str | Path) -> tuple[dict, dict[str, int], FaskelError | None]:
    """The manifest, the records counted per kind in the file, and what is wrong with the
    file (checksum or counts), if anything. Touches no database."""
    with Reader(Path(path)) as reader:
        manifest = reader.manifest()
        found: dict[str, int] = {}
        try:
            for batch in reader.batches(CHUNK):
                for line in batch:
                    match = _KIND_PREFIX.match(line)
                    kind = match.group(1).decode() if match else _kind_of(line)
                    found[kind] = found.get(kind, 0) + 1
        except InputError as exc:
            return manifest, found, exc
    return manifest, found, integrity_error(reader, manifest, found)


def _kind_of(line: bytes) -> str:
    try:
        data = json.loads(line)
    except ValueError:
        return "?"
    return str(data.get("kind", "?")) if isinstance(data, dict) else "?"


def integrity_error(reader: Reader, manifest: dict, found: dict[str, int]) -> InputError | None:
    if reader.sha.hexdigest() != manifest["sha256"]:
        return InputError("err.bundle_checksum", file=reader.name)
    declared = {k: v for k, v in manifest["counts"].items() if v}
    actual = {k: v for k, v in found.items() if v}
    if declared != actual:
        return InputError("err.bundle_counts", file=reader.name)
    return None
