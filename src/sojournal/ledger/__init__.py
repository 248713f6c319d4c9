"""The ledger: every post's progress, crash-safe; a re-run loses nothing, files nothing twice."""

from sojournal.ledger.port import Ledger, LedgerEntry, State, Transition
from sojournal.ledger.sqlite import LedgerStateError, SqliteLedger

__all__ = ["Ledger", "LedgerEntry", "LedgerStateError", "SqliteLedger", "State", "Transition"]
