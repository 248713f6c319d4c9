"""A municipal service that hands each new post to sojournal.

Run it with a configuration (``SOJOURNAL_CONFIG=examples/sojournal.toml``) and the
secrets in the environment; without one, sojournal says exactly what to set.

    SOJOURNAL_CONFIG=examples/sojournal.toml python examples/service.py
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

import sojournal


def on_new_comment(comment_id: str, text: str, author_id: str) -> None:
    post = sojournal.Post(
        id=comment_id,
        channel="facebook_comment",
        text=text,
        author_id=author_id,
        created=datetime.now(UTC),
    )
    try:
        outcome = sojournal.journalise(post)
    except sojournal.ConfigError as error:
        sys.exit(f"configuration: {error}")
    except sojournal.TransientError:
        # Recorded in the ledger; the nightly batch (or the next call) takes it forward.
        logging.info("post %s will be retried", comment_id)
        return
    receipt = outcome.receipt.document_id if outcome.receipt else "not journalised"
    logging.info("post %s: %s (%s)", outcome.post_id, outcome.state, receipt)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    on_new_comment(
        "1029384756_5001_7001",
        "Jeg søgte om boligstøtte i august og har ikke hørt noget. Hvornår får jeg svar?",
        "u7001",
    )
