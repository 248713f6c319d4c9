"""The ledger port: where every post's progress is recorded, so nothing is lost or done twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from sojournal.models import Decision, Post, Receipt

__all__ = ["ALLOWED", "TERMINAL", "Ledger", "LedgerEntry", "State", "Transition"]


class State(StrEnum):
    """Where a post version is on its way; see DESIGN.md "Exactly-once, step by step"."""

    RECEIVED = "received"
    DECIDED = "decided"
    REVIEW = "review"
    SUBMITTING = "submitting"
    SUBMITTED = "submitted"
    REPLYING = "replying"
    REPLIED = "replied"
    SCRUBBING = "scrubbing"
    SCRUBBED = "scrubbed"
    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"


#: The only moves the ledger accepts. Anything else is a bug and raises.
ALLOWED: dict[State, frozenset[State]] = {
    State.RECEIVED: frozenset({State.DECIDED}),
    State.DECIDED: frozenset(
        {State.REVIEW, State.SUBMITTING, State.REPLYING, State.SCRUBBING, State.DONE, State.SKIPPED}
    ),
    State.REVIEW: frozenset({State.DECIDED}),
    State.SUBMITTING: frozenset({State.SUBMITTED, State.FAILED}),
    State.SUBMITTED: frozenset({State.REPLYING, State.SCRUBBING, State.DONE}),
    # The reply goes before the removal: Meta's private reply to a comment needs the
    # comment to exist, and the citizen should hear why before the post disappears.
    State.REPLYING: frozenset({State.REPLIED, State.FAILED}),
    State.REPLIED: frozenset({State.SCRUBBING, State.DONE}),
    State.SCRUBBING: frozenset({State.SCRUBBED, State.FAILED}),
    State.SCRUBBED: frozenset({State.DONE}),
    State.FAILED: frozenset({State.DECIDED}),
    State.DONE: frozenset(),
    State.SKIPPED: frozenset(),
}

#: States a run does not pick up again by itself.
TERMINAL: frozenset[State] = frozenset({State.DONE, State.SKIPPED, State.FAILED, State.REVIEW})


class LedgerEntry(BaseModel):
    """One post version as the ledger knows it. ``post`` is None once purged."""

    model_config = ConfigDict(frozen=True)

    idempotency_key: str
    post_id: str
    channel: str
    thread_id: str | None
    state: State
    text_hash: str
    post: Post | None
    decision: Decision | None
    receipt: Receipt | None
    attempts: int
    last_error: str | None
    escalated: bool
    source: str | None
    updated_at: datetime


class Transition(BaseModel):
    """One recorded move, with when and why (an error code or who decided, never post text)."""

    model_config = ConfigDict(frozen=True)

    idempotency_key: str
    from_state: State | None
    to_state: State
    at: datetime
    note: str | None


class Ledger(Protocol):
    """Crash-safe record of every post's progress; the pipeline's only memory."""

    def record_received(self, post: Post, *, source: str | None = None) -> LedgerEntry: ...

    def get(self, idempotency_key: str) -> LedgerEntry | None: ...

    def claim(self, idempotency_key: str, owner: str, lease_seconds: float) -> bool: ...

    def release(self, idempotency_key: str, owner: str) -> None: ...

    def advance(
        self,
        idempotency_key: str,
        to: State,
        *,
        decision: Decision | None = None,
        receipt: Receipt | None = None,
        note: str | None = None,
    ) -> LedgerEntry: ...

    def note_error(self, idempotency_key: str, error: str) -> LedgerEntry: ...

    def mark_escalated(self, idempotency_key: str) -> None: ...

    def pending(self) -> Iterator[LedgerEntry]: ...

    def in_state(self, *states: State) -> Iterator[LedgerEntry]: ...

    def thread_receipt(self, thread_id: str) -> Receipt | None: ...

    def same_post_elsewhere(self, post: Post) -> LedgerEntry | None: ...

    def transitions(self, idempotency_key: str) -> list[Transition]: ...

    def purge(self, idempotency_key: str) -> None: ...

    def purge_older_than(self, states: tuple[State, ...], before: datetime) -> int: ...

    def counts(self) -> dict[str, int]: ...

    def close(self) -> None: ...
