"""What the ledger and the platform steps cost on top of bare filing. Not a test: prints figures.

Both runs go over real HTTP to the bundled emulators in this process:

- baseline: decide → build → submit with ``ReferenceCaseSystem`` (no ledger, no platform);
- full: ``Journaliser`` with the SQLite ledger, filing, private reply, removal, audit log.

The ratio (full / baseline time per post) travels between machines better than posts/s.

    .venv/bin/python bench/bench_pipeline.py [--posts 300]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr

from sojournal.config import CaseSystemConfig, GraphConfig, LedgerConfig, Settings
from sojournal.document import build_case_document
from sojournal.factory import build_journaliser, case_system_from
from sojournal.models import Post
from sojournal.policy import decide, kle_for, load_policy
from sojournal.retry import RetrySettings
from sojournal.testing.esdh_emulator import EsdhEmulator
from sojournal.testing.graph_emulator import GraphEmulator, ObjectKind
from sojournal.testing.server import LocalServer

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "bench-token"


def _posts(count: int, tag: str) -> list[Post]:
    base = []
    with (ROOT / "tests/data/dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            post = Post(id="x", channel=record["channel"], text=record["text"])
            if decide(post).journalise:
                base.append(record)
    return [
        Post(
            id=f"{tag}-{n}",
            channel=base[n % len(base)]["channel"],
            text=base[n % len(base)]["text"],
            author_id=f"u{n}",
            thread_id=f"t{n}",
        )
        for n in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300)
    args = parser.parse_args()
    policy = load_policy()
    esdh = EsdhEmulator()
    graph = GraphEmulator(token=TOKEN, auto_create=True)
    with LocalServer(esdh) as esdh_server, LocalServer(graph) as graph_server:
        work = Path(tempfile.mkdtemp(prefix="sojournal-bench-"))
        settings = Settings(
            ledger=LedgerConfig(path=work / "ledger.sqlite"),
            case_system=CaseSystemConfig(endpoint=esdh_server.url + "/"),
            platform=GraphConfig(
                kind="graph", base_url=graph_server.url, token=SecretStr(TOKEN), page_id="page-1"
            ),
            retry=RetrySettings(initial_wait=0.0, max_wait=0.0, jitter=0.0),
        )
        system = case_system_from(settings)
        baseline_posts = _posts(args.posts, "base")
        start = time.perf_counter()
        for post in baseline_posts:
            decision = decide(post, policy)
            kle, facet = kle_for(decision, policy)
            system.submit(build_case_document(post, decision, kle_number=kle, handling_facet=facet))
        baseline = (time.perf_counter() - start) / args.posts

        journaliser = build_journaliser(settings)
        full_posts = _posts(args.posts, "full")
        for post in full_posts:  # the posts exist on the emulated page, as on the real one
            kinds: dict[str, ObjectKind] = {"facebook_post": "post", "messenger": "message"}
            kind = kinds.get(post.channel, "comment")
            graph.add_object(post.id, kind=kind, platform=post.platform, author_id=post.author_id)
        start = time.perf_counter()
        states = [journaliser.journalise(post).state for post in full_posts]
        full = (time.perf_counter() - start) / args.posts
    done = sum(s == "done" for s in states)
    print(f"posts: {args.posts} journalisable ({done} done in the full run)")
    print(f"baseline (decide+render+SOAP submit): {1 / baseline:8.1f} posts/s")
    print(f"full pipeline (ledger, submit, reply, remove, audit): {1 / full:8.1f} posts/s")
    print(f"ratio full/baseline time per post: {full / baseline:.2f}x")


if __name__ == "__main__":
    main()
