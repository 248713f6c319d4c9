"""Meta's error answers land on the right branch of our error tree, and say nothing secret."""

from __future__ import annotations

import json
from typing import Any

import pytest

from sojournal.errors import (
    AmbiguousError,
    AuthError,
    PermanentError,
    RateLimitError,
    SojournalError,
    TransientError,
)
from sojournal.platforms.graph_errors import (
    AlreadyRepliedError,
    ObjectGoneError,
    error_from_response,
)


def meta(code: int, subcode: int | None = None, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {
        "message": "(#x) echo of secret-message-text",
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "AbCdTrace",
        **extra,
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    return {"error": error}


TABLE: list[tuple[str, int, Any, type[SojournalError]]] = [
    # rate limits
    ("app rate limit", 400, meta(4), RateLimitError),
    ("user rate limit", 400, meta(17), RateLimitError),
    ("page rate limit", 400, meta(32), RateLimitError),
    ("custom rate limit", 400, meta(613), RateLimitError),
    ("business use case 80000", 400, meta(80000), RateLimitError),
    ("business use case 80001", 400, meta(80001), RateLimitError),
    ("business use case 80008", 400, meta(80008), RateLimitError),
    ("HTTP 429 without body", 429, None, RateLimitError),
    # transient
    ("unknown error", 500, meta(1), TransientError),
    ("service error", 500, meta(2), TransientError),
    ("flagged transient", 400, meta(100, is_transient=True), TransientError),
    ("temporary send failure", 400, meta(1200), TransientError),
    ("bare 500", 500, None, TransientError),
    ("bare 503", 503, None, TransientError),
    # auth
    ("invalid token", 400, meta(190), AuthError),
    ("expired token", 400, meta(190, 463), AuthError),
    ("session key", 400, meta(102), AuthError),
    ("token missing", 400, meta(104), AuthError),
    ("permission denied", 403, meta(10), AuthError),
    ("permissions error 200", 403, meta(200), AuthError),
    ("permission 230", 400, meta(230), AuthError),
    ("permission 299", 400, meta(299), AuthError),
    # gone
    ("object does not exist", 400, meta(100, 33), ObjectGoneError),
    ("alias does not exist", 400, meta(803), ObjectGoneError),
    ("object does not exist (#33)", 400, meta(33), ObjectGoneError),
    ("wall post for deletion does not exist", 400, meta(1705), ObjectGoneError),
    ("HTTP 404", 404, None, ObjectGoneError),
    # refusals of one action
    ("already replied", 400, meta(10900), AlreadyRepliedError),
    ("outside messaging window", 400, meta(10, 2018278), PermanentError),
    ("invalid parameter", 400, meta(100), PermanentError),
    ("policy block", 400, meta(368), PermanentError),
    ("bare 403", 403, None, PermanentError),
]


@pytest.mark.parametrize(
    ("status", "payload", "expected"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_each_code_family_maps_to_its_branch(
    status: int, payload: Any, expected: type[SojournalError]
) -> None:
    error = error_from_response(status, payload, {}, action="DELETE", object_id="123_456")
    assert type(error) is expected
    assert "123_456" in str(error)
    assert "secret-message-text" not in str(error)


def test_only_the_right_branches_are_retried() -> None:
    def mapped(status: int, payload: Any) -> SojournalError:
        return error_from_response(status, payload, {}, action="POST", object_id="1")

    assert not isinstance(mapped(400, meta(190)), TransientError)
    assert not isinstance(mapped(400, meta(10900)), TransientError)
    assert not isinstance(mapped(400, meta(100, 33)), TransientError)
    assert not isinstance(mapped(500, meta(2)), AmbiguousError)
    assert isinstance(mapped(400, meta(10900)), PermanentError)


def test_auth_error_names_the_code_and_trace() -> None:
    error = error_from_response(400, meta(190, 460), {}, action="GET", object_id="1_2")
    assert "code 190" in str(error)
    assert "subcode 460" in str(error)
    assert "AbCdTrace" in str(error)


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        (
            "X-Business-Use-Case-Usage",
            {"42": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 3}]},
            180.0,
        ),
        ("X-Page-Usage", {"call_count": 100, "estimated_time_to_regain_access": 1}, 60.0),
        ("X-App-Usage", {"call_count": 100, "total_time": 30, "total_cputime": 20}, 7.5),
        ("X-App-Usage", "{broken", 7.5),
    ],
    ids=["business-use-case", "page", "app-without-estimate", "unreadable"],
)
def test_rate_limit_wait_comes_from_usage_headers_or_the_default(
    header: str, value: Any, expected: float
) -> None:
    raw = value if isinstance(value, str) else json.dumps(value)
    error = error_from_response(
        400,
        meta(80001),
        {header: raw},
        action="DELETE",
        object_id="1",
        default_retry_after=7.5,
    )
    assert isinstance(error, RateLimitError)
    assert error.retry_after == expected
