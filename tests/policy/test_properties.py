from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sojournal.models import Post
from sojournal.policy import decide

CHANNELS = st.sampled_from(["facebook_post", "facebook_comment", "messenger", "instagram_comment"])
VOCABULARY = (
    "jeg har søgt om boligstøtte min ansøgning klage ikke idiot 🤡 byrådet kan man ? ! "
    "hvornår sagsnr 2024-001 HEJ MED JER aa oe ae"
)
WORDS = st.sampled_from(VOCABULARY.split(" "))


@settings(max_examples=150, deadline=None)
@given(channel=CHANNELS, words=st.lists(WORDS, max_size=25), noise=st.text(max_size=40))
def test_decisions_are_consistent_whatever_the_text(
    channel: str, words: list[str], noise: str
) -> None:
    text = " ".join(words) + noise
    d = decide(Post(id="h", channel=channel, text=text))
    assert d.journalise == (d.category in ("case", "complaint"))
    if channel == "messenger":
        assert d.remove is None
    elif d.category == "case":
        assert d.remove == "delete"
    if d.category == "offensive":
        assert d.escalate is not None
    assert d.reply == "redirect" if d.journalise else d.reply in ("answer", "none")
    assert d.reasons or d.category == "general"
    again = decide(Post(id="h", channel=channel, text=text))
    assert again == d  # pure: same text, same decision
