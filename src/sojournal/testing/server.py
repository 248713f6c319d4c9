"""Run a WSGI app on a free localhost port in a background thread, for tests and demos.

Emulators need one thing a production WSGI server will not do for them: drop
the connection *after* doing the work, to play a lost response. An app raises
``DropConnection`` and the client sees the socket close with no answer.

>>> def hello(environ, start_response):
...     start_response("200 OK", [("Content-Type", "text/plain")])
...     return [b"hej"]
>>> import urllib.request
>>> with LocalServer(hello) as server:
...     urllib.request.urlopen(server.url + "/").read()
b'hej'
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from types import TracebackType
from typing import Any
from wsgiref.simple_server import ServerHandler, WSGIRequestHandler, WSGIServer

__all__ = ["DropConnection", "LocalServer", "WsgiApp"]

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class DropConnection(Exception):
    """Raised by an emulated app to close the connection without any response."""


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _ServerHandler(ServerHandler):
    def handle_error(self) -> None:
        # wsgiref turns every app exception into a 500 page; a drop must stay a drop.
        if isinstance(sys.exc_info()[1], DropConnection):
            self.status = "499 Dropped"  # only for wsgiref's access log, which is silent
            raise DropConnection
        super().handle_error()


class _QuietHandler(WSGIRequestHandler):
    # Access logs would print request lines to stderr in every test run.
    def log_message(self, format: str, *args: Any) -> None:
        return

    def handle(self) -> None:
        # As wsgiref's own ``handle``, with a handler that lets ``DropConnection`` through.
        self.raw_requestline = self.rfile.readline(65537)
        if len(self.raw_requestline) > 65536:
            self.send_error(414)
            return
        if not self.parse_request():
            return
        handler = _ServerHandler(
            self.rfile,
            self.wfile,  # type: ignore[arg-type]
            self.get_stderr(),
            self.get_environ(),
            multithread=True,
        )
        handler.request_handler = self  # type: ignore[attr-defined]
        try:
            handler.run(self.server.get_app())  # type: ignore[attr-defined]
        except DropConnection:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)


class LocalServer:
    """A WSGI app served on ``127.0.0.1`` (port 0 picks a free one) until ``stop()``."""

    def __init__(self, app: WsgiApp, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self._server = _ThreadingWSGIServer((host, port), _QuietHandler)
        self._server.set_app(app)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.host, self.port = host, self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def serve_forever(self) -> None:
        """Serve in the calling thread (for ``sojournal emulate``) until interrupted."""
        try:
            self._server.serve_forever()
        finally:
            self._server.server_close()

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
