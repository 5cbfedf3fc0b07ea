"""The domain's fixed words. Keys are Indonesian and stable (JSON, CSV, scripts);
labels for people come from the message catalogue."""

from __future__ import annotations

KINDS = ("pendampingan", "bimbingan", "pengawasan")

# The seven strands of participatory development (DOMAIN.md), by short key.
STRANDS = (
    "kesadaran",
    "pemetaan",
    "perencanaan",
    "pengorganisasian",
    "mobilisasi",
    "pengawasan",
    "pemeliharaan",
)

LKK_TYPES = (
    "rt",
    "rw",
    "pkk",
    "karang-taruna",
    "posyandu",
    "lpm",
    "bkm",
    "dasawisma",
    "lainnya",
)

ROLES = ("faskel", "koordinator")

STAGES = ("perencanaan", "pelaksanaan", "pertanggungjawaban", "evaluasi")
STAGE_ALIASES = {
    "planning": "perencanaan",
    "implementation": "pelaksanaan",
    "accountability": "pertanggungjawaban",
    "evaluation": "evaluasi",
}

ACTIVITY_TYPES = ("fisik", "nonfisik")

MAX_PARTICIPANTS = 10_000
MAX_NOTES = 10_000


def pick(value: str | None, choices: tuple[str, ...], *, option: str, aliases=None) -> str:
    """`value` as one of `choices` (any case, `_` for `-`), or an InputError listing them."""
    from faskel_cli.core.errors import InputError

    raw = (value or "").strip().lower().replace("_", "-")
    if aliases and raw in aliases:
        raw = aliases[raw]
    if raw == "karangtaruna":
        raw = "karang-taruna"
    if raw == "non-fisik":
        raw = "nonfisik"
    if raw not in choices:
        raise InputError("err.choice", option=option, value=value, choices=", ".join(choices))
    return raw
