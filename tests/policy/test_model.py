"""The word model: its maths, how the engine uses it, how a rules file names it."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sojournal.errors import PolicyError
from sojournal.models import Post
from sojournal.policy import decide, explain, load_policy
from sojournal.policy.engine import (
    DELETE_MODEL_RULE,
    MODEL_DECIDED_RULE,
    MODEL_DOUBT_RULE,
    MODEL_DOUBTED_RULE,
    MODEL_RULE,
    MODEL_SETTLED_RULE,
)
from sojournal.policy.model import TextModel, model_words, read_model

ROOT = Path(__file__).resolve().parents[2]

RULES = """
[policy]
version = "t-1"
{model}

[lexicons]
insult = ["idiot*"]
case_noun = ["ansøgning"]
weak_noun = ["skuret"]
hint_noun = ["vores"]
thanks = ["tak"]
how_question = ["kan man"]
person_word = ["mine", "jeg"]

[[rule]]
id = "case.weak"
lexicon = "weak_noun"
category = "case"
weight = 0.6
reason_en = "Maybe a matter."
reason_da = "Måske en sag."

[[rule]]
id = "case.hint"
lexicon = "hint_noun"
category = "case"
weight = 0.3
reason_en = "A hint of an own matter."
reason_da = "Et tegn på en egen sag."

[[rule]]
id = "general.thanks"
lexicon = "thanks"
category = "general"
weight = 0.5
reason_en = "Thanks."
reason_da = "Tak."

[[rule]]
id = "general.how"
lexicon = "how_question"
category = "case"
weight = -0.5
reason_en = "A general question."
reason_da = "Et generelt spørgsmål."

[[rule]]
id = "case.named"
lexicon = "case_noun"
category = "case"
weight = 1.0
reason_en = "A matter."
reason_da = "En sag."

[[rule]]
id = "offensive.insult"
lexicon = "insult"
category = "offensive"
weight = 1.0
reason_en = "An insult."
reason_da = "En fornærmelse."
"""


def _model_doc(terms: dict[str, list[float]], intercept: float = -1.0) -> dict[str, Any]:
    return {"format": 1, "intercept": intercept, "terms": terms, "trained_on": {"posts": 2}}


def _policy(tmp_path: Path, model: str = "", doc: dict[str, Any] | None = None) -> Path:
    if doc is not None:
        (tmp_path / "m.json").write_text(json.dumps(doc), encoding="utf-8")
    path = tmp_path / "rules.toml"
    path.write_text(RULES.replace("{model}", model), encoding="utf-8")
    return path


def test_probability_is_sublinear_tfidf_l2_then_sigmoid() -> None:
    m = TextModel(
        name="t", intercept=-0.5, threshold=0.5, terms={"kælder": (2.0, 1.5), "vand": (1.0, -0.4)}
    )
    tokens = ("min", "kælder", "kælder", "har", "vand", "!")
    a, b = (1 + math.log(2)) * 2.0, 1.0  # words outside the model are not counted at all
    z = -0.5 + (a * 1.5 + b * -0.4) / math.hypot(a, b)
    assert m.probability(tokens) == pytest.approx(1 / (1 + math.exp(-z)))
    assert m.probability(("intet", "kendt")) == pytest.approx(1 / (1 + math.exp(0.5)))
    assert m.strongest(tokens) == ("kælder",)  # "vand" pulls the other way


_VOCABULARY = ("kælder", "vand", "skat", "bus", "min", "!")


@given(
    st.lists(st.sampled_from(_VOCABULARY), max_size=12),
    st.dictionaries(
        st.sampled_from(_VOCABULARY[:4]),
        st.tuples(st.floats(0.01, 10.0), st.floats(-5.0, 5.0)),
    ),
    st.floats(-3.0, 3.0),
)
def test_probability_is_exactly_the_weights_formula(
    tokens: list[str], terms: dict[str, tuple[float, float]], intercept: float
) -> None:
    """``probability`` sums in one pass what ``_weights`` gives, bit for bit."""
    m = TextModel(name="t", intercept=intercept, threshold=0.5, terms=terms)
    z = intercept
    weights = m._weights(tokens)
    if weights:
        squares = dot = 0.0
        for word, v in weights.items():
            squares += v * v
            dot += v * terms[word][1]
        z += dot / math.sqrt(squares)
    assert m.probability(tokens) == 1.0 / (1.0 + math.exp(-z))


def test_words_sharing_one_tuple_are_still_two_words() -> None:
    """``probability`` tells a repeated word by its (idf, coefficient) tuple being the same
    object: two words sharing one tuple take the counting path, with the same result."""
    pair = (1.5, 2.0)
    shared = TextModel(name="t", intercept=-1.0, threshold=0.5, terms={"vand": pair, "bus": pair})
    apart = TextModel(
        name="t", intercept=-1.0, threshold=0.5, terms={"vand": (1.5, 2.0), "bus": (1.5, 2.0)}
    )
    for tokens in (("vand", "bus"), ("bus", "vand", "bus"), ("vand",), ("skat",)):
        assert shared.probability(tokens) == apart.probability(tokens)


def test_the_model_reads_words_of_two_letters_or_more() -> None:
    assert model_words(("i", "går", "?", "2", "24", "😡", "_x")) == ["går", "24", "_x"]


def test_a_confident_model_journalises_for_review_what_no_rule_did(tmp_path: Path) -> None:
    doc = _model_doc({"kælderen": [1.0, 4.0]})
    policy = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_threshold = 0.8', doc))
    d = decide(Post(id="1", channel="facebook_comment", text="Kælderen står under vand"), policy)
    # No own-matter evidence at all: a complaint, which is not deleted for being one.
    assert (d.journalise, d.review, d.category, d.remove) == (True, True, "complaint", None)
    assert d.confidence == 0.5 and MODEL_RULE in {r.rule for r in d.reasons}
    # Some own-matter evidence, too little for the rules: a case, deleted like any public one.
    own = Post(id="4", channel="facebook_comment", text="Vores kælderen står under vand")
    d4 = decide(own, policy)
    assert (d4.journalise, d4.review, d4.category, d4.remove) == (True, True, "case", "delete")
    # Below the threshold (sigmoid(-1) = 0.27), and without a model: the rules alone.
    assert not decide(Post(id="2", channel="messenger", text="Hvad koster det?"), policy).journalise
    bare = load_policy(_policy(tmp_path))
    d2 = decide(Post(id="3", channel="facebook_comment", text="Kælderen står under vand"), bare)
    assert not d2.journalise and MODEL_RULE not in {r.rule for r in d2.reasons}


def test_the_model_never_overrides_the_rules_journalisation(tmp_path: Path) -> None:
    doc = _model_doc({"ansøgning": [1.0, -9.0]})
    policy = load_policy(_policy(tmp_path, 'model = "m.json"', doc))
    d = decide(Post(id="1", channel="facebook_comment", text="min ansøgning"), policy)
    assert d.journalise and not d.review and MODEL_RULE not in {r.rule for r in d.reasons}


def test_the_model_overrules_the_review_bands_lean_only_when_sure_of_no_record(
    tmp_path: Path,
) -> None:
    """Weak evidence leans to journalising; a model sure there is no record proposes the
    rules' own reading instead, still for a person to confirm, and says which words."""
    doc = _model_doc({"skuret": [1.0, 2.0], "maling": [1.0, -9.0]})
    setting = 'model = "m.json"\nmodel_review_below = 0.2'
    policy = load_policy(_policy(tmp_path, setting, doc))
    doubted = Post(id="1", channel="facebook_comment", text="Skuret trænger til maling")
    d = decide(doubted, policy)
    assert (d.journalise, d.review, d.category) == (False, True, "general")
    assert MODEL_DOUBT_RULE in {r.rule for r in d.reasons} and d.remove is None
    assert "words that weighed most: maling" in explain(doubted, policy).render()
    # Not sure enough (sigmoid(-1 + 2) = 0.73): the lean stands.
    leaned = decide(Post(id="2", channel="facebook_comment", text="Skuret"), policy)
    assert (leaned.journalise, leaned.review) == (True, True)
    # Without the setting the model never touches the review band.
    bare = load_policy(_policy(tmp_path, 'model = "m.json"', doc))
    assert decide(doubted, bare).journalise


def test_a_model_as_sure_as_the_lean_settles_the_review_band(tmp_path: Path) -> None:
    doc = _model_doc({"skuret": [1.0, 2.0]})  # sigmoid(-1 + 2) = 0.73
    post = Post(id="1", channel="facebook_comment", text="Skuret")
    leaned = decide(post, load_policy(_policy(tmp_path, 'model = "m.json"', doc)))
    assert (leaned.journalise, leaned.review) == (True, True)
    settles = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_settles_above = 0.7', doc))
    d = decide(post, settles)
    assert (d.journalise, d.review, d.confidence) == (True, False, 0.7)
    assert MODEL_SETTLED_RULE in {r.rule for r in d.reasons}
    assert "words that weighed most: skuret" in explain(post, settles).render()
    surer = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_settles_above = 0.8', doc))
    assert decide(post, surer).review


def test_a_rule_against_journalising_raises_the_models_bar(tmp_path: Path) -> None:
    doc = _model_doc({"kælderen": [1.0, 4.0]})  # sigmoid(-1 + 4) = 0.95
    post = Post(id="1", channel="facebook_comment", text="Tak, men kælderen er stadig fuld")
    unasked = load_policy(_policy(tmp_path, 'model = "m.json"', doc))
    assert not decide(post, unasked).journalise  # thanks: not asked by default
    asked = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_threshold_against = 0.9', doc))
    d = decide(post, asked)
    assert (d.journalise, d.review) == (True, True) and MODEL_RULE in {r.rule for r in d.reasons}
    surer = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_threshold_against = 0.99', doc))
    assert not decide(post, surer).journalise
    # A rule that found no own matter in so many words (a rule question) is never overruled.
    question = Post(id="2", channel="facebook_comment", text="Kan man få kælderen tømt")
    assert not decide(question, asked).journalise


def test_a_model_sure_enough_alone_journalises_without_review(tmp_path: Path) -> None:
    doc = _model_doc({"kælderen": [1.0, 4.0]})  # sigmoid(-1 + 4) = 0.95
    post = Post(id="1", channel="messenger", text="kælderen står under vand igen")
    asked = load_policy(_policy(tmp_path, 'model = "m.json"', doc))
    assert (decide(post, asked).journalise, decide(post, asked).review) == (True, True)
    sure = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_decides_above = 0.9', doc))
    d = decide(post, sure)
    assert (d.journalise, d.review, d.confidence) == (True, False, 0.7)
    assert MODEL_DECIDED_RULE in {r.rule for r in d.reasons}
    assert "words that weighed most: kælderen" in explain(post, sure).render()
    # Not as sure as the setting asks: a person still confirms.
    surer = load_policy(_policy(tmp_path, 'model = "m.json"\nmodel_decides_above = 0.96', doc))
    assert decide(post, surer).review
    # A rule spoke against it (thanks): conflicting evidence is always reviewed.
    both = load_policy(
        _policy(
            tmp_path,
            'model = "m.json"\nmodel_threshold_against = 0.9\nmodel_decides_above = 0.9',
            doc,
        )
    )
    thanks = Post(id="2", channel="messenger", text="Tak, men kælderen er stadig fuld")
    assert (decide(thanks, both).journalise, decide(thanks, both).review) == (True, True)


def test_a_model_sure_there_is_no_record_doubts_thin_rules_evidence(tmp_path: Path) -> None:
    doc = _model_doc({"ansøgning": [1.0, -4.0]})  # sigmoid(-1 - 4) = 0.007
    thin = Post(id="1", channel="facebook_comment", text="Ansøgning")  # weight 1.0: just at it
    rules_only = load_policy(_policy(tmp_path, 'model = "m.json"', doc))
    before = decide(thin, rules_only)
    assert (before.journalise, before.review, before.remove) == (True, False, "delete")
    assert before.confidence < 0.8
    settings = 'model = "m.json"\nmodel_review_below = 0.2\nmodel_doubts_rules_below = 0.1'
    doubting = load_policy(_policy(tmp_path, settings, doc))
    d = decide(thin, doubting)
    assert (d.journalise, d.review, d.category) == (False, True, "general")
    assert MODEL_DOUBTED_RULE in {r.rule for r in d.reasons}
    # Removal stays the rules' until a person confirms the doubt: the case read is deleted.
    assert d.remove == "delete"
    assert "words that weighed most: ansøgning" in explain(thin, doubting).render()
    # Set aside, the case leaves the rules' next reading: here trolling, still escalated.
    troll = decide(Post(id="2", channel="facebook_comment", text="Ansøgning, idiot"), doubting)
    assert (troll.category, troll.journalise, troll.escalate) == (
        "offensive",
        False,
        "politik-og-organisation",
    )
    # Strong rules evidence (1.9 against a threshold of 1) is never doubted.
    strong = decide(
        Post(id="3", channel="facebook_comment", text="Ansøgning skuret vores"), doubting
    )
    assert (strong.journalise, strong.review) == (True, False)


def test_a_troll_the_model_finds_a_case_in_is_still_escalated(tmp_path: Path) -> None:
    doc = _model_doc({"kælderen": [1.0, 4.0]})
    policy = load_policy(_policy(tmp_path, 'model = "m.json"', doc))
    post = Post(id="1", channel="facebook_comment", text="Idioter, kælderen er fuld af vand")
    d = decide(post, policy)
    assert d.journalise and d.review and d.escalate == "politik-og-organisation"
    rendered = explain(post, policy).render()
    assert "words that weighed most: kælderen" in rendered


@pytest.mark.parametrize(
    ("model", "doc", "field", "fragment"),
    [
        ('model = "missing.json"', None, "policy.model", "cannot read missing.json"),
        ('model = "m.json"\nmodel_threshold = 1.5', {}, "policy.model_threshold", "probability"),
        ('model = "m.json"', {"format": 2}, "policy.model", "format 1"),
        ('model = "m.json"', _model_doc({"x": [0.0, 1.0]}), "policy.model", "'x'"),
        ("model = 3", None, "policy.model", "must name a model file"),
        ("model_review_below = 0.2", None, "policy.model", "needs policy.model"),
        (
            'model = "m.json"\nmodel_threshold_against = 2',
            _model_doc({"x": [1.0, 1.0]}),
            "policy.model_threshold_against",
            "probability",
        ),
        (
            'model = "m.json"\nmodel_review_below = 0.3\nmodel_settles_above = 0.2',
            _model_doc({"x": [1.0, 1.0]}),
            "policy.model_settles_above",
            "above policy.model_review_below",
        ),
        (
            'model = "m.json"\nmodel_decides_above = 0.5',
            _model_doc({"x": [1.0, 1.0]}),
            "policy.model_decides_above",
            "at least policy.model_threshold",
        ),
        ("model_decides_above = 0.9", None, "policy.model", "needs policy.model"),
        (
            'model = "m.json"\nmodel_review_below = 0.1\nmodel_doubts_rules_below = 0.2',
            _model_doc({"x": [1.0, 1.0]}),
            "policy.model_doubts_rules_below",
            "must not exceed policy.model_review_below",
        ),
        (
            'model = "m.json"\nmodel_review_below = 0.8',
            _model_doc({"x": [1.0, 1.0]}),
            "policy.model_threshold",
            "model_review_below < model_threshold",
        ),
        ('delete_model = "missing.json"', None, "policy.delete_model", "missing.json"),
        (
            'delete_model = "m.json"\ndelete_model_threshold = 0',
            {},
            "policy.delete_model_threshold",
            "probability",
        ),
        ('delete_model = "m.json"', {"format": 2}, "policy.delete_model", "format 1"),
        (
            'delete_model = "m.json"\ndelete_model_when_any = ["nope"]',
            _model_doc({"x": [1.0, 1.0]}),
            "policy.delete_model_when_any",
            "'nope'",
        ),
    ],
)
def test_a_bad_model_reference_names_the_file_and_field(
    tmp_path: Path, model: str, doc: dict[str, Any] | None, field: str, fragment: str
) -> None:
    with pytest.raises(PolicyError) as err:
        load_policy(_policy(tmp_path, model, doc))
    assert err.value.field == field and fragment in str(err.value)
    assert "rules.toml" in str(err.value)


def test_a_confident_delete_model_deletes_a_public_post_for_review(tmp_path: Path) -> None:
    doc = _model_doc({"forældre": [1.0, 4.0]})
    policy = load_policy(_policy(tmp_path, 'delete_model = "m.json"', doc))
    text = "Personalet ryger ved indgangen, mine forældre bor der begge"
    post = Post(id="1", channel="facebook_comment", text=text)
    d = decide(post, policy)
    assert (d.remove, d.review, d.journalise, d.confidence) == ("delete", True, False, 0.5)
    assert DELETE_MODEL_RULE in {r.rule for r in d.reasons}
    assert "words that weighed most: forældre" in explain(post, policy).render()
    # Messenger is never removed; a post without the words stays up.
    private = decide(Post(id="2", channel="messenger", text=text), policy)
    assert private.remove is None and not private.review
    other = decide(Post(id="3", channel="facebook_comment", text="Flot vejr i dag"), policy)
    assert other.remove is None and not other.review


def test_the_delete_model_is_asked_only_when_its_gate_holds(tmp_path: Path) -> None:
    doc = _model_doc({"forældre": [1.0, 4.0]})
    gated = 'delete_model = "m.json"\ndelete_model_when_any = ["person_word"]'
    policy = load_policy(_policy(tmp_path, gated, doc))
    with_person = "Personalet ryger ved indgangen, mine forældre bor der begge"
    without = "Personalet ryger ved indgangen, hvor forældre henter"
    assert decide(Post(id="1", channel="facebook_comment", text=with_person), policy).review
    d = decide(Post(id="2", channel="facebook_comment", text=without), policy)
    assert d.remove is None and not d.review


def test_the_delete_model_never_undoes_a_rules_deletion(tmp_path: Path) -> None:
    doc = _model_doc({"ansøgning": [1.0, -9.0]})
    policy = load_policy(_policy(tmp_path, 'delete_model = "m.json"', doc))
    d = decide(
        Post(id="1", channel="facebook_comment", text="Hvornår svarer I på min ansøgning?"), policy
    )
    assert d.remove == "delete" and DELETE_MODEL_RULE not in {r.rule for r in d.reasons}


def test_a_model_file_that_is_not_json_is_a_policy_error() -> None:
    with pytest.raises(PolicyError, match="not valid JSON"):
        read_model(b"{nope", "m.json", 0.7)


def _train_module() -> Any:
    spec = importlib.util.spec_from_file_location("train_model", ROOT / "tools/train_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_packaged_model_was_trained_on_the_labelled_posts_as_they_are_now() -> None:
    """Changing or adding labelled posts means retraining (tools/train_model.py)."""
    train = _train_module()
    packaged = json.loads(
        (ROOT / "src/sojournal/policy/rules/journalise-model.json").read_text(encoding="utf-8")
    )
    digest = hashlib.sha256()
    for path in train.training_files():
        assert not path.name.startswith("blind"), "blind sets are never trained on"
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    assert packaged["trained_on"]["sha256"] == digest.hexdigest()
    assert packaged["trained_on"]["posts"] >= 3000
    policy = load_policy()
    assert policy.model is not None and len(policy.model.terms) == len(packaged["terms"])
    deletion = json.loads(
        (ROOT / "src/sojournal/policy/rules/delete-model.json").read_text(encoding="utf-8")
    )
    assert deletion["trained_on"]["sha256"] == digest.hexdigest()
    assert policy.delete_model is not None
    assert len(policy.delete_model.terms) == len(deletion["terms"])


@pytest.mark.parametrize(
    "rule",
    [
        MODEL_RULE,
        MODEL_DOUBT_RULE,
        MODEL_SETTLED_RULE,
        MODEL_DECIDED_RULE,
        MODEL_DOUBTED_RULE,
        DELETE_MODEL_RULE,
    ],
)
def test_each_model_reason_names_its_rule_and_its_probability_in_both_languages(
    rule: str,
) -> None:
    """A reviewer reads why, in Danish or English: each of the model's rule ids has its own
    two sentences, with the probability the post got (two decimals, rounded down)."""
    from sojournal.policy.engine import _model_reason

    reason = _model_reason(rule, 0.8379)
    assert reason.rule == rule
    assert "p = 0.83" in reason.text and "p = 0.83" in reason.text_da
    assert reason.text != reason.text_da
    assert _model_reason(rule, 0.8301) is reason  # built once per two decimals
    others = {_model_reason(r, 0.5).text for r in (MODEL_RULE, DELETE_MODEL_RULE) if r != rule}
    assert _model_reason(rule, 0.5).text not in others
