"""Special categories of personal data (GDPR art. 9 and 10) and children's matters.

The words live in ``lexicons/*.toml`` (health, social, criminal, special,
child, anchors); this module finds them with one ``TermIndex`` and keeps
those that are about somebody (see ``anchors``). A word with no anchor is
still returned, with a low score, so an explanation can say what was seen
and why it did not count. Fields of a lexicon group:

- ``kind``: health, social, criminal, ethnicity, religion, sexuality, union
- ``strength``: ``strong`` (an anchor anywhere in the sentence) or ``close``
  (among the seven words before or three after: words that are also used
  about services or groups in general)
- ``unless`` / ``unless_prev``: words before the term that make it about work
  ("arbejder på sygehuset", "jeg er læge")
- ``adult = "yes"``: only adults have it (benefits), so never a child's matter

A child's matter (kind ``child``) needs a child tied to a family ("min søn",
"vores datter Emma", "our daughter (4)", "vores vuggestueplads") *and* a
matter: an application, a refusal, an assessment, an incident, or a
sensitive word in the same sentence. A child merely mentioned is not one.

>>> kinds = lambda text: sorted({s.kind for s in find_sensitive(text) if s.score >= 0.5})
>>> kinds("Jeg har søgt kontanthjælp og er sygemeldt med stress")
['health', 'social']
>>> kinds("Hvordan søger man boligstøtte?")
[]
>>> kinds("Min søn på 7 er blevet mobbet i skolen"), kinds("Min søn på 7 elsker legepladsen")
(['child'], [])
>>> kinds("Min far har faaet kraeft")  # written without æøå
['health']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Final, cast

from sojournal.models import PiiSpan
from sojournal.pii._span import span
from sojournal.pii.anchors import (
    ADULT_AGE,
    Anchors,
    ChildRef,
    Sentences,
    child_nouns,
    child_refs,
    is_self_naming,
    load_anchor_lexicons,
    numbered_place,
    place_terms,
    preceding_words,
)
from sojournal.pii.lexicon import (
    TermIndex,
    has_case_odd_letters,
    load_lexicon,
    lower_same_length,
    word_start_alternation,
    word_start_trie,
)

__all__ = [
    "KIND_ORDER",
    "LEXICON_FILES",
    "find_sensitive",
    "free_of_terms",
    "numbers_free_of_terms",
    "piece_guards",
]

#: The order of kinds for spans at the same place (and which wins an overlap): the
#: more specific first.
KIND_ORDER: Final = {
    "cpr": 0,
    "email": 1,
    "cvr": 2,
    "phone": 3,
    "address": 4,
    "child": 5,
    "criminal": 6,
    "health": 7,
    "social": 8,
    "ethnicity": 9,
    "religion": 10,
    "sexuality": 11,
    "union": 12,
}

#: The lexicons with sensitive terms; each group names its kind (or the file does).
LEXICON_FILES: Final = ("health.toml", "social.toml", "criminal.toml", "special.toml", "child.toml")
_KINDS: Final = frozenset(
    {"health", "social", "criminal", "ethnicity", "religion", "sexuality", "union"}
)
_STRENGTHS: Final = frozenset({"strong", "close"})
# How many sentences around a child may hold the matter that makes it the child's case.
_CHILD_WINDOW: Final = 2


@dataclass(frozen=True)
class _Words:
    """Words from a lexicon field ("arbejd* ansat"): whole words, and stems ending in *.

    Looked up as a set and one ``str.startswith`` with a tuple, both in C: these
    checks run for every sensitive word of every post.
    """

    exact: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    regex: re.Pattern[str] | None = None  # any of them as a whole word, to search a stretch
    # ``regex`` for the lower-cased text, opening with the words' first letters (see
    # ``search``); None when a word does not open with a lower-case letter
    low_regex: re.Pattern[str] | None = None

    @classmethod
    def parse(cls, field: str) -> _Words:
        entries = field.lower().split()
        alternatives = [
            re.escape(e[:-1]) + r"\w*" if e.endswith("*") else re.escape(e) for e in entries
        ]
        twin = bool(entries) and all(e[:1].isalpha() and e[:1].islower() for e in entries)
        return cls(
            exact=frozenset(e for e in entries if not e.endswith("*")),
            prefixes=tuple(e[:-1] for e in entries if e.endswith("*")),
            regex=re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
            if entries
            else None,
            low_regex=re.compile(word_start_alternation(alternatives) + r"(?!\w)")
            if twin
            else None,
        )

    def search(self, text: str, same: str, odd: bool, lo: int, hi: int) -> bool:
        """Whether ``regex`` finds one of the words in ``text[lo:hi]``. ``same`` is
        ``lower_same_length(text)``, ``odd`` whether ``has_case_odd_letters`` of it.

        The IGNORECASE ``regex`` is tried at every position of the stretch (some 80
        characters before every term with ``unless`` words, a few hundred words); its
        lower-case twin in ``same`` skips from one first letter to the next and finds a
        word at the same positions, wherever each letter's lower case is the letter the
        original takes it for (all but "ı" and "ſ") and lower case keeps a character a
        word character or not (``word_start_alternation``). Only whether one is found
        counts, so the order of the alternatives does not matter.
        """
        if self.low_regex is not None and not odd:
            return self.low_regex.search(same, lo, hi) is not None
        return self.regex is not None and self.regex.search(text, lo, hi) is not None

    def has(self, word: str) -> bool:
        return word in self.exact or (bool(self.prefixes) and word.startswith(self.prefixes))

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes)


_NONE: Final = _Words()


@dataclass(frozen=True)
class _Group:
    id: str
    kind: str  # a PiiKind, or "child-matter" / "child-place"
    strength: str
    unless: _Words = _NONE
    unless_prev: _Words = _NONE
    adult: bool = False  # only adults have this (benefits, job centre): never a child's matter
    also: str = ""  # a second kind the same words are (sickness benefits: social and health)
    unless_next: _Words = _NONE
    named: bool = False  # a capitalised first name in the sentence ties it to a person
    # plain booleans, set from the above: asked for every sensitive word of every post
    has_unless: bool = field(default=False, init=False)
    has_unless_prev: bool = field(default=False, init=False)
    has_unless_next: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "has_unless_prev", bool(self.unless_prev))
        object.__setattr__(self, "has_unless", bool(self.unless or self.unless_prev))
        object.__setattr__(self, "has_unless_next", bool(self.unless_next))

    def discounted(self, text: str, same: str, odd: bool, lo: int, start: int) -> bool:
        """Whether the words before the term make it about something else (work, a group).
        ``same`` is ``lower_same_length(text)``, ``odd`` whether ``has_case_odd_letters``
        of it."""
        if self.has_unless_prev:
            near = preceding_words(text, lo, start, 2)
            if near and near[0] in {"en", "et", "a", "an", "the"}:
                near = near[1:]
            if near and self.unless_prev.has(near[0]):
                return True
        return self.unless.search(text, same, odd, max(lo, start - _UNLESS_REACH), start)

    def cancelled_by_next(self, text: str, end: int) -> bool:
        """Whether the word after the term gives it another meaning ("blind vej")."""
        after = _NEXT_WORD.match(text, end)
        return after is not None and self.unless_next.has(after.group(1).lower())


_NEXT_WORD: Final = re.compile(r"\W+(\w+)")
# "Findes der grupper for unge med angst? Har selv kæmpet med det i to år": a condition named
# in a general question, owned by the writer at the start of the next sentence.
_OWNED_NEXT: Final = re.compile(
    r"[\W\d_]*(?:jeg\s+|i\s+|og\s+)?(?:er\s+\d{1,2}(?:\s+år)?\s+og\s+)?(?:"
    # "Er der bus til dialysen? Jeg skal derind 3 gange om ugen": the writer goes there.
    r"skal\s+(?:selv\s+)?(?:derind|derud|derhen|derop|derover|ind\s+der)(?!\w)|"
    # "... unge med angst? Jeg er 19 og har svært ved at komme ud af døren."
    r"(?:har|havde)\s+(?:det\s+)?(?:svært|skidt|hårdt|haardt)(?!\w)|"
    r"(?:har|havde)\s+(?:også\s+)?(?:selv\s+(?:kæmpet|kaempet|haft|været|vaeret|levet|døjet|doejet|prøvet|proevet|gået|gaaet)"
    r"|(?:kæmpet|kaempet|døjet|doejet|levet)\s+med\s+det|prøvet\s+selv|proevet\s+selv|været\s+ude\s+af\s+det|vaeret\s+ude\s+af\s+det)"
    r"|kender\s+det\s+(?:selv|alt\s+for\s+godt)|det\s+har\s+jeg\s+(?:også\s+)?selv"
    r"|spørger\s+(?:bare\s+|altså\s+)?for\s+mig\s+selv|spoerger\s+(?:bare\s+)?for\s+mig\s+selv"
    r"|(?:i'?ve|i\s+have)\s+(?:struggled|dealt|lived|been\s+through\s+it)|been\s+there\s+myself|(?:i'?m\s+)?asking\s+for\s+myself)(?!\w)",
    re.IGNORECASE,
)

# Anywhere in that next sentence, the writer's own person: "... plejecentret? Vil se det inden
# min svigermor skal flytte ind", "... folk med angst? Min kæreste har haft det svært".
_RELATIVE_OWNERS: Final = ("min", "mit", "mine", "vores")
_RELATIVE_OWNS: Final = (
    r"\s+\w+\s+(?:skal\s+(?:flytte\s+ind|flytte\s+derind|derind|derud)"
    r"|har\s+(?:haft\s+det|det)\s+(?:\w+\s+)?(?:svært|skidt|hårdt|dårligt|haardt|daarligt))(?!\w)"
)
_RELATIVE_OWNS_NEXT: Final = re.compile(
    r"(?<!\w)(?:" + "|".join(_RELATIVE_OWNERS) + ")" + _RELATIVE_OWNS, re.IGNORECASE
)

# "Han har kæmpet for handicapområdet", "Handicaprådet", "psykiatripolitikken": a compound
# naming a policy area, a budget or a council body is about the service, never a person.
_POLICY_AREA: Final = re.compile(
    r"(?:område[rt]?(?:ne)?|politik(?:ken)?|rådet?|udvalg(?:et|ets)?|budget(?:tet)?|sektoren)$",
    re.IGNORECASE,
)
#: What ``_POLICY_AREA`` finds at the end of a term, written out in lower case.
_POLICY_AREA_ENDINGS: Final = (
    "område", "områder", "området", "områdene", "områderne", "områdetne",
    "politik", "politikken",
    "råde", "rådet",
    "udvalg", "udvalget", "udvalgets",
    "budget", "budgettet",
    "sektoren",
)  # fmt: skip


def _policy_area(text: str, same: str, odd: bool, start: int, end: int) -> bool:
    """Whether ``_POLICY_AREA`` finds something in ``text[start:end]`` (``same`` is
    ``lower_same_length(text)``, ``odd`` whether ``has_case_odd_letters`` of all of it:
    when not, no part of it has them either), asked for every sensitive word of a post.

    One ``str.endswith`` on the lower case instead of the regex, which tries each of its
    words at each position of the term: the same answer wherever every letter's lower case
    is the letter the regex takes it for (all but "ı" and "ſ", ``has_case_odd_letters``)
    and ``$`` can only match at ``end`` (no line break ends the term; a term ends in a
    word character anyway). Elsewhere the regex is asked.
    """
    if text[end - 1 : end] == "\n" or (odd and has_case_odd_letters(same[start:end])):
        return _POLICY_AREA.search(text, start, end) is not None
    return same.endswith(_POLICY_AREA_ENDINGS, start, end)


_QUESTION_WORDS: Final = (
    "hvordan", "hvor", "hvornår", "hvad", "hvem", "kan", "må", "skal", "bør", "om",
    "how", "can", "if", "whether",
)  # fmt: skip
_ASKS_ANYONE: Final = r"\s+(?:\w+\s+){0,2}(?:man|one|you)(?!\w)"
_GENERIC_QUESTION: Final = re.compile(
    r"(?<!\w)(?:" + "|".join(_QUESTION_WORDS) + ")" + _ASKS_ANYONE, re.IGNORECASE
)
# "min mor vil gerne vide om kommunen har ...": a question asked on someone's behalf
# about how a service works; what follows is not data about the person asking.
_ASKING_WORDS: Final = (
    "vide", "høre", "spørge", "spørger", "spurgte", "wants to know", "asked", "asks",
)  # fmt: skip
_ASKS_HOW: Final = r"\s+(?:om|hvordan|hvad|hvorvidt|if|whether|how|what)(?!\w)"
_ON_BEHALF: Final = re.compile(
    r"(?<!\w)(?:" + "|".join(_ASKING_WORDS) + ")" + _ASKS_HOW, re.IGNORECASE
)


def _lower_case_twin(words: Sequence[str], rest: str) -> re.Pattern[str]:
    """``(?<!\\w)(?:words)rest`` without IGNORECASE, for the lower-cased text (``rest`` is
    in lower case), opening with the words' first letters (``word_start_trie``).

    The IGNORECASE regexes above are tried at every position of the text (IGNORECASE
    leaves the regex engine no quick test of a first letter), a few microseconds a
    search; this one skips from one first letter to the next. Searched in
    ``lower_same_length(text)`` it finds what its twin finds in the text, at the same
    positions, wherever each letter's lower case is the letter the twin takes it for (all
    but "ı" and "ſ": ``has_case_odd_letters``) and lower case keeps a character a word
    character or not. At a given position at most one of the words can be followed by
    ``rest`` (it opens with whitespace), so the trie's order of trying them changes no
    match.
    """
    return re.compile(word_start_trie(set(words)) + rest)


_GENERIC_QUESTION_LOW: Final = _lower_case_twin(_QUESTION_WORDS, _ASKS_ANYONE)
_ON_BEHALF_LOW: Final = _lower_case_twin(_ASKING_WORDS, _ASKS_HOW)
_RELATIVE_OWNS_NEXT_LOW: Final = _lower_case_twin(_RELATIVE_OWNERS, _RELATIVE_OWNS)


# How far before a term (about a dozen words) may say it is about work ("Jeg er
# sygeplejerske og undrer mig over de nye parkeringsregler ved sygehuset").
_UNLESS_REACH: Final = 80
# "Vores kat er blevet opereret", "hunden er syg": an animal's health is nobody's data.
_PET: Final = re.compile(
    r"(?<!\w)(?:hund|hunden|hunde|hundene|kat|katten|katte|kattene|dyret|dyrene|hest|hesten"
    r"|kanin\w*|marsvin\w*|undulat\w*|dog|cat|pet)(?!\w)",
    re.IGNORECASE,
)


_PET_STEM: Final = re.compile(r"\w*hund\b", re.IGNORECASE)
# Every word ``_PET`` matches starts with one of these in lower case, and lower case
# keeps a character a word character or not, so a post with no word starting so
# ("skat", "stoppet", "dyrt" do not) needs no regex. Not so for "ı", "ſ"
# (case-insensitively "i", "s" but lower case of their own) and "İ" (two characters
# in lower case): then the regex.
_PET_WORDS: Final = (
    "hund",
    "kat",
    "dyr",
    "hest",
    "kanin",
    "marsvin",
    "undulat",
    "dog",
    "cat",
    "pet",
)
_PET_START: Final = re.compile(word_start_trie(set(_PET_WORDS)))


def _pet_mentioned(text: str, low: str) -> bool:
    """Whether ``_PET`` finds an animal in ``text`` (``low`` is ``text.lower()``)."""
    if (
        len(low) == len(text)
        and "ı" not in text  # three ``in`` tests: no Python-level walk over the text,
        and "ſ" not in text  # and none at all for a text of Latin-1 letters only
        and "İ" not in text
        # A word can start with one of them only where it is in the text at all: ten
        # ``in`` tests (each a fast search in C) cost a fraction of ``_PET_START``'s
        # search, which tries the trie at every "c", "d", "h", "k", "m", "p" and "u".
        and (not any(word in low for word in _PET_WORDS) or _PET_START.search(low) is None)
    ):
        return False
    return _PET.search(text) is not None


def _about_a_pet(text: str, lo: int, start: int, end: int) -> bool:
    """An animal among the few words before the term: its illness, not a person's."""
    if _PET_STEM.search(text, start, end) is not None:
        return False  # "servicehund", "førerhund": the owner's health
    return any(_PET.fullmatch(word) is not None for word in preceding_words(text, lo, start, 5))


# A child named by the family, with no word for a child: "vores Emil", "our Sofie".
_NAMED_CHILD: Final = re.compile(
    r"(?<!\w)(?:vores|vor|our)\s+(?-i:[A-ZÆØÅ][a-zæøåé]+)(?![\w.])", re.I
)
# A child named with an age inside a sentence, no word for a child: "spillere, Mads på 11",
# "nabopigen Ida på 14" (a unit or a floor after the number is no age: "Vejle på 2 timer").
# (Written to open with the capital, the look-behind after it, so the regex engine skips
# to capitals: ``X(?<=[\w,] X)`` is ``(?<=[\w,] )X``.)
_NAMED_AGED_CHILD: Final = re.compile(
    r"([A-ZÆØÅ](?<=[\w,] [A-ZÆØÅ])[a-zæøåé]+)\s+på\s+(\d{1,2})(?!\d|[.,:/]\d|\.\s*sal)"
    r"(?!\s*(?:timer|minutter|min|dage|uger|måneder|mdr|km|kr|meter|m|sal|sider|point)(?!\w))"
)
_OTHERS_CHILD: Final = re.compile(r"\s+(?:til|af|fra|hos|of)(?!\w)", re.IGNORECASE)
_AGE_AFTER: Final = re.compile(r"\s+på\s+\d{1,2}(?!\d)")
# "Datteren har det skidt", "Lillebror ryger hash": at the start of a sentence these
# bare words are the writer's own child (a generic child takes "et barn", "børn").
_BARE_CHILD: Final = frozenset(
    {
        "datteren", "sønnen", "drengen", "pigen", "knægten", "ungen", "babyen", "tøsen",
        "lillebror", "lillesøster", "den mindste", "den yngste", "den lille",
    }
)  # fmt: skip


@cache
def _matcher() -> TermIndex:
    # Imported lazily so a broken lexicon fails on first scan with a PolicyError,
    # naming the file and field, rather than on import.
    from sojournal.errors import PolicyError

    groups: list[tuple[tuple[str, ...], object]] = []
    for name in LEXICON_FILES:
        lexicon = load_lexicon(name)
        for group in lexicon.groups:
            if name == "child.toml":
                role = group.field("role")
                if role not in {"matter", "place"}:
                    continue
                kind, strength = f"child-{role}", "strong"
            else:
                kind = group.field("kind", lexicon.field("kind"))
                strength = group.field("strength", "strong")
                if kind not in _KINDS:
                    raise PolicyError(
                        f"unknown kind {kind!r}", file=name, rule=group.id, field="kind"
                    )
                if strength not in _STRENGTHS:
                    raise PolicyError(
                        f"must be one of {sorted(_STRENGTHS)}",
                        file=name,
                        rule=group.id,
                        field="strength",
                    )
            payload = _Group(
                id=group.id,
                kind=kind,
                strength=strength,
                unless=_Words.parse(group.field("unless")),
                unless_prev=_Words.parse(group.field("unless_prev")),
                adult=group.field("adult") == "yes",
                also=group.field("also"),
                unless_next=_Words.parse(group.field("unless_next")),
                named=group.field("named") == "yes",
            )
            groups.append((group.terms, payload))
    # Words for a child ride along, so that finding children costs no second pass.
    groups.append(
        (tuple(child_nouns()), _Group(id="child.noun", kind="child-noun", strength="strong"))
    )
    load_anchor_lexicons()  # all lexicons load (or fail) together, on the first scan
    _first_names()  # names.toml too
    # Places that identify somebody ride along too; a numbered one is checked around its word.
    plain, keywords = place_terms()
    groups.append((tuple(plain), _Group(id="anchor.place", kind="place", strength="strong")))
    groups.append(
        (tuple(keywords), _Group(id="anchor.place", kind="place-number", strength="strong"))
    )
    return TermIndex(groups)


def free_of_terms(piece: str) -> bool:
    """Whether a whitespace-free piece of a text holds nothing ``find_sensitive`` looks for.

    ``find_sensitive`` finds nothing in a text whose pieces (``str.split``) are all free
    of terms, as long as the text has no whitespace that ``TermIndex`` does not split at
    (``sojournal.pii._scan`` checks). The policy splits every post into pieces anyway and
    remembers the frequent ones (``policy.text``): it asks this once per piece it
    remembers, and most posts then need no sensitive-term search at all. A piece whose
    lower case is longer than itself is never free (``TermIndex.find`` lowers such texts
    character by character).
    """
    low = piece.lower()
    return len(low) == len(piece) and _matcher().leads_nowhere(low)


def piece_guards(piece: str) -> list[re.Pattern[str]] | None:
    """``[]`` when ``free_of_terms(piece)``; the guards that must find something in the
    lower-cased text for a term to be there, when the piece's words lead only to phrases
    found by a guard (``TermIndex.guards_in``); None when the piece may hold a term.

    ``sojournal.pii._scan.scan_split`` searches the guards of a text's pieces, which is
    cheaper than the search for terms that they save (see ``free_of_terms`` for when a
    text's pieces speak for it).
    """
    low = piece.lower()
    if len(low) != len(piece):
        return None
    return _matcher().guards_in(low)


def numbers_free_of_terms() -> bool:
    """Whether ``free_of_terms`` holds for every number (a piece of two ASCII digits or
    more and nothing else): then a caller need not ask it of each phone or CPR digit group,
    which it cannot remember (numbers are personal data). When False, ask ``free_of_terms``.
    """
    return _matcher().numbers_lead_nowhere()


def find_sensitive(
    text: str, *, min_score: float = 0.0, addresses: Sequence[int] = ()
) -> tuple[PiiSpan, ...]:
    """Every sensitive term, scored by whether it is tied to a person; and children's matters.

    Terms tied to nobody score 0.2; ``min_score`` leaves out what scores less.
    ``addresses`` are where street addresses start (``find_addresses``): a child in the
    sentence of one lives somewhere we can find ("en lille dreng på Pilealle 22"). They
    identify children only: an address beside an illness is as often a care home's.
    """
    # Lowered once here for the index, the anchors and the checks below.
    low = text.lower()
    same = low if len(low) == len(text) else lower_same_length(text)
    found = _matcher().find(text, same)
    if not found:
        return ()  # most posts: nothing sensitive at all
    hits = [(start, end, cast(_Group, group)) for start, end, group in found]
    places = _places(text, hits)
    hits = [hit for hit in hits if not hit[2].kind.startswith("place")]
    if all(group.kind == "child-noun" for _, _, group in hits):
        return ()  # nothing sensitive, no matter: a child merely mentioned, or nothing at all
    children = [(s, e) for s, e, g in hits if g.kind in {"child-noun", "child-place"}]
    hits = [hit for hit in hits if hit[2].kind != "child-noun"]

    sentences = Sentences(text)
    # Anchors matter only in the sentences with a sensitive word: look only there.
    needed = [sentences.index(s) for s, _, g in hits if not g.kind.startswith("child-")]
    if needed:
        lo, hi = sentences.bounds(min(needed))[0], sentences.bounds(max(needed))[1]
    else:
        lo = hi = 0
    anchors = Anchors(text, lo, hi, sentences.starts, same)
    anchors.add_places(places)
    # The IGNORECASE regexes only where a letter could make their lower-case twins differ.
    odd = has_case_odd_letters(same)
    generic: list[int] = []
    if " man" in low or " one" in low or " you" in low:
        asked = _GENERIC_QUESTION.finditer(text) if odd else _GENERIC_QUESTION_LOW.finditer(same)
        generic = [m.end() for m in asked]
    if " om " in low or " if " in low or " how " in low or " hv" in low or " whether" in low:
        behalf = _ON_BEHALF.finditer(text) if odd else _ON_BEHALF_LOW.finditer(same)
        generic = sorted([*generic, *(m.end() for m in behalf)])
    pets: bool | None = None  # looked for only when a health word would count
    spans: list[PiiSpan] = []
    sensitive_hits: list[tuple[int, int]] = []  # (sentence, position)
    matter_sentences: set[int] = set()
    for start, end, group in hits:
        index = sentences.index(start)
        if group.kind.startswith("child-"):
            matter_sentences.add(index)
            continue
        lo, hi = sentences.bounds(index)
        # "Jeg har ikke søgt endnu, men hvordan søger man ...": the question is anybody's.
        for question_end in generic:
            if lo <= question_end <= start:
                lo = question_end
        if group.has_unless and group.discounted(text, same, odd, lo, start):
            score, why = 0.2, "about work or a group, not a person's own matter"
        elif _policy_area(text, same, odd, start, end):
            score, why = 0.2, "a policy area or a council body, not a person's matter"
        elif (
            group.kind == "health"
            and (pets if pets is not None else (pets := _pet_mentioned(text, low)))
            and _about_a_pet(text, lo, start, end)
        ):
            score, why = 0.2, "about an animal"
        elif group.has_unless_next and group.cancelled_by_next(text, end):
            score, why = 0.2, "the next word gives it another meaning"
        elif is_self_naming(text, lo, start, same, odd):
            score, why = 0.85, "the writer names themself"
        elif group.strength == "strong" and anchors.in_range(lo, hi):
            score, why = 0.85, "tied to a person in the same sentence"
        elif group.strength == "close" and anchors.close_to(text, lo, hi, start, end):
            score, why = 0.75, "tied to a person in the words around it"
        elif group.named and _names_someone(text, lo, hi):
            score, why = 0.75, "said of a person named in the sentence"
        elif _owned_in_next_sentence(text, same, odd, sentences, index):
            score, why = 0.75, "the writer owns it in the next sentence"
        else:
            score, why = 0.2, "no identifiable person in the sentence"
        if score >= 0.5 and not group.adult:
            sensitive_hits.append((index, start))
        if score < min_score:
            continue
        for kind in (group.kind, group.also) if group.also else (group.kind,):
            spans.append(
                span(kind=kind, start=start, end=end, score=score, explanation=f"{group.id}: {why}")
            )
    named: list[tuple[int, int]] = []
    if (sensitive_hits or matter_sentences) and (
        "vor" in text or "Vor" in text or "our " in text or "Our " in text
    ):
        named = [m.span() for m in _NAMED_CHILD.finditer(text)]
    if (sensitive_hits or matter_sentences) and " på " in text:
        named.extend(
            m.span(1) for m in _NAMED_AGED_CHILD.finditer(text) if int(m.group(2)) < ADULT_AGE
        )
    if (children or named) and (sensitive_hits or matter_sentences):
        spans.extend(
            _children(
                text,
                children,
                sentences,
                anchors,
                sensitive_hits,
                matter_sentences,
                sorted([*places, *addresses]) if addresses else places,
                named,
            )
        )
    spans.sort(key=lambda s: (s.start, s.end, KIND_ORDER[s.kind]))
    return tuple(spans)


_CAPITALISED: Final = re.compile(r"(?<!\w)[A-ZÆØÅ][a-zæøåé]+(?!\w)")


@cache
def _first_names() -> frozenset[str]:
    """The names a ``named`` group accepts, kept as data beside the other word lists."""
    return frozenset(t for g in load_lexicon("names.toml").groups for t in g.terms)


def _names_someone(text: str, lo: int, hi: int) -> bool:
    """Whether a capitalised common first name stands in ``text[lo:hi]``."""
    names = _first_names()
    return any(m.group().lower() in names for m in _CAPITALISED.finditer(text, lo, hi))


def _owned_in_next_sentence(
    text: str, same: str, odd: bool, sentences: Sentences, index: int
) -> bool:
    """Whether the sentence after this one opens with the writer owning the matter, or
    puts the writer's own person in it anywhere ("… inden min svigermor skal flytte ind").
    ``same`` is ``lower_same_length(text)``, ``odd`` whether ``has_case_odd_letters`` of it
    (then the IGNORECASE regex, else its lower-case twin in ``same``)."""
    if index + 1 >= len(sentences.starts):
        return False
    lo, hi = sentences.bounds(index + 1)
    if _OWNED_NEXT.match(text, lo, hi) is not None:
        return True
    if odd:
        return _RELATIVE_OWNS_NEXT.search(text, lo, hi) is not None
    return _RELATIVE_OWNS_NEXT_LOW.search(same, lo, hi) is not None


def _places(text: str, hits: list[tuple[int, int, _Group]]) -> list[int]:
    """Where the places that identify somebody start ("i opgangen", "nr. 9")."""
    found = []
    for start, end, group in hits:
        if group.kind == "place":
            found.append(start)
        elif group.kind == "place-number":
            at = numbered_place(text, start, end)
            if at is not None:
                found.append(at)
    return sorted(found)


def _bare_child(text: str, lo: int, start: int, end: int) -> bool:
    """A bare "Datteren", "Lillebror" opening its sentence, or one with an age ("den
    mindste på 3 år", "drengen på 8"): somebody's particular child."""
    word = text[start:end].lower()
    before = text[max(lo, start - 4) : start].lower()
    if before.endswith("den "):
        word = f"den {word}"
    if word not in _BARE_CHILD:
        return False
    if _AGE_AFTER.match(text, end) is not None:
        return True
    if _OTHERS_CHILD.match(text, end) is not None:
        return False  # "Datteren til naboen": a child of a family we cannot identify
    opening = text[lo:start].strip(" \t\n\"'(-–,.!?:").lower()
    return opening in {"", "den", "hej", "hej hej"}


def _about_child(
    ref: ChildRef,
    index: int,
    sentences: Sentences,
    anchors: Anchors,
    sensitive: list[tuple[int, int]],
) -> bool:
    """A sensitive word nearer the child than the writer: in the child's sentence, or in
    the next one when that one does not speak of the writer ("... min søn. Han har autisme").
    """
    for sentence, pos in sensitive:
        lo, hi = sentences.bounds(sentence)
        writer = anchors.writer_distance(pos, lo, hi, (ref.start, ref.end))
        if sentence == index:
            to_child = (
                0 if ref.start <= pos < ref.end else min(abs(pos - ref.start), abs(pos - ref.end))
            )
            if to_child <= writer:
                return True
        elif sentence == index + 1 and writer > hi - lo:
            return True
    return False


def _children(
    text: str,
    words: list[tuple[int, int]],
    sentences: Sentences,
    anchors: Anchors,
    sensitive: list[tuple[int, int]],
    matter: set[int],
    places: list[int],
    named: list[tuple[int, int]],
) -> list[PiiSpan]:
    spans = []
    refs = child_refs(text, words) if words else []
    # One at a time, each checked against the refs so far: "Vores Sofie på 7" is named twice
    # ("Vores Sofie", "Sofie på 7") and is one child. (Not ``refs.extend(generator)``: which
    # refs the generator sees is up to the implementation, and compiled code saw fewer.)
    for a, b in named:
        if not any(r.start <= a < r.end for r in refs):
            refs.append(ChildRef(start=a, end=b, age=None, named=True))
    # A child nobody's possessive ties to a family may still be identifiable by where
    # they live: "den lille pige på 2. sal", "børnene hos naboen i nr. 14".
    for start, end in words:
        if any(r.start <= start < r.end for r in refs):
            continue
        lo, hi = sentences.bounds(sentences.index(start))
        if any(lo <= p < hi for p in places) or _bare_child(text, lo, start, end):
            refs.append(ChildRef(start=start, end=end, age=None, named=False, place=False))
    for ref in refs:
        index = sentences.index(ref.start)
        near = range(index - _CHILD_WINDOW, index + _CHILD_WINDOW + 1)
        if ref.place:
            why = "a child's institution place of an identifiable family"
        elif _about_child(ref, index, sentences, anchors, sensitive):
            why = "a sensitive matter of an identifiable child"
        elif any(i in matter for i in near):
            why = "an identifiable child's own matter or incident"
        else:
            continue
        score = 0.85 if ref.named or ref.age is not None else 0.75
        spans.append(
            span(
                kind="child", start=ref.start, end=ref.end, score=score, explanation=f"child: {why}"
            )
        )
    return spans
