"""The one retry policy: transient faults only, exponential backoff with jitter, a deadline.

Built from composable tenacity parts so adapters share it instead of each
writing a loop. ``sleep`` and ``clock`` are injected so tests are exact and
never wait.

>>> calls = []
>>> def flaky() -> str:
...     calls.append(1)
...     if len(calls) < 3:
...         raise TransientError("try again")
...     return "ok"
>>> slept: list[float] = []
>>> retrying = build_retrying(RetrySettings(), sleep=slept.append)
>>> retrying(flaky), len(calls), len(slept)
('ok', 3, 2)
"""

from __future__ import annotations

import time
from collections.abc import Callable

import tenacity
from pydantic import BaseModel, ConfigDict, Field

from sojournal.errors import RateLimitError, TransientError

__all__ = ["RetrySettings", "build_retrying"]


class RetrySettings(BaseModel):
    """How hard to try before leaving a post for the next run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_attempts: int = Field(default=6, ge=1)
    initial_wait: float = Field(default=0.5, ge=0)
    max_wait: float = Field(default=30.0, ge=0)
    jitter: float = Field(default=1.0, ge=0)
    deadline: float = Field(default=120.0, gt=0)


class _WaitHonouringRetryAfter(tenacity.wait.wait_base):
    """Wait as long as the other side asked (rate limits), otherwise back off with jitter."""

    def __init__(self, fallback: tenacity.wait.wait_base, cap: float) -> None:
        self._fallback, self._cap = fallback, cap

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        outcome = retry_state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, RateLimitError) and error.retry_after is not None:
            return float(min(max(error.retry_after, 0.0), self._cap))
        return float(self._fallback(retry_state))


def build_retrying(
    settings: RetrySettings,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> tenacity.Retrying:
    """A ``tenacity.Retrying`` that retries ``TransientError`` and re-raises the last error.

    Anything that is not a ``TransientError`` (a rejection, a bug) goes straight through.
    """
    backoff = tenacity.wait_exponential_jitter(
        multiplier=settings.initial_wait, max=settings.max_wait, jitter=settings.jitter
    )
    stop = tenacity.stop_after_attempt(settings.max_attempts) | _StopAtDeadline(
        settings.deadline, clock
    )
    return tenacity.Retrying(
        retry=tenacity.retry_if_exception_type(TransientError),
        wait=_WaitHonouringRetryAfter(backoff, settings.max_wait),
        stop=stop,
        sleep=sleep,
        reraise=True,
    )


class _StopAtDeadline(tenacity.stop.stop_base):
    """Stop once the deadline has passed since the first attempt, on an injected clock."""

    def __init__(self, deadline: float, clock: Callable[[], float]) -> None:
        self._deadline, self._clock = deadline, clock
        self._started: float | None = None

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        now = self._clock()
        if self._started is None or retry_state.attempt_number <= 1:
            self._started = now
        return now - self._started >= self._deadline
