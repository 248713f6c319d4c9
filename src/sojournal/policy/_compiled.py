"""Use the mypyc-compiled policy modules only while they match their sources.

``make compile`` (``tools/compile_policy.py``) builds ``text``, ``lexicon`` and
``engine`` into extension modules next to their ``.py`` files, and records the
SHA-256 of each source in ``compiled.json``. Python imports an extension before a
source of the same name, so after someone edits ``engine.py`` without rebuilding,
the old binary would run and the edit would silently do nothing. ``prefer_sources``
runs first thing in ``sojournal.policy`` and, when a binary is out of date (or
``SOJOURNAL_PURE_PYTHON=1`` asks for it), loads all three from source instead: the
compiled ones call each other natively, so they are used all together or not at all.
Nothing here is compiled itself. Importing this module does the check (see the end):
``sojournal.policy`` imports it before anything else of its own.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import sys
import warnings
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType

__all__ = ["COMPILED", "MANIFEST", "PURE_ENV", "prefer_sources", "stale_reason"]

#: The compiled modules, in import order (each imports only the ones before it).
COMPILED = ("text", "lexicon", "engine")
MANIFEST = "compiled.json"
#: Set to 1 to run the pure-Python modules even when compiled ones are present.
PURE_ENV = "SOJOURNAL_PURE_PYTHON"


def source_hash(path: Path) -> str:
    """The SHA-256 of a source file, as ``compiled.json`` records it."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _binaries(here: Path, name: str) -> list[Path]:
    return [
        here / f"{name}{suffix}"
        for suffix in EXTENSION_SUFFIXES
        if (here / f"{name}{suffix}").exists()
    ]


def stale_reason(here: Path) -> str | None:
    """Why the compiled modules in ``here`` must not be used, or ``None`` if they may.

    No binaries at all is not a reason: there is nothing to avoid.
    """
    present = [name for name in COMPILED if _binaries(here, name)]
    if not present:
        return None
    if len(present) != len(COMPILED):
        return "only some policy modules are compiled"
    try:
        recorded = json.loads((here / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{MANIFEST} is missing or unreadable"
    if not isinstance(recorded, dict):
        return f"{MANIFEST} is not a table"
    for name in COMPILED:
        if recorded.get(name) != source_hash(here / f"{name}.py"):
            return f"{name}.py changed since it was compiled"
    return None


def _load_source(package: ModuleType, here: Path, name: str) -> None:
    full = f"{package.__name__}.{name}"
    spec = importlib.util.spec_from_file_location(full, here / f"{name}.py")
    if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has one
        raise ImportError(f"cannot load {full} from source")
    module = importlib.util.module_from_spec(spec)
    sys.modules[full] = module
    spec.loader.exec_module(module)
    setattr(package, name, module)


def prefer_sources(package: ModuleType) -> bool:
    """Load the policy modules from source if their binaries must not be used.

    Returns whether it did. Called by ``sojournal.policy`` before it imports them.
    """
    here = Path(package.__file__ or "").parent
    if not any(_binaries(here, name) for name in COMPILED):
        return False
    forced = os.environ.get(PURE_ENV, "") not in ("", "0")
    reason = None if forced else stale_reason(here)
    if not forced and reason is None:
        return False
    if reason is not None:
        warnings.warn(
            f"sojournal.policy: {reason}; running the pure-Python sources "
            "(run `make compile` to rebuild)",
            RuntimeWarning,
            stacklevel=2,
        )
    for name in COMPILED:
        _load_source(package, here, name)
    return True


# On import, before ``sojournal.policy`` imports the modules this decides about.
prefer_sources(sys.modules[__name__.rpartition(".")[0]])
