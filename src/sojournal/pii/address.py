"""Danish street addresses with a house number, and postcode + town.

A street name ends in one of the usual suffixes (vej, gade, allé, stræde,
vænge, ...), either fused ("Møllevej") or as a word of its own ("Kongens
Vænge"). Only a house number makes it an address: "skraldet på Møllevej" is
a street, "Møllevej 12" is where somebody lives. A number followed by a unit
("Stationsvej 3 gange", "Kirkestræde 5 dage senere") is not a house number.

>>> [(s.start, s.end) for s in find_addresses("Vi bor på Solsikkevej 5, 4. tv. i Lindå")]
[(10, 30)]
>>> [(s.start, s.end) for s in find_addresses("Kongens Vænge 4B, 3480 Fredensborg")]
[(0, 34)]
>>> find_addresses("hullet på Stationsvej 3 gange"), find_addresses("skraldet på Møllevej")
((), ())
"""

from __future__ import annotations

import re
from typing import Final

from sojournal.models import PiiSpan
from sojournal.pii._span import span
from sojournal.pii.lexicon import literal_trie, lower_for_twins

__all__ = ["STREET_SUFFIXES", "find_addresses"]

STREET_SUFFIXES: Final = (
    "vej",
    "vejen",
    "gade",
    "gaden",
    "allé",
    "alle",
    "allèen",
    "alléen",
    "stræde",
    "straede",
    "vænge",
    "vaenge",
    "vænget",
    "vaenget",
    "park",
    "parken",
    "torv",
    "torvet",
    "plads",
    "pladsen",
    "have",
    "haven",
    "bakke",
    "bakken",
    "høj",
    "hoej",
    "højen",
    "sti",
    "stien",
    "boulevard",
    "toften",
    "toft",
    "vang",
    "vangen",
    "hegn",
    "hegnet",
    "kær",
    "kæret",
    "mark",
    "marken",
    "lund",
    "lunden",
    "dal",
    "dalen",
    "eng",
    "engen",
    "holm",
    "holmen",
    "bro",
    "broen",
    "kaj",
    "kajen",
    "vænget",
    "parkvej",
    "draget",
    "drag",
    "gyde",
    "gyden",
    "løkke",
    "løkken",
    "ager",
    "ageren",
    "tofte",
    "skov",
    "skoven",
    "strand",
    "stranden",
    "bjerg",
    "bjerget",
    "banke",
    "banken",
    "krog",
    "krogen",
    "hus",
    "huse",
    "gård",
    "gården",
    "ring",
    "ringen",
    "runddel",
    "passage",
    "promenade",
    "vænge",
    "kvarter",
    "kvarteret",
)
# Any of the suffixes, longest first, factored by prefix (a trie tries the longer one
# first, as the longest-first alternation did, but does not try them all in turn).
_SUFFIX: Final = literal_trie(set(STREET_SUFFIXES))
_UPPER: Final = "A-ZÆØÅÉÜÖÄ"
_LOWER: Final = "a-zæøåéüöäè"
_NAME: Final = rf"[{_UPPER}][{_LOWER}]+"
# "Møllevej", "Lille Møllevej", "H.C. Andersens Boulevard", "Kongens Vænge".
# A word before the last is taken whole (possessive ``++``): what may follow it (a space or
# a hyphen, another word, the last) opens with a capital, and no lower-case letter is one
# (``_UPPER`` and ``_LOWER`` share none), so giving letters back never made a match; the
# engine no longer tries to (about a quarter of a match's cost).
_STREET: Final = (
    rf"(?:(?:[{_UPPER}][{_LOWER}]++|[{_UPPER}]\.(?:[{_UPPER}]\.)?)[ -]?){{0,3}}"
    rf"(?:[{_UPPER}][{_LOWER}]*(?:{_SUFFIX})|(?<=[ -])(?=[{_UPPER}])(?i:{_SUFFIX}))"
)
_STREET_LOWER: Final = rf"[{_LOWER}]{{2,}}(?:{_SUFFIX})"
_NUMBER: Final = r"[1-9]\d{0,2}(?:[A-Za-z](?![\w]))?"
_FLOOR: Final = (
    r"(?:,?\s*(?:(?:st|kl|kld|\d{1,2})\.\s*(?:(?:sal|tv|th|mf)\b\.?)?"
    r"|(?:st|\d{1,2})\s*(?:tv|th|mf)\b\.?))?"
)
_POSTTOWN: Final = rf"(?P<post>,?\s*[1-9]\d{{3}}\s+{_NAME}(?:[ -](?:{_NAME}|[NSØVC]\b))?)?"
_ADDRESS: Final = re.compile(
    rf"(?<![\w])(?:(?P<cap>{_STREET})|(?P<low>{_STREET_LOWER}))"
    rf"[ \u00a0](?P<number>{_NUMBER})(?![\d,.]\d)(?P<floor>{_FLOOR}){_POSTTOWN}"
)
_UNIT_AFTER: Final = re.compile(
    r"\s*(?:dage?|døgn|uger?|måned\w*|mdr|år|timer?|min\w*|sek\w*|gange?|kr\b|kroner|km"
    r"|meter|m\b|%|stk|personer|mennesker|børn|biler|huse|hus|x\b|af\b|til\b|-\s*\d)",
    re.IGNORECASE,
)
# ``_UNIT_AFTER`` for a lower-cased text, without IGNORECASE: each branch opens with a
# literal the regex engine tests before it tries the branch (``_unit_after``).
_UNIT_AFTER_LOW: Final = re.compile(_UNIT_AFTER.pattern)
# Words that look like streets but are common nouns in running text.
_NOT_STREETS: Final = frozenset(
    {
        "have",
        "haven",
        "mark",
        "skov",
        "skoven",
        "strand",
        "stranden",
        "hus",
        "huse",
        "dal",
        "eng",
        "engen",
        "ring",
        "ringen",
        "bro",
        "broen",
        "bakke",
        "bakken",
        "park",
        "parken",
        "torv",
        "torvet",
        "plads",
        "pladsen",
        "sti",
        "stien",
        "gård",
        "gården",
        "vej",
        "vejen",
    }
)
# (Written to open with the digit, its look-behind after it, so the regex engine skips to
# digits: ``[1-9](?<![\w.,-][1-9])`` is ``(?<![\w.,-])[1-9]``, the digit being one.)
_POSTCODE_TOWN: Final = re.compile(
    rf"(?P<code>[1-9](?<![\w.,-][1-9])\d{{3}})\s+(?P<town>{_NAME}(?:[ -](?:{_NAME}|[NSØVC]\b))?)"
)
_NOT_TOWNS: Final = frozenset(
    {
        "Januar",
        "Februar",
        "Marts",
        "April",
        "Maj",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "December",
        "Kr",
        "Kroner",
        "Dkk",
        "Borgere",
        "Personer",
        "Mennesker",
        "Børn",
        "Og",
        "Men",
        "Der",
        "Det",
        "Jeg",
        "Vi",
        "De",
        "Til",
        "Fra",
        "I",
    }
)


def _street_ok(m: re.Match[str]) -> bool:
    name = (m["cap"] or m["low"] or "").split()[-1].lower()
    if name in _NOT_STREETS:
        return False
    return not (m["floor"] == "" and m["post"] is None and _unit_after(m.string, m.end()))


def _unit_after(text: str, at: int) -> bool:
    """Whether ``_UNIT_AFTER`` matches ``text`` at ``at``: its lower-case twin on the rest
    of the text lowered, where ``lower_for_twins`` allows (the twin's branches open with
    plain literals the engine checks before trying a branch)."""
    low = lower_for_twins(text[at:])
    if low is None:
        return _UNIT_AFTER.match(text, at) is not None
    return _UNIT_AFTER_LOW.match(low) is not None


_SUFFIX_ENDINGS: Final = frozenset(s.lower() for s in STREET_SUFFIXES)
#: The lengths of the suffixes, longest first: a text ends in one when its last so many
#: characters (or all of it, when shorter) are one (``_ends_like_street``).
_SUFFIX_LENGTHS: Final = tuple(sorted({len(s) for s in _SUFFIX_ENDINGS}, reverse=True))


def _ends_like_street(low: str) -> bool:
    """``low.endswith(tuple(_SUFFIX_ENDINGS))``, by a set look-up of each of its last few
    lengths (seven) instead of a comparison with each of the eighty-odd suffixes. When
    ``low[-n:]`` is shorter than ``n`` it is all of ``low``, which ends in itself."""
    if low[-_SHORTEST:] not in _SUFFIX_TAILS:
        return False
    return any(low[-n:] in _SUFFIX_ENDINGS for n in _SUFFIX_LENGTHS)


#: The last letters of each suffix, as many as the shortest has: a text ending in a suffix
#: ends in one of these (its last ``_SHORTEST`` characters are the suffix's), so a text
#: ending in none (most words before a number) is answered by one look-up, not seven.
_SHORTEST: Final = _SUFFIX_LENGTHS[-1]
_SUFFIX_TAILS: Final = frozenset(s[-_SHORTEST:] for s in _SUFFIX_ENDINGS)


_YEAR_BEFORE: Final = re.compile(r"(?:år|siden|fra|til|i|in|since|year)\s*$")
# What every ``_POSTCODE_TOWN`` match holds (its town opens with a capital): most numbers
# in posts (order and case numbers, years) stand before a lower-case word or nothing.
_POSTCODE_QUICK: Final = re.compile(rf"[1-9]\d{{3}}\s+[{_UPPER}]")
# A space before a digit 1-9 after a letter, found by the digit (rarer than spaces, so the
# regex engine skips further): the space is the character before each match. A letter is
# a word character but no digit or "_", so this finds every space ``_street_matches``
# wants (it asks ``str.isalpha`` of the character before), not those between the digit
# groups of a phone number.
_NUMBER_AFTER_SPACE: Final = re.compile(r"[1-9](?<=[^\W\d_][ \u00a0][1-9])")


#: The capitals a word of a street name may open with: those of ``[_UPPER]`` (all Latin-1).
_UPPER_LETTERS: Final = frozenset(
    ch for ch in map(chr, range(256)) if re.fullmatch(f"[{_UPPER}]", ch) is not None
)


#: Each Latin-1 character's byte mapped to what ``_street_spaces`` looks for: "a" for a
#: letter (``str.isalpha``), " " for a space or a no-break space, "1" for a digit 1-9, "."
#: for anything else.
_SPACE_SHAPE: Final = bytes(
    0x61 if ch.isalpha() else 0x20 if ch in " \u00a0" else 0x31 if "1" <= ch <= "9" else 0x2E
    for ch in map(chr, range(256))
)


def _street_spaces(text: str) -> list[int]:
    """Where a space (or no-break space) stands after a letter and before a digit 1-9:
    ``_NUMBER_AFTER_SPACE``'s matches less one, those after a letter (``str.isalpha``
    takes no character ``[^\\W\\d_]`` does not). In a Latin-1 text by one encoding, one
    translation and a ``find`` for each (C loops: most posts have none, and the regex
    engine tested every digit's look-behind); elsewhere by the regex."""
    try:
        shape = text.encode("latin-1").translate(_SPACE_SHAPE)
    except UnicodeEncodeError:
        return [
            m.start() - 1
            for m in _NUMBER_AFTER_SPACE.finditer(text)
            if text[m.start() - 2].isalpha()
        ]
    spaces: list[int] = []
    found = shape.find(b"a 1")
    while found >= 0:
        spaces.append(found + 1)
        found = shape.find(b"a 1", found + 3)
    return spaces


def _street_matches(text: str) -> list[re.Match[str]]:
    # The full pattern is slow to try at every position: try it only where a
    # word ending like a street name is followed by a number.
    matches: list[re.Match[str]] = []
    last_digit = -1  # the digit of the space before the last, whether looked at or not
    for at in _street_spaces(text):
        earlier, last_digit = last_digit, at + 1
        if not _ends_like_street(text[max(0, at - 12) : at].lower()):
            continue
        lo = max(0, at - 60, matches[-1].end() if matches else 0)
        stop = min(len(text), at + 40)
        starts = None if earlier > lo else _street_starts(text, lo, at)
        m: re.Match[str] | None = None
        if starts is None:
            m = _ADDRESS.search(text, lo, stop)
        else:
            for start in starts:
                m = _ADDRESS.match(text, start, stop)
                if m is not None:
                    break
        if m is not None and m.start() <= at < m.end():
            matches.append(m)
    return matches


def _street_starts(text: str, lo: int, at: int) -> list[int] | None:
    """Where, from ``lo`` on, the first ``_ADDRESS`` match holding the space at ``at``
    (before a digit) may start, in order; None when a word before ``at`` is not all
    letters (then ``_ADDRESS.search`` from ``lo`` finds it, as before).

    The caller asks only when no other space before a digit after a letter lies after
    ``lo`` (``_street_spaces``). Then every match starting from ``lo`` up to ``at``
    has its street end at ``at``: its street holds no digit, and the space before its own
    number (after the street's last letter, before a digit 1-9) is one of those spaces.
    A street is letters, ".", "-" and at most three single spaces, opens after no word
    character, and each of its words after a space opens with a capital (``_STREET``:
    ``_STREET_LOWER`` is one word). So among words of letters only, it starts at the
    start of the word before ``at`` or of one of up to three words before that, each of
    those and those after them opening with a capital (``_UPPER``). Matching there in
    order finds what the search finds (or no match holding ``at``) without trying the
    pattern at every position from ``lo`` to ``at`` and on to ``at + 40``."""
    starts: list[int] = []
    end = at
    while len(starts) < 4:
        space = text.rfind(" ", lo, end)
        begin = space + 1 if space >= 0 else lo
        if begin == end:
            break  # two spaces, or ``lo``: no street runs on before them
        if not text[begin:end].isalpha():
            return None
        capital = text[begin] in _UPPER_LETTERS
        if capital or not starts:
            starts.append(begin)
        if space < 0 or not capital:
            break
        end = space
    starts.reverse()
    return starts


def find_addresses(text: str, *, postcodes: bool = True) -> tuple[PiiSpan, ...]:
    """Street + house number (with floor and postcode/town if given), and postcode + town.

    ``postcodes=False`` tells that ``text`` has no run of exactly four digits (``_scan``
    knows its digit runs): a postcode is one (``_POSTCODE_TOWN``: no word character or
    digit before it, whitespace after), so there is none to search for."""
    spans: list[PiiSpan] = []
    taken_to = -1
    for m in _street_matches(text):
        if not _street_ok(m):
            continue
        end = m.end()
        while end > m.start() and text[end - 1] in " ,.":
            end -= 1
        score = 0.85 if m["cap"] else 0.6
        spans.append(
            span(
                kind="address",
                start=m.start(),
                end=end,
                score=score,
                explanation="street name with house number",
            )
        )
        taken_to = end
    if not postcodes or _POSTCODE_QUICK.search(text) is None:
        return tuple(spans)
    for m in _POSTCODE_TOWN.finditer(text):
        if m.start() < taken_to and any(s.start <= m.start() < s.end for s in spans):
            continue
        if m["town"].split()[0] in _NOT_TOWNS:
            continue
        code = int(m["code"])
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if 1900 <= code <= 2099 and _YEAR_BEFORE.search(before):
            continue  # a year, not a postcode
        spans.append(
            span(
                kind="address",
                start=m.start(),
                end=m.end(),
                score=0.6,
                explanation="postcode and town",
            )
        )
    spans.sort(key=lambda s: s.start)
    return tuple(spans)
