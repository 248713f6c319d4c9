"""Use a package's mypyc-compiled modules only while they match their sources.

``make compile`` (``tools/compile_hot.py``) builds the hot modules of
``sojournal.policy`` and ``sojournal.pii`` (``PACKAGES``) into extension modules
next to their ``.py`` files, and records the SHA-256 of each source in the
package's ``compiled.json``. Python imports an extension before a source of the
same name, so after someone edits ``engine.py`` without rebuilding, the old binary
would run and the edit would silently do nothing. ``prefer_sources`` runs first
thing in each package (its ``_compiled`` module calls it) and, when a binary is out
of date (or ``SOJOURNAL_PURE_PYTHON=1`` asks for it), loads all of that package's
compiled modules from source instead: compiled ones call each other natively, so
they are used all together or not at all. Nothing here is compiled itself, and
importing it does nothing; ``tools/compile_hot.py`` reads the lists from here.
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

__all__ = ["MANIFEST", "PACKAGES", "PURE_ENV", "prefer_sources", "source_hash", "stale_reason"]

#: The compiled modules of each package, in import order (each imports only the ones
#: before it), one mypyc group a package.
PACKAGES: dict[str, tuple[str, ...]] = {
    "policy": ("text", "lexicon", "model", "engine"),
    "pii": (
        "_span",
        "lexicon",
        "anchors",
        "sensitive",
        "cpr",
        "cvr",
        "email",
        "phone",
        "address",
        "_scan",
    ),
}
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


def stale_reason(here: Path, modules: tuple[str, ...]) -> str | None:
    """Why the compiled ``modules`` in ``here`` must not be used, or ``None`` if they may.

    No binaries at all is not a reason: there is nothing to avoid.
    """
    present = [name for name in modules if _binaries(here, name)]
    if not present:
        return None
    if len(present) != len(modules):
        return f"only some {here.name} modules are compiled"
    try:
        recorded = json.loads((here / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{MANIFEST} is missing or unreadable"
    if not isinstance(recorded, dict):
        return f"{MANIFEST} is not a table"
    for name in modules:
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


def prefer_sources(package: ModuleType, modules: tuple[str, ...]) -> bool:
    """Load ``modules`` of ``package`` from source if their binaries must not be used.

    Returns whether it did. Called by the package before it imports them.
    """
    here = Path(package.__file__ or "").parent
    if not any(_binaries(here, name) for name in modules):
        return False
    forced = os.environ.get(PURE_ENV, "") not in ("", "0")
    reason = None if forced else stale_reason(here, modules)
    if not forced and reason is None:
        return False
    if reason is not None:
        warnings.warn(
            f"{package.__name__}: {reason}; running the pure-Python sources "
            "(run `make compile` to rebuild)",
            RuntimeWarning,
            stacklevel=3,
        )
    for name in modules:
        _load_source(package, here, name)
    return True
