"""Use the mypyc-compiled PII modules only while they match their sources.

``make compile`` (``tools/compile_hot.py``) builds the detectors and the term index
into extension modules next to their ``.py`` files; the guard in
``sojournal._compiled`` (shared with ``sojournal.policy``) loads them all from source
when a binary is out of date or ``SOJOURNAL_PURE_PYTHON=1`` asks for it. Importing
this module does the check (see the end): ``sojournal.pii`` imports it before
anything else of its own.
"""

from __future__ import annotations

import sys

from sojournal._compiled import PACKAGES, prefer_sources

__all__ = ["COMPILED"]

#: The compiled modules, in import order (each imports only the ones before it).
COMPILED = PACKAGES["pii"]

# On import, before ``sojournal.pii`` imports the modules this decides about.
prefer_sources(sys.modules[__name__.rpartition(".")[0]], COMPILED)
