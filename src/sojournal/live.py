"""Live intake: webhook deliveries land in the ledger, a processor thread takes them forward.

Deliveries are verified and written to the ledger inside the request, then
acknowledged; the processor works after the response, so Meta never waits
on the case system. Host ``webhook_app(...)`` in any WSGI server.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from sojournal.ledger.port import Ledger
from sojournal.models import Post
from sojournal.pipeline import Journaliser
from sojournal.platforms.webhook import WebhookApp

__all__ = ["LedgerInbox", "Processor", "webhook_app"]

log = logging.getLogger("sojournal.live")


class LedgerInbox:
    """The webhook's ``Inbox``: durable before the 200, idempotent on redelivery."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    def accept(self, posts: Sequence[Post], delivery_id: str) -> None:
        for post in posts:
            self._ledger.record_received(post, source=f"webhook:{delivery_id}")


class Processor:
    """Wakes on each accepted delivery and moves every pending row forward."""

    def __init__(self, journaliser: Journaliser) -> None:
        self._journaliser = journaliser
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="sojournal-processor", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=10)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._wake.wait(timeout=60)  # also retries transient failures once a minute
            self._wake.clear()
            try:
                for outcome in self._journaliser.resume():
                    log.info("post %s: %s", outcome.post_id, outcome.state)
            except Exception:  # keep serving; the ledger keeps the row for the next round
                log.exception("processing round stopped early")


def webhook_app(
    journaliser: Journaliser, app_secret: bytes, verify_token: str
) -> tuple[WebhookApp, Processor]:
    """The WSGI app and its (not yet started) processor, wired to ``journaliser``'s ledger."""
    processor = Processor(journaliser)
    app = WebhookApp(
        app_secret, verify_token, LedgerInbox(journaliser.ledger), on_accepted=processor.wake
    )
    return app, processor
