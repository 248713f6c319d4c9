"""Nothing secret reaches a log record, even at DEBUG and even from urllib3."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from sojournal.errors import AmbiguousError, AuthError
from sojournal.models import Post
from sojournal.testing.graph_emulator import GraphEmulator, GraphFaults
from sojournal.testing.server import WsgiApp

from .helpers import TOKEN, PlatformFactory

REPLY = "Kære borger, skriv til os på borger.dk om din sag 4711"
POST_TEXT = "Mit CPR-nummer er 010203-1234"


def test_no_token_or_text_in_any_log_record(
    caplog: pytest.LogCaptureFixture,
    make_platform: PlatformFactory,
    serve: Callable[[WsgiApp], str],
) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("urllib3", "urllib3.connectionpool", "requests", "sojournal"):
        caplog.set_level(logging.DEBUG, logger=name)
    faults = GraphFaults(transient=0.3, lost_response=0.2, rate_limit=0.1, seed=3)
    emulator = GraphEmulator(token=TOKEN, faults=faults, regain_minutes=0)
    url = serve(emulator)
    platform = make_platform(url)
    for n in range(6):
        object_id = f"page-1_{n}"
        emulator.add_object(object_id, author_id="user-1")
        post = Post(id=object_id, channel="facebook_comment", text=POST_TEXT, author="Jens Hansen")
        for action, extra in (
            ("reply_public", (REPLY,)),
            ("reply_private", (REPLY,)),
            ("hide", ()),
            ("delete", ()),
        ):
            try:
                getattr(platform, action)(post, *extra)
            except AmbiguousError as error:
                assert REPLY not in str(error) and TOKEN not in str(error)
    with pytest.raises(AuthError):
        make_platform(url, token=TOKEN + "-wrong").delete(Post(id="x", channel="facebook_comment"))

    records = caplog.records
    assert any(r.name.startswith("urllib3") for r in records)  # the wire was logged
    assert any(r.name.startswith("sojournal") for r in records)
    for record in records:
        logged = record.getMessage() + (record.exc_text or "")
        for secret in (TOKEN, REPLY, "borger.dk", POST_TEXT, "Jens Hansen", "Bearer"):
            assert secret not in logged, (record.name, secret)
