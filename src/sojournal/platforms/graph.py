"""The ``Platform`` port over Meta's Graph API: delete, hide, reply, block, exists.

What each call does on each platform:

==============  =============================  ============================  ===================
call            Facebook                       Instagram                     Messenger
==============  =============================  ============================  ===================
exists          ``GET /{id}?fields=id``        same                          same
delete          ``DELETE /{id}``               same                          PermanentError
hide            ``POST /{id}`` is_hidden=true  ``POST /{id}`` hide=true      PermanentError
reply_public    ``POST /{id}/comments``        ``POST /{id}/replies``        as reply_private
reply_private   ``POST /{page}/messages``      same                          same, recipient id
                recipient comment_id/post_id   recipient comment_id          (the author)
block           ``POST /{page}/blocked`` user  PermanentError (no API)       as Facebook
==============  =============================  ============================  ===================

Messenger is private, so nothing there is scrubbed: the pipeline never asks,
and a request to delete or hide a message is refused with ``PermanentError``
rather than silently ignored. A Messenger conversation has no public side, so
``reply_public`` answers in the conversation like ``reply_private``.

Retries follow the project's policy (``retry.build_retrying``), with two
refinements this adapter owns:

- delete and hide are safe to repeat; after an ``AmbiguousError`` (request
  sent, answer lost) the next attempt first asks ``exists`` and stops when
  the object is already gone. An object that is gone counts as done.
- replies are *not* repeated after an ``AmbiguousError``: a second copy would
  reach the citizen. The error goes to the caller, whose ledger leaves the
  row for a person. A private reply is sent at most once per post id for the
  life of the adapter: once one may have reached Meta (success or lost
  answer), a second request is refused without calling Meta; after a clear
  refusal or a failure to connect, it may be tried again. Meta's own "already
  replied" (code 10900) is a ``PermanentError`` as well.
- Meta will not let anyone answer a comment that is gone, so a private reply
  must be sent *before* the comment is deleted.

Page id: taken from ``Post.page_id``, else the ``page_id`` given to the adapter.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from typing import Any

import requests
import tenacity

from sojournal.errors import AmbiguousError, PermanentError, TransientError
from sojournal.models import Post
from sojournal.platforms.graph_client import GraphClient, GraphSettings, SecretLike
from sojournal.platforms.graph_errors import ObjectGoneError
from sojournal.retry import RetrySettings, build_retrying

__all__ = ["GraphPlatform", "GraphSettings", "SecretLike"]

log = logging.getLogger("sojournal.platforms.graph")


class GraphPlatform:
    """Acts on a page's posts, comments and messages through the Graph API.

    >>> from pydantic import SecretStr
    >>> platform = GraphPlatform(requests.Session(), SecretStr("t"), page_id="42")
    >>> isinstance(platform, GraphPlatform)
    True
    """

    def __init__(
        self,
        session: requests.Session,
        token: SecretLike,
        *,
        settings: GraphSettings | None = None,
        retry: RetrySettings | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        page_id: str | None = None,
        app_secret: SecretLike | None = None,
    ) -> None:
        self._client = GraphClient(
            session,
            token,
            settings=settings or GraphSettings(),
            sleep=sleep,
            app_secret=app_secret,
        )
        self._retry = retry or RetrySettings()
        self._sleep, self._clock = sleep, clock
        self._page_id = page_id
        self._privately_replied: set[str] = set()
        self._lock = threading.Lock()

    # -- the port -----------------------------------------------------------------------

    def exists(self, post: Post) -> bool:
        return bool(self._retrying()(self._probe, post.id))

    def delete(self, post: Post) -> None:
        self._refuse_on_messenger("delete", post)
        self._scrub("delete", post, lambda: self._client.call("DELETE", post.id, object_id=post.id))

    def hide(self, post: Post) -> None:
        self._refuse_on_messenger("hide", post)
        field = "hide" if post.platform == "instagram" else "is_hidden"

        def send() -> None:
            answer = self._client.call("POST", post.id, object_id=post.id, data={field: "true"})
            if answer.get("success") is False:
                raise PermanentError(f"Graph API POST {post.id}: hide not accepted")

        self._scrub("hide", post, send)

    def reply_public(self, post: Post, message: str) -> str:
        if post.platform == "messenger":
            return self.reply_private(post, message)
        edge = "replies" if post.platform == "instagram" else "comments"
        answer = self._once(
            lambda: self._client.call(
                "POST", f"{post.id}/{edge}", object_id=post.id, data={"message": message}
            )
        )
        reply_id = _string(answer, "id", post.id)
        log.info("public reply %s sent to %s", reply_id, post.id)
        return reply_id

    def reply_private(self, post: Post, message: str) -> str:
        recipient = self._recipient(post)
        page = self._page(post)
        with self._lock:
            if post.id in self._privately_replied:
                raise PermanentError(f"private reply to {post.id} already sent by this adapter")
            self._privately_replied.add(post.id)
        form = {
            "recipient": json.dumps(recipient),
            "message": json.dumps({"text": message}),
            "messaging_type": "RESPONSE",
        }
        try:
            answer = self._once(
                lambda: self._client.call("POST", f"{page}/messages", object_id=post.id, data=form)
            )
        except AmbiguousError:
            raise  # may have been delivered: keep the claim
        except Exception:
            with self._lock:
                self._privately_replied.discard(post.id)
            raise
        message_id = _string(answer, "message_id", post.id)
        log.info("private reply %s sent for %s", message_id, post.id)
        return message_id

    def block(self, post: Post) -> None:
        if post.platform == "instagram":
            raise PermanentError(f"block is not available for Instagram ({post.id})")
        if not post.author_id:
            raise PermanentError(f"cannot block the author of {post.id}: no author id")
        page, user = self._page(post), post.author_id
        self._retrying()(
            lambda: self._client.call(
                "POST", f"{page}/blocked", object_id=post.id, data={"user": user}
            )
        )
        log.info("author of %s blocked on page %s", post.id, page)

    # -- helpers ------------------------------------------------------------------------

    def _retrying(self) -> tenacity.Retrying:
        # A fresh one per call: the deadline keeps per-call state.
        return build_retrying(self._retry, sleep=self._sleep, clock=self._clock)

    def _once(self, send: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Retry what surely did not arrive; hand an ambiguous failure to the caller."""
        retrying = self._retrying().copy(
            retry=tenacity.retry_if_exception_type(TransientError)
            & tenacity.retry_if_not_exception_type(AmbiguousError)
        )
        result: dict[str, Any] = retrying(send)
        return result

    def _probe(self, object_id: str) -> bool:
        try:
            self._client.call("GET", object_id, object_id=object_id, params={"fields": "id"})
        except ObjectGoneError:
            return False
        return True

    def _scrub(self, action: str, post: Post, send: Callable[[], object]) -> None:
        reconcile = False

        def attempt() -> None:
            nonlocal reconcile
            if reconcile:
                if not self._probe(post.id):
                    log.info("%s %s: already gone after a lost answer, done", action, post.id)
                    return
                reconcile = False
            try:
                send()
            except ObjectGoneError:
                log.info("%s %s: object already gone, done", action, post.id)
                return
            except AmbiguousError:
                reconcile = True
                raise
            log.info("%s %s: done", action, post.id)

        self._retrying()(attempt)

    def _refuse_on_messenger(self, action: str, post: Post) -> None:
        if post.platform == "messenger":
            raise PermanentError(f"{action} does not apply to Messenger message {post.id}")

    def _page(self, post: Post) -> str:
        page = post.page_id or self._page_id
        if not page:
            raise PermanentError(f"no page id for {post.id}: set Post.page_id or the adapter's")
        return page

    def _recipient(self, post: Post) -> dict[str, str]:
        if post.platform == "messenger":
            if not post.author_id:
                raise PermanentError(f"cannot answer Messenger message {post.id}: no author id")
            return {"id": post.author_id}
        if post.channel == "facebook_post":
            return {"post_id": post.id}
        return {"comment_id": post.id}


def _string(answer: dict[str, Any], key: str, object_id: str) -> str:
    value = answer.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise AmbiguousError(f"Graph API answer for {object_id} has no {key}")
    return str(value)
