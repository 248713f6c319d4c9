"""Platform test fixtures: a Graph emulator on a real localhost port, a recording sleep."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from pydantic import SecretStr

from sojournal.platforms.graph import GraphPlatform, GraphSettings
from sojournal.retry import RetrySettings
from sojournal.testing.graph_emulator import GraphEmulator
from sojournal.testing.server import LocalServer

from .helpers import TOKEN, PlatformFactory


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def emulator() -> GraphEmulator:
    return GraphEmulator(token=TOKEN)


@pytest.fixture
def server(emulator: GraphEmulator) -> Iterator[LocalServer]:
    with LocalServer(emulator) as running:
        yield running


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as opened:
        yield opened


@pytest.fixture
def make_platform(session: requests.Session, slept: list[float]) -> PlatformFactory:
    def make(
        url: str, *, token: str = TOKEN, retry: RetrySettings | None = None, **settings: Any
    ) -> GraphPlatform:
        return GraphPlatform(
            session,
            SecretStr(token),
            settings=GraphSettings(base_url=url, **settings),
            retry=retry or RetrySettings(),
            sleep=slept.append,
            page_id="page-1",
        )

    return make


@pytest.fixture
def platform(make_platform: PlatformFactory, server: LocalServer) -> GraphPlatform:
    return make_platform(server.url)
