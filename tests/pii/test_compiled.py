"""The mypyc-compiled PII modules are used only while they match their sources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from sojournal import _compiled as guard
from sojournal.pii import _compiled, sensitive
from sojournal.pii._compiled import COMPILED

SUFFIX = EXTENSION_SUFFIXES[0]


def test_the_pii_modules_are_one_group_in_import_order() -> None:
    assert guard.PACKAGES["pii"] == COMPILED
    assert {"lexicon", "sensitive", "cpr", "phone"} <= set(COMPILED)
    assert COMPILED.index("lexicon") < COMPILED.index("anchors") < COMPILED.index("sensitive")


def test_an_edited_pii_source_makes_the_binaries_stale(tmp_path: Path) -> None:
    for name in COMPILED:
        (tmp_path / f"{name}.py").write_text(f"X = {name!r}\n", encoding="utf-8")
        (tmp_path / f"{name}{SUFFIX}").write_bytes(b"")
    hashes = {name: guard.source_hash(tmp_path / f"{name}.py") for name in COMPILED}
    (tmp_path / guard.MANIFEST).write_text(json.dumps(hashes), encoding="utf-8")
    assert guard.stale_reason(tmp_path, COMPILED) is None
    with (tmp_path / "cpr.py").open("a", encoding="utf-8") as fh:
        fh.write("# edited after make compile\n")
    assert guard.stale_reason(tmp_path, COMPILED) == "cpr.py changed since it was compiled"
    (tmp_path / f"phone{SUFFIX}").unlink()
    assert (
        guard.stale_reason(tmp_path, COMPILED) == f"only some {tmp_path.name} modules are compiled"
    )


PROBE = """
from datetime import date
from sojournal.pii import scan, cpr, lexicon, sensitive
t = "Min mor (cpr 140339-1862) har fået hjemmehjælp. Ring på 23 45 67 81, a@b.dk"
print(*(m.__file__.endswith(".py") for m in (cpr, lexicon, sensitive)))
print([(s.kind, s.start, s.end, s.score, s.explanation) for s in scan(t, today=date(2026, 1, 1))])
"""


def _run(code: str, **env: str) -> str:
    src = str(Path(_compiled.__file__).parent.parent.parent)
    full = {**os.environ, "PYTHONPATH": src, **env}
    out = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_the_pure_python_fallback_runs_and_scans_the_same() -> None:
    pure = _run(PROBE, **{guard.PURE_ENV: "1"}).splitlines()
    assert pure[0] == "True True True"
    default = _run(PROBE, **{guard.PURE_ENV: ""}).splitlines()
    assert default[1] == pure[1]


def test_compiled_pii_modules_are_used_when_built() -> None:
    here = Path(_compiled.__file__).parent
    built = all((here / f"{name}{SUFFIX}").exists() for name in COMPILED)
    if not built or os.environ.get(guard.PURE_ENV, "") not in ("", "0"):
        pytest.skip("pii not compiled (make compile), or pure Python asked for")
    if guard.stale_reason(here, COMPILED) is not None:
        pytest.skip("a source changed since make compile: running the sources")
    assert sensitive.__file__ is not None and not sensitive.__file__.endswith(".py")
