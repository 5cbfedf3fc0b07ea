"""Pydantic models at the boundaries: what comes in from a user (a visit), and the
kelurahan list as JSON. Other JSON shapes are the KEYS lists of their core modules,
pinned by tests: do not rename them. A visit's limits are core/rules.py's, as a bundle's."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from faskel_cli.core import clock, rules

_Day = date  # inside the model, `date` is the field
_MALE = rules.whole("visits", "male")
_FEMALE = rules.whole("visits", "female")
_DURATION = rules.whole("visits", "duration_minutes")
_NOTES = rules.constraints("visits", "notes")


class VisitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: date
    kelurahan_kode: str
    facilitator_id: str
    kind: str
    strand: str
    lkk_ids: list[str] = Field(default_factory=list)
    male: int = Field(default=0, ge=_MALE.ge, le=_MALE.le)
    female: int = Field(default=0, ge=_FEMALE.ge, le=_FEMALE.le)
    duration_minutes: int | None = Field(default=None, ge=_DURATION.ge, le=_DURATION.le)
    notes: str | None = Field(
        default=None, max_length=_NOTES["max_length"], pattern=_NOTES["pattern"]
    )
    activity_id: str | None = None

    @field_validator("date")
    @classmethod
    def _a_work_day(cls, value: _Day) -> _Day:
        broken = rules.check_day("visits", "date", value, clock.today())
        if broken:
            raise ValueError(f"{broken[0]} {broken[1]}")
        return value


class KelurahanOut(BaseModel):
    kode: str
    nama: str
    kecamatan_kode: str
    kecamatan: str
