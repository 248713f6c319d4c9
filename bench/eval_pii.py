"""Precision and recall per pii kind on the labelled dev corpus (set of kinds per post).

Run: .venv/bin/python bench/eval_pii.py [FILE.jsonl ...] [-v]   (default tests/data/dev.jsonl)
Not a test: it prints figures (and, with -v, the ids of the posts that differ).
Several files are pooled, so "all labelled data" is one figure:
  .venv/bin/python bench/eval_pii.py tests/policy/data/*.jsonl tests/data/dev.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from sojournal.models import CONTRACT_PII_KINDS
from sojournal.pii import scan

SENSITIVE_ONLY = {"ethnicity", "religion", "sexuality", "union"}
SENSITIVE = {"cpr", "health", "social", "criminal", "child"} | SENSITIVE_ONLY


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    paths = [Path(a) for a in args] or [Path("tests/data/dev.jsonl")]
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    sens = Counter[str]()
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if not line.strip():
            continue
        record = json.loads(line)
        if "sensitive" not in record["expected"]:
            continue
        spans = scan(record["text"])
        got = {s.kind for s in spans}
        want = set(record["expected"]["pii"])
        for kind in CONTRACT_PII_KINDS:
            if kind in got and kind in want:
                tp[kind] += 1
            elif kind in got:
                fp[kind] += 1
                if verbose:
                    print(f"  FP {kind:9} {record['id']}")
            elif kind in want:
                fn[kind] += 1
                if verbose:
                    print(f"  FN {kind:9} {record['id']}")
        predicted = bool(got & SENSITIVE)
        expected = bool(record["expected"]["sensitive"])
        sens[f"{'t' if predicted == expected else 'f'}{'p' if predicted else 'n'}"] += 1
    print(f"{'kind':10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for kind in sorted(CONTRACT_PII_KINDS):
        p = tp[kind] / (tp[kind] + fp[kind]) if tp[kind] + fp[kind] else 1.0
        r = tp[kind] / (tp[kind] + fn[kind]) if tp[kind] + fn[kind] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{kind:10} {p:6.2f} {r:6.2f} {f:6.2f}  {tp[kind]:3} {fp[kind]:3} {fn[kind]:3}")
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(
        f"{'micro':10} {total_tp / (total_tp + total_fp):6.2f} "
        f"{total_tp / (total_tp + total_fn):6.2f}"
    )
    print(f"sensitive (any sensitive kind found vs expected.sensitive): {dict(sens)}")
    found, wanted = sens["tp"] + sens["fp"], sens["tp"] + sens["fn"]
    precision = sens["tp"] / found if found else 1.0
    recall = sens["tp"] / wanted if wanted else 1.0
    print(f"sensitive P {precision:.3f} R {recall:.3f}")


if __name__ == "__main__":
    main()
