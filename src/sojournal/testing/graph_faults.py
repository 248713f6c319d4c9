"""Fault settings for the Graph API emulator, and their ``--faults`` spelling.

>>> parse_graph_faults("transient=0.3,lost=0.1,ratelimit=0.05,latency=0.01,seed=7")
GraphFaults(transient=0.3, lost_response=0.1, rate_limit=0.05, latency=0.01, seed=7)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sojournal.errors import ConfigError

__all__ = ["GraphFaults", "parse_graph_faults"]


@dataclass(frozen=True)
class GraphFaults:
    """How often things go wrong: probabilities per request, ``latency`` in seconds per request.

    >>> GraphFaults(transient=1.5)
    Traceback (most recent call last):
    ...
    sojournal.errors.ConfigError: graph faults: transient must be between 0 and 1, got 1.5
    """

    transient: float = 0.0
    lost_response: float = 0.0
    rate_limit: float = 0.0
    latency: float = 0.0
    seed: int | None = None

    def __post_init__(self) -> None:
        for name in ("transient", "lost_response", "rate_limit"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"graph faults: {name} must be between 0 and 1, got {value}")
        if self.transient + self.rate_limit > 1.0:
            raise ConfigError("graph faults: transient + ratelimit must not exceed 1")
        if self.latency < 0:
            raise ConfigError(f"graph faults: latency must be >= 0 seconds, got {self.latency}")


_KEYS = {
    "transient": "transient",
    "lost": "lost_response",
    "lost_response": "lost_response",
    "ratelimit": "rate_limit",
    "rate_limit": "rate_limit",
    "latency": "latency",
    "seed": "seed",
}
_KNOWN = "latency, lost, ratelimit, seed, transient"


def parse_graph_faults(spec: str) -> GraphFaults:
    """``"transient=0.3,lost=0.1,ratelimit=0.05,latency=0.01,seed=1"`` → ``GraphFaults``.

    Errors say which key and what was wrong, for the command line:

    >>> parse_graph_faults("")
    GraphFaults(transient=0.0, lost_response=0.0, rate_limit=0.0, latency=0.0, seed=None)
    >>> parse_graph_faults("lost=2")
    Traceback (most recent call last):
    ...
    sojournal.errors.ConfigError: graph faults: lost_response must be between 0 and 1, got 2.0
    >>> parse_graph_faults("flaky=1")
    Traceback (most recent call last):
    ...
    sojournal.errors.ConfigError: graph faults: unknown key 'flaky' (known: latency, lost, ...)
    >>> parse_graph_faults("transient=lots")
    Traceback (most recent call last):
    ...
    sojournal.errors.ConfigError: graph faults: transient must be a number, got 'lots'
    """
    values: dict[str, Any] = {}
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        key, sep, raw = (piece.strip() for piece in item.partition("="))
        if not sep or not raw:
            raise ConfigError(f"graph faults: expected key=value, got {item!r}")
        name = _KEYS.get(key.lower())
        if name is None:
            raise ConfigError(f"graph faults: unknown key {key!r} (known: {_KNOWN})")
        if name in values:
            raise ConfigError(f"graph faults: {key!r} given twice")
        try:
            values[name] = int(raw) if name == "seed" else float(raw)
        except ValueError:
            kind = "an integer" if name == "seed" else "a number"
            raise ConfigError(f"graph faults: {key} must be {kind}, got {raw!r}") from None
    return GraphFaults(**values)
