"""Danish phone numbers: eight digits, grouped as people group them, maybe after +45 or 0045.

Danish subscriber numbers never start with 0 or 1, so those are something else.
Dates (12-05-2024), amounts (12.345.678 kr) and the digits of a CPR number are
not phone numbers. A number that belongs to an organisation (a 70/80/90
business number, or one the text calls "your" number or the number "on the
website") is not personal data about the writer, so it scores low.

>>> [(s.start, s.end) for s in find_phones("Ring til mig på 23 45 67 81, tak")]
[(16, 27)]
>>> [round(s.score, 2) for s in find_phones("+45 42 17 83 90")]
[0.95]
>>> find_phones("betalte 12.345.678 kr"), find_phones("den 12-05-2024")
((), ())
>>> find_phones("Jeg ringede til jer på 72 58 30 00")[0].score < 0.5
True
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from sojournal.models import PiiSpan
from sojournal.pii._span import span
from sojournal.pii.lexicon import lower_for_twins, word_start_alternation

__all__ = ["PHONE_SHAPE", "find_phones"]

#: Eight digits in pairs, fours or one run, optionally after +45 / 0045 / (+45).
PHONE_SHAPE: Final = re.compile(
    r"(?<![\w+.,/-])(?<!\d[ -])"
    r"(?P<prefix>(?:\(?(?:\+|00)[ ]?45\)?[ .-]?))?"
    r"(?P<number>[2-9]\d(?:[ -]?\d\d){3}|[2-9]\d{3}[ -]\d{4})"
    r"(?![\w])(?![.,]\d)(?![ -]\d)"
)
_AMOUNT_AFTER: Final = re.compile(r"\s*(?:kr\b|kroner|dkk|,-|%|euro|eur\b|mio|mia)", re.IGNORECASE)
_PERSONAL_WORDS: Final = (
    "mig", "mit", "min", "me", "my", r"mobil\w*", r"tlf\w*", r"telefon\w*", r"ring\w*",
    r"sms\w*", "call", "phone", "nr", "nummer",
)  # fmt: skip
_ORGANISATION_WORDS: Final = (
    "jer", "jeres", r"kommune\w*", r"hjemmeside\w*", "borgerservice", r"vagt\w*", "hotline",
    "website", "your", r"the\s+number\s+on", r"omstilling\w*", r"hovednummer\w*",
)  # fmt: skip
_PERSONAL: Final = re.compile(r"(?<!\w)(?:" + "|".join(_PERSONAL_WORDS) + r")(?!\w)", re.IGNORECASE)
_ORGANISATION: Final = re.compile(
    r"(?<!\w)(?:" + "|".join(_ORGANISATION_WORDS) + r")(?!\w)", re.IGNORECASE
)
# The same two without IGNORECASE, for the lower-cased text around a number: they skip
# from one first letter to the next where IGNORECASE tries every position (``lower_for_twins``).
_PERSONAL_LOW: Final = re.compile(word_start_alternation(_PERSONAL_WORDS) + r"(?!\w)")
_ORGANISATION_LOW: Final = re.compile(word_start_alternation(_ORGANISATION_WORDS) + r"(?!\w)")
# Where ``PHONE_SHAPE`` can start: "(", "+", "0" (of 00 45) or 2-9, with its two
# look-behinds (moved after the first character, so the regex engine skips straight
# to those characters). Trying ``PHONE_SHAPE`` there, in order, finds what its
# ``finditer`` finds, without trying it at every position of the text.
_STARTS: Final = re.compile(r"[(+02-9](?<![\w+.,/-].)(?<!\d[ -].)")
_WINDOW: Final = 28
_DATE_SHAPE: Final = re.compile(r"\d\d[ -]\d\d[ -]\d{4}")
_QUICK: Final = re.compile(r"\d\d[ -]?\d\d[ -]?\d\d[ -]?\d\d")


def _is_date(digits: str, written: str) -> bool:
    # "12-05-2024" and "12 05 2024" have the phone shape but are dates.
    if not _DATE_SHAPE.fullmatch(written):
        return False
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100


def _ends(window: str, low: str | None, rx: re.Pattern[str], twin: re.Pattern[str]) -> list[int]:
    """Where ``rx`` finds something in ``window`` ends: its twin in ``low``
    (``lower_for_twins``)."""
    if low is None:
        return [m.end() for m in rx.finditer(window)]
    return [m.end() for m in twin.finditer(low)]


def find_phones(text: str, *, min_score: float = 0.0) -> tuple[PiiSpan, ...]:
    """Every Danish phone number; organisations' numbers score low (dropped below min_score)."""
    if _QUICK.search(text) is None:
        return ()
    spans = []
    taken = 0  # the end of the last number: finditer goes on from there
    for start in _STARTS.finditer(text):
        if start.start() < taken:
            continue
        m = PHONE_SHAPE.match(text, start.start())
        if m is None:
            continue
        taken = m.end()
        written = m["number"]
        digits = written.replace(" ", "").replace("-", "")
        if _is_date(digits, written) or _AMOUNT_AFTER.match(text, m.end()):
            continue
        prefixed = m["prefix"] is not None
        score, why = (0.95, "+45 and eight digits") if prefixed else (0.75, "eight digits")
        before = text[max(0, m.start() - _WINDOW) : m.start()]
        after = text[m.end() : m.end() + _WINDOW]
        low = lower_for_twins(before)
        personal = _ends(before, low, _PERSONAL, _PERSONAL_LOW)
        organisation = _ends(before, low, _ORGANISATION, _ORGANISATION_LOW)
        if digits[:2] in {"70", "80", "90"}:
            score, why = 0.3, "a business number (70/80/90)"
        elif (organisation and (not personal or organisation[-1] > personal[-1])) or (
            not personal
            and bool(_ends(after, lower_for_twins(after), _ORGANISATION, _ORGANISATION_LOW))
        ):
            score, why = 0.3, f"{why}; an organisation's number by context"
        elif personal and not prefixed:
            score, why = 0.9, f"{why}; personal context"
        if score < min_score:
            continue
        spans.append(span(kind="phone", start=m.start(), end=m.end(), score=score, explanation=why))
    return tuple(spans)
