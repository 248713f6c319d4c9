"""``sojournal serve``: the webhook receiver under waitress, with a processor thread.

Deliveries are verified and written to the ledger inside the request, then
acknowledged; the processor thread takes them forward after the response,
so Meta never waits on the case system.
"""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import Sequence
from typing import Any

from sojournal.errors import ConfigError
from sojournal.models import Post

log = logging.getLogger("sojournal.serve")


def register(sub: Any) -> None:
    serve = sub.add_parser("serve", help="receive Meta webhooks and journalise as they arrive")
    serve.add_argument("--config", help="sojournal.toml (default: $SOJOURNAL_CONFIG)")
    serve.add_argument("--host", help="override [webhook] host")
    serve.add_argument("--port", type=int, help="override [webhook] port")
    serve.set_defaults(run=run_serve)


class LedgerInbox:
    """The webhook's ``Inbox``: durable before the 200, idempotent on redelivery."""

    def __init__(self, ledger: Any) -> None:
        self._ledger = ledger

    def accept(self, posts: Sequence[Post], delivery_id: str) -> None:
        for post in posts:
            self._ledger.record_received(post, source=f"webhook:{delivery_id}")


class Processor:
    """Wakes on each accepted delivery and moves every pending row forward."""

    def __init__(self, journaliser: Any) -> None:
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


def run_serve(args: argparse.Namespace) -> int:
    from sojournal.config import load_settings
    from sojournal.factory import build_journaliser
    from sojournal.platforms.webhook import WebhookApp
    from sojournal.platforms.webhook_serve import serve_webhook

    settings = load_settings(args.config)
    hook = settings.webhook
    if hook.app_secret is None or hook.verify_token is None:
        raise ConfigError(
            f"sojournal serve needs ${hook.app_secret_env} (the Meta app secret) and "
            f"${hook.verify_token_env} (the verify token) in the environment"
        )
    journaliser = build_journaliser(settings)
    processor = Processor(journaliser)
    app = WebhookApp(
        hook.app_secret.get_secret_value().encode(),
        hook.verify_token.get_secret_value(),
        LedgerInbox(journaliser.ledger),
        on_accepted=processor.wake,
    )
    processor.start()
    processor.wake()  # whatever an earlier run left behind
    try:
        serve_webhook(app, args.host or hook.host, args.port or hook.port, hook.threads)
    finally:
        processor.stop()
    return 0
