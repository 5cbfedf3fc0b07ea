"""The pydantic models a bundle line and a manifest are validated with."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faskel_cli.core.bundle.kinds import Column, Kind
from faskel_cli.core.bundle.wire import (
    DATE_PATTERN,
    DATES,
    ID_PATTERN,
    KODE_PATTERN,
    STAMP_PATTERN,
    STAMPS,
)

if TYPE_CHECKING:  # pydantic is imported when a bundle is read, not at start-up
    from pydantic import BaseModel, TypeAdapter


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
    }.get((kind, column))


def _column_type(kind: Kind, column: Column) -> Any:
    from typing import Annotated, Literal

    from pydantic import Field, StrictFloat, StrictInt, StrictStr

    ref_columns = {c for c, _ in kind.refs}
    if column.name == "id" or column.name in ref_columns:
        return Annotated[StrictStr, Field(pattern=ID_PATTERN)]
    if column.name in STAMPS:
        return Annotated[StrictStr, Field(pattern=STAMP_PATTERN)]
    if column.name in DATES or column.name.endswith("_date"):
        return Annotated[StrictStr, Field(pattern=DATE_PATTERN)]
    choices = _choices(kind.name, column.name)
    if choices:
        return Literal[choices]
    if "INT" in column.type:
        return StrictInt
    if any(word in column.type for word in ("REAL", "FLOA", "DOUB")):
        return StrictInt | StrictFloat
    return StrictStr


def line_adapter(kinds: dict[str, Kind]) -> TypeAdapter[list[Any]]:
    """One pydantic TypeAdapter for a JSON array of bundle lines of any kind."""
    from typing import Annotated, Literal, NotRequired, Union

    from pydantic import AfterValidator, ConfigDict, Field, StrictStr, TypeAdapter
    from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12

    # The models are made at run time from the schema: to mypy they are plain values.
    make_typed_dict: Any = TypedDict
    make_union: Any = Union
    forbid = ConfigDict(extra="forbid")
    lines: list[Any] = []
    for kind in kinds.values():
        fields: dict = {}
        for column in kind.columns:
            typ = _column_type(kind, column)
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


def manifest_model() -> type[BaseModel]:
    from typing import Annotated, Literal

    from pydantic import BaseModel, ConfigDict, Field

    class Manifest(BaseModel):
        model_config = ConfigDict(extra="allow")

        format: Literal["faskel-bundle"]
        version: int
        device_id: str
        area: str
        area_name: str | None = None
        created_at: str
        scope: str | None = None
        since: str | None = None
        counts: dict[str, Annotated[int, Field(ge=0)]]
        sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]

    return Manifest
