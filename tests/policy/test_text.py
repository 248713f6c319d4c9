from __future__ import annotations

import pytest

from sojournal.policy.text import analyse, fold, token_spans, tokenise


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Ansøgning", "ansøgning"),
        ("ansoegning", "ansøgning"),
        ("Boligstoette", "boligstøtte"),
        ("Hvornaar", "hvornår"),
        ("traekker", "trækker"),
        ("Söknad för", "søknad før"),  # Swedish keyboard
        ("don’t", "don't"),
    ],
)
def test_fold_maps_alternative_spellings_to_one_form(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_tokens_keep_punctuation_and_emoji_apart() -> None:
    assert tokenise(fold("Hvad nu?? 🤡")) == ["hvad", "nu", "?", "?", "🤡"]


def test_token_spans_point_into_the_original_text_even_after_folding() -> None:
    raw = "Hvornaar faar jeg svar?"
    tokens = analyse(raw).tokens
    spans = token_spans(raw)
    assert len(spans) == len(tokens)
    assert raw[slice(*spans[0])] == "Hvornaar"
    assert tokens[0] == "hvornår"


@pytest.mark.parametrize(
    ("raw", "question"),
    [
        ("Hvornår har I åbent", True),
        ("Kan man få tilskud", True),
        ("Det er for ringe.", False),
        ("skraldet er ikke hentet?", True),
    ],
)
def test_question_form(raw: str, question: bool) -> None:
    assert analyse(raw).question is question


@pytest.mark.parametrize(
    ("raw", "shout"),
    [
        ("ENDNU EN GANG er skraldet ikke hentet", True),
        ("HVEM GIDER LÆSE DET", True),
        ("Min søn er i SFO og venter på PPR", False),
        ("skolen gør INTET", False),
    ],
)
def test_shouting_needs_two_words_in_capitals(raw: str, shout: bool) -> None:
    assert analyse(raw).shout is shout


def test_known_misspellings_are_corrected_per_token() -> None:
    t = analyse("min ansøgnig er ik kommet", {"ansøgnig": "ansøgning", "ik": "ikke"})
    assert t.tokens == ("min", "ansøgning", "er", "ikke", "kommet")
