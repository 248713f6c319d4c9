"""The ledger in one SQLite file (WAL): crash-safe, inspectable with any SQLite tool.

Every move is one transaction that updates the row *and* appends a
transition, so after a crash the row's state is exactly the last committed
step. One connection guarded by a lock serves the webhook threads and the
processor alike; SQLite serialises writers anyway.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sojournal.errors import ConfigError, SojournalError
from sojournal.ledger.port import ALLOWED, TERMINAL, State, Transition
from sojournal.ledger.port import LedgerEntry as Entry
from sojournal.models import DERIVED_ID_PREFIX, Decision, Post, Receipt

__all__ = ["LedgerStateError", "SqliteLedger"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    idempotency_key TEXT PRIMARY KEY,
    post_id         TEXT NOT NULL,
    channel         TEXT NOT NULL,
    thread_id       TEXT,
    state           TEXT NOT NULL,
    text_hash       TEXT NOT NULL,
    post_json       TEXT,
    decision_json   TEXT,
    receipt_json    TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    escalated       INTEGER NOT NULL DEFAULT 0,
    source          TEXT,
    lease_owner     TEXT,
    lease_expires   REAL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS posts_state ON posts(state);
CREATE INDEX IF NOT EXISTS posts_thread ON posts(thread_id);
CREATE TABLE IF NOT EXISTS transitions (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL,
    from_state      TEXT,
    to_state        TEXT NOT NULL,
    at              TEXT NOT NULL,
    note            TEXT
);
CREATE INDEX IF NOT EXISTS transitions_key ON transitions(idempotency_key);
"""


class LedgerStateError(SojournalError):
    """A move the state machine does not allow: a bug, never a data problem."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


class SqliteLedger:
    """The default ``Ledger``.

    >>> ledger = SqliteLedger(":memory:")
    >>> post = Post(id="c1", channel="facebook_comment", text="Hej")
    >>> ledger.record_received(post).state
    <State.RECEIVED: 'received'>
    >>> ledger.record_received(post).state  # idempotent on the key
    <State.RECEIVED: 'received'>
    """

    def __init__(
        self,
        path: str | Path,
        *,
        clock: Callable[[], datetime] = _utcnow,
        monotonic: Callable[[], float] = time.time,
    ) -> None:
        self._clock, self._now = clock, monotonic
        self._lock = threading.RLock()
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                str(path), check_same_thread=False, isolation_level=None, timeout=30
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            # Purged text must not survive in free pages of the file.
            self._db.execute("PRAGMA secure_delete=ON")
            self._db.executescript(_SCHEMA)
            _migrate(self._db)
        except (sqlite3.Error, OSError) as error:
            raise ConfigError(f"ledger {path}: cannot open: {error}") from error
        self.path = str(path)

    def close(self) -> None:
        with self._lock:
            self.checkpoint()
            self._db.close()

    def checkpoint(self) -> None:
        """Fold the WAL into the file and empty it, so purged text leaves no copy behind."""
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # -- reading ---------------------------------------------------------------------------

    def _row(self, db: sqlite3.Connection, key: str) -> Entry | None:
        sql = f"SELECT {_COLUMNS} FROM posts WHERE idempotency_key = ?"  # noqa: S608
        cur = db.execute(sql, (key,))
        row = cur.fetchone()
        return _entry(row) if row else None

    def get(self, idempotency_key: str) -> Entry | None:
        with self._lock:
            return self._row(self._db, idempotency_key)

    def _select(self, where: str, params: tuple[Any, ...]) -> Iterator[Entry]:
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM posts WHERE {where} ORDER BY created_at, rowid",  # noqa: S608
                params,
            ).fetchall()
        for row in rows:
            yield _entry(row)

    def pending(self) -> Iterator[Entry]:
        """Rows a run should move forward: everything not terminal."""
        marks = ",".join("?" * len(TERMINAL))
        return self._select(f"state NOT IN ({marks})", tuple(s.value for s in TERMINAL))

    def in_state(self, *states: State) -> Iterator[Entry]:
        marks = ",".join("?" * len(states))
        return self._select(f"state IN ({marks})", tuple(s.value for s in states))

    def thread_receipt(self, thread_id: str) -> Receipt | None:
        """The receipt of an incoming journalised post on this thread, if any."""
        with self._lock:
            row = self._db.execute(
                "SELECT receipt_json FROM posts WHERE thread_id = ? AND receipt_json IS NOT NULL"
                " ORDER BY created_at LIMIT 1",
                (thread_id,),
            ).fetchone()
        return Receipt.model_validate_json(row[0]) if row else None

    def transitions(self, idempotency_key: str) -> list[Transition]:
        with self._lock:
            rows = self._db.execute(
                "SELECT idempotency_key, from_state, to_state, at, note FROM transitions"
                " WHERE idempotency_key = ? ORDER BY seq",
                (idempotency_key,),
            ).fetchall()
        return [
            Transition(
                idempotency_key=r[0],
                from_state=State(r[1]) if r[1] else None,
                to_state=State(r[2]),
                at=datetime.fromisoformat(r[3]),
                note=r[4],
            )
            for r in rows
        ]

    def find_by_post_id(self, post_id: str) -> list[Entry]:
        return list(self._select("post_id = ?", (post_id,)))

    def same_post_elsewhere(self, post: Post) -> Entry | None:
        """The first row holding this post under another source's id, if any.

        Only a derived id (DYI) and a real one are compared: two real ids are two
        posts even when their words and second agree ("Tak!" twice), and the same
        DYI record always has the same derived id.
        """
        key = post.content_key
        if key is None:
            return None
        other_side = "NOT LIKE" if post.derived_id else "LIKE"
        return next(
            self._select(
                f"content_key = ? AND post_id {other_side} ? ESCAPE '!'",
                (key, _like_prefix(DERIVED_ID_PREFIX)),
            ),
            None,
        )

    def counts(self) -> dict[str, int]:
        with self._lock:
            rows = self._db.execute("SELECT state, COUNT(*) FROM posts GROUP BY state").fetchall()
        return {str(state): int(n) for state, n in rows}

    # -- writing ---------------------------------------------------------------------------

    def record_received(self, post: Post, *, source: str | None = None) -> Entry:
        """Store a post version once; reading the same version again changes nothing."""
        key, now = post.idempotency_key, self._clock().isoformat()
        with self._tx() as db:
            existing = self._row(db, key)
            if existing is not None:
                return existing
            db.execute(
                "INSERT INTO posts (idempotency_key, post_id, channel, thread_id, state, text_hash,"
                " post_json, source, created_at, updated_at, content_key)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    key,
                    post.id,
                    post.channel,
                    post.thread_id or post.parent_id or post.id,
                    State.RECEIVED.value,
                    post.text_hash,
                    post.model_dump_json(),
                    source,
                    now,
                    now,
                    post.content_key,
                ),
            )
            self._log(db, key, None, State.RECEIVED, source)
            entry = self._row(db, key)
        assert entry is not None
        return entry

    def claim(self, idempotency_key: str, owner: str, lease_seconds: float) -> bool:
        """Take the row for ``lease_seconds``; False when another live owner holds it."""
        now = self._now()
        with self._tx() as db:
            cur = db.execute(
                "UPDATE posts SET lease_owner = ?, lease_expires = ? WHERE idempotency_key = ?"
                " AND (lease_owner IS NULL OR lease_owner = ? OR lease_expires < ?)",
                (owner, now + lease_seconds, idempotency_key, owner, now),
            )
            return cur.rowcount == 1

    def release(self, idempotency_key: str, owner: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE posts SET lease_owner = NULL, lease_expires = NULL"
                " WHERE idempotency_key = ? AND lease_owner = ?",
                (idempotency_key, owner),
            )

    def advance(
        self,
        idempotency_key: str,
        to: State,
        *,
        decision: Decision | None = None,
        receipt: Receipt | None = None,
        note: str | None = None,
    ) -> Entry:
        """Move one step, with whatever the step produced, in one transaction."""
        with self._tx() as db:
            current = self._row(db, idempotency_key)
            if current is None:
                raise LedgerStateError(f"ledger: no row for key {idempotency_key}")
            if to not in ALLOWED[current.state]:
                raise LedgerStateError(
                    f"ledger: {idempotency_key}: {current.state.value} -> {to.value} not allowed"
                )
            sets = ["state = ?", "updated_at = ?"]
            params: list[object] = [to.value, self._clock().isoformat()]
            if decision is not None:
                sets.append("decision_json = ?")
                params.append(decision.model_dump_json())
            if receipt is not None:
                sets.append("receipt_json = ?")
                params.append(receipt.model_dump_json())
            if to is State.SUBMITTING:
                sets.append("attempts = attempts + 1")
            if to is State.FAILED:
                sets.append("last_error = ?")
                params.append(note)
            elif to is State.DONE or to is State.SKIPPED:
                sets.append("last_error = NULL")
            db.execute(
                f"UPDATE posts SET {', '.join(sets)} WHERE idempotency_key = ?",  # noqa: S608
                (*params, idempotency_key),
            )
            self._log(db, idempotency_key, current.state, to, note)
            entry = self._row(db, idempotency_key)
        assert entry is not None
        return entry

    def note_error(self, idempotency_key: str, error: str) -> Entry:
        """Remember why the last attempt did not finish; the state stays for the next run."""
        with self._tx() as db:
            db.execute(
                "UPDATE posts SET last_error = ?, updated_at = ? WHERE idempotency_key = ?",
                (error, self._clock().isoformat(), idempotency_key),
            )
            entry = self._row(db, idempotency_key)
        if entry is None:
            raise LedgerStateError(f"ledger: no row for key {idempotency_key}")
        return entry

    def mark_escalated(self, idempotency_key: str) -> None:
        with self._tx() as db:
            db.execute(
                "UPDATE posts SET escalated = 1 WHERE idempotency_key = ?", (idempotency_key,)
            )

    def purge(self, idempotency_key: str) -> None:
        """Data minimisation: drop text and author; ids, hash, decision and receipt stay."""
        with self._tx() as db:
            db.execute(
                "UPDATE posts SET post_json = NULL WHERE idempotency_key = ?", (idempotency_key,)
            )

    def purge_older_than(self, states: tuple[State, ...], before: datetime) -> int:
        """Retention for rows a person never finished (review, failed)."""
        marks = ",".join("?" * len(states))
        with self._tx() as db:
            cur = db.execute(
                f"UPDATE posts SET post_json = NULL WHERE post_json IS NOT NULL"  # noqa: S608
                f" AND state IN ({marks}) AND updated_at < ?",
                (*(s.value for s in states), before.isoformat()),
            )
            return cur.rowcount

    def _log(
        self,
        db: sqlite3.Connection,
        key: str,
        from_state: State | None,
        to: State,
        note: str | None,
    ) -> None:
        db.execute(
            "INSERT INTO transitions (idempotency_key, from_state, to_state, at, note)"
            " VALUES (?,?,?,?,?)",
            (
                key,
                from_state.value if from_state else None,
                to.value,
                self._clock().isoformat(),
                note,
            ),
        )


_COLUMNS = (
    "idempotency_key, post_id, channel, thread_id, state, text_hash, post_json, decision_json,"
    " receipt_json, attempts, last_error, escalated, source, updated_at"
)


def _like_prefix(prefix: str) -> str:
    escaped = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return escaped + "%"


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a ledger written by an earlier version up to this one, in place."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(posts)")}
    if "content_key" not in columns:
        db.execute("ALTER TABLE posts ADD COLUMN content_key TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS posts_content ON posts(content_key)")


def _entry(row: tuple[Any, ...]) -> Entry:
    return Entry(
        idempotency_key=row[0],
        post_id=row[1],
        channel=row[2],
        thread_id=row[3],
        state=State(row[4]),
        text_hash=row[5],
        post=Post.model_validate_json(row[6]) if row[6] else None,
        decision=Decision.model_validate_json(row[7]) if row[7] else None,
        receipt=Receipt.model_validate_json(row[8]) if row[8] else None,
        attempts=row[9],
        last_error=row[10],
        escalated=bool(row[11]),
        source=row[12],
        updated_at=datetime.fromisoformat(row[13]),
    )
