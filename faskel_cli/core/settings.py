"""Per-database settings: `faskel config set/get/list`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, overload

from faskel_cli.core.errors import InputError, NotFoundError
from faskel_cli.core.store import get_setting, put_setting, transaction

if TYPE_CHECKING:
    from faskel_cli.core.store import Db

# key -> (default, description key). device_id is made once and never set by hand.
KNOWN = {
    "area": (None, "cfg.area"),
    "me": (None, "cfg.me"),
    "lang": ("id", "cfg.lang"),
    "stall_days": ("30", "cfg.stall_days"),
    "followup_days": ("14", "cfg.followup_days"),
    "device_id": (None, "cfg.device_id"),
    # the monthly report (report bulanan): the office, the place it is signed at, who signs
    "office": (None, "cfg.office"),
    "place": (None, "cfg.place"),
    "supervisor_title": (None, "cfg.supervisor_title"),
    "supervisor_name": (None, "cfg.supervisor_name"),
    "supervisor_nip": (None, "cfg.supervisor_nip"),
}
REPORT_TEXTS = ("office", "place", "supervisor_title", "supervisor_name")
READ_ONLY = {"device_id"}


def _check_key(key: str) -> str:
    key = key.strip().lower().replace("-", "_")
    if key not in KNOWN:
        raise InputError("err.config_key", key=key, keys=", ".join(sorted(KNOWN)))
    return key


@overload
def get(  # the keys with a default
    db: Db, key: Literal["lang", "stall_days", "followup_days"]
) -> str: ...
@overload
def get(db: Db, key: str) -> str | None: ...
def get(db: Db, key: str) -> str | None:
    key = _check_key(key)
    value = get_setting(db, key)
    return value if value is not None else KNOWN[key][0]


def set_value(db: Db, key: str, value: str) -> str:
    from faskel_cli.core import audit, regions

    key = _check_key(key)
    if key in READ_ONLY:
        raise InputError("err.config_read_only", key=key)
    value = value.strip()
    before = get_setting(db, key)
    with transaction(db):
        if key == "area":
            value = regions.load_area(db, value).kode
        elif key == "lang":
            from faskel_cli.core.vocab import normalise_lang

            lang = normalise_lang(value)
            if not lang:
                raise InputError("err.config_lang", value=value)
            value = lang
        elif key == "me":
            value = value.lower()
            row = db.execute(
                "select 1 from facilitators where handle = ? and deleted_at is null", [value]
            ).fetchone()
            if not row:
                raise NotFoundError("err.facilitator_unknown", ref=value, matches="-")
        elif key in ("stall_days", "followup_days"):
            if (
                not (value.isascii() and value.isdigit())
                or len(value) > 4
                or not 1 <= int(value) <= 3650
            ):
                raise InputError("err.config_int", key=key, value=value)
        elif key in REPORT_TEXTS:
            from faskel_cli.core.vocab import clean_text

            value = clean_text(value, key, 200, one_line=True)
        elif key == "supervisor_nip":
            digits = value.replace(" ", "").replace(".", "")
            if not (digits.isascii() and digits.isdigit() and len(digits) == 18):
                raise InputError("err.config_nip", value=value)
            value = digits
        put_setting(db, key, value)
        audit.record(db, "update", "setting", key, {"value": before}, {"value": value})
    return value


def all_settings(db: Db) -> dict[str, str | None]:
    return {key: get(db, key) for key in KNOWN}
