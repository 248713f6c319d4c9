"""The command-line contract other tools rely on (DESIGN.md, "Command-line contract")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sojournal.cli import main
from sojournal.ledger import SqliteLedger, State
from sojournal.models import Decision, Post, Reason

DEV = Path(__file__).parents[1] / "data" / "dev.jsonl"
CONTRACT_KEYS = {
    "id", "category", "journalise", "remove", "reply", "escalate", "sensitive", "review",
    "confidence", "pii", "reasons", "policy_version",
}  # fmt: skip
LABEL_KINDS = {"cpr", "phone", "email", "address", "health", "social", "criminal", "child"}


def test_decide_prints_one_contract_line_per_input_line_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["decide", str(DEV)]) == 0
    lines = capsys.readouterr().out.splitlines()
    inputs = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(inputs)
    for raw, source in zip(lines, inputs, strict=True):
        out = json.loads(raw)
        assert set(out) == CONTRACT_KEYS
        assert out["id"] == source["id"]
        assert out["category"] in {"case", "complaint", "general", "political", "offensive"}
        assert out["journalise"] == (out["category"] in {"case", "complaint"}) or out["review"]
        assert out["remove"] in {"delete", "hide", None}
        assert out["reply"] in {"redirect", "answer", "none"}
        assert out["escalate"] in {"politik-og-organisation", None}
        assert 0.0 <= out["confidence"] <= 1.0
        for span in out["pii"]:
            assert span["kind"] in LABEL_KINDS
            assert 0 <= span["start"] < span["end"] <= len(source["text"])
        assert out["reasons"] and all({"rule", "text"} <= set(r) for r in out["reasons"])
        if source["channel"] == "messenger":
            assert out["remove"] is None


def test_decide_reports_bad_lines_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"id": "a", "channel": "messenger", "text": "Hej"}\n'
        "{broken\n"
        '{"id": "b", "channel": "nowhere", "text": "Hej"}\n'
        '{"id": "c", "channel": "facebook_comment", "text": "Hvornår åbner biblioteket?"}\n',
        encoding="utf-8",
    )
    assert main(["decide", str(path)]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["id"] for line in captured.out.splitlines()] == ["a", "c"]
    assert f"{path}:2: not valid JSON" in captured.err
    assert f"{path}:3: channel:" in captured.err


def test_explain_names_the_rules(capsys: pytest.CaptureFixture[str]) -> None:
    text = "Jeg har søgt om boligstøtte og har ikke fået svar på min ansøgning"
    assert main(["explain", text]) == 0
    out = capsys.readouterr().out
    assert "case" in out and "journalise" in out.lower()


def test_eval_json_has_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DEV), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    text = json.dumps(report)
    assert "journalise" in text and "review" in text


def test_bad_fault_spec_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["emulate", "esdh", "--faults", "transient=7"]) == 2
    err = capsys.readouterr().err
    assert "transient" in err and "Traceback" not in err


def _config(tmp_path: Path) -> Path:
    config = tmp_path / "sojournal.toml"
    config.write_text(
        '[ledger]\npath = "ledger.sqlite"\n[case_system]\nendpoint = "http://127.0.0.1:9/"\n',
        encoding="utf-8",
    )
    return config


def test_review_lists_redacted_and_records_who_decided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path)
    ledger = SqliteLedger(tmp_path / "ledger.sqlite")
    post = Post(id="p-9", channel="facebook_comment", text="Mit cpr er 010190-1234, hjælp")
    key = ledger.record_received(post).idempotency_key
    unsure = Decision(
        category="general",
        journalise=True,
        review=True,
        confidence=0.4,
        reasons=(Reason(rule="x.weak", text="weak"),),
        policy_version="t",
    )
    ledger.advance(key, State.DECIDED, decision=unsure)
    ledger.advance(key, State.REVIEW)

    assert main(["review", "--config", str(config)]) == 0
    listing = capsys.readouterr().out
    assert key in listing and "010190-1234" not in listing
    assert main(["review", "--config", str(config), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert (listed["category"], listed["journalise"]) == ("general", True)

    assert (
        main(["review", "--config", str(config), "decide", key, "--journalise", "--by", "jh42"])
        == 0
    )
    entry = ledger.get(key)
    assert entry is not None and entry.state is State.DECIDED
    assert entry.decision is not None and entry.decision.journalise and not entry.decision.review
    assert entry.decision.reasons[-1].rule == "review.manual"
    assert "jh42" in entry.decision.reasons[-1].text

    capsys.readouterr()
    assert main(["audit", "--config", str(config), "p-9"]) == 0
    history = capsys.readouterr().out
    assert "review" in history and "jh42" in history
    assert main(["audit", "--config", str(config), "--verify"]) == 0


@pytest.mark.parametrize(("choice", "expected"), [(None, "delete"), ("none", None)])
def test_review_lets_a_person_keep_or_drop_a_proposed_deletion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], choice: str | None, expected: str | None
) -> None:
    config = _config(tmp_path)
    ledger = SqliteLedger(tmp_path / "ledger.sqlite")
    post = Post(id="p-10", channel="facebook_comment", text="Mine forældre bor der begge")
    key = ledger.record_received(post).idempotency_key
    proposed = Decision(
        category="complaint",
        journalise=True,
        remove="delete",
        review=True,
        confidence=0.5,
        reasons=(Reason(rule="model.delete-likely", text="likely"),),
        policy_version="t",
    )
    ledger.advance(key, State.DECIDED, decision=proposed)
    ledger.advance(key, State.REVIEW)
    assert main(["review", "--config", str(config)]) == 0
    assert "journalise=True  remove=delete" in capsys.readouterr().out

    extra = [] if choice is None else ["--remove", choice]
    args = ["review", "--config", str(config), "decide", key, "--journalise", *extra, "--by", "rm"]
    assert main(args) == 0
    entry = ledger.get(key)
    assert entry is not None and entry.decision is not None
    assert entry.decision.remove == expected and not entry.decision.review
    assert f"remove={expected}" in capsys.readouterr().out


def test_review_decide_of_an_unknown_key_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _config(tmp_path)
    code = main(
        ["review", "--config", str(config), "decide", "nope", "--no-journalise", "--by", "x"]
    )
    assert code == 1
    assert "waiting for review" in capsys.readouterr().err
