"""Importing several bundles at once, in any order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from faskel_cli.core.bundle.merge import ImportResult, import_bundle
from faskel_cli.core.bundle.problems import BundleRefused
from faskel_cli.core.errors import FaskelError

if TYPE_CHECKING:
    from faskel_cli.core.store import Db


@dataclass
class Outcome:
    path: Path
    result: ImportResult | None = None
    error: FaskelError | None = None


def import_many(
    db: Db,
    paths: list[Path],
    *,
    dry_run: bool = False,
    on_commit: Callable[[Path, dict], None] | None = None,
    on_start: Callable[[int, int, Path], None] | None = None,
) -> list[Outcome]:
    """Imports bundles in any order: one refused only for records that another of them
    brings is tried again after the others, until a round makes no progress.
    `on_start(done, total, path)` runs before each attempt (the edge shows progress)."""
    outcomes = [Outcome(Path(p)) for p in paths]
    pending = list(outcomes)
    while pending:
        waiting = []
        for outcome in pending:
            commit = None
            if on_start:
                on_start(sum(o.result is not None for o in outcomes), len(outcomes), outcome.path)
            if on_commit:

                def commit(manifest: dict, path: Path = outcome.path) -> None:
                    on_commit(path, manifest)

            try:
                outcome.result = import_bundle(db, outcome.path, dry_run=dry_run, on_commit=commit)
                outcome.error = None
            except BundleRefused as exc:
                outcome.error = exc
                if exc.only_missing and not dry_run:
                    waiting.append(outcome)
            except FaskelError as exc:
                outcome.error = exc
        if len(waiting) == len(pending):
            break
        pending = waiting
    return outcomes
