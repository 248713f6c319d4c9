"""The webhook receiver: a WSGI app Meta posts to, and a waitress server to run it.

Meta expects a 200 within seconds and retries otherwise, so the receiver only
verifies, parses and hands the posts to an ``Inbox`` (the ledger, which must be
fast) and answers; deciding and filing happen after the response, in whatever
``on_accepted`` wakes. Nothing is stored unless the ``X-Hub-Signature-256``
HMAC of the raw body matches the app secret, compared in constant time. The
body is never logged; log lines carry the delivery id (a hash of the body,
stable across Meta's retries of the same delivery) and counts.

Status codes: 200 stored (or nothing to store), 400 not JSON / not a delivery,
403 bad or missing signature or verify token, 405 other methods, 411 no length,
413 body over ``max_body``, 503 the inbox failed (Meta will retry).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol
from urllib.parse import parse_qs

from sojournal.errors import ConfigError
from sojournal.models import Post
from sojournal.platforms.sources.webhook_payload import posts_from_delivery
from sojournal.platforms.webhook_serve import bound_port, make_webhook_server, serve_webhook

__all__ = [
    "Inbox",
    "WebhookApp",
    "bound_port",
    "make_webhook_server",
    "serve_webhook",
    "sign",
]

log = logging.getLogger(__name__)

StartResponse = Callable[..., Any]


class Inbox(Protocol):
    """Where accepted posts go. Must be quick and durable: return only once they are stored.

    Called with the same ``delivery_id`` again when Meta redelivers, so it should be
    idempotent (the posts' idempotency keys make that easy).
    """

    def accept(self, posts: Sequence[Post], delivery_id: str) -> None: ...


def sign(app_secret: bytes, body: bytes) -> str:
    """The ``X-Hub-Signature-256`` header value Meta sends for ``body``.

    >>> sign(b"hemmelig", b"{}")
    'sha256=d974458757db772011c71ead3eadf87aff8f81b56c2a363dffcdfbedc3816871'
    """
    return "sha256=" + hmac.new(app_secret, body, hashlib.sha256).hexdigest()


class WebhookApp:
    """A WSGI app: GET answers Meta's subscription check, POST receives deliveries."""

    def __init__(
        self,
        app_secret: bytes,
        verify_token: str,
        inbox: Inbox,
        max_body: int = 1_000_000,
        on_accepted: Callable[[], None] | None = None,
    ) -> None:
        if not app_secret or not verify_token:
            # An empty secret would make every forged signature valid.
            raise ConfigError("webhook app secret and verify token must not be empty")
        self._secret, self._token = app_secret, verify_token.encode("utf-8")
        self._inbox, self._max_body, self._on_accepted = inbox, max_body, on_accepted

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method == "GET":
            status, body = self._verify(environ)
        elif method == "POST":
            status, body = self._receive(environ)
        else:
            start_response("405 Method Not Allowed", [("Allow", "GET, POST"), *_plain(b"")])
            return [b""]
        start_response(status, _plain(body))
        return [body]

    def _verify(self, environ: dict[str, Any]) -> tuple[str, bytes]:
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        mode = query.get("hub.mode", [""])[0]
        token = query.get("hub.verify_token", [""])[0].encode("utf-8")
        challenge = query.get("hub.challenge", [""])[0]
        if mode != "subscribe" or not hmac.compare_digest(token, self._token):
            log.warning("webhook verification refused")
            return "403 Forbidden", b"forbidden"
        if not challenge or len(challenge) > 256:
            return "400 Bad Request", b"bad challenge"
        return "200 OK", challenge.encode("utf-8")

    def _receive(self, environ: dict[str, Any]) -> tuple[str, bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or "")
        except ValueError:
            return "411 Length Required", b"length required"
        if length < 0:
            return "400 Bad Request", b"bad length"
        if length > self._max_body:
            log.warning("webhook body of %d bytes refused (max %d)", length, self._max_body)
            return "413 Payload Too Large", b"too large"
        raw = _read_exactly(environ["wsgi.input"], length)
        if raw is None:
            return "400 Bad Request", b"incomplete body"
        given = environ.get("HTTP_X_HUB_SIGNATURE_256", "").strip().lower()
        expected = sign(self._secret, raw)
        if not hmac.compare_digest(expected.encode("ascii"), given.encode("latin-1")):
            log.warning("webhook delivery refused: %s signature", "bad" if given else "missing")
            return "403 Forbidden", b"forbidden"
        delivery_id = hashlib.sha256(raw).hexdigest()[:32]
        try:
            payload = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            log.warning("webhook delivery %s: not JSON", delivery_id)
            return "400 Bad Request", b"not JSON"
        if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
            log.warning("webhook delivery %s: not a delivery", delivery_id)
            return "400 Bad Request", b"not a delivery"
        posts = posts_from_delivery(payload)
        if posts:
            try:
                self._inbox.accept(posts, delivery_id)
            except Exception as exc:
                log.error("webhook delivery %s not stored: %s", delivery_id, type(exc).__name__)
                return "503 Service Unavailable", b"try again"
            log.info("webhook delivery %s: %d posts accepted", delivery_id, len(posts))
            self._wake(delivery_id)
        return "200 OK", b"EVENT_RECEIVED"

    def _wake(self, delivery_id: str) -> None:
        if self._on_accepted is None:
            return
        try:
            self._on_accepted()
        except Exception as exc:
            # The posts are stored; a failed wake-up only delays processing.
            log.error(
                "webhook delivery %s: on_accepted failed: %s", delivery_id, type(exc).__name__
            )


def _read_exactly(stream: Any, length: int) -> bytes | None:
    chunks: list[bytes] = []
    remaining = length
    while remaining > 0:
        chunk = stream.read(min(remaining, 65536))
        if not chunk:
            return None
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _plain(body: bytes) -> list[tuple[str, str]]:
    return [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
