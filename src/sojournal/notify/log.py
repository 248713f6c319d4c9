"""Escalations as warnings in the application log: the fallback that needs no setup."""

from __future__ import annotations

import logging

from sojournal.platforms.port import Escalation

__all__ = ["LogNotifier"]


class LogNotifier:
    """A ``Notifier`` that logs one WARNING line per escalation, with ids only."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self._logger = logger or logging.getLogger("sojournal.escalation")

    def escalate(self, escalation: Escalation) -> None:
        self._logger.warning(
            "escalation kind=%s post_id=%s thread_id=%s rules=%s",
            escalation.kind,
            escalation.post_id,
            escalation.thread_id or "-",
            ",".join(escalation.rules) or "-",
        )
