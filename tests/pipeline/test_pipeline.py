"""The Journaliser's exactly-once promises, step by step, with in-memory fakes of the ports."""

from __future__ import annotations

from pathlib import Path

import pytest

from sojournal.errors import AmbiguousError, PermanentError, TransientError
from sojournal.ledger import SqliteLedger, State
from sojournal.platforms.memory import MemoryPlatform
from sojournal.testing.fakes import FakeCaseSystem

from .helpers import (
    ANGRY_CASE,
    CASE,
    GENERAL,
    POLITICAL,
    TROLL,
    UNSURE,
    Notifier,
    journaliser,
    post,
)


@pytest.fixture
def ledger(tmp_path: Path) -> SqliteLedger:
    return SqliteLedger(tmp_path / "ledger.sqlite")


def test_case_is_filed_then_deleted_then_answered_privately(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    outcome = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)
    result = outcome.journalise(post(1))

    assert result.state == "done"
    assert result.receipt is not None and result.receipt.document_id == "DOC-00001"
    assert platform.deleted_ids() == {"p1"}
    assert [r.private for r in platform.replies()] == [True]
    moves = [t.to_state for t in ledger.transitions(result.idempotency_key)]
    assert moves.index(State.SUBMITTED) < moves.index(State.REPLYING) < moves.index(State.SCRUBBING)
    # our own reply is a document sent on the same case
    outgoing = [d for d in system.documents.values() if d.direction == "outgoing"]
    assert len(outgoing) == 1 and outgoing[0].case_reference == result.receipt.case_id


def test_done_rows_keep_no_text(ledger: SqliteLedger) -> None:
    system = FakeCaseSystem()
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=MemoryPlatform())
    result = j.journalise(post(1, text="Mit cpr er 010190-1234"))
    entry = ledger.get(result.idempotency_key)
    assert entry is not None and entry.post is None and entry.receipt is not None
    ledger.checkpoint()
    raw = Path(ledger.path).read_bytes() + Path(ledger.path + "-wal").read_bytes()
    assert b"010190-1234" not in raw
    assert entry.text_hash == post(1, text="Mit cpr er 010190-1234").text_hash


def test_nothing_is_removed_while_the_case_system_is_down(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    system.fail_next(TransientError("connection refused"))
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)

    first = j.journalise(post(1))
    assert first.state == "submitting" and first.error is not None
    assert platform.calls == () and system.documents == {}

    later = list(j.resume())
    assert [o.state for o in later] == ["done"]
    assert system.find_calls == 1, "a row found in submitting asks the case system first"
    assert platform.deleted_ids() == {"p1"}


def test_lost_answer_is_reconciled_not_resent(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    system.fail_next(AmbiguousError("read timeout"), after_effect=True)
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)

    assert j.journalise(post(1)).state == "submitting"
    (outcome,) = list(j.resume())
    assert outcome.state == "done" and "reconciled" in outcome.actions
    incoming = [d for d in system.documents.values() if d.direction == "incoming"]
    assert len(incoming) == 1
    assert system.submit_calls == 2  # the first (lost) one and the outgoing reply, never a resend


def test_interrupted_delete_checks_the_platform_before_acting_again(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    platform.fail_next("delete", AmbiguousError("reset"), after_effect=True)
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)

    assert j.journalise(post(1)).state == "scrubbing"
    (outcome,) = list(j.resume())
    assert "already-gone" in outcome.actions
    assert platform.actions("delete") == [("delete", "p1")]


def test_a_reply_is_never_sent_twice(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    platform.fail_next("reply_private", AmbiguousError("reset"), after_effect=True)
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)

    assert j.journalise(post(1)).state == "replying"
    (outcome,) = list(j.resume())
    assert outcome.state == "failed"
    assert len(platform.replies()) == 1
    assert list(j.resume()) == []  # failed rows wait for a person


def test_trolling_is_hidden_and_escalated_once_and_not_filed(ledger: SqliteLedger) -> None:
    system, platform, notifier = FakeCaseSystem(), MemoryPlatform(), Notifier()
    j = journaliser(
        {"p1": TROLL}, ledger=ledger, case_system=system, platform=platform, notifier=notifier
    )
    assert j.journalise(post(1)).state == "done"
    j.journalise(post(1))
    assert platform.hidden_ids() == {"p1"} and platform.deleted_ids() == frozenset()
    assert [e.kind for e in notifier.sent] == ["trolling"]
    assert system.submit_calls == 0


@pytest.mark.parametrize("decision", [POLITICAL, GENERAL])
def test_posts_that_need_nothing_are_skipped(ledger: SqliteLedger, decision: object) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    j = journaliser({"p1": decision}, ledger=ledger, case_system=system, platform=platform)  # type: ignore[dict-item]
    result = j.journalise(post(1))
    assert result.state == "skipped"
    assert platform.calls == () and system.submit_calls == 0


def test_uncertain_posts_wait_in_review(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    j = journaliser({"p1": UNSURE}, ledger=ledger, case_system=system, platform=platform)
    assert j.journalise(post(1)).state == "review"
    assert list(j.resume()) == [] and system.submit_calls == 0


def test_messenger_is_never_scrubbed(ledger: SqliteLedger) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)
    result = j.journalise(post(1, channel="messenger"))
    assert result.state == "done"
    assert platform.actions("delete") == [] and len(platform.replies()) == 1


def test_rereading_files_nothing_new_but_an_edit_does(ledger: SqliteLedger) -> None:
    system = FakeCaseSystem()
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=None)
    first = j.journalise(post(1, text="første"))
    again = j.journalise(post(1, text="første"))
    edited = j.journalise(post(1, text="første, rettet"))
    assert first.idempotency_key == again.idempotency_key != edited.idempotency_key
    assert len(system.documents) == 2 and system.submit_calls == 2


def test_a_rejection_fails_the_row_and_is_not_retried(ledger: SqliteLedger) -> None:
    system = FakeCaseSystem()
    system.fail_next(PermanentError("schema says no"))
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=MemoryPlatform())
    result = j.journalise(post(1))
    assert result.state == "failed" and result.error and "PermanentError" in result.error
    assert list(j.resume()) == [] and system.submit_calls == 1


def test_a_row_held_by_another_worker_is_left_alone(ledger: SqliteLedger) -> None:
    system = FakeCaseSystem()
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=None)
    entry = ledger.record_received(post(1))
    assert ledger.claim(entry.idempotency_key, "someone-else", 60)
    result = j.advance(entry.idempotency_key)
    assert result.state == "received" and result.error == "claimed by another worker"
    assert system.submit_calls == 0


def test_page_reply_on_a_journalised_thread_is_filed_as_outgoing_on_that_case(
    ledger: SqliteLedger,
) -> None:
    system = FakeCaseSystem()
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=None)
    incoming = j.journalise(post(1))
    assert incoming.receipt is not None
    reply = j.journalise(post(2, text="Vi har sendt dig et svar i Digital Post.", from_page=True))
    assert reply.state == "done" and reply.receipt is not None
    outgoing = system.documents[reply.idempotency_key]
    assert outgoing.direction == "outgoing"
    assert outgoing.case_reference == incoming.receipt.case_id


def test_page_reply_on_a_thread_not_journalised_is_not_filed(ledger: SqliteLedger) -> None:
    system = FakeCaseSystem()
    j = journaliser({"p1": POLITICAL}, ledger=ledger, case_system=system, platform=None)
    j.journalise(post(1))
    reply = j.journalise(post(2, text="Tak for din kommentar.", from_page=True))
    assert reply.state == "skipped" and system.submit_calls == 0


def test_a_post_removed_by_its_author_is_still_filed_and_not_answered(
    ledger: SqliteLedger,
) -> None:
    system, platform = FakeCaseSystem(), MemoryPlatform()
    j = journaliser({"p1": CASE}, ledger=ledger, case_system=system, platform=platform)
    ledger.record_received(post(1))  # read, then the author removes it before we process
    platform.delete(post(1))
    removal = j.journalise(post(1, text="", verb="remove"))
    assert removal.state == "skipped"
    (outcome,) = list(j.resume())
    assert outcome.state == "done" and outcome.receipt is not None
    assert "reply-impossible-gone" in outcome.actions
    assert platform.replies() == ()


def test_a_failing_escalation_never_holds_back_the_record(ledger: SqliteLedger) -> None:
    system, platform, notifier = FakeCaseSystem(), MemoryPlatform(), Notifier()
    notifier.fail_with = TransientError("smtp timeout")
    j = journaliser(
        {"p1": ANGRY_CASE}, ledger=ledger, case_system=system, platform=platform, notifier=notifier
    )
    first = j.journalise(post(1))
    assert first.state == "submitted" and first.receipt is not None
    assert platform.calls == ()  # nothing done on the platform until escalated
    (later,) = list(j.resume())
    assert later.state == "done" and [e.kind for e in notifier.sent] == ["critical"]


def test_a_refused_escalation_is_logged_and_the_post_goes_on(ledger: SqliteLedger) -> None:
    system, platform, notifier = FakeCaseSystem(), MemoryPlatform(), Notifier()
    notifier.fail_with = PermanentError("550 mailbox unavailable")
    j = journaliser(
        {"p1": ANGRY_CASE}, ledger=ledger, case_system=system, platform=platform, notifier=notifier
    )
    assert j.journalise(post(1)).state == "done"
    assert platform.deleted_ids() == {"p1"}
