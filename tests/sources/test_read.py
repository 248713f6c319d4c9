"""The front door: format detection, several files, run_read's output, exit code and quarantine."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from sojournal.errors import ConfigError, InputError
from sojournal.models import Attachment, Post
from sojournal.platforms.sources import (
    BadRecord,
    Quarantine,
    detect_format,
    post_to_json,
    read,
    run_read,
)
from sojournal.platforms.sources.jsonl import read_jsonl

HEADER = "comment_id,status_id,parent_id,comment_message,comment_author,comment_published\n"
DELIVERY = {
    "object": "page",
    "entry": [
        {
            "id": "101",
            "time": 1709626500,
            "changes": [
                {
                    "field": "feed",
                    "value": {
                        "item": "comment",
                        "verb": "add",
                        "comment_id": "55_66",
                        "post_id": "101_55",
                        "parent_id": "101_55",
                        "message": "Hvornår kommer skraldebilen?",
                        "from": {"id": "900", "name": "Mette Hansen"},
                        "created_time": 1709626500,
                    },
                }
            ],
        }
    ],
}


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    made = {
        "jsonl": tmp_path / "posts.json",  # JSONL content behind a .json name
        "dyi": tmp_path / "comments",
        "csv": tmp_path / "export.txt",
        "webhook": tmp_path / "delivery.json",
        "webhook_lines": tmp_path / "deliveries.log",
    }
    made["jsonl"].write_text('{"id": "1", "channel": "messenger", "text": "Hej"}\n')
    made["dyi"].write_text('{\n  "comments_v2": [\n  ]\n}\n')
    made["csv"].write_text(HEADER + "1_2,1,,Hej,Bo,2024-01-01 10:00:00\n")
    made["webhook"].write_text(json.dumps(DELIVERY, indent=2))
    made["webhook_lines"].write_text(json.dumps(DELIVERY) + "\n" + json.dumps(DELIVERY) + "\n")
    return made


def test_detect_format_sniffs_content(files: dict[str, Path], tmp_path: Path) -> None:
    assert detect_format(files["jsonl"]) == "jsonl"
    assert detect_format(files["dyi"]) == "dyi"
    assert detect_format(files["csv"]) == "csv"
    assert detect_format(files["webhook"]) == "webhook"
    assert detect_format(files["webhook_lines"]) == "webhook"
    (tmp_path / "minified").write_text('{"comments_v2": []}')
    assert detect_format(tmp_path / "minified") == "dyi"
    (tmp_path / "bad-first-line").write_text('{"id": "1", "chan\n{"id": "2"}\n')
    assert detect_format(tmp_path / "bad-first-line") == "jsonl"
    assert detect_format(tmp_path / "x.csv") == "csv"  # extension wins, file need not exist
    (tmp_path / "?").write_text("Kære kommune, jeg har et spørgsmål\n")
    with pytest.raises(InputError):
        detect_format(tmp_path / "?")


def test_read_several_files_in_order_with_auto_detection(files: dict[str, Path]) -> None:
    results = list(read([files["jsonl"], files["csv"], files["webhook"], files["webhook_lines"]]))
    assert [(r.channel, r.id) for r in results if isinstance(r, Post)] == [
        ("messenger", "1"),
        ("facebook_comment", "1_2"),
        ("facebook_comment", "55_66"),
        ("facebook_comment", "55_66"),
        ("facebook_comment", "55_66"),
    ]
    # The same comment from a capture and a line log: one idempotency key.
    assert len({r.idempotency_key for r in results[2:] if isinstance(r, Post)}) == 1


def test_missing_and_unrecognised_files_are_bad_records(tmp_path: Path) -> None:
    (tmp_path / "noter.txt").write_text("bare tekst\n")
    missing, unknown = list(read([tmp_path / "nope.jsonl", tmp_path / "noter.txt"]))
    assert isinstance(missing, BadRecord) and missing.line is None
    assert str(missing).endswith("cannot read: No such file or directory")
    assert isinstance(unknown, BadRecord) and "--format" in unknown.reason
    with pytest.raises(ConfigError):
        list(read([tmp_path / "noter.txt"], "xml"))


def test_post_to_json_round_trips_through_the_jsonl_reader(tmp_path: Path) -> None:
    post = Post(
        id="101_55",
        channel="facebook_post",
        text="Byrådet har vedtaget budgettet for 2025 🎉",
        kind="status",
        post_id="101_55",
        thread_id="101_55",
        page_id="101",
        author="Aarhus Kommune",
        author_id="101",
        created="2024-03-05T08:15:00+00:00",
        attachments=(Attachment(kind="photo", url="https://example.org/b.jpg"),),
        from_page=True,
        verb="edited",
    )
    shape = post_to_json(post)
    assert shape["platform"] == "facebook" and shape["created"] == "2024-03-05T08:15:00+00:00"
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(shape, ensure_ascii=False) + "\n", encoding="utf-8")
    (again,) = list(read_jsonl(path))
    assert again == post


def test_run_read_output_exit_code_and_quarantine(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text(
        '{"id": "1", "channel": "messenger", "text": "Min søn har fået afslag på SFO"}\n'
        '{"id": "2", "channel": "messenger", "text": "Jens Jensen 010203-1234\n'
        '{"id": "3", "channel": "messenger", "text": "Tak"}\n',
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    quarantine_path = tmp_path / "posts.quarantine"
    with Quarantine(quarantine_path) as quarantine:
        code = run_read([path], "auto", out, err, quarantine)
    assert code == 1
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["1", "3"]
    assert lines[0]["text"] == "Min søn har fået afslag på SFO"
    assert err.getvalue().startswith(f"{path}:2: not valid JSON")
    assert "Jens" not in err.getvalue() and "010203" not in err.getvalue()
    kept = quarantine_path.read_text(encoding="utf-8").splitlines()
    assert kept[0] == err.getvalue().strip()
    assert kept[1] == '> {"id": "2", "channel": "messenger", "text": "Jens Jensen 010203-1234'
    assert stat.S_IMODE(os.stat(quarantine_path).st_mode) == 0o600


def test_run_read_exit_zero_and_no_quarantine_file_when_clean(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text('{"id": "1", "channel": "instagram_comment", "text": "Flot!"}\n')
    out, err = io.StringIO(), io.StringIO()
    with Quarantine(tmp_path / "q") as quarantine:
        assert run_read([path], "jsonl", out, err, quarantine) == 0
    assert err.getvalue() == "" and not (tmp_path / "q").exists()
    assert json.loads(out.getvalue())["platform"] == "instagram"


def test_example_exports_read_cleanly() -> None:
    exports = Path(__file__).parents[2] / "examples" / "exports"
    csv_posts = list(read(exports / "kommentarer.csv"))
    dyi_posts = list(read(exports / "comments.json"))
    assert len(csv_posts) == 10 and len(dyi_posts) == 5
    assert all(isinstance(p, Post) for p in csv_posts + dyi_posts)
    assert any("\n" in p.text for p in csv_posts if isinstance(p, Post))
    assert any("Æblehaven" in p.text for p in dyi_posts if isinstance(p, Post))
