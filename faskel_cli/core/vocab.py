"""The domain's fixed words. Keys are Indonesian and stable (JSON, CSV, scripts);
labels for people come from the message catalogue."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal, overload


class VisitKind(StrEnum):
    """The three kinds of work a visit does toward a kelurahan's community and its LKK."""

    PENDAMPINGAN = "pendampingan"
    BIMBINGAN = "bimbingan"
    PENGAWASAN = "pengawasan"


class Strand(StrEnum):
    """The seven strands of participatory development, by short key."""

    KESADARAN = "kesadaran"  # membangun kesadaran kritis
    PEMETAAN = "pemetaan"  # memetakan potensi masalah
    PERENCANAAN = "perencanaan"  # perencanaan partisipatif
    PENGORGANISASIAN = "pengorganisasian"  # pengorganisasian komunitas
    MOBILISASI = "mobilisasi"  # mobilisasi sumber daya
    PENGAWASAN = "pengawasan"  # pengawasan
    PEMELIHARAAN = "pemeliharaan"  # pemeliharaan hasil pembangunan


class LkkType(StrEnum):
    """Lembaga Kemasyarakatan Kelurahan: the kinds of community institution."""

    RT = "rt"
    RW = "rw"
    PKK = "pkk"
    KARANG_TARUNA = "karang-taruna"
    POSYANDU = "posyandu"
    LPM = "lpm"
    BKM = "bkm"
    DASAWISMA = "dasawisma"
    LAINNYA = "lainnya"


class Role(StrEnum):
    FASKEL = "faskel"
    KOORDINATOR = "koordinator"


class Stage(StrEnum):
    """The four stages of an activity, in the order it goes through them."""

    PERENCANAAN = "perencanaan"
    PELAKSANAAN = "pelaksanaan"
    PERTANGGUNGJAWABAN = "pertanggungjawaban"
    EVALUASI = "evaluasi"


class ActivityType(StrEnum):
    FISIK = "fisik"
    NONFISIK = "nonfisik"


class FollowupStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class PhotoMoment(StrEnum):
    """When an activity's photo was taken: before the work (0 %), during it, after it."""

    SEBELUM = "sebelum"
    PROSES = "proses"
    SESUDAH = "sesudah"


def values(vocabulary: type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value for member in vocabulary)


def choices_help(vocabulary: type[StrEnum]) -> str:
    """`a|b|c`: the choices as help texts show them."""
    return "|".join(values(vocabulary))


# The same vocabularies as tuples of their values, for validation and SQL.
VISIT_KINDS = values(VisitKind)
STRANDS = values(Strand)
LKK_TYPES = values(LkkType)
ROLES = values(Role)
STAGES = values(Stage)
ACTIVITY_TYPES = values(ActivityType)
FOLLOWUP_STATUSES = values(FollowupStatus)
PHOTO_MOMENTS = values(PhotoMoment)
PHOTO_MOMENT_ALIASES = {
    "before": "sebelum",
    "during": "proses",
    "after": "sesudah",
    "0": "sebelum",
    "50": "proses",
    "100": "sesudah",
}


class Lang(StrEnum):
    """The languages of everything a person reads (Indonesian first: the default)."""

    ID = "id"
    EN = "en"


def normalise_lang(value: str | None) -> str | None:
    """'id' or 'en' from what a person may type (`id`, `EN`, `en_US`), else None."""
    if not value:
        return None
    value = value.strip().lower()[:2]
    return value if value in values(Lang) else None


STAGE_ALIASES = {
    "planning": "perencanaan",
    "implementation": "pelaksanaan",
    "accountability": "pertanggungjawaban",
    "evaluation": "evaluasi",
}

MAX_PARTICIPANTS = 10_000
MAX_NOTES = 10_000
MAX_LIST_ROWS = 1_000_000  # --limit of a list


def pick(
    value: str | None,
    choices: tuple[str, ...],
    *,
    option: str,
    aliases: dict[str, str] | None = None,
) -> str:
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


# Characters no stored text holds (core/rules.py's text patterns): the C0 controls but tab
# and newline, DEL, the C1 controls. clean_text turns \r\n and \r into \n, refuses the rest.
CONTROLS = r"\x00-\x08\x0b-\x1f\x7f-\x9f"
CONTROL_CHARACTER = re.compile(f"[{CONTROLS}]")


@overload
def clean_text(
    value: object,
    option: str,
    limit: int = ...,
    *,
    required: Literal[True] = ...,
    one_line: bool = ...,
) -> str: ...
@overload
def clean_text(
    value: object, option: str, limit: int = ..., *, required: bool, one_line: bool = ...
) -> str | None: ...
def clean_text(
    value: object,
    option: str,
    limit: int = MAX_NOTES,
    *,
    required: bool = True,
    one_line: bool = False,
) -> str | None:
    """Text a person typed: stripped (one_line: runs of spaces and newlines made one space),
    line breaks as \\n, required unless told otherwise, at most `limit` characters, no
    control character (ESC, ...). What it returns matches core/rules.py's text patterns."""
    from faskel_cli.core.errors import InputError

    raw = str(value or "")
    if one_line:
        text = " ".join(raw.split())
    else:
        text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        if required:
            raise InputError("err.text_required", option=option)
        return None
    if len(text) > limit:
        raise InputError("err.text_too_long", option=option, n=len(text), max=limit)
    control = CONTROL_CHARACTER.search(text)
    if control:
        raise InputError("err.text_control", option=option, char=control.group())
    return text
