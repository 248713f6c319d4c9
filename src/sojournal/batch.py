"""The nightly batch: read exports, take every post as far as it goes, resume what was left.

Reading streams, so memory does not grow with the export; each post is
recorded in the ledger as it is read, so a crash mid-file loses nothing.
The summary holds ids and counts only — it is safe to mail to an operator.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ConfigDict

from sojournal.models import Outcome, Post
from sojournal.pipeline import Journaliser
from sojournal.platforms.sources.records import BadRecord

__all__ = ["BatchSummary", "run_batch"]

log = logging.getLogger("sojournal.batch")


class BatchSummary(BaseModel):
    """What one run did. ``exit_code`` follows the CLI contract (0 done, 1 retry later)."""

    model_config = ConfigDict(frozen=True)

    read: int
    bad_records: tuple[str, ...]
    journalised: int
    new_documents: tuple[str, ...]
    skipped: int
    #: Skipped because another source (a DYI export beside webhooks) had the same post.
    duplicates: int = 0
    review: int
    failed: int
    retry_later: int
    removed: int
    replied: int
    escalated: int
    outcomes: tuple[dict[str, Any], ...]

    @property
    def exit_code(self) -> int:
        return 1 if (self.failed or self.retry_later or self.bad_records) else 0

    def render(self) -> str:
        lines = [
            f"read {self.read} posts ({len(self.bad_records)} bad records quarantined)",
            f"  journalised:   {self.journalised} ({len(self.new_documents)} new documents)",
            f"  not journalised (skipped): {self.skipped}"
            + (
                f", of which {self.duplicates} read before from another source"
                if self.duplicates
                else ""
            ),
            f"  sent to review: {self.review}",
            f"  removed from platform: {self.removed}, replied: {self.replied}, "
            f"escalated: {self.escalated}",
            f"  failed (needs a person): {self.failed}",
            f"  to retry on the next run: {self.retry_later}",
        ]
        if self.new_documents:
            lines.append("  case-system documents: " + ", ".join(self.new_documents))
        return "\n".join(lines)


def _outcome_record(outcome: Outcome) -> dict[str, Any]:
    decision = outcome.decision
    return {
        "post_id": outcome.post_id,
        "idempotency_key": outcome.idempotency_key,
        "state": outcome.state,
        "category": decision.category if decision else None,
        "journalise": decision.journalise if decision else None,
        "rules": [r.rule for r in decision.reasons] if decision else [],
        "document_id": outcome.receipt.document_id if outcome.receipt else None,
        "case_id": outcome.receipt.case_id if outcome.receipt else None,
        "actions": list(outcome.actions),
        "error": outcome.error,
    }


def run_batch(
    journaliser: Journaliser,
    items: Iterable[Post | BadRecord],
    *,
    progress: Callable[[int], None] | None = None,
) -> BatchSummary:
    """Journalise every post read, then resume rows earlier runs left unfinished."""
    outcomes: dict[str, Outcome] = {}
    bad: list[str] = []
    read = 0
    for item in items:
        if not isinstance(item, Post):
            bad.append(str(item))
            log.warning("bad record: %s", item)
            continue
        read += 1
        outcome = journaliser.journalise(item, source="batch")
        outcomes[outcome.idempotency_key] = outcome
        if progress is not None:
            progress(read)
    for outcome in journaliser.resume():
        outcomes[outcome.idempotency_key] = _merge(outcomes.get(outcome.idempotency_key), outcome)
    return _summarise(read, bad, list(outcomes.values()))


def _merge(earlier: Outcome | None, later: Outcome) -> Outcome:
    if earlier is None:
        return later
    return later.model_copy(update={"actions": earlier.actions + later.actions})


def _summarise(read: int, bad: list[str], outcomes: list[Outcome]) -> BatchSummary:
    states = Counter(o.state for o in outcomes)
    actions = Counter(a for o in outcomes for a in o.actions)
    finished = {"done", "skipped", "review", "failed"}
    return BatchSummary(
        read=read,
        bad_records=tuple(bad),
        journalised=sum(1 for o in outcomes if o.receipt is not None),
        new_documents=tuple(
            o.receipt.document_id
            for o in outcomes
            if o.receipt is not None and "submitted" in o.actions
        ),
        skipped=states["skipped"],
        duplicates=actions["duplicate"],
        review=states["review"],
        failed=states["failed"],
        retry_later=sum(1 for o in outcomes if o.state not in finished),
        removed=actions["deleted"] + actions["hidden"] + actions["already-gone"],
        replied=actions["reply-public"] + actions["reply-private"],
        escalated=sum(1 for o in outcomes if any(a.startswith("escalated") for a in o.actions)),
        outcomes=tuple(_outcome_record(o) for o in outcomes),
    )
