"""The message catalogue (every module of faskel_cli/messages with a MESSAGES dict) against
the code: every key the code uses exists in both languages, and every key is used.

Keys are found in the source of faskel_cli/ (the catalogue modules left out):
- string literals that are whole keys (`t("err.db_open")`, `InputError("err.id_short")`,
  `("date", "col.date")` in a column list ...);
- keys built at run time, from f-strings (`t(f"msg.{entity}_{done}")`) and from a literal
  prefix (`t("rep.col." + key)`). Each such pattern must be listed in DYNAMIC below with the
  names it is built from; a pattern the code builds and DYNAMIC does not list fails the
  test, and so does a listed pattern the code no longer builds.
"""

from __future__ import annotations

import ast
import functools
import importlib
import itertools
import pkgutil
import re
import string
from pathlib import Path

import pytest

import faskel_cli.messages as messages
from faskel_cli.cli.cmd_db import HISTORY_FIELDS
from faskel_cli.core import activities, audit, bundle, followups, visits
from faskel_cli.core import sheet_format as fmt
from faskel_cli.core.vocab import STAGES, STRANDS, VISIT_KINDS
from faskel_cli.messages import set_lang, t
from faskel_cli.reports.common import SUMMARY_FIELDS

SOURCE = Path(__file__).resolve().parents[1] / "faskel_cli"
# The first part of every key; a key with another prefix would not be found in the code.
PREFIXES = (
    "bundle", "busy", "cfg", "col", "err", "field", "help", "hint", "hist", "label", "lv", "msg",
    "prompt", "rep", "sheet", "state", "status", "sum", "sync", "title", "trend", "usage", "wait",
    "warn",
)  # fmt: skip
# A key ends in a letter or digit: `err.activity_` (sheet_import's prefixes of keys it reads
# from errors) is no key.
KEY = re.compile(rf"(?:{'|'.join(PREFIXES)})(?:\.[a-z0-9_]*[a-z0-9])+")
PREFIX = re.compile(rf"(?:{'|'.join(PREFIXES)})\.")

# The records `delete ID` / `restore ID` work on (cli/common.add_delete_restore) and the
# tombstones of core/records.set_deleted.
ENTITIES = ("visit", "activity", "followup")
# A label per field that `visit show`, `activity show` and `followup show` print.
SHOWN_FIELDS = (
    (set(visits.KEYS) | set(activities.KEYS) | set(followups.KEYS) | {"problem_date"})
    - {"stages"}  # a timeline of its own, not a field
)


def _report_columns() -> set[str]:
    """The columns of the reports: the summary's fields and the stages, the (key, kind)
    pairs of the column lists in faskel_cli/reports/, and the keys given to heading()."""
    names = {key.split(".")[-1] for key, _ in SUMMARY_FIELDS} | set(STAGES)
    for path in (SOURCE / "reports").glob("*.py"):
        if path.name == "template.py":  # the spreadsheet to fill: its own sheet.* keys
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "heading":
                names.update(a.value for a in node.args if isinstance(a, ast.Constant))
            elif isinstance(node, ast.List):
                for item in node.elts:
                    if isinstance(item, ast.Tuple) and len(item.elts) == 2:
                        first = item.elts[0]
                        if isinstance(first, ast.Constant) and isinstance(first.value, str):
                            if "." not in first.value:  # ("rep.group.x", [...]) is a key
                                names.add(first.value)
    return names


# What a bundle refusal names: the `what` of a Problem (core/bundle/merge, rules, identity)
# and the rule a pydantic error stands for (core/bundle/validation._PATTERNS and error types).
BUNDLE_PROBLEMS = (
    "missing", "kelurahan", "unique", "future", "moved", "other_kelurahan", "spent_stage",
    "stage_date", "due_before_problem", "done_before_problem", "done_state",
)  # fmt: skip
BUNDLE_RULES = (
    "area", "count_key", "date", "date_early", "date_future", "date_invalid", "date_late",
    "greater_than_equal", "handle", "id", "int_type", "kode", "less_than_equal",
    "literal_error", "missing", "one_line", "ref", "since", "stamp", "string_too_long",
    "string_type", "text", "too_long", "sha256", "base64",
)  # fmt: skip


# The columns of the visits template (core/sheet_format), each with a hint.
SHEET_FIELDS = tuple(item.name for kind in ("visits", "problems") for item in fmt.fields(kind))

# Keys built at run time: the pattern as the code writes it ({} for what is filled in) and,
# for each {}, the names it can take.
DYNAMIC = {
    "msg.{}_{}": [ENTITIES, ("deleted", "restored")],  # cli/common.add_delete_restore
    "help.{}.delete": [ENTITIES],
    "help.{}.restore": [ENTITIES],
    "err.{}_deleted": [ENTITIES],  # core/records.set_deleted
    "err.{}_not_deleted": [ENTITIES],
    "err.{}_unknown": [("kelurahan", "kecamatan", "kabupaten")],  # core/regions.resolve
    "err.{}_ambiguous": [("kelurahan", "kecamatan", "kabupaten")],
    "err.{}_other_kelurahan": [("visit", "activity")],  # core/regions.require_same_kelurahan
    "status.{}": [followups.STATUSES],  # cli/cmd_followup list: the title
    "field.{}": [SHOWN_FIELDS],  # the show commands
    "bundle.kind.{}": [bundle.TABLES],
    "hist.action.{}": [audit.ACTIONS],  # cli/cmd_db.history
    "hist.entity.{}": [audit.ENTITIES],
    "hist.field.{}": [HISTORY_FIELDS],
    "bundle.scope.{}": [("all", "changes", "since", "week", "month")],  # manifest scopes
    "bundle.status.{}": [
        ("imported", "seen", "refused", "written", "up_to_date", "own", "removed")
    ],  # sync
    "busy.{}": [("bundle_import", "sync", "seed")],  # core/store.busy_note: what holds the lock
    "rep.sub.{}": [("opened", "done", "open", "overdue")],  # reports/html: follow-up columns
    "bundle.field.{}": [
        ("format", "version", "device_id", "area", "created_at", "scope", "sender", "sha256")
    ],  # bundle inspect
    "bundle.problem.{}": [BUNDLE_PROBLEMS],  # bundle Problem.what
    "bundle.rule.{}": [BUNDLE_RULES],  # bundle validation: the rule a field broke
    "sheet.guide.{}": [("columns", "field", "meaning")],  # reports/template: the guide table
    "sheet.hint.{}": [SHEET_FIELDS],  # reports/template: a note per column
    "sheet.list.{}": [("kelurahan", "jenis", "bidang", "lkk", "fasilitator")],  # dropdowns
    "sum.col.{}": [STAGES],  # render_summary: a column per stage
    "lv.col.{}": [("provinsi", "kabupaten", "kecamatan")],  # render_levels: rows and groups
    "lv.count.{}": [("provinsi", "kabupaten", "kecamatan", "kelurahan")],  # cmd_db init
    "rep.col.{}": [_report_columns()],  # reports/common.heading and stage_label
    "rep.status.{}": [("open", "done")],  # reports/xlsx: a follow-up's status
    # cli/cmd_photo: the photo commands of visits and activities, what `photo add` did
    "help.{}.photo.add": [("visit", "activity")],
    "help.{}.photo.list": [("visit", "activity")],
    "help.{}.photo.remove": [("visit", "activity")],
    "help.{}.photo.export": [("visit", "activity")],
    "msg.photo_{}": [("added", "linked", "unchanged", "updated", "restored")],
    "label.moment.{}": [("sebelum", "proses", "sesudah")],
    # reports/lapbul: the monthly report's words
    "rep.lapbul.weekday.{}": [[str(n) for n in range(1, 8)]],
    "rep.lapbul.kind.{}": [VISIT_KINDS],
    "rep.lapbul.strand.{}": [STRANDS],
    "rep.lapbul.stage.{}": [STAGES],
    "rep.lapbul.role.{}": [("faskel", "koordinator")],
    "rep.lapbul.col.{}": [
        (
            "no",
            "date",
            "kelurahan",
            "lkk",
            "kind",
            "strand",
            "participants",
            "notes",
            "day",
            "visits",
            "hours",
            "work",
            "activity",
            "funding",
            "budget",
            "spent",
            "stage_start",
            "stage_end",
            "problem",
            "action",
            "owner",
            "due",
            "state",
        )
    ],  # fmt: skip
}


def _catalogue_modules() -> dict[str, dict]:
    """{module name: MESSAGES} of every catalogue module of the package, found by listing it."""
    found = {}
    for info in pkgutil.iter_modules(messages.__path__):
        module = importlib.import_module(f"{messages.__name__}.{info.name}")
        if hasattr(module, "MESSAGES"):
            found[info.name] = module.MESSAGES
    return found


MODULES = _catalogue_modules()
CATALOGUE = {key: entry for table in MODULES.values() for key, entry in table.items()}


def _scan() -> tuple[set[str], set[str]]:
    """(whole keys written as literals, patterns of keys built at run time) in the code."""
    catalogue_files = {SOURCE / "messages" / f"{name}.py" for name in MODULES}
    literals: set[str] = set()
    patterns: set[str] = set()
    for path in sorted(SOURCE.rglob("*.py")):
        if path in catalogue_files:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside_fstrings = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                parts = []
                for value in node.values:
                    inside_fstrings.add(id(value))
                    is_text = isinstance(value, ast.Constant)
                    parts.append(value.value if is_text else "{}")
                text = "".join(parts)
                if PREFIX.match(text):
                    patterns.add(text)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Constant) or not isinstance(node.value, str):
                continue
            if id(node) in inside_fstrings:
                continue
            if KEY.fullmatch(node.value):
                literals.add(node.value)
            elif PREFIX.match(node.value) and re.fullmatch(r"[a-z0-9_.]+\.", node.value):
                patterns.add(node.value + "{}")  # a prefix the code completes: "rep.col." + key
    return literals, patterns


@functools.cache
def _scanned() -> tuple[set[str], set[str]]:
    """The scan of the code, made once and only by the worker that runs these tests (it
    parses every module: done at import, it cost every collection two seconds)."""
    return _scan()


def _expanded() -> set[str]:
    keys = set()
    for pattern, names in DYNAMIC.items():
        for values in itertools.product(*(sorted(n) for n in names)):
            keys.add(pattern.format(*values))
    return keys


def _used() -> set[str]:
    return _scanned()[0] | _expanded()


def test_the_catalogue_is_found_and_each_key_is_defined_once():
    assert len(MODULES) >= 2 and len(CATALOGUE) > 100
    seen: dict[str, str] = {}
    twice = []
    for name, table in MODULES.items():
        for key in table:
            if key in seen:
                twice.append(f"{key} ({seen[key]}, {name})")
            seen[key] = name
    assert twice == [], twice


def test_every_key_has_both_languages_with_the_same_placeholders():
    formatter = string.Formatter()
    wrong = []
    for key, entry in CATALOGUE.items():
        if not KEY.fullmatch(key):
            wrong.append(f"{key}: not a key the code scan can see")
            continue
        if not (isinstance(entry, tuple) and len(entry) == 2):
            wrong.append(f"{key}: not (indonesian, english)")
            continue
        indonesian, english = entry
        if not (isinstance(indonesian, str) and indonesian.strip()):
            wrong.append(f"{key}: no Indonesian")
        if not (isinstance(english, str) and english.strip()):
            wrong.append(f"{key}: no English")
        if isinstance(indonesian, str) and isinstance(english, str):
            names = [{f for _, f, _, _ in formatter.parse(text) if f} for text in entry]
            if names[0] != names[1]:
                wrong.append(f"{key}: placeholders {sorted(names[0])} vs {sorted(names[1])}")
    assert wrong == [], wrong


def test_the_catalogue_is_what_t_reads():
    """Every module found here is one the running code looks keys up in."""
    try:
        for lang, index in (("id", 0), ("en", 1)):
            set_lang(lang)
            unread = [key for key, entry in CATALOGUE.items() if t(key) != entry[index]]
            assert unread == [], unread
    finally:
        set_lang("id")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_each_english_text_for_one_replaces_a_text_that_counts():
    for key, (count, one) in messages.english_one().items():
        assert key in CATALOGUE, key
        english = CATALOGUE[key][1]
        assert "{" + count + "}" in english, key
        assert _fields(one) == _fields(english) - {count}, key
    set_lang("en")
    try:
        assert t("msg.bundle_restamped", n=1, kinds="x") == "Stamped anew: 1 record (x)."
        assert t("msg.bundle_restamped", n=2, kinds="x") == "Stamped anew: 2 records (x)."
        assert t("rep.overdue_line", due="d", days=1) == "due d, 1 day overdue"
    finally:
        set_lang("id")
    assert t("rep.overdue_line", due="d", days=1) == "tenggat d, terlambat 1 hari"


def test_every_pattern_the_code_builds_is_listed_and_every_listed_one_is_built():
    patterns = _scanned()[1]
    assert patterns - set(DYNAMIC) == set(), "document these patterns in DYNAMIC"
    assert set(DYNAMIC) - patterns == set(), "the code builds these patterns no more"


def test_every_key_the_code_uses_is_in_the_catalogue():
    missing = sorted(_used() - set(CATALOGUE))
    assert missing == [], missing


def test_every_key_of_the_catalogue_is_used():
    unused = sorted(set(CATALOGUE) - _used())
    assert unused == [], unused


@pytest.mark.parametrize(
    ("source", "literal", "pattern"),
    [
        ('t("err.db_open")', "err.db_open", None),
        ('raise InputError("err.id_short", n=6)', "err.id_short", None),
        ('t(f"msg.{entity}_{done}")', None, "msg.{}_{}"),
        ('t("rep.col." + key)', None, "rep.col.{}"),
        ('print("column.width", "Rp.", f"{x}.y")', None, None),  # not keys
    ],
)
def test_the_scan_finds_keys_and_patterns(tmp_path, monkeypatch, source, literal, pattern):
    """The scan itself, on a one-line module (so that the tests above can fail)."""
    (tmp_path / "messages").mkdir()
    (tmp_path / "module.py").write_text(source + "\n", encoding="utf-8")
    monkeypatch.setattr(f"{__name__}.SOURCE", tmp_path)
    literals, patterns = _scan()
    assert literals == ({literal} if literal else set())
    assert patterns == ({pattern} if pattern else set())
