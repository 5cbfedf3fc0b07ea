"""Compile faskel_cli/locale/*/LC_MESSAGES/messages.po into messages.mo (GNU gettext's
binary format), without needing gettext's msgfmt. tests/cli/test_words.py checks that the
committed .mo files are what this makes of their .po files."""

from __future__ import annotations

import ast
import struct
import sys
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "faskel_cli" / "locale"


def parse_po(text: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    key: str | None = None
    current: list[str] = []
    field = ""

    def flush() -> None:
        nonlocal key
        if field == "msgstr" and key is not None:
            entries[key] = "".join(current)
            key = None

    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("msgid "):
            flush()
            field, current = "msgid", [ast.literal_eval(line[6:])]
        elif line.startswith("msgstr "):
            key = "".join(current)
            field, current = "msgstr", [ast.literal_eval(line[7:])]
        else:
            current.append(ast.literal_eval(line))
    flush()
    return entries


def mo_bytes(entries: dict[str, str]) -> bytes:
    keys = sorted(entries)
    ids = [k.encode() for k in keys]
    strs = [entries[k].encode() for k in keys]
    header = 7 * 4
    table = len(keys) * 8
    id_start = header + 2 * table
    str_start = id_start + sum(len(i) + 1 for i in ids)
    offsets_ids, offsets_strs = [], []
    pos = id_start
    for item in ids:
        offsets_ids += [len(item), pos]
        pos += len(item) + 1
    pos = str_start
    for item in strs:
        offsets_strs += [len(item), pos]
        pos += len(item) + 1
    out = struct.pack("<7I", 0x950412DE, 0, len(keys), header, header + table, 0, 0)
    out += struct.pack(f"<{len(offsets_ids)}I", *offsets_ids)
    out += struct.pack(f"<{len(offsets_strs)}I", *offsets_strs)
    out += b"".join(i + b"\0" for i in ids) + b"".join(s + b"\0" for s in strs)
    return out


def main() -> int:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po.with_suffix(".mo").write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
        print(po.with_suffix(".mo"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
