"""One Graph API request: authenticated, bounded in time, and mapped onto our errors.

``GraphClient`` knows HTTP and Meta's answers, nothing about posts or retries
(that is ``graph.GraphPlatform``). The ``requests.Session`` is injected, as
zeep's ``Transport`` is, so callers control pooling, proxies and CA bundles.

Secrets stay out of everything that gets logged: the token travels in the
``Authorization`` header and message text in the form body, never in the URL
(urllib3 logs request lines at DEBUG). Our own log lines and errors name the
HTTP method, object id, status and Meta's error code, never a body.

With the app secret given, every request carries ``appsecret_proof`` (an HMAC of
the token keyed with the app secret), so a token leaked on its own is useless to
anyone without the secret; Meta's "Require App Secret" setting can then be
turned on for the app. The proof is derived per token, never the secret itself.

Network failures are split by whether the request can have reached Meta:

- no connection made (refused, DNS, connect timeout) → ``TransientError``;
- request sent, no answer (read timeout, reset, dropped) → ``AmbiguousError``;
- TLS verification failed → ``PermanentError`` (retrying will not fix a certificate).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import requests
from pydantic import BaseModel, ConfigDict, Field
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from sojournal.errors import AmbiguousError, PermanentError, RateLimitError, TransientError
from sojournal.platforms.graph_errors import error_from_response
from sojournal.platforms.graph_usage import Throttle, read_usage

__all__ = ["GraphClient", "GraphSettings", "SecretLike", "appsecret_proof"]

log = logging.getLogger("sojournal.platforms.graph")


class SecretLike(Protocol):
    """Anything that hands out a secret only on request, like ``pydantic.SecretStr``."""

    def get_secret_value(self) -> str: ...


class GraphSettings(BaseModel):
    """Where the Graph API is and how patiently to talk to it.

    ``ca_bundle`` is a CA file or directory to verify against instead of the
    system's (a CA path set on the injected session is kept, too); turning
    ``verify_tls`` off wins over both and is for local emulators only.
    ``default_retry_after`` (seconds) is used when Meta rate-limits without an
    estimate in its usage headers. Above ``slow_down_at`` percent usage the
    adapter pauses up to ``max_pause`` seconds before its next call.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str = "https://graph.facebook.com"
    api_version: str = Field(default="v21.0", pattern=r"^v\d+\.\d+$")
    timeout: float = Field(default=10.0, gt=0)
    verify_tls: bool = True
    ca_bundle: str | None = None
    default_retry_after: float = Field(default=5.0, ge=0)
    slow_down_at: float = Field(default=90.0, gt=0, le=100)
    max_pause: float = Field(default=10.0, ge=0)


class GraphClient:
    """Sends one request and returns Meta's JSON object, or raises a sojournal error."""

    def __init__(
        self,
        session: requests.Session,
        token: SecretLike,
        *,
        settings: GraphSettings,
        sleep: Callable[[float], None] = time.sleep,
        app_secret: SecretLike | None = None,
    ) -> None:
        self._session, self._token, self._settings = session, token, settings
        self._proof = (
            appsecret_proof(app_secret.get_secret_value(), token.get_secret_value())
            if app_secret is not None
            else None
        )
        self._root = f"{settings.base_url.rstrip('/')}/{settings.api_version}"
        self._verify = _verify_setting(settings, session)
        self._throttle = Throttle(
            slow_down_at=settings.slow_down_at, max_pause=settings.max_pause, sleep=sleep
        )

    def call(
        self,
        method: str,
        path: str,
        *,
        object_id: str,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        """``method`` on ``/{version}/{path}``; ``object_id`` is what errors and logs name."""
        self._throttle.wait()
        action = method.upper()
        if self._proof is not None:
            params = {**(params or {}), "appsecret_proof": self._proof}
        try:
            response = self._session.request(
                action,
                f"{self._root}/{path}",
                params=params,
                data=data,
                headers={"Authorization": f"Bearer {self._token.get_secret_value()}"},
                timeout=self._settings.timeout,
                verify=self._verify,
                allow_redirects=False,
            )
        except requests.RequestException as exc:
            error = _network_error(exc, action, object_id)
            log.debug("graph %s %s: %s", action, object_id, type(error).__name__)
            raise error from None
        self._throttle.observe(read_usage(response.headers))
        payload = _json_or_none(response)
        failed = response.status_code >= 400 or (
            isinstance(payload, dict) and isinstance(payload.get("error"), dict)
        )
        if failed:
            error = error_from_response(
                response.status_code,
                payload,
                response.headers,
                action=action,
                object_id=object_id,
                default_retry_after=self._settings.default_retry_after,
            )
            if isinstance(error, RateLimitError):
                self._throttle.clear()  # the retry waits as long as Meta asked; not twice
            log.debug("graph %s %s: %s", action, object_id, error)
            raise error
        if not isinstance(payload, dict):
            # A 2xx whose body we cannot read: Meta may well have acted.
            raise AmbiguousError(
                f"Graph API {action} {object_id}: HTTP {response.status_code} unreadable answer"
            )
        log.debug("graph %s %s: HTTP %s", action, object_id, response.status_code)
        return payload


def appsecret_proof(app_secret: str, token: str) -> str:
    """Meta's proof that the caller holds the app secret: HMAC-SHA256 of the token, hex.

    >>> appsecret_proof("secret", "token")[:16]
    'e941110e3d2bfe82'
    """
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def _verify_setting(settings: GraphSettings, session: requests.Session) -> bool | str:
    if not settings.verify_tls:
        return False
    if settings.ca_bundle:
        return settings.ca_bundle
    # A per-request ``verify=True`` would override a CA path configured on the session.
    return session.verify if isinstance(session.verify, str) else True


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _network_error(exc: requests.RequestException, action: str, object_id: str) -> Exception:
    where = f"Graph API {action} {object_id}"
    if isinstance(exc, requests.exceptions.SSLError):
        return PermanentError(f"{where}: TLS verification failed")
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return TransientError(f"{where}: connect timeout, request not sent")
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return AmbiguousError(f"{where}: read timeout, request sent but no answer")
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason = exc.args[0] if exc.args else None
        if isinstance(reason, MaxRetryError):
            reason = reason.reason
        if isinstance(reason, NewConnectionError | ConnectTimeoutError):
            return TransientError(f"{where}: connection failed, request not sent")
        return AmbiguousError(f"{where}: connection lost, request sent but no answer")
    if isinstance(exc, requests.exceptions.InvalidURL | requests.exceptions.MissingSchema):
        return PermanentError(f"{where}: invalid Graph API URL")
    return AmbiguousError(f"{where}: {type(exc).__name__}, answer unknown")
