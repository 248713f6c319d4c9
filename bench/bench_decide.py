"""Throughput of ``decide`` on one core, on short posts, against an in-process baseline.

The baseline is the cheapest thing a "decision" could be: ``str.lower`` plus one
regex search over the same posts. The ratio says how many times slower the full
policy (pii.scan included) is than that floor, which is steadier across machines
than posts/s alone. Not a test: it prints figures.

    .venv/bin/python bench/bench_decide.py [--seconds 3] [--no-pii]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

from sojournal import pii
from sojournal.models import Post
from sojournal.policy import decide, load_policy
from sojournal.policy.engine import gather

ROOT = Path(__file__).resolve().parent.parent


def _posts() -> list[Post]:
    posts: list[Post] = []
    for name in ("tests/data/dev.jsonl", "tests/policy/data/extra.jsonl"):
        with (ROOT / name).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                posts.append(Post(id=rec["id"], channel=rec["channel"], text=rec["text"]))
    return posts


def _rate(fn: Callable[[Post], object], posts: list[Post], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while True:
        for p in posts:
            fn(p)
        done += len(posts)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    posts = _posts()
    policy = load_policy()
    avg = sum(len(p.text) for p in posts) / len(posts)
    pattern = re.compile(r"\b(?:ansøg\w*|klage\w*|sagsnr)\b")

    def baseline(p: Post) -> object:
        return pattern.search(p.text.lower())

    def full(p: Post) -> object:
        return decide(p, policy)

    def rules_only(p: Post) -> object:
        return gather(p.text, p.channel, policy)

    def pii_only(p: Post) -> object:
        return pii.scan(p.text)

    for fn in (baseline, full):  # warm caches
        _rate(fn, posts, 0.2)
    base = _rate(baseline, posts, args.seconds)
    n_rules = len(policy.rules)
    print(f"{len(posts)} posts, mean {avg:.0f} chars, policy {policy.version}, {n_rules} rules")
    print(f"baseline (lower + 1 regex): {base:>10,.0f} posts/s")
    for name, fn in (
        ("decide (full)", full),
        ("rules+pii (gather)", rules_only),
        ("pii.scan only", pii_only),
    ):
        rate = _rate(fn, posts, args.seconds)
        print(f"{name:<27} {rate:>10,.0f} posts/s  = baseline / {base / rate:.1f}")


if __name__ == "__main__":
    main()
