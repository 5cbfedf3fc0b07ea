"""The pydantic models a bundle line and a manifest are validated with.

A record's columns are checked in two layers, both in pydantic's Rust core but for dates:
the wire format (wire.py: ids, references, stamps, device ids, kelurahan kodes, fixed
vocabularies) and the rules of core/rules.py (bounds of numbers, clean text, real days not
after today): the CLI reads the same table, so what one path refuses the other refuses too.
A column with neither (one a later migration adds) still gets bounds SQLite can hold."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from faskel_cli.core import rules
from faskel_cli.core.bundle.kinds import Column, Kind
from faskel_cli.core.bundle.wire import (
    AREA_PATTERN,
    BLOB_PATTERN,
    COUNT_KEY_PATTERN,
    DATE_PATTERN,
    DATES,
    ID_PATTERN,
    KODE_PATTERN,
    MAX_AREA_NAME,
    MAX_BLOB_CHARS,
    MAX_COUNTS,
    REF_COLUMN,
    REF_PATTERN,
    SHA256_PATTERN,
    SINCE_PATTERN,
    STAMP_PATTERN,
    STAMPS,
)

if TYPE_CHECKING:  # pydantic is imported when a bundle is read, not at start-up
    from pydantic import BaseModel, TypeAdapter

    from faskel_cli.core.errors import Message


def _choices(kind: str, column: str) -> tuple[str, ...] | None:
    from faskel_cli.core import vocab

    return {
        ("facilitators", "role"): vocab.ROLES,
        ("lkk", "type"): vocab.LKK_TYPES,
        ("activities", "type"): vocab.ACTIVITY_TYPES,
        ("activities", "stage"): vocab.STAGES,
        ("activity_stages", "stage"): vocab.STAGES,
        ("visits", "kind"): vocab.VISIT_KINDS,
        ("visits", "strand"): vocab.STRANDS,
        ("followups", "status"): vocab.FOLLOWUP_STATUSES,
        ("photo_links", "moment"): vocab.PHOTO_MOMENTS,
    }.get((kind, column))


def structure(kind: Kind, column: Column) -> str | None:
    """What the wire format checks a column as ('id', 'stamp', 'ref', 'kode', 'choice',
    'blob'), or None when the column is data, checked by its rule (core/rules.py)."""
    if column.blob:
        return "blob"
    if column.name in ("id", "device_id") or column.name in {c for c, _ in kind.refs}:
        return "id"
    if column.name in STAMPS:
        return "stamp"
    if column.name == REF_COLUMN:
        return "ref"
    if column.name in kind.kelurahan:
        return "kode"
    if _choices(kind.name, column.name):
        return "choice"
    return None


def _day_checker(rule: rules.Day, today: date) -> Callable[[str], str]:
    """A real calendar day within the rule's bounds: not after the importing laptop's today
    (WIB) but for rules.FUTURE_SLACK_DAYS, unless the rule lets it be ahead."""
    from pydantic_core import PydanticCustomError

    earliest = rules.EARLIEST.isoformat()
    latest = rule.latest(today, rules.FUTURE_SLACK_DAYS).isoformat()
    broken = "date_late" if rule.future else "date_future"

    def check(value: str) -> str:  # the pattern has already said YYYY-MM-DD
        try:
            date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError("date_invalid", "not a calendar date") from None
        if value < earliest:  # ISO dates of four-digit years: text order is time order
            raise PydanticCustomError("date_early", "before {earliest}", {"earliest": earliest})
        if value > latest:
            raise PydanticCustomError(broken, "after {latest}", {"latest": latest})
        return value

    return check


def _column_type(kind: Kind, column: Column, today: date) -> Any:
    from typing import Annotated, Literal

    from pydantic import AfterValidator, Field, StrictFloat, StrictInt, StrictStr

    what = structure(kind, column)
    if what == "id":
        return Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    if what == "stamp":
        return Annotated[StrictStr, Field(pattern=STAMP_PATTERN)]
    if what == "kode":
        return Annotated[StrictStr, Field(pattern=KODE_PATTERN)]
    if what == "ref":
        return Annotated[StrictStr, Field(pattern=REF_PATTERN)]
    if what == "choice":
        return Literal[_choices(kind.name, column.name)]
    if what == "blob":  # base64; staging decodes it
        return Annotated[StrictStr, Field(pattern=BLOB_PATTERN, max_length=MAX_BLOB_CHARS)]
    rule = rules.rule(kind.name, column.name)
    if rule is None and (column.name in DATES or column.name.endswith("_date")):
        rule = rules.Day(future=True)  # a date column no rule names yet: a real day
    if isinstance(rule, rules.Day):
        day = AfterValidator(_day_checker(rule, today))
        return Annotated[StrictStr, Field(pattern=DATE_PATTERN), day]
    if isinstance(rule, rules.Whole):
        return Annotated[StrictInt, Field(**rule.constraints())]
    if isinstance(rule, rules.Text | rules.Matches):
        return Annotated[StrictStr, Field(**rule.constraints())]
    low, high = rules.INT64
    if "INT" in column.type:
        return Annotated[StrictInt, Field(ge=low, le=high)]
    if any(word in column.type for word in ("REAL", "FLOA", "DOUB")):
        return Annotated[StrictInt, Field(ge=low, le=high)] | StrictFloat
    return Annotated[StrictStr, Field(max_length=rules.MAX_NOTES)]


def line_adapter(kinds: dict[str, Kind], today: date) -> TypeAdapter[list[Any]]:
    """One pydantic TypeAdapter for a JSON array of bundle lines of any kind; work days are
    checked against `today` (the import's).

    Building it costs about 70 ms, so one is made per schema and day and kept: an import
    of 35 bundles (or a sync of a folder of them) builds it once."""
    return _line_adapter(tuple(kinds.values()), today)


@functools.lru_cache(maxsize=8)
def _line_adapter(kinds: tuple[Kind, ...], today: date) -> TypeAdapter[list[Any]]:
    from typing import Annotated, Literal, NotRequired, Union

    from pydantic import AfterValidator, ConfigDict, Field, StrictStr, TypeAdapter
    from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

    # The models are made at run time from the schema: to mypy they are plain values.
    make_typed_dict: Any = TypedDict
    make_union: Any = Union
    forbid = ConfigDict(extra="forbid")
    lines: list[Any] = []
    for kind in kinds:
        fields: dict = {}
        for column in kind.columns:
            typ = _column_type(kind, column, today)
            if not column.notnull:
                typ = typ | None
            required = column.notnull and not column.has_default
            fields[column.name] = typ if required else NotRequired[typ]
        if kind.link:
            # Kept as one text "id1,id2" (ids and kodes hold no comma): no row per link
            # is staged, and SQL expands the lists only of the records that get written.
            pattern = ID_PATTERN if kind.link.refers_to else KODE_PATTERN
            item = Annotated[StrictStr, Field(pattern=pattern)]
            fields[kind.link.key] = NotRequired[Annotated[list[item], AfterValidator(",".join)]]
        record = make_typed_dict(f"{kind.name}_record", fields)
        record.__pydantic_config__ = forbid
        line = make_typed_dict(f"{kind.name}_line", {"kind": Literal[kind.name], "record": record})
        line.__pydantic_config__ = forbid
        lines.append(line)
    one: Any = lines[0] if len(lines) == 1 else make_union[tuple(lines)]
    if len(lines) > 1:
        one = Annotated[one, Field(discriminator="kind")]
    return TypeAdapter(list[one])


@functools.cache
def manifest_model() -> type[BaseModel]:
    """The manifest, strictly: each field of the kind export writes, bounded. Fields this
    faskel does not know are kept (a later faskel may add some), within the manifest's
    bounded line."""
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

    low, high = rules.INT64
    count_key = Annotated[StrictStr, Field(pattern=COUNT_KEY_PATTERN)]
    count = Annotated[StrictInt, Field(ge=0, le=high)]

    class Manifest(BaseModel):
        model_config = ConfigDict(extra="allow")

        format: Literal["faskel-bundle"]
        version: Annotated[StrictInt, Field(ge=low, le=high)]
        device_id: Annotated[StrictStr, Field(pattern=ID_PATTERN)]
        area: Annotated[StrictStr, Field(pattern=AREA_PATTERN)]
        area_name: (
            Annotated[StrictStr, Field(max_length=MAX_AREA_NAME, pattern=rules.ONE_LINE_PATTERN)]
            | None
        ) = None
        created_at: Annotated[StrictStr, Field(pattern=STAMP_PATTERN)]
        scope: Literal["all", "since", "week", "month", "changes"] | None = None
        since: Annotated[StrictStr, Field(pattern=SINCE_PATTERN)] | None = None
        counts: Annotated[dict[count_key, count], Field(max_length=MAX_COUNTS)]
        sha256: Annotated[StrictStr, Field(pattern=SHA256_PATTERN)]

    return Manifest


# --- what a refusal says --------------------------------------------------------------------

# The rule a pattern stands for (bundle.rule.<name>), found by the pattern pydantic reports.
_PATTERNS = {
    ID_PATTERN: "id",
    STAMP_PATTERN: "stamp",
    DATE_PATTERN: "date",
    KODE_PATTERN: "kode",
    REF_PATTERN: "ref",
    AREA_PATTERN: "area",
    SINCE_PATTERN: "since",
    COUNT_KEY_PATTERN: "count_key",
    rules.MULTI_LINE_PATTERN: "text",
    rules.ONE_LINE_PATTERN: "one_line",
    rules.HANDLE_PATTERN: "handle",
    SHA256_PATTERN: "sha256",
    BLOB_PATTERN: "base64",
}
# pydantic error types said in the reader's language, with the values of their context
_TYPES = {
    "less_than_equal": ("le",),
    "greater_than_equal": ("ge",),
    "string_too_long": ("max_length",),
    "too_long": ("max_length",),
    "literal_error": ("expected",),
    "int_type": (),
    "string_type": (),
    "missing": (),
    "date_invalid": (),
    "date_early": ("earliest",),
    "date_future": ("latest",),
    "date_late": ("latest",),
}


def reason(error: Any) -> Message | str:
    """Why pydantic refused a value (one of its ErrorDetails), as the rule broken."""
    from faskel_cli.core.errors import Message

    kind, ctx = error["type"], error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERNS:
        return Message.of(f"bundle.rule.{_PATTERNS[ctx['pattern']]}")
    if kind in _TYPES:
        return Message.of(f"bundle.rule.{kind}", **{k: str(ctx.get(k)) for k in _TYPES[kind]})
    message = str(error.get("msg", kind))
    return message if len(message) <= 100 else message[:100] + "..."
