"""Meta's error answers, mapped onto sojournal's error tree at the boundary.

The Graph API says what went wrong in a JSON body
(``{"error": {"message", "type", "code", "error_subcode", "is_transient", "fbtrace_id"}}``)
and, for rate limits, in usage headers. Callers act on the *branch* of the
error, so every answer must land on the right one:

=====================================================  ===========================
Meta says                                              we raise
=====================================================  ===========================
code 4, 17, 32, 613, 80000-80014                       ``RateLimitError``
code 102, 104, 190, 10, 200-299                        ``AuthError`` (stop the run)
code 100 about ``appsecret_proof``                     ``AuthError`` (wrong app secret)
code 100 + subcode 33, 33, 803, 1705, HTTP 404         ``ObjectGoneError``
code 10900 (private reply already sent)                ``AlreadyRepliedError``
code 1, 2, 1200, ``is_transient: true``, HTTP 5xx      ``TransientError``
anything else                                          ``PermanentError``
=====================================================  ===========================

Messenger's "outside the allowed window" answers come as code 10 with a
messaging subcode; they refuse one message, not our credentials, so they are
``PermanentError`` and the run goes on.

Meta's own ``message`` text is never copied into our errors: it can echo
parameters. Messages name the code, subcode, HTTP status, action, object id
and ``fbtrace_id`` (what Meta support asks for).

>>> err = error_from_response(400, {"error": {"code": 190, "type": "OAuthException"}}, {},
...                           action="DELETE", object_id="1_2")
>>> type(err).__name__, "code 190" in str(err)
('AuthError', True)
>>> type(error_from_response(404, None, {}, action="DELETE", object_id="1_2")).__name__
'ObjectGoneError'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sojournal.errors import (
    AuthError,
    GoneError,
    PermanentError,
    RateLimitError,
    SojournalError,
    TransientError,
)
from sojournal.platforms.graph_usage import read_usage

__all__ = [
    "AUTH_CODES",
    "RATE_LIMIT_CODES",
    "TRANSIENT_CODES",
    "AlreadyRepliedError",
    "GraphErrorBody",
    "ObjectGoneError",
    "error_from_response",
]

RATE_LIMIT_CODES: frozenset[int] = frozenset({4, 17, 32, 613, *range(80000, 80015)})
#: Token missing, invalid or expired: nothing will work until a person acts.
TOKEN_CODES: frozenset[int] = frozenset({102, 104, 190})
#: Permission errors: the token lacks a permission or the page a role.
PERMISSION_CODES: frozenset[int] = frozenset({10, *range(200, 300)})
AUTH_CODES: frozenset[int] = TOKEN_CODES | PERMISSION_CODES
TRANSIENT_CODES: frozenset[int] = frozenset({1, 2, 1200})
#: Code 10 subcodes that refuse one message (24-hour window, message tags), not the token.
MESSAGING_REFUSAL_SUBCODES: frozenset[int] = frozenset({2018108, 2018109, 2018278, 2018065})
ALREADY_REPLIED_CODE = 10900
#: Besides 100/33: "(#33) This object does not exist", "(#803) Some of the aliases you
#: requested do not exist", "(#1705) Selected wall post for deletion does not exist".
GONE_CODES: frozenset[int] = frozenset({33, 803, 1705})


class ObjectGoneError(GoneError):
    """The object no longer exists (or never did): for delete and hide this means done."""


class AlreadyRepliedError(PermanentError):
    """Meta allows one private reply per comment, and this comment already has it."""


@dataclass(frozen=True)
class GraphErrorBody:
    """The fields of Meta's error object that decide what we do; never the message text."""

    code: int | None = None
    subcode: int | None = None
    type: str | None = None
    is_transient: bool = False
    fbtrace_id: str | None = None
    #: Meta refused our ``appsecret_proof``: only this fact is read from the message text.
    appsecret_proof: bool = False

    @classmethod
    def parse(cls, payload: Any) -> GraphErrorBody:
        """Read whatever is there; a body that is not Meta-shaped gives an empty one.

        >>> GraphErrorBody.parse({"error": {"code": 100, "error_subcode": 33}}).subcode
        33
        >>> GraphErrorBody.parse("<html>").code is None
        True
        """
        error = payload.get("error") if isinstance(payload, Mapping) else None
        if not isinstance(error, Mapping):
            return cls()
        kind = error.get("type")
        trace = error.get("fbtrace_id")
        message = error.get("message")
        return cls(
            code=_int_or_none(error.get("code")),
            subcode=_int_or_none(error.get("error_subcode")),
            type=kind if isinstance(kind, str) else None,
            is_transient=error.get("is_transient") is True,
            fbtrace_id=trace if isinstance(trace, str) else None,
            appsecret_proof=isinstance(message, str) and "appsecret_proof" in message,
        )

    def describe(self, status: int, action: str, object_id: str) -> str:
        parts = [f"HTTP {status}"]
        if self.code is not None:
            parts.append(f"code {self.code}")
        if self.subcode is not None:
            parts.append(f"subcode {self.subcode}")
        if self.type:
            parts.append(f"type {self.type}")
        if self.fbtrace_id:
            parts.append(f"fbtrace_id {self.fbtrace_id}")
        return f"Graph API {action} {object_id}: " + ", ".join(parts)


def error_from_response(
    status: int,
    payload: Any,
    headers: Mapping[str, str],
    *,
    action: str,
    object_id: str,
    default_retry_after: float | None = None,
) -> SojournalError:
    """The sojournal error for one failed Graph API answer (status >= 400 or an error body)."""
    body = GraphErrorBody.parse(payload)
    where = body.describe(status, action, object_id)
    code = body.code
    if code in RATE_LIMIT_CODES or status == 429:
        usage = read_usage(headers)
        regain = usage.regain_seconds if usage is not None else None
        retry_after = regain if regain else default_retry_after
        return RateLimitError(f"{where}: rate limited", retry_after=retry_after)
    if code in TOKEN_CODES:
        return AuthError(
            f"{where}: the page access token was refused (code {code}); "
            "issue a new page access token and update the configuration"
        )
    if code == 100 and body.appsecret_proof:
        # Every call will fail the same way: a configuration fault, not one post's.
        return AuthError(
            f"{where}: the appsecret_proof was refused; "
            "check that the app secret belongs to the app that issued the token"
        )
    if code in PERMISSION_CODES and body.subcode not in MESSAGING_REFUSAL_SUBCODES:
        return AuthError(
            f"{where}: permission refused (code {code}); "
            "check the app's permissions and the page role of the token"
        )
    if (code == 100 and body.subcode == 33) or code in GONE_CODES or status == 404:
        return ObjectGoneError(f"{where}: object does not exist")
    if code == ALREADY_REPLIED_CODE:
        return AlreadyRepliedError(f"{where}: a private reply was already sent")
    if code in TRANSIENT_CODES or body.is_transient or status >= 500:
        return TransientError(f"{where}: temporary failure")
    return PermanentError(f"{where}: refused")


def _int_or_none(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None
