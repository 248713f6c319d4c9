"""``sojournal review``: the queue of posts the policy was unsure about, and a person's decision.

A person's decision is recorded with who and when, in the ledger and the
audit log; the next run files, scrubs and replies as for any other post.
Listings show the text redacted (no CPR, phone or e-mail on an operator's screen).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from sojournal.errors import InputError
from sojournal.models import Reason


def register(sub: Any) -> None:
    review = sub.add_parser("review", help="list or decide posts waiting for a person")
    review.add_argument("--config", help="sojournal.toml (default: $SOJOURNAL_CONFIG)")
    review.add_argument("--json", action="store_true", help="list as JSON lines")
    actions = review.add_subparsers(dest="action", metavar="[decide KEY]")
    decide = actions.add_parser("decide", help="record a person's decision for one post")
    decide.add_argument("key", help="the idempotency key shown by `sojournal review`")
    choice = decide.add_mutually_exclusive_group(required=True)
    choice.add_argument("--journalise", dest="journalise", action="store_true")
    choice.add_argument("--no-journalise", dest="journalise", action="store_false")
    decide.add_argument(
        "--category", choices=["case", "complaint", "general", "political", "offensive"]
    )
    decide.add_argument(
        "--remove",
        choices=["delete", "hide", "none"],
        help="what happens to the public post (default: what the decision proposed)",
    )
    decide.add_argument("--by", required=True, help="who decides (initials or user id)")
    review.set_defaults(run=run_review)


def run_review(args: argparse.Namespace) -> int:
    from sojournal.config import load_settings
    from sojournal.ledger import SqliteLedger, State
    from sojournal.pii import redact

    settings = load_settings(args.config)
    ledger = SqliteLedger(settings.ledger.path)
    if getattr(args, "action", None) == "decide":
        return _decide(args, ledger, settings.ledger.path)
    rows = list(ledger.in_state(State.REVIEW))
    for entry in rows:
        decision = entry.decision
        text = redact(entry.post.text) if entry.post else "(text purged)"
        rules = [r.rule for r in decision.reasons] if decision else []
        record: dict[str, object] = {
            "key": entry.idempotency_key,
            "post_id": entry.post_id,
            "channel": entry.channel,
            "category": decision.category if decision else None,
            # What the policy proposes: weak evidence leans to journalising, unless the
            # word model doubted it (rule model.journalise-unlikely).
            "journalise": decision.journalise if decision else None,
            "remove": decision.remove if decision else None,
            "confidence": decision.confidence if decision else None,
            "rules": rules,
            "text": text,
        }
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(
                f"{record['key']}  {entry.post_id}  {entry.channel}  "
                f"{record['category']} ({record['confidence']})  "
                f"journalise={record['journalise']}  remove={record['remove']}  "
                f"rules: {', '.join(rules)}"
                f"\n    {text}"
            )
    if not args.json:
        print(f"{len(rows)} post(s) waiting for review", file=sys.stderr)
    return 0


def _decide(args: argparse.Namespace, ledger: Any, ledger_path: Any) -> int:
    from sojournal.audit import AuditLog
    from sojournal.ledger import State

    entry = ledger.get(args.key)
    if entry is None or entry.state is not State.REVIEW or entry.decision is None:
        raise InputError("no post with this key is waiting for review", path=args.key)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    category = args.category or entry.decision.category
    if args.journalise and category not in ("case", "complaint"):
        category = "case"
    if not args.journalise and category in ("case", "complaint"):
        category = "general"
    reason = Reason(
        rule="review.manual",
        text=f"decided by {args.by} at {now}",
        text_da=f"afgjort af {args.by} {now}",
    )
    remove = entry.decision.remove
    if args.remove is not None:
        remove = None if args.remove == "none" else args.remove
    if entry.channel == "messenger":
        remove = None  # private messages are never removed
    decision = entry.decision.model_copy(
        update={
            "category": category,
            "journalise": args.journalise,
            "remove": remove,
            "review": False,
            "confidence": 1.0,
            "reasons": (*entry.decision.reasons, reason),
        }
    )
    ledger.advance(args.key, State.DECIDED, decision=decision, note=f"review by {args.by}")
    AuditLog(ledger_path).append(
        "review_decision",
        entry.post_id,
        idempotency_key=args.key,
        rules=[r.rule for r in decision.reasons],
        actor=args.by,
        detail=("journalise" if args.journalise else "no-journalise") + f"|remove={remove}",
    )
    print(
        f"{args.key}: {'journalise' if args.journalise else 'do not journalise'} ({category}),"
        f" remove={remove}; the next run carries it out"
    )
    return 0
