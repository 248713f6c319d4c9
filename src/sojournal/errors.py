"""One error hierarchy for everything sojournal raises.

Callers decide what to do from the *branch*, not from the message: retry a
``TransientError``, give up on a ``PermanentError``, fix the setup on a
``ConfigError``, fix or quarantine the record on an ``InputError``.
Errors from zeep, requests, lxml or sqlite never escape an adapter unmapped.

```
SojournalError
├── ConfigError          configuration missing or invalid (exit 2)
│   └── PolicyError      a rules or lexicon file that does not load (file, rule id, field)
├── InputError           a post or export record we cannot read (file, line, field, reason)
├── PermanentError       the other side said no; retrying will not help
│   ├── DocumentError    a case document that does not validate against the XSD
│   ├── GoneError        the post no longer exists on the platform (the author removed it)
│   └── AuthError        credentials or permissions refused: stop the run
└── TransientError       try again later (timeouts, 5xx, rate limits)
    ├── RateLimitError   the other side asked us to slow down (``retry_after``)
    └── AmbiguousError   request sent, answer lost: reconcile before resending
```

Messages never carry post text, names or CPR numbers: they name ids, files,
lines and fields, so they are safe to log and to show an operator.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousError",
    "AuthError",
    "ConfigError",
    "DocumentError",
    "GoneError",
    "InputError",
    "PermanentError",
    "PolicyError",
    "RateLimitError",
    "SojournalError",
    "TransientError",
]


class SojournalError(Exception):
    """Root of every error sojournal raises on purpose."""


class ConfigError(SojournalError):
    """Configuration is missing or invalid; the message says exactly what to set."""


class PolicyError(ConfigError):
    """A policy rules or lexicon file does not load.

    >>> str(PolicyError("bad weight", file="rules.toml", rule="case.own", field="weight"))
    'rules.toml: rule case.own: weight: bad weight'
    """

    def __init__(self, reason: str, *, file: str = "", rule: str = "", field: str = "") -> None:
        self.reason, self.file, self.rule, self.field = reason, file, rule, field
        where = [p for p in (file, f"rule {rule}" if rule else "", field) if p]
        super().__init__(": ".join([*where, reason]))


class InputError(SojournalError):
    """A record we cannot read. ``str()`` is ``PATH:LINE: field: reason`` for operators.

    >>> str(InputError("not valid JSON", path="export.jsonl", line=7))
    'export.jsonl:7: not valid JSON'
    >>> str(InputError("field required", path="x.csv", line=3, field="comment_id"))
    'x.csv:3: comment_id: field required'
    """

    def __init__(
        self, reason: str, *, path: str = "-", line: int | None = None, field: str = ""
    ) -> None:
        self.reason, self.path, self.line, self.field = reason, path, line, field
        where = f"{path}:{line}" if line is not None else path
        detail = f"{field}: {reason}" if field else reason
        super().__init__(f"{where}: {detail}")


class PermanentError(SojournalError):
    """The other side refused; sending the same thing again will not help."""


class DocumentError(PermanentError):
    """A case document that does not validate; names the element, never the text."""


class GoneError(PermanentError):
    """The post is gone from the platform: a removal is then done, a reply impossible."""


class AuthError(PermanentError):
    """Credentials or permissions were refused; the run must stop and a person act."""


class TransientError(SojournalError):
    """A fault that may pass: timeouts, connection errors, 5xx, rate limits."""


class RateLimitError(TransientError):
    """The other side asked us to slow down; ``retry_after`` is in seconds when known."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class AmbiguousError(TransientError):
    """The request was sent but no answer came: it may or may not have taken effect.

    Whoever catches this must ask the other side before sending again.
    """
