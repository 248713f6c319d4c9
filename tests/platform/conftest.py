"""Platform test fixtures: a Graph emulator on a real localhost port, a recording sleep."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pytest
import requests
from pydantic import SecretStr

from sojournal.platforms.graph import GraphPlatform, GraphSettings
from sojournal.retry import RetrySettings
from sojournal.testing.graph_emulator import GraphEmulator
from sojournal.testing.server import DropConnection, LocalServer, WsgiApp

from .helpers import TOKEN, PlatformFactory


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def emulator() -> GraphEmulator:
    return GraphEmulator(token=TOKEN)


class _SwitchableApp:
    """One server for the whole session, each test plugging in its own app (fast teardown)."""

    def __init__(self) -> None:
        self.app: WsgiApp | None = None

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        if self.app is None:
            raise DropConnection
        return self.app(environ, start_response)


@pytest.fixture(scope="session")
def _shared_server() -> Iterator[tuple[LocalServer, _SwitchableApp]]:
    switch = _SwitchableApp()
    with LocalServer(switch) as running:
        yield running, switch


@pytest.fixture
def serve(_shared_server: tuple[LocalServer, _SwitchableApp]) -> Iterator[Callable[[WsgiApp], str]]:
    """Serve an app for this test; returns the base URL."""
    running, switch = _shared_server

    def plug(app: WsgiApp) -> str:
        switch.app = app
        return running.url

    yield plug
    switch.app = None


@pytest.fixture
def server(emulator: GraphEmulator, serve: Callable[[WsgiApp], str]) -> str:
    """The base URL of the emulator."""
    return serve(emulator)


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
def platform(make_platform: PlatformFactory, server: str) -> GraphPlatform:
    return make_platform(server)
