"""GraphPlatform against the Graph emulator over real HTTP on localhost."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from sojournal.errors import AuthError, PermanentError
from sojournal.models import Channel, Post
from sojournal.platforms.graph import GraphPlatform
from sojournal.platforms.graph_errors import AlreadyRepliedError
from sojournal.testing.graph_emulator import GraphEmulator
from sojournal.testing.server import WsgiApp

from .helpers import TOKEN, PlatformFactory


def post(id: str, channel: Channel = "facebook_comment", **fields: str) -> Post:
    return Post(id=id, channel=channel, text="Min CPR er 010101-1234", page_id="page-1", **fields)


def test_delete_removes_the_object(emulator: GraphEmulator, platform: GraphPlatform) -> None:
    emulator.add_object("10_1")
    emulator.add_object("10_2")
    platform.delete(post("10_1"))
    assert emulator.deleted_ids() == {"10_1"}
    assert emulator.requests() == [("DELETE", "/v21.0/10_1")]


def test_delete_of_an_object_already_gone_is_done(
    emulator: GraphEmulator, platform: GraphPlatform, slept: list[float]
) -> None:
    emulator.add_object("10_1")
    platform.delete(post("10_1"))
    platform.delete(post("10_1"))  # second time: Meta says 100/33
    platform.delete(post("never-was"))
    assert emulator.deleted_ids() == {"10_1"}
    assert len(emulator.requests()) == 3
    assert slept == []  # "gone" is an answer, not a fault to retry


def test_hide_facebook_sends_is_hidden_and_instagram_hide(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    emulator.add_object("fb_1", platform="facebook")
    emulator.add_object("1789", platform="instagram")
    platform.hide(post("fb_1"))
    platform.hide(post("1789", "instagram_comment"))
    assert emulator.hidden_ids() == {"fb_1", "1789"}
    assert emulator.deleted_ids() == frozenset()


def test_hide_of_an_object_already_gone_is_done(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    platform.hide(post("gone_1"))
    assert emulator.hidden_ids() == frozenset()


def test_public_reply_on_facebook_and_instagram(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    emulator.add_object("fb_1", platform="facebook")
    emulator.add_object("1789", platform="instagram")
    fb_id = platform.reply_public(post("fb_1"), "Skriv til os via borger.dk")
    ig_id = platform.reply_public(post("1789", "instagram_comment"), "Skriv via borger.dk")
    replies = {r.parent_id: r for r in emulator.replies()}
    assert replies["fb_1"].id == fb_id and replies["fb_1"].message == "Skriv til os via borger.dk"
    assert replies["1789"].id == ig_id
    assert ("POST", "/v21.0/fb_1/comments") in emulator.requests()
    assert ("POST", "/v21.0/1789/replies") in emulator.requests()


def test_private_reply_goes_once_per_comment(
    emulator: GraphEmulator, platform: GraphPlatform, make_platform: PlatformFactory,
    server: str,
) -> None:  # fmt: skip
    emulator.add_object("fb_1", page_id="page-1", author_id="user-7")
    message_id = platform.reply_private(post("fb_1"), "Vi har modtaget din henvendelse")
    with pytest.raises(PermanentError):
        platform.reply_private(post("fb_1"), "igen")
    # A new adapter (new lifetime) does not know; Meta's own refusal is permanent too.
    with pytest.raises(AlreadyRepliedError):
        make_platform(server).reply_private(post("fb_1"), "igen")
    [sent] = emulator.private_replies()
    assert sent.message_id == message_id
    assert sent.recipient == {"comment_id": "fb_1"}
    assert sent.page_id == "page-1"
    assert sent.messaging_type == "RESPONSE"


def test_private_reply_to_a_visitor_post_uses_post_id(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    emulator.add_object("page-1_99", kind="post")
    platform.reply_private(post("page-1_99", "facebook_post"), "Tak")
    assert emulator.private_replies()[0].recipient == {"post_id": "page-1_99"}


def test_messenger_reply_goes_to_the_author(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    message = post("m_abc", "messenger", author_id="psid-55")
    platform.reply_public(message, "Svar")
    [sent] = emulator.private_replies()
    assert sent.recipient == {"id": "psid-55"}
    assert sent.messaging_type == "RESPONSE"
    with pytest.raises(PermanentError):
        platform.delete(message)
    with pytest.raises(PermanentError):
        platform.hide(message)
    assert len(emulator.requests()) == 1


def test_block_the_author(emulator: GraphEmulator, platform: GraphPlatform) -> None:
    platform.block(post("fb_1", author_id="user-9"))
    assert emulator.blocked() == {("page-1", "user-9")}
    with pytest.raises(PermanentError):
        platform.block(post("1789", "instagram_comment", author_id="user-9"))
    assert len(emulator.requests()) == 1


def test_exists(emulator: GraphEmulator, platform: GraphPlatform) -> None:
    emulator.add_object("fb_1")
    assert platform.exists(post("fb_1")) is True
    assert platform.exists(post("fb_404")) is False
    platform.delete(post("fb_1"))
    assert platform.exists(post("fb_1")) is False


def test_bad_token_stops_with_auth_error_without_the_token(
    emulator: GraphEmulator, make_platform: PlatformFactory, server: str,
    slept: list[float],
) -> None:  # fmt: skip
    wrong = "EAAB-wrong-token-0000"
    emulator.add_object("fb_1")
    with pytest.raises(AuthError) as caught:
        make_platform(server, token=wrong).delete(post("fb_1"))
    text = str(caught.value)
    assert "190" in text
    assert wrong not in text and TOKEN not in text
    assert emulator.deleted_ids() == frozenset()
    assert len(emulator.requests()) == 1 and slept == []  # not retried


def test_token_travels_in_the_header_not_the_url(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    emulator.add_object("fb_1")
    platform.reply_public(post("fb_1"), "hemmelig besked")
    for _method, path in emulator.requests():
        assert TOKEN not in path and "hemmelig" not in path


def test_high_usage_slows_down_before_the_next_call(
    emulator: GraphEmulator, platform: GraphPlatform, slept: list[float]
) -> None:
    emulator.add_object("fb_1")
    emulator.set_usage(50)
    platform.exists(post("fb_1"))
    platform.exists(post("fb_1"))
    assert slept == []
    emulator.set_usage(95)
    platform.exists(post("fb_1"))  # reports 95 %
    platform.exists(post("fb_1"))  # waits first
    assert slept == [5.0]  # halfway from 90 % to 100 % → half of max_pause (10 s)


def test_a_deleted_comment_cannot_be_answered_privately(
    emulator: GraphEmulator, platform: GraphPlatform
) -> None:
    emulator.add_object("fb_1")
    platform.delete(post("fb_1"))
    with pytest.raises(PermanentError):
        platform.reply_private(post("fb_1"), "svar")
    with pytest.raises(PermanentError):
        platform.reply_public(post("fb_1"), "svar")
    assert emulator.private_replies() == [] and emulator.replies() == []


def test_the_emulator_can_be_told_to_answer_deleted_comments(
    make_platform: PlatformFactory, serve: Callable[[WsgiApp], str]
) -> None:
    emulator = GraphEmulator(token=TOKEN, private_reply_to_deleted=True)
    emulator.add_object("fb_1")
    platform = make_platform(serve(emulator))
    platform.delete(post("fb_1"))
    platform.reply_private(post("fb_1"), "svar")
    assert len(emulator.private_replies()) == 1


def test_tls_verification_is_on_by_default_and_keeps_a_session_ca_path() -> None:
    from sojournal.platforms.graph_client import GraphSettings, _verify_setting

    session = requests.Session()
    assert _verify_setting(GraphSettings(), session) is True
    session.verify = "/etc/ssl/municipal-ca.pem"
    assert _verify_setting(GraphSettings(), session) == "/etc/ssl/municipal-ca.pem"
    assert _verify_setting(GraphSettings(ca_bundle="/ca.pem"), session) == "/ca.pem"
    assert _verify_setting(GraphSettings(verify_tls=False), session) is False
