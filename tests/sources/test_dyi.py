"""DYI JSON exports: mojibake repaired exactly, deterministic ids, streamed with line numbers."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from sojournal.models import Post
from sojournal.platforms.sources import BadRecord, read
from sojournal.platforms.sources.dyi import read_dyi
from sojournal.platforms.sources.jsonstream import JsonStreamError, walk
from sojournal.platforms.sources.mojibake import repair

TEXTS = [
    "Hvorfor er der stadig ikke ryddet sne på Æblevej? Min mor på 87 kan ikke komme ud 😡",
    "Tak til hjemmeplejen i Østbyen – I gør et kæmpe arbejde ❤️🇩🇰",
    "Hvornår åbner genbrugspladsen på Ålandsvej efter ombygningen?",
    "Byrådet burde skamme sig over skolelukningerne. Stem dem ud!",
]


def as_dyi(value: object) -> str:
    """What Facebook writes: each UTF-8 byte as its own \\u00XX escape."""

    def garble(v: object) -> object:
        if isinstance(v, str):
            return v.encode("utf-8").decode("latin-1")
        if isinstance(v, list):
            return [garble(x) for x in v]
        if isinstance(v, dict):
            return {k: garble(x) for k, x in v.items()}
        return v

    return json.dumps(garble(value), indent=2)  # ensure_ascii: escapes, as DYI does


def comments_export(texts: list[str], authors: list[str]) -> dict[str, object]:
    return {
        "comments_v2": [
            {
                "timestamp": 1709626500 + i,
                "data": [{"comment": {"timestamp": 1709626500 + i, "comment": t, "author": a}}],
                "title": f"{a} kommenterede på Aarhus Kommunes opslag.",
            }
            for i, (t, a) in enumerate(zip(texts, authors, strict=True))
        ]
    }


def test_mojibake_is_repaired_exactly(tmp_path: Path) -> None:
    authors = ["Søren Ærø", "Åse Møller", "Bjørn Østergård", "Jens Hansen"]
    path = tmp_path / "comments.json"
    raw = as_dyi(comments_export(TEXTS, authors))
    assert "\\u00c3\\u00a6" in raw  # really mojibake on disk
    path.write_text(raw, encoding="ascii")
    posts = list(read_dyi(path))
    assert all(isinstance(p, Post) for p in posts)
    assert [p.text for p in posts if isinstance(p, Post)] == TEXTS
    assert [p.author for p in posts if isinstance(p, Post)] == authors
    first = posts[0]
    assert isinstance(first, Post)
    assert first.channel == "facebook_comment" and first.id.startswith("dyi-")
    assert first.created is not None and first.created.timestamp() == 1709626500


def test_repair_keeps_text_that_was_never_broken() -> None:
    assert repair("Blåbærgrød på Ærø") == "Blåbærgrød på Ærø"
    assert repair("plain ascii") == "plain ascii"
    # Latin-1 code points that are not UTF-8 bytes stay as they are.
    assert repair("Ã and nothing after") == "Ã and nothing after"


def test_ids_are_deterministic_so_a_reread_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "comments.json"
    path.write_text(as_dyi(comments_export(TEXTS[:2], ["A", "B"])), encoding="ascii")
    first = [p.idempotency_key for p in read(path) if isinstance(p, Post)]
    again = [p.idempotency_key for p in read(path) if isinstance(p, Post)]
    assert first == again and len(set(first)) == 2


def test_posts_array_and_messages_shapes(tmp_path: Path) -> None:
    posts_file = tmp_path / "your_posts_1.json"
    posts_file.write_text(
        as_dyi(
            [
                {
                    "timestamp": 1709626500,
                    "data": [{"post": "Vejarbejde på Søndergade fra mandag"}],
                    "attachments": [{"data": [{"media": {"uri": "photos/vej.jpg"}}]}],
                }
            ]
        )
    )
    messages_file = tmp_path / "message_1.json"
    messages_file.write_text(
        as_dyi(
            {
                "participants": [{"name": "Lærke Sørensen"}, {"name": "Aarhus Kommune"}],
                "messages": [
                    {
                        "sender_name": "Lærke Sørensen",
                        "timestamp_ms": 1709626500123,
                        "content": "Må jeg søge om friplads?",
                    },
                    {
                        "sender_name": "Lærke Sørensen",
                        "timestamp_ms": 1709626501000,
                        "photos": [{"uri": "photos/ansøgning.jpg"}],
                    },
                    {"sender_name": "Lærke Sørensen", "timestamp_ms": 1709626502000},
                ],
                "title": "Lærke Sørensen",
                "thread_path": "inbox/laerke_123",
            }
        )
    )
    (post,) = list(read(posts_file))
    assert isinstance(post, Post) and post.channel == "facebook_post"
    assert post.text == "Vejarbejde på Søndergade fra mandag"
    assert post.attachments[0].url == "photos/vej.jpg"
    messages = list(read(messages_file))
    assert len(messages) == 2  # the empty one (a call, an unsent message) is skipped
    text_msg, photo_msg = messages
    assert isinstance(text_msg, Post) and isinstance(photo_msg, Post)
    assert text_msg.channel == "messenger" and text_msg.author == "Lærke Sørensen"
    assert photo_msg.text == "" and photo_msg.attachments[0].url == "photos/ansøgning.jpg"
    assert text_msg.thread_id == photo_msg.thread_id and text_msg.thread_id is not None


def test_bad_records_report_the_line_of_the_element(tmp_path: Path) -> None:
    export = comments_export(TEXTS[:3], ["A", "B", "C"])
    records = export["comments_v2"]
    assert isinstance(records, list)
    del records[1]["timestamp"]
    del records[1]["data"][0]["comment"]["timestamp"]
    path = tmp_path / "comments.json"
    path.write_text(as_dyi(export))
    results = list(read(path))
    assert [type(r).__name__ for r in results] == ["Post", "BadRecord", "Post"]
    bad = results[1]
    assert isinstance(bad, BadRecord) and bad.field == "timestamp"
    lines = path.read_text().splitlines()
    assert bad.line is not None and lines[bad.line - 1].strip() == "{"
    assert '"data"' in lines[bad.line]  # the element starts at the reported line
    assert "B" not in str(bad)
    assert bad.raw is not None and '"author": "B"' in bad.raw  # repaired, for the quarantine


def test_truncated_document_reports_where_it_broke(tmp_path: Path) -> None:
    path = tmp_path / "comments.json"
    text = as_dyi(comments_export(TEXTS, ["A", "B", "C", "D"]))
    path.write_text(text[: int(len(text) * 0.7)])
    results = list(read(path, "dyi"))
    assert isinstance(results[-1], BadRecord)
    assert "rest of file skipped" in results[-1].reason
    assert all(isinstance(r, Post) for r in results[:-1]) and len(results) >= 2


@pytest.mark.parametrize("chunk_size", [1, 2, 7, 64, 4096])
def test_walker_matches_json_loads_for_any_chunking(chunk_size: int) -> None:
    rng = random.Random(chunk_size)
    items = [
        {"t": rng.randint(0, 10**15), "s": 'ø"\\\n' * rng.randint(0, 5), "x": [1.5, None, True]}
        for _ in range(30)
    ]
    doc = json.dumps({"comments_v2": items, "title": "Æ", "n": 1234567890123})
    elements = list(walk(io.StringIO(doc), chunk_size=chunk_size))
    assert [e.value for e in elements if e.item] == items
    assert {e.key: e.value for e in elements if not e.item} == {"title": "Æ", "n": 1234567890123}


@pytest.mark.parametrize("doc", ['[{"a": 1} {"a": 2}]', '{"x": [1]} extra', "[1, 2,]", "{1: 2}"])
def test_walker_rejects_invalid_json(doc: str) -> None:
    with pytest.raises(JsonStreamError):
        list(walk(io.StringIO(doc), chunk_size=3))


def test_walker_keeps_memory_bounded_by_one_element() -> None:
    class CountingReader(io.StringIO):
        biggest = 0

        def read(self, size: int | None = -1) -> str:
            data = super().read(size)
            self.biggest = max(self.biggest, len(data))
            return data

    doc = json.dumps([{"comment": "x" * 100, "i": i} for i in range(5_000)])
    f = CountingReader(doc)
    assert sum(1 for _ in walk(f, chunk_size=4096)) == 5_000
    assert f.biggest <= 8192  # never reads the 600 kB document in one go
