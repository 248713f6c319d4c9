"""Spot a shitstorm: many angry comments on one thread in a short time.

The guidance says "Ved shitstorms skal Politik og Organisation straks
orienteres". One angry comment is handled on its own (hidden, escalated as
trolling); what a person must hear about is the *pile-up*. So we count angry
comments per thread in a sliding window and escalate the thread once, the
moment the count reaches the threshold.

Times are the posts' own ``created`` times, not the time we process them, so
the nightly batch over an export sees the same storm the webhook would have
seen live. Comments may arrive somewhat out of order; one older than the
window before the newest comment seen on its thread can no longer start a
storm there and is not kept — which is also what bounds memory: per thread,
at most the comments within one window, and threads that went quiet a window
ago are forgotten. Feed posts in roughly chronological order (as webhooks and
exports sorted by time deliver them).

>>> from datetime import UTC, datetime, timedelta
>>> t0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
>>> d = ShitstormDetector(threshold=3, window=timedelta(minutes=30))
>>> [d.observe("T1", f"c{i}", t0 + timedelta(minutes=i), angry=True) for i in range(2)]
[None, None]
>>> d.observe("T1", "c2", t0 + timedelta(minutes=2), angry=True)
Escalation(kind='shitstorm', post_id='c2', thread_id='T1', rules=('shitstorm.threshold',))
>>> d.observe("T1", "c3", t0 + timedelta(minutes=3), angry=True) is None
True
"""

from __future__ import annotations

import bisect
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sojournal.errors import ConfigError, PermanentError, TransientError
from sojournal.models import Decision, Post
from sojournal.platforms.port import Escalation

__all__ = ["RULE_ID", "ShitstormDetector", "is_angry", "thread_of"]

#: The rule id an escalation from here carries, for the audit log and the e-mail.
RULE_ID = "shitstorm.threshold"

_ANGRY_CATEGORIES = frozenset({"offensive", "complaint"})


def is_angry(decision: Decision) -> bool:
    """Does this decision count towards a storm? Offensive posts, complaints, and
    anything the policy escalated (a very critical post of another category).
    """
    return decision.category in _ANGRY_CATEGORIES or decision.escalate is not None


def thread_of(post: Post) -> str | None:
    """The thread a comment belongs to: the page post it hangs under.

    >>> thread_of(Post(id="1_2_3", channel="facebook_comment", post_id="1_2"))
    '1_2'
    >>> thread_of(Post(id="1_2", channel="facebook_post")) is None
    True
    """
    return post.thread_id or post.post_id or post.parent_id


def _utcnow() -> datetime:
    return datetime.now(UTC)


class _Thread:
    """Angry comments on one thread inside the window: ``(created, post_id)``, oldest first."""

    __slots__ = ("comments", "post_ids")

    def __init__(self) -> None:
        self.comments: list[tuple[datetime, str]] = []
        self.post_ids: set[str] = set()  # exactly the ids in ``comments``


class ShitstormDetector:
    """Counts angry comments per thread; returns an ``Escalation`` exactly once per thread.

    With ``store_path`` the escalated threads are kept in the SQLite table
    ``shitstorm_threads`` (the file may be shared with the ledger), so a re-run
    or a second process does not escalate a thread again. Not kept there: the
    counts themselves, which a re-run rebuilds from the posts it reads.
    """

    def __init__(
        self,
        threshold: int = 10,
        window: timedelta = timedelta(minutes=30),
        clock: Callable[[], datetime] = _utcnow,
        store_path: Path | None = None,
    ) -> None:
        if threshold < 1:
            raise ConfigError("shitstorm threshold must be at least 1")
        if window <= timedelta(0):
            raise ConfigError("shitstorm window must be positive")
        self._threshold = threshold
        self._window = window
        self._clock = clock
        self._threads: OrderedDict[str, _Thread] = OrderedDict()
        self._escalated: set[str] = set()
        self._newest: datetime | None = None  # the newest angry comment seen on any thread
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        if store_path is not None:
            self._db = self._open(store_path)

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=10.0
            )
            db.execute("PRAGMA journal_mode=WAL")
            db.execute(
                "CREATE TABLE IF NOT EXISTS shitstorm_threads ("
                "thread_id TEXT PRIMARY KEY, post_id TEXT NOT NULL, escalated_at TEXT NOT NULL)"
            )
        except sqlite3.Error as exc:
            raise ConfigError(f"shitstorm store {path}: cannot open: {exc}") from exc
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    @property
    def tracked_comments(self) -> int:
        """How many comment times are held in memory (bounded by the window)."""
        return sum(len(t.comments) for t in self._threads.values())

    def observe_post(self, post: Post, decision: Decision) -> Escalation | None:
        """``observe`` for a decided post. Private messages never count: a storm is public."""
        thread = thread_of(post)
        if not post.is_public or thread is None:
            return None
        return self.observe(thread, post.id, post.created, angry=is_angry(decision))

    def observe(
        self, thread_id: str, post_id: str, created: datetime | None, *, angry: bool
    ) -> Escalation | None:
        """Count one decided comment; the escalation when it tips its thread over."""
        if not angry:
            return None
        when = created or self._clock()
        # exports without a zone are in UTC, like the rest of sojournal's times
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        with self._lock:
            self._forget_quiet_threads(when)
            # Escalated threads are still counted, so that after ``release`` the
            # next angry comment finds the storm's count and escalates again.
            if not self._count(thread_id, post_id, when) or thread_id in self._escalated:
                return None
            claimed = self._claim(thread_id, post_id)  # may raise: then try again next time
            self._escalated.add(thread_id)
            if not claimed:  # an earlier run or another process escalated it
                return None
        return Escalation(kind="shitstorm", post_id=post_id, thread_id=thread_id, rules=(RULE_ID,))

    def release(self, thread_id: str) -> None:
        """Undo an escalation that could not be delivered, so the next angry comment
        on the thread (while the storm lasts) escalates it again.
        """
        with self._lock:
            self._escalated.discard(thread_id)
            if self._db is not None:
                self._run("DELETE FROM shitstorm_threads WHERE thread_id = ?", (thread_id,))

    def _count(self, thread_id: str, post_id: str, when: datetime) -> bool:
        """Add the comment; True when the window now holds ``threshold`` of them."""
        thread = self._threads.get(thread_id)
        if thread is None:
            thread = self._threads[thread_id] = _Thread()
        self._threads.move_to_end(thread_id)
        if post_id in thread.post_ids:  # the same comment read twice (webhook and export)
            return False
        newest = max(when, thread.comments[-1][0]) if thread.comments else when
        horizon = newest - self._window
        if when < horizon:
            return False
        bisect.insort(thread.comments, (when, post_id))
        thread.post_ids.add(post_id)
        cut = bisect.bisect_left(thread.comments, (horizon, ""))
        for _, old_id in thread.comments[:cut]:
            thread.post_ids.discard(old_id)
        del thread.comments[:cut]
        return len(thread.comments) >= self._threshold

    def _forget_quiet_threads(self, when: datetime) -> None:
        if self._newest is None or when > self._newest:
            self._newest = when
        horizon = self._newest - self._window
        while self._threads:
            thread_id, thread = next(iter(self._threads.items()))
            if thread.comments and thread.comments[-1][0] >= horizon:
                break
            del self._threads[thread_id]

    def _claim(self, thread_id: str, post_id: str) -> bool:
        """Mark the thread escalated; False if another run got there first."""
        if self._db is None:
            return True
        stamp = self._clock().astimezone(UTC).isoformat()
        cursor = self._run(
            "INSERT OR IGNORE INTO shitstorm_threads (thread_id, post_id, escalated_at) "
            "VALUES (?, ?, ?)",
            (thread_id, post_id, stamp),
        )
        return cursor.rowcount == 1

    def _run(self, sql: str, args: tuple[str, ...]) -> sqlite3.Cursor:
        assert self._db is not None
        try:
            return self._db.execute(sql, args)
        except sqlite3.OperationalError as exc:
            raise TransientError(f"shitstorm store: {exc}") from exc
        except sqlite3.Error as exc:
            raise PermanentError(f"shitstorm store: {exc}") from exc
