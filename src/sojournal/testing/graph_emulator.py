"""A Graph API emulator (the subset sojournal uses) with fault injection, as a WSGI app.

Serves ``/{version}/...`` like ``graph.facebook.com``: ``GET /{id}``,
``DELETE /{id}``, ``POST /{id}`` (``is_hidden`` on Facebook, ``hide`` on
Instagram), ``POST /{id}/comments``, ``POST /{id}/replies``,
``POST /{page}/messages`` and ``POST /{page}/blocked``. Answers and errors are
Meta-shaped (``{"error": {"message", "type", "code", "error_subcode",
"is_transient", "fbtrace_id"}}``) and every answer carries ``X-App-Usage``.

Faults (``GraphFaults``) are drawn per request from a seeded RNG: a transient
error (HTTP 500 code 2, or a bare 503), a rate limit (code 80001 with
``X-Business-Use-Case-Usage``), or a lost response (the action is done, then
the connection drops). ``latency`` is seconds added to every request.

Like Meta as far as we know it: a private reply goes once per comment
(a second gets code 10900), and a deleted object cannot be replied to.

>>> emulator = GraphEmulator(token="t")
>>> emulator.add_object("1_2", kind="comment", platform="facebook", page_id="1")
>>> parse_graph_faults("transient=0.3,lost=0.1,seed=7")
GraphFaults(transient=0.3, lost_response=0.1, rate_limit=0.0, latency=0.0, seed=7)
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import parse_qs

from sojournal.models import PlatformName
from sojournal.testing.graph_answers import (
    GraphAnswer,
    StartResponse,
    gone,
    rate_limited,
    respond,
    unavailable,
)
from sojournal.testing.graph_faults import GraphFaults, parse_graph_faults
from sojournal.testing.server import DropConnection, LocalServer

__all__ = [
    "EmulatedPrivateReply",
    "EmulatedReply",
    "GraphEmulator",
    "GraphFaults",
    "parse_graph_faults",
    "serve_graph",
]

ObjectKind = Literal["post", "comment", "message"]


@dataclass
class _Object:
    id: str
    kind: ObjectKind
    platform: PlatformName
    page_id: str
    author_id: str | None
    deleted: bool = False
    hidden: bool = False


@dataclass(frozen=True)
class EmulatedReply:
    """A public reply posted under ``parent_id``."""

    id: str
    parent_id: str
    platform: PlatformName
    message: str


@dataclass(frozen=True)
class EmulatedPrivateReply:
    """A message sent from ``page_id``; ``recipient`` is ``{"comment_id"|"post_id"|"id": …}``."""

    message_id: str
    page_id: str
    recipient: dict[str, str]
    message: str
    messaging_type: str | None


@dataclass
class _State:
    objects: dict[str, _Object] = field(default_factory=dict)
    replies: list[EmulatedReply] = field(default_factory=list)
    private_replies: list[EmulatedPrivateReply] = field(default_factory=list)
    blocked: set[tuple[str, str]] = field(default_factory=set)
    requests: list[tuple[str, str]] = field(default_factory=list)


class GraphEmulator:
    """The WSGI app. ``token=None`` accepts any bearer token (for demos), never a missing one.

    With ``auto_create`` an unknown id is taken to be a live Facebook object of
    ``default_page_id``, so a demo need not seed every post first.

    ``private_reply_to_deleted`` (default off, as we understand Meta): Meta
    resolves the recipient of a private reply from the comment, so a comment
    that is already deleted cannot be answered privately. Deleting must come
    after the private reply; turn this on only to test something else.

    With ``app_secret`` the app behaves as one with Meta's "Require App Secret" on:
    every call must carry the ``appsecret_proof`` of its token (code 100 otherwise).
    """

    def __init__(
        self,
        *,
        token: str | None,
        faults: GraphFaults | None = None,
        api_version: str = "v21.0",
        auto_create: bool = False,
        default_page_id: str = "page-1",
        regain_minutes: int = 1,
        private_reply_to_deleted: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        app_secret: str | None = None,
    ) -> None:
        self._reply_to_deleted = private_reply_to_deleted
        self._app_secret = app_secret
        self._token, self._faults = token, faults or GraphFaults()
        self._prefix = f"/{api_version}/"
        self._auto_create, self._default_page = auto_create, default_page_id
        self._regain_minutes, self._sleep = regain_minutes, sleep
        self._rng = random.Random(self._faults.seed)  # noqa: S311 - fault injection, not crypto
        self._state = _State()
        self._usage = 1
        self._ids = itertools.count(1001)
        self._lock = threading.Lock()

    # -- set-up and queries -------------------------------------------------------------

    def add_object(
        self,
        id: str,
        kind: ObjectKind = "comment",
        platform: PlatformName = "facebook",
        page_id: str = "page-1",
        author_id: str | None = None,
    ) -> None:
        with self._lock:
            self._state.objects[id] = _Object(id, kind, platform, page_id, author_id)

    def set_usage(self, percent: int) -> None:
        """The ``call_count`` every later answer reports in ``X-App-Usage``."""
        with self._lock:
            self._usage = percent

    def deleted_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(o.id for o in self._state.objects.values() if o.deleted)

    def hidden_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(o.id for o in self._state.objects.values() if o.hidden)

    def replies(self) -> list[EmulatedReply]:
        with self._lock:
            return list(self._state.replies)

    def private_replies(self) -> list[EmulatedPrivateReply]:
        with self._lock:
            return list(self._state.private_replies)

    def blocked(self) -> frozenset[tuple[str, str]]:
        """``(page_id, user_id)`` pairs."""
        with self._lock:
            return frozenset(self._state.blocked)

    def requests(self) -> list[tuple[str, str]]:
        """``(method, path)`` of every request that reached the emulator, faults included."""
        with self._lock:
            return list(self._state.requests)

    # -- WSGI ---------------------------------------------------------------------------

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        path = str(environ.get("PATH_INFO", "/"))
        params = self._params(environ)
        if self._faults.latency:
            self._sleep(self._faults.latency)
        with self._lock:
            self._state.requests.append((method, path))
            usage = self._usage
            try:
                self._check_token(environ, params)
                self._inject_fault()
                body = self._route(method, path, params)
                lost = self._rng.random() < self._faults.lost_response
            except GraphAnswer as answer:
                trace = f"emu{next(self._ids)}"
                payload = answer.raw if answer.raw is not None else answer.body(trace)
                return respond(
                    start_response,
                    answer.status,
                    payload,
                    usage_percent=usage,
                    headers=answer.headers,
                )
        if lost:
            raise DropConnection
        return respond(start_response, 200, body, usage_percent=usage)

    def _params(self, environ: dict[str, Any]) -> dict[str, str]:
        params = {k: v[-1] for k, v in parse_qs(str(environ.get("QUERY_STRING", ""))).items()}
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        raw = environ["wsgi.input"].read(length) if length > 0 else b""
        if not raw:
            return params
        text = raw.decode("utf-8", "replace")
        if "json" in str(environ.get("CONTENT_TYPE", "")):
            try:
                loaded = json.loads(text)
            except ValueError:
                return {**params, "__error__": "json"}
            if isinstance(loaded, dict):
                params.update(
                    {k: v if isinstance(v, str) else json.dumps(v) for k, v in loaded.items()}
                )
            return params
        params.update({k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()})
        return params

    def _check_token(self, environ: dict[str, Any], params: dict[str, str]) -> None:
        header = str(environ.get("HTTP_AUTHORIZATION", ""))
        given = header[7:].strip() if header.lower().startswith("bearer ") else None
        given = given or params.get("access_token")
        if not given:
            raise GraphAnswer(400, 104, "An access token is required to request this resource.")
        if self._token is not None and not hmac.compare_digest(given, self._token):
            raise GraphAnswer(
                400, 190, "Invalid OAuth access token - Cannot parse access token", subcode=None
            )
        if self._app_secret is not None:
            proof = params.get("appsecret_proof")
            if not proof:
                raise GraphAnswer(
                    400,
                    100,
                    "API calls from the server require an appsecret_proof argument",
                    kind="GraphMethodException",
                )
            # Computed here, not imported from the client: the emulator is the other side.
            expected = hmac.new(
                self._app_secret.encode(), given.encode(), hashlib.sha256
            ).hexdigest()
            if not hmac.compare_digest(proof, expected):
                raise GraphAnswer(
                    400,
                    100,
                    "Invalid appsecret_proof provided in the API argument",
                    kind="GraphMethodException",
                )

    def _inject_fault(self) -> None:
        roll = self._rng.random()
        if roll < self._faults.rate_limit:
            raise rate_limited(self._default_page, self._regain_minutes)
        if roll < self._faults.rate_limit + self._faults.transient:
            if self._rng.random() < 0.5:
                raise unavailable()
            raise GraphAnswer(
                500,
                2,
                "An unexpected error has occurred. Please retry your request later.",
                transient=True,
            )

    def _route(self, method: str, path: str, params: dict[str, str]) -> dict[str, Any]:
        if "__error__" in params:
            raise GraphAnswer(400, 100, "Invalid JSON body")
        if not path.startswith(self._prefix):
            raise GraphAnswer(400, 2500, "Unknown path components", kind="OAuthException")
        parts = [p for p in path[len(self._prefix) :].split("/") if p]
        if len(parts) == 1 and method == "GET":
            return {"id": self._live(parts[0]).id}
        if len(parts) == 1 and method == "DELETE":
            self._live(parts[0]).deleted = True
            return {"success": True}
        if len(parts) == 1 and method == "POST":
            return self._hide(self._live(parts[0]), params)
        if len(parts) == 2 and method == "POST":
            target, edge = parts
            if edge in ("comments", "replies"):
                return self._reply(self._live(target), edge, params)
            if edge == "messages":
                return self._message(target, params)
            if edge == "blocked":
                return self._block(target, params)
        raise GraphAnswer(400, 2500, "Unknown path components")

    def _live(self, object_id: str) -> _Object:
        obj = self._state.objects.get(object_id)
        if obj is None and self._auto_create:
            obj = _Object(object_id, "comment", "facebook", self._default_page, None)
            self._state.objects[object_id] = obj
        if obj is None or obj.deleted:
            raise gone(object_id)
        return obj

    def _hide(self, obj: _Object, params: dict[str, str]) -> dict[str, Any]:
        wanted = "hide" if obj.platform == "instagram" else "is_hidden"
        if wanted not in params or obj.platform == "messenger":
            raise GraphAnswer(400, 100, f"(#100) Missing or unsupported parameter {wanted}")
        obj.hidden = params[wanted].lower() == "true"
        return {"success": True}

    def _reply(self, obj: _Object, edge: str, params: dict[str, str]) -> dict[str, Any]:
        wanted = "replies" if obj.platform == "instagram" else "comments"
        if edge != wanted or obj.platform == "messenger":
            raise gone(obj.id)  # Meta answers an unsupported edge like a missing object
        message = params.get("message", "")
        if not message:
            raise GraphAnswer(400, 100, "(#100) Param message must be non-empty")
        reply_id = (
            f"{obj.id}_{next(self._ids)}" if obj.platform == "facebook" else str(next(self._ids))
        )
        self._state.replies.append(EmulatedReply(reply_id, obj.id, obj.platform, message))
        return {"id": reply_id}

    def _message(self, page_id: str, params: dict[str, str]) -> dict[str, Any]:
        try:
            recipient = json.loads(params.get("recipient", ""))
            text = json.loads(params.get("message", ""))["text"]
        except (ValueError, KeyError, TypeError):
            raise GraphAnswer(400, 100, "(#100) Invalid recipient or message") from None
        if not isinstance(recipient, dict) or len(recipient) != 1 or not text:
            raise GraphAnswer(400, 100, "(#100) Invalid recipient or message")
        ((key, target),) = recipient.items()
        if key in ("comment_id", "post_id"):
            obj = self._state.objects.get(str(target))
            if obj is None or not (obj.deleted and self._reply_to_deleted):
                obj = self._live(str(target))
            if obj.page_id != page_id and not self._auto_create:
                raise GraphAnswer(400, 100, "(#100) The comment is not on this page")
            if any(r.recipient == recipient for r in self._state.private_replies):
                raise GraphAnswer(400, 10900, "Activity already replied to")
            recipient_id = obj.author_id or f"psid-{obj.id}"
        elif key == "id":
            recipient_id = str(target)
        else:
            raise GraphAnswer(400, 100, "(#100) Invalid recipient")
        message_id = f"m_{next(self._ids)}"
        self._state.private_replies.append(
            EmulatedPrivateReply(
                message_id,
                page_id,
                {str(key): str(target)},
                str(text),
                params.get("messaging_type"),
            )
        )
        return {"recipient_id": recipient_id, "message_id": message_id}

    def _block(self, page_id: str, params: dict[str, str]) -> dict[str, Any]:
        user = params.get("user") or params.get("psid") or params.get("uid")
        if not user:
            raise GraphAnswer(400, 100, "(#100) Param user is required")
        self._state.blocked.add((page_id, user))
        return {user: True}


def serve_graph(
    port: int = 0,
    faults: GraphFaults | None = None,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
) -> None:
    """Serve an emulator (auto-creating objects) until interrupted, for ``sojournal emulate``."""
    emulator = GraphEmulator(token=token, faults=faults, auto_create=True)
    server = LocalServer(emulator, host=host, port=port)
    print(f"Graph API emulator on {server.url}/v21.0 (Ctrl-C stops)", flush=True)
    server.serve_forever()
