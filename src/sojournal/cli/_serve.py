"""``sojournal serve``: the webhook receiver under waitress, with a processor thread."""

from __future__ import annotations

import argparse
import logging
from typing import Any

from sojournal.errors import ConfigError

log = logging.getLogger("sojournal.serve")


def register(sub: Any) -> None:
    serve = sub.add_parser("serve", help="receive Meta webhooks and journalise as they arrive")
    serve.add_argument("--config", help="sojournal.toml (default: $SOJOURNAL_CONFIG)")
    serve.add_argument("--host", help="override [webhook] host")
    serve.add_argument("--port", type=int, help="override [webhook] port")
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from sojournal.config import load_settings
    from sojournal.factory import build_journaliser
    from sojournal.live import webhook_app
    from sojournal.platforms.webhook_serve import serve_webhook

    settings = load_settings(args.config)
    hook = settings.webhook
    if hook.app_secret is None or hook.verify_token is None:
        raise ConfigError(
            f"sojournal serve needs ${hook.app_secret_env} (the Meta app secret) and "
            f"${hook.verify_token_env} (the verify token) in the environment"
        )
    app, processor = webhook_app(
        build_journaliser(settings),
        hook.app_secret.get_secret_value().encode(),
        hook.verify_token.get_secret_value(),
    )
    processor.start()
    processor.wake()  # whatever an earlier run left behind
    try:
        serve_webhook(app, args.host or hook.host, args.port or hook.port, hook.threads)
    finally:
        processor.stop()
    return 0
