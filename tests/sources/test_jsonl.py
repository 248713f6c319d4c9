"""JSONL exports: good lines become posts, bad lines become PATH:LINE reports, the rest goes on."""

from __future__ import annotations

import json
from pathlib import Path

from sojournal.models import Post
from sojournal.platforms.sources import BadRecord, read
from sojournal.platforms.sources.jsonl import read_jsonl

SECRET_TEXT = "Mit CPR-nummer er 010203-1234 og jeg hedder Jens Jensen"


def write(tmp_path: Path, lines: list[str], name: str = "posts.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_good_and_bad_lines_are_reported_by_line_and_the_rest_is_read(tmp_path: Path) -> None:
    good = {"id": "c1", "channel": "facebook_comment", "text": "Hvornår åbner svømmehallen igen?"}
    path = write(
        tmp_path,
        [
            json.dumps(good, ensure_ascii=False),
            "",
            '{"id": "c2", "channel": "messenger", "text": "' + SECRET_TEXT,  # truncated JSON
            json.dumps({"id": "c3", "channel": "twitter", "text": SECRET_TEXT}),
            json.dumps({"channel": "messenger", "text": SECRET_TEXT}),
            "[1, 2]",
            json.dumps({"id": "c4", "channel": "messenger", "text": "Tak for hjælpen 😊"}),
        ],
    )
    results = list(read_jsonl(path))
    posts = [r for r in results if isinstance(r, Post)]
    bad = [r for r in results if isinstance(r, BadRecord)]
    assert [p.id for p in posts] == ["c1", "c4"]
    assert posts[0].text == good["text"]
    assert posts[1].text == "Tak for hjælpen 😊"
    assert [(b.line, b.field) for b in bad] == [(3, ""), (4, "channel"), (5, "id"), (6, "")]
    assert str(bad[0]).startswith(f"{path}:3: not valid JSON")
    assert str(bad[1]).startswith(f"{path}:4: channel: Input should be")
    assert str(bad[2]) == f"{path}:5: id: Field required"
    for b in bad:
        assert "010203" not in str(b) and "Jens" not in str(b)
        assert "Jens" not in repr(b)
    # The raw line is kept for the quarantine file only.
    assert bad[1].raw is not None and "Jens" in bad[1].raw


def test_extra_keys_platform_and_numeric_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        [
            json.dumps(
                {
                    "id": 1234567890,
                    "platform": "facebook",
                    "kind": "comment",
                    "text": "Hvem skal jeg ringe til om min boligstøtte?",
                    "post_id": 99,
                    "created": "2024-03-05T08:15:00+01:00",
                    "expected": {"category": "case"},
                    "note": "labelled corpus extras are ignored",
                }
            ),
            json.dumps({"id": "x", "channel": "messenger", "platform": "facebook"}),
        ],
    )
    first, second = list(read(path))
    assert isinstance(first, Post)
    assert (first.id, first.channel, first.post_id) == ("1234567890", "facebook_comment", "99")
    assert first.created is not None and first.created.utcoffset() is not None
    assert isinstance(second, BadRecord) and second.field == "platform" and second.line == 2


def test_invalid_utf8_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    line1 = '\ufeff{"id": "a", "channel": "messenger", "text": "Kære kommune"}\n'
    path.write_bytes(line1.encode("utf-8") + b'{"id": "b", "text": "\xff\xfe"}\n')
    first, second = list(read(path))
    assert isinstance(first, Post) and first.text == "Kære kommune"
    assert isinstance(second, BadRecord) and second.reason == "not valid UTF-8"


def test_dev_corpus_reads_without_bad_records() -> None:
    corpus = Path(__file__).parents[1] / "data" / "dev.jsonl"
    results = list(read(corpus))
    assert results and all(isinstance(r, Post) for r in results)
