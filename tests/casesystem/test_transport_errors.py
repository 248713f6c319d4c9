"""Which low-level failures mean "nothing sent" and which mean "sent, answer lost"."""

from __future__ import annotations

import http.client
from typing import Any

import pytest
import requests
import urllib3.exceptions
from requests.adapters import HTTPAdapter

from sojournal.casesystems._soap_transport import PackagedSchemaTransport
from sojournal.errors import AmbiguousError, ConfigError, PermanentError, TransientError

URL = "https://esdh.kommune.example/soap"


class RaisingAdapter(HTTPAdapter):
    """A requests adapter that fails the way the network would, without a network."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        raise self.error


def _dns_failure() -> Exception:
    reason = urllib3.exceptions.NameResolutionError("esdh.kommune.example", None, OSError("no dns"))  # type: ignore[arg-type]
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, URL, reason)  # type: ignore[arg-type]
    )


def _refused() -> Exception:
    reason = urllib3.exceptions.NewConnectionError(None, "[Errno 111] Connection refused")  # type: ignore[arg-type]
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.MaxRetryError(None, URL, reason)  # type: ignore[arg-type]
    )


def _reset() -> Exception:
    return requests.exceptions.ConnectionError(
        urllib3.exceptions.ProtocolError(
            "Connection aborted.", http.client.RemoteDisconnected("closed")
        )
    )


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (_dns_failure(), TransientError),
        (_refused(), TransientError),
        (requests.exceptions.ConnectTimeout("connect timed out"), TransientError),
        (requests.exceptions.ReadTimeout("read timed out"), AmbiguousError),
        (_reset(), AmbiguousError),
        (requests.exceptions.ChunkedEncodingError("cut off"), AmbiguousError),
        (requests.exceptions.SSLError("certificate verify failed"), PermanentError),
        (requests.exceptions.InvalidURL("bad"), ConfigError),
    ],
)
def test_failures_map_to_when_they_happened(error: Exception, expected: type[Exception]) -> None:
    session = requests.Session()
    session.mount("https://", RaisingAdapter(error))
    transport = PackagedSchemaTransport(session, connect_timeout=1, read_timeout=1)
    with pytest.raises(expected) as caught:
        transport.post(URL, b"<Envelope/>", {})
    assert type(caught.value) is expected
