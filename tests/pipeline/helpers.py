"""Builders shared by the pipeline tests: fixed decisions, no policy, no XML."""

from __future__ import annotations

from datetime import UTC, datetime

from sojournal.ledger import SqliteLedger
from sojournal.models import CaseDocument, Decision, Direction, Post, Reason
from sojournal.pipeline import Journaliser, ReplyMode
from sojournal.platforms.memory import MemoryPlatform
from sojournal.platforms.port import Escalation
from sojournal.testing.fakes import FakeCaseSystem

CASE = Decision(
    category="case",
    journalise=True,
    remove="delete",
    reply="redirect",
    sensitive=True,
    reasons=(Reason(rule="case.own-matter", text="own matter"),),
    policy_version="test",
)
GENERAL = Decision(category="general", journalise=False, reply="answer", policy_version="test")
POLITICAL = Decision(category="political", journalise=False, reply="none", policy_version="test")
TROLL = Decision(
    category="offensive",
    journalise=False,
    remove="hide",
    reply="none",
    escalate="politik-og-organisation",
    reasons=(Reason(rule="offensive.insult", text="insult"),),
    policy_version="test",
)
UNSURE = CASE.model_copy(update={"review": True, "confidence": 0.4})
ANGRY_CASE = CASE.model_copy(update={"escalate": "politik-og-organisation"})


def post(n: int, text: str = "tekst", **extra: object) -> Post:
    fields: dict[str, object] = {
        "id": f"p{n}",
        "channel": "facebook_comment",
        "text": text,
        "thread_id": "thread-1",
        "page_id": "page-1",
        "author_id": f"u{n}",
    }
    fields.update(extra)
    return Post.model_validate(fields)


def document(
    post: Post, decision: Decision, direction: Direction, reference: str | None
) -> CaseDocument:
    return CaseDocument(
        idempotency_key=post.idempotency_key,
        title="Henvendelse",
        direction=direction,
        kle_number="00.01.00",
        handling_facet="G01",
        received=datetime(2026, 11, 27, tzinfo=UTC),
        channel=post.channel,
        platform_post_id=post.id,
        body=post.text,
        category=decision.category,
        policy_version=decision.policy_version,
        case_reference=reference,
    )


class Replies:
    def mode(self, decision: Decision, post: Post, removed: bool) -> ReplyMode:
        return "private" if removed or post.channel == "messenger" else "public"

    def compose(self, decision: Decision, post: Post, *, removed: bool, private: bool) -> str:
        return "Skriv til os via Digital Post."


class Notifier:
    def __init__(self) -> None:
        self.sent: list[Escalation] = []
        self.fail_with: Exception | None = None

    def escalate(self, escalation: Escalation) -> None:
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error
        self.sent.append(escalation)


def journaliser(
    decisions: dict[str, Decision],
    *,
    ledger: SqliteLedger,
    case_system: FakeCaseSystem,
    platform: MemoryPlatform | None,
    notifier: Notifier | None = None,
) -> Journaliser:
    def decide(p: Post) -> Decision:
        if p.from_page:
            return GENERAL.model_copy(update={"reply": "none"})
        return decisions[p.id]

    return Journaliser(
        decide=decide,
        documents=document,
        case_system=case_system,
        ledger=ledger,
        platform=platform,
        replies=Replies(),
        notifier=notifier,
    )
