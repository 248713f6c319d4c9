"""Compile the hot modules of ``sojournal.policy`` and ``sojournal.pii`` with mypyc, in place.

``decide`` spends its time in short loops over tokens and rules, ``pii.scan`` in
short loops over words, spans and sentences; compiled, both run markedly faster
(bench/bench_decide.py, bench/bench_pii.py). Each package is one mypyc group
(its modules call each other natively), built and guarded on its own: the
binaries land next to their sources (git ignores them), so an editable install
picks them up, and the package's ``compiled.json`` records the hash of each
source. ``sojournal._compiled`` falls back to a package's sources when one no
longer matches (or ``SOJOURNAL_PURE_PYTHON=1`` asks for it).

    .venv/bin/python tools/compile_hot.py              # build both (about a minute)
    .venv/bin/python tools/compile_hot.py pii          # build one package
    .venv/bin/python tools/compile_hot.py --clean      # back to pure Python

Needs mypy (the dev extra: mypyc ships with it), setuptools and a C compiler. A
failed build leaves that package pure Python and exits non-zero.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import shutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
BUILD = ROOT / "build" / "mypyc"


def _guard() -> ModuleType:
    """``sojournal._compiled`` (the lists of modules live with the guard that checks
    them), loaded on its own: importing ``sojournal`` would load the binaries we replace."""
    spec = importlib.util.spec_from_file_location(
        "_sojournal_guard", SRC / "sojournal" / "_compiled.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_GUARD = _guard()
MANIFEST: str = _GUARD.MANIFEST
PACKAGES: dict[str, tuple[str, ...]] = _GUARD.PACKAGES


def _dir(package: str) -> Path:
    return SRC / "sojournal" / package


def _group(package: str) -> str:
    """The shared runtime library mypyc builds for a package's group."""
    return f"sojournal_{package}"


def clean(package: str) -> None:
    """Remove a package's binaries and manifest: it is pure Python again."""
    here = _dir(package)
    (here / MANIFEST).unlink(missing_ok=True)
    for suffix in EXTENSION_SUFFIXES:
        for name in PACKAGES[package]:
            (here / f"{name}{suffix}").unlink(missing_ok=True)
        (SRC / f"{_group(package)}__mypyc{suffix}").unlink(missing_ok=True)
    shutil.rmtree(BUILD / package, ignore_errors=True)


def build(package: str) -> None:
    from mypyc.build import mypycify
    from setuptools import setup  # type: ignore[import-untyped]

    here, names, build = _dir(package), PACKAGES[package], BUILD / package
    sources = [f"sojournal/{package}/{name}.py" for name in names]
    # The manifest records what is compiled, read before the build: an edit made
    # while it runs makes the manifest stale, never a stale binary look current.
    hashes = {
        name: hashlib.sha256((here / f"{name}.py").read_bytes()).hexdigest() for name in names
    }
    cwd = Path.cwd()
    os.chdir(SRC)  # module names come from the path: sojournal/policy/engine.py
    try:
        setup(
            name=f"sojournal-{package}-compiled",
            ext_modules=mypycify(
                [
                    *("--config-file", str(ROOT / "pyproject.toml")),
                    *("--cache-dir", str(build / "mypy-cache")),
                    *sources,
                ],
                opt_level="3",
                group_name=_group(package),
                target_dir=str(build / "c"),
            ),
            script_args=[
                *("--quiet", "build_ext", "--inplace"),
                *("--build-temp", str(build / "tmp"), "--build-lib", str(build / "lib")),
            ],
        )
    finally:
        os.chdir(cwd)
    (here / MANIFEST).write_text(json.dumps(hashes, indent=2) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("packages", nargs="*", help=f"of {', '.join(PACKAGES)} (default: all)")
    ap.add_argument("--clean", action="store_true", help="remove the compiled modules")
    args = ap.parse_args()
    unknown = sorted(set(args.packages) - set(PACKAGES))
    if unknown:
        ap.error(f"unknown package(s): {', '.join(unknown)}")
    status = 0
    for package in args.packages or list(PACKAGES):
        clean(package)
        if args.clean:
            print(f"sojournal.{package}: pure Python")
            continue
        try:
            build(package)
        except (Exception, SystemExit) as exc:  # setuptools reports a failed compile as SystemExit
            clean(package)
            print(
                f"mypyc build of sojournal.{package} failed, staying pure Python: {exc}",
                file=sys.stderr,
            )
            status = 1
            continue
        print(f"sojournal.{package}: compiled " + ", ".join(PACKAGES[package]))
    return status


if __name__ == "__main__":
    sys.exit(main())
