"""`activity add`, `followup add` and `lkk add` guided on a terminal, as `visit add` is
(cli/guided.py, cli/guided_visit.py): what was not given is asked, each answer checked
as the command checks it, the record shown once to save or correct."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from faskel_cli.cli import guided
from faskel_cli.cli.guided import Form, Question, ask, chosen, dash, optional, typed
from faskel_cli.cli.guided_visit import ask_activity, ask_kelurahan, ask_lkk, with_new_lkk
from faskel_cli.core import answers, clock, recent
from faskel_cli.core.vocab import ACTIVITY_TYPES, LKK_TYPES
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


def _kelurahan_question(db: Db, then: tuple[str, ...] = ()) -> Question:
    """The kelurahan: `me`'s own first, by default that of her last visit (else of the
    activity started last on this laptop)."""
    me = recent.me(db)

    def default() -> str | None:
        visit = recent.last_visit(db, me["id"] if me else None)
        if visit:
            return visit.kelurahan
        activity = recent.last_activity(db)
        return activity[1] if activity else None

    return Question(
        "kelurahan",
        t("field.kelurahan"),
        lambda: ask_kelurahan(db, me, default()),
        check=lambda a: answers.kelurahan(db, a),
        show=lambda k: k.nama,
        then=then,
    )


def activity(db: Db, given: dict[str, Any], write: Callable[..., Any]) -> Any:
    """`activity add`: kelurahan, title, type, start date, funding, budget, LKK."""
    form = Form(t("title.entry.activity"))
    values = form.values
    pending: list[tuple[str, str]] = []
    last = recent.last_activity(db)
    form.add(_kelurahan_question(db, then=("lkk",)))
    form.add(typed("title", t("field.title"), answers.title))
    form.add(
        chosen(
            "activity_type",
            t("field.type"),
            ACTIVITY_TYPES,
            "help.choices.activity_type",
            answers.activity_type,
            default=last[2] if last else None,
        )
    )
    form.add(
        typed(
            "date",
            t("prompt.entry.start_date"),
            answers.start_date,
            default=lambda: clock.today().isoformat(),
            show=lambda d: d.isoformat(),
        )
    )
    form.add(
        typed(
            "funding",
            t("field.funding"),
            answers.funding,
            prompt=t("prompt.entry.funding"),
            show=dash,
        )
    )
    form.add(
        typed(
            "budget",
            t("field.budget"),
            answers.budget,
            prompt=t("prompt.entry.budget"),
            show=_rupiah,
        )
    )
    form.add(
        Question(
            "lkk",
            t("field.lkk"),
            lambda: ask_lkk(db, values["kelurahan"], pending),
            check=lambda names: answers.lkk_names(db, values["kelurahan"], names),
            show=dash,
        )
    )
    form.fill(given)
    return guided.save(
        form,
        lambda: with_new_lkk(
            db,
            values["kelurahan"],
            pending,
            lambda: write(
                kelurahan=values["kelurahan"].kode,
                title=values["title"],
                activity_type=values["activity_type"],
                start=values["date"].isoformat(),
                funding=values["funding"],
                budget=values["budget"],
                lkk_names=list(values["lkk"] or []),
            ),
        ),
    )


def followup(db: Db, given: dict[str, Any], write: Callable[..., Any]) -> Any:
    """`followup add`: kelurahan (unless a visit or activity gives it), problem, action,
    problem date (unless a visit gives it), due date, owner, and the activity."""
    form = Form(t("title.entry.followup"))
    values = form.values
    me = recent.me(db)
    through = given.get("visit") or given.get("activity")
    if not through:
        form.add(_kelurahan_question(db, then=("activity",)))
    form.add(typed("problem", t("field.problem"), answers.problem))
    form.add(typed("action", t("field.action"), lambda a: answers.action(a, "--action")))
    if not given.get("visit"):
        form.add(
            typed(
                "date",
                t("field.problem_date"),
                answers.problem_date,
                default=lambda: clock.today().isoformat(),
                show=lambda d: d.isoformat(),
            )
        )

    def day() -> date:
        """The problem date: asked, else the visit's, else today (as followups.add)."""
        if values.get("date"):
            return values["date"]
        if given.get("visit"):
            return answers.visit_day(db, given["visit"])
        return clock.today()

    def due() -> str:
        on = day()
        return str(ask(t("field.due"), lambda a: answers.due(db, a, on), answers.due(db, None, on)))

    form.add(
        Question("due", t("field.due"), due, check=lambda a: answers.due(db, a, day()), show=dash)
    )

    def default_owner() -> str | None:
        """As followups.add: the visit's facilitator, else me."""
        if given.get("visit"):
            return answers.visit_owner(db, given["visit"])
        return me["handle"] if me else None

    form.add(
        Question(
            "owner",
            t("field.owner"),
            lambda: ask(
                t("field.owner"), optional(lambda a: answers.owner(db, a)), default_owner()
            ),
            check=lambda a: answers.owner(db, a),
            show=dash,
        )
    )
    if not through:
        form.add(
            Question(
                "activity",
                t("field.activity_id"),
                lambda: ask_activity(db, values["kelurahan"], values.get("date") or clock.today()),
                check=lambda a: (answers.visit_activity(db, a, values["kelurahan"].kode), a),
                show=lambda found: found[1] if found else "-",
            )
        )
    form.fill(given)

    def written() -> Any:
        kel = values.get("kelurahan")
        found = values.get("activity")
        day = values.get("date")
        return write(
            kelurahan=kel.kode if kel else given.get("kelurahan"),
            problem=values["problem"],
            action=values["action"],
            due=values["due"],
            on=day.isoformat() if day else None,
            visit=given.get("visit"),
            activity=found[0] if found else given.get("activity"),
            owner=values["owner"],
        )

    return guided.save(form, written)


def lkk(db: Db, given: dict[str, Any], write: Callable[..., Any]) -> Any:
    """`lkk add`: kelurahan, type, name."""
    form = Form(t("title.entry.lkk"))
    values = form.values
    form.add(_kelurahan_question(db, then=("name",)))
    form.add(
        chosen("lkk_type", t("field.type"), LKK_TYPES, "help.choices.lkk_type", answers.lkk_type)
    )
    form.add(
        typed(
            "name",
            t("prompt.entry.lkk_name"),
            lambda a: answers.lkk_name(db, values["kelurahan"], a),
        )
    )
    form.fill(given)
    return guided.save(
        form, lambda: write(values["kelurahan"].kode, values["lkk_type"], values["name"])
    )


def _rupiah(amount: int | None) -> str:
    from faskel_cli.core.money import format_rupiah

    return format_rupiah(amount)
