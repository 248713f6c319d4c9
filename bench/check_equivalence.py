"""Behaviour fingerprint of ``decide`` and ``pii.scan``: proof that a speed-up changed nothing.

Performance work on the tokeniser, the term matcher and the PII detectors must
not move a single decision or span. This script runs every text of the labelled
corpora (``tests/data/dev.jsonl``, ``tests/policy/data/*.jsonl``) plus generated
variants (capitals, ae/oe/aa spellings, digits and contact data appended, long
concatenations, the benchmark mixes) through ``decide``, ``pii.scan`` (default
and ``min_score=0``), every single detector, ``analyse``, the term matcher and
``explain`` (fired rules, their spans and scores, the rendering), and writes one
canonical JSON line of all outputs per text.

Rules change under us (another engineer tunes ``default.toml`` and the engine),
so comparing against a file recorded yesterday would blame their work on ours.
``--reference DIR`` therefore runs the same texts through a second source tree
(``DIR/src``, e.g. a copy of the tree with the files under test taken from the
commit before the speed-up) in a subprocess, now, and diffs the two outputs. The
other engineer edits live, so take both trees from one snapshot and run this
script with ``PYTHONPATH=<snapshot>/src``. The fingerprint is a stream of one JSON line
per text, compared line by line, so several checks can run side by side in little memory:

    .venv/bin/python bench/check_equivalence.py --write /tmp/before.jsonl
    .venv/bin/python bench/check_equivalence.py --compare /tmp/before.jsonl
    .venv/bin/python bench/check_equivalence.py --reference /tmp/ref
    .venv/bin/python bench/check_equivalence.py --pure

``--pure`` compares this tree, compiled, with its own pure-Python sources: mypyc
must not change behaviour, and once did (``list.extend`` of a generator that reads
the list it extends saw fewer items compiled).

Exit status 1 on any difference. Not a test (it takes a few seconds): a tool.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
#: CPR birth dates may not lie after "today": fix it, so runs on different days compare.
TODAY = date(2026, 11, 28)
_CHANNELS = ("facebook_comment", "facebook_post", "messenger", "instagram_comment")
_EXTRAS = (
    " Ring på 23 45 67 81",
    " mit cpr er 140339-1862",
    " cpr 1403391862",
    " Vi bor på Møllevej 12, 4. tv, 4000 Roskilde",
    " skriv til mette.k.j77@outlook.dk",
    " CVR-nr. 13585628",
    " sagsnr. 2024-004512",
    " tlf 70 10 20 30",
    " den 12-05-2024 kl. 10",
    " ordrenummer 2110625629",
    " Min søn på 7 er blevet mobbet",
    " +45 42 17 83 90",
)


def _corpus() -> list[tuple[str, str, str]]:
    """(key, channel, text): the labelled corpora, in a fixed order."""
    files = [ROOT / "tests/data/dev.jsonl", *sorted((ROOT / "tests/policy/data").glob("*.jsonl"))]
    out: list[tuple[str, str, str]] = []
    for path in files:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if line.strip():
                    rec = json.loads(line)
                    out.append(
                        (f"{path.name}:{n}", rec.get("channel", "facebook_comment"), rec["text"])
                    )
    return out


def _ascii_danish(text: str) -> str:
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "AE"), ("Ø", "OE"), ("Å", "AA")):
        text = text.replace(a, b)
    return text


def texts() -> list[tuple[str, str, str]]:
    """The corpora and their variants; deterministic (fixed seed)."""
    base = _corpus()
    rng = random.Random(20261128)
    out = list(base)
    for key, channel, text in base:
        out.append((f"{key}/upper", channel, text.upper()))
        out.append((f"{key}/lower", channel, text.lower()))
        out.append((f"{key}/ascii", channel, _ascii_danish(text)))
        out.append((f"{key}/ascii-upper", channel, _ascii_danish(text).upper()))
        out.append((f"{key}/extra", channel, text + rng.choice(_EXTRAS)))
        out.append((f"{key}/head", rng.choice(_CHANNELS), text[: rng.randint(20, 80)]))
        out.append((f"{key}/swedish", channel, text.replace("æ", "ä").replace("ø", "ö")))
    for i in range(0, len(base) - 6, 5):
        chunk = base[i : i + 6]
        joined = " ".join(t for _, _, t in chunk)
        out.append((f"concat{i}", chunk[0][1], joined))
        out.append((f"concat{i}/nl", chunk[0][1], "\n".join(t for _, _, t in chunk)))
        out.append((f"concat{i}/x3", "messenger", (joined + " ") * 3))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_pii import posts

    for i, text in enumerate(posts(600, seed=11)):
        out.append((f"mix{i}", rng.choice(_CHANNELS), text))
    odd = [
        "",
        " ",
        "?",
        "!!",
        "😂😂😂",
        "İstanbul ﬁle straße ẞ",  # lower() changes the length
        "ÆØÅ ÆØÅ ÆØÅ HVORFOR",
        "aaaa oeoe aeae",
        "1234567890 0101001234 311362-5629",
        "a@b.dk info@kommune.dk x@y",
        "Kongens Vænge 4B, 3480 Fredensborg",
        "født 21.10.62-5629 og 21 10 62 5629",
    ]
    out.extend((f"odd{i}", "facebook_comment", t) for i, t in enumerate(odd))
    return out


def _spans(spans: Any) -> list[list[Any]]:
    return [[s.kind, s.start, s.end, s.score, s.explanation] for s in spans]


def _record(text: str, channel: str, policy: Any) -> dict[str, Any]:
    """Every output for one text on one channel, as plain JSON data."""
    from sojournal import pii
    from sojournal.models import Post
    from sojournal.policy import decide, explain
    from sojournal.policy.text import analyse, fold, token_spans

    decision = decide(Post(id="x", channel=channel, text=text), policy)
    analysed = analyse(text, policy.spelling)
    why = explain(Post(id="x", channel=channel, text=text), policy)
    return {
        "text": text,
        "decision": decision.model_dump(mode="json"),
        # Reasons in order, every field, and whether the model is what validation builds.
        "decision_repr": repr(decision),
        "revalidated": type(decision).model_validate(decision.model_dump()) == decision,
        "explain": {
            "fired": [
                [f.rule, f.category, f.weight, f.escalate, f.remove, f.spans] for f in why.fired
            ],
            "scores": sorted(why.scores.items()),
            "render": why.render(),
            "same_decision": why.decision == decision,
        },
        "scan": _spans(pii.scan(text, today=TODAY)),
        "scan0": _spans(pii.scan(text, min_score=0, today=TODAY)),
        "cpr": _spans(pii.find_cpr(text, today=TODAY)),
        "cvr": _spans(pii.find_cvr(text)),
        "phone": _spans(pii.find_phones(text)),
        "email": _spans(pii.find_emails(text)),
        "address": _spans(pii.find_addresses(text)),
        "sensitive": _spans(pii.find_sensitive(text)),
        "fold": fold(text),
        "analyse": [list(analysed.tokens), *analysed[1:]],
        "spans": token_spans(text),
        "hits": [list(h) for h in policy.matcher.find(analysed.tokens)],
    }


def fingerprint(items: list[tuple[str, str, str]]) -> Iterator[str]:
    """One canonical JSON line ``[key, outputs]`` per text, in the order of ``items``.

    A stream, not a document: the whole fingerprint is over a gigabyte, and two of them
    in memory (reference and new) once took 10 GB and got parallel checks killed.
    """
    from sojournal.policy import load_policy

    policy = load_policy()
    for key, channel, text in items:
        yield json.dumps([key, _record(text, channel, policy)], ensure_ascii=False, sort_keys=True)


def _diff(ref_line: str, new_line: str, shown: int, limit: int = 20) -> int:
    """Print the differing outputs of one text (up to ``limit`` in all); return how many."""
    (key, a), (_, b) = json.loads(ref_line), json.loads(new_line)
    n = 0
    for part in sorted(set(a) | set(b)):
        if a.get(part) != b.get(part):
            n += 1
            if shown + n <= limit:
                print(f"{key} [{part}] text={b['text'][:60]!r}")
                ref, got = a.get(part), b.get(part)
                if isinstance(ref, dict) and isinstance(got, dict):
                    ref, got = (
                        {k: v for k, v in d.items() if ref.get(k) != got.get(k)} for d in (ref, got)
                    )
                print(f"   ref: {json.dumps(ref, ensure_ascii=False)[:400]}")
                print(f"   new: {json.dumps(got, ensure_ascii=False)[:400]}")
    return n


def _compare(reference: Iterable[str], items: list[tuple[str, str, str]]) -> tuple[int, int]:
    """(texts, differing outputs) of this tree against reference lines, one text at a time."""
    n = texts_seen = 0
    ref_lines = iter(reference)
    for new_line in fingerprint(items):
        texts_seen += 1
        ref_line = next(ref_lines, "").rstrip("\n")
        if ref_line == new_line:
            continue
        if not ref_line.startswith(new_line[: new_line.index(",") + 1]):
            key = json.loads(new_line)[0]
            print(f"{key}: the reference has another text here (or ends): not the same texts")
            return texts_seen, n + 1
        n += _diff(ref_line, new_line, n)
    if next(ref_lines, None) is not None:
        print("the reference has more texts than this run")
        n += 1
    return texts_seen, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", help="write the fingerprint of this tree to a file")
    ap.add_argument("--compare", help="compare this tree with a fingerprint file")
    ap.add_argument("--reference", help="compare this tree with the source tree DIR/src, now")
    ap.add_argument(
        "--pure",
        action="store_true",
        help="compare this tree (compiled) with its pure-Python sources, now",
    )
    ap.add_argument("--texts", help=argparse.SUPPRESS)  # the parent's texts, for --reference
    args = ap.parse_args()
    # The corpora are edited while we run: read them once, hand the same texts to the child.
    items = [tuple(x) for x in json.loads(Path(args.texts).read_text())] if args.texts else texts()
    if args.write:
        with contextlib.ExitStack() as stack:
            out = (
                sys.stdout
                if args.write == "-"
                else stack.enter_context(open(args.write, "w", encoding="utf-8"))
            )
            for line in fingerprint(items):
                out.write(line + "\n")
        if args.write != "-":
            import sojournal

            code = Path(sojournal.__file__).parent
            print(f"{len(items)} texts written to {args.write} (code: {code})")
        return 0
    if args.reference or args.pure:
        # The reference tree runs in a child at the same time, on the other core, and
        # streams its lines through a pipe: nothing is held in memory or written to disk.
        with tempfile.TemporaryDirectory() as tmp:
            texts_file = Path(tmp, "texts.json")
            texts_file.write_text(json.dumps(items, ensure_ascii=False))
            tree = Path(args.reference) if args.reference else ROOT
            env = dict(os.environ, PYTHONPATH=str(tree / "src"), PYTHONIOENCODING="utf-8")
            if args.pure:
                from sojournal._compiled import PURE_ENV

                env[PURE_ENV] = "1"
            cmd = [sys.executable, __file__, "--write", "-", "--texts", str(texts_file)]
            with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, encoding="utf-8") as child:
                assert child.stdout is not None
                seen, n = _compare(child.stdout, items)
                child.stdout.close()
            if child.returncode not in (0, -13):  # -13: SIGPIPE after a stop on a mismatch
                print(f"the reference run failed (exit {child.returncode})")
                n += 1
    elif args.compare:
        with open(args.compare, encoding="utf-8") as ref_file:
            seen, n = _compare(ref_file, items)
    else:
        ap.error("one of --write, --compare, --reference, --pure")
    import sojournal
    from sojournal.policy import engine

    code = Path(sojournal.__file__).parent
    print(f"{seen} texts compared: {n} differing outputs (code: {code})")
    print(f"engine: {Path(engine.__file__ or '?').name}")  # .so: the mypyc-compiled modules
    return 1 if n else 0


if __name__ == "__main__":
    sys.exit(main())
