"""What ties a sensitive word to a person we could identify: sentences, anchors, children.

LABELLING counts personal data "about an identifiable person". "Hvordan søger
man boligstøtte?" is a question about a rule; "jeg har søgt boligstøtte" is
data about the writer. So a sensitive word counts only when its sentence has
an anchor: the writer (jeg, vi, min), a relative or he/she, somebody addressed
by name (@Navn ... du), or a writer naming themself ("Som bøsse ..."). "Jeg
synes" / "kan jeg sige" is the writer speaking, not telling about themself,
so it is no anchor.

>>> text = "Hvordan søger man boligstøtte? Min nabo har ingen computer."
>>> s = Sentences(text)
>>> s.index(10), s.index(35)
(0, 1)
>>> Anchors(text).in_range(0, 30), Anchors(text).in_range(31, len(text))
(False, True)
>>> Anchors("Som TR kan jeg sige at det er hårdt").in_range(0, 35)
False
>>> [(c.start, c.end, c.age) for c in child_refs("Vores datter Emma på 9 og min søn på 22")]
[(0, 22, 9)]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Final

from sojournal.errors import PolicyError
from sojournal.pii.lexicon import (
    TermIndex,
    has_case_odd_letters,
    load_lexicon,
    lower_same_length,
    term_pattern,
    word_start_trie,
)

__all__ = [
    "ADULT_AGE",
    "CLOSE_AFTER",
    "CLOSE_BEFORE",
    "Anchors",
    "ChildRef",
    "Sentences",
    "child_nouns",
    "child_refs",
    "is_self_naming",
    "load_anchor_lexicons",
    "numbered_place",
    "place_terms",
    "preceding_words",
]

_REFLEXIVE: Final = frozenset({"sin", "sit", "sine"})
_GENERIC_SUBJECT: Final = re.compile(r"(?<!\w)(?:man|en|folk|forældre)(?!\w)", re.IGNORECASE)
#: A son or daughter this old or older is an adult: their matter is not a child's.
ADULT_AGE: Final = 18
#: For "close" terms: how many words before and after may hold the anchor.
CLOSE_BEFORE, CLOSE_AFTER = 7, 3
#: ... and for "vi", "os", "vores", which are also a crowd: this many words before.
CLOSE_PLURAL: Final = 4
_PLURAL: Final = frozenset({"vi", "os", "vores", "vor", "we", "us", "our"})

# A sentence ends at ! or ?, at a line break, or at a full stop before a capital
# letter (so "4. tv." and "kl. 10" do not end one).
# (Written to start with one character class, so the regex engine can skip fast.)
_BOUNDARY: Final = re.compile(
    r"[.!?\n](?:(?<=\.)(?=\s+[\"'(\[]?[A-ZÆØÅ])|(?<=[!?])[!?]*|(?<=\n)\n*)"
)
# Words only English has: "have" (Danish "to have", "garden"), "is" (ice cream) and "from"
# (pious) are Danish words too, and made "I" (Danish "you") an anchor in Danish posts.
_ENGLISH: Final = re.compile(
    r"(?<!\w)(?:the|and|are|has|my|our|was|this|can|been|with|of|it|that|you|please"
    r"|will|would|thanks|since|into|I'm|I've)(?!\w)"
)
_WORD: Final = re.compile(r"\w+(?:'\w+)?")
# Informal posts drop "jeg" at the start of a sentence ("Har søgt om friplads for 6 uger
# siden", "Er blevet fyret"): a finite verb there, followed by what only a subject's own
# story has, is the writer. "Har I ...", "Er der ..." are questions and do not match.
_DROPPED_VERBS: Final = (
    "har", "havde", "er", "var", "fik", "får", "venter", "ventede", "søgte",
    "sendte", "mangler", "manglede", "kan", "kunne",
)  # fmt: skip
_DROPPED_BODY: Final = (
    r"\s*(?:hej[,.!]?\s+)?(?:" + "|".join(_DROPPED_VERBS) + r")\s+"
    r"(?:(?:lige|stadig|ikke|aldrig|endnu|igen|netop|også|"
    r"selv|nu)\s+){0,2}(?:sendt|søgt|ventet|været|fået|blevet|haft|ringet|skrevet|mistet|"
    r"ansøgt|modtaget|brug|syg|sygemeldt|indlagt|ledig|arbejdsløs|hjemløs|fyret|afslag|ikke|"
    r"betale|råd|penge)(?!\w)"
)
_DROPPED_AT: Final = re.compile(_DROPPED_BODY, re.IGNORECASE)  # tried at known sentence starts
_DROPPED_SUBJECT: Final = re.compile(r"(?:^|(?<=[.!?\n]))" + _DROPPED_BODY, re.IGNORECASE)
#: What ``_DROPPED_AT`` finds after its leading whitespace opens with, in lower case.
_DROPPED_OPENERS: Final = ("hej", *_DROPPED_VERBS)
# How far ``_may_drop_subject`` looks for the end of the whitespace at a sentence start.
_SPACE_REACH: Final = 16


def _may_drop_subject(low: str, odd: bool, at: int) -> bool:
    """Whether ``_DROPPED_AT.match(text, at)`` can find something (``low`` is
    ``lower_same_length(text)``, ``odd`` whether ``has_case_odd_letters`` of it).

    What it finds opens, after whitespace (``\\s``, what ``str.lstrip`` strips), with
    "hej" or one of its verbs, each letter one the regex takes for the lower-case letter
    of the pattern: in ``low`` that is the letter itself, but for "ı" and "ſ". Most
    sentences open otherwise ("Min", "Jeg", "Hvordan"), and one ``str.startswith``
    with a tuple costs a fraction of the regex call. False means it finds nothing; True
    that it must be asked.
    """
    if odd:
        return True
    head = low[at : at + _SPACE_REACH]
    stripped = head.lstrip()
    if not stripped:  # whitespace all the way: look further by the regex
        return at + _SPACE_REACH < len(low)
    return low.startswith(_DROPPED_OPENERS, at + len(head) - len(stripped))


class Sentences:
    """Sentence boundaries of a text, to ask which sentence a position is in."""

    def __init__(self, text: str) -> None:
        self.text = text
        # A loop, not ``[0, *(generator)]``: compiled, a generator is an object of its own,
        # built and resumed for each boundary (most posts have one or two).
        starts = [0]
        # Every boundary opens with one of these: a text with none of them (many short
        # posts) is one sentence, and four ``in`` tests cost less than the regex call.
        if "." in text or "?" in text or "!" in text or "\n" in text:
            for m in _BOUNDARY.finditer(text):
                starts.append(m.end())
        self.starts = starts

    def index(self, pos: int) -> int:
        return bisect_right(self.starts, pos) - 1

    def bounds(self, index: int) -> tuple[int, int]:
        index = max(0, min(index, len(self.starts) - 1))
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.starts[index], end


@dataclass(frozen=True)
class _AnchorWords:
    # lower-cased word -> (role, language, person); "=Word" entries are case-sensitive
    words: dict[str, tuple[str, str, str]]
    exact: dict[str, tuple[str, str, str]]
    regex: re.Pattern[str]  # any of the words, in lower case; the dicts say which
    lowered: frozenset[str]  # the words ``regex`` finds (``_anchor_spans`` looks them up)
    opinion: frozenset[str]
    filler: frozenset[str]
    self_naming: re.Pattern[str]
    self_openers: tuple[str, ...]  # the first words of the self-naming phrases, lower case
    place: _Places  # "i opgangen", "nr. 9", "på 2. sal": an identifiable home or spot


_NUMBER: Final = r"\d{1,3}[a-z]?"


class _Places:
    """The place phrases. The digit "0" in a phrase stands for a house, floor or flat
    number ("nr. 0" finds "nr. 9"); such a phrase is looked for around its words."""

    def __init__(self, terms: list[str]) -> None:
        self.plain = [term for term in terms if "0" not in term]
        numbered = [term for term in terms if "0" in term]
        self.keywords = sorted({w for t in numbered for w in _WORD.findall(t) if w != "0"})
        self.numbered = re.compile(
            "|".join(
                r"(?<!\w)" + re.escape(t).replace(r"\ ", r"\s*").replace("0", _NUMBER) + r"(?!\w)"
                for t in numbered
            )
            or r"(?!x)x",
            re.IGNORECASE,
        )


@cache
def _anchor_words() -> _AnchorWords:
    lexicon = load_lexicon("anchors.toml")
    words: dict[str, tuple[str, str, str]] = {}
    exact: dict[str, tuple[str, str, str]] = {}
    opinion: set[str] = set()
    filler: set[str] = set()
    selves: list[str] = []
    statuses: list[str] = []
    places: list[str] = []
    for group in lexicon.groups:
        role = group.field("role")
        if role in {"anchor", "addressee"}:
            info = (role, group.field("language"), group.field("person"))
            for term in group.terms:
                if not _WORD.fullmatch(term.lstrip("=")):
                    raise PolicyError(
                        "anchor terms are single words",
                        file=lexicon.file,
                        rule=group.id,
                        field="terms",
                    )
                if term.startswith("="):
                    exact[term[1:]] = info
                else:
                    words[term.lower()] = info
        elif role == "opinion":
            opinion.update(t.lower() for t in group.terms)
        elif role == "filler":
            filler.update(t.lower() for t in group.terms)
        elif role == "self":
            selves.extend(group.terms)
        elif role == "status":
            statuses.extend(group.terms)
        elif role == "place":
            places.extend(group.terms)
    # "Som tidligere alkoholiker", "As a recovering addict": one word of status may stand
    # between (the role words of the lexicon), never an arbitrary one ("Som bekendt ...").
    status = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in statuses)
    # Also a first thing the writer is, joined by "og"/"and" ("Som pædagog og medlem af
    # BUPL"), and the first half of a hyphenated word ("Som dansk-tyrker").
    self_naming = re.compile(
        r"^[\W\d_]*(?:"
        + "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in selves)
        + r")\s+(?:[\w-]+\s+(?:og|and)\s+)?"
        + (rf"(?:(?:{status})\s+)?" if statuses else "")
        # What the writer is, with the condition named after it ("Som ung med cerebral
        # parese", "As a pensioner with COPD"), or their child's ("Som forælder til et barn
        # med autisme"): still the writer naming their own family.
        + r"(?:(?:[\w-]+\s+)?(?:med|with)\s+"
        + r"|[\w-]+\s+(?:til|of|to)\s+(?:et|en|a|an|to|two)\s+[\w-]+\s+(?:med|with)\s+)?"
        + r"(?:\w+-)?$",
        re.IGNORECASE,
    )
    lowered = {*words, *(w.lower() for w in exact)}
    return _AnchorWords(
        words=words,
        exact=exact,
        # Matched against the lower-cased text: case-insensitive matching costs more.
        # (word_start_trie: the regex engine skips to the words' first letters.)
        regex=re.compile(word_start_trie(lowered) + r"(?![\w'])"),
        lowered=frozenset(lowered),
        opinion=frozenset(opinion),
        filler=frozenset(filler),
        self_naming=self_naming,
        self_openers=tuple(sorted({s.split()[0].lower() for s in selves if s.split()})),
        place=_Places(places),
    )


# Characters that are never part of a word: stripped off the ends of a whitespace-separated
# piece, they leave the one run of word characters it is made of (``_anchor_spans``).
_EDGE: Final = "".join(ch for ch in '!"#$%&()*+,-./:;<=>?@[\\]^`{|}~«»“”„‘’…–—•·¡¿' if ch != "'")


def _word_char(ch: str) -> bool:
    """Whether the regex engine takes ``ch`` for ``\\w`` (``str.isalnum`` is its test)."""
    return ch.isalnum() or ch == "_"


def _anchor_spans(
    low: str, lo: int, hi: int, words: frozenset[str], regex: re.Pattern[str]
) -> list[tuple[int, int]]:
    """(start, end) of what ``regex`` (``_AnchorWords.regex``) finds in ``low[lo:hi]``,
    without trying its trie of a hundred words at every position (the regex engine takes
    some 100 ns a position for it, a third of a sensitive post's anchors).

    The regex finds a word of ``words`` standing after no word character (it may look
    before ``lo``) and before no word character or apostrophe; whitespace is neither, so
    it finds nothing across the pieces of ``str.split``. A piece of word characters only
    (after ``_EDGE`` is stripped off its ends) is one word, found where it is one of
    ``words`` (and no word character stands before it at ``lo``); any other piece is
    searched by the regex itself, between its ends. A piece is found by ``str.find`` from
    the end of the last one looked at, taken where whitespace (or ``lo``, ``hi``) is on
    both sides: the pieces passed over are no candidates, so none of them is it.
    """
    found: list[tuple[int, int]] = []
    cursor = lo
    for piece in low[lo:hi].split():
        if piece in words:
            core = piece
        elif piece.isalnum():
            continue  # most pieces: one word, and not an anchor
        else:
            core = piece.strip(_EDGE)
            if not core or (core.isalnum() and core not in words):
                continue
        size = len(piece)
        at = low.find(piece, cursor)
        while (at > lo and not low[at - 1].isspace()) or (
            at + size < hi and not low[at + size].isspace()
        ):
            at = low.find(piece, at + 1)
        cursor = at + size
        if core.isalnum():
            start = at + size - len(piece.lstrip(_EDGE))
            if start != lo or lo == 0 or not _word_char(low[lo - 1]):
                found.append((start, start + len(core)))
        else:
            found.extend(m.span() for m in regex.finditer(low, at, cursor))
    return found


class Anchors:
    """Positions of words that point at an identifiable person, opinions left out."""

    def __init__(
        self,
        text: str,
        lo: int = 0,
        hi: int | None = None,
        sentence_starts: Sequence[int] | None = None,
        low: str | None = None,
    ) -> None:
        """Anchors in ``text[lo:hi]`` (the sentences that need them; default all).

        ``sentence_starts``: where sentences start, when the caller knows (saves a search).
        ``low``: ``text`` lowered one character for one (``lower_same_length``), when the
        caller has it (lowering a short post with æ, ø, å costs more than a microsecond).
        """
        lexicon = _anchor_words()
        english: bool | None = None  # looked up only when an English "I" turns up
        # Whether an opinion word is in the text at all, looked up when a "jeg" turns up:
        # ``_opinion`` finds one only where its lower case is in ``low`` (a word's lower
        # case is the lower case of its letters; no opinion word has a sigma, the one letter
        # lowered by its neighbours, nor the combining dot of a letter ``low`` lowers to its
        # first character only). A couple of dozen ``in`` tests once, instead of two regex
        # searches around every "jeg".
        opinions: bool | None = None
        mentioned = "@" in text
        self.positions: list[int] = []
        #: Where the writer refers to themself (jeg, min, vi, my): whose data a word is.
        self.first_person: list[int] = []
        #: "vi", "os", "vores": also the collective of a political post ("vi betaler")
        self.plural: set[int] = set()
        if low is None:
            low = lower_same_length(text)
        for start, end in _anchor_spans(
            low, lo, len(text) if hi is None else hi, lexicon.lowered, lexicon.regex
        ):
            word = text[start:end]
            info = lexicon.words.get(word.lower()) or lexicon.exact.get(word)
            if info is None:
                continue
            role, language, person = info
            if language == "en":
                if english is None:
                    english = _ENGLISH.search(text) is not None
                if not english:
                    continue
            if role == "addressee" and not mentioned:
                continue
            if word.lower() in {"jeg", "vi", "i", "we"}:
                if opinions is None:
                    opinions = any(opinion in low for opinion in lexicon.opinion)
                if opinions and self._opinion(text, start, end, lexicon):
                    continue
            self.positions.append(start)
            if person == "first":
                self.first_person.append(start)
            if word.lower() in _PLURAL:
                self.plural.add(start)
        stop = len(text) if hi is None else hi
        if sentence_starts is None:
            dropped = list(_DROPPED_SUBJECT.finditer(text, lo, stop))
        else:
            odd = has_case_odd_letters(low)
            found = (
                _DROPPED_AT.match(text, at)
                for at in sentence_starts
                if lo <= at < stop and _may_drop_subject(low, odd, at)
            )
            dropped = [m for m in found if m is not None]
        for m in dropped:
            at = m.end() - len(m.group().lstrip())  # the verb, not the space before it
            self.positions = sorted({*self.positions, at})
            self.first_person = sorted({*self.first_person, at})

    @staticmethod
    def _opinion(text: str, start: int, end: int, words: _AnchorWords) -> bool:
        after = _WORD.findall(text, end, min(len(text), end + 40))
        before = _WORD.findall(text, max(0, start - 30), start)[::-1]
        for side in (after, before):
            for word in side[:3]:
                lowered = word.lower()
                if lowered in words.opinion:
                    return True
                if lowered not in words.filler:
                    break
        return False

    def add_places(self, positions: Sequence[int]) -> None:
        """Places that identify somebody ("manden i stuelejligheden"): a third person."""
        if positions:
            self.positions = sorted({*self.positions, *positions})

    def in_range(self, start: int, end: int) -> bool:
        i = bisect_right(self.positions, start - 1)
        return i < len(self.positions) and self.positions[i] < end

    def close_to(self, text: str, lo: int, hi: int, start: int, end: int) -> bool:
        """An anchor among the few words around [start, end) in the sentence [lo, hi)."""
        # The words counted below lie in [reach_lo, reach_hi), and so does what they bound:
        # with no anchor there at all (most "close" words), the answer is no.
        reach_lo, reach_hi = max(lo, start - 60), min(hi, end + 30)
        i = bisect_right(self.positions, reach_lo - 1)
        if i >= len(self.positions) or self.positions[i] >= reach_hi:
            return False
        # "vi"/"vores" counts only nearer: "vi betaler ... når ældreplejen skæres" is a crowd.
        first, near = _last_word_starts(text, reach_lo, start)
        after = _FIRST_WORDS.match(text, end, reach_hi)
        last = reach_hi if after is None else after.end()
        i = bisect_right(self.positions, first - 1)
        while i < len(self.positions) and self.positions[i] < last:
            if self.positions[i] not in self.plural or self.positions[i] >= near:
                return True
            i += 1
        return False

    def writer_distance(self, pos: int, lo: int, hi: int, skip: tuple[int, int]) -> int:
        """Distance from ``pos`` to the nearest first-person word in [lo, hi) outside ``skip``."""
        best = hi - lo + 1
        for p in self.first_person:
            if lo <= p < hi and not skip[0] <= p < skip[1]:
                best = min(best, abs(p - pos))
        return best


def place_terms() -> tuple[list[str], list[str]]:
    """The place phrases without a number, and the words of those with one ("nr", "sal")."""
    places = _anchor_words().place
    return places.plain, places.keywords


def numbered_place(text: str, start: int, end: int) -> int | None:
    """Where a numbered place ("nr. 9", "2. sal") around the word at [start, end) starts."""
    m = _anchor_words().place.numbered.search(text, max(0, start - 6), min(len(text), end + 6))
    return None if m is None else m.start()


def preceding_words(text: str, lo: int, pos: int, count: int) -> list[str]:
    """Up to ``count`` lower-cased words before ``pos`` (not before ``lo``), nearest first:
    the last ``count`` that ``_WORD.findall`` finds in ``text[max(lo, pos - 12 * count):pos]``.

    Without an apostrophe in that stretch ``_WORD`` finds its maximal runs of word
    characters, the same runs read from either end: one match of ``_nearest_words(count)``
    in the stretch reversed takes the nearest ``count`` of them, instead of every word of
    the stretch as a string of its own (about half the instructions). With one, the words
    are found from the start of the stretch as before ("don't" is one word; read from the
    end it could be taken differently).
    """
    stretch = text[max(lo, pos - 12 * count) : pos]
    if "'" in stretch:
        return [w.lower() for w in _WORD.findall(stretch)][::-1][:count]
    nearest = _nearest_words(count).match(stretch[::-1])
    assert nearest is not None  # every part of the pattern is optional
    return [word[::-1].lower() for word in nearest.groups() if word is not None]


@cache
def _nearest_words(count: int) -> re.Pattern[str]:
    """``count`` optional groups, each the next run of word characters after non-word ones:
    matched at the start, each takes one while there is one (greedy), in order."""
    return re.compile(r"(?:\W*+(\w++))?" * count)


# For ``Anchors.close_to``: the words ``CLOSE_PLURAL`` and ``CLOSE_BEFORE`` from the end of a
# stretch without apostrophes, matched in the stretch reversed (``preceding_words`` says why
# that is exact there): where each ends in the reversed stretch (the second group only when
# there are as many words).
_LAST_WORDS: Final = re.compile(
    rf"(?:\W*+\w++){{{CLOSE_PLURAL}}}()(?:(?:\W*+\w++){{{CLOSE_BEFORE - CLOSE_PLURAL}}}())?"
)
# The first ``CLOSE_AFTER`` words of a stretch as ``_WORD.finditer`` finds them one after the
# other: each skips what is no word character and takes the next word, atomically (as the
# search does: never a shorter word to make room for the next).
_FIRST_WORDS: Final = re.compile(rf"(?:\W*+(?>\w+(?:'\w+)?)){{{CLOSE_AFTER}}}")


def _last_word_starts(text: str, lo: int, end: int) -> tuple[int, int]:
    """Where the words ``CLOSE_BEFORE`` and ``CLOSE_PLURAL`` from the end of those that
    ``_WORD.finditer`` finds in ``text[lo:end]`` start (``lo`` for one that is not there;
    the nearer one is the farther one when neither is there).

    One match in the reversed stretch instead of a match object for every word of it,
    where that is exact (no apostrophe: see ``preceding_words``)."""
    stretch = text[lo:end]
    if "'" in stretch:
        before = [m.start() for m in _WORD.finditer(text, lo, end)]
        first = before[-CLOSE_BEFORE] if len(before) >= CLOSE_BEFORE else lo
        return first, before[-CLOSE_PLURAL] if len(before) >= CLOSE_PLURAL else first
    found = _LAST_WORDS.match(stretch[::-1])
    if found is None:
        return lo, lo
    far = found.end(2)  # -1 when the group took no part
    return end - far if far >= 0 else lo, end - found.end(1)


def is_self_naming(
    text: str, sentence_start: int, term_start: int, same: str | None = None, odd: bool = True
) -> bool:
    """Whether the term follows "Som"/"As a" at the start of its sentence ("Som bøsse ...").

    ``same``: ``lower_same_length(text)``, when the caller has it, and ``odd`` whether
    ``has_case_odd_letters`` of it. Where the regex matches, the first word of a
    self-naming phrase stands in the stretch, each letter one the regex takes for the
    phrase's (lower-case) letter: in ``same`` that is the letter itself, but for "ı" and
    "ſ". So when ``odd`` is False and no first word is in the stretch of ``same`` (a
    couple of ``in`` tests, where the regex costs several microseconds), it does not
    match.
    """
    words = _anchor_words()
    if same is not None and not odd:
        stretch = same[sentence_start:term_start]
        if not any(opener in stretch for opener in words.self_openers):
            return False
    return words.self_naming.match(text[sentence_start:term_start]) is not None


@dataclass(frozen=True)
class ChildRef:
    """A child tied to a family: "min søn", "vores datter Emma på 9", "our daughter (4)"."""

    start: int
    end: int
    age: int | None
    named: bool
    place: bool = False


@cache
def _child_regex() -> re.Pattern[str]:
    lexicon = load_lexicon("child.toml")
    by_role: dict[str, list[str]] = {}
    for group in lexicon.groups:
        by_role.setdefault(group.field("role"), []).extend(group.terms)
    possessive = term_pattern(by_role["possessive"], inflect=False)
    noun = term_pattern(by_role["noun"], inflect=False)
    place = term_pattern(by_role["place"], inflect=False)
    age = (
        r"(?:\s*\(\s*(?:(?:he|she)\s+(?:is|turns)\s+|på\s+)?(?P<age1>\d{1,2})(?:\s*år)?[^)]{0,20}\)"
        r"|\s+på\s+(?P<age2>\d{1,2})(?!\d)(?:\s*år)?(?![.,]?\d)"
        r"|,\s*(?P<age3>\d{1,2})\s*(?:år|years?)"
        r"|\s+(?:aged?|age)\s+(?P<age4>\d{1,2}))?"
    )
    return re.compile(
        rf"(?P<poss>{possessive}|(?:jeg|vi)\s+har\s+(?:en|et|to|tre)|(?:I|we)\s+have\s+(?:a|two))\s+"
        rf"(?:(?P<place>{place})|(?:(?!{possessive})[\w-]+\s+)?"
        rf"(?:(?P<noun>{noun})|(?P<years>\d{{1,2}})[-\s]?(?:årig\w*|year-old))"
        rf"(?P<name>\s+(?-i:[A-ZÆØÅ][a-zæøåé]+)(?![\w.]))?{age})",
        re.IGNORECASE,
    )


@cache
def _child_words() -> TermIndex:
    places = [
        t for g in load_lexicon("child.toml").groups if g.field("role") == "place" for t in g.terms
    ]
    return TermIndex([([*child_nouns(), *places], None)], inflect=False)


def child_nouns() -> list[str]:
    """The words for a child (and "4-årige", "year-old"): where a child reference can end."""
    lexicon = load_lexicon("child.toml")
    nouns = [t for g in lexicon.groups if g.field("role") == "noun" for t in g.terms]
    return [*nouns, "årig*", "year"]


def _child_matches(text: str, near: Sequence[tuple[int, int]] | None) -> list[re.Match[str]]:
    # The full pattern is slow to try at every position; try it only just before
    # the words for a child (found by the caller's index, or by our own).
    regex, matches, seen = _child_regex(), [], -1
    if near is None:
        near = [(start, end) for start, end, _ in _child_words().find(text)]
    for start, end in near:
        m = regex.search(text, max(0, start - 30, seen), min(len(text), end + 40))
        if m is not None and m.start() >= seen:
            matches.append(m)
            seen = m.end()
    return matches


def load_anchor_lexicons() -> None:
    """Load and compile the anchor and child lexicons now rather than on first use."""
    _anchor_words()
    _child_regex()
    _child_words()


def child_refs(text: str, near: Sequence[tuple[int, int]] | None = None) -> list[ChildRef]:
    """Children tied to a family, adults (søn på 22) left out.

    ``near``: (start, end) of the words for a child, when the caller has found them.
    """
    refs = []
    for m in _child_matches(text, near):
        raw_age = m["age1"] or m["age2"] or m["age3"] or m["age4"] or m["years"]
        age = int(raw_age) if raw_age else None
        if age is not None and age >= ADULT_AGE:
            continue
        if m["poss"].lower() in _REFLEXIVE and _GENERIC_SUBJECT.search(
            text, max(0, m.start() - 40), m.start()
        ):
            continue  # "hvordan melder man sit barn ind": anybody's child
        end = m.end()
        while text[end - 1] in " ,":
            end -= 1
        refs.append(
            ChildRef(
                start=m.start(),
                end=end,
                age=age,
                named=m["name"] is not None,
                place=m["place"] is not None,
            )
        )
    return refs
