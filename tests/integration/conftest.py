"""Real emulators on free localhost ports, and a config file that points sojournal at them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sojournal.testing.esdh_emulator import EsdhEmulator, FaultSettings
from sojournal.testing.graph_emulator import GraphEmulator
from sojournal.testing.server import LocalServer

TOKEN = "integration-token"
PAGE = "1029384756"


@dataclass
class Site:
    esdh: EsdhEmulator
    graph: GraphEmulator
    esdh_server: LocalServer
    graph_server: LocalServer
    config: Path
    workdir: Path


def write_config(workdir: Path, esdh_url: str, graph_url: str) -> Path:
    config = workdir / "sojournal.toml"
    config.write_text(
        '[ledger]\npath = "ledger.sqlite"\n'
        f'[case_system]\nendpoint = "{esdh_url}/"\ntimeout = 2.0\n'
        f'[platform]\nkind = "graph"\nbase_url = "{graph_url}"\npage_id = "{PAGE}"\n'
        '[escalation]\nkind = "file"\nfile = "escalations.jsonl"\n'
        '[replies]\nmunicipality = "Lindå Kommune"\n'
        "[retry]\nmax_attempts = 8\ninitial_wait = 0.0\nmax_wait = 0.0\njitter = 0.0\n"
        "deadline = 20.0\n",
        encoding="utf-8",
    )
    return config


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("SOJOURNAL_GRAPH_TOKEN", TOKEN)
    esdh = EsdhEmulator(FaultSettings())
    graph = GraphEmulator(token=TOKEN, auto_create=True, default_page_id=PAGE)
    with LocalServer(esdh) as esdh_server, LocalServer(graph) as graph_server:
        config = write_config(tmp_path, esdh_server.url, graph_server.url)
        yield Site(esdh, graph, esdh_server, graph_server, config, tmp_path)
    esdh.close()


def write_posts(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path
