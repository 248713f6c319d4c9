"""Spans the detectors build themselves, without pydantic's validation.

A post's spans are made from regex positions and the detectors' own constant
kinds, scores and explanations: validating each again cost about as much as
finding it (some 2 us a span, and a post has several). ``span`` fills in what
validation would, and falls back to validation should ``PiiSpan`` ever grow a
field, a validator or a private attribute (tests prove both give equal spans).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, get_args

from sojournal.models import PiiKind, PiiSpan

__all__ = ["slot_setter", "span"]


def slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    """The bound ``__set__`` of the slot ``name`` of a pydantic model class: called
    directly, it skips the attribute look-up that ``object.__setattr__`` repeats on every
    call (about 370 of the 920 instructions it costs)."""
    for base in cls.__mro__:
        slot = base.__dict__.get(name)
        if slot is not None:
            setter: Callable[[object, object], None] = slot.__set__
            return setter
    raise AttributeError(name)


# Final: compiled (mypyc), each is a native static, not a look-up in the module's
# dict (some 1.4k instructions a span went to those look-ups).
_FIELDS: Final = ("kind", "start", "end", "score", "explanation")
_FIELDS_SET: Final = frozenset(_FIELDS)
_KINDS: Final = frozenset(get_args(PiiKind))
_new: Final = object.__new__
_set_dict: Final = slot_setter(PiiSpan, "__dict__")
_set_fields_set: Final = slot_setter(PiiSpan, "__pydantic_fields_set__")
_set_extra: Final = slot_setter(PiiSpan, "__pydantic_extra__")
_set_private: Final = slot_setter(PiiSpan, "__pydantic_private__")
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
    _set_dict(
        made,
        {"kind": kind, "start": start, "end": end, "score": score, "explanation": explanation},
    )
    _set_fields_set(made, set(_FIELDS_SET))
    _set_extra(made, None)
    _set_private(made, None)
    return made
