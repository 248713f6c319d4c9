"""The shortcuts of the PII detectors must never drop or change a finding.

Each fast path is compared with the plain path it skips, on texts built to hit
the edges: lexicon words and their inflections, compounds, ae/oe/aa spellings,
capitals, punctuation and emoji glued to words, and characters whose lower case
is longer than themselves.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sojournal.models import PiiKind, PiiSpan
from sojournal.pii._scan import scan, scan_split
from sojournal.pii._span import span
from sojournal.pii.anchors import _anchor_spans, _anchor_words
from sojournal.pii.cpr import _LABEL, _LABEL_OPENINGS, _NEGATIVE, _POSITIVE, CPR_SHAPE, _labels
from sojournal.pii.cvr import _SE_NUMBER, _se_number
from sojournal.pii.lexicon import (
    _ANY,
    _GUARDED,
    TermIndex,
    _words,
    literal_trie,
    load_lexicon,
    word_start_trie,
)
from sojournal.pii.sensitive import (
    _PET,
    LEXICON_FILES,
    _matcher,
    _pet_mentioned,
    free_of_terms,
    piece_guards,
)
from sojournal.policy.text import analyse_hints


@cache
def _vocabulary() -> list[str]:
    words: list[str] = []
    for name in (*LEXICON_FILES, "anchors.toml"):
        for group in load_lexicon(name).groups:
            for term in group.terms:
                words.extend(term.strip("=*").split())
    return sorted(set(words))


@cache
def _plain_path(index: TermIndex) -> TermIndex:
    """``index`` built again so that it never takes the no-hit shortcut (the index may
    be compiled with mypyc, which neither copies nor lets tests patch it)."""
    plain = index.unscreened()
    assert not plain._shortcut and not plain._plain
    return plain


_PIECES = st.one_of(
    st.sampled_from(_vocabulary()),
    st.sampled_from(["en", "er", "ne", "erne", "et", "s", "t", "e", "kræft", "sygdom", "hund"]),
    st.sampled_from([" ", "  ", "\n", ", ", ". ", "-", "'", "!", "😢", "«", "»", "…", "İ", "ſ"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåé ÆØÅ", max_size=8),
)


@st.composite
def _texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(_PIECES, max_size=12))
    glue = draw(st.sampled_from(["", " "]))
    text = glue.join(pieces)
    return draw(st.sampled_from([text, text.upper(), text.title(), text.replace("ae", "æ")]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_texts())
def test_no_hit_shortcut_never_drops_a_term(text: str) -> None:
    index = _matcher()
    assert index.find(text) == _plain_path(index).find(text)


def test_no_hit_shortcut_is_taken_for_plain_posts() -> None:
    index = _matcher()
    text = "Hvornår har genbrugspladsen åbent i påsken?"
    assert index.find(text) == []
    assert index.find(text) == []  # the second time from the cached verdicts
    assert b"genbrugspladsen" in index._plain
    assert all(b"sygdom" not in w for w in index._plain)
    sick = "Min far har fået en hjertesygdom"
    first = index.find(sick)
    assert first and index.find(sick) == first == _plain_path(index).find(sick)
    assert index._known[b"hjertesygdom"] == _ANY  # a compound: the stem search runs


def test_numbers_are_not_kept_among_the_cached_words() -> None:
    """CPR and phone numbers are personal data: screened for the post, then forgotten."""
    index = _matcher()
    assert index.find("Ring på 20304050 eller skriv cpr 010190-1234 til os") == []
    cached = index._plain | set(index._known)
    assert b"ring" in cached
    assert not any(re.search(rb"\d\d", word) for word in cached)


def test_shortcut_off_for_stems_that_span_words() -> None:
    index = TermIndex([(["*syg dom*", "kræft"], "h")])
    assert not index._shortcut
    assert [(a, b) for a, b, _ in index.find("Han er syg dom")] == [(7, 14)]


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(sorted(get_args(PiiKind))),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0.0, max_value=1.0),
    st.text(max_size=30),
)
def test_trusted_span_equals_validated(
    kind: str, start: int, end: int, score: float, why: str
) -> None:
    made = span(kind=kind, start=start, end=end, score=score, explanation=why)
    checked = PiiSpan(kind=kind, start=start, end=end, score=score, explanation=why)  # type: ignore[arg-type]
    assert made == checked
    assert repr(made) == repr(checked)
    assert hash(made) == hash(checked)
    assert made.model_dump() == checked.model_dump()
    assert made.model_dump_json() == checked.model_dump_json()
    assert made.model_fields_set == checked.model_fields_set
    assert PiiSpan.model_validate(made.model_dump()) == made


@pytest.mark.parametrize(
    "values",
    [
        {"kind": "nonsense", "start": 0, "end": 1, "score": 0.5},
        {"kind": "cpr", "start": -1, "end": 1, "score": 0.5},
        {"kind": "cpr", "start": 0, "end": 1, "score": 1.5},
    ],
)
def test_trusted_span_still_rejects_what_validation_rejects(values: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        span(**values, explanation="")


def test_trusted_span_is_frozen() -> None:
    made = span(kind="cpr", start=0, end=1, score=0.5, explanation="")
    with pytest.raises(ValidationError):
        made.start = 3  # type: ignore[misc]


_OLD_CPR_SHAPE = re.compile(
    r"(?<![\d])(?<!\d[.,])"
    r"(?P<date>\d\d(?P<dsep>[ .]?)\d\d(?P=dsep)\d\d)"
    r"[ \t\u00a0]*(?P<hyphen>[-\u2010\u2011\u2013\u2212/][ \t\u00a0]*)?(?:\r?\n[ \t\u00a0]*)?"
    r"(?P<seq>\d{4})"
    r"(?![\d])(?![.,]\d)"
)


def _matches(rx: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> list[Any]:
    end = len(text) if endpos is None else endpos
    return [(m.span(), m.groupdict()) for m in rx.finditer(text, pos, end)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 .,-/\n\u2013\u00a0x٣", max_size=40), st.integers(0, 5))
def test_cpr_shape_opening_with_a_digit_matches_as_before(text: str, pos: int) -> None:
    assert _matches(CPR_SHAPE, text) == _matches(_OLD_CPR_SHAPE, text)
    assert _matches(CPR_SHAPE, text, pos) == _matches(_OLD_CPR_SHAPE, text, pos)
    assert bool(CPR_SHAPE.fullmatch(text)) == bool(_OLD_CPR_SHAPE.fullmatch(text))


@settings(max_examples=500, deadline=None)
@given(
    st.sets(st.text(alphabet="abiknvyæ_1", min_size=1, max_size=4), min_size=1, max_size=5),
    st.text(alphabet="abiknvyæ_1 -.\n", max_size=30),
    st.integers(0, 6),
    st.integers(0, 30),
)
def test_word_start_trie_matches_as_a_look_behind_first(
    words: set[str], text: str, pos: int, endpos: int
) -> None:
    new = re.compile(word_start_trie(words) + r"(?!\w)")
    old = re.compile(r"(?<!\w)(?:" + literal_trie(words) + r")(?!\w)")
    assert _matches(new, text) == _matches(old, text)
    assert _matches(new, text, pos, endpos) == _matches(old, text, pos, endpos)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *("hund", "Hunden", "KAT", "katte", "dyret", "Hest", "kaniner", "marsvin"),
                *("undulat", "dog", "CAT", "pet", "ı", "ſ", "İ", "K", "kanİn", "heſt", "Ka"),
                *("t", " ", ".", "s", "skat", "stoppet", "_", "1", "dyrt"),
            ]
        ),
        max_size=8,
    ),
    st.sampled_from(["", " "]),
)
def test_pet_prefilter_never_misses_an_animal(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    assert _pet_mentioned(text, text.lower()) == (_PET.search(text) is not None)


_ODD_SPACE = st.sampled_from(["\x1c", "\x1f", "\u1680", "\u3000", "\xa0", "\u2003", "\x85", "\t"])


@st.composite
def _spaced_texts(draw: st.DrawFn) -> str:
    """Texts as above, some joined by whitespace ``TermIndex`` does or does not split at."""
    pieces = draw(st.lists(st.one_of(_PIECES, _ODD_SPACE), max_size=12))
    glue = draw(st.one_of(st.just(" "), st.just(""), _ODD_SPACE))
    return glue.join(pieces)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_texts(), _spaced_texts()))
def test_scan_split_finds_what_scan_finds(text: str) -> None:
    """``decide`` tells ``scan_split`` whether any piece may hold a term (the policy asks
    ``free_of_terms`` of each piece it splits off): the spans must be ``scan``'s."""
    possible = not all(free_of_terms(piece) for piece in text.split())
    assert scan_split(text, possible) == scan(text)


def test_free_of_terms_tells_plain_pieces_from_sensitive_ones() -> None:
    assert free_of_terms("genbrugspladsen") and free_of_terms("åbent?")
    assert not free_of_terms("sygemeldt") and not free_of_terms("kraeft,")
    assert not free_of_terms("İstanbul")  # a longer lower case: never free


def test_numbers_skip_the_screen_only_while_no_term_is_a_number() -> None:
    """A number leads nowhere unless a listed form, key or stem is a number too."""
    assert _matcher()._numbers_lead_nowhere
    numeric = TermIndex([(["112", "kræft"], "h")])
    assert not numeric._numbers_lead_nowhere and not numeric.numbers_lead_nowhere()
    assert _matcher().numbers_lead_nowhere() and not _matcher().unscreened().numbers_lead_nowhere()
    assert [(a, b) for a, b, _ in numeric.find("ring 112 nu")] == [(5, 8)]


_ADDRESS_TEXT = st.text(
    alphabet="0123456789 \u00a0\t\n.,-aBcÆøMøllevej²_", max_size=40
) | st.from_regex(r"[A-Z][a-zø]+vej [1-9]\d{0,2}[, ]+[1-9]\d{3} [A-ZÆØ][a-zæø]+", fullmatch=True)


@settings(max_examples=500, deadline=None)
@given(_ADDRESS_TEXT)
def test_the_address_regexes_that_open_with_a_digit_find_what_the_plain_ones_find(
    text: str,
) -> None:
    """The address detector's regexes open with the digit and look behind it (so the regex
    engine skips to digits): same matches as the look-behind before the digit."""
    from sojournal.pii import address

    name = address._NAME
    plain_town = re.compile(
        rf"(?<![\w.,-])(?P<code>[1-9]\d{{3}})\s+(?P<town>{name}(?:[ -](?:{name}|[NSØVC]\b))?)"
    )
    towns = [(m.span(), m.groupdict()) for m in address._POSTCODE_TOWN.finditer(text)]
    assert towns == [(m.span(), m.groupdict()) for m in plain_town.finditer(text)]
    # Spaces before a digit: those after a letter (all that ``_street_matches`` looks at).
    gaps = [m.start() - 1 for m in address._NUMBER_AFTER_SPACE.finditer(text)]
    plain = [m.start() for m in re.finditer(r"[ \u00a0](?=[1-9])", text)]
    assert set(gaps) <= set(plain)
    assert [g for g in gaps if text[g - 1 : g].isalpha()] == [
        g for g in plain if text[g - 1 : g].isalpha()
    ]
    if address._POSTCODE_QUICK.search(text) is None:
        assert not towns


_STREET_WORDS = (
    "Møllevej", "vej", "Kongens", "Vænge", "H.C.", "Andersens", "Boulevard", "på", "Vi",
    "Lille", "Havnegade", "x-møllevej", "ALLÉ", "Torv", "ſtraede", "İvej", "(Birkevej", "12",
    "5", "4B", "8000", "Aarhus", "2.", "tv", "th,", "st.", "gange", "dage", "KR", "-", "99",
)  # fmt: skip
_STREET_GLUE = st.sampled_from([" ", " ", " ", "", "  ", "\u00a0", "-", ", ", "\n"])


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(_STREET_WORDS), _STREET_GLUE), max_size=12))
def test_street_matches_find_what_the_search_from_sixty_back_finds(
    pieces: list[tuple[str, str]],
) -> None:
    """``_street_matches`` tries ``_ADDRESS`` only where a street ending at the space may
    start (``_street_starts``), and ``_street_ok`` asks a lower-case twin of ``_UNIT_AFTER``:
    the same matches and verdicts as searching from sixty characters back with the
    original."""
    from sojournal.pii import address

    text = "".join(word + glue for word, glue in pieces)
    plain: list[re.Match[str]] = []
    for digit in address._NUMBER_AFTER_SPACE.finditer(text):
        at = digit.start() - 1
        if not text[at - 1 : at].isalpha() or not address._ends_like_street(
            text[max(0, at - 12) : at].lower()
        ):
            continue
        lo = max(0, at - 60, plain[-1].end() if plain else 0)
        m = address._ADDRESS.search(text, lo, min(len(text), at + 40))
        if m is not None and m.start() <= at < m.end():
            plain.append(m)
    fast = address._street_matches(text)
    assert [(m.span(), m.groupdict()) for m in fast] == [(m.span(), m.groupdict()) for m in plain]
    for m in fast:
        unit = address._UNIT_AFTER.match(text, m.end()) is not None
        assert address._unit_after(text, m.end()) == unit


@cache
def _phrases() -> list[str]:
    """The lexicons' terms of more than one word, as a text may spell them."""
    phrases = []
    for name in LEXICON_FILES:
        for group in load_lexicon(name).groups:
            phrases.extend(t.strip("=*") for t in group.terms if " " in t.strip())
    for group in load_lexicon("child.toml").groups:
        phrases.extend(t.strip("=*") for t in group.terms if " " in t.strip())
    return sorted(set(phrases))


# What may stand between, before or after a phrase's words: the spaces and marks the
# regexes and the word splitter treat differently (\u3000 and \x1c are spaces to the
# regex, not to the splitter; "_" and "$" are no word boundary to one of them).
_GLUE = st.sampled_from([" ", "  ", "-", " - ", "\u3000", "\x1c", "\n", "_", "$", "", ", "])


@st.composite
def _phrase_texts(draw: st.DrawFn) -> str:
    """Texts of whole phrases (their words glued this way or that), their words alone,
    common words, inflections and odd case-folding letters."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.integers(0, 3))
        if kind == 0:
            words = draw(st.sampled_from(_phrases())).split()
            parts.append(draw(_GLUE).join(words) if draw(st.booleans()) else " ".join(words))
        elif kind == 1:
            parts.append(draw(st.sampled_from(draw(st.sampled_from(_phrases())).split())))
        elif kind == 2:
            parts.append(draw(st.sampled_from(["ikke", "kan", "gået", "hentet", "skolerne", "ny"])))
        else:
            parts.append(draw(st.sampled_from(["erne", "et", "en", "ſ", "ı", "İ", "K", "æ", "ae"])))
    text = "".join(part + draw(_GLUE) for part in parts)
    return draw(st.sampled_from([text, text.upper(), text.title(), text.replace("ae", "æ")]))


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_phrase_texts())
def test_guarded_words_never_drop_a_phrase(text: str) -> None:
    """A word that only leads to phrases' keys lets ``find`` stop when no guard of theirs
    (another word of each phrase) is in the text: never when the plain path finds one."""
    from sojournal.pii.anchors import _child_words

    for index in (_matcher(), _child_words()):  # the second built with inflect=False
        assert index.find(text) == _plain_path(index).find(text)


def test_guarded_words_let_plain_posts_skip_the_search() -> None:
    """A form of a phrase's key ("gået" of "kan ikke gå", "hentet" of "hentet sent") with no
    other word of its phrases: the text needs no search (and has no hit)."""
    index = _matcher()
    for text, other in (
        ("Godt gået med den nye cykelsti", "Jeg kan ikke gå"),
        ("Skraldet er ikke hentet på Møllevej igen", "Barnet blev hentet sent igen"),
    ):
        words = _words(text.lower())
        assert index._screen(words) == _GUARDED and not index._guard_found(words, text.lower())
        assert index.find(text) == [] == _plain_path(index).find(text)
        assert index.find(other) == _plain_path(index).find(other) != []


def _close_to_as_written(anchors: Any, text: str, lo: int, hi: int, start: int, end: int) -> bool:
    """``Anchors.close_to`` without its quick answer (the words counted every time)."""
    from bisect import bisect_right

    from sojournal.pii.anchors import _WORD, CLOSE_AFTER, CLOSE_BEFORE, CLOSE_PLURAL

    before = [m.start() for m in _WORD.finditer(text, max(lo, start - 60), start)]
    after = [m.end() for m in _WORD.finditer(text, end, min(hi, end + 30))]
    first = before[-CLOSE_BEFORE] if len(before) >= CLOSE_BEFORE else max(lo, start - 60)
    last = after[CLOSE_AFTER - 1] if len(after) >= CLOSE_AFTER else min(hi, end + 30)
    near = before[-CLOSE_PLURAL] if len(before) >= CLOSE_PLURAL else first
    positions = anchors.positions
    i = bisect_right(positions, first - 1)
    while i < len(positions) and positions[i] < last:
        if positions[i] not in anchors.plural or positions[i] >= near:
            return True
        i += 1
    return False


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "jeg",
                "vi",
                "min",
                "mor",
                "har",
                "ventet",
                "på",
                "jobcentret",
                "og",
                "hun",
                "vores",
                "kommunen",
                ",",
                ".",
            ]
        ),
        max_size=30,
    ),
    st.data(),
)
def test_close_to_answers_as_when_it_counts_every_word(
    words: list[str], data: st.DataObject
) -> None:
    """``close_to`` says no at once when no anchor is within reach; what counting says."""
    from sojournal.pii.anchors import Anchors

    text = " ".join(words)
    anchors = Anchors(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    lo = data.draw(st.integers(0, start))
    hi = data.draw(st.integers(end, len(text)))
    assert anchors.close_to(text, lo, hi, start, end) == _close_to_as_written(
        anchors, text, lo, hi, start, end
    )


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_texts(), _spaced_texts(), _phrase_texts()))
def test_scan_split_with_the_pieces_guards_finds_what_scan_finds(text: str) -> None:
    """``decide`` passes the guards of pieces whose words lead only to guarded phrases
    (``piece_guards``) instead of sending the post to the term search: the spans must
    still be ``scan``'s, whether the guards find something or not."""
    answers = [piece_guards(piece) for piece in text.split()]
    possible = any(answer is None for answer in answers)
    guards = [guard for answer in answers if answer for guard in answer]
    assert scan_split(text, possible, guards) == scan(text)
    _, _, _, hinted_possible, hinted_guards, hinted_digit = analyse_hints(text)
    assert scan_split(text, hinted_possible, hinted_guards) == scan(text)
    assert scan_split(text, hinted_possible, hinted_guards, hinted_digit) == scan(text)


def test_piece_guards_stand_for_common_words_that_key_a_phrase() -> None:
    """ "hentet" keys "hentet sent" and "gået" "kan ikke gå": guards, not a term search."""
    assert piece_guards("genbrugspladsen") == [] and piece_guards("åbent?") == []
    assert piece_guards("hentet") and piece_guards("gået")
    assert piece_guards("sygemeldt") is None and piece_guards("İstanbul") is None
    text = "Skraldet er ikke hentet på Møllevej igen"
    assert not analyse_hints(text)[3] and analyse_hints(text)[4]
    assert scan_split(text, False, analyse_hints(text)[4]) == scan(text) == ()
    late = "Barnet blev hentet ſent igen"  # a letter regexes take for another: searched
    assert scan_split(late, False, analyse_hints(late)[4]) == scan(late)


_ANCHOR_PIECES = st.one_of(
    st.sampled_from(["jeg", "Jeg", "I", "i", "I'm", "i've", "min", "mine", "mor", "Mr", "mrs"]),
    st.sampled_from(["han", "hans", "vores", "we", "my", "naboen", "x", "_", "1", "é", "İ"]),
    st.sampled_from(
        [" ", "  ", "\n", ", ", ". ", "-", "'", "''", "!", "😢", "«", "×", "’", "\x1c"]
    ),
    st.text(alphabet="abcdeijmnors' _.,?«\u00a0", max_size=6),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ANCHOR_PIECES, max_size=12), st.sampled_from(["", " ", "'"]), st.data())
def test_anchor_words_are_found_where_their_regex_finds_them(
    pieces: list[str], glue: str, data: st.DataObject
) -> None:
    lexicon = _anchor_words()
    low = glue.join(pieces).lower()
    lo = data.draw(st.integers(0, len(low)))
    hi = data.draw(st.integers(lo, len(low)))
    expected = [m.span() for m in lexicon.regex.finditer(low, lo, hi)]
    assert _anchor_spans(low, lo, hi, lexicon.lowered, lexicon.regex) == expected


def test_the_spaces_str_split_splits_at_and_the_index_does_not_are_looked_for_one_by_one() -> None:
    # ``scan_split`` asks six ``in`` tests instead of searching ``_UNSPLIT_SPACE``.
    from sojournal.pii._scan import _UNSPLIT_SPACE, _has_unsplit_space

    for c in range(0x110000):
        ch = chr(c)
        assert _has_unsplit_space(f"ab{ch}c") == (_UNSPLIT_SPACE.search(f"ab{ch}c") is not None)
    assert not _has_unsplit_space("Hvornår åbner genbrugspladsen? 🙂")


_OLD_NAMED_AGED_CHILD = re.compile(
    r"(?<=[\w,] )([A-ZÆØÅ][a-zæøåé]+)\s+på\s+(\d{1,2})(?!\d|[.,:/]\d|\.\s*sal)"
    r"(?!\s*(?:timer|minutter|min|dage|uger|måneder|mdr|km|kr|meter|m|sal|sider|point)(?!\w))"
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Mads", "Ida", "på", "11", "3", ",", " ", "  ", "x", "Å", "sal", ".", "\n"]
        ),
        max_size=14,
    ),
    st.integers(0, 6),
)
def test_named_aged_child_opening_with_the_capital_matches_as_before(
    pieces: list[str], pos: int
) -> None:
    from sojournal.pii.sensitive import _NAMED_AGED_CHILD

    text = "".join(pieces)
    assert _matches(_NAMED_AGED_CHILD, text) == _matches(_OLD_NAMED_AGED_CHILD, text)
    assert _matches(_NAMED_AGED_CHILD, text, pos) == _matches(_OLD_NAMED_AGED_CHILD, text, pos)


_NUMBER_PIECES = st.one_of(
    st.sampled_from(["23 45 67 81", "211062-5629", "+45", "Møllevej 12", "8000 Aarhus", "cvr"]),
    st.text(alphabet="0123456789٢²-+./ æ", max_size=10),
    _PIECES,
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_NUMBER_PIECES, max_size=8).map(" ".join))
def test_scan_split_told_whether_there_is_a_digit_finds_what_scan_finds(text: str) -> None:
    """``decide`` tells ``scan_split`` whether a piece holds a digit (``\\d``, Unicode
    digits too): told so, it does not search the text for one, and must find what
    ``scan`` finds."""
    hints = analyse_hints(text)
    assert hints[5] == (re.search(r"\d", text) is not None)
    assert scan_split(text, hints[3], hints[4], hints[5]) == scan(text)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="sSeEnNſK .-\t\n_1øx\u00a0", max_size=16))
def test_se_label_found_in_lower_case_as_by_the_ignorecase_regex(text: str) -> None:
    low = text.lower()
    assert _se_number(low) == (_SE_NUMBER.search(low) is not None)


def test_every_label_opens_with_a_letter_the_label_regex_looks_ahead_for() -> None:
    """``cpr._LABEL`` looks ahead for ``_LABEL_OPENINGS`` before trying its branches: that
    drops no match only while every branch opens with one of them (as a plain letter)."""
    for source in (_POSITIVE, _NEGATIVE):
        (op, av), *rest = re._parser.parse(source)  # type: ignore[attr-defined]
        assert op is re._constants.BRANCH and not rest  # type: ignore[attr-defined]
        for branch in av[1]:
            first_op, first = branch[0]
            assert first_op is re._constants.LITERAL  # type: ignore[attr-defined]
            assert chr(first) in _LABEL_OPENINGS


_OLD_LABEL = re.compile(_LABEL.pattern.replace(f"(?=[{_LABEL_OPENINGS}])", "", 1), _LABEL.flags)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "cpr",
                "CPR",
                "nr",
                "Ordre",
                "kunde",
                "ſe",
                "SE-nr",
                "f.",
                "født",
                "ab",
                "İD",
                "ıd",
                "Kunde",
            ]
        ),
        max_size=6,
    ),
    st.text(alphabet="aKſ .:-_1x\n", max_size=8),
)
def test_label_regex_finds_what_it_did_without_the_look_ahead(words: list[str], glue: str) -> None:
    text = glue.join(words)
    assert _matches(_LABEL, text) == _matches(_OLD_LABEL, text)
    # ``cpr._labels`` asks the lower-case twin where it finds the same labels.
    labels = [(m.span(), m.lastgroup) for m in _labels(text)]
    assert labels == [(m.span(), m.lastgroup) for m in _LABEL.finditer(text)]


_RUN_WORDS = (
    "cvr ", "CVR-nr. ", "se nr ", "+45", "0045", "(+45)", "00 45", "cpr ", "tlf ",
    "Møllevej ", " 8000 Aarhus", "5629", "21", "10", "62", "12", "\u00a0", "\n",
)  # fmt: skip
_RUN_PIECES = st.one_of(
    st.sampled_from(_RUN_WORDS),
    st.text(alphabet="0123456789²٢ -./,x", max_size=6),
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_RUN_PIECES, max_size=12).map("".join))
def test_detectors_the_digit_runs_rule_out_find_nothing(text: str) -> None:
    """``_scan`` asks no detector its digit runs rule out: each would find nothing."""
    from sojournal.pii._scan import _cpr_possible, _digit_runs, _eight_digits_possible
    from sojournal.pii.address import find_addresses
    from sojournal.pii.cpr import find_cpr
    from sojournal.pii.cvr import find_cvr
    from sojournal.pii.phone import find_phones

    runs = _digit_runs(text)
    if runs is None:
        assert not text.isascii()
        return
    assert runs == [len(m.group()) for m in re.finditer(r"\d+", text)]
    phone, cvr = _eight_digits_possible(runs, "+" in text)
    if not _cpr_possible(runs):
        assert find_cpr(text) == ()
    if not phone:
        assert find_phones(text) == ()
    if not cvr:
        assert find_cvr(text) == ()
    if 4 not in runs:
        assert find_addresses(text, postcodes=False) == find_addresses(text)
