"""The kelurahan list as JSON, as a pydantic model. Other JSON shapes are the KEYS lists of
their core modules, pinned by tests: do not rename them. What comes in (a typed visit, a
bundle, a spreadsheet row) is checked by the rules of core/rules.py."""

from __future__ import annotations

from pydantic import BaseModel


class KelurahanOut(BaseModel):
    kode: str
    nama: str
    kecamatan_kode: str
    kecamatan: str
