"""Lexicon terms compiled into one token matcher: one pass over a post finds every term.

A term is written the way a person would search for it::

    "ansøg*"              any word starting with ansøg (ansøgning, ansøgningen, ansøgt …)
    "*ydelse"             any word ending in ydelse (enkeltydelse, børneydelse: Danish compounds)
    "jeg har søgt"        these words in a row
    "har ... søgt"        up to two words between, none of them a negation
    "har ...{4} søgt"     up to four words between (1-6), none of them a negation
    "{mor,far} {har,fik}" one of the words in braces: written once, four terms matched
    "🤡"                  punctuation and emoji are tokens of their own

Terms are folded like the text (``text.fold``), so ``"boligstøtte"`` also matches
``boligstoette``. Matching walks the tokens once and looks each up in two dicts
(whole words, and word prefixes for stems) instead of running a regex per term,
which is what keeps ``decide`` at tens of thousands of posts a second.

>>> m = TermMatcher([("case", "ansøg*"), ("own", "jeg har ... søgt")], negations={"ikke"})
>>> [(h.group, h.start, h.end) for h in m.find(("jeg", "har", "længe", "søgt", "ansøgningen"))]
[('own', 0, 4), ('case', 4, 5)]
>>> m.find(("jeg", "har", "ikke", "søgt"))
[]
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final, NamedTuple, TypeVar, final

from sojournal.policy.case_refs import TWO_DIGITS
from sojournal.policy.text import fold, tokenise

__all__ = ["Hit", "TermError", "TermMatcher", "compile_term", "expand_term", "stem_variants"]

_GAP: Final = "..."
_MAX_GAP: Final = 2
_TWO_DIGITS: Final = re.compile(TWO_DIGITS)
_T = TypeVar("_T")
#: The longest gap a term may ask for: a wider one matches across clauses and means nothing.
_GAP_LIMIT: Final = 6
#: ``...{n}``: a gap of up to ``n`` words; anything else starting with ``...{`` is a typo.
_SIZED_GAP: Final = re.compile(r"\.\.\.\{(\d+)\}")

# A piece is (kind, text): kind "w" whole word, "s" stem (prefix), "x" suffix, "g" gap
# (text: the most words it skips as digits, "" for the default ``_MAX_GAP``).
Piece = tuple[str, str]


@final
class _Follow:
    """A multi-word term as seen from its second word, which the index has already checked."""

    def __init__(self, group: str, term: str, after: tuple[Piece, ...]) -> None:
        self.group = group
        self.term = term
        #: The rest, if it is whole words only (compared word by word), else None.
        self.words: tuple[str, ...] | None = (
            tuple(text for _, text in after) if all(kind == "w" for kind, _ in after) else None
        )
        #: The rest as pieces, for ``_match_rest``.
        self.rest = after
        #: The hit of a whole-words match starting at position i, made once (``hits_at``).
        self.at: list[Hit] = []
        #: The whole word the third token must be ("" if the rest is empty or opens with a
        #: gap, stem or suffix): ``_Next`` narrows a next word's terms by it.
        self.third: str = after[0][1] if after and after[0][0] == "w" else ""

    def hit_at(self, i: int, end: int) -> Hit:
        """The hit of this term over tokens [i, end), for a whole-words match (its ``end`` is
        always ``i + 2 + len(words)``): remembered for the first positions, like
        ``_Entry.hits_at``."""
        at = self.at
        if i < len(at):
            return at[i]
        group, term, width = self.group, self.term, end - i

        def make(k: int) -> Hit:
            return tuple.__new__(Hit, (group, term, k, k + width))

        if i >= _REMEMBERED_POSITIONS:
            return make(i)
        grown = _grown(at, i, make)
        self.at = grown
        return grown[i]


@final
class _Next:
    """The multi-word terms of an ``_Entry`` keyed by one next word, narrowed by the third.

    A next word may carry dozens of terms ("den" then "røde" then any of ten garments):
    tried one by one, each failed at the third token, most of them in ``_match_rest``. A
    term whose third piece is a whole word (``_Follow.third``) matches only where the third
    token is that word, so the terms worth trying at a position are those without a third
    word plus those whose third word is the token there: ``by_third`` lists them for each
    third word, ``base`` for any other token (or none: the post ends), each in the terms'
    own order, so the hits come out in the order the whole list gave them.
    """

    def __init__(self, follows: list[_Follow]) -> None:
        #: The terms worth trying when the third token is no key of ``by_third``: all of
        #: them when ``by_third`` is empty.
        self.base: list[_Follow] = follows
        #: Third word -> the terms worth trying when the third token is it (empty: not
        #: worth a look-up, too few terms need a third word to skip).
        self.by_third: dict[str, list[_Follow]] = {}
        thirds = [f.third for f in follows if f.third]
        if len(thirds) >= _NARROWED:
            self.base = [f for f in follows if not f.third]
            self.by_third = {w: [f for f in follows if not f.third or f.third == w] for w in thirds}


#: A next word's terms are narrowed by their third word when at least this many need one:
#: a dict look-up costs about as much as comparing two or three third words.
_NARROWED: Final = 3


@final
class _Other:
    """A multi-word term whose second piece is a gap or a stem: tried by ``_match_rest``."""

    def __init__(self, group: str, term: str, rest: tuple[Piece, ...], need: str, bit: int) -> None:
        self.group = group
        self.term = term
        self.rest = rest
        #: One whole word the term still needs ("" if none): a post without it is skipped.
        self.need = need
        #: The need word's bit in a post's mask of need words (``TermMatcher.find_noting``).
        self.bit = bit
        #: Whether no other need word has the bit: then it is set if and only if the word
        #: is in the post.
        self.exact = bit != _SHARED_NEED_BIT


@final
class _Entry:
    """What one token starts: the single-word terms it completes, the multi-word terms
    keyed by their exact next word (most), and the others apart."""

    def __init__(
        self,
        singles: list[tuple[str, str]],
        by_next: dict[str, _Next],
        others: list[_Other],
    ) -> None:
        self.singles = singles
        self.by_next = by_next
        self.others = others
        self.empty = not singles and not by_next and not others
        #: Whether the token is a negation word (``TermMatcher.find_noting``).
        self.negation = False
        #: The token's bit as a word some ``_Other`` needs, else 0 (``find_noting``).
        self.need = 0
        #: The hits of ``singles`` with the token at position i, made once (a Hit is an
        #: immutable tuple, so posts can share it): ``hits_at``.
        self.at: list[tuple[Hit, ...]] = []

    def hits_at(self, i: int) -> tuple[Hit, ...]:
        """The single-word hits of this token at position ``i`` (remembered up to 64)."""
        at = self.at
        if i < len(at):
            return at[i]
        singles = self.singles

        def make(k: int) -> tuple[Hit, ...]:
            return tuple([tuple.__new__(Hit, (g, t, k, k + 1)) for g, t in singles])

        if i >= _REMEMBERED_POSITIONS:
            return make(i)
        grown = _grown(at, i, make)
        self.at = grown
        return grown[i]


#: Positions up to which an entry remembers its single-word hits.
_REMEMBERED_POSITIONS: Final = 64


def _grown(at: list[_T], i: int, make: Callable[[int], _T]) -> list[_T]:
    """A copy of ``at`` grown with ``make(k)`` up to position ``i``, for the caller to
    publish whole: a thread reading the old list never sees it change. The memory of
    ``_Entry.hits_at`` and ``_Follow.hit_at``; only the first sight of a position comes here."""
    grown = list(at)
    while len(grown) <= i:
        grown.append(make(len(grown)))
    return grown


#: The entry of every token that starts no term (most of them).
_NOTHING: Final = _Entry([], {}, [])


#: Bits in a post's mask of need words, a native int: the shortest need words (the most
#: frequent in posts: "på", "har", "ikke") have one each, the rest share the last one, which
#: only says one of them may be in the post (a look-up in its tokens then decides).
_NEED_BITS: Final = 62
_SHARED_NEED_BIT: Final = 1 << (_NEED_BITS - 1)


class TermError(ValueError):
    """A term that cannot be compiled; the loader turns it into a PolicyError."""


class Hit(NamedTuple):
    """One term found: which group it belongs to and which tokens [start, end) it covers."""

    group: str
    term: str
    start: int
    end: int


#: One written term may stand for at most this many: a typo in braces must not load for minutes.
_MAX_EXPANSION: Final = 5_000


def expand_term(term: str) -> tuple[str, ...]:
    """The terms a written term stands for: each ``{a,b,c}`` word is one of its choices.

    Relatives and verbs, say, combine into hundreds of two-word terms; a municipality
    editing the list should see one line, not hundreds. Each expansion is a term of its
    own (its own hits, its own text in explanations), exactly as if written out.

    >>> expand_term("{mor,far} {har,fik*} afslag")
    ('mor har afslag', 'mor fik* afslag', 'far har afslag', 'far fik* afslag')
    >>> expand_term("søg* om")
    ('søg* om',)
    >>> expand_term("er der *{gruppe,hold}")  # a star outside the braces goes to each word
    ('er der *gruppe', 'er der *hold')
    """
    choices: list[list[str]] = []
    for word in term.split():
        lead = "*" if word.startswith("*{") else ""
        trail = "*" if word.endswith("}*") else ""
        braced = word[len(lead) : len(word) - len(trail)]
        if braced.startswith("{") and braced.endswith("}"):
            options = [o.strip() for o in braced[1:-1].split(",")]
            if len(options) < 2 or not all(options):
                raise TermError(f"braces need two or more words, comma-separated: {term!r}")
            choices.append([lead + o + trail for o in options])
        elif "{" in word and not word.startswith(_GAP + "{"):
            raise TermError(f"braces must enclose a whole word: {term!r}")
        else:
            choices.append([word])
    if math.prod([len(c) for c in choices]) > _MAX_EXPANSION:
        raise TermError(f"more than {_MAX_EXPANSION} terms from one: {term!r}")
    if all(len(c) == 1 for c in choices):
        return (term,)
    return tuple(" ".join(words) for words in itertools.product(*choices))


def compile_term(term: str) -> tuple[Piece, ...]:
    """Turn a written term into pieces.

    >>> compile_term("Søg* om ... Boligstoette")
    (('s', 'søg'), ('w', 'om'), ('g', ''), ('w', 'boligstøtte'))
    >>> compile_term("har ...{4} søgt")
    (('w', 'har'), ('g', '4'), ('w', 'søgt'))
    """
    pieces: list[Piece] = []
    for word in term.split():
        if word.startswith(_GAP + "{"):
            sized = _SIZED_GAP.fullmatch(word)
            if sized is None or not 1 <= int(sized.group(1)) <= _GAP_LIMIT:
                raise TermError(f"gap must be '...' or '...{{n}}' with n 1-{_GAP_LIMIT}: {term!r}")
            size = str(int(sized.group(1)))
        elif word == _GAP:
            size = ""
        else:
            size = None
        if size is not None:
            if not pieces or pieces[-1][0] == "g":
                raise TermError(f"gap '...' must follow a word: {term!r}")
            pieces.append(("g", size))
            continue
        if len(word) > 2 and word.startswith("*") and word.endswith("*"):
            raise TermError(f"use either stem* or *suffix, not both: {term!r}")
        stem = word.endswith("*") and len(word) > 1
        suffix = word.startswith("*") and len(word) > 1 and not stem
        core = word[:-1] if stem else word[1:] if suffix else word
        toks = tokenise(fold(core))
        if not toks or (suffix and len(toks) != 1):
            raise TermError(f"bad word {word!r} in term {term!r}")
        for i, tok in enumerate(toks):
            last = i == len(toks) - 1
            pieces.append(("x" if suffix else "s" if stem and last else "w", tok))
    if not pieces:
        raise TermError("empty term")
    if pieces[-1][0] == "g":
        raise TermError(f"term may not end with a gap: {term!r}")
    return tuple(pieces)


#: What ``fold`` makes of a stem's last letter when the word goes on with a vowel: "nabo*"
#: must find "naboen", which folds to "nabøn" (oe -> ø), and "faktura*" "fakturaen" ("æn").
_FOLDED_ENDINGS: Final = {"o": ("ø",), "a": ("æ", "å")}


def stem_variants(pieces: tuple[Piece, ...]) -> list[tuple[Piece, ...]]:
    """The pieces, and the same with each stem's last letter as folding may have merged it.

    ``fold`` reads "oe", "ae" and "aa" as ø, æ and å in the text and in the terms alike, so
    whole words agree; a stem stops before the ending that would have been merged with its
    last letter, so without these variants "nabo*" matched "nabo" and "nabolag" but never
    "naboen" or "naboerne". A token beginning with the variant can only be the stem's word
    written with that ending (Danish has no "nabø-").

    >>> stem_variants((("s", "nabo"),))
    [(('s', 'nabo'),), (('s', 'nabø'),)]
    >>> [v[-1] for v in stem_variants((("w", "min"), ("s", "faktura")))]
    [('s', 'faktura'), ('s', 'fakturæ'), ('s', 'fakturå')]
    >>> stem_variants((("s", "søg"),))
    [(('s', 'søg'),)]
    """
    variants: list[tuple[Piece, ...]] = [pieces]
    for i, (kind, text) in enumerate(pieces):
        endings = _FOLDED_ENDINGS.get(text[-1:]) if kind == "s" else None
        if endings:
            variants += [
                (*v[:i], ("s", text[:-1] + end), *v[i + 1 :]) for v in variants for end in endings
            ]
    return variants


def _need(rest: tuple[Piece, ...]) -> str:
    """The first whole word among the pieces after a term's first: the word a post must
    hold for the term to match ("" if none)."""
    return next((text for kind, text in rest if kind == "w"), "")


def _piece_ok(piece: Piece, token: str) -> bool:
    kind, text = piece
    if kind == "w":
        return token == text
    return token.startswith(text) if kind == "s" else token.endswith(text)


class TermMatcher:
    """Every term of a policy, indexed by its first word, for one pass over the tokens."""

    __slots__ = (
        "_cache",
        "_digit_affixes",
        "_digit_keys",
        "_digit_stem_lengths",
        "_digit_suffix_lengths",
        "_digit_words",
        "_exact",
        "_need_bits",
        "_negations",
        "_stem_lengths",
        "_stems",
        "_suffix_lengths",
        "_suffixes",
        "_terms",
    )

    #: Distinct tokens remembered with their candidate terms; words repeat across posts.
    CACHE_SIZE = 50_000

    def __init__(self, terms: Iterable[tuple[str, str]], negations: Iterable[str] = ()) -> None:
        self._negations = frozenset(fold(n) for n in negations)
        # (group, term, pieces after the first) — the first piece is what indexed it.
        self._terms: list[tuple[str, str, tuple[Piece, ...]]] = []
        self._exact: dict[str, list[int]] = {}
        self._stems: dict[str, list[int]] = {}
        self._suffixes: dict[str, list[int]] = {}
        self._cache: dict[str, _Entry] = {}
        for group, written in terms:
            for term in expand_term(written):
                for pieces in stem_variants(compile_term(term)):
                    idx = len(self._terms)
                    self._terms.append((group, term, pieces[1:]))
                    kind, text = pieces[0]
                    index = {"w": self._exact, "s": self._stems, "x": self._suffixes}[kind]
                    index.setdefault(text, []).append(idx)
        self._stem_lengths = tuple(sorted({len(s) for s in self._stems}))
        #: Whether a word, stem or suffix of a term is a number: if none is, a number starts
        #: no term (numbers are not remembered, so this is asked for every one).
        self._digit_keys = any(
            key.isdigit() for index in (self._exact, self._stems, self._suffixes) for key in index
        )
        self._suffix_lengths = tuple(sorted({len(s) for s in self._suffixes}))
        # A prefix or suffix of a number is a number: only number keys can match one, and
        # numbers are looked up anew for every post (they are never remembered).
        self._digit_stem_lengths = tuple(sorted({len(s) for s in self._stems if s.isdigit()}))
        self._digit_suffix_lengths = tuple(sorted({len(s) for s in self._suffixes if s.isdigit()}))
        #: Whether a stem or suffix of a term is a number: if none is, a number has an entry
        #: of its own only as a whole word of ``_exact``, a negation or a need word.
        self._digit_affixes = bool(self._digit_stem_lengths or self._digit_suffix_lengths)
        needs = {_need(rest) for _, _, rest in self._terms if rest and rest[0][0] != "w"}
        needs.discard("")
        #: Each word an ``_Other`` needs -> its bit (``_NEED_BITS``).
        self._need_bits: dict[str, int] = {
            word: 1 << min(i, _NEED_BITS - 1)
            for i, word in enumerate(sorted(needs, key=lambda w: (len(w), w)))
        }
        #: The numbers among whole words, negations and need words: any other number has
        #: nothing to match and no part in ``find_noting`` (``_entry``).
        self._digit_words = frozenset(
            w for w in (*self._exact, *self._negations, *self._need_bits) if w.isdigit()
        )

    def __len__(self) -> int:
        return len(self._terms)

    def _match_rest(self, pieces: tuple[Piece, ...], tokens: tuple[str, ...], pos: int) -> int:
        """End token index if ``pieces`` match from ``pos``, else -1 (tiny backtracking).

        ``tokens`` is a tuple, not any sequence: compiled, its length and items are then
        read natively (this runs for most posts).
        """
        n = len(tokens)
        for k, head in enumerate(pieces):
            if head[0] == "g":
                nxt, rest = pieces[k + 1], pieces[k + 2 :]
                for skip in range((int(head[1]) if head[1] else _MAX_GAP) + 1):
                    at = pos + skip
                    if at >= n or (skip and tokens[at - 1] in self._negations):
                        return -1
                    if _piece_ok(nxt, tokens[at]):
                        end = self._match_rest(rest, tokens, at + 1)
                        if end >= 0:
                            return end
                return -1
            if pos >= n or not _piece_ok(head, tokens[pos]):
                return -1
            pos += 1
        return pos

    def _candidates(self, tok: str) -> _Entry:
        """For one token: single-word terms it completes; multi-word terms it may start,
        keyed by the exact next word where there is one (most), else listed apart."""
        stem_lengths = self._stem_lengths
        suffix_lengths = self._suffix_lengths
        if tok.isdigit():
            if not self._digit_keys:
                return _NOTHING  # every key a number could match would be a number
            stem_lengths = self._digit_stem_lengths
            suffix_lengths = self._digit_suffix_lengths
        found = list(self._exact.get(tok, ()))
        n = len(tok)
        for length in stem_lengths:
            if length > n:
                break
            found.extend(self._stems.get(tok[:length], ()))
        for length in suffix_lengths:
            if length > n:
                break
            found.extend(self._suffixes.get(tok[-length:], ()))
        terms = self._terms
        singles = [(terms[i][0], terms[i][1]) for i in found if not terms[i][2]]
        follow: dict[str, list[_Follow]] = {}
        others: list[_Other] = []
        for i in found:
            group, term, rest = terms[i]
            if rest and rest[0][0] == "w":
                follow.setdefault(rest[0][1], []).append(_Follow(group, term, rest[1:]))
            elif rest:
                # A gap or stem follows: remember one whole word the term still needs,
                # so a post without that word is skipped without trying the gap.
                need = _need(rest)
                others.append(_Other(group, term, rest, need, self._need_bits.get(need, 0)))
        if not singles and not follow and not others:
            # Tokens that start nothing share one entry.
            return _NOTHING
        return _Entry(singles, {w: _Next(fs) for w, fs in follow.items()}, others)

    def _entry(self, tok: str) -> _Entry:
        """The entry of a token not remembered: computed, and remembered unless a number.

        A negation word or a need word that starts no term has an entry of its own (not
        ``empty`` for a negation, so ``find_noting`` sees it), with nothing to match.
        """
        if tok.isdigit() and not self._digit_affixes and tok not in self._digit_words:
            # What the rest would say of it, without the calls; and not kept: kept or not,
            # a token's entry is the same (and numbers are not kept). Numbers are looked up
            # anew for every post.
            return _NOTHING
        known = self._candidates(tok)
        negation = tok in self._negations
        need = self._need_bits.get(tok, 0)
        if known is _NOTHING and (negation or need):
            known = _Entry([], {}, [])
        if negation:
            known.negation = True
            known.empty = False
        if need:
            known.need = need
        # Numbers (CPR, phone, case numbers) are personal data and rarely repeat: they
        # are not kept in memory beyond the post (as ``text``'s piece cache).
        if _TWO_DIGITS.search(tok) is None:
            cache = self._cache
            if len(cache) >= self.CACHE_SIZE:
                cache.clear()
            cache[tok] = known
        return known

    def find(self, tokens: Sequence[str]) -> list[Hit]:
        """Every occurrence of every term, in token order."""
        return self.find_noting(tokens)[0]

    def find_noting(self, tokens: Sequence[str]) -> tuple[list[Hit], bool]:
        """``find``, and whether any token is a negation word: the engine needs both, and
        this pass looks every token up already.

        Most tokens of a post start no term: their (shared, empty) entries are skipped.
        """
        toks: tuple[str, ...] = tokens if isinstance(tokens, tuple) else tuple(tokens)
        hits: list[Hit] = []
        n = len(toks)
        new_hit = tuple.__new__
        hit = Hit
        cache = self._cache
        # First every token's entry, the negation and the need words seen (as a mask of
        # their bits), so the terms a token starts that need a word missing from the post
        # are skipped by an integer test.
        entries: list[_Entry] = []
        needs = 0
        negation = False
        for tok in toks:
            entry = cache.get(tok)
            if entry is None:
                entry = self._entry(tok)
            entries.append(entry)
            needs |= entry.need
            if entry.negation:
                negation = True
        present: frozenset[str] | None = None
        i = -1
        for entry in entries:
            i += 1
            if entry.empty:
                continue
            if entry.singles:
                hits.extend(entry.hits_at(i))
            if entry.by_next and i + 1 < n:
                nxt = entry.by_next.get(toks[i + 1])
                if nxt is not None:
                    at = i + 2
                    follows = nxt.base
                    if at < n and nxt.by_third:
                        follows = nxt.by_third.get(toks[at], follows)
                    for f in follows:
                        words = f.words
                        if words is not None:
                            # Whole words only: compared one by one ("" tail: a pair).
                            end = at + len(words)
                            if end > n:
                                continue
                            k = 0
                            for word in words:
                                if toks[at + k] != word:
                                    break
                                k += 1
                            if k == len(words):
                                hits.append(f.hit_at(i, end))
                            continue
                        end = self._match_rest(f.rest, toks, at)
                        if end >= 0:
                            hits.append(new_hit(hit, (f.group, f.term, i, end)))
            if entry.others:
                for other in entry.others:
                    need = other.need
                    if need:
                        if not other.bit & needs:
                            continue
                        if not other.exact:
                            # Another need word with the shared bit may have set it: the
                            # words of the post as a set, once, decide.
                            if present is None:
                                present = frozenset(toks)
                            if need not in present:
                                continue
                    end = self._match_rest(other.rest, toks, i + 1)
                    if end >= 0:
                        hits.append(new_hit(hit, (other.group, other.term, i, end)))
        return hits, negation

    def negated_starts(self, tokens: Sequence[str], window: int = 2) -> set[int]:
        """Every ``start`` for which ``negated(tokens, start, window)`` holds, in one pass:
        the engine asks about many hits of one post, and most posts hold no negation.

        >>> m = TermMatcher([("c", "klage")], negations=["ikke"])
        >>> sorted(m.negated_starts(("det", "er", "ikke", "en", "klage"), 2))
        [3, 4]
        """
        negations = self._negations
        if negations.isdisjoint(tokens):
            return set()
        out: set[int] = set()
        for pos, tok in enumerate(tokens):
            if tok in negations:
                out.update(range(pos + 1, pos + 1 + window))
        return out

    def negated(self, tokens: Sequence[str], start: int, window: int = 2) -> bool:
        """Whether a negation word stands just before token ``start`` ("ikke en klage")."""
        return any(t in self._negations for t in tokens[max(0, start - window) : start])
