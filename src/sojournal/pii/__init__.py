"""Personal-data detection and redaction.

``scan(text)`` runs every detector (CPR, CVR, phone, e-mail, address, special
categories and children's matters) and returns the spans that count as
personal data, overlaps resolved, sorted by position. ``redact`` masks them
for anything written outside the case system. Each span carries a score and
an explanation (never the text itself), so a decision can say why.

>>> text = "Min mor (cpr 140339-1862) har fået hjemmehjælp. Ring på 23 45 67 81"
>>> [(s.kind, text[s.start:s.end]) for s in scan(text)]
[('cpr', '140339-1862'), ('health', 'hjemmehjælp'), ('phone', '23 45 67 81')]
>>> redact(text)
'Min mor (cpr [cpr]) har fået [health]. Ring på [phone]'
>>> scan("Hvornår har genbrugspladsen åbent i påsken?")
()
"""

from __future__ import annotations

import re
from datetime import date

# First of the package's own modules: decides between compiled and source (see there).
from sojournal.pii import _compiled  # noqa: F401  # isort: skip
from sojournal.models import PiiSpan
from sojournal.pii.address import find_addresses
from sojournal.pii.cpr import find_cpr, is_cpr
from sojournal.pii.cvr import find_cvr
from sojournal.pii.email import find_emails
from sojournal.pii.logfilter import RedactingFilter, install_redaction, safe_exception_message
from sojournal.pii.phone import find_phones
from sojournal.pii.sensitive import KIND_ORDER, find_sensitive

__all__ = [
    "MIN_SCORE",
    "RedactingFilter",
    "find_addresses",
    "find_cpr",
    "find_cvr",
    "find_emails",
    "find_phones",
    "find_sensitive",
    "install_redaction",
    "is_cpr",
    "redact",
    "safe_exception_message",
    "scan",
]

_DIGIT = re.compile(r"\d")

#: Spans scoring below this are evidence, not findings: ``scan`` leaves them out.
MIN_SCORE = 0.5

_NUMBERS_AND_CONTACT = frozenset({"cpr", "cvr", "phone", "email", "address"})
# Which span survives when two overlap and score alike: the more specific one.
_PRIORITY = KIND_ORDER


def scan(
    text: str, *, min_score: float = MIN_SCORE, today: date | None = None
) -> tuple[PiiSpan, ...]:
    """Every span of personal data in ``text`` scoring at least ``min_score``, sorted.

    ``today`` is the day a CPR birth date may not lie after (default: the real today).
    With ``min_score=0`` the low-scoring evidence comes too (organisations' phone
    numbers, order numbers shaped like CPR numbers, sensitive words about nobody).
    """
    found: list[PiiSpan] = []
    if _DIGIT.search(text) is not None:
        found.extend(find_cpr(text, today=today, min_score=min_score))
        found.extend(find_cvr(text))
        found.extend(find_phones(text, min_score=min_score))
        found.extend(find_addresses(text))
    if "@" in text:
        found.extend(find_emails(text, min_score=min_score))
    sensitive = find_sensitive(text, min_score=min_score)
    if found:
        found = [s for s in found if s.score >= min_score]
    if not found:
        # Most posts: category spans only, which never compete and come sorted.
        return sensitive
    found.extend(sensitive)
    if len(found) < 2:
        return tuple(found)
    return _resolve(found)


def _resolve(spans: list[PiiSpan]) -> tuple[PiiSpan, ...]:
    """Drop spans that overlap a better one (higher score, then more specific kind).

    Only contact data and numbers compete (a number is a CPR or a phone number,
    not both). Category spans may overlap anything: sickness benefits are both
    social and health, and a child's reference may hold a CPR number.
    """
    kept: list[PiiSpan] = []
    categories: list[PiiSpan] = []
    for span in sorted(spans, key=lambda s: (-s.score, _PRIORITY[s.kind], s.start)):
        if span.kind not in _NUMBERS_AND_CONTACT:
            categories.append(span)
        elif all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    kept.extend(categories)
    kept.sort(key=lambda s: (s.start, s.end, _PRIORITY[s.kind]))
    return tuple(kept)


def redact(text: str, spans: tuple[PiiSpan, ...] | None = None) -> str:
    """``text`` with every span replaced by its kind in brackets; scans first when not given.

    >>> redact("skriv til a@b.dk", (PiiSpan(kind="email", start=10, end=16),))
    'skriv til [email]'
    """
    if spans is None:
        spans = scan(text)
    pieces: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(span.start, pos), min(span.end, len(text))
        if end <= start:
            continue  # inside a span already masked
        pieces.append(text[pos:start])
        pieces.append(f"[{span.kind}]")
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)
