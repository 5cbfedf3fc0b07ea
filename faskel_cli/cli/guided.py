"""Guided entry on a terminal: the questions `visit add`, `activity add`, `followup add`
and `lkk add` ask for what was not given (cli/guided_visit.py, cli/guided_records.py).

Each answer is checked when it is given, by the calls the command makes on the same value
(core/answers.py); a wrong one is asked again with the reason, the answers before it kept.
A numbered list takes a number, a name or a near spelling. Defaults come from the
facilitator's own recent work (core/recent.py) and are shown in brackets, never applied
unseen. Before anything is written the whole record is shown once: saved, corrected (a
field's number is asked again) or dropped. Ctrl-C or Ctrl-D at any question raises Abort
(click's prompt does): nothing was written, and cli/app.py exits 130 with one line.

The parsing of an answer (`pick_number`, `near`, `parse_many`, `confirm_answer`) is plain
functions, tested in-process; the questions go through typer.prompt."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import typer

from faskel_cli.core.errors import FaskelError, InputError, NotFoundError
from faskel_cli.messages import t, text

# What "nothing more" / "add a new one" may be typed as, in either language.
NEW = ("+", "baru", "new")
YES = ("", "y", "ya", "yes")
NO = ("n", "no", "t", "tidak", "batal")
CHANGE = ("u", "ubah", "e", "edit", "c", "change")


def say(line: str = "") -> None:
    typer.echo(line)


def refused(exc: FaskelError) -> None:
    """The reason an answer was refused, under the question."""
    say(f"  ! {text(exc)}")


def prompt(label: str, default: str | None = None) -> str:
    """One answer; `default` shown as [default] and given back for an empty answer. An empty
    answer without a default comes back empty (the check says whether that will do)."""
    answer: str = typer.prompt(label, default=default or "", show_default=bool(default))
    return answer


def ask(label: str, check: Callable[[str], Any], default: str | None = None) -> Any:
    """Ask until `check` takes the answer; return what it made of it."""
    while True:
        try:
            return check(prompt(label, default))
        except FaskelError as exc:
            refused(exc)


def typed(
    key: str,
    label: str,
    check: Callable[[str], Any],
    *,
    prompt: str | None = None,
    default: Callable[[], str] | str | None = None,
    show: Callable[[Any], str] = str,
) -> Question:
    """A question answered by typing: asked (as `prompt`, else `label`) until `check` takes
    the answer, which is also how a value given as an option is checked. A `default` that
    is a function is read when the question is asked (today's date)."""

    def asked() -> Any:
        value = default() if callable(default) else default
        return ask(prompt or label, check, value)

    return Question(key, label, asked, check=check, show=show)


# --- numbered choices ----------------------------------------------------------------------


def meanings(key: str) -> dict[str, str]:
    """Each value of a vocabulary with its meaning in a few words, as the catalogue's
    `help.choices.*` entry gives them: `value (meaning), value (meaning), ...`."""
    return dict(re.findall(r"([\w-]+) \(([^)]*)\)", t(key)))


def show_numbered(items: Sequence[str]) -> None:
    width = len(str(len(items)))
    for number, item in enumerate(items, 1):
        say(f"  {number:>{width}}. {item}")


def pick_number(answer: str, count: int) -> int | None:
    """The index (from 0) of a numbered item typed as its number; None when the answer is
    not a number; an InputError for a number that is not on the list."""
    raw = answer.strip()
    if not (raw.isascii() and raw.isdigit()):
        return None
    number = int(raw)
    if not 1 <= number <= count:
        raise InputError("err.entry_number", value=raw, max=count)
    return number - 1


def near(answer: str, names: Sequence[str], cutoff: float = 0.75) -> str | None:
    """The one name `answer` is a near spelling of (any case, spaces and hyphens aside),
    or None when none is near enough or two are equally near."""

    def key(value: str) -> str:
        return re.sub(r"[\s\-_.'/]+", "", value.lower())

    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(key(name), name)
    wanted = key(answer)
    if not wanted:
        return None
    scored = sorted(
        ((difflib.SequenceMatcher(None, wanted, k).ratio(), k) for k in by_key), reverse=True
    )
    if not scored or scored[0][0] < cutoff:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return by_key[scored[0][1]]


def resolve_choice(
    answer: str,
    listed: Sequence[str],
    check: Callable[[str], Any],
    names: Sequence[str] = (),
) -> Any:
    """A numbered choice: what `check` makes of the `listed` value at its number, else of
    the answer, else of the name in `names` it is a near spelling of (told), else
    `check`'s refusal."""
    index = pick_number(answer, len(listed))
    if index is not None:
        return check(listed[index])
    try:
        return check(answer)
    except FaskelError:
        close = near(answer, names)
        if close is None or close == answer.strip():
            raise
        found = check(close)
        say(f"  = {close}")
        return found


def choose(
    label: str,
    items: Sequence[str],
    listed: Sequence[str],
    check: Callable[[str], Any],
    *,
    names: Sequence[str] = (),
    default: str | None = None,
    hint: str | None = None,
) -> Any:
    """Show `items` numbered and ask for one: a number (the value `listed` at it), a name,
    a near spelling of one of `names`."""
    show_numbered(items)
    if hint:
        say(f"  ({hint})")
    return ask(label, lambda answer: resolve_choice(answer, listed, check, names), default)


def choose_vocabulary(
    label: str, vocabulary: Sequence[str], meanings_key: str, check: Callable[[str], str], *,
    default: str | None = None,
) -> str:  # fmt: skip
    """One value of a fixed vocabulary, numbered, each with its meaning."""
    meaning = meanings(meanings_key)
    items = [f"{v} ({meaning[v]})" if v in meaning else v for v in vocabulary]
    return str(choose(label, items, list(vocabulary), check, names=vocabulary, default=default))


def chosen(
    key: str,
    label: str,
    vocabulary: Sequence[str],
    meanings_key: str,
    check: Callable[[str], str],
    *,
    default: Callable[[], str | None] | str | None = None,
) -> Question:
    """A question answered from a fixed vocabulary, numbered with the meanings (the
    counterpart of `typed`); `check` also checks a value given as an option. A `default`
    that is a function is read when the question is asked (the last visit's kind)."""

    def asked() -> str:
        value = default() if callable(default) else default
        return choose_vocabulary(label, vocabulary, meanings_key, check, default=value)

    return Question(key, label, asked, check=check)


def parse_many(answer: str, count: int) -> list[int | str]:
    """Several numbered items: `1,3` (or `1 3`), empty for none. Each part is an index
    (from 0), the word for a new one (NEW, as "+"), or a name to look up."""
    parts = [p.strip() for p in re.split(r"[,;]", answer) if p.strip()]
    if len(parts) == 1 and " " in parts[0]:
        words = parts[0].split()
        if all((w.isascii() and w.isdigit()) or w.lower() in NEW for w in words):
            parts = words  # `1 3` as `1,3`
    chosen: list[int | str] = []
    for part in parts:
        index = pick_number(part, count)
        item: int | str = index if index is not None else part
        if isinstance(item, str) and item.lower() in NEW:
            item = NEW[0]
        if item not in chosen:
            chosen.append(item)
    return chosen


# --- the form: its questions, then the confirmation ------------------------------------------


@dataclass
class Question:
    """One field of a form: `ask` asks it (and returns the value), `check` takes a value
    given as an option (a refused one is asked); `show` writes the value in the summary;
    `then`: the fields asked again when this one is answered again (an LKK belongs to
    the kelurahan)."""

    key: str
    label: str
    ask: Callable[[], Any]
    check: Callable[[Any], Any] | None = None
    show: Callable[[Any], str] = str
    then: tuple[str, ...] = ()


@dataclass
class Form:
    title: str
    questions: list[Question] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def add(self, question: Question) -> None:
        self.questions.append(question)

    def fill(self, given: dict[str, Any]) -> None:
        """Ask each question in turn; a value given as an option is checked, not asked."""
        for question in self.questions:
            raw = given.get(question.key)
            if raw is not None and question.check is not None:
                try:
                    self.values[question.key] = question.check(raw)
                    continue
                except FaskelError as exc:
                    say(f"{question.label}:")
                    refused(exc)
            elif question.key in self.values:
                continue
            self.values[question.key] = question.ask()

    def summary(self) -> None:
        say()
        say(self.title)
        rows = [(q.label, q.show(self.values.get(q.key))) for q in self.questions]
        width = max(len(label) for label, _ in rows)
        show_numbered([f"{label:<{width}}  {value}" for label, value in rows])

    def reask(self, index: int) -> None:
        question = self.questions[index]
        self.values[question.key] = question.ask()
        for key in question.then:
            for other in self.questions:
                if other.key == key:
                    self.values[key] = other.ask()

    def confirm(self) -> None:
        """Show the whole record; return to save it, ask a field again, or Abort."""
        while True:
            self.summary()
            answer = prompt(t("prompt.entry.save"))
            try:
                choice = confirm_answer(answer, len(self.questions))
            except InputError as exc:
                refused(exc)
                continue
            if choice == "save":
                return
            if choice == "drop":
                raise typer.Abort()
            if choice == "change":
                choice = ask(
                    t("prompt.entry.which", max=len(self.questions)),
                    lambda a: _field_number(a, len(self.questions)),
                )
            assert isinstance(choice, int)
            self.reask(choice)

    def run(self, given: dict[str, Any]) -> dict[str, Any]:
        self.fill(given)
        self.confirm()
        return self.values


def _field_number(answer: str, count: int) -> int:
    index = pick_number(answer, count)
    if index is None:
        raise InputError("err.entry_number", value=answer.strip(), max=count)
    return index


def confirm_answer(answer: str, count: int) -> str | int:
    """What `Simpan? [Y/n/ubah]` was answered: "save", "drop", "change" (which field is
    asked next) or the index of the field to answer again, typed as its number."""
    raw = answer.strip().lower()
    if raw in YES:
        return "save"
    if raw in NO:
        return "drop"
    if raw in CHANGE:
        return "change"
    index = pick_number(raw, count)
    if index is None:
        raise InputError("err.entry_confirm", value=answer.strip(), max=count)
    return index


def yes(label: str) -> bool:
    """A yes/no question, no by default."""
    return bool(typer.confirm(label, default=False))


def save(form: Form, write: Callable[[], Any]) -> Any:
    """Confirm the form and `write` it; a refusal of the whole record (a rule between its
    fields, such as a due date before a corrected visit date) is told and the record shown
    again to correct, nothing written."""
    while True:
        form.confirm()
        try:
            return write()
        except (InputError, NotFoundError) as exc:
            refused(exc)


def optional(check: Callable[[str], Any]) -> Callable[[str], Any]:
    """`check` for an answer that may be left empty (None)."""
    return lambda answer: check(answer) if answer.strip() else None


def dash(value: object) -> str:
    """A value in the summary: `-` for none."""
    if value is None or value == "" or value == []:
        return "-"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
