"""Lexicons as data: TOML word lists, and a fast index to find their terms in a text.

Municipalities and reviewers adjust the word lists, not the code. A lexicon
file holds groups of terms with an id; the consumer decides what a group's
other fields (``kind``, ``strength``, ``role``) mean. A term is written

- ``word``   the word with ordinary Danish/English endings (sygdom, sygdomme, ...)
- ``stem*``  any word that starts with the stem (kontanthjælp, kontanthjælpen)
- ``*stem*`` the stem anywhere in a word, for compounds (brystkræft, lungekræften)
- ``=WORD``  exactly this, case-sensitive, for acronyms that are words in lower case (MS)

and may contain spaces (``mistede mit job``). æ, ø and å also match ae, oe and
aa, because people type without a Danish keyboard. ``TermIndex`` finds
hundreds of terms in a post at the cost of one split and one set look-up
when none is there (the usual case), which one big regex cannot.

>>> rx = compile_terms(["sygdom*", "*kræft*", "syg", "=MS"])
>>> text = "Syge, SYGDOMMEN, brystkraeften, ms, MS"
>>> [text[slice(*whole_word(text, m.start(), m.end()))] for m in rx.finditer(text)]
['Syge', 'SYGDOMMEN', 'brystkraeften', 'MS']
>>> compile_terms(["bad term!"])
Traceback (most recent call last):
    ...
ValueError: term 'bad term!' has characters outside letters, digits, space, ' . -
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Any, Final

from sojournal.pii._lexicon_files import Lexicon, TermGroup, load_lexicon, parse_lexicon

__all__ = [
    "Lexicon",
    "TermGroup",
    "TermIndex",
    "Token",
    "compile_terms",
    "has_case_odd_letters",
    "literal_trie",
    "load_lexicon",
    "lower_for_twins",
    "normalise",
    "parse_lexicon",
    "term_pattern",
    "tokens",
    "whole_word",
    "word_start_alternation",
    "word_start_trie",
]

#: Endings a plain term may carry: definite, plural, genitive, past participle, English -s.
ENDINGS: Final = r"(?:erne|ene|ens|ets|ede|en|et|er|es|ne|e|s|t|r|n)?"
_TERM_OK: Final = re.compile(r"^=?\*?[\w' .-]+\*?$")
_DANISH: Final = {"æ": "(?:æ|ae)", "ø": "(?:ø|oe)", "å": "(?:å|aa)"}
_END: Final = "\x00end"
_PREFIX: Final = "\x00prefix"
_WHOLE: Final = "\x00whole"


def _char(ch: str) -> str:
    if ch == " ":
        return r"[\s\-]+"
    return _DANISH.get(ch, re.escape(ch))


def _trie_regex(words: list[tuple[str, str]]) -> str:
    """Alternation of (chars, tail) pairs, factored by common prefixes."""
    trie: dict[str, Any] = {}
    for chars, tail in words:
        node = trie
        for ch in chars:
            node = node.setdefault(ch, {})
        node[tail] = {}

    def render(node: dict[str, Any]) -> str:
        parts = []
        for key in sorted(node, key=lambda k: (k.startswith("\x00"), k)):
            if key == _END:
                parts.append(ENDINGS + r"(?!\w)")
            elif key == _PREFIX:
                parts.append(r"\w*")
            elif key == _WHOLE:
                parts.append(r"(?!\w)")
            else:
                parts.append(_char(key) + render(node[key]))
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return render(trie)


def literal_trie(words: set[str]) -> str:
    """A regex for any of ``words``, factored by prefix (much faster than a flat alternation)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, Any]) -> str:
        parts = [re.escape(k) + render(node[k]) for k in sorted(node) if k]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(trie)


def word_start_trie(words: set[str]) -> str:
    r"""``(?<!\w)`` and a ``literal_trie`` of ``words``, written so that the regex engine
    skips to their first letters instead of trying every position of the text.

    The look-behind moves after each first letter (``(?<!\w.)`` there is ``(?<!\w)``
    before it, as long as the first character is no line break, which ``.`` would not
    match), so the pattern opens with literals. Matches are the same.

    >>> [m.start() for m in re.finditer(word_start_trie({"ikke", "ny"}), "nyt ikke bikke ny")]
    [0, 4, 15]
    """
    if not words or not all(word and word[0] != "\n" for word in words):
        return r"(?<!\w)(?:" + literal_trie(words) + ")"
    by_first: dict[str, set[str]] = {}
    for word in words:
        by_first.setdefault(word[0], set()).add(word[1:])
    return (
        "(?:"
        + "|".join(
            re.escape(first) + r"(?<!\w.)" + literal_trie(rest)
            for first, rest in sorted(by_first.items())
        )
        + ")"
    )


def word_start_alternation(alternatives: Sequence[str]) -> str:
    r"""``(?<!\w)(?:alternatives)`` for regex sources that each open with a lower-case
    letter, written as ``word_start_trie`` writes its words: the look-behind after each
    first letter (``x(?<!\w.)`` is ``(?<!\w)x``), so that the pattern opens with literals
    and the regex engine skips to them. The alternatives keep their order, so a match is
    the same match. For a lower-cased text: IGNORECASE would leave the engine no quick
    test of a first letter.

    >>> rx = re.compile(word_start_alternation(["ring\\w*", "mig"]))
    >>> [m.span() for m in rx.finditer("ringer mig, bring")]
    [(0, 6), (7, 10)]
    """
    if not all(alt[:1].isalpha() and alt[:1].islower() for alt in alternatives):
        raise ValueError("each alternative must open with a lower-case letter")
    return "(?:" + "|".join(alt[0] + r"(?<!\w.)" + alt[1:] for alt in alternatives) + ")"


def term_pattern(terms: Sequence[str], *, inflect: bool = True) -> str:
    """The regex source for a list of terms (see the module docstring for the syntax).

    With ``inflect=False`` plain terms match only as written (for function
    words: "me" must not match "men").
    """
    bounded: list[tuple[str, str]] = []
    infix: list[tuple[str, str]] = []
    exact: list[str] = []
    for raw in terms:
        term = raw.strip()
        if not term or not _TERM_OK.match(term):
            raise ValueError(f"term {raw!r} has characters outside letters, digits, space, ' . -")
        if term.startswith("="):
            exact.append(re.escape(term[1:]))
            continue
        tail = _PREFIX if term.endswith("*") else _END if inflect else _WHOLE
        body = term.strip("*").lower()
        (infix if term.startswith("*") else bounded).append((body, tail))
    pieces = []
    if bounded:
        pieces.append(r"(?<!\w)" + _trie_regex(bounded))
    if infix:
        # Matched inside a word; the caller widens the span to the whole word.
        pieces.append(_trie_regex(infix))
    if exact:
        pieces.append(r"(?<!\w)(?-i:" + "|".join(sorted(exact, key=len, reverse=True)) + r")(?!\w)")
    return "|".join(pieces) if pieces else r"(?!x)x"


def compile_terms(terms: Sequence[str], *, inflect: bool = True) -> re.Pattern[str]:
    """One case-insensitive regex for a list of terms."""
    return re.compile(term_pattern(terms, inflect=inflect), re.IGNORECASE)


_TOKEN: Final = re.compile(r"\w+")
_FOLD_ONE: Final = {"æ": "ae", "ø": "oe", "å": "aa"}
_FOLD: Final = str.maketrans({**_FOLD_ONE, "é": "e"})
_TWO_DIGITS: Final = re.compile(rb"\d\d")
_KEY: Final = 5  # bytes of UTF-8: the first letters of a word that must match a term's
_FIRST_BYTES: Final = itemgetter(slice(None, _KEY))
_ENDING_LIST: Final = ("", *ENDINGS[3:-2].split("|"))
# Word separators for the quick look (bytes.translate is C speed; str.translate is not).
_ASCII_PUNCT: Final = b".,;:!?()[]{}<>\"'/\\|*&%+=#@~^`-_"
_SEPARATORS: Final = bytes.maketrans(_ASCII_PUNCT, b" " * len(_ASCII_PUNCT))
# UTF-8 punctuation and symbols separate words too: 0xC2 .. (« » nbsp °), 0xE2 .. (“ ” … – ’ €)
# and 0xF0-0xF4 .. (emoji), so "syg😢" and "«kræft»" give the words "syg" and "kræft".
# Danish letters (0xC3 ..) are untouched.
_WIDE_BYTES: Final = re.compile(rb"[\xc2\xe2\xf0-\xf4][\x80-\xbf]+")

#: A word of a text: start, end, and its folded form (lower case, æ→ae, ø→oe, å→aa).
Token = tuple[int, int, str]


def normalise(word: str) -> str:
    """Lower case with æ, ø, å spelled out, so that "kræft" and "kraeft" meet.

    >>> normalise("Kræft"), normalise("KRAEFT"), normalise("Gå")
    ('kraeft', 'kraeft', 'gaa')
    """
    return word.lower().translate(_FOLD)


def tokens(text: str) -> list[Token]:
    """The words of a text, folded."""
    return [(m.start(), m.end(), normalise(m.group())) for m in _TOKEN.finditer(text)]


def _words(low: str) -> list[bytes]:
    """The words of a lower-cased text as UTF-8 bytes, split in C."""
    raw = low.encode("utf-8", "surrogatepass")
    if _WIDE_BYTES.search(raw) is not None:
        raw = _WIDE_BYTES.sub(b" ", raw)
    return raw.translate(_SEPARATORS).split()


def _word_keys(low: str) -> set[bytes]:
    """The first UTF-8 bytes of every word of a lower-cased text."""
    return set(map(_FIRST_BYTES, _words(low)))  # map: no Python loop


def _keys(term: str) -> set[bytes]:
    """The keys a word of the text must have to possibly start ``term``."""
    first = _TOKEN.search(term)
    if first is None:
        raise ValueError(f"term {term!r} has no letters")
    body = term.lstrip("=").rstrip("*").lower()
    word = first.group().lower()
    variants = {word, word.translate(_FOLD)}
    whole_run = first.end() == len(term.rstrip("*")) and " " not in term
    if term.endswith("*") and whole_run:
        if len(min(variants, key=len).encode()) < _KEY:
            raise ValueError(f"term {term!r}: a stem* needs at least {_KEY} bytes")
        forms = variants
    elif whole_run and not term.startswith("="):
        forms = {v + ending for v in variants for ending in _ENDING_LIST}
    else:
        # Phrases and words with a hyphen or apostrophe: the first run, and the
        # text as written up to the first space (the quick look splits on both).
        forms = variants | {body.split()[0], body.split()[0].translate(_FOLD)}
    return {f.encode()[:_KEY] for f in forms}


# Words in most posts: never the word a phrase is looked up by, however long.
# fmt: off
_COMMON: Final = frozenset({
    "ikke", "kan", "kunne", "har", "have", "havde", "haft", "er", "var", "være", "været",
    "blevet", "bliver", "fået", "får", "det", "den", "der", "de", "en", "et", "i", "på", "til",
    "for", "med", "om", "af", "og", "at", "sig", "selv", "sin", "sit", "sine", "min", "mit",
    "mine", "han", "hun", "ham", "hende", "komme", "kommer", "kom", "meget", "igen", "hver",
    "ud", "op", "ind", "fra", "over", "under", "efter", "hele", "alle", "noget", "nogen", "the",
    "ny", "nye", "nyt", "and", "to", "of", "in", "on", "with", "my", "his", "her",
})
# fmt: on


def _forms(word: str, *, inflect: bool) -> frozenset[bytes] | None:
    """Every lower-case spelling of a phrase's key word; None when it cannot be listed
    (a stem*, or a word with a hyphen or apostrophe)."""
    plain = word.lower()
    if plain.endswith("*") or not _TOKEN.fullmatch(plain):
        return None
    variants = {plain, plain.translate(_FOLD)}
    endings = _ENDING_LIST if inflect else ("",)
    return frozenset((v + ending).encode() for v in variants for ending in endings)


def _split_at_longest(term: str) -> tuple[str, str, str]:
    """A phrase as (words before its longest uncommon word, that word, words after)."""
    words = term.split()
    longest = max(
        range(len(words)),
        key=lambda i: (words[i].strip("*").lower() not in _COMMON, len(words[i].strip("*"))),
    )
    return " ".join(words[:longest]), words[longest], " ".join(words[longest + 1 :])


def _rest_keys(term: str) -> frozenset[bytes] | None:
    """For a phrase whose longest word is not its first, the keys that word may have in
    the text; None for a word, or a phrase best found by its first word.

    The longest word is the rarest: "i behandling for" is found by "behandling",
    "søger om" by "søger" (so by its first word, as a word is).
    """
    if term.startswith("=") or " " not in term.strip():
        return None
    before, word, after = _split_at_longest(term)
    if not before:
        return None
    word = word.strip("*")
    if after or not _TOKEN.fullmatch(word):
        # an inner word (or one with a hyphen, apostrophe or dot) is written as is
        first = _TOKEN.search(word)
        if first is None:
            return None
        plain = first.group().lower()
        return frozenset(v.encode()[:_KEY] for v in (plain, plain.translate(_FOLD)))
    try:
        return frozenset(_keys(term.split()[-1]))
    except ValueError:  # a short stem ("hearing aid*"): its words' keys cannot be listed
        return None


def _guard(term: str, key_word: int) -> tuple[str, bool] | None:
    """Something every text where ``term`` matches holds, other than the word ``key_word``
    (its index among the term's words) that its key comes from: (a word, whether it stands
    whole or only starts a word), in lower case; None when there is none.

    A phrase's regex spells out each of its words between ``[\\s\\-]+`` (``_trie_regex``),
    so where it matches, each word of it stands whole and its last word at least starts a
    word (only that much holds where a phrase keyed by a later word is matched up to a cut,
    see ``find``). A term of one word starts a word with its letters as written.
    """
    if term.startswith("="):
        return None
    words = term.split()
    if len(words) == 1:
        return term.rstrip("*").lower(), False
    best: tuple[tuple[bool, int], int, str] | None = None
    for i, word in enumerate(words):
        bare = word.rstrip("*") if i == len(words) - 1 else word
        if i == key_word or not bare.isalpha():
            continue
        rank = (bare.lower() not in _COMMON, len(bare))  # the rarest word: it prunes most
        if best is None or rank > best[0]:
            best = (rank, i, bare.lower())
    if best is None:
        return None
    _, i, bare = best
    return bare, i < len(words) - 1


def _spellings(word: str) -> set[str]:
    """``word`` with each æ, ø, å also as ae, oe, aa, as the terms' regexes take them."""
    out = {""}
    for ch in word:
        alternatives = (ch, _FOLD_ONE[ch]) if ch in _FOLD_ONE else (ch,)
        out = {head + alt for head in out for alt in alternatives}
    return out


def _guards(
    entries: list[tuple[str, str, object]],
    key_word: Sequence[int],
    compiled: dict[str, re.Pattern[str]],
) -> re.Pattern[str] | None:
    """One regex, searched in the lower-cased text, for the guards of a key's terms
    (``_guard``); None if one has none. ``compiled``: the regexes made so far, by source.

    Lower case keeps a letter a word character or not, and the terms' case-insensitive
    regexes take a letter for its lower case, but for "ı" and "ſ" (taken for i and s):
    ``_guard_found`` looks no further in a text with one of them.
    """
    whole: set[str] = set()
    starts: set[str] = set()
    for (term, _, _), at in zip(entries, key_word, strict=True):
        guard = _guard(term, at)
        if guard is None or not guard[0] or guard[0][0] == "\n":
            return None
        (whole if guard[1] else starts).update(_spellings(guard[0]))
    source = "|".join(
        [word_start_trie(whole) + r"(?!\w)"] * bool(whole)
        + [word_start_trie(starts)] * bool(starts)
    )
    guard_rx = compiled.get(source)
    if guard_rx is None:
        guard_rx = compiled[source] = re.compile(source)
    return guard_rx


class TermIndex:
    """Many term lists, each with a payload, looked up word by word instead of by one huge regex.

    A regex alternation of a thousand words is tried at every position of the
    text. Here the text's words are split off in C, their first five bytes
    checked against a set, and only where a word shares a key are the terms'
    own regexes tried. Most posts share none and cost one split.
    A phrase is keyed by its longest later word ("i behandling for" by
    "behandling"), not its first, so the function words that start many phrases
    ("i", "er", "har") do not send every post to the regexes; where its key is
    in the text, the phrase's own regex searches the text.
    Compound terms (``*kræft*``) are found by one literal alternation.

    >>> index = TermIndex([(["kræft*", "*kræft*", "mistede mit job"], "h")])
    >>> text = "Jeg mistede mit job, min mor har lungekraeft"
    >>> [(text[a:b], p) for a, b, p in index.find(text)]
    [('mistede mit job', 'h'), ('lungekraeft', 'h')]
    """

    def __init__(
        self,
        groups: Sequence[tuple[Sequence[str], object]],
        *,
        inflect: bool = True,
        shortcut: bool = True,
    ) -> None:
        """``shortcut=False`` never takes the no-hit shortcut (for tests: the plain path)."""
        self._groups = groups
        self._inflect = inflect
        by_key: dict[bytes, list[tuple[str, str, object]]] = {}
        by_rest: dict[bytes, list[tuple[str, str, object]]] = {}
        reach: dict[bytes, tuple[int, int]] = {}
        forms: dict[bytes, frozenset[bytes] | None] = {}
        key_forms: dict[bytes, frozenset[bytes] | None] = {}  # the same for the words' keys
        heads: dict[bytes, set[str]] = {}  # the first words of a key's phrases
        key_words: dict[bytes, list[int]] = {}  # per entry of by_key: its key's word
        rest_words: dict[bytes, list[int]] = {}  # the same for by_rest
        infix: dict[str, object] = {}
        for terms, payload in groups:
            for raw in terms:
                term = raw.strip()
                if term.startswith("*"):
                    infix.setdefault(normalise(term.strip("*")), payload)
                    continue
                source = term_pattern([term], inflect=inflect)
                needs = _rest_keys(term)
                if needs is None:
                    head = term.split()[0] if " " in term else term
                    spelled = _forms(head, inflect=inflect and " " not in term)
                    for key in _keys(term):
                        known = key_forms.get(key, frozenset())
                        key_forms[key] = (
                            None if spelled is None or known is None else known | spelled
                        )
                # which of the term's words its key comes from (``_guard`` needs another)
                key_word = 0 if needs is None else len(_split_at_longest(term)[0].split())
                for key in _keys(term) if needs is None else needs:
                    (by_key if needs is None else by_rest).setdefault(key, []).append(
                        (term, source, payload)
                    )
                    (key_words if needs is None else rest_words).setdefault(key, []).append(
                        key_word
                    )
                if needs is not None:
                    # how far before and after its key word a phrase may reach (æ as ae)
                    before, word, after = _split_at_longest(term)
                    words = _forms(word, inflect=inflect and not after)
                    first = _TOKEN.search(before.lower())
                    opening = {first.group(), first.group().translate(_FOLD)} if first else set()
                    for key in needs:
                        known = forms.get(key, frozenset())
                        forms[key] = None if words is None or known is None else known | words
                        heads.setdefault(key, set()).update(opening)
                    for key in needs:
                        reach_before, reach_after = reach.get(key, (0, 0))
                        reach[key] = (
                            max(reach_before, 2 * len(before) + 2),
                            max(reach_after, 2 * len(after) + 12),
                        )
        # Each word that leads to a key: the guards of the key's terms (``_guard``), None
        # for a key whose terms are not all guarded. Built before ``_compile`` sorts them.
        self._form_guards: dict[bytes, list[re.Pattern[str] | None]] = {}
        self._open_guards: dict[bytes, list[re.Pattern[str] | None]] = {}
        compiled: dict[str, re.Pattern[str]] = {}
        for table, words_at, known_forms in (
            (by_key, key_words, key_forms),
            (by_rest, rest_words, forms),
        ):
            for key, entries in table.items():
                guard = _guards(entries, words_at[key], compiled)
                listed = known_forms.get(key)
                for form in [key] if listed is None else sorted(listed):
                    target = self._open_guards if listed is None else self._form_guards
                    kept = target.setdefault(form, [])
                    if guard is None or all(guard is not g for g in kept):
                        kept.append(guard)
        # One regex per key; longer terms first, so a phrase beats its first word.
        self._by_key = {key: _compile(entries) for key, entries in by_key.items()}
        self._by_rest = {key: _compile(entries) for key, entries in by_rest.items()}
        self._reach = reach
        self._forms = forms
        self._key_forms = key_forms
        self._heads = {
            key: re.compile(word_start_trie(words) + r"(?!\w)") for key, words in heads.items()
        }
        # The same words as a tuple, to ask first whether one is in the text at all.
        self._head_words = {key: tuple(sorted(words)) for key, words in heads.items()}
        self._key_set = frozenset(self._by_key)
        self._rest_set = frozenset(self._by_rest)
        self._prefixes: dict[bytes, str] = {}
        self._infix = infix
        stems = {
            variant
            for stem in infix
            for variant in (stem, stem.replace("ae", "æ").replace("oe", "ø").replace("aa", "å"))
        }
        self._infix_rx = re.compile(literal_trie(stems)) if stems else None
        # A word of the text can only lead to a hit when it is a listed form of a key's
        # terms, starts with a key whose forms cannot be listed, or holds a compound
        # stem; a text of none of these words has no hit, so its verdict is cached by
        # word. Stems with other than letters could span two words: then no shortcut.
        self._all_forms = frozenset(
            form
            for table in (key_forms, forms)
            for known in table.values()
            if known is not None
            for form in known
        )
        self._open_keys = frozenset(
            [key for key in by_key if key_forms.get(key) is None]
            + [key for key in by_rest if forms.get(key) is None]
        )
        stem_bytes = sorted(stem.encode() for stem in stems)
        # One regex for "holds any of the stems": ``bytes in bytes`` costs about half a
        # microsecond a test here (the buffer protocol), a dozen of them per new word.
        self._stem_rx: re.Pattern[bytes] | None = (
            re.compile(b"|".join(re.escape(stem) for stem in stem_bytes)) if stem_bytes else None
        )
        self._shortcut = shortcut and all(_plain_letters(stem) for stem in stems)
        # A number (two digits or more, nothing else) is a listed form, starts a key or
        # holds a stem only if one of those is a number too: then it leads to no hit.
        # Numbers are never remembered (personal data), so every one came here anew.
        self._numbers_lead_nowhere = not any(
            not text or text.isdigit() for text in (*stem_bytes, *self._all_forms, *self._open_keys)
        )
        self._plain: set[bytes] = set()  # words known to lead to no hit
        self._known: dict[bytes, int] = {}  # the other words' verdicts
        self._word_guards: dict[bytes, list[re.Pattern[str]]] = {}  # of the guarded ones

    def unscreened(self) -> TermIndex:
        """The same index without the no-hit shortcut: what the shortcut must agree with."""
        return TermIndex(self._groups, inflect=self._inflect, shortcut=False)

    def _screen(self, words: list[bytes], unplain: set[bytes] | None = None) -> int:
        """``_NO_HIT`` when none of ``words`` can start, hold or be part of a hit (see
        ``__init__``); ``_GUARDED`` when those that can lead only to keys whose terms all
        have a guard (``_guard``); ``_NO_COMPOUND`` when some can but none holds a compound
        stem; ``_ANY`` otherwise (or when the shortcut is off).

        ``unplain``: ``set(words)``, when the caller needs it too (``find``): it is made
        into the words not known plain here, in place, so neither builds the set again."""
        plain = self._plain
        if plain.issuperset(words):  # in C; almost always true once the common words are in
            return _NO_HIT if self._shortcut else _ANY
        if not self._shortcut:
            return _ANY
        verdict = _NO_HIT
        known = self._known
        stem_rx = self._stem_rx
        numbers_lead_nowhere = self._numbers_lead_nowhere
        if unplain is None:
            unplain = set(words)
        unplain.difference_update(plain)
        for word in unplain:
            # A word's verdict first: a number (two digits or more) is never remembered
            # (personal data), so one that is remembered needs no ``bytes.isdigit`` call.
            seen = known.get(word)
            if seen is None:
                if numbers_lead_nowhere and len(word) > 1 and word.isdigit():
                    continue  # (ASCII digits: bytes.isdigit)
                if stem_rx is not None and stem_rx.search(word) is not None:
                    seen = _ANY
                elif word in self._all_forms or word[:_KEY] in self._open_keys:
                    guards = self._guarded(word)
                    seen = _NO_COMPOUND if guards is None else _GUARDED
                    if (
                        guards is not None
                        and len(known) < _PLAIN_CACHE
                        and not _TWO_DIGITS.search(word)
                    ):
                        self._word_guards[word] = guards
                else:
                    # Numbers (CPR, phone) are personal data: not kept beyond the post.
                    if len(plain) < _PLAIN_CACHE and _TWO_DIGITS.search(word) is None:
                        plain.add(word)
                    continue
                if len(known) < _PLAIN_CACHE and _TWO_DIGITS.search(word) is None:
                    known[word] = seen
            if seen > verdict:
                verdict = seen
        return verdict

    def _guards_of(self, word: bytes) -> list[re.Pattern[str]] | None:
        """The guards of the keys ``word`` leads to: a hit through any of them is in a text
        only where one of these finds something (``_guard``). None when a key has none."""
        guards: list[re.Pattern[str]] = []
        for guard in (*self._form_guards.get(word, ()), *self._open_guards.get(word[:_KEY], ())):
            if guard is None:
                return None
            guards.append(guard)
        return guards

    def _guarded(self, word: bytes) -> list[re.Pattern[str]] | None:
        """``word``'s guards (``_guards_of``) when a text may take it for ``_GUARDED``: its
        keys all have guards, and none of them finds something in the word itself (then it
        is a term of its own, as "kontanthjælp" is, and looking for the guards first would
        be time lost); else None. Either answer is exact: ``_NO_COMPOUND`` only sends a text
        to the full search."""
        guards = self._guards_of(word)
        if guards is None:
            return None
        alone = word.decode("utf-8", "replace")
        return guards if all(guard.search(alone) is None for guard in guards) else None

    def _word_guards_of(self, word: bytes) -> Sequence[re.Pattern[str]]:
        """The guards of a word ``_screen`` did not find plain: the ones it remembered, or
        else those of its keys (none when a key has none: such a word never reaches
        ``_GUARDED``). ``_guard_found`` and ``guards_in`` ask it of the same words."""
        known = self._word_guards.get(word)
        if known is not None:
            return known
        return self._guards_of(word) or ()

    def _guard_found(self, words: list[bytes], low: str) -> bool:
        """Whether a guard of a word that ``_screen`` found guarded finds something in
        ``low`` (the text as ``find`` lowers it): if none does, no term of their keys is
        in the text, and (the other words leading to no hit) ``find`` finds nothing."""
        if has_case_odd_letters(low):
            return True
        for word in set(words).difference(self._plain):
            for guard in self._word_guards_of(word):
                if guard.search(low) is not None:
                    return True
        return False

    def numbers_lead_nowhere(self) -> bool:
        """Whether ``leads_nowhere`` holds for every number (two ASCII digits or more and
        nothing else), so that a caller may skip asking it of each one.

        ``_words`` of such a number is the number itself, which ``_screen`` passes over
        (never remembered, so never in ``_plain``) exactly when ``_numbers_lead_nowhere``
        holds and the shortcut is on; otherwise the answer depends on the number.
        """
        return self._shortcut and self._numbers_lead_nowhere

    def leads_nowhere(self, low: str) -> bool:
        """Whether every word of ``low`` (lower-cased as ``find`` lowers a text) is one known
        to lead to no hit: then so does a text made only of such stretches.

        Lets a caller that has already split a text, and remembers its pieces, ask once per
        piece instead of ``find`` splitting and screening the whole text again.
        """
        return self._screen(_words(low)) == _NO_HIT

    def guards_in(self, low: str) -> list[re.Pattern[str]] | None:
        """For a whitespace-free piece of a text (lower-cased as ``find`` lowers a text):
        ``[]`` when every word of it leads to no hit (``leads_nowhere``); the guards of its
        words when they lead only to guarded keys and no guard finds something in the
        piece itself; else None.

        A text made of such pieces (split as ``find`` splits it) holds a term only where
        one of the guards finds something in the whole lower-cased text, or where it has
        a letter a regex takes for another ("ı", "ſ", see ``_guard_found``). A caller that
        remembers pieces asks this once per piece, so most posts with a common word that
        is also a phrase's key word ("gået", "hentet") need no ``find`` at all.
        """
        words = _words(low)
        screen = self._screen(words)
        if screen == _NO_HIT:
            return []
        if screen != _GUARDED:
            return None
        guards: list[re.Pattern[str]] = []
        for word in set(words).difference(self._plain):
            for guard in self._word_guards_of(word):
                if guard.search(low) is not None:
                    return None
                if all(guard is not kept for kept in guards):
                    guards.append(guard)
        return guards

    def _head_found(self, key: bytes, low: str) -> bool:
        """Whether ``_heads[key]`` finds a first word of the key's phrases in ``low``.

        It searches ``low`` for the words in lower case, case-sensitively: where it finds
        one, the word is in ``low``. A few ``in`` tests (a fast search in C each; a key's
        phrases open with one to a handful of words) settle most texts, which hold none of
        them, for a fraction of the regex call.
        """
        if not any(word in low for word in self._head_words[key]):
            return False
        return self._heads[key].search(low) is not None

    def _prefix(self, key: bytes) -> str:
        prefix = self._prefixes.get(key)
        if prefix is None:
            prefix = self._prefixes[key] = key.decode("utf-8", "ignore")
        return prefix

    def _word_starts(self, low: str, keys: Iterable[bytes]) -> list[int]:
        starts = set()
        for key in keys:
            prefix = self._prefix(key)
            at = low.find(prefix)
            while at >= 0:
                if at == 0 or not low[at - 1].isalnum():
                    starts.add(at)
                at = low.find(prefix, at + 1)
        return sorted(starts)

    def find(self, text: str, low: str | None = None) -> list[tuple[int, int, object]]:
        """(start, end, payload) of every term found, whole words, in text order.

        ``low``: ``lower_same_length(text)``, when the caller has it already.
        """
        if low is None:
            low = lower_same_length(text)
        words = _words(low)
        # The text's words as a set, made once: ``_screen`` keeps those not known plain in
        # it (a word known plain is no form of any key, so the forms are looked up in it).
        unplain = set(words)
        screen = self._screen(words, unplain)
        if screen == _NO_HIT:
            return []  # most posts: every word is one known to lead nowhere
        if screen == _GUARDED:
            # Common words that are forms of a phrase's key ("gået" of "kan ikke gå",
            # "kommunen" of "fjernet af kommunen"): a hit needs another word of the phrase.
            if not self._guard_found(words, low):
                return []
            screen = _NO_COMPOUND
        text_keys = set(map(_FIRST_BYTES, words))  # map: no Python loop
        found: list[tuple[int, int, object]] = []
        hit_keys: AbstractSet[bytes] = self._key_set.intersection(text_keys)
        rest_keys: AbstractSet[bytes] = self._rest_set.intersection(text_keys)
        if hit_keys or rest_keys:
            # Keep a key only when the text has a word its terms can be ("pengene" shares
            # the key of "penge til mad", "stedet" that of "steder at bo", but is no form
            # of them): set look-ups instead of regexes and a Python loop.
            present = unplain
            hit_keys = {
                key
                for key in hit_keys
                if (forms := self._key_forms[key]) is None or not forms.isdisjoint(present)
            }
            rest_keys = {
                key
                for key in rest_keys
                if ((forms := self._forms[key]) is None or not forms.isdisjoint(present))
                and self._head_found(key, low)  # a phrase's first word is there
            }
        if hit_keys or rest_keys:
            size = len(text)
            covered = 0  # the end of the last word-path hit: a phrase hides its words
            phrases = False  # phrases found by their key word may start before a word hit
            for start in self._word_starts(low, hit_keys | rest_keys):
                key = low[start : start + _KEY].encode("utf-8")[:_KEY]
                if key not in hit_keys and key not in rest_keys:
                    word = _TOKEN.match(low, start)
                    if word is None:
                        continue
                    key = word.group().encode()[:_KEY]
                if key in hit_keys and start >= covered:
                    rx, payloads = self._by_key[key]
                    hit = rx.match(text, start)
                    if hit is not None:
                        found.append((start, hit.end(), payloads[int((hit.lastgroup or "t0")[1:])]))
                        covered = hit.end()
                if key in rest_keys:
                    # a phrase around its key word: search only there
                    rx, payloads = self._by_rest[key]
                    reach_before, reach_after = self._reach[key]
                    end = min(size, start + reach_after)
                    while end < size and text[end].isalnum():
                        end += 1  # never cut a word: (?!\w) would pass at the cut
                    # tried only where a first word of its phrases stands before the key
                    # word (a search would try every alternative at every position)
                    for head in self._heads[key].finditer(
                        low, max(0, start - reach_before), start + 1
                    ):
                        at = head.start()
                        hit = rx.match(text, at, end)
                        if hit is not None:
                            found.append(
                                (at, hit.end(), payloads[int((hit.lastgroup or "t0")[1:])])
                            )
                            phrases = True
                            break
            if phrases:
                found = _longest_first(found)
        if (
            screen != _NO_COMPOUND
            and self._infix_rx is not None
            and self._infix_rx.search(low) is not None
        ):
            for m in self._infix_rx.finditer(low):
                start, end = whole_word(text, m.start(), m.end())
                if not any(a <= start < b for a, b, _ in found):
                    found.append((start, end, self._infix[normalise(m.group())]))
            found.sort(key=lambda hit: hit[0])
        return found


def lower_same_length(text: str) -> str:
    """``text`` in lower case, one character for one (so positions carry over): a rare
    character whose lower case is longer ("İ") gives its first character only."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower()[0] for ch in text)
    return low


def lower_for_twins(text: str) -> str | None:
    """``text.lower()`` where a lower-case twin of an IGNORECASE regex (the same pattern
    without the flag) finds in it what the original finds in ``text``, at the same
    positions: it is as long, letter for letter, and holds no letter IGNORECASE takes for
    another than its lower case ("ı", "ſ": ``has_case_odd_letters``); lower case keeps a
    character a space, a digit, a word character or not, so ``\\s``, ``\\d``, ``\\w`` and
    ``\\b`` find the same. None elsewhere: there the original is asked. (An IGNORECASE
    literal is tested by case-folding each character; a twin's literals are plain.)"""
    low = text.lower()
    if len(low) != len(text) or has_case_odd_letters(low):
        return None
    return low


def has_case_odd_letters(low: str) -> bool:
    """Whether a lower-cased text holds a letter that case-insensitive regexes take for
    another than its lower case ("ſ" for s, "ı" for i; see ``_guards``): there a guard
    that finds nothing does not prove that no term is in the text. Two ``in`` tests: a
    regex search cost ten times more."""
    return "ı" in low or "ſ" in low


#: How many words the no-hit verdicts of an index keep (about 3 MB): a post's
#: vocabulary is mostly common words, and a word not kept is only checked again.
_PLAIN_CACHE: Final = 1 << 16
# What ``TermIndex._screen`` tells about a text's words.
# ``_GUARDED``: some lead to a hit only where a guard of theirs finds something (``_guard``).
_NO_HIT: Final = 0
_GUARDED: Final = 1
_NO_COMPOUND: Final = 2
_ANY: Final = 3


def _plain_letters(stem: str) -> bool:
    """Letters that ``_words`` never splits at (ASCII and Latin-1 letters)."""
    return bool(stem) and all(
        ch.isalpha() and ("a" <= ch <= "z" or "\u00c0" <= ch <= "\u00ff") for ch in stem
    )


def _compile(entries: list[tuple[str, str, object]]) -> tuple[re.Pattern[str], list[object]]:
    entries.sort(key=lambda e: -len(e[0]))
    rx = re.compile(
        "|".join(f"(?P<t{i}>{src})" for i, (_, src, _) in enumerate(entries)), re.IGNORECASE
    )
    return rx, [payload for _, _, payload in entries]


def _longest_first(found: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Hits in text order, none inside another: a phrase beats the words it holds."""
    kept: list[tuple[int, int, object]] = []
    covered = 0
    for hit in sorted(found, key=lambda h: (h[0], -h[1])):
        if hit[0] >= covered:
            kept.append(hit)
            covered = hit[1]
    return kept


def whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a match inside a word (a compound) to the whole word."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end
