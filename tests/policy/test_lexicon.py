from __future__ import annotations

import pytest

from sojournal.policy.lexicon import TermError, TermMatcher, compile_term, expand_term


def groups(m: TermMatcher, text: str) -> list[str]:
    from sojournal.policy.text import analyse

    return [h.group for h in m.find(analyse(text).tokens)]


def test_stem_matches_inflected_forms() -> None:
    m = TermMatcher([("case", "ansøg*")])
    for word in ("ansøgning", "ansøgningen", "ansøgninger", "ansøgt", "ansoegningerne"):
        assert groups(m, word) == ["case"], word


@pytest.mark.parametrize(
    ("term", "words"),
    [
        ("nabo*", ("nabo", "naboen", "naboer", "naboerne", "naboens", "nabolaget")),
        ("genbo* klager", ("genboen klager", "genboerne klager")),
        ("min faktura*", ("min faktura", "min fakturaen")),
        ("ghetto*", ("ghettoer", "ghettoen")),
    ],
)
def test_a_stem_ending_in_a_or_o_matches_the_endings_folding_merges_with_it(
    term: str, words: tuple[str, ...]
) -> None:
    # "naboen" folds to "nabøn" (oe -> ø), like a text typed without a Danish keyboard
    m = TermMatcher([("g", term)])
    for word in words:
        assert groups(m, word) == ["g"], word


def test_a_stem_variant_reports_the_term_as_written() -> None:
    from sojournal.policy.text import analyse

    hits = TermMatcher([("g", "nabo*")]).find(analyse("naboerne").tokens)
    assert [(h.term, h.start, h.end) for h in hits] == [("nabo*", 0, 1)]


def test_suffix_matches_danish_compounds() -> None:
    m = TermMatcher([("benefit", "*ydelse")])
    assert groups(m, "enkeltydelse børneydelse ydelse") == ["benefit"] * 3
    assert groups(m, "ydelserne") == []


def test_gap_allows_two_words_but_never_a_negation() -> None:
    m = TermMatcher([("own", "har ... søgt")], negations=["ikke"])
    assert groups(m, "jeg har for længe siden søgt") == []  # three words between
    assert groups(m, "jeg har længe søgt") == ["own"]
    assert groups(m, "jeg har ikke søgt") == []


def test_negated_looks_two_tokens_back() -> None:
    m = TermMatcher([("c", "klage")], negations=["ikke"])
    from sojournal.policy.text import analyse

    tokens = analyse("det er ikke en klage").tokens
    hit = m.find(tokens)[0]
    assert m.negated(tokens, hit.start)
    tokens = analyse("ikke noget svar, så nu en klage").tokens
    assert not m.negated(tokens, m.find(tokens)[0].start)


@pytest.mark.parametrize("bad", ["", "...", "har ...", "... søgt", "*ansøg*"])
def test_malformed_terms_are_refused(bad: str) -> None:
    with pytest.raises(TermError):
        compile_term(bad)


def test_same_token_can_start_several_terms() -> None:
    m = TermMatcher([("a", "min ansøgning"), ("b", "min*"), ("c", "ansøgning")])
    assert sorted(groups(m, "min ansøgning")) == ["a", "b", "c"]


def test_sized_gap_allows_up_to_n_words_but_never_a_negation() -> None:
    m = TermMatcher([("own", "har ...{4} søgt")], negations=["ikke"])
    assert groups(m, "jeg har for længe siden søgt") == ["own"]  # three words between
    assert groups(m, "vi har nu for rigtig længe siden søgt") == []  # five words between
    assert groups(m, "jeg har for længe ikke søgt") == []
    assert groups(m, "har søgt") == ["own"]  # a gap may be empty


def test_bare_gap_still_means_two_words() -> None:
    bare = TermMatcher([("own", "har ... søgt")])
    two = TermMatcher([("own", "har ...{2} søgt")])
    for text in ("har søgt", "har nu søgt", "har nu igen søgt", "har nu igen i år søgt"):
        assert groups(bare, text) == groups(two, text), text
    assert groups(bare, "har nu igen i år søgt") == []


@pytest.mark.parametrize(
    "bad", ["har ...{0} søgt", "har ...{7} søgt", "har ...{x} søgt", "har ...{4}"]
)
def test_sized_gap_is_validated(bad: str) -> None:
    with pytest.raises(TermError):
        compile_term(bad)


def test_braces_stand_for_every_combination_as_if_written_out() -> None:
    written = TermMatcher([("rel", "{mor,far} {har,fik*}")])
    spelled = TermMatcher([("rel", t) for t in ("mor har", "mor fik*", "far har", "far fik*")])
    for tokens in [("far", "fik", "afslag"), ("mor", "har", "ventet"), ("mor", "fik")]:
        assert written.find(tokens) == spelled.find(tokens)
        assert written.find(tokens)
    assert written.find(("bror", "har")) == []
    assert [h.term for h in written.find(("far", "fikse"))] == ["far fik*"]


def test_a_star_outside_braces_goes_to_each_choice() -> None:
    assert expand_term("er der *{gruppe,hold}") == ("er der *gruppe", "er der *hold")
    assert expand_term("{søg,send}* om") == ("søg* om", "send* om")
    compounds = TermMatcher([("offer", "har i en *{gruppe,hold}")])
    assert [h.term for h in compounds.find(("har", "i", "en", "sorggruppe"))] == [
        "har i en *gruppe"
    ]


@pytest.mark.parametrize("term", ["{mor} har", "{mor,} har", "mor{s,t} har", "*{mor} har"])
def test_bad_braces_are_refused(term: str) -> None:
    with pytest.raises(TermError, match="brace"):
        expand_term(term)
    with pytest.raises(TermError):
        TermMatcher([("g", term)])


def test_an_expansion_too_large_to_mean_it_is_refused() -> None:
    many = "{" + ",".join(f"w{i}" for i in range(100)) + "}"
    with pytest.raises(TermError, match="more than"):
        expand_term(f"{many} {many}")
