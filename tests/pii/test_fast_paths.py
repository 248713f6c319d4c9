"""The shortcuts of the PII detectors must never drop or change a finding.

Each fast path is compared with the plain path it skips, on texts built to hit
the edges: lexicon words and their inflections, compounds, ae/oe/aa spellings,
capitals, punctuation and emoji glued to words, and characters whose lower case
is longer than themselves.
"""

from __future__ import annotations

import copy
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sojournal.pii.lexicon import TermIndex, load_lexicon
from sojournal.pii.sensitive import LEXICON_FILES, _matcher


@cache
def _vocabulary() -> list[str]:
    words: list[str] = []
    for name in (*LEXICON_FILES, "anchors.toml"):
        for group in load_lexicon(name).groups:
            for term in group.terms:
                words.extend(term.strip("=*").split())
    return sorted(set(words))


def _plain_path(index: TermIndex) -> TermIndex:
    """A copy of ``index`` that never takes the no-hit shortcut."""
    plain = copy.copy(index)
    plain._shortcut = False
    plain._plain = set()
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
    assert all(b"kr\xc3\xa6ft" not in w for w in index._plain)


def test_shortcut_off_for_stems_that_span_words() -> None:
    index = TermIndex([(["*syg dom*", "kræft"], "h")])
    assert not index._shortcut
    assert [(a, b) for a, b, _ in index.find("Han er syg dom")] == [(7, 14)]
