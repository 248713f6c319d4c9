"""Personal-data detection and redaction.

``scan(text)`` returns every span of personal data found, sorted by start;
``redact(text, spans)`` masks them for anything written outside the case system.
"""

from __future__ import annotations

from sojournal.models import PiiSpan

__all__ = ["redact", "scan"]


def scan(text: str) -> tuple[PiiSpan, ...]:
    """Placeholder until the detectors land: finds nothing."""
    return ()


def redact(text: str, spans: tuple[PiiSpan, ...] | None = None) -> str:
    """Placeholder until the detectors land: masks every digit."""
    return "".join("#" if ch.isdigit() else ch for ch in text)
