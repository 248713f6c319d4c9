"""Compile the policy's hot modules (text, lexicon, engine) with mypyc, in place.

``decide`` spends its time in short loops over tokens and rules; compiled, the
policy runs about a third faster (bench/bench_decide.py). The binaries land next
to their sources (git ignores them), so an editable install picks them up, and
``compiled.json`` records the hash of each source: ``sojournal.policy._compiled``
falls back to the sources when one no longer matches. ``sojournal.pii`` is never
compiled (another team owns it; pure Python keeps it easy to change).

    .venv/bin/python tools/compile_policy.py          # build (about 30 s)
    .venv/bin/python tools/compile_policy.py --clean  # back to pure Python

Needs mypy (the dev extra: mypyc ships with it), setuptools and a C compiler. A
failed build leaves the pure-Python package as it was and exits non-zero.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
POLICY = SRC / "sojournal" / "policy"
MODULES = ("text", "lexicon", "engine")  # = sojournal.policy._compiled.COMPILED
GROUP = "sojournal_policy"  # name of the shared runtime library mypyc builds for the group
BUILD = ROOT / "build" / "mypyc"


def clean() -> None:
    """Remove every binary and the manifest: the package is pure Python again."""
    (POLICY / "compiled.json").unlink(missing_ok=True)
    for suffix in EXTENSION_SUFFIXES:
        for name in MODULES:
            (POLICY / f"{name}{suffix}").unlink(missing_ok=True)
        (SRC / f"{GROUP}__mypyc{suffix}").unlink(missing_ok=True)
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import setup  # type: ignore[import-untyped]

    sources = [f"sojournal/policy/{name}.py" for name in MODULES]
    # The manifest records what is compiled, read before the build: an edit made
    # while it runs makes the manifest stale, never a stale binary look current.
    hashes = {
        name: hashlib.sha256((POLICY / f"{name}.py").read_bytes()).hexdigest() for name in MODULES
    }
    os.chdir(SRC)  # module names come from the path: sojournal/policy/engine.py
    setup(
        name="sojournal-policy-compiled",
        ext_modules=mypycify(
            [
                *("--config-file", str(ROOT / "pyproject.toml")),
                *("--cache-dir", str(BUILD / "mypy-cache")),
                *sources,
            ],
            opt_level="3",
            group_name=GROUP,
            target_dir=str(BUILD / "c"),
        ),
        script_args=[
            *("--quiet", "build_ext", "--inplace"),
            *("--build-temp", str(BUILD / "tmp"), "--build-lib", str(BUILD / "lib")),
        ],
    )
    (POLICY / "compiled.json").write_text(json.dumps(hashes, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clean", action="store_true", help="remove the compiled modules")
    args = ap.parse_args()
    clean()
    if args.clean:
        print("sojournal.policy: pure Python")
        return 0
    try:
        build()
    except (Exception, SystemExit) as exc:  # setuptools reports a failed compile as SystemExit
        clean()
        print(f"mypyc build failed, staying pure Python: {exc}", file=sys.stderr)
        return 1
    print("sojournal.policy: compiled " + ", ".join(MODULES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
