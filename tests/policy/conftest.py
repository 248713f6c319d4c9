"""Fixtures for the policy tests: the packaged policy, labelled corpora, a post factory."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sojournal.models import Channel, Decision, Post
from sojournal.policy import Policy, decide, load_policy

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "dev.jsonl"
DATA = Path(__file__).resolve().parent / "data"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.fixture(scope="session")
def policy() -> Policy:
    return load_policy()


@pytest.fixture(scope="session")
def dev_records() -> list[dict[str, Any]]:
    return read_jsonl(DEV)


@pytest.fixture(scope="session")
def extra_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "extra.jsonl")


@pytest.fixture(scope="session")
def holdout_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout.jsonl")


@pytest.fixture()
def judge(policy: Policy) -> Callable[..., Decision]:
    """Decide a text on a channel (default: a public Facebook comment)."""

    def run(text: str, channel: Channel = "facebook_comment") -> Decision:
        return decide(Post(id="t-1", channel=channel, text=text), policy)

    return run


@pytest.fixture(scope="session")
def holdout2_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout2.jsonl")


@pytest.fixture(scope="session")
def holdout3_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout3.jsonl")


@pytest.fixture(scope="session")
def holdout4_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout4.jsonl")


@pytest.fixture(scope="session")
def holdout5_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout5.jsonl")


@pytest.fixture(scope="session")
def holdout6_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout6.jsonl")


@pytest.fixture(scope="session")
def holdout7_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout7.jsonl")


@pytest.fixture(scope="session")
def holdout8_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout8.jsonl")


@pytest.fixture(scope="session")
def holdout9_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout9.jsonl")


@pytest.fixture(scope="session")
def holdout10_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout10.jsonl")


@pytest.fixture(scope="session")
def holdout11_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout11.jsonl")


@pytest.fixture(scope="session")
def holdout12_records() -> list[dict[str, Any]]:
    return read_jsonl(DATA / "holdout12.jsonl")
