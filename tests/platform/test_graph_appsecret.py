"""appsecret_proof: with the app secret configured, every Graph call proves it holds it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from pydantic import SecretStr

from sojournal.config import load_settings
from sojournal.errors import AuthError
from sojournal.factory import build_platform
from sojournal.models import Post
from sojournal.platforms.graph import GraphPlatform, GraphSettings
from sojournal.platforms.graph_client import appsecret_proof
from sojournal.testing.graph_emulator import GraphEmulator
from sojournal.testing.server import WsgiApp

from .helpers import TOKEN

APP_SECRET = "app-secret-do-not-log-0815"


def _platform(url: str, session: requests.Session, app_secret: str | None) -> GraphPlatform:
    return GraphPlatform(
        session,
        SecretStr(TOKEN),
        settings=GraphSettings(base_url=url),
        sleep=lambda _s: None,
        page_id="page-1",
        app_secret=SecretStr(app_secret) if app_secret is not None else None,
    )


def _comment(post_id: str) -> Post:
    return Post(id=post_id, channel="facebook_comment", text="x", page_id="page-1")


def test_proof_is_hmac_sha256_of_the_token_keyed_with_the_secret() -> None:
    proof = appsecret_proof(APP_SECRET, TOKEN)
    assert len(proof) == 64 and int(proof, 16) >= 0
    assert proof != appsecret_proof(APP_SECRET, TOKEN + "x")
    assert proof != appsecret_proof(APP_SECRET + "x", TOKEN)
    assert TOKEN not in proof and APP_SECRET not in proof


def test_app_that_requires_the_proof_accepts_ours(
    serve: Callable[[WsgiApp], str], session: requests.Session
) -> None:
    emulator = GraphEmulator(token=TOKEN, app_secret=APP_SECRET)
    emulator.add_object("10_1")
    _platform(serve(emulator), session, APP_SECRET).delete(_comment("10_1"))
    assert emulator.deleted_ids() == {"10_1"}


@pytest.mark.parametrize("ours", [None, "another-apps-secret"])
def test_missing_or_wrong_proof_stops_the_run_without_leaking_secrets(
    serve: Callable[[WsgiApp], str], session: requests.Session, ours: str | None
) -> None:
    emulator = GraphEmulator(token=TOKEN, app_secret=APP_SECRET)
    emulator.add_object("10_1")
    with pytest.raises(AuthError) as caught:
        _platform(serve(emulator), session, ours).delete(_comment("10_1"))
    message = str(caught.value)
    assert "appsecret_proof" in message and "code 100" in message
    assert TOKEN not in message and APP_SECRET not in message
    assert emulator.deleted_ids() == frozenset()


def test_configured_app_secret_reaches_the_graph_adapter(
    tmp_path: Path, serve: Callable[[WsgiApp], str]
) -> None:
    emulator = GraphEmulator(token=TOKEN, app_secret=APP_SECRET)
    emulator.add_object("10_1")
    config = tmp_path / "sojournal.toml"
    config.write_text(
        "[case_system]\nendpoint = 'http://127.0.0.1:1/esdh'\n"
        f"[platform]\nkind = 'graph'\nbase_url = '{serve(emulator)}'\npage_id = 'page-1'\n",
        encoding="utf-8",
    )
    settings = load_settings(
        config,
        environ={"SOJOURNAL_GRAPH_TOKEN": TOKEN, "SOJOURNAL_WEBHOOK_APP_SECRET": APP_SECRET},
    )
    assert settings.platform.app_secret is not None
    assert APP_SECRET not in settings.model_dump_json()
    platform = build_platform(settings)
    assert platform is not None
    platform.delete(_comment("10_1"))
    assert emulator.deleted_ids() == {"10_1"}
