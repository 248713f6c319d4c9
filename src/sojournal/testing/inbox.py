"""An in-memory ``Inbox`` for tests and demos of the webhook receiver.

>>> inbox = MemoryInbox()
>>> from sojournal.models import Post
>>> inbox.accept([Post(id="1", channel="messenger", text="Hej")], "d1")
>>> [p.id for p in inbox.posts], inbox.delivery_ids
(['1'], ['d1'])
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from sojournal.models import Post

__all__ = ["MemoryInbox"]


class MemoryInbox:
    """Keeps every accepted delivery; ``fail_with`` makes ``accept`` raise (a broken ledger)."""

    def __init__(self, fail_with: Exception | None = None) -> None:
        self.fail_with = fail_with
        self.deliveries: list[tuple[str, tuple[Post, ...]]] = []
        self._lock = threading.Lock()

    def accept(self, posts: Sequence[Post], delivery_id: str) -> None:
        if self.fail_with is not None:
            raise self.fail_with
        with self._lock:
            self.deliveries.append((delivery_id, tuple(posts)))

    @property
    def posts(self) -> list[Post]:
        with self._lock:
            return [post for _, posts in self.deliveries for post in posts]

    @property
    def delivery_ids(self) -> list[str]:
        with self._lock:
            return [delivery_id for delivery_id, _ in self.deliveries]
