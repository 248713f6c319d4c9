"""The HTTP edge of the reference adapter: a zeep ``Transport`` that maps failures, never logs.

Two jobs zeep's own transport does not do for us. First, it tells *when* a
request failed: before anything was sent (connection refused, DNS, connect
timeout — safe to send again) or after (read timeout, reset, remote
disconnect — the case system may have filed the document, so the caller must
ask before resending). Second, it never logs: zeep's transport logs whole
envelopes at DEBUG, and an envelope is a citizen's post.

Schemas are read from the package, never fetched: ``load`` serves only the
packaged WSDL and XSD, whatever URL zeep computes for them.
"""

from __future__ import annotations

import logging
from importlib.resources import files
from typing import Any

import requests
import urllib3.exceptions
from zeep.transports import Transport

from sojournal.errors import (
    AmbiguousError,
    AuthError,
    ConfigError,
    PermanentError,
    RateLimitError,
    TransientError,
)

__all__ = ["PACKAGED_SCHEMAS", "PackagedSchemaTransport", "silence_zeep_envelope_logging"]

PACKAGED_SCHEMAS = frozenset({"sojournal-esdh.wsdl", "sojournal-casedocument.xsd"})


class _DropEnvelopes(logging.Filter):
    """Drops zeep's envelope dumps ("HTTP Post to …", "HTTP Response from …")."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(("HTTP Post", "HTTP Response"))


_FILTER = _DropEnvelopes()


def silence_zeep_envelope_logging() -> None:
    """Make sure no zeep transport, ours or anyone's, writes an envelope to the logs.

    Idempotent. Raises the logger to WARNING and, in case someone lowers it
    again, filters the two messages that carry envelopes.
    """
    zeep_transport_log = logging.getLogger("zeep.transports")
    zeep_transport_log.setLevel(logging.WARNING)
    if _FILTER not in zeep_transport_log.filters:
        zeep_transport_log.addFilter(_FILTER)


def _nothing_sent(exc: BaseException) -> bool:
    """True when the connection never opened, so the request cannot have reached the server."""
    seen: set[int] = set()
    stack: list[Any] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        # NewConnectionError (refused, DNS) is a ConnectTimeoutError in urllib3 2.
        if isinstance(current, urllib3.exceptions.ConnectTimeoutError | ConnectionRefusedError):
            return True
        if isinstance(current, BaseException):
            stack.extend([current.__cause__, current.__context__, *current.args])
            stack.append(getattr(current, "reason", None))
    return False


class PackagedSchemaTransport(Transport):
    """zeep ``Transport`` over an injected ``requests.Session`` with our error mapping."""

    def __init__(
        self,
        session: requests.Session,
        *,
        connect_timeout: float,
        read_timeout: float,
    ) -> None:
        timeouts = (connect_timeout, read_timeout)
        super().__init__(session=session, operation_timeout=timeouts)  # type: ignore[no-untyped-call]

    def load(self, url: str) -> bytes:
        name = url.replace("\\", "/").rsplit("/", 1)[-1]
        if name not in PACKAGED_SCHEMAS:
            raise ConfigError(f"refusing to load schema {name!r}: only packaged schemas are used")
        return (files("sojournal") / "schemas" / name).read_bytes()

    def post(self, address: str, message: bytes, headers: dict[str, str]) -> requests.Response:
        try:
            response = self.session.post(
                address, data=message, headers=headers, timeout=self.operation_timeout
            )
        except requests.exceptions.SSLError:
            raise PermanentError(f"TLS handshake with {address} failed (certificate?)") from None
        except (
            requests.exceptions.InvalidURL,
            requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema,
        ):
            raise ConfigError(f"case system endpoint is not a usable URL: {address}") from None
        except requests.exceptions.ConnectTimeout as exc:
            raise TransientError(f"connect to {address} timed out (nothing sent)") from exc
        except requests.exceptions.ReadTimeout as exc:
            raise AmbiguousError(f"no answer from {address} in time (request sent)") from exc
        except requests.exceptions.ConnectionError as exc:
            if _nothing_sent(exc):
                raise TransientError(f"cannot connect to {address} (nothing sent)") from exc
            raise AmbiguousError(f"connection to {address} lost (request sent)") from exc
        except requests.exceptions.RequestException as exc:
            # e.g. a response cut off mid-body: the server had the request.
            raise AmbiguousError(f"HTTP exchange with {address} failed (request sent)") from exc
        _raise_for_status(address, response)
        return response


def _raise_for_status(address: str, response: requests.Response) -> None:
    """Statuses that are not a SOAP answer; a 500 is left to zeep, it carries the Fault."""
    status = response.status_code
    if status in (401, 403):
        raise AuthError(f"case system at {address} refused our credentials (HTTP {status})")
    if status == 429:
        retry_after = response.headers.get("Retry-After", "")
        raise RateLimitError(
            f"case system at {address} asked us to slow down (HTTP 429)",
            retry_after=float(retry_after) if retry_after.isdigit() else None,
        )
    if status >= 500 and (status != 500 or not response.content):
        raise TransientError(f"case system at {address} answered HTTP {status}")
    if 400 <= status < 500:
        raise PermanentError(f"case system at {address} answered HTTP {status}")
