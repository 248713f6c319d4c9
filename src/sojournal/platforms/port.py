"""Ports for acting on a social-media platform and for escalating to people."""

from __future__ import annotations

from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict

from sojournal.models import Post

__all__ = ["Escalation", "EscalationKind", "Notifier", "Platform"]


class Platform(Protocol):
    """Acts on the platform. Every call is safe to repeat after an ambiguous failure:
    a delete or hide of an object that is already gone counts as done.

    Raise ``TransientError``/``RateLimitError`` to retry later, ``AuthError`` to stop
    the run, ``PermanentError`` for a refusal of this one action.
    """

    def exists(self, post: Post) -> bool: ...

    def delete(self, post: Post) -> None: ...

    def hide(self, post: Post) -> None: ...

    def reply_public(self, post: Post, message: str) -> str: ...

    def reply_private(self, post: Post, message: str) -> str: ...

    def block(self, post: Post) -> None: ...


EscalationKind = Literal["trolling", "shitstorm", "critical"]


class Escalation(BaseModel):
    """What a person at Center for Politik og Organisation needs: ids and rule ids, no text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: EscalationKind
    post_id: str
    thread_id: str | None = None
    rules: tuple[str, ...] = ()


class Notifier(Protocol):
    """Sends an escalation to the configured recipient (e-mail, file, log)."""

    def escalate(self, escalation: Escalation) -> None: ...
