"""The audit log: append, read back per post, and catch every kind of tampering."""

from __future__ import annotations

import itertools
import sqlite3
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sojournal.audit import GENESIS_HASH, AuditLog, VerifyResult
from sojournal.audit_render import render_history, render_verify
from sojournal.errors import ConfigError, InputError, PermanentError
from sojournal.models import Receipt


class StepClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def filled(path: Path, n: int = 5) -> AuditLog:
    log = AuditLog(path, clock=StepClock())
    receipt = Receipt(idempotency_key="sj1-abc", document_id="DOC-1", case_id="CASE-9")
    for i in range(1, n + 1):
        log.append(
            "delete" if i % 2 else "reply_private",
            f"post-{i % 2}",
            idempotency_key=f"sj1-{i}",
            rules=("case.own", "pii.cpr"),
            receipt=receipt,
            detail="ok",
        )
    return log


def raw(path: Path, sql: str, *args: object) -> None:
    db = sqlite3.connect(path)
    with db:
        db.execute(sql, args)
    db.close()


def test_append_links_entries_and_verifies(tmp_path: Path) -> None:
    log = filled(tmp_path / "a.db")
    records = [*log.history("post-1"), *log.history("post-0")]
    by_seq = sorted(records, key=lambda r: r.seq)
    assert [r.seq for r in by_seq] == [1, 2, 3, 4, 5]
    assert by_seq[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(by_seq))
    assert all(r.hash == r.computed_hash() for r in by_seq)
    assert by_seq[0].time == "2026-03-01T08:00:01.000000Z"
    assert (by_seq[0].document_id, by_seq[0].case_id) == ("DOC-1", "CASE-9")
    assert log.verify() == VerifyResult(ok=True, checked=5)


def test_history_is_per_post_in_order(tmp_path: Path) -> None:
    log = filled(tmp_path / "a.db")
    assert [r.seq for r in log.history("post-1")] == [1, 3, 5]
    assert [r.action for r in log.history("post-0")] == ["reply_private", "reply_private"]
    assert log.history("nobody") == []


def test_time_is_utc_whatever_the_clock_zone(tmp_path: Path) -> None:
    cet = timezone(timedelta(hours=1))
    log = AuditLog(tmp_path / "a.db", clock=lambda: datetime(2026, 3, 1, 9, 0, tzinfo=cet))
    assert log.append("block", "p").time == "2026-03-01T08:00:00.000000Z"


def test_naive_clock_is_a_config_error(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "a.db", clock=lambda: datetime(2026, 3, 1))
    with pytest.raises(ConfigError):
        log.append("block", "p")


def test_free_text_is_refused_and_not_echoed(tmp_path: Path) -> None:
    log = AuditLog(tmp_path / "a.db")
    secret = "Mit CPR er 010101-1234"
    for kwargs in ({"detail": secret}, {"rules": (secret,)}, {"actor": secret}):
        with pytest.raises(InputError) as info:
            log.append("escalate", "p", **kwargs)
        assert "010101" not in str(info.value)
        assert str(info.value).startswith(f"audit: {next(iter(kwargs))}")
    assert log.verify() == VerifyResult(ok=True, checked=0)


def test_altered_row_is_reported_at_its_seq(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    raw(path, "UPDATE audit SET action = 'hide' WHERE seq = 3")
    result = log.verify()
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 3, 2)
    assert "altered" in (result.problem or "")


def test_altered_row_with_recomputed_hash_breaks_the_next_link(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    forged = log.history("post-1")[1].model_copy(update={"rules": ()})
    raw(path, "UPDATE audit SET rules = '[]', hash = ? WHERE seq = 3", forged.computed_hash())
    result = log.verify()
    assert (result.ok, result.first_bad_seq) == (False, 4)
    assert "prev_hash" in (result.problem or "")


def test_deleted_middle_row_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    raw(path, "DELETE FROM audit WHERE seq = 2")
    result = log.verify()
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 2, 1)
    assert "missing" in (result.problem or "")


def test_deleted_and_renumbered_rows_are_detected(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    raw(path, "DELETE FROM audit WHERE seq = 2")
    raw(path, "UPDATE audit SET seq = seq - 1 WHERE seq > 2")
    result = log.verify()
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_deleted_last_row_is_detected_via_head(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    raw(path, "DELETE FROM audit WHERE seq = 5")
    result = log.verify()
    assert (result.ok, result.first_bad_seq, result.checked) == (False, 5, 4)
    assert "chain head" in (result.problem or "")


def test_removed_head_is_detected_and_stops_appends(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    raw(path, "DELETE FROM audit_head")
    raw(path, "DELETE FROM audit WHERE seq = 5")
    assert log.verify() == VerifyResult(
        ok=False, checked=4, first_bad_seq=4, problem="chain head is missing"
    )
    # appending would write a fresh head over the truncation and hide it
    with pytest.raises(PermanentError, match="chain head is missing"):
        log.append("block", "p")
    assert AuditLog(path).verify().ok is False  # reopening does not heal it either


def test_appending_after_a_truncation_keeps_the_gap_visible(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    raw(path, "DELETE FROM audit WHERE seq = 5")
    assert log.append("block", "p").seq == 6
    assert log.verify().first_bad_seq == 5


def test_entries_survive_reopening_and_share_the_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    raw(path, "CREATE TABLE ledger (id TEXT PRIMARY KEY)")
    filled(path).close()
    log = AuditLog(path)
    assert log.append("escalate", "p", detail="shitstorm").seq == 6
    assert log.verify().ok
    db = sqlite3.connect(path)
    assert db.execute("SELECT count(*) FROM ledger").fetchone() == (0,)
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()


def test_concurrent_appends_from_two_logs_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    logs = [AuditLog(path), AuditLog(path)]

    def work(log: AuditLog) -> None:
        for _ in range(25):
            log.append("hide", "p")

    threads = [threading.Thread(target=work, args=(log,)) for log in logs for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert logs[0].verify() == VerifyResult(ok=True, checked=100)


def test_not_a_database_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ConfigError, match=r"junk\.db"):
        AuditLog(path)


def test_rendering_shows_ids_and_verdicts(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    log = filled(path)
    text = render_history(log.history("post-1"))
    assert text.splitlines()[0] == "audit trail for post post-1 (3 entries)"
    assert "CASE-9/DOC-1" in text and "case.own,pii.cpr" in text
    assert render_history([]) == "no audit entries for this post"
    assert render_verify(log.verify()).startswith("audit log OK: 5 entries")
    raw(path, "DELETE FROM audit WHERE seq = 2")
    assert render_verify(log.verify()).startswith("audit log BROKEN at seq 2:")
