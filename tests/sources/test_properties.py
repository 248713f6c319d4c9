"""Properties: what the readers promise for any input, not just the examples."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from sojournal.models import Attachment, Post
from sojournal.platforms.sources import post_to_json
from sojournal.platforms.sources.jsonl import read_jsonl_stream
from sojournal.platforms.sources.jsonstream import walk
from sojournal.platforms.sources.mojibake import repair

text = st.text(st.characters(exclude_categories=["Cs"]), max_size=80)
ids = st.text("0123456789_abc", min_size=1, max_size=30)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)

posts = st.builds(
    Post,
    id=ids,
    channel=st.sampled_from(
        ["facebook_post", "facebook_comment", "messenger", "instagram_comment"]
    ),
    text=text,
    kind=st.none() | st.sampled_from(["comment", "status", "message"]),
    post_id=st.none() | ids,
    parent_id=st.none() | ids,
    thread_id=st.none() | ids,
    author=st.none() | text,
    created=st.none()
    | st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda d: d.replace(tzinfo=UTC)
    ),
    attachments=st.lists(st.builds(Attachment, url=st.none() | text), max_size=2).map(tuple),
    from_page=st.booleans(),
    verb=st.sampled_from(["add", "edited", "remove", "hide", "unhide"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(posts, max_size=5))
def test_read_output_reads_back_to_the_same_posts(originals: list[Post]) -> None:
    data = "".join(json.dumps(post_to_json(p), ensure_ascii=False) + "\n" for p in originals)
    again = list(read_jsonl_stream(io.BytesIO(data.encode("utf-8")), "x.jsonl"))
    assert again == originals
    assert [p.idempotency_key for p in again if isinstance(p, Post)] == [
        p.idempotency_key for p in originals
    ]


@settings(max_examples=200, deadline=None)
@given(text)
def test_mojibake_repair_inverts_dyi_encoding(original: str) -> None:
    assert repair(original.encode("utf-8").decode("latin-1")) == original


@settings(max_examples=150, deadline=None)
@given(st.lists(json_values, max_size=8), st.integers(1, 40), st.booleans())
def test_walker_agrees_with_json_loads(items: list[object], chunk: int, pretty: bool) -> None:
    doc = json.dumps({"comments_v2": items}, indent=2 if pretty else None)
    assert [e.value for e in walk(io.StringIO(doc), chunk_size=chunk)] == items
