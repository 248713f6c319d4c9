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
from typing import Final, NamedTuple, final

from sojournal.pii.sensitive import free_of_terms, numbers_free_of_terms, piece_guards
from sojournal.policy.case_refs import LABEL_HINT, TWO_DIGITS

__all__ = ["Text", "analyse", "analyse_hints", "analyse_parts", "fold", "token_spans", "tokenise"]

_TOKEN: Final = re.compile(r"\w+|[^\w\s]")
_TRANSLATE: Final = str.maketrans(
    {"ä": "æ", "ö": "ø", "é": "e", "è": "e", "ü": "u", "’": "'", "‘": "'", "´": "'", "`": "'"}
)
_FOREIGN: Final = re.compile("[äöéèü’‘´`]")
_QUESTION_START: Final = frozenset(
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
# Written to start with the character class (the lookbehind stands in for the leading
# ``\b``) so the regex engine skips along to capitals instead of trying every position.
_SHOUT: Final = re.compile(r"[A-ZÆØÅ](?<!\w[A-ZÆØÅ])[A-ZÆØÅ]{2,}[\s,.!?]{1,3}[A-ZÆØÅ]{2,}\b")


def _lower(text: str) -> str:
    """Lower-case and map foreign letters one-to-one: same length, so offsets still hold."""
    return _translate(text.lower())


def _translate(low: str) -> str:
    if _FOREIGN.search(low):  # translate() is slow; most posts need none of it
        low = low.translate(_TRANSLATE)
    return low


def _fold_lower(low: str) -> str:
    """``fold`` of a text already lower-cased (``analyse`` needs the lower case twice)."""
    low = _translate(low)
    if "a" in low or "o" in low:
        low = low.replace("aa", "å").replace("ae", "æ").replace("oe", "ø")
    return low


def fold(text: str) -> str:
    """Lower-case and map alternative spellings onto one form (ae→æ, oe→ø, aa→å).

    >>> fold("Soeg om Boligstoette paa Kaerby")
    'søg om boligstøtte på kærby'
    """
    return _fold_lower(text.lower())


def tokenise(folded: str) -> list[str]:
    """Words, and each punctuation mark or emoji on its own.

    The same tokens as ``_TOKEN.findall`` (``\\w+|[^\\w\\s]``), found faster: ``str.split``
    breaks on exactly the characters ``\\s`` matches, and ``str.isalnum`` (plus ``_``) is
    exactly ``\\w``, so a whitespace-separated piece that is all letters and digits is one
    token, and a word with one mark after it ("åbent?") is two. Only the rest (URLs,
    "el-cykler", emoji runs) goes through the regex: most pieces of a comment never do.
    """
    out: list[str] = []
    append = out.append
    for piece in folded.split():
        if piece.isalnum():
            append(piece)
            continue
        head, last = piece[:-1], piece[-1]
        if head.isalnum() and not last.isalnum() and last != "_":
            append(head)
            append(last)
        else:
            out.extend(_TOKEN.findall(piece))
    return out


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


_new_text: Final = tuple.__new__
# ``analyse`` builds Text positionally: a field added or reordered must be added there too.
if Text._fields != ("tokens", "question", "shout", "exclaim", "mention"):
    raise AssertionError("update analyse() for the fields of Text")


@final
class _Piece:
    """One whitespace-separated piece of a raw text, folded and tokenised once.

    Folding and tokenising never look across whitespace: ``str.lower`` maps no character
    to or from whitespace (even Greek final sigma looks no further than the piece), and
    the ae/oe/aa pairs and tokens are whitespace-free. So the tokens of a text are the
    tokens of its pieces, and pieces repeat across posts far more than texts do.
    """

    def __init__(self, piece: str) -> None:
        numeric = _numeric_split(piece)
        if numeric is not None:
            # Dates, amounts, case and CPR numbers ("2024-049377", "12,"), rarely
            # remembered: no letter to lower or fold, and no question mark, capitals, "!!",
            # "@" or label to look for (each needs a character this piece does not have). Plain
            # numbers never get here from ``analyse_parts``, which reads them without a piece.
            self.tokens: list[str] = numeric.tokens
            self.single: str = self.tokens[0] if len(self.tokens) == 1 else ""
            digits = (_DIGITS if numeric.two_digits else 0) | (
                _DIGIT if numeric.two_digits or numeric.lone_digit else 0
            )
            self.flags: int = digits | _numeric_terms(piece, numeric.lone_digit)
            self.guards: list[re.Pattern[str]] = _NO_GUARDS
            #: The spelling table last asked about and whether a token is a key of it
            #: (``analyse_parts``), in one tuple: replaced whole, so threads with different
            #: policies never see one's table with the other's answer.
            self.spelt: tuple[dict[str, str], bool] = _NOT_SPELT
            return
        tokens = tokenise(_fold_lower(piece.lower()))
        self.tokens = tokens
        #: The token when the piece is exactly one (most pieces), else "".
        self.single = tokens[0] if len(tokens) == 1 else ""
        #: What the engine asks of the whole text, or-ed over its pieces: a question-mark
        #: token, two digits in a row (a case number may start there), three capitals in a
        #: row (shouting needs them), a digit (``\d``: the PII number detectors look only
        #: where one is), the start of a case-number label (``case_refs``:
        #: "sagsnr", "j.nr", "journalnummer", "case no", "ref. nr", in any case), "!!" and "@"
        #: (neither crosses whitespace, so the text holds one if and only if a piece does);
        #: and whether the PII detectors may find a sensitive term in it
        #: (``pii.sensitive.piece_guards``: asked here, once for a piece remembered, rather
        #: than for every post in ``pii.scan``).
        guards = piece_guards(piece)
        self.flags = (
            (_QMARK if "?" in tokens else 0)
            | (_DIGITS if _TWO_DIGITS.search(piece) is not None else 0)
            | (_DIGIT if _ONE_DIGIT.search(piece) is not None else 0)
            | (_CAPITALS if _CAPS.search(piece) is not None else 0)
            | (_LABEL if _LABEL_HINT.search(piece) is not None else 0)
            | (_PII_TERMS if guards is None else 0)
            | (_EXCLAIM if "!!" in piece else 0)
            | (_MENTION if "@" in piece else 0)
        )
        #: What must find something in the post for a sensitive term to be there, when the
        #: piece's words are common words that are also a phrase's key word ("gået" of "kan
        #: ikke gå"): ``pii._scan.scan_split`` searches these instead of for the terms.
        self.guards = guards if guards else _NO_GUARDS
        self.spelt = _NOT_SPELT


def _is_number(piece: str) -> bool:
    """Two ASCII digits or more and nothing else: one token, which two digits in a row
    flag, and nothing else (question mark, capitals, label, "!!", "@") to look for."""
    return len(piece) > 1 and piece.isascii() and piece.isdigit()


def _number_flags(number: str) -> int:
    """A number's flags (``_is_number``): what ``_Piece`` would find in it, found cheaply.

    Numbers are never remembered, so every one ("20 30 40 50" is four) is read anew for
    each post: ``numbers_free_of_terms`` says once for all of them what ``free_of_terms``
    would say of each (when it cannot, each is asked).
    """
    if numbers_free_of_terms() or free_of_terms(number):
        return _DIGITS | _DIGIT
    return _DIGITS | _DIGIT | _PII_TERMS


def _numeric_terms(piece: str, lone_digit: bool) -> int:
    """``_PII_TERMS`` unless ``free_of_terms(piece)``, for a piece ``_numeric_split`` reads.

    ``TermIndex`` splits words at each of its marks, so its words are its runs of digits:
    numbers, when no run is a lone digit, and then free when every number is.
    """
    if (numbers_free_of_terms() and not lone_digit) or free_of_terms(piece):
        return 0
    return _PII_TERMS


@final
class _Numeric:
    """A piece of ASCII digits and the marks ``.,:/-`` only, read in one pass."""

    def __init__(self, tokens: list[str], two_digits: bool, lone_digit: bool) -> None:
        #: Its tokens: each run of digits, each mark on its own (what ``tokenise`` gives).
        self.tokens = tokens
        #: Whether a run has two digits or more (``\\d\\d`` finds something).
        self.two_digits = two_digits
        #: Whether a run is a single digit.
        self.lone_digit = lone_digit


def _numeric_split(piece: str) -> _Numeric | None:
    """The tokens and digit runs of a piece of ASCII digits and the marks ``.,:/-`` (dates,
    amounts, case and CPR numbers; marks that both ``tokenise`` and ``TermIndex`` split
    at), or None for any other piece.

    Such pieces are never remembered, so each is read anew for every post: one loop over
    its characters instead of a regex to recognise it, one to tokenise it and two to look
    for digit runs (``\\w+|[^\\w\\s]`` makes a token of each run of digits and of each
    mark, as the loop does).
    """
    tokens: list[str] = []
    two_digits = lone_digit = False
    start = 0
    n = len(piece)
    for i in range(n):
        c = ord(piece[i])
        if 48 <= c <= 57:  # 0-9
            continue
        # . , : / -
        if c != 46 and c != 44 and c != 58 and c != 47 and c != 45:
            return None
        if i > start:
            tokens.append(piece[start:i])
            if i - start == 1:
                lone_digit = True
            else:
                two_digits = True
        tokens.append(piece[i])
        start = i + 1
    if n > start:
        tokens.append(piece[start:])
        if n - start == 1:
            lone_digit = True
        else:
            two_digits = True
    return _Numeric(tokens, two_digits, lone_digit)


#: No spelling table asked about yet (``_Piece.spelt``).
_NOT_SPELT: Final[tuple[dict[str, str], bool]] = ({}, False)
#: A piece with no guards (most): shared, never changed.
_NO_GUARDS: Final[list[re.Pattern[str]]] = []
_QMARK: Final = 1
_DIGITS: Final = 2
_CAPITALS: Final = 4
_LABEL: Final = 8
_PII_TERMS: Final = 16
_EXCLAIM: Final = 32
_MENTION: Final = 64
_DIGIT: Final = 128
_TWO_DIGITS: Final = re.compile(TWO_DIGITS)
_ONE_DIGIT: Final = re.compile(r"\d")
_CAPS: Final = re.compile("[A-ZÆØÅ]{3}")
_LABEL_HINT: Final = re.compile(LABEL_HINT, re.IGNORECASE)
#: Pieces remembered with their tokens; cleared when full (words repeat across posts).
#: Pieces with two digits in a row are not remembered (see ``analyse_parts``).
_PIECES: Final[dict[str, _Piece]] = {}
_PIECES_SIZE: Final = 50_000


def analyse(raw: str, spelling: dict[str, str] | None = None) -> Text:
    """Fold, tokenise (fixing known misspellings) and read the structural features."""
    return analyse_hints(raw, spelling)[0]


def analyse_hints(
    raw: str, spelling: dict[str, str] | None = None
) -> tuple[Text, bool, bool, bool, list[re.Pattern[str]], bool]:
    """``analyse``; then the hints of ``analyse_parts``."""
    tokens, question, shout, exclaim, mention, digits, label, terms, guards, digit = analyse_parts(
        raw, spelling
    )
    # tuple.__new__ with the fields in order: a NamedTuple's keyword __new__ is Python code.
    text = _new_text(Text, (tokens, question, shout, exclaim, mention))
    return text, digits, label, terms, guards, digit


def analyse_parts(
    raw: str, spelling: dict[str, str] | None = None
) -> tuple[tuple[str, ...], bool, bool, bool, bool, bool, bool, bool, list[re.Pattern[str]], bool]:
    """The fields of ``analyse``'s ``Text`` in its order, without the ``Text`` (building one
    costs a call of ``tuple.__new__``, some 850 instructions, and ``decide`` needs only its
    fields); then whether ``raw`` holds two digits in a row (``\\d\\d``); whether it
    holds the start of a case-number label (``LABEL_HINT``); whether any piece of it
    may hold a sensitive term; when none may, the guards that must find something in
    ``raw`` for one to be there all the same (``pii._scan.scan_split`` searches those, and
    skips the search for terms when they find nothing); and whether it holds a digit
    (``\\d``; a digit is never whitespace, so the text holds one if and only if a piece
    does): ``scan_split`` then need not search the whole text for one."""
    tokens: list[str] = []
    flags = 0
    guards: list[re.Pattern[str]] = _NO_GUARDS
    cache = _PIECES
    table: dict[str, str] = spelling if spelling else _NOT_SPELT[0]
    misspelt = False
    for piece in raw.split():
        info = cache.get(piece)
        if info is None:
            if _is_number(piece):
                # Never remembered (see below), so read without building a ``_Piece``.
                tokens.append(piece)
                flags |= _number_flags(piece)
                if table and piece in table:
                    misspelt = True
                continue
            info = _Piece(piece)
            # Numbers (CPR, phone, case numbers) rarely repeat and are personal data:
            # they are not kept in memory beyond the post.
            if not info.flags & _DIGITS:
                if len(cache) >= _PIECES_SIZE:
                    cache.clear()
                cache[piece] = info
        if info.single:
            tokens.append(info.single)
        else:
            tokens.extend(info.tokens)
        flags |= info.flags
        if table:
            # Whether the piece holds a known misspelling, asked once per piece and table.
            spelt = info.spelt
            if spelt[0] is not table:
                spelt = (table, any(t in table for t in info.tokens))
                info.spelt = spelt
            if spelt[1]:
                misspelt = True
        if info.guards:
            guards = [*guards, *info.guards]  # never extended in place: may be a piece's own
    qmark = bool(flags & _QMARK)
    if misspelt:
        tokens = [table.get(t, t) for t in tokens]
        qmark = "?" in tokens
    question = qmark or bool(tokens and tokens[0] in _QUESTION_START)
    return (
        tuple(tokens),
        question,
        bool(flags & _CAPITALS) and _SHOUT.search(raw) is not None,
        bool(flags & _EXCLAIM),
        bool(flags & _MENTION),
        bool(flags & _DIGITS),
        bool(flags & _LABEL),
        bool(flags & _PII_TERMS),
        guards,
        bool(flags & _DIGIT),
    )
