"""Faults on the wire: retries, reconciliation after lost answers, rate limits, timeouts."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from sojournal.errors import AmbiguousError, AuthError, PermanentError, TransientError
from sojournal.models import Channel, Post
from sojournal.retry import RetrySettings
from sojournal.testing.graph_emulator import GraphEmulator, GraphFaults
from sojournal.testing.server import DropConnection, WsgiApp

from .helpers import TOKEN, PlatformFactory, ScriptedGraph

Serve = Callable[[WsgiApp], str]


def post(id: str, channel: Channel = "facebook_comment") -> Post:
    return Post(id=id, channel=channel, text="tekst", page_id="page-1", author_id="user-1")


def drop_first(method: str, emulator: GraphEmulator) -> Callable[..., Iterable[bytes]]:
    """Let the emulator act on the first ``method`` request, then lose its answer."""
    dropped: list[bool] = []

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] == method and not dropped:
            dropped.append(True)
            emulator(environ, lambda *args: None)
            raise DropConnection
        return emulator(environ, start_response)

    return app


def test_thirty_deletes_survive_transient_faults_and_lost_answers(
    make_platform: PlatformFactory, slept: list[float], serve: Serve
) -> None:
    faults = GraphFaults(transient=0.3, lost_response=0.1, seed=20261128)
    emulator = GraphEmulator(token=TOKEN, faults=faults)
    ids = [f"page-1_{n}" for n in range(30)]
    for object_id in ids:
        emulator.add_object(object_id)
    url = serve(emulator)
    platform = make_platform(url)
    for object_id in ids:
        platform.delete(post(object_id))
    assert emulator.deleted_ids() == set(ids)
    requests_made = emulator.requests()
    assert len(requests_made) > 40  # faults did happen and were retried
    assert any(method == "GET" for method, _ in requests_made)  # a lost answer was reconciled
    assert slept  # backoff went through the injected sleep


def test_lost_delete_answer_is_reconciled_with_exists_not_resent(
    make_platform: PlatformFactory, emulator: GraphEmulator, serve: Serve
) -> None:
    emulator.add_object("page-1_1")
    url = serve(drop_first("DELETE", emulator))
    make_platform(url).delete(post("page-1_1"))
    assert emulator.deleted_ids() == {"page-1_1"}
    assert emulator.requests() == [
        ("DELETE", "/v21.0/page-1_1"),
        ("GET", "/v21.0/page-1_1"),
    ]


def test_lost_hide_answer_checks_then_hides_again(
    make_platform: PlatformFactory, emulator: GraphEmulator, serve: Serve
) -> None:
    emulator.add_object("page-1_1")
    url = serve(drop_first("POST", emulator))
    make_platform(url).hide(post("page-1_1"))
    assert emulator.hidden_ids() == {"page-1_1"}
    assert [m for m, _ in emulator.requests()] == ["POST", "GET", "POST"]


@pytest.mark.parametrize("private", [False, True])
def test_a_reply_whose_answer_is_lost_is_never_sent_twice(
    make_platform: PlatformFactory, emulator: GraphEmulator, private: bool, serve: Serve
) -> None:
    emulator.add_object("page-1_1")
    url = serve(drop_first("POST", emulator))
    platform = make_platform(url)
    send = platform.reply_private if private else platform.reply_public
    with pytest.raises(AmbiguousError):
        send(post("page-1_1"), "Skriv via borger.dk")
    if private:  # the adapter refuses, without asking Meta
        with pytest.raises(PermanentError):
            send(post("page-1_1"), "igen")
    sent = emulator.private_replies() if private else emulator.replies()
    assert len(sent) == 1
    assert len(emulator.requests()) == 1


def test_replies_under_chaos_are_at_most_once(make_platform: PlatformFactory, serve: Serve) -> None:
    faults = GraphFaults(transient=0.3, lost_response=0.1, rate_limit=0.05, seed=7)
    emulator = GraphEmulator(token=TOKEN, faults=faults, regain_minutes=0)
    ids = [f"page-1_{n}" for n in range(20)]
    for object_id in ids:
        emulator.add_object(object_id)
    answered: list[str] = []
    url = serve(emulator)
    platform = make_platform(url)
    for object_id in ids:
        try:
            platform.reply_public(post(object_id), "svar")
        except AmbiguousError:
            continue
        answered.append(object_id)
    parents = [r.parent_id for r in emulator.replies()]
    assert len(parents) == len(set(parents))  # never two replies under one comment
    assert set(answered) <= set(parents)
    assert len(answered) >= 10


def test_read_timeout_is_ambiguous(make_platform: PlatformFactory, serve: Serve) -> None:
    emulator = GraphEmulator(token=TOKEN, faults=GraphFaults(latency=0.4))
    emulator.add_object("page-1_1")
    url = serve(emulator)
    with pytest.raises(AmbiguousError):
        make_platform(url, timeout=0.1).reply_public(post("page-1_1"), "svar")
    deadline = time.monotonic() + 3
    while not emulator.replies() and time.monotonic() < deadline:
        time.sleep(0.05)  # the emulator finishes the request we gave up on
    assert len(emulator.replies()) == 1
    assert len(emulator.requests()) == 1


def test_connection_refused_is_transient_and_retried(
    make_platform: PlatformFactory, slept: list[float]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    platform = make_platform(f"http://127.0.0.1:{port}", retry=RetrySettings(max_attempts=3))
    with pytest.raises(TransientError) as caught:
        platform.delete(post("page-1_1"))
    assert not isinstance(caught.value, AmbiguousError)
    assert len(slept) == 2


def meta_error(code: int) -> dict[str, Any]:
    return {"error": {"message": "m", "type": "OAuthException", "code": code, "fbtrace_id": "T"}}


def test_rate_limit_waits_as_long_as_the_usage_header_says(
    make_platform: PlatformFactory, slept: list[float], serve: Serve
) -> None:
    usage = {"page-1": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 2}]}
    script = ScriptedGraph(
        [
            (400, meta_error(80001), {"X-Business-Use-Case-Usage": json.dumps(usage)}),
            (200, {"success": True}, {}),
        ]
    )
    url = serve(script)
    make_platform(url, retry=RetrySettings(max_wait=600)).delete(post("page-1_1"))
    assert slept == [120.0]
    assert len(script.requests) == 2


def test_rate_limit_without_estimate_waits_the_default(
    make_platform: PlatformFactory, slept: list[float], serve: Serve
) -> None:
    script = ScriptedGraph([(400, meta_error(4), {}), (200, {"success": True}, {})])
    url = serve(script)
    make_platform(url, default_retry_after=3.0).delete(post("page-1_1"))
    assert slept == [3.0]


def test_server_error_is_retried_then_succeeds(
    make_platform: PlatformFactory, slept: list[float], serve: Serve
) -> None:
    script = ScriptedGraph([(502, None, {}), (200, {"id": "page-1_1_9"}, {})])
    url = serve(script)
    reply_id = make_platform(url).reply_public(post("page-1_1"), "svar")
    assert reply_id == "page-1_1_9"
    assert len(script.requests) == 2 and len(slept) == 1


def test_permission_error_mid_run_is_not_retried(
    make_platform: PlatformFactory, slept: list[float], serve: Serve
) -> None:
    script = ScriptedGraph([(403, meta_error(200), {}), (200, {"success": True}, {})])
    url = serve(script)
    with pytest.raises(AuthError, match="code 200"):
        make_platform(url).delete(post("page-1_1"))
    assert len(script.requests) == 1 and slept == []


def test_a_refused_private_reply_may_be_tried_again(
    make_platform: PlatformFactory, serve: Serve
) -> None:
    script = ScriptedGraph(
        [(400, meta_error(100), {}), (200, {"recipient_id": "u", "message_id": "m_1"}, {})]
    )
    url = serve(script)
    platform = make_platform(url)
    with pytest.raises(PermanentError):
        platform.reply_private(post("page-1_1"), "svar")
    assert platform.reply_private(post("page-1_1"), "svar") == "m_1"
    assert len(script.requests) == 2
