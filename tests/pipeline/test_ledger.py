"""The SQLite ledger: a state machine that refuses impossible moves and survives reopening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sojournal.ledger import LedgerStateError, SqliteLedger, State
from sojournal.models import Receipt

from .helpers import CASE, post


def test_state_survives_reopening_the_file(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    first = SqliteLedger(path)
    key = first.record_received(post(1)).idempotency_key
    first.advance(key, State.DECIDED, decision=CASE)
    first.close()
    again = SqliteLedger(path)
    entry = again.get(key)
    assert entry is not None and entry.state is State.DECIDED and entry.decision == CASE
    assert [t.to_state for t in again.transitions(key)] == [State.RECEIVED, State.DECIDED]


def test_impossible_moves_are_refused(tmp_path: Path) -> None:
    ledger = SqliteLedger(tmp_path / "l.sqlite")
    key = ledger.record_received(post(1)).idempotency_key
    with pytest.raises(LedgerStateError, match="received -> scrubbing not allowed"):
        ledger.advance(key, State.SCRUBBING)
    assert ledger.get(key).state is State.RECEIVED  # type: ignore[union-attr]


def test_submitting_counts_attempts_and_receipt_is_kept(tmp_path: Path) -> None:
    ledger = SqliteLedger(tmp_path / "l.sqlite")
    key = ledger.record_received(post(1)).idempotency_key
    ledger.advance(key, State.DECIDED, decision=CASE)
    ledger.advance(key, State.SUBMITTING)
    receipt = Receipt(idempotency_key=key, document_id="D1", case_id="C1")
    entry = ledger.advance(key, State.SUBMITTED, receipt=receipt)
    assert entry.attempts == 1 and entry.receipt == receipt
    assert ledger.thread_receipt("thread-1") == receipt


def test_a_lease_blocks_others_until_it_expires(tmp_path: Path) -> None:
    now = [1000.0]
    ledger = SqliteLedger(tmp_path / "l.sqlite", monotonic=lambda: now[0])
    key = ledger.record_received(post(1)).idempotency_key
    assert ledger.claim(key, "a", 60)
    assert not ledger.claim(key, "b", 60)
    now[0] += 61
    assert ledger.claim(key, "b", 60)
    ledger.release(key, "b")
    assert ledger.claim(key, "a", 60)


def test_retention_purges_old_review_rows_only(tmp_path: Path) -> None:
    clock = [datetime(2026, 1, 1, tzinfo=UTC)]
    ledger = SqliteLedger(tmp_path / "l.sqlite", clock=lambda: clock[0])
    old = ledger.record_received(post(1)).idempotency_key
    ledger.advance(old, State.DECIDED, decision=CASE)
    ledger.advance(old, State.REVIEW)
    clock[0] += timedelta(days=40)
    fresh = ledger.record_received(post(2)).idempotency_key
    purged = ledger.purge_older_than((State.REVIEW,), clock[0] - timedelta(days=30))
    assert purged == 1
    assert ledger.get(old).post is None  # type: ignore[union-attr]
    assert ledger.get(fresh).post is not None  # type: ignore[union-attr]
    assert ledger.counts() == {"review": 1, "received": 1}
