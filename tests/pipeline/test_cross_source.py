"""One post read from two sources that name it differently is filed once.

A DYI export carries no ids (sojournal derives ``dyi-…`` ones), so the same comment
arriving by webhook and, the next night, from a DYI export has two idempotency
keys. The ledger's content key (platform, second, words) joins them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sojournal.ledger import SqliteLedger, State
from sojournal.models import Post
from sojournal.platforms.memory import MemoryPlatform
from sojournal.testing.fakes import FakeCaseSystem

from .helpers import CASE, journaliser

AT = datetime(2026, 11, 27, 9, 30, 5, tzinfo=UTC)
TEXT = "Jeg har søgt om boligstøtte i august og har ikke hørt noget"


def webhook(**extra: object) -> Post:
    fields: dict[str, object] = {
        "id": "123_456",
        "channel": "facebook_comment",
        "text": TEXT,
        "created": AT,
    }
    fields.update(extra)
    return Post.model_validate(fields)


def dyi(**extra: object) -> Post:
    # DYI timestamps are whole seconds; its text comes repaired, spacing may differ.
    fields: dict[str, object] = {
        "id": "dyi-0a1b2c3d",
        "channel": "facebook_comment",
        "text": TEXT.replace(" og ", "  og "),
        "created": AT.replace(microsecond=0),
    }
    fields.update(extra)
    return Post.model_validate(fields)


@pytest.fixture
def ledger(tmp_path: Path) -> SqliteLedger:
    return SqliteLedger(tmp_path / "ledger.sqlite")


@pytest.mark.parametrize("first_from_webhook", [True, False])
def test_the_second_source_is_skipped_as_a_duplicate(
    ledger: SqliteLedger, first_from_webhook: bool
) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    first, second = (webhook(), dyi()) if first_from_webhook else (dyi(), webhook())
    j = journaliser(
        {first.id: CASE, second.id: CASE}, ledger=ledger, case_system=system, platform=platform
    )
    filed = j.journalise(first)
    twin = j.journalise(second)

    assert filed.state == "done" and filed.receipt is not None
    assert twin.state == "skipped" and "duplicate" in twin.actions
    assert len(system.documents) == 1 + 1  # the post, and our reply filed as outgoing
    assert len(platform.deleted_ids()) == 1 and len(platform.replies()) == 1
    notes = [t.note for t in ledger.transitions(twin.idempotency_key)]
    assert f"duplicate of {filed.idempotency_key}" in notes
    entry = ledger.get(twin.idempotency_key)
    assert entry is not None and entry.decision is not None
    assert [r.rule for r in entry.decision.reasons] == ["source.duplicate"]


def test_two_real_ids_with_the_same_words_and_second_are_two_posts(
    ledger: SqliteLedger,
) -> None:
    system = FakeCaseSystem()
    one, other = webhook(), webhook(id="123_789")
    j = journaliser(
        {one.id: CASE, other.id: CASE}, ledger=ledger, case_system=system, platform=None
    )
    assert j.journalise(one).state == "done"
    assert j.journalise(other).state == "done"
    assert {d.platform_post_id for d in system.documents.values()} == {"123_456", "123_789"}


@pytest.mark.parametrize(
    "twin",
    [
        dyi(created=None),  # no time: never taken for another post
        dyi(created=AT.replace(second=6)),  # another second
        dyi(text=TEXT + "!"),  # other words
        dyi(channel="instagram_comment"),  # another platform
    ],
)
def test_a_post_that_differs_is_filed_on_its_own(ledger: SqliteLedger, twin: Post) -> None:
    system = FakeCaseSystem()
    first = webhook()
    j = journaliser(
        {first.id: CASE, twin.id: CASE}, ledger=ledger, case_system=system, platform=None
    )
    j.journalise(first)
    assert j.journalise(twin).state == "done"
    assert len(system.documents) == 2


def test_a_ledger_from_before_content_keys_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE posts (idempotency_key TEXT PRIMARY KEY, post_id TEXT NOT NULL,"
        " channel TEXT NOT NULL, thread_id TEXT, state TEXT NOT NULL, text_hash TEXT NOT NULL,"
        " post_json TEXT, decision_json TEXT, receipt_json TEXT,"
        " attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT,"
        " escalated INTEGER NOT NULL DEFAULT 0, source TEXT, lease_owner TEXT,"
        " lease_expires REAL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
        "INSERT INTO posts (idempotency_key, post_id, channel, state, text_hash, created_at,"
        " updated_at) VALUES ('sj1-old', 'x1', 'facebook_comment', 'done', 'h',"
        " '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00');"
    )
    old.close()

    ledger = SqliteLedger(path)
    entry = ledger.get("sj1-old")
    assert entry is not None and entry.state is State.DONE
    ledger.record_received(webhook())
    assert ledger.same_post_elsewhere(dyi()) is not None
    assert ledger.same_post_elsewhere(webhook(id="123_999")) is None
    ledger.close()
    reopened = SqliteLedger(path)  # a second upgrade is a no-op
    assert reopened.same_post_elsewhere(dyi()) is not None
    reopened.close()
