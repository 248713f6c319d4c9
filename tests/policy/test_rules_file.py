"""A municipality's own rules file: loading, overriding, and clear PolicyError messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from sojournal.errors import ConfigError, PolicyError
from sojournal.models import Post
from sojournal.policy import decide, load_policy

GOOD = """
[policy]
version = "test-1"

[lexicons]
negation = ["ikke"]
fishing = ["fiskekort*", "lystfisk*"]

[[rule]]
id = "case.fishing-licence"
lexicon = "fishing"
category = "case"
weight = 1.0
reason_en = "A fishing licence is a concrete matter here."
reason_da = "Et fiskekort er en konkret sag her."

[kle]
default = ["00.01.00", "G01"]

[kle.topics.natur]
kle = "01.00.00"
facet = "G01"
terms = ["fiskekort*"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_municipality_file_replaces_the_default(tmp_path: Path) -> None:
    pol = load_policy(write(tmp_path, GOOD))
    d = decide(Post(id="1", channel="facebook_comment", text="Mit fiskekortet er ikke kommet"), pol)
    assert d.category == "case" and d.policy_version == "test-1"
    assert d.kle == "01.00.00" and [r.rule for r in d.reasons] == ["case.fishing-licence"]
    assert (
        decide(Post(id="2", channel="facebook_comment", text="Mit fiskekort"), None).kle
        != "01.00.00"
    )


def test_default_policy_is_compiled_once() -> None:
    assert load_policy() is load_policy()


@pytest.mark.parametrize(
    ("old", "new", "rule", "field", "words"),
    [
        ('version = "test-1"', "version = 3", "", "policy.version", "non-empty string"),
        ("weight = 1.0", "weight = 9.0", "case.fishing-licence", "weight", "less than or equal"),
        ('category = "case"', 'category = "urgent"', "case.fishing-licence", "category", "case"),
        (
            'lexicon = "fishing"',
            'lexicon = "fishin"',
            "case.fishing-licence",
            "lexicon",
            "unknown lexicon",
        ),
        ('id = "case.fishing-licence"', 'id = "Case Fishing"', "Case Fishing", "id", "pattern"),
        (
            'reason_da = "Et fiskekort er en konkret sag her."',
            "",
            "case.fishing-licence",
            "reason_da",
            "required",
        ),
        (
            'lexicon = "fishing"',
            'lexicon = "fishing"\nchannels = ["tiktok"]',
            "case.fishing-licence",
            "channels",
            "tiktok",
        ),
        (
            'lexicon = "fishing"',
            'lexicon = "fishing"\nwhen = ["sunny"]',
            "case.fishing-licence",
            "when",
            "sunny",
        ),
        ('kle = "01.00.00"', 'kle = "1.0"', "", "kle.topics.natur", "NN.NN.NN"),
        ('fishing = ["fiskekort*", "lystfisk*"]', 'fishing = ["har ..."]', "", "terms", "gap"),
        (
            'version = "test-1"',
            'version = "test-1"\ncomplaint_delete_floor = 0.2',
            "",
            "policy.complaint_delete_floor",
            "from policy.review_floor",
        ),
        (
            'version = "test-1"',
            'version = "test-1"\ncomplaint_delete_floor = "high"',
            "",
            "policy.complaint_delete_floor",
            "must be a number",
        ),
    ],
)
def test_bad_rules_file_names_file_rule_and_field(
    tmp_path: Path, old: str, new: str, rule: str, field: str, words: str
) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    err = info.value
    assert isinstance(err, ConfigError)
    assert err.file == str(path) and err.rule == rule and err.field == field
    assert words in str(err)
    assert str(err).startswith(f"{path}: ")


def test_duplicate_rule_id(tmp_path: Path) -> None:
    block = GOOD[GOOD.index("[[rule]]") : GOOD.index("[kle]")]
    path = write(tmp_path, GOOD.replace("[kle]", block + "\n[kle]", 1))
    with pytest.raises(PolicyError, match=r"rule case\.fishing-licence: id: duplicate rule id"):
        load_policy(path)


def test_invalid_toml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="not valid TOML"):
        load_policy(write(tmp_path, "[policy\nversion=1"))
    with pytest.raises(PolicyError, match="cannot read file"):
        load_policy(tmp_path / "nope.toml")


def test_error_messages_never_quote_post_text() -> None:
    # Errors come from the rules file alone; decide() itself raises nothing on odd text.
    for text in ("", " ", "🤡" * 500, "\x00\ud800", "a" * 10_000):
        decide(Post(id="x", channel="messenger", text=text))


FEATURES = """
[policy]
version = "features-1"

[lexicons]
negation = ["ikke"]
parking = ["parkeringsbøde*", "p-bøde*"]
own = ["jeg har fået", "min bil"]
angry = ["uretfærdig*", "tyveri"]
joke = ["haha", "😂"]

[[rule]]
id = "case.parking-fine"
lexicon = "parking"
when_any = ["own", "question"]
category = "case"
reason_en = "Own parking fine, or asks about one."
reason_da = "Egen parkeringsbøde, eller spørger om en."

[[rule]]
id = "complaint.parking"
lexicon = "angry"
when_any = ["parking"]
unless_near = "joke"
unless_window = 2
category = "complaint"
reason_en = "Angry about parking."
reason_da = "Vred over parkering."

[[rule]]
id = "case.waited"
terms = ["har ...{4} ventet"]
category = "case"
reason_en = "Has waited."
reason_da = "Har ventet."
"""


def _fired(pol: object, text: str, channel: str = "facebook_comment") -> list[str]:
    from sojournal.policy import Policy

    assert isinstance(pol, Policy)
    d = decide(Post(id="f", channel=channel, text=text), pol)  # type: ignore[arg-type]
    return [r.rule for r in d.reasons]


def test_when_any_needs_one_of_its_conditions(tmp_path: Path) -> None:
    pol = load_policy(write(tmp_path, FEATURES))
    assert _fired(pol, "Jeg har fået en parkeringsbøde") == ["case.parking-fine"]
    assert _fired(pol, "Hvorfor giver I en p-bøde her?") == ["case.parking-fine"]
    assert _fired(pol, "Parkeringsbøder er en del af byen.") == ["general.no-case-evidence"]
    # A negated lexicon does not count as present ("ikke min bil").
    assert _fired(pol, "Det er ikke min bil med parkeringsbøden.") == ["general.no-case-evidence"]


def test_when_any_of_lexicons_only_is_triggered_by_them(tmp_path: Path) -> None:
    extra = """
[[rule]]
id = "offensive.joking"
when_any = ["joke", "angry"]
category = "offensive"
reason_en = "Jokes or anger."
reason_da = "Spøg eller vrede."

[[rule]]
id = "general.asks"
when_any = ["joke", "question"]
category = "general"
reason_en = "Asks, or jokes."
reason_da = "Spørger eller spøger."
"""
    pol = load_policy(write(tmp_path, FEATURES + extra))
    ids = [r.id for r in pol.rules]
    joking, asks = ids.index("offensive.joking"), ids.index("general.asks")
    assert joking in pol.triggers["joke"] and joking in pol.triggers["angry"]
    assert joking not in pol.unconditional
    # A built-in feature among the conditions can hold without any hit: checked every post.
    assert asks in pol.unconditional
    assert _fired(pol, "Det er tyveri") == ["offensive.joking"]
    assert _fired(pol, "haha") == ["offensive.joking", "general.asks"]
    assert _fired(pol, "Hvad koster det?") == ["general.asks"]
    assert _fired(pol, "Fint vejr i dag.") == ["general.no-case-evidence"]


def test_unless_near_drops_a_match_close_to_the_lexicon(tmp_path: Path) -> None:
    pol = load_policy(write(tmp_path, FEATURES))
    assert "complaint.parking" not in _fired(pol, "p-bøde? tyveri 😂")
    assert "complaint.parking" not in _fired(pol, "p-bøde? haha tyveri")
    # Three tokens away is outside unless_window = 2: the complaint stands.
    assert "complaint.parking" in _fired(pol, "p-bøde? tyveri , det er 😂")
    # Only the match near the joke is dropped; another match elsewhere still fires.
    assert "complaint.parking" in _fired(pol, "p-bøde? haha tyveri . sikke uretfærdigt")


def test_sized_gap_in_a_rule_term(tmp_path: Path) -> None:
    pol = load_policy(write(tmp_path, FEATURES))
    assert _fired(pol, "Vi har nu i tre måneder ventet") == ["case.waited"]
    assert _fired(pol, "Vi har nu i over tre måneder ventet") == ["general.no-case-evidence"]


@pytest.mark.parametrize(
    ("old", "new", "rule", "field", "words"),
    [
        (
            'when_any = ["own", "question"]',
            'when_any = ["own", "sunny"]',
            "case.parking-fine",
            "when_any",
            "sunny",
        ),
        (
            'when_any = ["own", "question"]',
            "when_any = []",
            "case.parking-fine",
            "when_any",
            "at least one",
        ),
        (
            'unless_near = "joke"',
            'unless_near = "jokes"',
            "complaint.parking",
            "unless_near",
            "unknown lexicon",
        ),
        (
            "unless_window = 2",
            "unless_window = 20",
            "complaint.parking",
            "unless_window",
            "less than or equal",
        ),
        ('unless_near = "joke"\n', "", "complaint.parking", "unless_window", "needs unless_near"),
        (
            'terms = ["har ...{4} ventet"]',
            'terms = ["har ...{9} ventet"]',
            "case.waited",
            "terms",
            "1-6",
        ),
        (
            'terms = ["har ...{4} ventet"]',
            'terms = ["{har} ...{4} ventet"]',
            "case.waited",
            "terms",
            "two or more words",
        ),
        (
            'terms = ["har ...{4} ventet"]',
            'when_any = ["own"]\nunless_near = "joke"',
            "case.waited",
            "unless_near",
            "needs terms or lexicon",
        ),
    ],
)
def test_bad_feature_fields_name_file_rule_and_field(
    tmp_path: Path, old: str, new: str, rule: str, field: str, words: str
) -> None:
    assert old in FEATURES
    path = write(tmp_path, FEATURES.replace(old, new, 1))
    with pytest.raises(PolicyError) as info:
        load_policy(path)
    err = info.value
    assert err.file == str(path) and err.rule == rule and err.field == field, str(err)
    assert words in str(err)


COMPLAINT = """
[policy]
version = "test-1"
{floor}

[lexicons]
failed = ["tre gange"]
ordered = ["bestilt"]
my_benefit = ["min boligstøtte"]

[[rule]]
id = "complaint.failed"
lexicon = "failed"
category = "complaint"
weight = 1.5
reason_en = "A service failed."
reason_da = "En service svigtede."

[[rule]]
id = "case.ordered"
lexicon = "ordered"
category = "case"
weight = 0.5
reason_en = "The writer ordered something."
reason_da = "Skribenten bestilte noget."

[[rule]]
id = "case.benefit"
lexicon = "my_benefit"
category = "case"
weight = 1.0
reason_en = "The writer's own benefit."
reason_da = "Skribentens egen ydelse."
"""


@pytest.mark.parametrize(
    ("floor", "ordered", "benefit"),
    [("", "delete", "delete"), ("complaint_delete_floor = 0.9", None, "delete")],
)
def test_complaint_delete_floor_decides_which_public_complaints_are_an_own_matter(
    tmp_path: Path, floor: str, ordered: str | None, benefit: str | None
) -> None:
    """A service that failed the writer stays up; a complaint about a matter of the writer's
    own (the case evidence at the floor) is deleted. The floor defaults to review_floor."""
    pol = load_policy(write(tmp_path, COMPLAINT.format(floor=floor)))
    storskrald = decide(Post(id="1", channel="facebook_comment", text="bestilt tre gange"), pol)
    assert storskrald.category == "complaint" and storskrald.remove == ordered
    own = decide(Post(id="2", channel="facebook_comment", text="min boligstøtte tre gange"), pol)
    assert own.category == "complaint" and own.remove == benefit
