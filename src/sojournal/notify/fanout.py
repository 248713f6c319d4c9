"""Send one escalation to several notifiers (e-mail *and* log, say)."""

from __future__ import annotations

from collections.abc import Sequence

from sojournal.platforms.port import Escalation, Notifier

__all__ = ["FanoutNotifier"]


class FanoutNotifier:
    """Tries every notifier, then re-raises the first failure.

    One broken channel must not silence the others; and the caller must still
    learn that something failed, so it can retry (a repeated e-mail beats a lost one).
    """

    def __init__(self, notifiers: Sequence[Notifier]) -> None:
        self._notifiers = tuple(notifiers)

    def escalate(self, escalation: Escalation) -> None:
        first: Exception | None = None
        for notifier in self._notifiers:
            try:
                notifier.escalate(escalation)
            except Exception as exc:
                first = first or exc
        if first is not None:
            raise first
