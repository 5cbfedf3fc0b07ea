"""The rules of every shareable record, declared once.

`FIELDS` says, per (table, column), what a value must be: a whole number within bounds,
text as `vocab.clean_text` leaves it, a real day (not after today unless the column may be),
or a pattern. Both paths that make records read it, so they cannot drift apart:

- the CLI: the parsers and models of visits, activities, follow-ups, LKK and facilitators
  take their limits from here (`text`, `optional_text`, `name`, `day`, `whole`,
  `constraints` for pydantic fields, `check_day`);
- bundles: `core/bundle/validation.py` turns each rule into pydantic constraints of the
  record's column (checked in Rust, line by line, before anything is staged), and
  `core/bundle/rules.py` checks the rules between records (`SAME_KELURAHAN`, `IMMUTABLE`,
  `RECORD_RULES`) with set-based SQL over the staged records and the database.

A column that is only structure (ids, references, timestamps, device ids, kelurahan kodes,
fixed vocabularies) is checked by the bundle's wire format (`core/bundle/wire.py`), not
here. A test fails when a shareable column has neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from faskel_cli.core.dates import EARLIEST, LATEST, MAX_DURATION
from faskel_cli.core.money import MAX_RUPIAH
from faskel_cli.core.photo_image import MAX_CAPTION, MAX_FILE_BYTES, MAX_SIDE, MAX_STORED_BYTES
from faskel_cli.core.vocab import CONTROLS, MAX_NOTES, MAX_PARTICIPANTS

MAX_TITLE = 300
MAX_FUNDING = 200
MAX_NAME = 200
MAX_PHONE = 100  # some numbers with their notes ("0812-... (rumah), 0285-... (kantor)")
MAX_STAGE_SEQ = 1_000_000
INT64 = (-(2**63), 2**63 - 1)  # what SQLite can hold
# An imported work date may be this many days after the importing laptop's today (WIB):
# the clocks of two laptops may disagree by some minutes around midnight, not by days.
FUTURE_SLACK_DAYS = 1

HANDLE_PATTERN = r"^[a-z][a-z0-9._-]{0,31}$"
HEX_SHA256_PATTERN = r"^[0-9a-f]{64}$"
# A camera's capture time as a photo's EXIF has it, local (no zone), read as ISO.
TAKEN_AT_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$"
PHOTO_FORMAT_PATTERN = r"^(jpeg|png|webp|heif)$"

# What str.split() and str.strip() take for white space (str.isspace), spelled out for a
# pattern; a test checks it against Python.
WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_CHAR = f"[^{WHITESPACE}{CONTROLS}]"  # neither white space nor a control
# Stripped, not empty, no control character (tabs and line breaks inside are fine).
MULTI_LINE_PATTERN = f"^{_CHAR}(?:[^{CONTROLS}]*{_CHAR})?$"
# Words separated by single spaces: what " ".join(text.split()) leaves.
ONE_LINE_PATTERN = f"^{_CHAR}+(?: {_CHAR}+)*$"


@dataclass(frozen=True)
class Whole:
    """A whole number from `ge` to `le`."""

    ge: int
    le: int

    def constraints(self) -> dict[str, Any]:
        return {"ge": self.ge, "le": self.le}


@dataclass(frozen=True)
class Text:
    """Text as `vocab.clean_text` leaves it: stripped, never empty (an empty optional text
    is stored as NULL), at most `max_length` characters, no control characters; `one_line`:
    single spaces between words, no line breaks. `required`: the CLI asks for it."""

    max_length: int
    one_line: bool = False
    required: bool = False

    @property
    def pattern(self) -> str:
        return ONE_LINE_PATTERN if self.one_line else MULTI_LINE_PATTERN

    def constraints(self) -> dict[str, Any]:
        return {"max_length": self.max_length, "pattern": self.pattern}


@dataclass(frozen=True)
class Day:
    """A real calendar day from 2000-01-01 on; not after today unless `future` (a due date
    may be ahead, up to the last day faskel takes)."""

    future: bool = False

    def latest(self, today: date, slack_days: int = 0) -> date:
        return LATEST if self.future else min(LATEST, today + timedelta(days=slack_days))

    def check(self, value: date, today: date, slack_days: int = 0) -> tuple[str, dict] | None:
        """None, or (the rule broken, its values): 'date_early' or 'date_future'/'date_late'."""
        if value < EARLIEST:
            return "date_early", {"earliest": EARLIEST.isoformat()}
        latest = self.latest(today, slack_days)
        if value > latest:
            if self.future:
                return "date_late", {"latest": latest.isoformat()}
            return "date_future", {"latest": latest.isoformat()}
        return None


@dataclass(frozen=True)
class Matches:
    """Text matching `pattern`; `name` says what it is (a message key suffix)."""

    pattern: str
    name: str

    def constraints(self) -> dict[str, Any]:
        return {"pattern": self.pattern}


Rule = Whole | Text | Day | Matches

PARTICIPANTS = Whole(0, MAX_PARTICIPANTS)
RUPIAH = Whole(0, MAX_RUPIAH)
NOTES = Text(MAX_NOTES)
WORK_DAY = Day()

FIELDS: dict[tuple[str, str], Rule] = {
    ("facilitators", "handle"): Matches(HANDLE_PATTERN, "handle"),
    ("facilitators", "name"): Text(MAX_NAME, one_line=True, required=True),
    ("facilitators", "phone"): Text(MAX_PHONE, one_line=True),
    ("facilitators", "active"): Whole(0, 1),
    ("lkk", "name"): Text(MAX_NAME, one_line=True, required=True),
    ("activities", "title"): Text(MAX_TITLE, one_line=True, required=True),
    ("activities", "funding"): Text(MAX_FUNDING, one_line=True),
    ("activities", "budget"): RUPIAH,
    ("activities", "spent"): RUPIAH,
    ("activities", "start_date"): WORK_DAY,
    ("activities", "stage_since"): WORK_DAY,
    ("activity_stages", "seq"): Whole(0, MAX_STAGE_SEQ),
    ("activity_stages", "date"): WORK_DAY,
    ("activity_stages", "note"): NOTES,
    ("activity_stages", "spent"): RUPIAH,
    ("visits", "date"): WORK_DAY,
    ("visits", "male"): PARTICIPANTS,
    ("visits", "female"): PARTICIPANTS,
    ("visits", "duration_minutes"): Whole(1, MAX_DURATION),
    ("visits", "notes"): NOTES,
    ("followups", "problem"): Text(MAX_NOTES, required=True),
    ("followups", "action"): Text(MAX_NOTES, required=True),
    ("followups", "problem_date"): WORK_DAY,
    ("followups", "due"): Day(future=True),
    ("followups", "done_date"): WORK_DAY,
    ("followups", "resolution"): NOTES,
    ("photos", "sha256"): Matches(HEX_SHA256_PATTERN, "sha256"),
    ("photos", "source_sha256"): Matches(HEX_SHA256_PATTERN, "sha256"),
    ("photos", "source_format"): Matches(PHOTO_FORMAT_PATTERN, "photo_format"),
    ("photos", "source_bytes"): Whole(1, MAX_FILE_BYTES),
    ("photos", "width"): Whole(1, MAX_SIDE),
    ("photos", "height"): Whole(1, MAX_SIDE),
    ("photos", "bytes"): Whole(1, MAX_STORED_BYTES),
    ("photos", "taken_at"): Matches(TAKEN_AT_PATTERN, "taken_at"),
    ("photos", "lat_e6"): Whole(-90_000_000, 90_000_000),
    ("photos", "lon_e6"): Whole(-180_000_000, 180_000_000),
    ("photo_links", "caption"): Text(MAX_CAPTION, one_line=True),
}

# --- rules between records (checked on import by core/bundle/rules.py) -------------------

# (table, reference): the record referred to (an LKK of the link list, an activity) is in
# the same kelurahan as the record referring to it. The CLI resolves LKK names within the
# record's kelurahan and refuses another kelurahan's activity (regions.require_same_kelurahan).
# A follow-up's visit is not among them: a visit may move to another kelurahan (visit edit)
# while another laptop adds a follow-up to it, and a rule that both laptops' work breaks
# would refuse their bundles for good.
SAME_KELURAHAN = (
    ("visits", "lkk_ids"),
    ("visits", "activity_id"),
    ("activities", "lkk_ids"),
    ("followups", "activity_id"),
)
# (table, column) that no later version of a record changes: nothing in faskel changes them
# (an LKK or an activity stays in its kelurahan, visits point at it), so a bundle that does
# is refused, whichever order laptops import in.
IMMUTABLE = (
    ("lkk", "kelurahan_kode"),
    ("activities", "kelurahan_kode"),
    ("activities", "start_date"),
    ("activity_stages", "activity_id"),
    ("followups", "kelurahan_kode"),
)
# Rules within one record or between an activity and its stages, by the name a refusal
# gives (bundle.problem.<name>), as the CLI enforces them when it makes the record.
RECORD_RULES = {
    "stage_date": "activities.stage_since and every activity_stages.date >= the activity's "
    "start_date (activities.advance: a stage never begins before the one before it)",
    "spent_stage": "activity_stages.spent only on a move to pertanggungjawaban "
    "(activities.advance: err.spent_stage)",
    "due_before_problem": "followups.due >= problem_date (followups._due)",
    "done_before_problem": "followups.done_date >= problem_date (followups.done)",
    "done_state": "a follow-up is done with a done_date and a resolution, open with neither "
    "(followups.done, followups.reopen)",
}


# --- reading the table --------------------------------------------------------------------


def rule(table: str, column: str) -> Rule | None:
    return FIELDS.get((table, column))


def constraints(table: str, column: str) -> dict[str, Any]:
    """The pydantic Field() keywords of a Whole, Text or Matches rule."""
    found = FIELDS[table, column]
    if isinstance(found, Day):
        raise TypeError(f"{table}.{column} is a day: use check_day")
    return found.constraints()


def whole(table: str, column: str) -> Whole:
    found = FIELDS[table, column]
    assert isinstance(found, Whole), (table, column)
    return found


def _text_rule(table: str, column: str) -> Text:
    found = FIELDS[table, column]
    assert isinstance(found, Text), (table, column)
    return found


def text(table: str, column: str, value: object, option: str) -> str:
    """Text a person typed for a column that must have it, cleaned by its rule."""
    from faskel_cli.core.vocab import clean_text

    found = _text_rule(table, column)
    return clean_text(value, option, found.max_length, one_line=found.one_line)


def optional_text(table: str, column: str, value: object, option: str) -> str | None:
    """Text a person typed for a column that may stay empty (None), cleaned by its rule."""
    from faskel_cli.core.vocab import clean_text

    found = _text_rule(table, column)
    return clean_text(value, option, found.max_length, required=False, one_line=found.one_line)


def name(table: str, column: str, value: object) -> str:
    """A name (of a facilitator, of an LKK): text by its rule, refused as err.name_required
    when empty or too long."""
    from faskel_cli.core.errors import InputError

    try:
        return text(table, column, value, "--name")
    except InputError as exc:
        if exc.key in ("err.text_required", "err.text_too_long"):
            raise InputError("err.name_required") from None
        raise


def day(table: str, column: str, value: str, option: str) -> date:
    """A day a person typed for a column, by its rule (dates.parse_date)."""
    from faskel_cli.core import clock
    from faskel_cli.core.dates import parse_date
    from faskel_cli.core.errors import InputError

    found = FIELDS[table, column]
    assert isinstance(found, Day), (table, column)
    parsed = parse_date(value, field=option, allow_future=found.future)
    if parsed > found.latest(clock.today()):  # parse_date has said early and future
        raise InputError(
            "err.day_too_late", field=option, value=parsed.isoformat(), latest=LATEST.isoformat()
        )
    return parsed


def check_day(table: str, column: str, value: date, today: date) -> tuple[str, dict] | None:
    """What a stored record's day breaks, if anything: a day typed is not after today
    (`day`); one stored may be FUTURE_SLACK_DAYS ahead, as an imported one may."""
    found = FIELDS[table, column]
    assert isinstance(found, Day), (table, column)
    return found.check(value, today, FUTURE_SLACK_DAYS)
