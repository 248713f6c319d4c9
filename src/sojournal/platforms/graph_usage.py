"""Meta's rate-limit usage headers, and slowing down before Meta makes us stop.

Every Graph API answer may carry how much of the budget is used, in percent:
``X-App-Usage`` and ``X-Page-Usage`` (``{"call_count", "total_time",
"total_cputime"}``, sometimes ``estimated_time_to_regain_access``) and
``X-Business-Use-Case-Usage`` (``{"<id>": [{"type", "call_count", ...,
"estimated_time_to_regain_access"}]}``, the estimate in *minutes*).

Hitting 100 % costs minutes to hours of lockout, so the adapter reads these on
every answer and, above ``slow_down_at`` percent, pauses before its next call:
the pause grows linearly from a tenth of ``max_pause`` at the threshold to all
of it at 100 %.

>>> usage = read_usage({"X-App-Usage": '{"call_count": 95, "total_time": 20}'})
>>> usage.percent, usage.regain_seconds
(95.0, None)
>>> slept: list[float] = []
>>> throttle = Throttle(slow_down_at=90, max_pause=10, sleep=slept.append)
>>> throttle.observe(usage); throttle.wait(); throttle.wait()
>>> slept
[5.0]
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["USAGE_HEADERS", "Throttle", "Usage", "read_usage"]

log = logging.getLogger(__name__)

USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-ad-account-usage", "x-business-use-case-usage")
_PERCENT_FIELDS = ("call_count", "total_time", "total_cputime")


@dataclass(frozen=True)
class Usage:
    """The highest budget use Meta reported, and its estimate of when access returns."""

    percent: float
    regain_seconds: float | None = None


def read_usage(headers: Mapping[str, str]) -> Usage | None:
    """The usage in an answer's headers, or None when Meta sent none (not the same as 0 %).

    >>> buc = '{"123": [{"call_count": 100, "estimated_time_to_regain_access": 2}]}'
    >>> read_usage({"x-business-use-case-usage": buc})
    Usage(percent=100.0, regain_seconds=120.0)
    >>> read_usage({"X-App-Usage": "not json"}) is None
    True
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    entries: list[Mapping[str, Any]] = []
    for name in USAGE_HEADERS:
        raw = lowered.get(name)
        if raw is None:
            continue
        try:
            value = json.loads(raw)
        except ValueError:
            log.debug("ignoring unreadable usage header %s", name)
            continue
        entries.extend(_usage_entries(value))
    if not entries:
        return None
    percent = max((_number(e.get(f)) for e in entries for f in _PERCENT_FIELDS), default=0.0)
    minutes = max((_number(e.get("estimated_time_to_regain_access")) for e in entries), default=0)
    return Usage(percent=percent, regain_seconds=minutes * 60.0 if minutes > 0 else None)


def _usage_entries(value: Any) -> Iterable[Mapping[str, Any]]:
    # App/page usage is one object; business-use-case usage maps ids to lists of objects.
    if not isinstance(value, Mapping):
        return []
    if any(field in value for field in _PERCENT_FIELDS):
        return [value]
    found: list[Mapping[str, Any]] = []
    for item in value.values():
        items = item if isinstance(item, list) else [item]
        found.extend(entry for entry in items if isinstance(entry, Mapping))
    return found


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


class Throttle:
    """Remembers the last usage seen and pauses before the next call when it is high."""

    def __init__(
        self, *, slow_down_at: float, max_pause: float, sleep: Callable[[float], None]
    ) -> None:
        self._slow_down_at, self._max_pause, self._sleep = slow_down_at, max_pause, sleep
        self._pause = 0.0
        self._lock = threading.Lock()

    def pause_for(self, usage: Usage) -> float:
        """How long to pause for this usage.

        >>> t = Throttle(slow_down_at=90, max_pause=10, sleep=lambda s: None)
        >>> [t.pause_for(Usage(p)) for p in (50, 90, 95, 100, 130)]
        [0.0, 1.0, 5.0, 10.0, 10.0]
        """
        if usage.percent < self._slow_down_at:
            return 0.0
        span = max(100.0 - self._slow_down_at, 1e-9)
        fraction = min(max((usage.percent - self._slow_down_at) / span, 0.1), 1.0)
        return round(self._max_pause * fraction, 3)

    def observe(self, usage: Usage | None) -> None:
        if usage is None:
            return
        pause = self.pause_for(usage)
        with self._lock:
            self._pause = pause
        if pause:
            log.info(
                "graph usage at %.0f%%: pausing %.1fs before the next call", usage.percent, pause
            )

    def clear(self) -> None:
        with self._lock:
            self._pause = 0.0

    def wait(self) -> None:
        with self._lock:
            pause, self._pause = self._pause, 0.0
        if pause > 0:
            self._sleep(pause)
