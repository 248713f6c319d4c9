"""Spans the detectors build themselves, without pydantic's validation.

A post's spans are made from regex positions and the detectors' own constant
kinds, scores and explanations: validating each again cost about as much as
finding it (some 2 us a span, and a post has several). ``span`` fills in what
validation would, and falls back to validation should ``PiiSpan`` ever grow a
field, a validator or a private attribute (tests prove both give equal spans).
"""

from __future__ import annotations

from typing import Final, get_args

from sojournal.models import PiiKind, PiiSpan

__all__ = ["span"]

# Final: compiled (mypyc), each is a native static, not a look-up in the module's
# dict (some 1.4k instructions a span went to those look-ups).
_FIELDS: Final = ("kind", "start", "end", "score", "explanation")
_FIELDS_SET: Final = frozenset(_FIELDS)
_KINDS: Final = frozenset(get_args(PiiKind))
_new: Final = object.__new__
_set: Final = object.__setattr__
_MODEL: Final = PiiSpan
# Only a model exactly as written today may be built by hand.
_TRUSTED: Final = (
    tuple(PiiSpan.model_fields) == _FIELDS
    and not PiiSpan.__pydantic_decorators__.field_validators
    and not PiiSpan.__pydantic_decorators__.model_validators
    and not PiiSpan.__private_attributes__
    and PiiSpan.model_config.get("extra") == "forbid"
)


def span(*, kind: str, start: int, end: int, score: float, explanation: str) -> PiiSpan:
    """The ``PiiSpan`` validation would build from these values; anything it would
    reject goes through validation, so it still raises."""
    if not (
        _TRUSTED
        and kind in _KINDS
        and type(start) is int
        and type(end) is int
        and type(score) is float
        and start >= 0
        and end >= 0
        and 0.0 <= score <= 1.0
        and type(explanation) is str
    ):
        return PiiSpan(kind=kind, start=start, end=end, score=score, explanation=explanation)
    made: PiiSpan = _new(_MODEL)
    _set(
        made,
        "__dict__",
        {"kind": kind, "start": start, "end": end, "score": score, "explanation": explanation},
    )
    _set(made, "__pydantic_fields_set__", set(_FIELDS_SET))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made
