"""Facebook "Download Your Information" (DYI) JSON exports, streamed.

Shapes we read (all text is mojibake, repaired by ``mojibake.repair``):

- comments — ``{"comments_v2": [{"timestamp": 1700000000, "title": "...",
  "data": [{"comment": {"timestamp": ..., "comment": "text", "author": "Name"}}],
  "attachments": [{"data": [{"media": {"uri": "..."}}]}]}]}`` (older exports say
  ``"comments"``);
- posts — a top-level array ``[{"timestamp": ..., "data": [{"post": "text"}],
  "attachments": [...]}]``, or the same list under ``wall_posts_sent_to_you_v2``;
- messages — ``{"participants": [{"name": ...}], "messages": [{"sender_name": ...,
  "timestamp_ms": ..., "content": "text", "photos": [{"uri": ...}]}]}``.

DYI has no stable ids, so each record gets ``"dyi-" + sha256(channel, timestamp,
author, text)``: reading the same export twice gives the same ids, and so the
same idempotency keys. Records are streamed with ``jsonstream.walk``; the line
reported for a bad record is the line where its element starts. A document that
stops being valid JSON yields one ``BadRecord`` at that line, and reading the
file stops there (a JSON document cannot be resynchronised safely).

Messages with neither text nor attachments (calls, unsent messages) are skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from typing import IO, Any

from sojournal.models import DERIVED_ID_PREFIX, Attachment, Channel
from sojournal.platforms.sources.jsonstream import Element, JsonStreamError, walk
from sojournal.platforms.sources.mojibake import repair, repair_all
from sojournal.platforms.sources.records import BadRecord, ReadResult, from_unix, post_or_bad

__all__ = ["DYI_KEYS", "dyi_id", "read_dyi", "read_dyi_stream"]

#: Top-level keys whose arrays hold records, and the channel of those records.
DYI_KEYS: dict[str, Channel] = {
    "comments_v2": "facebook_comment",
    "comments": "facebook_comment",
    "wall_posts_sent_to_you_v2": "facebook_post",
    "wall_posts_sent_to_you": "facebook_post",
    "posts": "facebook_post",
    "messages": "messenger",
}


def dyi_id(channel: str, timestamp: Any, author: str | None, text: str) -> str:
    """A deterministic id for a record that has none.

    >>> dyi_id("facebook_comment", 1700000000, "Mette", "Hej") == dyi_id(
    ...     "facebook_comment", 1700000000, "Mette", "Hej")
    True
    >>> dyi_id("facebook_comment", 1700000000, "Mette", "Hej")[:4]
    'dyi-'
    """
    raw = "\x1f".join([channel, str(timestamp), author or "", text])
    return DERIVED_ID_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_dyi(path: str | os.PathLike[str]) -> Iterator[ReadResult]:
    name = os.fspath(path)
    with open(path, encoding="utf-8-sig") as f:
        yield from read_dyi_stream(f, name)


def read_dyi_stream(f: IO[str], name: str) -> Iterator[ReadResult]:
    thread: str | None = None
    participants: list[str] = []
    try:
        for element in walk(f):
            if element.key == "participants" and element.item:
                if isinstance(element.value, dict):
                    participants.append(repair(str(element.value.get("name", ""))))
                thread = (
                    "dyi-thread-"
                    + hashlib.sha256(
                        "\x1f".join(sorted(participants)).encode("utf-8", "surrogatepass")
                    ).hexdigest()[:24]
                )
                continue
            channel = _channel(element)
            if channel is None:
                continue
            result = _record(element, channel, name, thread)
            if isinstance(result, BadRecord):
                # The raw record is only serialised for the quarantine file when needed.
                raw = json.dumps(repair_all(element.value), ensure_ascii=False)
                result = dataclasses.replace(result, raw=raw)
            if result is not None:
                yield result
    except JsonStreamError as exc:
        yield BadRecord(name, exc.line, f"not valid JSON: {exc.reason}; rest of file skipped")
    except UnicodeDecodeError:
        yield BadRecord(name, None, "not valid UTF-8; rest of file skipped")


def _channel(element: Element) -> Channel | None:
    if not element.item:
        return None
    if element.key is None:
        return "facebook_post"
    return DYI_KEYS.get(element.key)


def _record(element: Element, channel: Channel, name: str, thread: str | None) -> ReadResult | None:
    line = element.line
    if not isinstance(element.value, dict):
        return BadRecord(name, line, "not a JSON object")
    value: dict[str, Any] = repair_all(element.value)
    if channel == "messenger":
        timestamp = value.get("timestamp_ms")
        text, author = value.get("content", ""), value.get("sender_name")
        attachments = _message_attachments(value)
        if not text and not attachments:
            return None
    else:
        inner = _first(value.get("data"), "comment")
        inner = inner if isinstance(inner, dict) else {}
        timestamp = inner.get("timestamp", value.get("timestamp"))
        author = inner.get("author")
        key = "comment" if channel == "facebook_comment" else "post"
        text = inner.get("comment", "") if key == "comment" else _first(value.get("data"), key)
        text = text or ""
        attachments = _attachments(value.get("attachments"))
        if channel == "facebook_comment" and not inner:
            return BadRecord(name, line, "no comment in data", field="data")
    if timestamp is None:
        return BadRecord(name, line, "field required", field="timestamp")
    try:
        created = from_unix(timestamp)
    except (ValueError, OverflowError, OSError):
        return BadRecord(name, line, "not a unix timestamp", field="timestamp")
    if not isinstance(text, str) or not (author is None or isinstance(author, str)):
        return BadRecord(name, line, "not a string", field="comment")
    fields: dict[str, Any] = {
        "id": dyi_id(channel, timestamp, author, text),
        "channel": channel,
        "text": text,
        "kind": {"facebook_comment": "comment", "facebook_post": "post"}.get(channel, "message"),
        "author": author,
        "created": created,
        "thread_id": thread if channel == "messenger" else None,
        "attachments": attachments,
    }
    return post_or_bad(fields, name, line)


def _first(data: Any, key: str) -> Any:
    """The first ``key`` among DYI's list of one-key dicts (``"data": [{"post": ...}, ...]``)."""
    if isinstance(data, list):
        for entry in data:
            if isinstance(entry, dict) and key in entry:
                return entry[key]
    return None


def _attachments(blocks: Any) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for block in blocks if isinstance(blocks, list) else []:
        for entry in block.get("data", []) if isinstance(block, dict) else []:
            media = entry.get("media") if isinstance(entry, dict) else None
            link = entry.get("external_context") if isinstance(entry, dict) else None
            if isinstance(media, dict):
                found.append(
                    Attachment(
                        kind="media", url=_str(media.get("uri")), title=_str(media.get("title"))
                    )
                )
            elif isinstance(link, dict):
                found.append(
                    Attachment(kind="link", url=_str(link.get("url")), title=_str(link.get("name")))
                )
    return tuple(found)


def _message_attachments(message: dict[str, Any]) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for kind in ("photos", "videos", "files", "audio_files", "gifs"):
        for entry in message.get(kind) or []:
            if isinstance(entry, dict):
                found.append(Attachment(kind=kind.rstrip("s"), url=_str(entry.get("uri"))))
    sticker = message.get("sticker")
    if isinstance(sticker, dict):
        found.append(Attachment(kind="sticker", url=_str(sticker.get("uri"))))
    return tuple(found)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None
