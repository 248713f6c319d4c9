"""CPR numbers (personnummer) in free text, in every way people write them.

A CPR number is DDMMYY-SSSS. People write it with a hyphen, a space, nothing,
or broken over a line, after "cpr", "cpr-nr.", "personnummer" or nothing at
all. The birth date must exist and not lie in the future; the 7th digit picks
the century (python-stdnum knows the table). Replacement numbers
(erstatningspersonnumre) add 60 to the day. Since 2007 numbers need not pass
modulus 11, so the checksum only ever *raises* confidence, never rejects.

Ten digits with a valid date are common in other roles too (order, invoice,
customer and p-numbers), so the words just before a number decide: a label
for another kind of number drops it, "cpr"/"personnummer"/"født" raise it.

>>> [(s.kind, s.start, s.end) for s in find_cpr("Mit cpr er 211062-5629, tak")]
[('cpr', 11, 22)]
>>> [s.score for s in find_cpr("cpr nr. 2110625629")]
[0.99]
>>> find_cpr("ordrenummer 2110625629")[0].score < 0.5
True
>>> find_cpr("311362-5629")  # no 31st day of the 13th month
()
>>> [s.start for s in find_cpr("født 21.10.62-5629")]  # a written-out date, hyphen
[5]
>>> is_cpr("711062-5629")  # day 71 = 11 + 60: a replacement number
True
>>> is_cpr("211099-4629", today=date(1999, 10, 20))  # born tomorrow
False
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError

from sojournal.models import PiiSpan
from sojournal.pii._span import span
from sojournal.pii.lexicon import lower_for_twins

__all__ = ["CPR_SHAPE", "birth_date", "find_cpr", "is_cpr"]

#: Six digits (or DD MM YY / DD.MM.YY), an optional separator (hyphen, spaces, one
#: line break), four digits.
#: (Written to open with a digit, the look-behinds after it, so the regex engine skips
#: to digits: ``\d(?<!\d\d)`` is ``(?<!\d)\d``, ``\d(?<!\d[.,]\d)`` is ``(?<!\d[.,])\d``.)
CPR_SHAPE: Final = re.compile(
    r"(?P<date>\d(?<!\d\d)(?<!\d[.,]\d)\d(?P<dsep>[ .]?)\d\d(?P=dsep)\d\d)"
    r"[ \t\u00a0]*(?P<hyphen>[-\u2010\u2011\u2013\u2212/][ \t\u00a0]*)?(?:\r?\n[ \t\u00a0]*)?"
    r"(?P<seq>\d{4})"
    r"(?![\d])(?![.,]\d)"
)

_POSITIVE: Final = (
    r"c\.?p\.?r\w*|personn\w*|person[\s.-]*nr\w*|person[\s.-]*no|personal\s+(?:id\w*|number)"
    r"|social\s+security\w*|id[\s-]*number|f\u00f8dt|foedt|f\.|f\u00f8dselsdato|foedselsdato"
    r"|date\s+of\s+birth|born"
)
_NEGATIVE: Final = (
    r"p[\s.-]*n(?:r|ummer)\w*|ordre\w*|order\w*|faktura\w*|invoice\w*|kunde\w*|customer\w*"
    r"|konto\w*|account\w*|reg\w*|ean\w*|gln|tlf\w*|telefon\w*|mobil\w*|phone\w*|ring\w*|sms"
    r"|cvr\w*|se[\s.-]*nr|sag\w*|case|journal\w*|j\.?\s?nr|afgift\w*|vare\w*|medlem\w*"
    r"|member\w*|police\w*|policy|ref\w*|abonnement\w*|bilag\w*|kvittering\w*|booking\w*"
    r"|billet\w*|ticket\w*|serie\w*|pas\w*|passport\w*|bestilling\w*|forsendelse\w*"
    r"|track\w*|pakke\w*|kontrakt\w*|aftale\w*|løbe\w*|loebe\w*"
)
#: The letters every label above opens with (``tests/pii/test_fast_paths.py`` checks).
_LABEL_OPENINGS: Final = "abcdefgijklmoprstv"
# The nearest label before the number wins, so "cpr nr" is positive and "kundenr" negative.
# (The look-ahead for a label's first letter changes no match, each branch opening with one,
# but spares the word starts that open none the trying of fifty branches: IGNORECASE leaves
# the regex engine no quick test of a branch's first letter.)
_LABEL: Final = re.compile(
    rf"(?<!\w)(?=[{_LABEL_OPENINGS}])"
    rf"(?:(?P<pos>(?:{_POSITIVE})(?:[\s.:-]*(?:nr|nummer|no|number)(?!\w))?)"
    rf"|(?P<neg>{_NEGATIVE}))(?=[\W\d_]|$)",
    re.IGNORECASE,
)
# ``_LABEL`` for a lower-cased text, without IGNORECASE (``_labels``): its branches open
# with plain literals, which the regex engine tests before it tries a branch.
_LABEL_LOW: Final = re.compile(_LABEL.pattern)
# Ten digits in a row, or six and four apart: without them there is nothing to look at.
_QUICK: Final = re.compile(r"\d\d[ .]?\d\d[ .]?\d\d\D{0,3}\d{4}")
_PHONE_PREFIX: Final = re.compile(r"(?:\+|00)\s?45[\s-]*$")
_WINDOW: Final = 32
_LABELLED: Final = 0.99


def birth_date(digits: str) -> date | None:
    """The birth date in ten CPR digits, or None; day+60 replacement numbers count.

    >>> birth_date("0101575321"), birth_date("0101585321")
    (datetime.date(2057, 1, 1), datetime.date(1858, 1, 1))
    >>> birth_date("6101904321")  # replacement number for 1 January 1990
    datetime.date(1990, 1, 1)
    >>> birth_date("3002901234") is None
    True
    """
    if len(digits) != 10 or not digits.isdigit():
        return None
    day = int(digits[:2])
    if day > 60:
        # python-stdnum keeps the century table; it does not know replacement numbers.
        digits = f"{day - 60:02d}{digits[2:]}"
    try:
        born: date = stdnum_cpr.get_birth_date(digits)
    except ValidationError:
        return None
    return born


def is_cpr(number: str, *, today: date | None = None) -> bool:
    """Whether a written number has the shape of a CPR number with a possible birth date.

    >>> is_cpr("211062 5629"), is_cpr("2110625628")  # modulus 11 is not required
    (True, True)
    >>> is_cpr("21106256290")
    False
    """
    m = CPR_SHAPE.fullmatch(number.strip())
    if m is None:
        return False
    born = birth_date(m["date"] + m["seq"])
    return born is not None and born <= (today or date.today())


def _labels(before: str) -> list[re.Match[str]]:
    """``_LABEL``'s matches in ``before``: its lower-case twin's where ``lower_for_twins``
    allows (they hold the lower-cased text; only their positions and groups are read)."""
    low = lower_for_twins(before)
    if low is None:
        return list(_LABEL.finditer(before))
    return list(_LABEL_LOW.finditer(low))


def _context_score(text: str, start: int) -> tuple[float | None, str]:
    before = text[max(0, start - _WINDOW) : start]
    if _PHONE_PREFIX.search(before):
        return 0.05, "preceded by a phone country code"
    labels = _labels(before)
    nearest = labels[-1] if labels else None
    if nearest is None:
        return None, ""
    if nearest.lastgroup == "pos":
        return _LABELLED, "labelled as a CPR number"
    return 0.1, "labelled as another kind of number"


def find_cpr(
    text: str, *, today: date | None = None, min_score: float = 0.0
) -> tuple[PiiSpan, ...]:
    """Every CPR-shaped number with a real, past birth date, scored by form and context.

    ``min_score`` leaves out what scores less (order numbers and the like).
    """
    if _QUICK.search(text) is None:
        return ()
    spans = []
    for m in CPR_SHAPE.finditer(text):
        # The words before the number first: where they decide that no span comes out
        # (another kind of number below ``min_score``, or spaced digits without a CPR
        # label), the birth date and checksum (python-stdnum, interpreted, about 13 us
        # together) cannot change that, so they are not asked.
        context, context_why = _context_score(text, m.start())
        if m["dsep"] and not m["hyphen"] and context != _LABELLED:
            continue  # "12 03 45 1234" is as likely a phone number or a list: label needed
        if context is not None and context < min_score:
            continue
        digits = m["date"].replace(m["dsep"], "") + m["seq"] if m["dsep"] else m["date"] + m["seq"]
        born = birth_date(digits)
        if born is None:
            continue
        if today is None:
            today = date.today()  # asked once, and only of a post with a real birth date
        if born > today:
            continue
        written = m.group()
        separated = not written.isdigit()
        score = 0.8 if separated else 0.6
        why = "date-valid 6+4 digits" if separated else "date-valid 10 digits"
        if stdnum_cpr.checksum(digits) == 0:
            score = 0.9 if separated else 0.7
            why += ", modulus 11"
        if int(digits[:2]) > 60:
            why += ", replacement number"
        if context is not None:
            score, why = context, f"{why}; {context_why}"
        if score < min_score:
            continue
        spans.append(span(kind="cpr", start=m.start(), end=m.end(), score=score, explanation=why))
    return tuple(spans)
