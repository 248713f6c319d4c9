"""The audit trail: an append-only, hash-chained log of everything done on a platform.

The ledger says where a post *is*; the audit log says what was *done*, by whom,
relying on which case-system receipt — the record a records manager or the
data-protection officer shows when asked "why was this comment deleted?". It
outlives the purge of post text, so it never holds any: ids, rule ids, codes.

Each entry stores the previous entry's hash and its own hash over a canonical
JSON of all its fields, so an edited, removed or re-ordered entry breaks the
chain. A one-row head table keeps the last seq and hash: without it, cutting
off the newest entries would leave a chain that still checks out.

The table names (``audit``, ``audit_head``) are our own; the file may be
shared with the ledger, so nothing here assumes it owns the database.

>>> from datetime import UTC, datetime
>>> log = AuditLog(":memory:", clock=lambda: datetime(2026, 1, 5, 9, 30, tzinfo=UTC))
>>> r = log.append("hide", "123_456", rules=("offensive.insult",), detail="trolling")
>>> r.seq, r.time, r.prev_hash == GENESIS_HASH
(1, '2026-01-05T09:30:00.000000Z', True)
>>> log.verify().ok
True
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sojournal.errors import ConfigError, InputError, PermanentError, TransientError
from sojournal.models import Receipt

__all__ = [
    "GENESIS_HASH",
    "AuditAction",
    "AuditEntry",
    "AuditLog",
    "AuditRecord",
    "VerifyResult",
    "render_history",
    "render_verify",
]

AuditAction = Literal[
    "delete", "hide", "reply_public", "reply_private", "block", "escalate", "review_decision"
]

#: ``prev_hash`` of the first entry.
GENESIS_HASH = "0" * 64

# Codes and ids only: a pattern leaves no room for a sentence of post text.
_CODE = r"^[A-Za-z0-9_.:@/+=|-]{1,200}$"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    time TEXT NOT NULL,
    action TEXT NOT NULL,
    post_id TEXT NOT NULL,
    idempotency_key TEXT,
    rules TEXT NOT NULL,
    document_id TEXT,
    case_id TEXT,
    actor TEXT NOT NULL,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_post_id ON audit (post_id, seq);
CREATE TABLE IF NOT EXISTS audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
"""

_COLUMNS = (
    "seq, time, action, post_id, idempotency_key, rules, document_id, case_id, "
    "actor, detail, prev_hash, hash"
)


class AuditEntry(BaseModel):
    """What one action was. Validated so that no free text can slip in."""

    # Inputs are hidden in validation errors: a mistaken caller passing text
    # where a code belongs must not see that text echoed into a log.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    action: AuditAction
    post_id: str = Field(min_length=1, max_length=200)
    idempotency_key: str | None = Field(default=None, pattern=_CODE)
    rules: tuple[Annotated[str, Field(pattern=_CODE)], ...] = ()
    document_id: str | None = Field(default=None, max_length=200)
    case_id: str | None = Field(default=None, max_length=200)
    actor: str = Field(default="sojournal", pattern=_CODE)
    detail: str | None = Field(default=None, pattern=_CODE)


class AuditRecord(AuditEntry):
    """An entry as stored: its place in the chain and the hashes that hold it there."""

    seq: int = Field(ge=1)
    time: str
    prev_hash: str
    hash: str

    def computed_hash(self) -> str:
        """The hash this record should carry: over everything but the hash itself."""
        return _hash_of(self.model_dump(exclude={"hash"}))


class VerifyResult(BaseModel):
    """The outcome of checking the chain; ``first_bad_seq`` is where to start looking."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ok: bool
    checked: int
    first_bad_seq: int | None = None
    problem: str | None = None


def _hash_of(fields: dict[str, Any]) -> str:
    data = dict(fields)
    data["rules"] = list(data["rules"])
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _iso_utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ConfigError("audit clock returned a naive datetime; it must be timezone-aware")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _record(row: sqlite3.Row | tuple[Any, ...]) -> AuditRecord:
    seq, time, action, post_id, key, rules, doc, case, actor, detail, prev, own = row
    return AuditRecord.model_construct(
        seq=seq,
        time=time,
        action=action,
        post_id=post_id,
        idempotency_key=key,
        rules=tuple(json.loads(rules)),
        document_id=doc,
        case_id=case,
        actor=actor,
        detail=detail,
        prev_hash=prev,
        hash=own,
    )


def _utcnow() -> datetime:
    return datetime.now(UTC)


class AuditLog:
    """The audit table in a SQLite file; safe to share between threads of one process
    (one connection behind a lock) and between processes (``BEGIN IMMEDIATE``).
    """

    def __init__(self, path: str | Path, clock: Callable[[], datetime] = _utcnow) -> None:
        self._path = str(path)
        self._clock = clock
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(
                self._path, isolation_level=None, check_same_thread=False, timeout=10.0
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
            # A new, empty log starts at the genesis head; a log with entries keeps its own.
            self._db.execute(
                "INSERT OR IGNORE INTO audit_head (id, seq, hash) SELECT 1, 0, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM audit)",
                (GENESIS_HASH,),
            )
        except sqlite3.Error as exc:
            raise ConfigError(f"audit log {self._path}: cannot open: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> AuditLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute(begin)
                try:
                    yield self._db
                except BaseException:
                    if self._db.in_transaction:  # sqlite may have rolled back already
                        self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                raise TransientError(f"audit log {self._path}: {exc}") from exc
            except sqlite3.Error as exc:
                raise PermanentError(f"audit log {self._path}: {exc}") from exc

    def append(
        self,
        action: AuditAction,
        post_id: str,
        *,
        idempotency_key: str | None = None,
        rules: Sequence[str] = (),
        receipt: Receipt | None = None,
        actor: str = "sojournal",
        detail: str | None = None,
    ) -> AuditRecord:
        """Record one action; returns it with its seq and hashes once it is committed.

        ``actor``, ``detail`` and ``rules`` must be ids or codes (letters, digits,
        ``. _ : @ / + = | -``); anything else is an ``InputError`` naming the field,
        never echoing the value.
        """
        try:
            entry = AuditEntry(
                action=action,
                post_id=post_id,
                idempotency_key=idempotency_key,
                rules=tuple(rules),
                document_id=receipt.document_id if receipt else None,
                case_id=receipt.case_id if receipt else None,
                actor=actor,
                detail=detail,
            )
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(part) for part in error["loc"])
            raise InputError(
                f"not an id or code ({error['type']})", path="audit", field=field
            ) from exc
        return self.append_entry(entry)

    def append_entry(self, entry: AuditEntry) -> AuditRecord:
        """Like ``append``, for a caller that has built the ``AuditEntry`` already."""
        time = _iso_utc(self._clock())
        with self._transaction("BEGIN IMMEDIATE") as db:
            head = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
            if head is None:
                # The head is written with the first table; it only goes missing by hand.
                # Continuing would write a new head over the evidence, so a person looks.
                raise PermanentError(
                    f"audit log {self._path}: chain head is missing; run `sojournal audit --verify`"
                )
            seq, prev_hash = head[0] + 1, head[1]
            fields = {**entry.model_dump(), "seq": seq, "time": time, "prev_hash": prev_hash}
            record = AuditRecord.model_construct(**fields, hash=_hash_of(fields))
            db.execute(
                f"INSERT INTO audit ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",  # noqa: S608
                (
                    record.seq,
                    record.time,
                    record.action,
                    record.post_id,
                    record.idempotency_key,
                    json.dumps(list(record.rules)),
                    record.document_id,
                    record.case_id,
                    record.actor,
                    record.detail,
                    record.prev_hash,
                    record.hash,
                ),
            )
            db.execute(
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
                (record.seq, record.hash),
            )
        return record

    def history(self, post_id: str) -> list[AuditRecord]:
        """Every action on one post, oldest first (``sojournal audit POST_ID``)."""
        with self._transaction("BEGIN") as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM audit WHERE post_id = ? ORDER BY seq",  # noqa: S608
                (post_id,),
            ).fetchall()
        return [_record(row) for row in rows]

    def verify(self) -> VerifyResult:
        """Walk the whole chain in one read snapshot; stops at the first problem.

        ``checked`` counts the entries found good before the problem.
        """
        with self._transaction("BEGIN") as db:
            head = db.execute("SELECT seq, hash FROM audit_head WHERE id = 1").fetchone()
            rows = db.execute(f"SELECT {_COLUMNS} FROM audit ORDER BY seq")  # noqa: S608
            return _verify_chain(map(_record, rows), head)


def _verify_chain(records: Iterator[AuditRecord], head: tuple[int, str] | None) -> VerifyResult:
    checked, prev_hash, last_seq = 0, GENESIS_HASH, 0

    def bad(seq: int, problem: str) -> VerifyResult:
        return VerifyResult(ok=False, checked=checked, first_bad_seq=seq, problem=problem)

    for record in records:
        if record.seq != last_seq + 1:
            return bad(last_seq + 1, f"entries {last_seq + 1}..{record.seq - 1} are missing")
        if record.computed_hash() != record.hash:
            return bad(record.seq, "entry was altered (hash does not match its content)")
        if record.prev_hash != prev_hash:
            return bad(record.seq, "chain broken (prev_hash does not match the entry before)")
        checked, prev_hash, last_seq = checked + 1, record.hash, record.seq
    if head is None:
        if last_seq:
            return bad(last_seq, "chain head is missing")
        return VerifyResult(ok=True, checked=0)
    head_seq, head_hash = head
    if head_seq > last_seq:
        return bad(last_seq + 1, f"entries {last_seq + 1}..{head_seq} are missing (chain head)")
    if head_seq < last_seq:
        return bad(head_seq + 1, f"entries after {head_seq} are not covered by the chain head")
    if head_hash != prev_hash:
        return bad(last_seq, "last entry does not match the chain head")
    return VerifyResult(ok=True, checked=checked)


# Re-exported for ``sojournal audit``; they live apart to keep storage free of presentation.
from sojournal.audit_render import render_history, render_verify  # noqa: E402
