"""The visits spreadsheet as a file format: its sheets, field names and headings.

The field names (`tanggal`, `kelurahan`, ...) are the machine names of the template, of CSV
files and of the XLSForm (`data/kunjungan-xlsform.xlsx`): scripts and forms depend on them,
so they never change (CHANGELOG). The headings are the Indonesian labels the template shows;
like the sheet names of the xlsx report they are part of the file format and are not
translated. A heading matches a field when, ignoring case, spaces and punctuation, it is the
field's name, its heading or its English heading, possibly after a group prefix
(`kunjungan/tanggal`, `kunjungan-tanggal`)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

VISITS_SHEET = "Kunjungan"
PROBLEMS_SHEET = "Kendala"
INSTRUCTIONS_SHEET = "Petunjuk"
LISTS_SHEET = "Daftar"


@dataclass(frozen=True)
class Field:
    name: str  # the machine name
    heading: str  # the Indonesian heading of the template
    english: str  # an English heading, also accepted
    option: str | None = None  # the option of `visit add` it stands for
    required: bool = False


VISIT_FIELDS: tuple[Field, ...] = (
    Field("no", "No", "No"),
    Field("tanggal", "Tanggal", "Date", "--date", required=True),
    Field("kelurahan", "Kelurahan", "Kelurahan", "--kelurahan", required=True),
    Field("fasilitator", "Fasilitator", "Facilitator", "--facilitator"),
    Field("jenis", "Jenis kunjungan", "Kind", "--kind", required=True),
    Field("bidang", "Bidang", "Strand", "--strand", required=True),
    Field("lkk", "LKK", "LKK", "--lkk"),
    Field("laki_laki", "Peserta laki-laki", "Male participants", "--male"),
    Field("perempuan", "Peserta perempuan", "Female participants", "--female"),
    Field("durasi", "Durasi (menit)", "Duration (minutes)", "--duration"),
    Field("kegiatan", "Kegiatan", "Activity", "--activity"),
    Field("catatan", "Catatan", "Notes", "--notes"),
    Field("ref", "Ref", "Ref"),
)
PROBLEM_FIELDS: tuple[Field, ...] = (
    Field("ref_kunjungan", "No. kunjungan", "Visit no."),
    Field("kendala", "Kendala", "Problem", "--problem", required=True),
    Field("tindak_lanjut", "Tindak lanjut", "Follow-up", "--followup", required=True),
    Field("tenggat", "Tenggat", "Due", "--due"),
    Field("penanggung_jawab", "Penanggung jawab", "Owner", "--owner"),
)
# The fields whose content makes a row count: a row with none of them (only its prefilled
# no, ref and facilitator) is an unused row of the template and is skipped.
VISIT_DATA = (
    "tanggal",
    "kelurahan",
    "jenis",
    "bidang",
    "lkk",
    "laki_laki",
    "perempuan",
    "durasi",
    "kegiatan",
    "catatan",
)
PROBLEM_DATA = ("kendala", "tindak_lanjut", "tenggat", "penanggung_jawab")
LKK_SEPARATOR = ";"

# Columns of KoboToolbox and ODK Central exports that say who, when and how a form was
# sent, not what it holds: ignored. Any column starting with `_` is too (Kobo's own:
# `_id`, `_uuid`, `_submission_time`, `_index`, `_parent_index`, ...).
EXPORT_COLUMNS = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "username",
        "simserial",
        "subscriberid",
        "phonenumber",
        "audit",
        "instanceid",
        "instancename",
        "version",
        "submissiondate",
        "submitterid",
        "submittername",
        "attachmentspresent",
        "attachmentsexpected",
        "status",
        "reviewstate",
        "edits",
        "formversion",
        "key",
        "parentkey",
    }
)
EXPORT_PREFIXES = ("meta/", "meta-", "formhub/", "formhub-", "__")
# Columns whose value is a submission's identity (Kobo `_uuid`, ODK `meta/instanceID`,
# ODK Central `KEY`), in order of preference, by their normalised name.
IDENTITY_COLUMNS = ("uuid", "metainstanceid", "instanceid", "key")
# How a repeat row (a problem) of an export names its submission: Kobo `_submission__uuid`,
# `_parent_index` (the main sheet's `_index`), ODK Central `PARENT_KEY` (the main `KEY`).
LINK_COLUMNS = {"submissionuuid": "uuid", "parentindex": "index", "parentkey": "key"}


def normalise(text: object) -> str:
    """A heading as compared: lower case, letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", str(text or "").lower())


def _index(fields: tuple[Field, ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    for item in fields:
        for spelling in (item.name, item.heading, item.english):
            names.setdefault(normalise(spelling), item.name)
    return names


_VISIT_NAMES = _index(VISIT_FIELDS)
_PROBLEM_NAMES = _index(PROBLEM_FIELDS)
# A problems sheet of the template links rows by visit no. (`ref_kunjungan`); these say it too.
_PROBLEM_NAMES.update({normalise(s): "ref_kunjungan" for s in ("No", "Ref kunjungan", "Visit")})


def field_names(kind: str) -> dict[str, str]:
    """normalised spelling -> field name, for 'visits' or 'problems'."""
    return _VISIT_NAMES if kind == "visits" else _PROBLEM_NAMES


def fields(kind: str) -> tuple[Field, ...]:
    return VISIT_FIELDS if kind == "visits" else PROBLEM_FIELDS


def field(kind: str, name: str) -> Field:
    return next(item for item in fields(kind) if item.name == name)


def is_export_column(heading: str) -> bool:
    raw = str(heading or "").strip().lower()
    return (
        raw.startswith("_")
        or raw.startswith(EXPORT_PREFIXES)
        or normalise(raw) in EXPORT_COLUMNS
        or normalise(raw) in IDENTITY_COLUMNS
    )


def match(heading: object, kind: str) -> str | None:
    """The field a heading names, trying it whole and then without group prefixes
    (`kunjungan/tanggal`, `kunjungan-tanggal`, `grup/sub/tanggal`)."""
    raw = str(heading or "").strip()
    if not raw:
        return None
    names = field_names(kind)
    found = names.get(normalise(raw))
    if found:
        return found
    for separator in ("/", "-"):
        parts = raw.split(separator)
        for start in range(1, len(parts)):
            found = names.get(normalise(separator.join(parts[start:])))
            if found:
                return found
    return None


def closest(heading: object, kind: str) -> str | None:
    """The heading of the field most like `heading` (for a heading that matches none)."""
    key = normalise(str(heading or "").rsplit("/", 1)[-1])
    spellings: dict[str, str] = {}
    for item in fields(kind):
        for spelling in (item.name, item.heading):
            spellings.setdefault(normalise(spelling), item.heading)
    found = difflib.get_close_matches(key, list(spellings), n=1, cutoff=0.5)
    return spellings[found[0]] if found else None
