"""The engine's shortcuts give what the plain computation gives (the pieces cache, the
case-number hints, the rules' conditions as bit masks)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sojournal.models import Post
from sojournal.policy import decide, load_policy
from sojournal.policy.case_refs import find_case_refs
from sojournal.policy.engine import program
from sojournal.policy.text import _QUESTION_START, _SHOUT, analyse_hints, fold, tokenise

PIECES = st.sampled_from(
    [
        "Jeg",
        "har",
        "SØGT",
        "ENDNU EN GANG",
        "Hvornaar",
        "faar",
        "boligstoette?",
        "sagsnr.",
        "SAGS-NR:",
        "j.nr",
        "Journalnummer",
        "case",
        "#",
        "ref.",
        "2024-004512",
        "27.12.04-G01-3-24",
        "12",
        "1",
        "el-cykler",
        "😂😂",
        "ΟΔΟΣ",
        "ſag",
        "İstanbul",
        "ﬁle",
        "!!",
        "@kommunen",
        "a_1",
        "٣٤",
    ]
)
SPACES = st.sampled_from([" ", "  ", "\n", "\t", " \u00a0", "\u2028"])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(PIECES, max_size=12))
    out = draw(st.sampled_from(["", " "]))
    for w in words:
        out += w + draw(SPACES)
    return out + draw(st.text(max_size=20))


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(texts(), st.text(max_size=60)))
def test_pieces_give_the_tokens_and_features_of_the_whole_text(raw: str) -> None:
    text, digits, label, _, _, any_digit = analyse_hints(raw)
    tokens = tokenise(fold(raw))
    assert any_digit == (re.search(r"\d", raw) is not None)
    assert list(text.tokens) == tokens
    assert text.question == ("?" in tokens or bool(tokens and tokens[0] in _QUESTION_START))
    assert text.shout == (_SHOUT.search(raw) is not None)
    assert text.exclaim == ("!!" in raw) and text.mention == ("@" in raw)
    if not (digits and label):
        assert find_case_refs(raw) == ()


@pytest.mark.parametrize(
    "raw",
    [
        "Vedr. sagsnr. 2024-004512",
        "SAGS-NR: 2023/118830",
        "sags nr er 2023/118830",
        "j.nr. 27.12.04-G01-3-24",
        "journalnummer: 00.01.00-A00-12-23",
        "Case no 2024-1234",
        "reference number 12345678",
        "ref. nr 2024/118830",
    ],
)
def test_every_kind_of_case_number_label_raises_the_hints(raw: str) -> None:
    """The engine calls ``find_case_refs`` only when both hints are up: a label
    ``case_refs`` reads without a ``LABEL_HINT`` in it would be skipped."""
    _, digits, label, _, _, _ = analyse_hints(raw)
    assert find_case_refs(raw) and digits and label


def test_conditions_are_bits_of_the_names_rules_use() -> None:
    pol = load_policy()
    prog = program(pol)
    assert program(pol) is prog  # built once, kept on the policy
    bits = list(prog.bits.values())
    assert len(set(bits)) == len(bits) and all(b & (b - 1) == 0 for b in bits)
    for (rule, _), fast in zip(pol.plan, prog.steps, strict=True):
        assert fast.rule is rule
        for names, mask in (
            (rule.when, fast.when),
            (rule.unless, fast.unless),
            (rule.when_any, fast.when_any),
        ):
            assert {n for n in prog.bits if prog.bits[n] & mask} == set(names)


def test_a_replaced_policy_gets_its_own_program() -> None:
    pol = load_policy()
    program(pol)
    changed = dataclasses.replace(pol, threshold=4.0)
    assert changed.program is None
    assert program(changed).threshold == 4.0 and program(pol).threshold == pol.threshold


def test_numbers_are_not_kept_in_the_piece_cache() -> None:
    """CPR and phone numbers are personal data: tokenised for the post, then forgotten."""
    from sojournal.policy import text

    tokens = text.analyse("Mit cpr-nr er 010190-1234, ring 20304050 i dag").tokens
    assert "010190" in tokens and "20304050" in tokens
    assert "010190-1234," not in text._PIECES and "20304050" not in text._PIECES
    assert "ring" in text._PIECES


def test_numbers_are_not_kept_in_the_term_matchers_cache() -> None:
    """The term matcher remembers which terms a token may start; never for a number."""
    pol = load_policy()
    decide(
        Post(id="n", channel="facebook_comment", text="Mit cpr er 010190-1234, ring 20304050"), pol
    )
    cached = set(pol.matcher._cache)
    assert "ring" in cached
    assert not {"010190", "1234", "20304050"} & cached


def test_a_term_that_is_a_number_still_matches_numbers() -> None:
    """Numbers skip the term look-up only while no term word is a number."""
    from sojournal.policy.lexicon import TermMatcher

    plain = TermMatcher([("g", "ring")])
    assert plain.find(("ring", "112")) and not plain._digit_keys
    numeric = TermMatcher([("g", "112"), ("h", "11*"), ("k", "*12")])
    assert numeric._digit_keys
    assert [h.group for h in numeric.find(("ring", "112"))] == ["g", "h", "k"]


@pytest.mark.parametrize("raw", ["20", "2030", "٢٠", "²³", "20-30", "20?"])
def test_a_number_piece_reads_as_the_general_path_reads_it(raw: str) -> None:
    """Plain ASCII numbers take a short cut through the piece reader; same result."""
    from sojournal.policy import text

    piece = text._Piece(raw)
    tokens = text.tokenise(text.fold(raw))
    assert piece.tokens == tokens
    assert bool(piece.flags & text._DIGITS) == (re.search(r"\d\d", raw) is not None)
    assert not piece.flags & (text._CAPITALS | text._LABEL)


def _plain_flags(raw: str) -> int:
    """A piece's flags as the general path of ``_Piece`` computes them."""
    from sojournal.pii.sensitive import piece_guards
    from sojournal.policy import text

    tokens = text.tokenise(text.fold(raw))
    return (
        (text._QMARK if "?" in tokens else 0)
        | (text._DIGITS if re.search(r"\d\d", raw) else 0)
        | (text._DIGIT if re.search(r"\d", raw) else 0)
        | (text._CAPITALS if re.search("[A-ZÆØÅ]{3}", raw) else 0)
        | (text._LABEL if re.search(r"sag|nr|journal|case|ref", raw, re.IGNORECASE) else 0)
        | (text._PII_TERMS if piece_guards(raw) is None else 0)
    )


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.,:/-?+$xaS٢²", min_size=1, max_size=14))
def test_numeric_pieces_read_as_the_general_path_reads_them(raw: str) -> None:
    """Numbers and digits with marks ("2024-049377", "12,") take short cuts through the
    piece reader and ``analyse_hints`` (they are never remembered); same tokens, same flags."""
    from sojournal.policy import text

    piece = text._Piece(raw)
    assert piece.tokens == text.tokenise(text.fold(raw))
    assert piece.single == (piece.tokens[0] if len(piece.tokens) == 1 else "")
    assert piece.flags == _plain_flags(raw)
    hinted, digits, label, terms, _, any_digit = analyse_hints(raw)
    assert list(hinted.tokens) == piece.tokens
    assert (digits, label, terms, any_digit) == (
        bool(piece.flags & text._DIGITS),
        bool(piece.flags & text._LABEL),
        bool(piece.flags & text._PII_TERMS),
        bool(piece.flags & text._DIGIT),
    )


def test_numbers_are_free_of_terms_exactly_when_the_index_says_so() -> None:
    """``numbers_free_of_terms`` speaks for every number only when ``free_of_terms`` would."""
    from sojournal.pii.sensitive import free_of_terms, numbers_free_of_terms

    assert numbers_free_of_terms()
    assert all(free_of_terms(n) for n in ("00", "12", "2024", "140339", "0123456789"))


def test_the_evidence_text_is_the_analysed_text() -> None:
    from sojournal.policy.engine import gather
    from sojournal.policy.text import analyse

    policy = load_policy()
    raw = "HVOR ER MIN SAG?? @kommunen ring nu!! Hvornaar faar jeg svar"
    assert gather(raw, "facebook_comment", policy).text == analyse(raw, policy.spelling)


def test_plans_of_the_same_groups_are_shared_and_rules_tried_in_file_order() -> None:
    policy = load_policy()
    prog = program(policy)
    text = "Hvornår har genbrugspladsen åbent?"
    decide(Post(id="1", channel="facebook_comment", text=text), policy)
    assert prog.plans
    before = dict(prog.plans)
    # Other words, the same lexicon groups: the remembered plan is used, no new one made.
    decide(Post(id="2", channel="facebook_comment", text=text.upper()), policy)
    assert prog.plans == before
    assert all(prog.plans[k] is plan for k, plan in before.items())
    for plan in prog.plans.values():
        assert list(plan.todo) == sorted(set(plan.todo))
        assert set(prog.unconditional) <= set(plan.todo)
