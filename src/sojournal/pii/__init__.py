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

# First of the package's own modules: decides between compiled and source (see there).
from sojournal.pii import _compiled  # noqa: F401  # isort: skip
from sojournal.models import PiiSpan
from sojournal.pii._scan import MIN_SCORE, scan
from sojournal.pii.address import find_addresses
from sojournal.pii.cpr import find_cpr, is_cpr
from sojournal.pii.cvr import find_cvr
from sojournal.pii.email import find_emails
from sojournal.pii.logfilter import RedactingFilter, install_redaction, safe_exception_message
from sojournal.pii.phone import find_phones
from sojournal.pii.sensitive import find_sensitive

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
