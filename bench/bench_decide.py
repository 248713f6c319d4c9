"""Throughput of ``decide`` on one core, on short posts and on the dev mix, against a baseline.

The issue's target is 20,000 posts/s on one core for *short* posts (typical
comments, 40-80 characters), so that mix is measured first: the templates of
``bench_pii`` (about 70 % general, 20 % with a phone number, address, e-mail or
case number, 10 % with CPR, health or social matters). The dev corpus (longer,
labelled posts) is measured second, because it is what the rules were tuned on.

The baseline is the cheapest thing a "decision" could be: ``str.lower`` plus one
regex search over the same posts, in the same process. The ratio (how many times
slower than that floor) is steadier across machines than posts/s alone.
``pii.scan`` runs inside ``decide``, so the policy is measured twice: with a no-op
scanner injected (the policy's own cost) and with the real detectors.
Not a test: it prints figures. Run it on a quiet core; on a shared machine the
best of several short passes is reported (the minimum time is the signal).

    .venv/bin/python bench/bench_decide.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sojournal import pii
from sojournal.models import Channel, PiiSpan, Post
from sojournal.policy import decide, load_policy
from sojournal.policy.engine import decide_with

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from bench_pii import posts as short_texts  # noqa: E402

#: The issue's target: decisions a second on one core, short posts, personal data included.
TARGET = 20_000
_CHANNELS: tuple[Channel, ...] = ("facebook_comment", "facebook_post", "messenger")


def _dev_posts() -> list[Post]:
    posts: list[Post] = []
    for name in ("tests/data/dev.jsonl", "tests/policy/data/extra.jsonl"):
        with (ROOT / name).open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                posts.append(Post(id=rec["id"], channel=rec["channel"], text=rec["text"]))
    return posts


def _short_posts(count: int) -> list[Post]:
    """The short-comment mix, mostly on public channels (where comments are)."""
    return [
        Post(id=f"s{i}", channel=_CHANNELS[2 if i % 7 == 0 else i % 2], text=text)
        for i, text in enumerate(short_texts(count))
    ]


def _rate(fn: Callable[[Post], object], posts: list[Post], seconds: float) -> float:
    """Best of several short passes: the machine is shared, the minimum time is the signal."""
    best = 0.0
    deadline = time.perf_counter() + seconds
    while True:
        start = time.perf_counter()
        for p in posts:
            fn(p)
        best = max(best, len(posts) / (time.perf_counter() - start))
        if time.perf_counter() >= deadline:
            return best


def _no_pii(text: str) -> tuple[PiiSpan, ...]:
    return ()


def _report(title: str, posts: list[Post], seconds: float) -> float:
    """Print the figures for one mix; return decide's posts/s with the real scan."""
    policy = load_policy()
    pattern = re.compile(r"\b(?:ansøg\w*|klage\w*|sagsnr)\b")

    def baseline(p: Post) -> object:
        return pattern.search(p.text.lower())

    def policy_only(p: Post) -> object:
        return decide_with(p.text, p.channel, policy, _no_pii)

    def full(p: Post) -> object:
        return decide(p, policy)

    def pii_only(p: Post) -> object:
        return pii.scan(p.text)

    for fn in (baseline, policy_only, full):  # warm caches
        _rate(fn, posts, 0.2)
    avg = sum(len(p.text) for p in posts) / len(posts)
    print(f"{title}: {len(posts)} posts, mean {avg:.0f} chars, policy {policy.version}")
    base = _rate(baseline, posts, seconds)
    print(f"  {'baseline (lower + 1 regex)':<34} {base:>10,.0f} posts/s")
    rates = {}
    for name, fn in (
        ("decide, pii stubbed (policy only)", policy_only),
        ("decide, real pii.scan", full),
        ("pii.scan alone", pii_only),
    ):
        rate = rates[name] = _rate(fn, posts, seconds)
        print(f"  {name:<34} {rate:>10,.0f} posts/s  = baseline / {base / rate:.1f}")
    return rates["decide, real pii.scan"]


def main() -> None:
    ap = argparse.ArgumentParser(description="decide() throughput on one core")
    ap.add_argument("--seconds", type=float, default=3.0, help="per measurement")
    ap.add_argument("--posts", type=int, default=2000, help="short posts in the mix")
    args = ap.parse_args()
    from sojournal.policy import engine

    # make compile builds the policy with mypyc; SOJOURNAL_PURE_PYTHON=1 measures the sources.
    built = "compiled (mypyc)" if not (engine.__file__ or "").endswith(".py") else "pure Python"
    print("one process, one core; figures from a shared machine vary by a few per cent")
    print(f"policy modules: {built}")
    short = _report("short posts (bench_pii mix)", _short_posts(args.posts), args.seconds)
    _report("dev mix (dev.jsonl + extra.jsonl)", _dev_posts(), args.seconds)
    print(
        f"target {TARGET:,} posts/s on short posts with pii: {short / TARGET:.0%} of it "
        f"({1e6 / short:.0f} us a post against a budget of {1e6 / TARGET:.0f} us)"
    )


if __name__ == "__main__":
    main()
