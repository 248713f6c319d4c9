"""E-mail addresses; an organisation's own address is not a person's data.

>>> [(s.start, s.end, s.score) for s in find_emails("skriv til mette.k.j77@outlook.dk.")]
[(10, 32, 0.95)]
>>> find_emails("teknik@lindaa-kommune.dk")[0].score < 0.5
True
>>> find_emails("no e-mail @ here")
()
"""

from __future__ import annotations

import re

from sojournal.models import PiiSpan
from sojournal.pii._span import span

__all__ = ["EMAIL_SHAPE", "find_emails"]

EMAIL_SHAPE = re.compile(
    r"(?<![\w.+-])[\w+-](?:[\w.+-]{0,62}[\w+-])?@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,24}(?![\w-])"
)
# Role addresses and public bodies' domains: the page's own contact points.
_ORGANISATION_DOMAIN = re.compile(r"kommune|region|\.gov\b|\.gouv\b|\bborger\.dk$", re.IGNORECASE)
_ROLE_LOCAL = frozenset(
    {
        "info",
        "post",
        "kontakt",
        "contact",
        "mail",
        "support",
        "noreply",
        "no-reply",
        "borgerservice",
        "service",
        "admin",
        "webmaster",
        "presse",
        "press",
    }
)


def find_emails(text: str, *, min_score: float = 0.0) -> tuple[PiiSpan, ...]:
    """Every e-mail address; public bodies and role mailboxes score low (dropped < min_score)."""
    if "@" not in text:
        return ()
    spans = []
    for m in EMAIL_SHAPE.finditer(text):
        local, _, domain = m.group().partition("@")
        if _ORGANISATION_DOMAIN.search(domain) or local.lower() in _ROLE_LOCAL:
            score, why = 0.3, "e-mail address of an organisation"
        else:
            score, why = 0.95, "e-mail address"
        if score < min_score:
            continue
        spans.append(span(kind="email", start=m.start(), end=m.end(), score=score, explanation=why))
    return tuple(spans)
