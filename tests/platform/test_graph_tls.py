"""TLS verification is on by default: a certificate we do not trust stops the call, unretried."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from sojournal.errors import PermanentError, TransientError
from sojournal.models import Post

from .helpers import PlatformFactory


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b'{"id": "1_2"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def self_signed_url(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl not available")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = HTTPServer(("127.0.0.1", 0), _Ok)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}", cert
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_untrusted_certificate_is_refused_without_retry(
    self_signed_url: tuple[str, Path], make_platform: PlatformFactory, slept: list[float]
) -> None:
    url, _ = self_signed_url
    post = Post(id="1_2", channel="facebook_comment")
    with pytest.raises(PermanentError, match="TLS verification failed") as caught:
        make_platform(url).exists(post)
    assert not isinstance(caught.value, TransientError)
    assert slept == []


def test_the_municipality_ca_bundle_is_trusted(
    self_signed_url: tuple[str, Path], make_platform: PlatformFactory
) -> None:
    url, cert = self_signed_url
    post = Post(id="1_2", channel="facebook_comment")
    assert make_platform(url, ca_bundle=str(cert)).exists(post) is True
