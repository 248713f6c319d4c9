"""The emulator answers like Meta, so the adapter is tested against the right shapes."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests

from sojournal.errors import ConfigError
from sojournal.testing.graph_emulator import GraphEmulator, GraphFaults, parse_graph_faults

from .helpers import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def error_of(response: requests.Response) -> dict[str, Any]:
    error: dict[str, Any] = response.json()["error"]
    return error


def test_meta_shaped_errors_and_usage_header(emulator: GraphEmulator, server: str) -> None:
    missing = requests.get(f"{server}/v21.0/nope", params={"fields": "id"}, headers=AUTH, timeout=5)
    assert missing.status_code == 400
    assert error_of(missing)["code"] == 100 and error_of(missing)["error_subcode"] == 33
    assert error_of(missing)["fbtrace_id"]
    assert "call_count" in missing.headers["X-App-Usage"]
    wrong = requests.delete(f"{server}/v21.0/x", headers={"Authorization": "Bearer no"}, timeout=5)
    assert error_of(wrong)["code"] == 190 and error_of(wrong)["type"] == "OAuthException"
    anonymous = requests.delete(f"{server}/v21.0/x", timeout=5)
    assert error_of(anonymous)["code"] == 104
    old_version = requests.get(f"{server}/v2.0/x", headers=AUTH, timeout=5)
    assert error_of(old_version)["code"] == 2500


def test_instagram_takes_hide_not_is_hidden(emulator: GraphEmulator, server: str) -> None:
    emulator.add_object("1789", platform="instagram")
    refused = requests.post(
        f"{server}/v21.0/1789", data={"is_hidden": "true"}, headers=AUTH, timeout=5
    )
    assert error_of(refused)["code"] == 100
    assert emulator.hidden_ids() == frozenset()


def test_deleted_comment_cannot_be_answered(emulator: GraphEmulator, server: str) -> None:
    emulator.add_object("1_2")
    requests.delete(f"{server}/v21.0/1_2", headers=AUTH, timeout=5)
    reply = requests.post(
        f"{server}/v21.0/1_2/comments", data={"message": "hej"}, headers=AUTH, timeout=5
    )
    assert error_of(reply)["error_subcode"] == 33
    assert emulator.replies() == []


def test_rate_limit_fault_carries_the_business_usage_header(serve: Any) -> None:
    emulator = GraphEmulator(token=TOKEN, faults=GraphFaults(rate_limit=1.0), regain_minutes=4)
    emulator.add_object("1_2")
    url = serve(emulator)
    answer = requests.delete(f"{url}/v21.0/1_2", headers=AUTH, timeout=5)
    assert error_of(answer)["code"] == 80001
    usage = json.loads(answer.headers["X-Business-Use-Case-Usage"])
    assert usage["page-1"][0]["estimated_time_to_regain_access"] == 4
    assert emulator.deleted_ids() == frozenset()


def test_lost_response_acts_then_drops(serve: Any) -> None:
    emulator = GraphEmulator(token=TOKEN, faults=GraphFaults(lost_response=1.0))
    emulator.add_object("1_2")
    url = serve(emulator)
    with pytest.raises(requests.ConnectionError):
        requests.delete(f"{url}/v21.0/1_2", headers=AUTH, timeout=5)
    assert emulator.deleted_ids() == {"1_2"}


def test_faults_are_reproducible_with_a_seed(serve: Any) -> None:
    def run() -> list[int]:
        emulator = GraphEmulator(token=TOKEN, faults=GraphFaults(transient=0.5, seed=11))
        emulator.add_object("1_2")
        url = serve(emulator)
        return [
            requests.get(f"{url}/v21.0/1_2", headers=AUTH, timeout=5).status_code for _ in range(12)
        ]

    first, second = run(), run()
    assert first == second
    assert 200 in first and any(code >= 500 for code in first)


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("transient", "expected key=value"),
        ("transient=", "expected key=value"),
        ("lost=abc", "must be a number"),
        ("seed=1.5", "must be an integer"),
        ("transient=0.1,transient=0.2", "given twice"),
        ("ratelimit=-0.1", "between 0 and 1"),
        ("latency=-1", "latency must be >= 0"),
        ("transient=0.7,ratelimit=0.5", "must not exceed 1"),
        ("wobble=1", "unknown key 'wobble'"),
    ],
)
def test_fault_spec_errors_say_what_is_wrong(spec: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        parse_graph_faults(spec)


def test_fault_spec_accepts_the_documented_form() -> None:
    faults = parse_graph_faults(" transient=0.3, lost=0.1,ratelimit=0.05 ,latency=0.01 ")
    assert faults == GraphFaults(transient=0.3, lost_response=0.1, rate_limit=0.05, latency=0.01)
