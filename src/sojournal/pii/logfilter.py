"""A last line of defence: mask CPR numbers, e-mails and phone numbers in every log line.

We log ids and counts, never post text; but a third-party library, an
exception message or a careless ``%r`` can still carry a CPR number into a
log file. ``RedactingFilter`` masks them in the formatted message, the
arguments and the traceback text, whatever the logger and however it was
called. It is deliberately blunt (no context, any plausible date): in a log,
a masked order number costs nothing.

>>> mask("kunde 211062-5629 skrev fra a.b@c.dk, tlf +45 23 45 67 81")
'kunde [cpr] skrev fra [email], tlf [phone]'
>>> mask("ordre 3213999999 og 999999-9999")  # impossible dates stay
'ordre 3213999999 og 999999-9999'
"""

from __future__ import annotations

import logging
import re
import traceback

from sojournal.errors import SojournalError
from sojournal.pii.cpr import birth_date

__all__ = ["RedactingFilter", "install_redaction", "mask", "safe_exception_message"]

_MASKABLE = re.compile(
    r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,})"
    r"|(?<!\d)(?P<cpr>\d{6}[ \t]*(?:[-\u2010\u2011\u2013/][ \t]*)?(?:\r?\n[ \t]*)?\d{4})(?!\d)"
    r"|(?<![\d+])(?P<phone>(?:(?:\+|00)[ ]?45[ .-]?)?[2-9]\d(?:[ -]?\d\d){3})(?![\d])"
)


def _replace(m: re.Match[str]) -> str:
    if m["email"]:
        return "[email]"
    if m["cpr"]:
        digits = "".join(ch for ch in m["cpr"] if ch.isdigit())
        return "[cpr]" if birth_date(digits) is not None else m.group()
    return "[phone]"


def mask(text: str) -> str:
    """``text`` with CPR-like numbers, e-mail addresses and phone numbers masked."""
    if not any(ch.isdigit() for ch in text) and "@" not in text:
        return text
    return _MASKABLE.sub(_replace, text)


class RedactingFilter(logging.Filter):
    """Masks personal data in a record's message, arguments and traceback; never drops it."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = f"{record.msg!s} {record.args!r}"
        record.msg = mask(message)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = mask("".join(traceback.format_exception(*record.exc_info)).rstrip())
        elif record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def install_redaction(logger: logging.Logger | None = None) -> RedactingFilter:
    """Attach one ``RedactingFilter`` to ``logger`` (default: root) and its handlers.

    A filter on a logger does not see records that propagate from child loggers;
    a filter on a handler does, so the handlers get it too. Installing twice is harmless;
    call it after logging is configured (handlers added later are not covered).
    """
    target = logger if logger is not None else logging.getLogger()
    existing = [f for f in target.filters if isinstance(f, RedactingFilter)]
    redacting = existing[0] if existing else RedactingFilter()
    if not existing:
        target.addFilter(redacting)
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(redacting)
    return redacting


def safe_exception_message(exc: BaseException) -> str:
    """A message about ``exc`` that is safe to log or show an operator.

    Our own errors name files, ids and fields, so their message is kept (masked
    all the same). Other libraries may quote their input (pydantic quotes the
    post text), so only their type is kept, plus the reason for OS errors.

    >>> safe_exception_message(ValueError("bad text: Jens 211062-5629"))
    'ValueError'
    >>> safe_exception_message(OSError(111, "Connection refused"))
    'ConnectionRefusedError: Connection refused'
    >>> from sojournal.errors import InputError
    >>> safe_exception_message(InputError("not valid JSON", path="x.jsonl", line=3))
    'InputError: x.jsonl:3: not valid JSON'
    """
    name = type(exc).__name__
    if isinstance(exc, SojournalError):
        return f"{name}: {mask(str(exc))}"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{name}: {mask(exc.strerror)}"
    return name
