"""`visit add` guided on a terminal (cli/guided.py): the facilitator (unless `me` is set),
date, kelurahan, kind, strand, LKK (several, none, or new ones made on the spot), the
participants, duration, notes, the activity served and the problems met, each with its
follow-up; then the whole visit once, to save or correct."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from faskel_cli.cli import guided
from faskel_cli.cli.guided import Form, Question, ask, choose, chosen, dash, optional, say, typed
from faskel_cli.core import answers, clock, recent
from faskel_cli.core.vocab import LKK_TYPES, STRANDS, VISIT_KINDS
from faskel_cli.messages import t

if TYPE_CHECKING:
    from faskel_cli.core.followups import ProblemInput
    from faskel_cli.core.regions import Region
    from faskel_cli.core.store import Db
    from faskel_cli.core.visits import VisitInput

# Beyond this many kelurahan, a facilitator with none of her own types a name: no list.
MAX_LISTED = 60


def ask_kelurahan(db: Db, facilitator: dict | None, default: str | None) -> Region:
    """Her own kelurahan numbered (every kelurahan of a small area for someone with none);
    a number, any kelurahan's name or kode, or a near spelling of a name."""
    everything = recent.kelurahan_names(db)
    own = recent.own_kelurahan(db, facilitator)
    if own:
        names = [k.nama for k in own]
    else:
        names = everything if len(everything) <= MAX_LISTED else []
    if default is None and len(names) == 1:
        default = names[0]
    hint = t("hint.entry.other_kelurahan") if own else None
    return choose(
        t("field.kelurahan"),
        names,
        names,
        lambda answer: answers.kelurahan(db, answer),
        names=everything,
        default=default,
        hint=hint,
    )


def new_lkk(db: Db, kel: Region, taken: tuple[str, ...]) -> tuple[str, str]:
    """A new LKK of the kelurahan, asked (type, name): made when the record is saved."""
    say(t("msg.entry.new_lkk", kelurahan=kel.nama))
    kind = guided.choose_vocabulary(
        t("field.type"), LKK_TYPES, "help.choices.lkk_type", answers.lkk_type
    )
    name = ask(t("prompt.entry.lkk_name"), lambda a: answers.lkk_name(db, kel, a, taken))
    return kind, name


def ask_lkk(db: Db, kel: Region, pending: list[tuple[str, str]]) -> list[str]:
    """The LKK of the kelurahan numbered: several (`1,3`), none (empty), `+` for a new one.
    `pending` is emptied and gets the new LKK asked for."""
    existing = recent.lkk_of(db, kel.kode)
    names = [item["name"] for item in existing]
    guided.show_numbered([f"{item['name']} ({item['type']})" for item in existing])
    say(f"  ({t('hint.entry.lkk')})")
    pending.clear()
    chosen = ask(t("field.lkk"), lambda answer: _lkk_answer(db, kel, answer, names))
    picked = [c for c in chosen if c != guided.NEW[0]]
    if guided.NEW[0] in chosen:
        while True:
            made = new_lkk(db, kel, tuple(picked) + tuple(n for _, n in pending))
            pending.append(made)
            if not guided.yes(t("prompt.entry.another_lkk")):
                break
    return picked + [name for _, name in pending]


def _lkk_answer(db: Db, kel: Region, answer: str, names: list[str]) -> list[str]:
    """The names an LKK answer picks (numbers, names, near spellings) and NEW[0] for `+`."""
    out: list[str] = []
    for part in guided.parse_many(answer, len(names)):
        if isinstance(part, int):
            found = names[part]
        elif part == guided.NEW[0]:
            found = part
        else:
            found = guided.resolve_choice(
                part, names, lambda a: answers.lkk_names(db, kel, [a])[0], names
            )
        if found not in out:
            out.append(found)
    return out


def ask_activity(db: Db, kel: Region, on: date) -> tuple[str, str] | None:
    """(id, title) of an activity of the kelurahan the visit served, or None; not asked
    when the kelurahan has none under way."""
    found = recent.current_activities(db, kel.kode, on)
    if not found:
        return None
    items = [f"{a['title']} ({a['stage']})" for a in found]
    guided.show_numbered(items)
    say(f"  ({t('hint.entry.none')})")
    by_id = {a["id"]: a["title"] for a in found}

    def check(answer: str) -> tuple[str, str] | None:
        if not answer.strip():
            return None
        index = guided.pick_number(answer, len(found))
        if index is not None:
            return found[index]["id"], found[index]["title"]
        activity_id = answers.visit_activity(db, answer.strip(), kel.kode)
        return activity_id, by_id.get(activity_id, activity_id)

    return ask(t("field.activity_id"), check)


def ask_problems(db: Db, on: Callable[[], date], owner: Callable[[], str]) -> list[ProblemInput]:
    """Problems met, each with its follow-up, due date and owner, until an empty one."""
    from faskel_cli.core.followups import ProblemInput

    found: list[ProblemInput] = []
    while True:
        label = t("prompt.entry.problem" if not found else "prompt.entry.another_problem")
        problem = ask(label, optional(answers.problem))
        if problem is None:
            return found
        action = ask(t("prompt.entry.action"), answers.action)
        due = _ask_due(db, on())
        who = ask(t("prompt.entry.owner"), lambda a: answers.owner(db, a), default=owner())
        found.append(ProblemInput(problem, action, due, who))


def show_problems(items: list[ProblemInput] | None) -> str:
    if not items:
        return "-"
    return "; ".join(f"{p.problem} -> {p.action} ({p.due}, {p.owner})" for p in items)


def run(
    db: Db,
    data: VisitInput,
    problems: list[ProblemInput],
    write: Callable[[VisitInput, list[ProblemInput]], Any],
) -> Any:
    """Ask what `data` lacks, show the visit, and `write` it (with the new LKK made in the
    same transaction); returns what `write` returns."""
    from faskel_cli.core.visits import VisitInput

    me = recent.me(db)
    pending: list[tuple[str, str]] = []
    form = Form(t("title.entry.visit"))
    values = form.values

    def person() -> dict | None:
        handle = values.get("facilitator")
        return answers.facilitator(db, handle) if handle else None

    def last() -> recent.LastVisit | None:
        found = person()
        return recent.last_visit(db, found["id"] if found else None)

    def ask_facilitator() -> str:
        people = recent.active_facilitators(db)
        items = [f"{p['handle']} ({p['name']})" for p in people]
        handles = [p["handle"] for p in people]
        return str(
            choose(
                t("field.facilitator"),
                items,
                handles,
                lambda a: answers.facilitator(db, a)["handle"],
                names=handles,
            )
        )

    def previous(key: str) -> Callable[[], str | None]:
        """The last visit's value of `key`, read when the question is asked."""

        def value() -> str | None:
            found = last()
            return getattr(found, key) if found else None

        return value

    def kelurahan_default() -> str | None:
        previous = last()
        return previous.kelurahan if previous else None

    form.add(
        Question(
            "facilitator",
            t("field.facilitator"),
            ask_facilitator,
            check=lambda a: answers.facilitator(db, a)["handle"],
        )
    )
    form.add(
        typed(
            "date",
            t("field.date"),
            _date_check,
            default=lambda: clock.today().isoformat(),
            show=lambda d: d.isoformat(),
        )
    )
    form.add(
        Question(
            "kelurahan",
            t("field.kelurahan"),
            lambda: ask_kelurahan(db, person(), kelurahan_default()),
            check=lambda a: answers.kelurahan(db, a),
            show=lambda k: k.nama,
            then=("lkk", "activity"),
        )
    )
    for key, label, vocabulary, meanings, check in (
        ("kind", "field.kind", VISIT_KINDS, "help.choices.kind", answers.kind),
        ("strand", "field.strand", STRANDS, "help.choices.strand", answers.strand),
    ):
        form.add(chosen(key, t(label), vocabulary, meanings, check, default=previous(key)))
    form.add(
        Question(
            "lkk",
            t("field.lkk"),
            lambda: ask_lkk(db, values["kelurahan"], pending),
            check=lambda names: answers.lkk_names(db, values["kelurahan"], names),
            show=lambda names: _show_lkk(names, pending),
        )
    )
    for key, option in (("male", "--male"), ("female", "--female")):
        form.add(
            Question(
                key,
                t(f"field.{key}"),
                _count_question(t(f"field.{key}"), option),
                check=_count_check(option),
            )
        )
    form.add(
        typed(
            "duration",
            t("field.duration_minutes"),
            answers.duration,
            prompt=t("prompt.entry.duration"),
            show=dash,
        )
    )
    form.add(typed("notes", t("field.notes"), answers.notes, show=dash))
    form.add(
        Question(
            "activity",
            t("field.activity_id"),
            lambda: ask_activity(db, values["kelurahan"], values["date"]),
            check=lambda a: (answers.visit_activity(db, a, values["kelurahan"].kode), a),
            show=lambda found: found[1] if found else "-",
        )
    )
    form.add(
        Question(
            "problems",
            t("field.problem"),
            lambda: ask_problems(db, lambda: values["date"], lambda: values["facilitator"]),
            show=show_problems,
        )
    )
    if data.facilitator is None and me:
        values["facilitator"] = me["handle"]
    if problems:
        values["problems"] = problems
    given = {
        "facilitator": data.facilitator,
        "date": data.date,
        "kelurahan": data.kelurahan,
        "kind": data.kind,
        "strand": data.strand,
        "lkk": data.lkk or None,
        "male": data.male,
        "female": data.female,
        "duration": data.duration,
        "notes": data.notes,
        "activity": data.activity,
    }

    def to_input() -> VisitInput:
        found = values["activity"]
        return VisitInput(
            date=values["date"].isoformat(),
            kelurahan=values["kelurahan"].kode,
            facilitator=values["facilitator"],
            kind=values["kind"],
            strand=values["strand"],
            lkk=list(values["lkk"] or []),
            male=values["male"],
            female=values["female"],
            duration=values["duration"],
            notes=values["notes"],
            activity=found[0] if found else None,
        )

    form.fill(given)
    return guided.save(
        form,
        lambda: with_new_lkk(
            db, values["kelurahan"], pending, lambda: write(to_input(), values["problems"])
        ),
    )


def with_new_lkk(
    db: Db, kel: Region, pending: list[tuple[str, str]], write: Callable[[], Any]
) -> Any:
    """`write` the record with the new LKK it names, made in the same transaction: a
    refused record leaves no LKK behind."""
    if not pending:
        return write()
    from faskel_cli.core import lkk
    from faskel_cli.core.store import transaction

    with transaction(db):
        for kind, name in pending:
            lkk.add(db, kel.kode, kind, name)
        return write()


def _date_check(answer: str) -> date:
    return answers.visit_date(answer)


def _count_check(option: str) -> Callable[[str], int]:
    return lambda answer: answers.count(answer, option)


def _count_question(label: str, option: str) -> Callable[[], int]:
    return lambda: ask(label, _count_check(option), default="0")


def _ask_due(db: Db, day: date) -> str:
    """A follow-up's due date; by default the problem date + the `followup_days` setting."""
    label = t("prompt.entry.due")
    return str(ask(label, lambda a: answers.due(db, a, day), answers.due(db, None, day)))


def _show_lkk(names: list[str] | None, pending: list[tuple[str, str]]) -> str:
    if not names:
        return "-"
    new = {name for _, name in pending}
    return ", ".join(f"{n} ({t('label.entry.new')})" if n in new else n for n in names)
