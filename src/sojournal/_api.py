"""The module-level ``journalise`` and ``decide``: one call for services that just want it done."""

from __future__ import annotations

import threading

from sojournal.config import Settings, load_settings
from sojournal.models import Decision, Outcome, Post
from sojournal.pipeline import Journaliser

__all__ = ["decide", "default_journaliser", "journalise"]

_lock = threading.Lock()
_default: tuple[str, Journaliser] | None = None


def default_journaliser(settings: Settings | None = None) -> Journaliser:
    """The ``Journaliser`` built from configuration, built once per configuration file.

    Raises ``ConfigError`` saying exactly what to set when there is no configuration.
    """
    global _default
    from sojournal.factory import build_journaliser

    with _lock:
        settings = settings or load_settings()
        if _default is None or _default[0] != settings.source:
            _default = (settings.source, build_journaliser(settings))
        return _default[1]


def journalise(post: Post) -> Outcome:
    """File ``post`` if the law says so, then scrub and reply — exactly once, crash-safe.

    Configuration comes from ``$SOJOURNAL_CONFIG`` or ``./sojournal.toml``;
    secrets from the environment. Safe to call again with the same post.
    """
    return default_journaliser().journalise(post, source="api")


def decide(post: Post) -> Decision:
    """The policy's decision for ``post``, with reasons; pure, no configuration needed."""
    from sojournal.policy import decide as policy_decide

    return policy_decide(post)
