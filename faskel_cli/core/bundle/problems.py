"""What a refused bundle says: each record it cannot bring in, and why."""

from __future__ import annotations

from dataclasses import dataclass

from faskel_cli.core.bundle.wire import MAX_SHOWN
from faskel_cli.core.errors import ConflictError, Message


@dataclass(frozen=True)
class Problem:
    """A record the bundle cannot bring in: what (missing, kelurahan, unique, conflict,
    future), where, why. `key` overrides the message (bundle.problem.<what>); `extra` adds
    values to it."""

    what: str
    kind: str
    record_id: str
    column: str
    value: str
    other: str = ""
    key: str = ""
    extra: tuple[tuple[str, object], ...] = ()

    def message(self) -> Message:
        extra = dict(self.extra)
        key = self.key or f"bundle.problem.{self.what}"
        if self.what == "kelurahan" and not self.key:
            from faskel_cli.core.areas import place_of

            place = place_of(self.value)
            if place:  # a real village of another area: say which
                key, extra["place"] = "bundle.problem.kelurahan_area", place
        return Message.of(
            key,
            kind=Message.of(f"bundle.kind.{self.kind}"),
            id=self.record_id,
            column=self.column,
            value=self.value,
            other=self.other,
            **extra,
        )


class BundleRefused(ConflictError):
    """The bundle holds records this database cannot take; nothing was written."""

    def __init__(self, path: str, problems: list[Problem], total: int) -> None:
        shown = min(len(problems), MAX_SHOWN)
        more = Message.of("bundle.more", n=total - shown) if total > shown else ""
        super().__init__(
            "err.bundle_refused",
            file=path,
            n=total,
            details=tuple(p.message() for p in problems[:MAX_SHOWN]),
            more=more,
        )
        self.problems = problems
        self.total = total

    @property
    def only_missing(self) -> bool:
        """Every problem is a reference to a record that may still arrive in another bundle."""
        return all(p.what == "missing" for p in self.problems)
