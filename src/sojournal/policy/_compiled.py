"""Use the mypyc-compiled policy modules only while they match their sources.

``make compile`` (``tools/compile_hot.py``) builds ``text``, ``lexicon`` and
``engine`` into extension modules next to their ``.py`` files; the guard in
``sojournal._compiled`` (shared with ``sojournal.pii``) loads all three from source
when a binary is out of date or ``SOJOURNAL_PURE_PYTHON=1`` asks for it. Importing
this module does the check (see the end): ``sojournal.policy`` imports it before
anything else of its own.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from sojournal import _compiled as _guard
from sojournal._compiled import MANIFEST, PURE_ENV, source_hash

__all__ = ["COMPILED", "MANIFEST", "PURE_ENV", "prefer_sources", "source_hash", "stale_reason"]

#: The compiled modules, in import order (each imports only the ones before it).
COMPILED = _guard.PACKAGES["policy"]


def stale_reason(here: Path) -> str | None:
    """Why the compiled policy modules in ``here`` must not be used, or ``None`` if they may."""
    return _guard.stale_reason(here, COMPILED)


def prefer_sources(package: ModuleType) -> bool:
    """Load the policy modules from source if their binaries must not be used."""
    return _guard.prefer_sources(package, COMPILED)


# On import, before ``sojournal.policy`` imports the modules this decides about.
prefer_sources(sys.modules[__name__.rpartition(".")[0]])
