"""Repair the mojibake in Facebook "Download Your Information" exports.

DYI writes each UTF-8 *byte* as its own ``\\u00XX`` escape, so "Kære" arrives
as ``"K\\u00c3\\u00a6re"`` and decodes to ``"KÃ¦re"``. Encoding back to
Latin-1 recovers the original bytes exactly; we keep the repair only when
those bytes are valid UTF-8, so text that was never broken (pure ASCII, or a
real Latin-1 "æ" on its own) is left as it is.

>>> repair("K\\u00c3\\u00a6re borger, \\u00c3\\u00b8nsker du hj\\u00c3\\u00a6lp?")
'Kære borger, ønsker du hjælp?'
>>> repair("Hilsen fra \\u00c3\\u0085rhus \\u00f0\\u009f\\u0098\\u008a")
'Hilsen fra Århus 😊'
>>> repair("Blåbær")  # already correct: not Latin-1-encodable bytes of UTF-8
'Blåbær'
"""

from __future__ import annotations

from typing import Any

__all__ = ["repair", "repair_all"]


def repair(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def repair_all(value: Any) -> Any:
    """``repair`` applied to every string in a decoded JSON value (keys included)."""
    if isinstance(value, str):
        return repair(value)
    if isinstance(value, list):
        return [repair_all(v) for v in value]
    if isinstance(value, dict):
        return {repair(k): repair_all(v) for k, v in value.items()}
    return value
