"""Case-number references a citizen quotes ("sagsnr. 2024-004512", "j.nr. 27.12.04-G01-3-24").

A quoted case number is the strongest sign that a post is about a concrete
matter, and it lets the case system file the document on the right case.

>>> find_case_refs("Vedr. sagsnr. 2024-004512 og j.nr. 27.12.04-G01-3-24")
('2024-004512', '27.12.04-G01-3-24')
>>> find_case_refs("Mit sags nr er 2023/118830, journalnummer: 00.01.00-A00-12-23")
('2023/118830', '00.01.00-A00-12-23')
>>> find_case_refs("Der er 2024 grunde til at klage")
()
"""

from __future__ import annotations

import re

__all__ = ["LABEL_HINT", "TWO_DIGITS", "find_case_refs"]

_LABEL = (
    r"(?:sags?\s*-?\s*(?:nr|nummer|no)|j\s*\.?\s*nr|journal\s*-?\s*(?:nr|nummer)"
    r"|case\s*(?:no|number|nr|#)|reference\s*(?:no|number)|ref\s*\.?\s*nr)"
)
#: Every label above contains one of these (ignoring case), and every number two digits in
#: a row: a text lacking either quotes no case number. The policy's tokeniser flags both as
#: it goes (``text.analyse_parts``), so ``decide`` calls ``find_case_refs`` only where it
#: can find something. Change them together with ``_LABEL``, ``_LABEL_SEARCH`` and ``_NUMBER``.
LABEL_HINT = r"sag|nr|journal|case|ref"
TWO_DIGITS = r"\d\d"
_NUMBER = r"(?:\d{2}\.\d{2}\.\d{2}(?:-[A-ZÆØÅ]\d{2})?(?:-\d+)*|\d{2,4}\s?[-/]\s?\d{3,8}|\d{5,12})"
#: ``_LABEL`` as the regex engine can search for it fast: the first letter as a class of
#: exactly the characters that one of s, j, c, r matches ignoring case (``ſ`` is an s), with
#: case fixed so the engine skips every position not holding one; each branch then checks
#: its letter behind it. Same matches, in the same order (``tests/policy``), in about half
#: the time: without a class to skip by, the engine tried every branch at every position.
_LABEL_SEARCH = (
    r"(?-i:[sjcrSJCR\u017f])"
    r"(?:(?<=s)ags?\s*-?\s*(?:nr|nummer|no)|(?<=j)\s*\.?\s*nr|(?<=j)ournal\s*-?\s*(?:nr|nummer)"
    r"|(?<=c)ase\s*(?:no|number|nr|#)|(?<=r)eference\s*(?:no|number)|(?<=r)ef\s*\.?\s*nr)"
)
_REF = re.compile(
    _LABEL_SEARCH + r"\s*\.?\s*(?:er|is|:|#)?\s*:?\s*(" + _NUMBER + r")",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")


_DIGITS = re.compile(TWO_DIGITS)


def find_case_refs(text: str) -> tuple[str, ...]:
    """Every labelled case number in ``text``, in order, without duplicates."""
    seen: dict[str, None] = {}
    if _DIGITS.search(text) is None:  # cheap filter: most posts quote no number at all
        return ()
    for m in _REF.finditer(text):
        seen.setdefault(_SPACES.sub("", m.group(1)), None)
    return tuple(seen)
