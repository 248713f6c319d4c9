"""The domain models every part of sojournal speaks: frozen, validated, JSON-ready.

``Post`` is what a source produces, ``Decision`` what the policy decides,
``CaseDocument`` what goes to the case system, ``Receipt`` what comes back and
``Outcome`` what one post ended as. They are frozen so a value seen in a log,
the ledger or a test cannot change behind anyone's back.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "CONTRACT_PII_KINDS",
    "DERIVED_ID_PREFIX",
    "Attachment",
    "CaseDocument",
    "Category",
    "Channel",
    "Decision",
    "Direction",
    "Escalation",
    "Outcome",
    "PiiKind",
    "PiiSpan",
    "PlatformName",
    "Post",
    "Reason",
    "Receipt",
    "Removal",
    "ReplyKind",
]

Channel = Literal["facebook_post", "facebook_comment", "messenger", "instagram_comment"]
PlatformName = Literal["facebook", "instagram", "messenger"]
Category = Literal["case", "complaint", "general", "political", "offensive"]
Removal = Literal["delete", "hide"]
ReplyKind = Literal["redirect", "answer", "none"]
Escalation = Literal["politik-og-organisation"]
Direction = Literal["incoming", "outgoing"]

#: Every kind a detector may report. The first eight are the contract's names
#: (LABELLING.md); the rest make a post sensitive without a contract kind of their own.
PiiKind = Literal[
    "cpr",
    "phone",
    "email",
    "address",
    "health",
    "social",
    "criminal",
    "child",
    "cvr",
    "ethnicity",
    "religion",
    "sexuality",
    "union",
]
#: Ids sojournal derives for records that have none (``sources.dyi``).
DERIVED_ID_PREFIX = "dyi-"

CONTRACT_PII_KINDS: frozenset[str] = frozenset(
    {"cpr", "phone", "email", "address", "health", "social", "criminal", "child"}
)

_CHANNEL_PLATFORM: dict[str, PlatformName] = {
    "facebook_post": "facebook",
    "facebook_comment": "facebook",
    "messenger": "messenger",
    "instagram_comment": "instagram",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Attachment(_Frozen):
    """A picture, video or file attached to a post; we file its link, not its bytes."""

    kind: str = "file"
    url: str | None = None
    title: str | None = None


class Post(_Frozen):
    """One version of one citizen post (or the page's own reply), from any source.

    The idempotency key is what makes filing exactly-once: the same post read
    twice (webhook and export, or a re-run) gets the same key; an edit gets a new
    one, because an edited post is a new document.

    >>> p = Post(id="123_456", channel="facebook_comment", text="Hej")
    >>> p.platform, p.idempotency_key == Post(id="123_456", channel="facebook_comment",
    ...     text="Hej").idempotency_key
    ('facebook', True)
    >>> edited = Post(id="123_456", channel="facebook_comment", text="Hej!")
    >>> p.idempotency_key != edited.idempotency_key
    True
    """

    id: str = Field(min_length=1, max_length=200)
    channel: Channel
    text: str = ""
    kind: str | None = None
    post_id: str | None = None
    parent_id: str | None = None
    thread_id: str | None = None
    page_id: str | None = None
    author: str | None = None
    author_id: str | None = None
    created: datetime | None = None
    version: str | None = None
    permalink: str | None = None
    attachments: tuple[Attachment, ...] = ()
    from_page: bool = False
    verb: Literal["add", "edited", "remove", "hide", "unhide"] = "add"

    @property
    def platform(self) -> PlatformName:
        return _CHANNEL_PLATFORM[self.channel]

    @property
    def text_hash(self) -> str:
        """A hash of the text: safe to log and keep after the text is purged."""
        return hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest()

    @property
    def effective_version(self) -> str:
        # Without an explicit version (most exports), the text itself is the
        # version: stable across re-reads, different after an edit.
        return self.version or self.text_hash[:16]

    @property
    def content_key(self) -> str | None:
        """The same post seen through sources that give it different ids, or None.

        A DYI export has no ids (``dyi-…`` ids are derived), so a post that also came
        by webhook or CSV would be filed twice. What both sources agree on is the
        platform, the second it was written and the words; a post without a time
        has no content key and is never taken for another.

        >>> from datetime import UTC, datetime
        >>> at = datetime(2026, 11, 27, 9, 30, 5, 120_000, tzinfo=UTC)
        >>> a = Post(id="dyi-1", channel="facebook_comment", text="Hej  kommune", created=at)
        >>> b = Post(id="10_20", channel="facebook_post", text="Hej kommune",
        ...          created=at.replace(microsecond=0))
        >>> a.content_key == b.content_key is not None
        True
        """
        if self.created is None:
            return None
        when = self.created
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
        words = " ".join(unicodedata.normalize("NFC", self.text).split())
        raw = f"{self.platform}\x1f{when.replace(microsecond=0).isoformat()}\x1f{words}"
        return "sc1-" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    @property
    def derived_id(self) -> bool:
        """Whether the id was made up by sojournal (a DYI export carries none)."""
        return self.id.startswith(DERIVED_ID_PREFIX)

    @property
    def idempotency_key(self) -> str:
        raw = f"{self.platform}\x1f{self.id}\x1f{self.effective_version}"
        return "sj1-" + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    @property
    def is_public(self) -> bool:
        """Messenger is private: nothing there is ever removed from the platform."""
        return self.channel != "messenger"


class PiiSpan(_Frozen):
    """Where personal data sits in a text: Python string indices into ``Post.text``."""

    kind: PiiKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    score: float = Field(default=1.0, ge=0.0, le=1.0)
    explanation: str = ""


class Reason(_Frozen):
    """One rule that fired, and why, in English and Danish."""

    rule: str
    text: str
    text_da: str = ""


class Decision(_Frozen):
    """What the policy decided for one post, with everything a records manager needs to see why.

    ``to_contract`` gives the stable JSON shape of ``sojournal decide``.
    """

    category: Category
    journalise: bool
    remove: Removal | None = None
    reply: ReplyKind = "none"
    escalate: Escalation | None = None
    sensitive: bool = False
    review: bool = False
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    pii: tuple[PiiSpan, ...] = ()
    reasons: tuple[Reason, ...] = ()
    policy_version: str = "0"
    kle: str | None = None
    topic: str | None = None
    case_refs: tuple[str, ...] = ()

    def to_contract(self, post_id: str) -> dict[str, Any]:
        return {
            "id": post_id,
            "category": self.category,
            "journalise": self.journalise,
            "remove": self.remove,
            "reply": self.reply,
            "escalate": self.escalate,
            "sensitive": self.sensitive,
            "review": self.review,
            "confidence": round(self.confidence, 3),
            "pii": [
                {"kind": s.kind, "start": s.start, "end": s.end}
                for s in self.pii
                if s.kind in CONTRACT_PII_KINDS
            ],
            "reasons": [{"rule": r.rule, "text": r.text} for r in self.reasons],
            "policy_version": self.policy_version,
        }


class CaseDocument(_Frozen):
    """The document filed in the case system, before it is rendered to XML."""

    idempotency_key: str
    title: str
    direction: Direction = "incoming"
    kle_number: str = Field(pattern=r"^\d{2}\.\d{2}\.\d{2}$")
    handling_facet: str = Field(pattern=r"^[A-Z]\d{2}$")
    received: datetime
    sender_name: str | None = None
    sender_id: str | None = None
    channel: Channel
    platform_post_id: str
    permalink: str | None = None
    body: str
    attachments: tuple[Attachment, ...] = ()
    access_restricted: bool = False
    case_reference: str | None = None
    category: Category
    reasons: tuple[Reason, ...] = ()
    policy_version: str


class Receipt(_Frozen):
    """The case system's word that a document exists; nothing is scrubbed without one."""

    idempotency_key: str
    document_id: str
    case_id: str
    duplicate: bool = False


class Outcome(_Frozen):
    """What became of one post in one run: the ledger state, and what was done to get there."""

    post_id: str
    idempotency_key: str
    state: str
    decision: Decision | None = None
    receipt: Receipt | None = None
    actions: tuple[str, ...] = ()
    error: str | None = None
