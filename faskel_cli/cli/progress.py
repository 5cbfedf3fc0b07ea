"""Progress of a long import of many bundles, on stderr: shown only on a terminal and only
once the run has lasted AFTER_S (a quick import, a pipe, a cron log stay as they were).
One line, rewritten in place with `\\r`, cleared at the end."""

from __future__ import annotations

import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO

from faskel_cli.messages import safe, t

if TYPE_CHECKING:
    from pathlib import Path

AFTER_S = 2.0


def after_seconds() -> float:
    """AFTER_S, or FASKEL_PROGRESS_AFTER (seconds) where it is set to a number: the tests
    see the line on a real terminal without an import that takes two seconds."""
    import math
    import os

    try:
        given = float(os.environ["FASKEL_PROGRESS_AFTER"])
    except (KeyError, ValueError):
        return AFTER_S
    return max(given, 0.0) if math.isfinite(given) else AFTER_S


def should_show(is_terminal: bool, elapsed: float, after: float = AFTER_S) -> bool:
    """Whether progress is shown: on a terminal, once the run has lasted `after` seconds."""
    return is_terminal and elapsed >= after


class Progress:
    """`step(done, total, file)` before each bundle; `close()` at the end. A timer shows the
    current step when a single bundle keeps the run past `after` seconds."""

    def __init__(self, stream: TextIO | None = None, *, after: float | None = None) -> None:
        self.stream = stream or sys.stderr
        self.after = after_seconds() if after is None else after
        self.started = time.monotonic()
        self.line = ""
        self.shown = False
        self.lock = threading.Lock()
        try:
            self.terminal = self.stream.isatty()
        except (AttributeError, ValueError):
            self.terminal = False
        self.timer: threading.Timer | None = None
        if self.terminal:
            self.timer = threading.Timer(self.after, self._show)
            self.timer.daemon = True
            self.timer.start()

    def step(self, done: int, total: int, file: str) -> None:
        with self.lock:
            self.line = t("msg.bundle_import_progress", done=done, total=total, file=safe(file))
        if should_show(self.terminal, time.monotonic() - self.started, self.after):
            self._show()

    def on_start(self, done: int, total: int, path: Path) -> None:
        """The hook of core.bundle.import_many."""
        self.step(done, total, path.name)

    def _show(self) -> None:
        with self.lock:
            if not self.line:
                return
            import shutil

            width = shutil.get_terminal_size((80, 24)).columns - 1
            self.stream.write("\r\x1b[2K" + self.line[:width])
            self.stream.flush()
            self.shown = True

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        with self.lock:
            if self.shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
            self.line = ""
