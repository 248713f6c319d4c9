"""``sojournal decide`` and ``sojournal explain``: the policy alone, no network, no ledger."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import IO, Any

from pydantic import ValidationError

from sojournal.errors import InputError
from sojournal.models import Post

_POST_FIELDS = frozenset(Post.model_fields)


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


def post_from_record(record: Any, *, path: str, line: int) -> Post:
    """A post from a JSON object, ignoring fields that are not ours (labels, notes)."""
    if not isinstance(record, dict):
        raise InputError("not a JSON object", path=path, line=line)
    fields = {k: v for k, v in record.items() if k in _POST_FIELDS}
    try:
        return Post.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"])
        raise InputError(first["msg"], path=path, line=line, field=field) from None


def read_posts(stream: IO[str], path: str) -> Iterator[Post | InputError]:
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as error:
            yield InputError(f"not valid JSON ({error.msg})", path=path, line=number)
            continue
        try:
            yield post_from_record(record, path=path, line=number)
        except InputError as error:
            yield error


def run_decide(args: argparse.Namespace) -> int:
    from sojournal.policy import decide, load_policy

    policy = load_policy(args.rules)
    bad = 0
    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")  # noqa: SIM115
    with stream:
        for item in read_posts(stream, args.file):
            if isinstance(item, InputError):
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
