"""Signed webhook deliveries over HTTP, followed through the ledger to the case system and back."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sojournal.config import load_settings
from sojournal.factory import build_journaliser
from sojournal.ledger import SqliteLedger, State
from sojournal.live import Processor, webhook_app
from sojournal.platforms.webhook import WebhookApp, sign
from sojournal.testing.server import LocalServer

from .conftest import PAGE, Site

SECRET = b"app-secret-for-tests"
VERIFY = "verify-me"


def _delivery(comment_id: str, text: str) -> bytes:
    payload = {
        "object": "page",
        "entry": [
            {
                "id": PAGE,
                "time": 1764230400,
                "changes": [
                    {
                        "field": "feed",
                        "value": {
                            "item": "comment",
                            "verb": "add",
                            "comment_id": comment_id,
                            "post_id": f"{PAGE}_42",
                            "parent_id": f"{PAGE}_42",
                            "from": {"id": "u-77", "name": "Borger"},
                            "message": text,
                            "created_time": 1764230400,
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(payload, ensure_ascii=False).encode()


@pytest.fixture
def receiver(site: Site) -> Iterator[tuple[str, SqliteLedger, Processor, WebhookApp]]:
    journaliser = build_journaliser(load_settings(site.config))
    app, processor = webhook_app(journaliser, SECRET, VERIFY)
    processor.start()
    with LocalServer(app) as server:
        assert isinstance(journaliser.ledger, SqliteLedger)
        yield server.url, journaliser.ledger, processor, app
    processor.stop()


def _wait_for(ledger: SqliteLedger, state: State, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = ledger.counts()
        if counts.get(state.value, 0) and set(counts) <= {State.DONE.value, State.SKIPPED.value}:
            return
        time.sleep(0.05)
    raise AssertionError(f"ledger never settled: {ledger.counts()}")


def test_signed_delivery_is_filed_then_deleted(
    site: Site, receiver: tuple[str, SqliteLedger, Processor, WebhookApp]
) -> None:
    url, ledger, _, _ = receiver
    body = _delivery(
        f"{PAGE}_42_1", "Jeg har søgt om hjemmehjælp til min mor og venter stadig på svar."
    )
    answer = requests.post(
        url + "/", data=body, headers={"X-Hub-Signature-256": sign(SECRET, body)}, timeout=5
    )
    assert answer.status_code == 200
    _wait_for(ledger, State.DONE)
    assert site.esdh.count() >= 1
    assert f"{PAGE}_42_1" in site.graph.deleted_ids()


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, "sha1=abc"])
def test_forged_or_missing_signature_is_refused_and_nothing_stored(
    site: Site,
    receiver: tuple[str, SqliteLedger, Processor, WebhookApp],
    signature: str | None,
) -> None:
    url, ledger, _, _ = receiver
    body = _delivery(f"{PAGE}_42_2", "Jeg vil klage over min sag")
    headers = {"X-Hub-Signature-256": signature} if signature else {}
    answer = requests.post(url + "/", data=body, headers=headers, timeout=5)
    assert answer.status_code == 403
    assert ledger.counts() == {}
    assert site.esdh.count() == 0


def test_subscription_check(receiver: tuple[str, SqliteLedger, Processor, WebhookApp]) -> None:
    url = receiver[0]
    ok = requests.get(
        url + "/",
        params={"hub.mode": "subscribe", "hub.verify_token": VERIFY, "hub.challenge": "1158201444"},
        timeout=5,
    )
    bad = requests.get(
        url + "/",
        params={"hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1"},
        timeout=5,
    )
    assert (ok.status_code, ok.text) == (200, "1158201444")
    assert bad.status_code == 403


def test_ledger_path_is_the_configured_one(site: Site) -> None:
    assert load_settings(site.config).ledger.path == Path(site.workdir) / "ledger.sqlite"
