"""Danish text as the policy sees it: folded, tokenised, with a few structural features.

Citizens write æ/ø/å as ae/oe/aa, mix in Swedish or German keyboards, shout in
capitals and ask questions without question marks. Folding both the post and
every lexicon term the same way lets one lexicon entry match all spellings, and
keeping one token per word means token *i* of the folded text is token *i* of
the original, so explanations can point at the original characters.

>>> t = analyse("Hvornaar faar jeg min BOLIGSTØTTE?")
>>> t.tokens
('hvornår', 'får', 'jeg', 'min', 'boligstøtte', '?')
>>> t.question, t.shout
(True, False)
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Text", "analyse", "fold", "token_spans", "tokenise"]

_TOKEN = re.compile(r"\w+|[^\w\s]")
_TRANSLATE = str.maketrans(
    {"ä": "æ", "ö": "ø", "é": "e", "è": "e", "ü": "u", "’": "'", "‘": "'", "´": "'", "`": "'"}
)
_FOREIGN = re.compile("[äöéèü’‘´`]")
_QUESTION_START = frozenset(
    [
        "hvornår",
        "hvordan",
        "hvor",
        "hvem",
        "hvad",
        "hvilke",
        "hvilken",
        "hvilket",
        "hvorfor",
        "kan",
        "må",
        "skal",
        "er",
        "har",
        "bliver",
        "kommer",
        "holder",
        "findes",
        "får",
        "how",
        "when",
        "where",
        "what",
        "who",
        "why",
        "can",
        "is",
        "are",
        "does",
        "do",
        "will",
        "could",
        "would",
        "should",
    ]
)
# Two words in capitals in a row ("ENDNU EN GANG", "SÅ BETAL DOG") is shouting;
# one acronym or one stressed word ("SFO", "INTET") is not.
_SHOUT = re.compile(r"\b[A-ZÆØÅ]{3,}[\s,.!?]{1,3}[A-ZÆØÅ]{2,}\b")


def _lower(text: str) -> str:
    """Lower-case and map foreign letters one-to-one: same length, so offsets still hold."""
    low = text.lower()
    if _FOREIGN.search(low):  # translate() is slow; most posts need none of it
        low = low.translate(_TRANSLATE)
    return low


def fold(text: str) -> str:
    """Lower-case and map alternative spellings onto one form (ae→æ, oe→ø, aa→å).

    >>> fold("Soeg om Boligstoette paa Kaerby")
    'søg om boligstøtte på kærby'
    """
    low = _lower(text)
    if "a" in low or "o" in low:
        low = low.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    return low


def tokenise(folded: str) -> list[str]:
    """Words, and each punctuation mark or emoji on its own."""
    return _TOKEN.findall(folded)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets into the *original* text of each token, for explanations."""
    return [m.span() for m in _TOKEN.finditer(_lower(text))]


class Text(NamedTuple):
    """One post's text, ready for matching."""

    tokens: tuple[str, ...]
    question: bool
    shout: bool
    exclaim: bool
    mention: bool


def analyse(raw: str, spelling: dict[str, str] | None = None) -> Text:
    """Fold, tokenise (fixing known misspellings) and read the structural features."""
    tokens = tokenise(fold(raw))
    if spelling and not spelling.keys().isdisjoint(tokens):
        tokens = [spelling.get(t, t) for t in tokens]
    question = "?" in tokens or bool(tokens and tokens[0] in _QUESTION_START)
    return Text(
        tokens=tuple(tokens),
        question=question,
        shout=_SHOUT.search(raw) is not None,
        exclaim="!!" in raw,
        mention="@" in raw,
    )
