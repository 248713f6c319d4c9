"""Meta-shaped answers for the Graph API emulator: error bodies, usage headers, rate limits.

>>> answer = gone("1_2")
>>> answer.code, answer.subcode, answer.status
(100, 33, 400)
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["GraphAnswer", "StartResponse", "gone", "rate_limited", "respond", "unavailable"]

StartResponse = Callable[..., Any]

_STATUS = {
    200: "200 OK",
    400: "400 Bad Request",
    500: "500 Internal Server Error",
    503: "503 Service Unavailable",
}


class GraphAnswer(Exception):
    """Raised inside the emulator to answer with an error, as Meta would."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        subcode: int | None = None,
        kind: str = "OAuthException",
        transient: bool = False,
        headers: tuple[tuple[str, str], ...] = (),
        raw: bytes | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.subcode, self.kind = status, code, subcode, kind
        self.transient, self.message, self.headers, self.raw = transient, message, headers, raw

    def body(self, trace_id: str) -> dict[str, Any]:
        error: dict[str, Any] = {
            "message": self.message,
            "type": self.kind,
            "code": self.code,
            "fbtrace_id": trace_id,
        }
        if self.subcode is not None:
            error["error_subcode"] = self.subcode
        if self.transient:
            error["is_transient"] = True
        return {"error": error}


def gone(object_id: str) -> GraphAnswer:
    """Meta's answer for an id that does not exist (any more), or an unsupported edge."""
    return GraphAnswer(
        400,
        100,
        f"Unsupported request. Object with ID '{object_id}' does not exist",
        subcode=33,
        kind="GraphMethodException",
    )


def rate_limited(page_id: str, regain_minutes: int) -> GraphAnswer:
    """A business-use-case rate limit (code 80001) with Meta's estimate in the header."""
    usage = {
        page_id: [
            {
                "type": "pages",
                "call_count": 100,
                "total_cputime": 10,
                "total_time": 10,
                "estimated_time_to_regain_access": regain_minutes,
            }
        ]
    }
    return GraphAnswer(
        400,
        80001,
        "There have been too many calls to this Page account.",
        headers=(("X-Business-Use-Case-Usage", json.dumps(usage)),),
    )


def unavailable() -> GraphAnswer:
    """A bare 503 with no JSON, as a load balancer in front of Meta sends."""
    return GraphAnswer(503, 0, "Service Unavailable", raw=b"Service Unavailable")


def respond(
    start_response: StartResponse,
    status: int,
    body: dict[str, Any] | bytes,
    *,
    usage_percent: int,
    headers: Iterable[tuple[str, str]] = (),
) -> list[bytes]:
    """Start a response with ``X-App-Usage`` and return its body."""
    usage = {"call_count": usage_percent, "total_time": usage_percent, "total_cputime": 1}
    if isinstance(body, bytes):
        data, kind = body, "text/plain"
    else:
        data, kind = json.dumps(body).encode(), "application/json"
    start_response(
        _STATUS.get(status, f"{status} Error"),
        [
            ("Content-Type", kind),
            ("X-App-Usage", json.dumps(usage)),
            *headers,
            ("Content-Length", str(len(data))),
        ],
    )
    return [data]
