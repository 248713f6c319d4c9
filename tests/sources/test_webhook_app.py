"""The webhook receiver over real HTTP: signatures, verification, inbox, status codes."""

from __future__ import annotations

import json
import logging
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from sojournal.errors import ConfigError, TransientError
from sojournal.platforms.webhook import (
    WebhookApp,
    bound_port,
    make_webhook_server,
    sign,
)
from sojournal.testing.inbox import MemoryInbox
from sojournal.testing.server import LocalServer

SECRET = b"app-hemmelighed-123"
TOKEN = "verify-token-456"
PAGE = "104567890"
DELIVERY = {
    "object": "page",
    "entry": [
        {
            "id": PAGE,
            "time": 1709626600,
            "changes": [
                {
                    "field": "feed",
                    "value": {
                        "item": "comment",
                        "verb": "add",
                        "comment_id": "7788_9901",
                        "post_id": f"{PAGE}_7788",
                        "parent_id": f"{PAGE}_7788",
                        "message": "Jeg har søgt om handicapparkering for 3 måneder siden",
                        "from": {"id": "5551", "name": "Mette Hansen"},
                        "created_time": 1709626500,
                    },
                },
            ],
            "messaging": [
                {
                    "sender": {"id": "PSID42"},
                    "recipient": {"id": PAGE},
                    "timestamp": 1709626500123,
                    "message": {"mid": "m_abc", "text": "Hvornår er der åbent i Borgerservice?"},
                },
            ],
        }
    ],
}


def post(url: str, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method="POST", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def get(url: str, query: dict[str, str]) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url + "/?" + urllib.parse.urlencode(query), timeout=5) as r:
            return r.status, r.read(), r.headers["Content-Type"]
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers["Content-Type"]


class Wakeups:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> None:
        self.count += 1


@pytest.fixture()
def inbox() -> MemoryInbox:
    return MemoryInbox()


@pytest.fixture()
def wakeups() -> Wakeups:
    return Wakeups()


@pytest.fixture()
def server(inbox: MemoryInbox, wakeups: Wakeups) -> Iterator[LocalServer]:
    app = WebhookApp(SECRET, TOKEN, inbox, max_body=10_000, on_accepted=wakeups)
    with LocalServer(app) as running:
        yield running


def signed(body: bytes) -> dict[str, str]:
    return {"X-Hub-Signature-256": sign(SECRET, body), "Content-Type": "application/json"}


def test_valid_signed_delivery_lands_in_the_inbox(
    server: LocalServer, inbox: MemoryInbox, wakeups: Wakeups
) -> None:
    body = json.dumps(DELIVERY).encode()
    assert post(server.url + "/webhook", body, signed(body)) == (200, b"EVENT_RECEIVED")
    assert [(p.id, p.channel) for p in inbox.posts] == [
        ("7788_9901", "facebook_comment"),
        ("m_abc", "messenger"),
    ]
    assert wakeups.count == 1
    # Meta's redelivery of the same body has the same delivery id.
    assert post(server.url + "/webhook", body, signed(body))[0] == 200
    first, second = inbox.delivery_ids
    assert first == second and len(first) == 32


def test_forged_signature_is_refused_and_nothing_stored(
    server: LocalServer, inbox: MemoryInbox, wakeups: Wakeups
) -> None:
    body = json.dumps(DELIVERY).encode()
    forged = {"X-Hub-Signature-256": sign(b"wrong-secret", body)}
    assert post(server.url, body, forged)[0] == 403
    tampered = body.replace(b"3 m", b"4 m")
    assert post(server.url, tampered, signed(body))[0] == 403
    assert post(server.url, body, {"X-Hub-Signature-256": "sha256=zz"})[0] == 403
    assert inbox.posts == [] and wakeups.count == 0


def test_missing_signature_is_refused(server: LocalServer, inbox: MemoryInbox) -> None:
    assert post(server.url, json.dumps(DELIVERY).encode())[0] == 403
    assert inbox.posts == []


def test_invalid_json_with_valid_signature_is_400(server: LocalServer, inbox: MemoryInbox) -> None:
    for body in (b'{"object": "page", "entry": [', b'{"hello": "verden"}', b"\xff\xfe"):
        assert post(server.url, body, signed(body))[0] == 400
    assert inbox.posts == []


def test_too_large_body_is_413(server: LocalServer, inbox: MemoryInbox) -> None:
    body = json.dumps({"object": "page", "entry": [], "pad": "x" * 20_000}).encode()
    assert post(server.url, body, signed(body))[0] == 413
    assert inbox.posts == []


def test_deliveries_without_posts_do_not_touch_the_inbox(
    server: LocalServer, inbox: MemoryInbox, wakeups: Wakeups
) -> None:
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": PAGE,
                    "changes": [{"field": "feed", "value": {"item": "reaction", "verb": "add"}}],
                }
            ],
        }
    ).encode()
    assert post(server.url, body, signed(body)) == (200, b"EVENT_RECEIVED")
    assert inbox.deliveries == [] and wakeups.count == 0


def test_inbox_failure_is_503_so_meta_retries() -> None:
    app = WebhookApp(SECRET, TOKEN, MemoryInbox(fail_with=TransientError("ledger locked")))
    body = json.dumps(DELIVERY).encode()
    with LocalServer(app) as running:
        assert post(running.url, body, signed(body))[0] == 503


def test_get_verification(server: LocalServer) -> None:
    good = {"hub.mode": "subscribe", "hub.verify_token": TOKEN, "hub.challenge": "1158201444"}
    status, body, content_type = get(server.url, good)
    assert (status, body) == (200, b"1158201444") and content_type.startswith("text/plain")
    assert get(server.url, {**good, "hub.verify_token": "gæt"})[0] == 403
    assert get(server.url, {**good, "hub.mode": "unsubscribe"})[0] == 403
    assert get(server.url, {"hub.challenge": "1"})[0] == 403


def test_empty_secret_is_a_config_error(inbox: MemoryInbox) -> None:
    with pytest.raises(ConfigError):
        WebhookApp(b"", TOKEN, inbox)


def test_runs_under_waitress(inbox: MemoryInbox) -> None:
    app = WebhookApp(SECRET, TOKEN, inbox)
    server = make_webhook_server(app, "127.0.0.1", 0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{bound_port(server)}"
        body = json.dumps(DELIVERY).encode()
        assert post(url, body, signed(body)) == (200, b"EVENT_RECEIVED")
        assert post(url, body, {})[0] == 403
        assert len(inbox.posts) == 2
    finally:
        server.close()
        thread.join(timeout=5)
    assert not thread.is_alive()


def test_logs_carry_ids_never_text_or_names(
    server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = json.dumps(DELIVERY).encode()
    broken = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": PAGE,
                    "changes": [
                        {
                            "field": "feed",
                            "value": {"item": "comment", "message": "Mette Hansen 010203-1234"},
                        }
                    ],
                }
            ],
        }
    ).encode()
    post(server.url, body, signed(body))
    post(server.url, body, {"X-Hub-Signature-256": sign(b"forkert", body)})
    post(server.url, broken, signed(broken))
    post(server.url, b"{not json Mette", signed(b"{not json Mette"))
    assert "accepted" in caplog.text and "refused" in caplog.text
    for secret in ("Mette", "handicapparkering", "010203", "Borgerservice"):
        assert secret not in caplog.text
