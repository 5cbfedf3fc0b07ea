"""Pydantic models at the boundaries: what comes in from a user (a visit), and the
kelurahan list as JSON. Other JSON shapes are the KEYS lists of their core modules,
pinned by tests: do not rename them."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from faskel_cli.core.vocab import MAX_NOTES, MAX_PARTICIPANTS


class VisitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    date: date
    kelurahan_kode: str
    facilitator_id: str
    kind: str
    strand: str
    lkk_ids: list[str] = Field(default_factory=list)
    male: int = Field(default=0, ge=0, le=MAX_PARTICIPANTS)
    female: int = Field(default=0, ge=0, le=MAX_PARTICIPANTS)
    duration_minutes: int | None = Field(default=None, gt=0, le=24 * 60)
    notes: str | None = Field(default=None, max_length=MAX_NOTES)
    activity_id: str | None = None


class KelurahanOut(BaseModel):
    kode: str
    nama: str
    kecamatan_kode: str
    kecamatan: str
