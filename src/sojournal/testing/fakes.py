"""Small in-memory fakes of the ports, for unit tests of one piece (never for integration).

>>> from datetime import UTC, datetime
>>> from sojournal.models import CaseDocument
>>> system = FakeCaseSystem()
>>> doc = CaseDocument(idempotency_key="sj1-abc12345", title="t", kle_number="00.01.00",
...     handling_facet="G01", received=datetime(2026, 1, 1, tzinfo=UTC),
...     channel="facebook_comment", platform_post_id="1", body="b", category="case",
...     policy_version="1")
>>> system.submit(doc).duplicate, system.submit(doc).duplicate, len(system.documents)
(False, True, 1)
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

from sojournal.errors import SojournalError
from sojournal.models import CaseDocument, Receipt

__all__ = ["FakeCaseSystem"]


@dataclass(frozen=True)
class _Failure:
    error: SojournalError
    after_effect: bool


class FakeCaseSystem:
    """The ``CaseSystem`` port in memory, idempotent on the key like the real contract.

    ``fail_next(error, after_effect=True)`` stores the document and then raises:
    the lost answer the pipeline must reconcile with ``find``.
    """

    def __init__(self) -> None:
        self.documents: dict[str, CaseDocument] = {}
        self.receipts: dict[str, Receipt] = {}
        self.submit_calls = 0
        self.find_calls = 0
        self._failures: deque[_Failure] = deque()
        self._lock = threading.Lock()

    def fail_next(
        self, error: SojournalError, *, times: int = 1, after_effect: bool = False
    ) -> None:
        for _ in range(times):
            self._failures.append(_Failure(error, after_effect))

    def submit(self, document: CaseDocument) -> Receipt:
        with self._lock:
            self.submit_calls += 1
            failure = self._failures.popleft() if self._failures else None
            if failure is not None and not failure.after_effect:
                raise failure.error
            key = document.idempotency_key
            if key in self.receipts:
                receipt = self.receipts[key].model_copy(update={"duplicate": True})
            else:
                number = len(self.documents) + 1
                receipt = Receipt(
                    idempotency_key=key,
                    document_id=f"DOC-{number:05d}",
                    case_id=document.case_reference or f"CASE-{number:05d}",
                )
                self.documents[key], self.receipts[key] = document, receipt
            if failure is not None:
                raise failure.error
            return receipt

    def find(self, idempotency_key: str) -> Receipt | None:
        with self._lock:
            self.find_calls += 1
            return self.receipts.get(idempotency_key)
