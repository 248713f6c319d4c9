"""``sojournal decide`` and ``sojournal explain``: the policy alone, no network, no ledger."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sojournal.models import Post


def register(sub: Any) -> None:
    decide = sub.add_parser("decide", help="decide JSONL posts; one JSONL decision per line")
    decide.add_argument("file", nargs="?", default="-", help="JSONL posts (default: stdin)")
    decide.add_argument("--rules", help="a municipality's own rules file")
    decide.set_defaults(run=run_decide)
    explain = sub.add_parser("explain", help="show every rule that fires for a text")
    explain.add_argument("text", help="the post text")
    explain.add_argument("--channel", default="facebook_comment")
    explain.add_argument("--rules", help="a municipality's own rules file")
    explain.set_defaults(run=run_explain)


def run_decide(args: argparse.Namespace) -> int:
    """Same reader as exports (fields that are not ours, like labels, are ignored)."""
    from sojournal.platforms.sources.jsonl import read_jsonl, read_jsonl_stream
    from sojournal.policy import decide, load_policy

    policy = load_policy(args.rules)
    stdin = args.file == "-"
    items = read_jsonl_stream(sys.stdin.buffer, "-") if stdin else read_jsonl(args.file)
    bad = 0
    for item in items:
        if not isinstance(item, Post):
            print(str(item), file=sys.stderr)
            bad += 1
            continue
        decision = decide(item, policy)
        sys.stdout.write(json.dumps(decision.to_contract(item.id), ensure_ascii=False) + "\n")
    return 1 if bad else 0


def run_explain(args: argparse.Namespace) -> int:
    from sojournal.policy import explain, load_policy

    post = Post(id="explain", channel=args.channel, text=args.text)
    print(explain(post, load_policy(args.rules)).render())
    return 0
