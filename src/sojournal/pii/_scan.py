"""``scan``: every detector over one text, overlaps resolved (``sojournal.pii`` exports it);
``scan_split``, the same for ``decide``, which has split the text into pieces already.

It lives apart from the package's ``__init__`` so that it is compiled with the
detectors (``tools/compile_hot.py``): ``decide`` calls it for every post, and from
interpreted code each keyword call into a compiled detector, and the function
itself, cost more than the short posts it looks at (about 1.5 us of 12 on a post
without digits). Compiled, its calls to the detectors are native calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Final

from sojournal.models import PiiSpan
from sojournal.pii.address import find_addresses
from sojournal.pii.cpr import find_cpr
from sojournal.pii.cvr import find_cvr
from sojournal.pii.email import find_emails
from sojournal.pii.lexicon import lower_for_twins
from sojournal.pii.phone import find_phones
from sojournal.pii.sensitive import KIND_ORDER, find_sensitive

__all__ = ["MIN_SCORE", "scan", "scan_split"]

_DIGIT: Final = re.compile(r"\d")
#: Each Latin-1 character's byte mapped to "0" for a digit, " " for anything else: a
#: Latin-1 text's digit runs are the words of its translation (``_digit_runs``).
_RUN_SHAPE: Final = bytes(0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))

#: Spans scoring below this are evidence, not findings: ``scan`` leaves them out.
MIN_SCORE: Final = 0.5

# Whitespace to ``str.split`` that ``TermIndex`` does not split words at (control
# separators, the Ogham and ideographic spaces): with it, a text's pieces are not its words.
_UNSPLIT_SPACE: Final = re.compile("[\x1c-\x1f\u1680\u3000]")
_NUMBERS_AND_CONTACT: Final = frozenset({"cpr", "cvr", "phone", "email", "address"})
# Which span survives when two overlap and score alike: the more specific one.
_PRIORITY: Final = KIND_ORDER


def scan(
    text: str, *, min_score: float = MIN_SCORE, today: date | None = None
) -> tuple[PiiSpan, ...]:
    """Every span of personal data in ``text`` scoring at least ``min_score``, sorted.

    ``today`` is the day a CPR birth date may not lie after (default: the real today).
    With ``min_score=0`` the low-scoring evidence comes too (organisations' phone
    numbers, order numbers shaped like CPR numbers, sensitive words about nobody).
    """
    return _scan(text, min_score, today, True, None)


def scan_split(
    text: str,
    terms_possible: bool,
    guards: Sequence[re.Pattern[str]] = (),
    has_digit: bool | None = None,
) -> tuple[PiiSpan, ...]:
    """``scan(text)``, told by a caller that has split ``text`` into its pieces whether
    any piece may hold a sensitive term (``sensitive.piece_guards`` of each is None) and,
    when none may, the pieces' guards; when none may and no guard finds something in the
    text, the sensitive-term search is skipped. ``has_digit`` says whether a piece holds a
    digit (``\\d``; whitespace is none, so then the text does), when the caller knows: the
    text is not searched for one (None: it is), and most posts have none, so the number
    detectors are not asked. ``decide`` calls this: the policy has split the post already."""
    if not terms_possible and guards and _guard_found(text, guards):
        terms_possible = True
    if not terms_possible and _has_unsplit_space(text):
        terms_possible = True  # the pieces are not the words ``TermIndex`` would see
    return _scan(text, MIN_SCORE, None, terms_possible, has_digit)


def _has_unsplit_space(text: str) -> bool:
    """Whether ``_UNSPLIT_SPACE`` finds something in ``text``: one ``in`` test for each of
    its six characters, each a ``memchr`` in C (the two above Latin-1 cost nothing in a
    Latin-1 text): on a short post, under half the instructions of ``str.isprintable``,
    which ruled them out before (each is unprintable) and still walked the whole text."""
    return (
        "\x1c" in text
        or "\x1d" in text
        or "\x1e" in text
        or "\x1f" in text
        or "\u1680" in text
        or "\u3000" in text
    )


def _guard_found(text: str, guards: Sequence[re.Pattern[str]]) -> bool:
    """Whether a term may be in ``text`` although each piece leads at most to guarded
    phrases: a guard finds something in it lowered as ``TermIndex.find`` lowers it, or it
    has a letter that regexes take for another (as ``TermIndex._guard_found`` asks)."""
    low = lower_for_twins(text)
    if low is None:
        return True
    return any(guard.search(low) is not None for guard in guards)


def _scan(
    text: str,
    min_score: float,
    today: date | None,
    terms_possible: bool,
    has_digit: bool | None,
) -> tuple[PiiSpan, ...]:
    found: list[PiiSpan] = []
    if has_digit if has_digit is not None else _DIGIT.search(text) is not None:
        runs = _digit_runs(text)
        if runs is None or _cpr_possible(runs):
            found.extend(find_cpr(text, today=today, min_score=min_score))
        phone, cvr = (True, True) if runs is None else _eight_digits_possible(runs, "+" in text)
        if cvr:
            found.extend(find_cvr(text))
        if phone:
            found.extend(find_phones(text, min_score=min_score))
        found.extend(find_addresses(text, postcodes=runs is None or 4 in runs))
    if "@" in text:
        found.extend(find_emails(text, min_score=min_score))
    if not terms_possible:
        sensitive: tuple[PiiSpan, ...] = ()
    elif found:
        addresses = [s.start for s in found if s.kind == "address"]
        sensitive = find_sensitive(text, min_score=min_score, addresses=addresses)
    else:
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


def _digit_runs(text: str) -> list[int] | None:
    """The lengths of the runs of digits in ``text``, in order, or None when it is not
    Latin-1. In Latin-1 the only characters ``\\d`` takes for digits are 0-9 (the others
    Unicode calls digits, such as "²", are no decimal digits), so these are the runs each
    detector's digit pattern sees. One encoding, one translation and one split, each a C
    loop, instead of a regex search of the whole text by each detector: the detectors the
    runs rule out (``_cpr_possible``, ``_eight_digits_possible``) are not asked at all."""
    try:
        shape = text.encode("latin-1").translate(_RUN_SHAPE)
    except UnicodeEncodeError:
        return None
    return [len(run) for run in shape.split()]


def _cpr_possible(runs: list[int]) -> bool:
    """Whether ``cpr.CPR_SHAPE`` may match a text with these digit runs. Its date opens a
    run (no digit before it) and its four sequence digits close one (none after): written
    together they are one run of ten; written apart, the sequence is a run of four after
    the date's run (or runs), or of six when it follows the year of a spaced or dotted
    date ("21 10 625629"). Without any of them, ``find_cpr`` finds nothing."""
    return 10 in runs or 4 in runs[1:] or 6 in runs[1:]


def _eight_digits_possible(runs: list[int], plus: bool) -> tuple[bool, bool]:
    """Whether ``phone.PHONE_SHAPE`` and ``cvr._LABELLED_CVR`` may match a text with these
    digit runs, ``plus`` telling whether it holds a "+". Each number is eight digits in
    consecutive runs it covers whole: it ends a run (no digit after it) and opens one (no
    digit before it: ``cvr``'s label ends in no digit; ``phone``'s look-behind rules one
    out), except that a phone number may follow its +45 or 0045 in the same run, two or
    four digits more. So a phone number needs consecutive runs of 8, 10 (its prefix +45:
    only with a "+") or 12 digits in all, a CVR number runs of exactly 8."""
    phone = cvr = False
    for first in range(len(runs)):
        total = 0
        for length in runs[first:]:
            total += length
            if total > 12:
                break
            if total == 8:
                phone = cvr = True
            elif (total == 10 and plus) or total == 12:
                phone = True
        if phone and cvr:
            break
    return phone, cvr


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
