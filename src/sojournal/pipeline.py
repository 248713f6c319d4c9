"""The Journaliser: decide → file → scrub → reply, one ledger step at a time.

Each step is taken only from the state the ledger holds, and each step's
result is committed before the next begins, so a crash anywhere resumes at
the right place (DESIGN.md, "Exactly-once, step by step"):

- nothing is scrubbed from the platform, and no reply sent, before the case
  system's receipt is in the ledger (unless the post is not to be journalised);
- the reply goes before the removal: Meta's private reply to a comment needs
  the comment to exist;
- a row found in ``submitting`` asks the case system for its key first;
- a row found in ``scrubbing`` asks the platform whether the object is gone;
- a row found in ``replying`` is never re-sent: a person checks it.

The pipeline only knows ports; ``sojournal.factory`` wires real adapters.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import UTC, datetime
from typing import ClassVar, Literal, Protocol

from sojournal.casesystems.port import CaseSystem
from sojournal.errors import AuthError, GoneError, PermanentError, TransientError
from sojournal.ledger.port import Ledger, LedgerEntry, State
from sojournal.models import CaseDocument, Decision, Direction, Outcome, Post, Reason, Receipt
from sojournal.platforms.port import Escalation, Notifier, Platform

__all__ = [
    "AuditTrail",
    "DocumentFactory",
    "Journaliser",
    "ReplyComposer",
    "ShitstormWatch",
]

log = logging.getLogger("sojournal.pipeline")

Decider = Callable[[Post], Decision]
ReplyMode = Literal["public", "private", "none"]


class DocumentFactory(Protocol):
    """Builds the case document for a post (KLE, title, access restriction)."""

    def __call__(
        self, post: Post, decision: Decision, direction: Direction, case_reference: str | None
    ) -> CaseDocument: ...


class ReplyComposer(Protocol):
    """Chooses and words the reply; ``None`` when no reply is due."""

    def mode(self, decision: Decision, post: Post, removed: bool) -> ReplyMode: ...

    def compose(
        self, decision: Decision, post: Post, *, removed: bool, private: bool
    ) -> str | None: ...


class AuditTrail(Protocol):
    """Append-only record of every action on the platform and every escalation."""

    def record(
        self,
        action: str,
        *,
        post_id: str,
        idempotency_key: str,
        rules: tuple[str, ...],
        receipt: Receipt | None,
        detail: str | None = None,
    ) -> None: ...


class ShitstormWatch(Protocol):
    """Sees every decided post; returns an escalation once per thread when harme spreads."""

    def observe(self, post: Post, decision: Decision) -> Escalation | None: ...

    def release(self, thread_id: str) -> None: ...


_PLATFORM_EVENTS = frozenset({"remove", "hide", "unhide"})


def _not_filed(rule: str, text: str, text_da: str) -> Decision:
    """The decision of a record that is not a new post to judge: nothing to file."""
    return Decision(
        category="general",
        journalise=False,
        reasons=(Reason(rule=rule, text=text, text_da=text_da),),
        policy_version="-",
    )


def _duplicate() -> Decision:
    return _not_filed(
        "source.duplicate",
        "The same post (platform, time, words) came from another source: "
        "filed once, under the other record",
        "Samme opslag (platform, tidspunkt, ordlyd) kom fra en anden kilde: "
        "journaliseres én gang, under den anden post",
    )


def _platform_event(post: Post) -> Decision:
    return _not_filed(
        f"source.{post.verb}",
        f"A platform event ({post.verb}), not a new post: nothing to file",
        f"En hændelse på platformen ({post.verb}), ikke et nyt opslag",
    )


class _StopStep(Exception):
    """This post can go no further in this run (waiting for a person or for the next run)."""


def _code(error: BaseException) -> str:
    """An error as the ledger keeps it: the class and message, which never carry post text."""
    return f"{type(error).__name__}: {error}"[:500]


class Journaliser:
    """Moves posts through the ledger's states using the ports it is given.

    ``platform=None`` means no platform credentials: posts are filed, and the
    removals and replies they would need are recorded as skipped, not done.
    """

    def __init__(
        self,
        *,
        decide: Decider,
        documents: DocumentFactory,
        case_system: CaseSystem,
        ledger: Ledger,
        platform: Platform | None = None,
        replies: ReplyComposer | None = None,
        notifier: Notifier | None = None,
        audit: AuditTrail | None = None,
        shitstorm: ShitstormWatch | None = None,
        block_trolls: bool = False,
        auto_answer: bool = False,
        owner: str | None = None,
        lease_seconds: float = 300.0,
    ) -> None:
        self._decide, self._documents = decide, documents
        self.case_system, self.ledger, self.platform = case_system, ledger, platform
        self._replies, self._notifier, self._audit = replies, notifier, audit
        self._shitstorm = shitstorm
        self._block_trolls, self._auto_answer = block_trolls, auto_answer
        self._owner = owner or f"sojournal-{uuid.uuid4().hex[:12]}"
        self._lease = lease_seconds

    # -- public ---------------------------------------------------------------------------

    def journalise(self, post: Post, *, source: str | None = None) -> Outcome:
        """Record the post and take it as far as it can go now."""
        entry = self.ledger.record_received(post, source=source)
        return self.advance(entry.idempotency_key)

    def journalise_all(self, posts: Iterable[Post]) -> Iterator[Outcome]:
        for post in posts:
            yield self.journalise(post)

    def resume(self) -> Iterator[Outcome]:
        """Take every unfinished row forward: what a crash or a fault left behind."""
        for entry in list(self.ledger.pending()):
            yield self.advance(entry.idempotency_key)

    def advance(self, idempotency_key: str) -> Outcome:
        """Move one row as far as it goes. ``AuthError`` propagates: the run must stop."""
        if not self.ledger.claim(idempotency_key, self._owner, self._lease):
            entry = self._get(idempotency_key)
            return self._outcome(entry, (), "claimed by another worker")
        actions: list[str] = []
        error: str | None = None
        resumed = True
        try:
            while True:
                entry = self._get(idempotency_key)
                step = self._steps.get(entry.state)
                if step is None:
                    break
                step(self, entry, actions, resumed)
                resumed = False
        except _StopStep as stop:
            error = str(stop) or None
        except AuthError:
            raise
        except PermanentError as failure:
            error = _code(failure)
            entry = self._get(idempotency_key)
            self.ledger.advance(idempotency_key, State.FAILED, note=error)
            log.warning("post %s failed permanently: %s", entry.post_id, type(failure).__name__)
        except TransientError as fault:
            error = _code(fault)
            self.ledger.note_error(idempotency_key, error)
            log.info("post key %s will be retried: %s", idempotency_key, type(fault).__name__)
        finally:
            self.ledger.release(idempotency_key, self._owner)
        return self._outcome(self._get(idempotency_key), tuple(actions), error)

    # -- steps ----------------------------------------------------------------------------

    def _on_received(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        post = self._post(entry)
        if post.verb in _PLATFORM_EVENTS:
            # A removal or moderation event, not words from a citizen: the earlier
            # version stays in the ledger and is filed as received.
            self.ledger.advance(
                entry.idempotency_key, State.DECIDED, decision=_platform_event(post)
            )
            self.ledger.advance(entry.idempotency_key, State.SKIPPED, note=f"event {post.verb}")
            return
        twin = self.ledger.same_post_elsewhere(post)
        if twin is not None:
            # A DYI export gives no ids: its record of a post that came by webhook or
            # CSV too has another key. The other row files, replies and removes.
            self.ledger.advance(entry.idempotency_key, State.DECIDED, decision=_duplicate())
            self.ledger.advance(
                entry.idempotency_key, State.SKIPPED, note=f"duplicate of {twin.idempotency_key}"
            )
            actions.append("duplicate")
            log.info("post %s is post %s from another source", entry.post_id, twin.post_id)
            return
        decision = self._decide(post)
        if post.from_page:
            decision = self._decide_outgoing(post, decision)
        self.ledger.advance(entry.idempotency_key, State.DECIDED, decision=decision)
        actions.append("decided")
        if self._shitstorm is not None:
            storm = self._shitstorm.observe(post, decision)
            if storm is not None:
                try:
                    self._escalate(entry, storm, decision, actions)
                except Exception:
                    # Undelivered: let the next angry comment on the thread escalate it again.
                    if storm.thread_id:
                        self._shitstorm.release(storm.thread_id)
                    raise
        if decision.review:
            self.ledger.advance(entry.idempotency_key, State.REVIEW, note="low confidence")
            actions.append("review")

    def _on_decided(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        decision = self._decision(entry)
        if decision.journalise:
            self.ledger.advance(entry.idempotency_key, State.SUBMITTING)
        else:
            self._after_filing(entry, decision, actions)

    def _on_submitting(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        key = entry.idempotency_key
        receipt = self.case_system.find(key) if resumed else None
        if receipt is None:
            post, decision = self._post(entry), self._decision(entry)
            direction: Direction = "outgoing" if post.from_page else "incoming"
            reference = decision.case_refs[0] if decision.case_refs else None
            if post.from_page and entry.thread_id:
                thread = self.ledger.thread_receipt(entry.thread_id)
                reference = thread.case_id if thread else reference
            document = self._documents(post, decision, direction, reference)
            receipt = self.case_system.submit(document)
            actions.append("submitted")
        else:
            actions.append("reconciled")
        self.ledger.advance(key, State.SUBMITTED, receipt=receipt, note=receipt.document_id)
        log.info("post %s filed as document %s", entry.post_id, receipt.document_id)

    def _on_submitted(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        self._after_filing(entry, self._decision(entry), actions)

    def _on_scrubbing(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        post, decision = self._post(entry), self._decision(entry)
        platform = self.platform
        if platform is None or decision.remove is None:
            self.ledger.advance(entry.idempotency_key, State.SCRUBBED, note="no platform")
            return
        if decision.remove == "delete":
            if resumed and not platform.exists(post):
                actions.append("already-gone")
            else:
                platform.delete(post)
                actions.append("deleted")
            self._record("delete", entry, decision)
        else:
            platform.hide(post)
            actions.append("hidden")
            self._record("hide", entry, decision)
            if self._block_trolls and decision.category == "offensive":
                platform.block(post)
                actions.append("blocked")
                self._record("block", entry, decision)
        self.ledger.advance(entry.idempotency_key, State.SCRUBBED, note=decision.remove)

    def _on_scrubbed(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        self.ledger.advance(entry.idempotency_key, State.DONE)

    def _on_replying(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        if resumed:
            # The reply may or may not have gone out; at most once means a person looks.
            self.ledger.advance(
                entry.idempotency_key, State.FAILED, note="reply outcome unknown: check the thread"
            )
            raise _StopStep("reply outcome unknown")
        post, decision = self._post(entry), self._decision(entry)
        mode = self._reply_mode(entry, decision)
        platform, replies = self.platform, self._replies
        removed = self._was_removed(entry, decision)
        if platform is None or replies is None or mode == "none":
            self.ledger.advance(entry.idempotency_key, State.REPLIED, note="no reply sent")
            return
        message = replies.compose(decision, post, removed=removed, private=mode == "private")
        if message is None:
            self.ledger.advance(entry.idempotency_key, State.REPLIED, note="no reply due")
            return
        try:
            if mode == "private":
                reply_id = platform.reply_private(post, message)
            else:
                reply_id = platform.reply_public(post, message)
        except GoneError:
            # The author removed the post before we could answer: nothing to answer under.
            actions.append("reply-impossible-gone")
            self.ledger.advance(entry.idempotency_key, State.REPLIED, note="post gone")
            return
        actions.append(f"reply-{mode}")
        self._record(f"reply_{mode}", entry, decision, detail=reply_id)
        self.ledger.advance(entry.idempotency_key, State.REPLIED, note=reply_id)
        self._file_own_reply(post, reply_id, message, entry, mode)

    def _on_replied(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        self._after_reply(entry, self._decision(entry))

    def _on_finished(self, entry: LedgerEntry, actions: list[str], resumed: bool) -> None:
        if entry.post is not None:
            self.ledger.purge(entry.idempotency_key)
        raise _StopStep()

    _steps: ClassVar[
        Mapping[State, Callable[[Journaliser, LedgerEntry, list[str], bool], None]]
    ] = {
        State.RECEIVED: _on_received,
        State.DECIDED: _on_decided,
        State.SUBMITTING: _on_submitting,
        State.SUBMITTED: _on_submitted,
        State.SCRUBBING: _on_scrubbing,
        State.SCRUBBED: _on_scrubbed,
        State.REPLYING: _on_replying,
        State.REPLIED: _on_replied,
        State.DONE: _on_finished,
        State.SKIPPED: _on_finished,
    }

    # -- helpers --------------------------------------------------------------------------

    def _after_filing(self, entry: LedgerEntry, decision: Decision, actions: list[str]) -> None:
        """Escalate, then reply, then scrub. Filing came first: an e-mail that fails
        never holds back a record, and a transient failure here leaves the receipt safe.
        """
        key = entry.idempotency_key
        if decision.escalate and not entry.escalated:
            self._escalate_post(entry, decision, actions)
        if self._reply_mode(entry, decision) != "none":
            self.ledger.advance(key, State.REPLYING)
        elif self._needs_scrub(entry, decision):
            self.ledger.advance(key, State.SCRUBBING)
        elif decision.journalise:
            self.ledger.advance(key, State.DONE)
        else:
            self.ledger.advance(key, State.SKIPPED, note=f"not journalised: {decision.category}")

    def _after_reply(self, entry: LedgerEntry, decision: Decision) -> None:
        if self._needs_scrub(entry, decision):
            self.ledger.advance(entry.idempotency_key, State.SCRUBBING)
        else:
            self.ledger.advance(entry.idempotency_key, State.DONE)

    def _needs_scrub(self, entry: LedgerEntry, decision: Decision) -> bool:
        return decision.remove is not None and self._post(entry).is_public

    def _reply_mode(self, entry: LedgerEntry, decision: Decision) -> ReplyMode:
        if self._replies is None or decision.reply == "none":
            return "none"
        if decision.reply == "answer" and not self._auto_answer:
            return "none"  # general questions are answered by the page's staff, not a template
        post = self._post(entry)
        if post.from_page:
            return "none"
        return self._replies.mode(decision, post, self._was_removed(entry, decision))

    def _was_removed(self, entry: LedgerEntry, decision: Decision) -> bool:
        return (
            decision.remove is not None
            and self.platform is not None
            and (self._post(entry).is_public)
        )

    def _decide_outgoing(self, post: Post, decision: Decision) -> Decision:
        """The page's own words on a journalised thread are documents sent (OFL § 15)."""
        thread = post.thread_id or post.parent_id
        receipt = self.ledger.thread_receipt(thread) if thread else None
        if receipt is None:
            return decision
        reason = Reason(
            rule="page.reply-on-journalised-thread",
            text=f"The page's own reply on a thread filed on case {receipt.case_id}",
            text_da=f"Sidens eget svar i en tråd, der er journaliseret på sag {receipt.case_id}",
        )
        return decision.model_copy(
            update={
                "category": "case",
                "journalise": True,
                "remove": None,
                "reply": "none",
                "review": False,
                "reasons": (*decision.reasons, reason),
            }
        )

    def _file_own_reply(
        self, post: Post, reply_id: str, message: str, entry: LedgerEntry, mode: ReplyMode
    ) -> None:
        """Our reply is a document sent on the same case: file it as an outgoing post."""
        if entry.receipt is None:
            return  # the thread was not journalised, so neither is our answer on it
        own = Post(
            id=reply_id,
            channel="messenger" if mode == "private" else post.channel,
            text=message,
            kind="reply",
            parent_id=post.id,
            thread_id=entry.thread_id,
            page_id=post.page_id,
            created=datetime.now(UTC),
            from_page=True,
        )
        self.journalise(own, source=f"reply-to:{post.id}")

    def _escalate_post(self, entry: LedgerEntry, decision: Decision, actions: list[str]) -> None:
        trolling = decision.remove == "hide" or decision.category == "offensive"
        escalation = Escalation(
            kind="trolling" if trolling else "critical",
            post_id=entry.post_id,
            thread_id=entry.thread_id,
            rules=tuple(r.rule for r in decision.reasons),
        )
        try:
            self._escalate(entry, escalation, decision, actions)
        except PermanentError as refused:
            # The recipient refused (e.g. SMTP 5xx): the post still goes on; a person
            # sees the undelivered escalation in the log and the audit trail.
            log.error("escalation of post %s undelivered: %s", entry.post_id, refused)
            self.ledger.mark_escalated(entry.idempotency_key)
            self._record(
                "escalate", entry, decision, detail=f"undelivered:{type(refused).__name__}"
            )

    def _escalate(
        self, entry: LedgerEntry, escalation: Escalation, decision: Decision, actions: list[str]
    ) -> None:
        if self._notifier is not None:
            self._notifier.escalate(escalation)
        self.ledger.mark_escalated(entry.idempotency_key)
        actions.append(f"escalated-{escalation.kind}")
        self._record("escalate", entry, decision, detail=escalation.kind)

    def _record(
        self, action: str, entry: LedgerEntry, decision: Decision, *, detail: str | None = None
    ) -> None:
        if self._audit is None:
            return
        self._audit.record(
            action,
            post_id=entry.post_id,
            idempotency_key=entry.idempotency_key,
            rules=tuple(r.rule for r in decision.reasons),
            receipt=entry.receipt,  # each step reads its entry fresh, after filing
            detail=detail,
        )

    def _get(self, key: str) -> LedgerEntry:
        entry = self.ledger.get(key)
        if entry is None:
            raise PermanentError(f"ledger has no row for key {key}")
        return entry

    @staticmethod
    def _post(entry: LedgerEntry) -> Post:
        if entry.post is None:
            raise PermanentError(f"post {entry.post_id}: text already purged from the ledger")
        return entry.post

    @staticmethod
    def _decision(entry: LedgerEntry) -> Decision:
        if entry.decision is None:
            raise PermanentError(f"post {entry.post_id}: no decision recorded")
        return entry.decision

    @staticmethod
    def _outcome(entry: LedgerEntry, actions: tuple[str, ...], error: str | None) -> Outcome:
        return Outcome(
            post_id=entry.post_id,
            idempotency_key=entry.idempotency_key,
            state=entry.state.value,
            decision=entry.decision,
            receipt=entry.receipt,
            actions=actions,
            error=error,
        )
