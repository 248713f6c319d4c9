"""CVR numbers (Danish company registration): eight digits that pass modulus 11, labelled "cvr".

Without the label eight digits are far more often a phone number, so an
unlabelled number is left to the phone detector. A CVR number identifies a
company, not a person (sole traders aside); it is reported for redaction,
not as contract personal data.

>>> [(s.kind, s.start, s.end) for s in find_cvr("CVR-nr. 13585628")]
[('cvr', 8, 16)]
>>> find_cvr("cvr 13585627"), find_cvr("ring 13585628")  # bad checksum; no label
((), ())
"""

from __future__ import annotations

import re
from typing import Final

from stdnum.dk import cvr as stdnum_cvr

from sojournal.models import PiiSpan
from sojournal.pii._span import span

__all__ = ["find_cvr"]

_LABELLED_CVR: Final = re.compile(
    r"(?<!\w)(?:cvr|se)[\s.-]*(?:n(?:r|ummer)\.?|no\.?)?\s*[:.]?\s*(?:er\s+|is\s+)?"
    r"(?P<number>\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2})(?![\d])",
    re.IGNORECASE,
)


_SE_NUMBER: Final = re.compile(r"(?<!\w)se[\s.-]*n", re.IGNORECASE)
# ``_SE_NUMBER`` for a lower-cased text, written to open with the "s" (its look-behind
# after it: ``s(?<!\w.)`` is ``(?<!\w)s``) and without IGNORECASE, so the regex engine skips
# from one "s" to the next instead of trying every position: in lower case the only
# letter IGNORECASE adds for s, e or n is "ſ" (taken for s), so where there is none both
# find the same.
_SE_NUMBER_LOW: Final = re.compile(r"s(?<!\w.)e[\s.-]*n")


def _se_number(low: str) -> bool:
    """Whether ``_SE_NUMBER`` finds something in ``low`` (a lower-cased text)."""
    if "ſ" in low:
        return _SE_NUMBER.search(low) is not None
    return _SE_NUMBER_LOW.search(low) is not None


def find_cvr(text: str) -> tuple[PiiSpan, ...]:
    """Every labelled CVR number with a valid check digit."""
    low = text.lower()
    if "cvr" not in low and not ("se" in low and _se_number(low)):
        return ()
    spans = []
    for m in _LABELLED_CVR.finditer(text):
        if stdnum_cvr.is_valid(m["number"]):
            spans.append(
                span(
                    kind="cvr",
                    start=m.start("number"),
                    end=m.end("number"),
                    score=0.9,
                    explanation="labelled CVR number, modulus 11",
                )
            )
    return tuple(spans)
