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
from typing import Final

from sojournal.models import PiiSpan
from sojournal.pii._span import span

__all__ = ["EMAIL_SHAPE", "find_emails"]

EMAIL_SHAPE: Final = re.compile(
    r"(?<![\w.+-])[\w+-](?:[\w.+-]{0,62}[\w+-])?@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,24}(?![\w-])"
)
# An address starts where the run of address characters before its "@" starts: the
# look-behind of ``EMAIL_SHAPE`` rules out the middle of a run, and its local part
# (at most 64 characters) holds no "@". Trying ``EMAIL_SHAPE`` only there, in order,
# finds what its ``finditer`` finds without trying it at every letter of the text.
# The run is measured on the reversed characters before the "@", in C.
_LOCAL_RUN: Final = re.compile(r"[\w.+-]*")
_LOCAL_MAX: Final = 64
# Role addresses and public bodies' domains: the page's own contact points.
_ORGANISATION_DOMAIN: Final = re.compile(
    r"kommune|region|\.gov\b|\.gouv\b|\bborger\.dk$", re.IGNORECASE
)
_ROLE_LOCAL: Final = frozenset(
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
    taken = 0  # the end of the last address: finditer goes on from there
    at = text.find("@")
    while at >= 0:
        window = text[max(0, at - _LOCAL_MAX - 1) : at][::-1]
        run = _LOCAL_RUN.match(window)
        length = 0 if run is None else run.end()
        start = at - length
        at = text.find("@", at + 1)
        if length > _LOCAL_MAX or start < taken:
            continue  # a local part too long, or inside the last address
        m = EMAIL_SHAPE.match(text, start)
        if m is None:
            continue
        taken = m.end()
        local, _, domain = m.group().partition("@")
        if _ORGANISATION_DOMAIN.search(domain) or local.lower() in _ROLE_LOCAL:
            score, why = 0.3, "e-mail address of an organisation"
        else:
            score, why = 0.95, "e-mail address"
        if score < min_score:
            continue
        spans.append(span(kind="email", start=m.start(), end=m.end(), score=score, explanation=why))
    return tuple(spans)
