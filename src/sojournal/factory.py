"""Wiring: settings in, a ready ``Journaliser`` out. The only place adapters meet config.

The pipeline knows ports; this module picks the adapters the settings name
and bends their APIs to the ports (audit log, replies, shitstorm watch), so
neither side needs to know the other.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Literal

import requests

from sojournal.audit import AuditLog
from sojournal.casesystems.port import CaseSystem
from sojournal.casesystems.reference import ReferenceCaseSystem, ReferenceSettings
from sojournal.config import Settings
from sojournal.document import build_case_document
from sojournal.errors import ConfigError
from sojournal.ledger import SqliteLedger
from sojournal.models import CaseDocument, Decision, Direction, Post, Receipt
from sojournal.notify.file import FileNotifier
from sojournal.notify.log import LogNotifier
from sojournal.notify.smtp import SmtpNotifier, SmtpSettings
from sojournal.pipeline import Journaliser, ReplyMode
from sojournal.platforms.graph import GraphPlatform, GraphSettings
from sojournal.platforms.memory import MemoryPlatform
from sojournal.platforms.port import Escalation, Notifier, Platform
from sojournal.policy import Policy, decide, kle_for, load_policy
from sojournal.replies import ReplySettings, check_reply_settings, compose_reply, reply_mode
from sojournal.shitstorm import ShitstormDetector

__all__ = ["build_journaliser", "build_platform", "case_system_from"]


class AuditAdapter:
    """The pipeline's ``AuditTrail`` over the hash-chained ``AuditLog``."""

    def __init__(self, log: AuditLog) -> None:
        self._log = log

    def record(
        self,
        action: str,
        *,
        post_id: str,
        idempotency_key: str,
        rules: tuple[str, ...],
        receipt: Receipt | None,
        detail: str | None = None,
    ) -> None:
        self._log.append(
            action,  # type: ignore[arg-type]  # the pipeline uses the audit's action names
            post_id,
            idempotency_key=idempotency_key,
            rules=rules,
            receipt=receipt,
            detail=detail,
        )


class TemplateReplies:
    """The pipeline's ``ReplyComposer`` over the Danish templates."""

    def __init__(self, settings: ReplySettings) -> None:
        self._settings = settings

    def mode(self, decision: Decision, post: Post, removed: bool) -> ReplyMode:
        return reply_mode(decision, post.channel, removed=removed)

    def compose(
        self, decision: Decision, post: Post, *, removed: bool, private: bool
    ) -> str | None:
        return compose_reply(decision, removed=removed, private=private, settings=self._settings)


class ShitstormAdapter:
    """The pipeline's ``ShitstormWatch`` over ``ShitstormDetector``."""

    def __init__(self, detector: ShitstormDetector) -> None:
        self._detector = detector

    def observe(self, post: Post, decision: Decision) -> Escalation | None:
        return self._detector.observe_post(post, decision)

    def release(self, thread_id: str) -> None:
        self._detector.release(thread_id)


class PolicyDocuments:
    """The pipeline's ``DocumentFactory``: KLE from the policy's table, then the document."""

    def __init__(self, policy: Policy) -> None:
        self._policy = policy

    def __call__(
        self, post: Post, decision: Decision, direction: Direction, case_reference: str | None
    ) -> CaseDocument:
        kle, facet = kle_for(decision, self._policy)
        document = build_case_document(
            post, decision, kle_number=kle, handling_facet=facet, direction=direction
        )
        if case_reference and document.case_reference != case_reference:
            document = document.model_copy(update={"case_reference": case_reference})
        return document


def case_system_from(settings: Settings) -> CaseSystem:
    config = settings.case_system
    return ReferenceCaseSystem(
        config.endpoint,
        ReferenceSettings(
            timeout=config.timeout,
            verify_tls=config.verify_tls,
            ca_bundle=str(config.ca_bundle) if config.ca_bundle else None,
            username=config.username,
            password=config.password if config.username else None,
        ),
        settings.retry,
    )


def build_platform(settings: Settings) -> Platform | None:
    config = settings.platform
    if config.kind == "none":
        return None
    if config.kind == "memory":
        return MemoryPlatform()
    if config.token is None:
        raise ConfigError(
            f'[platform] kind = "graph" needs a page access token: set ${config.token_env}'
        )
    return GraphPlatform(
        requests.Session(),  # TLS verification comes from GraphSettings, per request
        config.token,
        settings=GraphSettings(
            base_url=config.base_url,
            api_version=config.api_version,
            timeout=config.timeout,
            verify_tls=config.verify_tls,
        ),
        retry=settings.retry,
        page_id=config.page_id,
        app_secret=config.app_secret,
    )


def build_notifier(settings: Settings) -> Notifier:
    config = settings.escalation
    if config.kind == "file":
        return FileNotifier(config.file)
    if config.kind == "log":
        return LogNotifier()
    return SmtpNotifier(
        SmtpSettings(
            host=config.smtp_host,
            port=config.smtp_port,
            sender=config.sender,
            recipient=config.recipient,
            starttls=config.starttls,
            username=config.smtp_username,
            password=config.password,
        )
    )


def build_journaliser(
    settings: Settings,
    *,
    case_system: CaseSystem | None = None,
    platform: Platform | Literal["from-settings"] | None = "from-settings",
    ledger: SqliteLedger | None = None,
) -> Journaliser:
    """Everything from settings; pass an adapter to use it instead (tests, demo)."""
    policy = load_policy(settings.policy.rules)
    replies = settings.replies
    reply_settings = ReplySettings(
        municipality=replies.municipality,
        channel=replies.channel,
        phone=replies.phone,
        url=replies.url,
        templates_path=replies.templates,
    )
    check_reply_settings(reply_settings)  # a missing phone number stops the run at start-up
    ledger = ledger or SqliteLedger(settings.ledger.path)
    return Journaliser(
        decide=lambda post: decide(post, policy),
        documents=PolicyDocuments(policy),
        case_system=case_system or case_system_from(settings),
        ledger=ledger,
        platform=build_platform(settings) if platform == "from-settings" else platform,
        replies=TemplateReplies(reply_settings),
        notifier=build_notifier(settings),
        audit=AuditAdapter(AuditLog(Path(settings.ledger.path))),
        shitstorm=ShitstormAdapter(
            ShitstormDetector(
                threshold=settings.shitstorm.threshold,
                window=timedelta(minutes=settings.shitstorm.window_minutes),
                store_path=Path(settings.ledger.path),
            )
        ),
        block_trolls=settings.platform.block_trolls,
        auto_answer=settings.policy.auto_answer,
    )
