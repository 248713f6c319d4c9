"""``sojournal batch``: the nightly job over export files."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sojournal.models import Post


def register(sub: Any) -> None:
    batch = sub.add_parser("batch", help="journalise posts from export files (the nightly job)")
    batch.add_argument("paths", nargs="+", metavar="PATH", help="export files")
    batch.add_argument("--config", help="sojournal.toml (default: $SOJOURNAL_CONFIG)")
    batch.add_argument(
        "--format", default="auto", choices=["auto", "jsonl", "dyi", "csv", "webhook"]
    )
    batch.add_argument("--dry-run", action="store_true", help="decide and validate; change nothing")
    batch.add_argument("--report", help="write a JSON report (ids and counts, no text) here")
    batch.add_argument("--quarantine", help="append bad records here (default: beside the ledger)")
    batch.set_defaults(run=run_batch_command)
    read = sub.add_parser("read", help="normalise export files to JSONL posts on stdout")
    read.add_argument("paths", nargs="+", metavar="PATH")
    read.add_argument(
        "--format", default="auto", choices=["auto", "jsonl", "dyi", "csv", "webhook"]
    )
    read.set_defaults(run=run_read_command)


def run_read_command(args: argparse.Namespace) -> int:
    from sojournal.platforms.sources import run_read

    _require_files(args.paths)
    return run_read(args.paths, args.format, sys.stdout, sys.stderr)


def _require_files(paths: list[str]) -> None:
    from sojournal.errors import ConfigError

    missing = [p for p in paths if not Path(p).is_file()]
    if missing:
        raise ConfigError(f"no such export file: {', '.join(missing)}")


def progress_printer() -> Callable[[int], None] | None:
    """A counter on a terminal; nothing when output goes to a log."""
    if not sys.stderr.isatty():
        return None

    def show(count: int) -> None:
        if count % 25 == 0:
            print(f"\r  {count} posts…", end="", file=sys.stderr, flush=True)

    return show


def read_items(paths: list[str], fmt: str, quarantine_path: Path) -> Iterator[Any]:
    from sojournal.platforms.sources import BadRecord, Quarantine, read

    quarantine = Quarantine(quarantine_path)
    try:
        for item in read(paths, fmt):
            if isinstance(item, BadRecord):
                quarantine.add(item)
                print(str(item), file=sys.stderr)
            yield item
    finally:
        quarantine.close()


def run_batch_command(args: argparse.Namespace) -> int:
    from sojournal.batch import run_batch
    from sojournal.config import load_settings
    from sojournal.factory import build_journaliser
    from sojournal.ledger import State

    _require_files(args.paths)
    settings = load_settings(args.config)
    quarantine = Path(args.quarantine) if args.quarantine else _default_quarantine(settings)
    items = read_items(args.paths, args.format, quarantine)
    if args.dry_run:
        return _dry_run(items, settings.policy.rules)
    journaliser = build_journaliser(settings)
    cutoff = datetime.now(UTC) - timedelta(days=settings.ledger.retention_days)
    journaliser.ledger.purge_older_than((State.REVIEW, State.FAILED), cutoff)
    try:
        summary = run_batch(journaliser, items, progress=progress_printer())
    finally:
        journaliser.ledger.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(summary.render())
    if args.report:
        report = summary.model_dump(mode="json")
        Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    return summary.exit_code


def _default_quarantine(settings: Any) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    return Path(settings.ledger.path).parent / f"quarantine-{stamp}.txt"


def _dry_run(items: Iterator[Any], rules: Path | None) -> int:
    from sojournal.document import render_document
    from sojournal.factory import PolicyDocuments
    from sojournal.policy import decide, load_policy

    policy = load_policy(rules)
    documents = PolicyDocuments(policy)
    counts: Counter[str] = Counter()
    bad = 0
    for item in items:
        if not isinstance(item, Post):
            bad += 1
            continue
        decision = decide(item, policy)
        counts[decision.category] += 1
        counts["journalise" if decision.journalise else "not journalised"] += 1
        counts["review"] += decision.review
        if decision.remove:
            counts[f"would {decision.remove}"] += 1
        if decision.journalise:
            render_document(documents(item, decision, "incoming", None))
    print("dry run: nothing was filed, removed or answered")
    for name, number in sorted(counts.items()):
        print(f"  {name:16} {number}")
    print(f"  bad records      {bad}")
    return 1 if bad else 0
