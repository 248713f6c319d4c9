"""``sojournal demo``: both emulators on free local ports, the batch on ``examples/``, twice.

The second run shows the promise that matters most: nothing new is filed,
even though the case-system emulator drops answers and fails at random.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from sojournal.errors import ConfigError

#: The emulator accepts only this token: the demo shows a real bearer check, not a bypass.
DEMO_TOKEN = "demo-token"  # noqa: S105 - a throwaway value for the local emulator
DEMO_PAGE = "1029384756"
DEMO_FILES = ("posts.jsonl", "exports/kommentarer.csv", "exports/comments.json")


def register(sub: Any) -> None:
    demo = sub.add_parser("demo", help="run the batch on examples/ against the bundled emulators")
    demo.add_argument("--examples", default="examples", help="folder with the example exports")
    demo.add_argument("--workdir", help="keep the ledger and escalations here (default: temp)")
    demo.add_argument(
        "--faults", default="transient=0.3,lost=0.1,seed=7", help="case-system emulator faults"
    )
    demo.set_defaults(run=run_demo)


def _example_paths(folder: Path) -> list[str]:
    paths = [folder / name for name in DEMO_FILES if (folder / name).is_file()]
    if not paths:
        raise ConfigError(
            f"{folder}: no example exports found; run from the project folder or pass --examples"
        )
    return [str(p) for p in paths]


def _seed_platform(graph: Any, paths: list[str]) -> None:
    """Put the example posts on the emulated page, as they would be on the real one."""
    from sojournal.models import Post
    from sojournal.platforms.sources import read

    kinds = {"facebook_post": "post", "messenger": "message"}
    for item in read(paths):
        if isinstance(item, Post):
            graph.add_object(
                item.id,
                kind=kinds.get(item.channel, "comment"),
                platform=item.platform,
                page_id=item.page_id or DEMO_PAGE,
                author_id=item.author_id,
            )


def run_demo(args: argparse.Namespace) -> int:
    from sojournal.batch import run_batch
    from sojournal.cli._batch import read_items
    from sojournal.config import (
        CaseSystemConfig,
        EscalationConfig,
        GraphConfig,
        LedgerConfig,
        RepliesConfig,
        Settings,
    )
    from sojournal.factory import build_journaliser
    from sojournal.notify.file import read_escalations
    from sojournal.retry import RetrySettings
    from sojournal.testing.esdh_emulator import EsdhEmulator, parse_faults
    from sojournal.testing.graph_emulator import GraphEmulator
    from sojournal.testing.server import LocalServer

    paths = _example_paths(Path(args.examples))
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="sojournal-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)
    esdh = EsdhEmulator(parse_faults(args.faults))
    graph = GraphEmulator(token=DEMO_TOKEN, default_page_id=DEMO_PAGE)
    _seed_platform(graph, paths)
    with LocalServer(esdh) as esdh_server, LocalServer(graph) as graph_server:
        print(f"case-system emulator (SOAP): {esdh_server.url}/?wsdl  faults: {args.faults}")
        print(f"Graph API emulator:          {graph_server.url}/v21.0")
        print(f"ledger and escalations in:   {workdir}\n")
        settings = Settings(
            source="demo",
            ledger=LedgerConfig(path=workdir / "ledger.sqlite"),
            case_system=CaseSystemConfig(endpoint=esdh_server.url + "/", timeout=5),
            platform=GraphConfig(
                kind="graph",
                base_url=graph_server.url,
                page_id=DEMO_PAGE,
                token=SecretStr(DEMO_TOKEN),
            ),
            replies=RepliesConfig(
                municipality="Lindå Kommune", phone="70 12 34 56", url="https://linda.example.dk"
            ),
            escalation=EscalationConfig(kind="file", file=workdir / "escalations.jsonl"),
            retry=RetrySettings(initial_wait=0.01, max_wait=0.05, jitter=0.01, deadline=30),
        )
        summaries = []
        for run in (1, 2):
            journaliser = build_journaliser(settings)
            print(f"== run {run}: sojournal batch {' '.join(paths)}")
            summary = run_batch(journaliser, read_items(paths, "auto", workdir / "quarantine.txt"))
            print(summary.render() + "\n")
            summaries.append(summary)
        documents = esdh.documents()
        escalations = (
            read_escalations(workdir / "escalations.jsonl")
            if (workdir / "escalations.jsonl").is_file()
            else []
        )
        print("== what landed")
        print(
            f"case-system documents: {len(documents)} "
            f"(keys unique: {len({d.idempotency_key for d in documents}) == len(documents)})"
        )
        for stored in documents:
            print(f"  {stored.document_id}  case {stored.case_id}  key {stored.idempotency_key}")
        print(f"deleted on the platform: {', '.join(sorted(graph.deleted_ids())) or '-'}")
        print(f"hidden on the platform:  {', '.join(sorted(graph.hidden_ids())) or '-'}")
        replies = graph.replies()
        private = graph.private_replies()
        print(f"replies: {len(replies)} public, {len(private)} private")
        print(f"escalations to Center for Politik og Organisation: {len(escalations)}")
    second = summaries[-1]
    new_on_rerun = len(second.new_documents)
    print(f"\nsecond run filed {new_on_rerun} new documents (exactly once: expected 0)")
    return 0 if new_on_rerun == 0 and second.failed == 0 and second.retry_later == 0 else 1
