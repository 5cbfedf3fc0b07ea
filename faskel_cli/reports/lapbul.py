"""The monthly report as a list of blocks (headings, tables, lists, photos, signatures),
made once from core.monthly.Monthly: lapbul_pdf.py and lapbul_docx.py lay out the same
blocks, so the PDF and the .docx say the same."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from faskel_cli.core.money import format_rupiah
from faskel_cli.messages import t
from faskel_cli.reports.periods import month_name as periods_month_name
from faskel_cli.reports.periods import title

if TYPE_CHECKING:
    from faskel_cli.core.monthly import Monthly

PHOTO_LONG_SIDE = 800  # pixels of a photo in the document (about 240 dpi at 8.4 cm)
PHOTO_QUALITY = 72
PHOTOS_PER_PAGE = 6  # two across, three down
# What the photos may take of a PDF together: programmes take one file of at most 4 MB.
PHOTO_BUDGET = 3_200_000


@dataclass
class Block:
    kind: (
        str  # title, subtitle, heading, subheading, fields, table, items, text, photos, signatures
    )
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # shares of the width, per column
    photos: list[tuple[bytes, str]] = field(default_factory=list)  # (JPEG, caption)
    align: list[str] = field(default_factory=list)  # per column: L, C, R


def month_name(day: date) -> str:
    """November 2026: the month's title, as every period names it (reports/periods.py)."""
    return title(f"{day.year:04d}-{day.month:02d}")


def long_date(day: date | str) -> str:
    """30 November 2026."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.day} {periods_month_name(day.month)} {day.year}"


def short_date(text: str | None) -> str:
    if not text:
        return "-"
    day = date.fromisoformat(text[:10])
    return day.strftime("%d/%m/%Y")


def hours(minutes: int) -> str:
    """Hours with one decimal, Indonesian style (12,5)."""
    value = f"{minutes / 60:.1f}".replace(".", ",")
    return value[:-2] if value.endswith(",0") else value


def stage(value: str | None) -> str:
    return t(f"rep.lapbul.stage.{value}") if value else t("rep.lapbul.not_begun")


def _state(item: dict) -> str:
    if item["state"] == "done":
        return t("rep.lapbul.state.done", date=short_date(item["done_date"]))
    if item["state"] == "overdue":
        return t("rep.lapbul.state.overdue", days=item["days_overdue"])
    return t("rep.lapbul.state.open")


def _identity(data: Monthly) -> list[Block]:
    who = data.facilitator
    area = "; ".join(
        t("rep.lapbul.kelurahan_in", kelurahan=k["kelurahan"], kecamatan=k["kecamatan"])
        for k in data.assigned
    )
    period = t(
        "rep.lapbul.period_value",
        start=long_date(data.month.start),
        end=long_date(data.month.end),
    )
    return [
        Block("title", t("rep.lapbul.title")),
        Block("subtitle", t("rep.lapbul.subtitle")),
        Block("subtitle", data.office),
        Block("subtitle", t("rep.lapbul.month_line", month=month_name(data.month.start))),
        Block(
            "fields",
            rows=[
                [t("rep.lapbul.name"), who["name"]],
                [t("rep.lapbul.role"), t(f"rep.lapbul.role.{who['role']}")],
                [t("rep.lapbul.office"), data.office],
                [t("rep.lapbul.area"), area or t("rep.lapbul.none")],
                [t("rep.lapbul.period"), period],
            ],
        ),
    ]


def _summary(data: Monthly) -> list[Block]:
    s = data.summary
    share = f"{s.women_share * 100:.0f} %" if s.women_share is not None else "-"
    still_open = sum(1 for f in data.followups if f["state"] != "done")
    return [
        Block("heading", t("rep.lapbul.s1")),
        Block(
            "fields",
            rows=[
                [t("rep.lapbul.sum.visits"), str(s.visits)],
                [
                    t("rep.lapbul.sum.kelurahan"),
                    t(
                        "rep.lapbul.sum.kelurahan_value",
                        n=s.kelurahan_visited,
                        of=s.kelurahan_assigned,
                    ),
                ],
                [t("rep.lapbul.sum.days"), str(s.days_worked)],
                [t("rep.lapbul.sum.hours"), hours(s.minutes)],
                [
                    t("rep.lapbul.sum.participants"),
                    t(
                        "rep.lapbul.sum.participants_value",
                        total=s.participants,
                        male=s.male,
                        female=s.female,
                        share=share,
                    ),
                ],
                [t("rep.lapbul.sum.lkk"), str(s.lkk_reached)],
                [
                    t("rep.lapbul.sum.followups"),
                    t(
                        "rep.lapbul.sum.followups_value",
                        opened=s.followups_opened,
                        done=s.followups_done,
                        open=still_open,
                    ),
                ],
            ],
        ),
    ]


def _daily(data: Monthly) -> list[Block]:
    blocks = [Block("heading", t("rep.lapbul.s2"))]
    if not data.daily:
        return [*blocks, Block("text", t("rep.lapbul.no_visits"))]
    header = [
        t(f"rep.lapbul.col.{k}")
        for k in ("no", "date", "kelurahan", "lkk", "kind", "strand", "participants", "notes")
    ]
    rows = [
        [
            str(n),
            short_date(v["date"]),
            v["kelurahan"],
            v["lkk"] or "-",
            t(f"rep.lapbul.kind.{v['kind']}"),
            t(f"rep.lapbul.strand.{v['strand']}"),
            f"{v['male']}/{v['female']}",
            v["notes"] or "-",
        ]
        for n, v in enumerate(data.daily, 1)
    ]
    widths = [0.04, 0.115, 0.105, 0.13, 0.14, 0.165, 0.065, 0.24]
    align = ["R", "L", "L", "L", "L", "L", "C", "L"]
    return [*blocks, Block("table", header=header, rows=rows, widths=widths, align=align)]


def _timesheet(data: Monthly) -> list[Block]:
    header = [t(f"rep.lapbul.col.{k}") for k in ("date", "day", "visits", "hours", "work")]
    rows = []
    for day in data.timesheet:
        rows.append(
            [
                short_date(day["date"]),
                t(f"rep.lapbul.weekday.{day['weekday']}"),
                str(day["visits"]) if day["visits"] else "-",
                hours(day["minutes"]) if day["minutes"] else "-",
                day["kelurahan"] or "-",
            ]
        )
    s = data.summary
    rows.append([t("rep.lapbul.timesheet_total"), "", str(s.visits), hours(s.minutes), ""])
    return [
        Block("heading", t("rep.lapbul.s3")),
        Block(
            "table",
            header=header,
            rows=rows,
            widths=[0.15, 0.13, 0.12, 0.1, 0.5],
            align=["L", "L", "C", "C", "L"],
        ),
    ]


def _activities(data: Monthly) -> list[Block]:
    blocks = [Block("heading", t("rep.lapbul.s4"))]
    if not data.activities:
        return [*blocks, Block("text", t("rep.lapbul.no_activities"))]
    keys = ("activity", "kelurahan", "funding", "budget", "spent", "stage_start", "stage_end")
    rows = [
        [
            a["title"],
            a["kelurahan"],
            a["funding"] or "-",
            format_rupiah(a["budget"]),
            format_rupiah(a["spent"]),
            stage(a["stage_start"]),
            stage(a["stage_end"]),
        ]
        for a in data.activities
    ]
    return [
        *blocks,
        Block(
            "table",
            header=[t(f"rep.lapbul.col.{k}") for k in keys],
            rows=rows,
            widths=[0.22, 0.12, 0.14, 0.13, 0.13, 0.13, 0.13],
            align=["L", "L", "L", "R", "R", "L", "L"],
        ),
    ]


def _followups(data: Monthly) -> list[Block]:
    blocks = [Block("heading", t("rep.lapbul.s5"))]
    if not data.followups:
        return [*blocks, Block("text", t("rep.lapbul.no_followups"))]
    keys = ("date", "kelurahan", "problem", "action", "owner", "due", "state")
    rows = [
        [
            short_date(f["problem_date"]),
            f["kelurahan"],
            f["problem"],
            f["action"],
            f["owner"] or "-",
            short_date(f["due"]),
            _state(f),
        ]
        for f in data.followups
    ]
    return [
        *blocks,
        Block(
            "table",
            header=[t(f"rep.lapbul.col.{k}") for k in keys],
            rows=rows,
            widths=[0.11, 0.11, 0.22, 0.22, 0.12, 0.11, 0.11],
        ),
    ]


def _plan(data: Monthly) -> list[Block]:
    following = date(
        data.month.end.year + data.month.end.month // 12, data.month.end.month % 12 + 1, 1
    )
    none = [t("rep.lapbul.plan.none")]
    followups = [
        t(
            "rep.lapbul.plan.followup_item",
            action=f["action"],
            kelurahan=f["kelurahan"],
            owner=f["owner"] or "-",
            due=short_date(f["due"]),
            overdue=t("rep.lapbul.plan.late", days=f["days_overdue"]) if f["days_overdue"] else "",
        )
        for f in data.plan_followups
    ]
    activities = [
        t(
            "rep.lapbul.plan.activity_item",
            title=a["title"],
            kelurahan=a["kelurahan"],
            stage=stage(a["stage_end"]),
            next=stage(a["next_stage"]),
        )
        for a in data.plan_activities
    ]
    missing = [
        t("rep.lapbul.kelurahan_in", kelurahan=k["kelurahan"], kecamatan=k["kecamatan"])
        for k in data.not_visited
    ]
    return [
        Block("heading", t("rep.lapbul.s6", month=month_name(following))),
        Block("subheading", t("rep.lapbul.plan.followups")),
        Block("items", rows=[[item] for item in followups or none]),
        Block("subheading", t("rep.lapbul.plan.activities")),
        Block("items", rows=[[item] for item in activities or none]),
        Block("subheading", t("rep.lapbul.plan.not_visited")),
        Block("items", rows=[[item] for item in missing or none]),
    ]


def caption(photo: dict) -> str:
    """Date, kelurahan and what: the photo's caption, else its visit's kind and LKK (or its
    activity), with the moment of an activity's work and the place when the photo has it."""
    what = photo["caption"]
    if not what and photo["kind"]:
        what = t(
            "rep.lapbul.photo_what",
            kind=t(f"rep.lapbul.kind.{photo['kind']}"),
            lkk=photo["lkk"] or "",
        ).strip()
    if not what:
        what = photo["activity"] or ""
    if photo["moment"]:
        moment = t(f"label.moment.{photo['moment']}")
        what = f"{what} ({moment})".strip()
    parts = [long_date(photo["date"]), photo["kelurahan"] or "", what]
    if photo["lat_e6"] is not None:
        parts.append(
            t(
                "rep.lapbul.photo_place",
                lat=f"{photo['lat_e6'] / 1e6:.5f}",
                lon=f"{photo['lon_e6'] / 1e6:.5f}",
            )
        )
    return " · ".join(p for p in parts if p)


def _encoded(image: Any, side: int, quality: int) -> bytes:
    import io

    from PIL import Image

    if max(image.size) > side:
        image = image.copy()
        image.thumbnail((side, side), Image.Resampling.BICUBIC)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def _fitted(stored: list[bytes]) -> list[bytes]:
    """The photos for the document, PHOTO_LONG_SIDE pixels at most and within PHOTO_BUDGET
    together: smaller and coarser when they are many or detailed (the PDF stays under
    4 MB). Each stored copy is decoded once."""
    import io

    from PIL import Image

    images: list[Image.Image | None] = []
    for data in stored:
        if not data:
            images.append(None)
            continue
        source = Image.open(io.BytesIO(data))
        scale = PHOTO_LONG_SIDE / max(source.size)
        if scale < 1:  # a stored copy of 1600 px decodes at half its size, quicker
            source.draft("RGB", (int(source.width * scale), int(source.height * scale)))
        image = source.convert("RGB")
        image.thumbnail((PHOTO_LONG_SIDE, PHOTO_LONG_SIDE), Image.Resampling.BICUBIC)
        images.append(image)
    side, quality = PHOTO_LONG_SIDE, PHOTO_QUALITY
    out: list[bytes] = []
    for _ in range(4):
        out = [_encoded(image, side, quality) if image is not None else b"" for image in images]
        total = sum(map(len, out))
        if total <= PHOTO_BUDGET:
            break
        side = max(320, int(side * (PHOTO_BUDGET / total) ** 0.5 * 0.95))
        quality = max(45, quality - 10)
    return out


def _photos(data: Monthly, load: Callable[[str], bytes]) -> list[Block]:
    blocks = [Block("heading", t("rep.lapbul.s7"))]
    if not data.photos:
        return [*blocks, Block("text", t("rep.lapbul.no_photos"))]
    stored = []
    for photo in data.photos:
        try:
            stored.append(load(photo["photo_id"]))
        except Exception:  # a photo that cannot be read: its caption alone
            stored.append(b"")
    try:
        pictures = _fitted(stored)
    except Exception:  # a stored copy that is no image (a damaged database): captions alone
        pictures = [b""] * len(stored)
    photos = [(picture, caption(p)) for picture, p in zip(pictures, data.photos, strict=True)]
    return [*blocks, Block("photos", photos=photos)]


def _signatures(data: Monthly) -> list[Block]:
    sup = data.supervisor
    left = [t("rep.lapbul.sign_known"), sup.get("title") or "", "", sup.get("name") or ""]
    left.append(t("rep.lapbul.nip", nip=sup["nip"]) if sup.get("nip") else "")
    right = [
        t("rep.lapbul.sign_place", place=data.place, date=long_date(data.signed_on)),
        t("rep.lapbul.sign_maker"),
        "",
        data.facilitator["name"],
        t(f"rep.lapbul.role.{data.facilitator['role']}"),
    ]
    return [Block("signatures", rows=[left, right])]


def blocks(data: Monthly, load: Callable[[str], bytes]) -> list[Block]:
    """The report's content in its order; `load(photo_id)` gives a photo's stored bytes."""
    return [
        *_identity(data),
        *_summary(data),
        *_daily(data),
        *_timesheet(data),
        *_activities(data),
        *_followups(data),
        *_plan(data),
        *_photos(data, load),
        *_signatures(data),
    ]


def footer(data: Monthly) -> str:
    return t("rep.lapbul.footer", name=data.facilitator["name"], month=month_name(data.month.start))
