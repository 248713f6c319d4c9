"""The port every case-system adapter implements (the pipeline depends only on this)."""

from __future__ import annotations

from typing import Protocol

from sojournal.models import CaseDocument, Receipt

__all__ = ["CaseSystem"]


class CaseSystem(Protocol):
    """A case system (ESDH) that files documents idempotently on their key.

    ``submit`` either returns a receipt or raises from ``sojournal.errors``:
    ``PermanentError`` (rejected), ``TransientError`` (nothing happened, try
    again), ``AmbiguousError`` (sent, answer lost). Adapters that retry
    internally must ``find`` before resending after an ambiguous failure.
    """

    def submit(self, document: CaseDocument) -> Receipt: ...

    def find(self, idempotency_key: str) -> Receipt | None: ...
