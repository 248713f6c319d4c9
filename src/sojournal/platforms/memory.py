"""An in-memory ``Platform`` for unit tests of the pipeline: no HTTP, exact and inspectable.

It keeps the rules the Graph adapter keeps, so a pipeline that passes against
it behaves the same against Meta: deleting or hiding an object that is
already gone counts as done, Messenger messages are never scrubbed, a
private reply goes at most once per post, Instagram has no block.

Every call is recorded in order (``calls``), failed ones too, and failures
can be queued per action, either before the effect (``TransientError``: it
did not happen) or after it (``after_effect=True`` with ``AmbiguousError``:
it happened but the answer was lost).

>>> from sojournal.errors import AmbiguousError
>>> from sojournal.models import Post
>>> platform = MemoryPlatform()
>>> post = Post(id="1_2", channel="facebook_comment", text="...")
>>> platform.add(post)
>>> platform.fail_next("delete", AmbiguousError("lost"), after_effect=True)
>>> try:
...     platform.delete(post)
... except AmbiguousError:
...     pass
>>> platform.exists(post), platform.deleted_ids()
(False, frozenset({'1_2'}))
>>> [(c.action, c.post_id, c.outcome) for c in platform.calls]
[('delete', '1_2', 'AmbiguousError'), ('exists', '1_2', 'gone')]
"""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from dataclasses import dataclass
from typing import Literal, NoReturn

from sojournal.errors import GoneError, PermanentError, SojournalError
from sojournal.models import Post

__all__ = ["Action", "MemoryCall", "MemoryPlatform", "MemoryReply"]

Action = Literal["exists", "delete", "hide", "reply_public", "reply_private", "block"]


@dataclass(frozen=True)
class MemoryCall:
    """One call as the pipeline made it: ``outcome`` is done/gone/present or an error class."""

    action: Action
    post_id: str
    outcome: str


@dataclass(frozen=True)
class MemoryReply:
    """A reply that reached the (pretend) platform."""

    reply_id: str
    post_id: str
    private: bool
    message: str


@dataclass(frozen=True)
class _Failure:
    error: SojournalError
    after_effect: bool


class MemoryPlatform:
    """The ``Platform`` port in memory.

    Unknown ids count as present (and are remembered on first use) unless
    ``strict=True``, so tests need not seed every post; with ``strict`` only
    ids given to ``add`` exist.

    A deleted comment cannot be answered, publicly or privately: Meta finds the
    recipient of a private reply through the comment. ``private_reply_to_deleted``
    switches that rule off, for tests about something else.
    """

    def __init__(self, *, strict: bool = False, private_reply_to_deleted: bool = False) -> None:
        self._strict, self._reply_to_deleted = strict, private_reply_to_deleted
        self._present: set[str] = set()
        self._deleted: set[str] = set()
        self._hidden: set[str] = set()
        self._blocked: set[tuple[str, str]] = set()
        self._replies: list[MemoryReply] = []
        self._calls: list[MemoryCall] = []
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._lock = threading.RLock()

    # -- set-up and inspection ------------------------------------------------------------

    def add(self, post: Post | str) -> None:
        """Make an object exist on the platform."""
        with self._lock:
            self._present.add(post if isinstance(post, str) else post.id)

    def fail_next(
        self, action: Action, error: SojournalError, *, times: int = 1, after_effect: bool = False
    ) -> None:
        """Make the next ``times`` calls of ``action`` raise ``error``.

        With ``after_effect`` the action takes effect first: a lost answer.
        """
        with self._lock:
            for _ in range(times):
                self._failures[action].append(_Failure(error, after_effect))

    @property
    def calls(self) -> tuple[MemoryCall, ...]:
        with self._lock:
            return tuple(self._calls)

    def actions(self, action: Action | None = None) -> list[tuple[str, str]]:
        """``(action, post_id)`` of every call, in order; optionally of one action only."""
        return [(c.action, c.post_id) for c in self.calls if action in (None, c.action)]

    def deleted_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._deleted)

    def hidden_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._hidden)

    def replies(self) -> tuple[MemoryReply, ...]:
        with self._lock:
            return tuple(self._replies)

    def blocked(self) -> frozenset[tuple[str, str]]:
        """``(page_id, author_id)`` pairs; the page id is ``"-"`` when the post had none."""
        with self._lock:
            return frozenset(self._blocked)

    # -- the port -----------------------------------------------------------------------

    def exists(self, post: Post) -> bool:
        with self._lock:
            self._before("exists", post)
            present = self._is_present(post.id)
            self._record("exists", post, "present" if present else "gone")
            return present

    def delete(self, post: Post) -> None:
        with self._lock:
            self._not_messenger("delete", post)
            failure = self._before("delete", post)
            gone = not self._is_present(post.id)
            self._deleted.add(post.id)
            self._present.discard(post.id)
            self._hidden.discard(post.id)
            self._after("delete", post, failure, "gone" if gone else "done")

    def hide(self, post: Post) -> None:
        with self._lock:
            self._not_messenger("hide", post)
            failure = self._before("hide", post)
            gone = not self._is_present(post.id)
            if not gone:
                self._hidden.add(post.id)
            self._after("hide", post, failure, "gone" if gone else "done")

    def reply_public(self, post: Post, message: str) -> str:
        with self._lock:
            failure = self._before("reply_public", post)
            if not self._is_present(post.id) and post.platform != "messenger":
                self._fail("reply_public", post, GoneError(f"{post.id} does not exist"))
            reply = self._reply(post, message, private=post.platform == "messenger")
            self._after("reply_public", post, failure, "done")
            return reply.reply_id

    def reply_private(self, post: Post, message: str) -> str:
        with self._lock:
            if any(r.private and r.post_id == post.id for r in self._replies):
                self._fail(
                    "reply_private",
                    post,
                    PermanentError(f"private reply to {post.id} already sent"),
                )
            failure = self._before("reply_private", post)
            if post.id in self._deleted and not self._reply_to_deleted:
                self._fail("reply_private", post, GoneError(f"{post.id} does not exist"))
            reply = self._reply(post, message, private=True)
            self._after("reply_private", post, failure, "done")
            return reply.reply_id

    def block(self, post: Post) -> None:
        with self._lock:
            if post.platform == "instagram":
                self._fail("block", post, PermanentError(f"block not available for {post.id}"))
            if not post.author_id:
                self._fail("block", post, PermanentError(f"no author id for {post.id}"))
            failure = self._before("block", post)
            self._blocked.add((post.page_id or "-", post.author_id or ""))
            self._after("block", post, failure, "done")

    # -- helpers ------------------------------------------------------------------------

    def _is_present(self, object_id: str) -> bool:
        if object_id in self._deleted:
            return False
        if object_id not in self._present and not self._strict:
            self._present.add(object_id)
        return object_id in self._present

    def _reply(self, post: Post, message: str, *, private: bool) -> MemoryReply:
        reply = MemoryReply(f"reply-{len(self._replies) + 1}", post.id, private, message)
        self._replies.append(reply)
        return reply

    def _not_messenger(self, action: Action, post: Post) -> None:
        if post.platform == "messenger":
            self._fail(action, post, PermanentError(f"{action} does not apply to {post.id}"))

    def _before(self, action: Action, post: Post) -> _Failure | None:
        """Raise a queued failure that strikes before the effect; return one that strikes after."""
        queue = self._failures[action]
        if not queue:
            return None
        failure = queue.popleft()
        if failure.after_effect:
            return failure
        self._fail(action, post, failure.error)

    def _after(self, action: Action, post: Post, failure: _Failure | None, outcome: str) -> None:
        if failure is not None:
            self._fail(action, post, failure.error)
        self._record(action, post, outcome)

    def _fail(self, action: Action, post: Post, error: SojournalError) -> NoReturn:
        self._record(action, post, type(error).__name__)
        raise error

    def _record(self, action: Action, post: Post, outcome: str) -> None:
        self._calls.append(MemoryCall(action, post.id, outcome))
