"""Fixtures for the policy tests: the packaged policy, labelled corpora, a post factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sojournal.models import Channel, Decision, Post
from sojournal.policy import Policy, decide, load_policy
from sojournal.policy.evaluate import load_jsonl

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return load_jsonl(str(path))


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def dev_records() -> list[dict[str, Any]]:
    return read_jsonl(DEV)


@pytest.fixture(scope="session")
def own_records() -> list[dict[str, Any]]:
    """Every post written for these tests: extra.jsonl (before tuning) and holdout*.jsonl."""
    records: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("*.jsonl")):
        records.extend(read_jsonl(path))
    return records


@pytest.fixture()
def judge(policy: Policy) -> Callable[..., Decision]:
    """Decide a text on a channel (default: a public Facebook comment)."""

    def run(text: str, channel: Channel = "facebook_comment") -> Decision:
        return decide(Post(id="t-1", channel=channel, text=text), policy)

    return run
