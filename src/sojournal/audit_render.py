"""Plain-text views of the audit trail for ``sojournal audit POST_ID`` and ``--verify``.

Kept apart from ``audit.py`` so the storage stays free of presentation; the
output is for an operator's terminal and is safe to paste into a ticket: it
holds ids, codes and hashes only.

>>> from sojournal.audit import VerifyResult
>>> print(render_verify(VerifyResult(ok=True, checked=3)))
audit log OK: 3 entries checked, hash chain intact
>>> print(render_verify(VerifyResult(ok=False, checked=4, first_bad_seq=5,
...     problem="entry was altered (hash does not match its content)")))
audit log BROKEN at seq 5: entry was altered (hash does not match its content); 4 good before
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: ``audit`` may re-export these functions without a cycle
    from sojournal.audit import AuditRecord, VerifyResult

__all__ = ["render_history", "render_verify"]

_HEADER = ("seq", "time (UTC)", "action", "actor", "rules", "case/document", "detail")


def render_history(records: Sequence[AuditRecord]) -> str:
    """One aligned row per action, oldest first; a short line when there is nothing.

    >>> from sojournal.audit import AuditRecord
    >>> r = AuditRecord(seq=7, time="2026-01-05T09:30:00.000000Z", action="delete",
    ...     post_id="1_2", rules=("case.own",), document_id="D-9", case_id="C-1",
    ...     prev_hash="0" * 64, hash="a" * 64)
    >>> print(render_history([r]))
    audit trail for post 1_2 (1 entry)
    seq  time (UTC)                   action  actor      rules     case/document  detail
    7    2026-01-05T09:30:00.000000Z  delete  sojournal  case.own  C-1/D-9        -
    """
    if not records:
        return "no audit entries for this post"
    rows = [_HEADER] + [
        (
            str(r.seq),
            r.time,
            r.action,
            r.actor,
            ",".join(r.rules) or "-",
            f"{r.case_id or '-'}/{r.document_id or '-'}" if r.document_id or r.case_id else "-",
            r.detail or "-",
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    post_ids = sorted({r.post_id for r in records})
    noun = "entry" if len(records) == 1 else "entries"
    return "\n".join(
        [f"audit trail for post {', '.join(post_ids)} ({len(records)} {noun})", *lines]
    )


def render_verify(result: VerifyResult) -> str:
    """One line; the CLI exits non-zero when ``result.ok`` is false."""
    if result.ok:
        return f"audit log OK: {result.checked} entries checked, hash chain intact"
    return (
        f"audit log BROKEN at seq {result.first_bad_seq}: {result.problem}; "
        f"{result.checked} good before"
    )
