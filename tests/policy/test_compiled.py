"""The mypyc-compiled policy modules are used only while they match their sources."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from sojournal.policy import _compiled, engine
from sojournal.policy._compiled import COMPILED, MANIFEST, PURE_ENV, source_hash, stale_reason

SUFFIX = EXTENSION_SUFFIXES[0]


def fake_tree(tmp_path: Path, binaries: tuple[str, ...] = COMPILED) -> Path:
    for name in COMPILED:
        (tmp_path / f"{name}.py").write_text(f"X = {name!r}\n", encoding="utf-8")
    for name in binaries:
        (tmp_path / f"{name}{SUFFIX}").write_bytes(b"")
    hashes = {name: source_hash(tmp_path / f"{name}.py") for name in COMPILED}
    (tmp_path / MANIFEST).write_text(json.dumps(hashes), encoding="utf-8")
    return tmp_path


def test_binaries_matching_their_sources_are_used(tmp_path: Path) -> None:
    assert stale_reason(fake_tree(tmp_path)) is None


def test_no_binaries_is_plain_python(tmp_path: Path) -> None:
    here = fake_tree(tmp_path, binaries=())
    (here / MANIFEST).unlink()
    assert stale_reason(here) is None


def test_an_edited_source_makes_the_binaries_stale(tmp_path: Path) -> None:
    here = fake_tree(tmp_path)
    with (here / "lexicon.py").open("a", encoding="utf-8") as fh:
        fh.write("# edited after make compile\n")
    assert stale_reason(here) == "lexicon.py changed since it was compiled"


@pytest.mark.parametrize("broken", ["missing", "garbage", "partial"])
def test_an_incomplete_build_is_stale(tmp_path: Path, broken: str) -> None:
    here = fake_tree(tmp_path, binaries=COMPILED[:2] if broken == "partial" else COMPILED)
    if broken == "missing":
        (here / MANIFEST).unlink()
    elif broken == "garbage":
        (here / MANIFEST).write_text("{not json", encoding="utf-8")
    assert stale_reason(here) is not None


def _run(code: str, **env: str) -> str:
    src = str(Path(_compiled.__file__).parent.parent.parent)
    full = {**os.environ, "PYTHONPATH": src, **env}
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=full,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout


PROBE = """
from sojournal.models import Post
from sojournal.policy import decide, engine, lexicon, text
t = "Jeg har søgt om boligstøtte, sagsnr. 2024-004512"
d = decide(Post(id="1", channel="facebook_comment", text=t))
print(*(m.__file__.endswith(".py") for m in (engine, lexicon, text)))
print(d.model_dump_json())
"""


def test_the_pure_python_fallback_runs_and_decides_the_same() -> None:
    pure = _run(PROBE, **{PURE_ENV: "1"}).splitlines()
    assert pure[0] == "True True True"
    default = _run(PROBE, **{PURE_ENV: ""}).splitlines()
    assert default[1] == pure[1]


def test_compiled_modules_are_used_when_built() -> None:
    here = Path(_compiled.__file__).parent
    built = all((here / f"{name}{SUFFIX}").exists() for name in COMPILED)
    if not built or os.environ.get(PURE_ENV, "") not in ("", "0"):
        pytest.skip("policy not compiled (make compile), or pure Python asked for")
    if stale_reason(here) is not None:
        pytest.skip("a source changed since make compile: running the sources")
    assert engine.__file__ is not None and not engine.__file__.endswith(".py")
