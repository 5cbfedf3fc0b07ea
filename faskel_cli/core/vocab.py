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


def clean_text(
    value, option: str, limit: int = MAX_NOTES, *, required: bool = True, one_line: bool = False
):
    """Text a person typed: stripped (one_line: runs of spaces and newlines made one space),
    required unless told otherwise, at most `limit` characters."""
    from faskel_cli.core.errors import InputError

    raw = str(value or "")
    text = " ".join(raw.split()) if one_line else raw.strip()
    if not text:
        if required:
            raise InputError("err.text_required", option=option)
        return None
    if len(text) > limit:
        raise InputError("err.text_too_long", option=option, n=len(text), max=limit)
    return text
