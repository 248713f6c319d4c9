"""MemoryPlatform keeps the port's rules, so pipeline tests against it mean something."""

from __future__ import annotations

import pytest

from sojournal.errors import AmbiguousError, PermanentError, RateLimitError, TransientError
from sojournal.models import Channel, Post
from sojournal.platforms.memory import MemoryCall, MemoryPlatform
from sojournal.platforms.port import Platform


def post(id: str, channel: Channel = "facebook_comment", **fields: str) -> Post:
    return Post(id=id, channel=channel, text="x", **fields)


def test_it_is_a_platform() -> None:
    platform: Platform = MemoryPlatform()
    assert platform.exists(post("1")) is True


def test_every_call_is_recorded_in_order_with_its_outcome() -> None:
    platform = MemoryPlatform()
    platform.hide(post("1"))
    platform.delete(post("1"))
    platform.delete(post("1"))
    platform.reply_public(post("2"), "svar")
    assert platform.calls == (
        MemoryCall("hide", "1", "done"),
        MemoryCall("delete", "1", "done"),
        MemoryCall("delete", "1", "gone"),
        MemoryCall("reply_public", "2", "done"),
    )
    assert platform.actions("delete") == [("delete", "1"), ("delete", "1")]
    assert platform.deleted_ids() == {"1"} and platform.hidden_ids() == frozenset()


def test_strict_mode_knows_only_added_objects() -> None:
    platform = MemoryPlatform(strict=True)
    platform.add("1")
    assert platform.exists(post("1")) and not platform.exists(post("2"))
    platform.hide(post("2"))  # gone counts as done
    assert platform.hidden_ids() == frozenset()
    with pytest.raises(PermanentError):
        platform.reply_public(post("2"), "svar")


def test_failure_before_the_effect_leaves_nothing_done() -> None:
    platform = MemoryPlatform()
    platform.fail_next("delete", TransientError("503"), times=2)
    for _ in range(2):
        with pytest.raises(TransientError):
            platform.delete(post("1"))
    assert platform.deleted_ids() == frozenset()
    platform.delete(post("1"))
    assert platform.deleted_ids() == {"1"}
    assert [c.outcome for c in platform.calls] == ["TransientError", "TransientError", "done"]


def test_failure_after_the_effect_is_a_lost_answer() -> None:
    platform = MemoryPlatform()
    platform.fail_next("reply_private", AmbiguousError("lost"), after_effect=True)
    with pytest.raises(AmbiguousError):
        platform.reply_private(post("1"), "svar")
    assert len(platform.replies()) == 1
    with pytest.raises(PermanentError):  # at most once, as on Meta
        platform.reply_private(post("1"), "svar")
    assert len(platform.replies()) == 1


def test_failures_are_per_action() -> None:
    platform = MemoryPlatform()
    platform.fail_next("hide", RateLimitError("slow", retry_after=3))
    platform.delete(post("1"))
    with pytest.raises(RateLimitError):
        platform.hide(post("2"))


def test_messenger_is_never_scrubbed_and_instagram_never_blocked() -> None:
    platform = MemoryPlatform()
    message = post("m_1", "messenger", author_id="psid-1")
    with pytest.raises(PermanentError):
        platform.delete(message)
    with pytest.raises(PermanentError):
        platform.hide(message)
    with pytest.raises(PermanentError):
        platform.block(post("ig_1", "instagram_comment", author_id="u"))
    platform.block(post("fb_1", author_id="u", page_id="p"))
    assert platform.blocked() == {("p", "u")}
    assert platform.reply_public(message, "svar").startswith("reply-")
    assert platform.replies()[0].private is True


def test_a_deleted_comment_cannot_be_answered() -> None:
    platform = MemoryPlatform()
    platform.delete(post("1"))
    with pytest.raises(PermanentError):
        platform.reply_private(post("1"), "svar")
    with pytest.raises(PermanentError):
        platform.reply_public(post("1"), "svar")
    assert platform.replies() == ()
    lenient = MemoryPlatform(private_reply_to_deleted=True)
    lenient.delete(post("1"))
    lenient.reply_private(post("1"), "svar")
    assert len(lenient.replies()) == 1
