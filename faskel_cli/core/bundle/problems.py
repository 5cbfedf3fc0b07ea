"""What a refused bundle says: each record it cannot bring in, and why."""

from __future__ import annotations

from dataclasses import dataclass

from faskel_cli.core.bundle.wire import MAX_SHOWN
from faskel_cli.core.errors import ConflictError


@dataclass(frozen=True)
class Problem:
    """A record the bundle cannot bring in: what (missing, kelurahan, unique), where, why."""

    what: str
    kind: str
    record_id: str
    column: str
    value: str
    other: str = ""

    def text(self) -> str:
        from faskel_cli.messages import t

        return t(
            f"bundle.problem.{self.what}",
            kind=t(f"bundle.kind.{self.kind}"),
            id=self.record_id,
            column=self.column,
            value=self.value,
            other=self.other,
        )


class BundleRefused(ConflictError):
    """The bundle holds records this database cannot take; nothing was written."""

    def __init__(self, path: str, problems: list[Problem], total: int) -> None:
        super().__init__("err.bundle_refused", file=path, n=total)
        self.problems = problems
        self.total = total

    @property
    def only_missing(self) -> bool:
        """Every problem is a reference to a record that may still arrive in another bundle."""
        return all(p.what == "missing" for p in self.problems)

    def message(self) -> str:
        from faskel_cli.messages import t

        shown = "; ".join(p.text() for p in self.problems[:MAX_SHOWN])
        more = self.total - min(len(self.problems), MAX_SHOWN)
        if more > 0:
            shown += " " + t("bundle.more", n=more)
        return t(self.key, **self.params, details=shown)
