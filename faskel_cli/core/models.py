"""Pydantic models at the boundaries: what comes in from a user or a file, what goes out
as JSON. Keys of the output models are a public interface: do not rename them."""

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


class VisitOut(BaseModel):
    id: str
    date: str
    kelurahan_kode: str
    kelurahan: str
    kecamatan: str
    facilitator: str
    kind: str
    strand: str
    lkk: list[str]
    male: int
    female: int
    duration_minutes: int | None
    notes: str | None
    created_at: str
    updated_at: str


class FacilitatorOut(BaseModel):
    id: str
    handle: str
    name: str
    role: str
    phone: str | None
    active: bool
    kelurahan: list[str]
    created_at: str
    updated_at: str


class LkkOut(BaseModel):
    id: str
    kelurahan_kode: str
    kelurahan: str
    type: str
    name: str
    created_at: str
    updated_at: str


class KelurahanOut(BaseModel):
    kode: str
    nama: str
    kecamatan_kode: str
    kecamatan: str
