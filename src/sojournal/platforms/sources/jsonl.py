"""JSONL exports: one post per line in the shape ``sojournal decide`` reads.

Read line by line from a binary file, so memory stays flat however long the
export is. Keys that are not ``Post`` fields (``expected``, ``note`` in a
labelled corpus, ``platform`` which follows from ``channel``) are ignored;
a line whose ``platform`` contradicts its ``channel`` is bad, because one of
the two is wrong and guessing which would file the post on the wrong channel.

>>> import io
>>> lines = io.BytesIO(b'{"id": "1", "channel": "messenger", "text": "Hej"}\\n\\n{"id": 2}\\n')
>>> [str(r) if isinstance(r, BadRecord) else r.id for r in read_jsonl_stream(lines, "x.jsonl")]
['1', 'x.jsonl:3: channel: Field required']
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import IO, Any

from sojournal.models import Post
from sojournal.platforms.sources.records import (
    BadRecord,
    ReadResult,
    decode_line,
    iter_lines,
    post_or_bad,
)

__all__ = ["post_fields", "read_jsonl", "read_jsonl_stream"]

_POST_FIELDS = frozenset(Post.model_fields)
_ID_FIELDS = frozenset(
    {"id", "post_id", "parent_id", "thread_id", "page_id", "author_id", "version"}
)
_PLATFORM_CHANNEL = {"messenger": "messenger", "instagram": "instagram_comment"}


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[ReadResult]:
    name = os.fspath(path)
    with open(path, "rb") as f:
        yield from read_jsonl_stream(f, name)


def read_jsonl_stream(f: IO[bytes], name: str) -> Iterator[ReadResult]:
    for number, raw in iter_lines(f):
        if raw is None:
            yield BadRecord(name, number, "line too long")
            continue
        if not raw.strip():
            continue
        try:
            text = decode_line(raw, number)
        except UnicodeDecodeError:
            yield BadRecord(name, number, "not valid UTF-8", raw=raw.decode("utf-8", "replace"))
            continue
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield BadRecord(
                name, number, f"not valid JSON: {exc.msg} (column {exc.colno})", raw=text
            )
            continue
        if not isinstance(obj, dict):
            yield BadRecord(name, number, "not a JSON object", raw=text)
            continue
        fields, bad_field = post_fields(obj)
        if bad_field:
            yield BadRecord(name, number, "does not match channel", field=bad_field, raw=text)
            continue
        yield post_or_bad(fields, name, number, raw=text)


def post_fields(obj: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """The ``Post`` fields of a decoded line, and the name of a contradictory field, if any.

    Numeric ids are accepted as strings (some tools write Graph ids as numbers);
    a missing ``channel`` is inferred from ``platform`` and ``kind`` when possible.

    >>> post_fields({"id": 12, "platform": "facebook", "kind": "comment", "note": "x"})
    ({'id': '12', 'kind': 'comment', 'channel': 'facebook_comment'}, '')
    >>> post_fields({"id": "1", "channel": "messenger", "platform": "facebook"})[1]
    'platform'
    """
    keys = obj.keys()
    # The common case (a line we wrote ourselves) needs no copy; ``obj`` is ours to change.
    fields = obj if keys <= _POST_FIELDS else {k: v for k, v in obj.items() if k in _POST_FIELDS}
    for key in _ID_FIELDS.intersection(keys):
        value = fields.get(key)
        if type(value) is int:
            fields[key] = str(value)
    platform = obj.get("platform")
    channel = fields.get("channel")
    if platform is not None and channel is None:
        inferred = _PLATFORM_CHANNEL.get(str(platform))
        if platform == "facebook":
            inferred = "facebook_comment" if obj.get("kind") in ("comment", "reply") else None
            inferred = inferred or "facebook_post"
        if inferred:
            fields["channel"] = inferred
    elif platform is not None and isinstance(channel, str):
        expected = {"facebook_post": "facebook", "facebook_comment": "facebook"}.get(
            channel, "instagram" if channel == "instagram_comment" else channel
        )
        if platform != expected:
            return fields, "platform"
    return fields, ""
