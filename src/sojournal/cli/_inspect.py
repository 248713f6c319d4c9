"""``sojournal eval``, ``sojournal audit`` and ``sojournal status``: what a records manager asks."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sojournal.errors import InputError


def register(sub: Any) -> None:
    evaluate = sub.add_parser("eval", help="measure the policy on a labelled JSONL file")
    evaluate.add_argument("file", help="labelled posts (see LABELLING.md)")
    evaluate.add_argument("--json", action="store_true", help="machine-readable report")
    evaluate.add_argument("--rules", help="a municipality's own rules file")
    evaluate.set_defaults(run=run_eval)
    audit = sub.add_parser("audit", help="a post's whole history, or verify the audit chain")
    audit.add_argument("post_id", nargs="?", help="the platform id of the post")
    audit.add_argument("--verify", action="store_true", help="check the hash chain")
    audit.add_argument("--config", help="sojournal.toml (default: $SOJOURNAL_CONFIG)")
    audit.set_defaults(run=run_audit)
    status = sub.add_parser("status", help="how many posts are in each ledger state")
    status.add_argument("--config", help="sojournal.toml (default: $SOJOURNAL_CONFIG)")
    status.set_defaults(run=run_status)


def run_eval(args: argparse.Namespace) -> int:
    from sojournal.policy import evaluate, load_policy

    records = []
    with open(args.file, encoding="utf-8") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                records.append(json.loads(raw))
            except json.JSONDecodeError as error:
                raise InputError(
                    f"not valid JSON ({error.msg})", path=args.file, line=number
                ) from None
    report = evaluate(records, load_policy(args.rules))
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(report.render_text())
    return 0


def run_audit(args: argparse.Namespace) -> int:
    from sojournal.audit import AuditLog
    from sojournal.audit_render import render_history, render_verify
    from sojournal.config import load_settings
    from sojournal.ledger import SqliteLedger

    settings = load_settings(args.config)
    log = AuditLog(settings.ledger.path)
    if args.verify:
        result = log.verify()
        print(render_verify(result))
        return 0 if result.ok else 1
    if not args.post_id:
        print("sojournal audit: give a POST_ID or --verify", file=sys.stderr)
        return 2
    ledger = SqliteLedger(settings.ledger.path)
    for entry in ledger.find_by_post_id(args.post_id):
        print(f"ledger {entry.idempotency_key}: {entry.state.value}")
        for move in ledger.transitions(entry.idempotency_key):
            was = move.from_state.value if move.from_state else "-"
            note = f"  ({move.note})" if move.note else ""
            print(
                f"  {move.at.isoformat(timespec='seconds')}  {was} -> {move.to_state.value}{note}"
            )
    print(render_history(log.history(args.post_id)))
    return 0


def run_status(args: argparse.Namespace) -> int:
    from sojournal.config import load_settings
    from sojournal.ledger import SqliteLedger

    settings = load_settings(args.config)
    counts = SqliteLedger(settings.ledger.path).counts()
    for state, number in sorted(counts.items()):
        print(f"{state:12} {number}")
    return 0
