"""The nightly batch through real HTTP: SOAP to the case-system emulator, REST to the Graph one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sojournal.cli import main
from sojournal.testing.esdh_emulator import FaultSettings

from .conftest import Site, write_posts

POSTS = [
    {
        "id": "c-1",
        "channel": "facebook_comment",
        "text": "Jeg har søgt om boligstøtte i august og har ikke fået svar. "
        "Hvornår får jeg svar på min ansøgning?",
        "thread_id": "t-1",
    },
    {
        "id": "c-2",
        "channel": "facebook_comment",
        "text": "Hvornår har borgerservice åbent mellem jul og nytår?",
        "thread_id": "t-2",
    },
    {
        "id": "c-3",
        "channel": "facebook_comment",
        "text": "Skraldet er IGEN ikke hentet på min vej. "
        "Tredje gang på en måned, det er for dårligt.",
        "thread_id": "t-3",
    },
    {
        "id": "c-4",
        "channel": "facebook_comment",
        "text": "I er nogle inkompetente idioter allesammen, luk hele lortet ned",
        "thread_id": "t-4",
    },
    {
        "id": "m-5",
        "channel": "messenger",
        "text": "Hej, jeg har fået afslag på min ansøgning om tilskud til briller. "
        "Kan I se på det igen?",
        "thread_id": "t-5",
        "author_id": "psid-5",
    },
]


def _batch(site: Site, export: Path, *extra: str) -> int:
    return main(["batch", str(export), "--config", str(site.config), *extra])


def test_two_runs_file_each_post_exactly_once_even_with_faults(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.esdh.set_faults(FaultSettings(transient=0.3, lost_response=0.1, seed=11))
    export = write_posts(tmp_path / "export.jsonl", POSTS)

    first = _batch(site, export, "--report", str(tmp_path / "r1.json"))
    after_first = {d.idempotency_key for d in site.esdh.documents()}
    second = _batch(site, export, "--report", str(tmp_path / "r2.json"))
    documents = site.esdh.documents()

    assert first in (0, 1) and second == 0
    keys = [d.idempotency_key for d in documents]
    assert len(keys) == len(set(keys)), "a key was filed twice"
    assert {d.idempotency_key for d in documents} >= after_first
    report = json.loads((tmp_path / "r2.json").read_text())
    assert report["new_documents"] == []
    journalised = {o["post_id"] for o in report["outcomes"] if o["journalise"]}
    incoming_ids = {
        o["post_id"]
        for o in json.loads((tmp_path / "r1.json").read_text())["outcomes"]
        if o["document_id"]
    } | {o["post_id"] for o in report["outcomes"] if o["document_id"]}
    assert journalised <= incoming_ids
    assert "c-1" in journalised and "c-2" not in journalised


def test_scrubbing_waits_for_the_case_system(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_posts(tmp_path / "export.jsonl", POSTS[:1])
    site.esdh_server.stop()  # the case system is down
    try:
        assert _batch(site, export) == 1
        assert site.graph.deleted_ids() == frozenset() and site.graph.hidden_ids() == frozenset()
        assert site.graph.replies() == [] and site.graph.private_replies() == []
    finally:
        pass
    # it comes back on the same port: the next run files, then deletes, then replies
    from sojournal.testing.server import LocalServer

    with LocalServer(site.esdh, port=site.esdh_server.port):
        assert _batch(site, export) == 0
    assert site.esdh.count() == 1 + len(site.graph.private_replies())
    assert site.graph.deleted_ids() == {"c-1"}


def test_a_malformed_line_is_reported_and_the_rest_is_processed(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = tmp_path / "export.jsonl"
    good = json.dumps(POSTS[0], ensure_ascii=False)
    export.write_text(good + "\n{not json\n" + json.dumps(POSTS[2], ensure_ascii=False) + "\n")
    code = _batch(site, export)
    err = capsys.readouterr().err
    assert f"{export}:2:" in err
    assert code == 1
    assert site.esdh.count() >= 2


def test_missing_configuration_is_exit_2_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOJOURNAL_CONFIG", raising=False)
    export = write_posts(tmp_path / "e.jsonl", POSTS[:1])
    assert main(["batch", str(export)]) == 2
    err = capsys.readouterr().err
    assert "SOJOURNAL_CONFIG" in err and "Traceback" not in err


def test_a_post_in_both_a_jsonl_and_a_dyi_export_is_filed_once(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    created = 1_764_235_805  # 2025-11-27T09:30:05Z
    text = POSTS[0]["text"]
    assert isinstance(text, str)
    jsonl = write_posts(
        tmp_path / "graph.jsonl",
        [{**POSTS[0], "created": "2025-11-27T09:30:05+00:00"}],
    )
    mojibake = text.encode("utf-8").decode("latin-1")  # how DYI writes non-ASCII text
    comment = {"timestamp": created, "comment": mojibake, "author": "Mette"}
    dyi = tmp_path / "comments.json"
    dyi.write_text(
        json.dumps({"comments_v2": [{"timestamp": created, "data": [{"comment": comment}]}]}),
        encoding="utf-8",
    )

    assert _batch(site, jsonl) == 0
    filed = len(site.esdh.documents())  # the post and our reply to it
    assert _batch(site, dyi, "--report", str(tmp_path / "r.json")) == 0

    assert len(site.esdh.documents()) == filed
    report = json.loads((tmp_path / "r.json").read_text())
    assert report["duplicates"] == 1 and report["new_documents"] == []
    assert [o["state"] for o in report["outcomes"]] == ["skipped"]
    assert report["outcomes"][0]["post_id"].startswith("dyi-")
    assert "of which 1 read before from another source" in capsys.readouterr().out
