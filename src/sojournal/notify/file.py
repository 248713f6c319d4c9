"""Escalations appended to a JSON-lines file: for setups without e-mail, and for tests.

One line per escalation with the time (UTC) and the ids; an operator's
script or a monitoring agent can tail it. No post text, as everywhere.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sojournal.errors import TransientError
from sojournal.platforms.port import Escalation

__all__ = ["FileNotifier", "read_escalations"]


def _utcnow() -> datetime:
    return datetime.now(UTC)


class FileNotifier:
    """A ``Notifier`` writing ``{"time", "kind", "post_id", "thread_id", "rules"}`` lines."""

    def __init__(self, path: str | Path, clock: Callable[[], datetime] = _utcnow) -> None:
        self._path = Path(path)
        self._clock = clock
        self._lock = threading.Lock()

    def escalate(self, escalation: Escalation) -> None:
        line = json.dumps(
            {"time": self._clock().astimezone(UTC).isoformat(), **escalation.model_dump()},
            ensure_ascii=False,
        )
        try:
            # One short write per line in append mode: on local file systems lines from
            # two processes do not interleave.
            with self._lock, self._path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
        except OSError as exc:
            raise TransientError(f"escalation file {self._path}: {exc.strerror}") from exc


def read_escalations(path: str | Path) -> list[Escalation]:
    """The escalations written so far, e.g. for ``sojournal`` reports and tests."""
    with Path(path).open(encoding="utf-8") as fh:
        return [
            Escalation.model_validate({k: v for k, v in json.loads(line).items() if k != "time"})
            for line in fh
            if line.strip()
        ]
