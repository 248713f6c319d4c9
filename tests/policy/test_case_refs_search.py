"""``case_refs._REF`` is the readable ``_LABEL`` pattern rewritten for a fast search: the
rewrite must find exactly what the plain pattern finds, at the same places."""

from __future__ import annotations

import random
import re

from sojournal.policy import case_refs

_PLAIN = re.compile(
    case_refs._LABEL + r"\s*\.?\s*(?:er|is|:|#)?\s*:?\s*(" + case_refs._NUMBER + r")",
    re.IGNORECASE,
)
_PIECES = (
    "sagsnr", "SAGS NR", "ſagsnr", "j.nr.", "J nr", "journalnummer", "Journal-nr", "case no",
    "CASE #", "reference number", "ref. nr", "Ref nr", "sag nr", "sagsnummer", " er ", ": ",
    "#", "2024-004512", "27.12.04-G01-3-24", "2023/118830", "123456", "12.05.24",
    "00.01.00-A00-12-23", " ", "x", "s", "r", "jj", "K", "ſ", "İ", "\u212a",
)  # fmt: skip


def test_first_letters_are_exactly_those_of_the_labels() -> None:
    first = re.compile(r"(?i)[sjcr]")
    letters = {c for c in map(chr, range(0x10000)) if first.match(c)}
    assert letters == set("sjcrSJCR\u017f")


def test_fast_pattern_finds_what_the_plain_one_finds() -> None:
    rnd = random.Random(7)
    texts = ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, 8))) for _ in range(20_000)]
    for text in (*texts, *(t.upper() for t in texts)):
        fast = [(m.span(), m.group(1)) for m in case_refs._REF.finditer(text)]
        assert fast == [(m.span(), m.group(1)) for m in _PLAIN.finditer(text)], text
