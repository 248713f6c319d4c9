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
