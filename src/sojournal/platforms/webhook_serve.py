"""Run the webhook receiver with waitress, a production-grade pure-Python WSGI server.

waitress buffers each request fully before the app sees it, so a slow client
cannot hold a worker thread, and it handles chunked bodies (setting
``CONTENT_LENGTH`` for the app). Its own body limit is set a little above the
app's, so oversized bodies are refused before they are buffered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from waitress.server import BaseWSGIServer, MultiSocketServer, create_server

__all__ = ["WebhookServer", "bound_port", "make_webhook_server", "serve_webhook"]

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
WebhookServer = MultiSocketServer | BaseWSGIServer


def make_webhook_server(
    app: WsgiApp,
    host: str = "127.0.0.1",
    port: int = 8080,
    threads: int = 4,
    *,
    max_body: int = 1_000_000,
) -> WebhookServer:
    """A bound, not yet running server (``port=0`` picks a free one); ``.run()`` serves.

    ``bound_port(server)`` tells which port it got; ``server.close()`` stops it.
    """
    return create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=max_body + 65536,
        ident="sojournal",
    )


def bound_port(server: WebhookServer) -> int:
    if isinstance(server, MultiSocketServer):
        return int(server.effective_listen[0][1])
    return int(server.getsockname()[1])


def serve_webhook(app: WsgiApp, host: str, port: int, threads: int = 4) -> None:
    """Serve ``app`` until interrupted (``sojournal serve``)."""
    server = make_webhook_server(app, host, port, threads)
    try:
        server.run()
    finally:
        server.close()
