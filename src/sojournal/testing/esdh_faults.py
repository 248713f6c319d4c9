"""Fault settings for the ESDH emulator, and their ``--faults`` spelling.

>>> parse_faults("transient=0.3,lost=0.1,latency=0.05,seed=7")
FaultSettings(transient=0.3, lost_response=0.1, latency=0.05, seed=7)
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from sojournal.errors import ConfigError

__all__ = ["FaultSettings", "parse_faults"]


class FaultSettings(BaseModel):
    """How often the emulator fails, per request: probabilities in [0, 1], latency in seconds."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    transient: float = Field(default=0.0, ge=0.0, le=1.0)
    lost_response: float = Field(default=0.0, ge=0.0, le=1.0)
    latency: float = Field(default=0.0, ge=0.0)
    seed: int | None = None


_FAULT_KEYS = {
    "transient": "transient",
    "lost": "lost_response",
    "lost_response": "lost_response",
    "latency": "latency",
    "seed": "seed",
}


def parse_faults(spec: str) -> FaultSettings:
    """``transient=0.3,lost=0.1,latency=0.05,seed=7`` as ``FaultSettings``; "" means none.

    >>> parse_faults("transient=0.3,lost=0.1")
    FaultSettings(transient=0.3, lost_response=0.1, latency=0.0, seed=None)
    >>> parse_faults("transient=3")
    Traceback (most recent call last):
    ...
    sojournal.errors.ConfigError: --faults: transient must be a number from 0 to 1, got '3'
    """
    values: dict[str, float | int] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, sep, raw = part.partition("=")
        name, raw = name.strip(), raw.strip()
        if not sep or name not in _FAULT_KEYS:
            raise ConfigError(
                f"--faults: expected NAME=VALUE with NAME one of transient, lost, latency, seed;"
                f" got {part!r}"
            )
        field = _FAULT_KEYS[name]
        try:
            values[field] = int(raw) if field == "seed" else float(raw)
        except ValueError:
            kind = "an integer" if field == "seed" else "a number"
            raise ConfigError(f"--faults: {name} must be {kind}, got {raw!r}") from None
        probability = field in ("transient", "lost_response")
        if probability and not 0.0 <= values[field] <= 1.0:
            raise ConfigError(f"--faults: {name} must be a number from 0 to 1, got {raw!r}")
        if field == "latency" and values[field] < 0:
            raise ConfigError(f"--faults: latency must be seconds >= 0, got {raw!r}")
    return FaultSettings.model_validate(values)
