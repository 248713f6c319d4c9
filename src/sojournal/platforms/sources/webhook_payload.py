"""Meta webhook deliveries to ``Post``s: Page ``feed``, Messenger, Instagram comments.

One delivery holds several ``entry`` items, each with ``changes`` (feed,
Instagram) or ``messaging`` events. Events that are not posts (reactions,
likes, read receipts, deliveries) are ignored; a post-shaped event that cannot
be mapped (no id) is reported as a ``BadRecord`` at ``entry[i].changes[j]``.

Versions: every ``Post`` leaves ``version`` as ``None``, so its text hash is its
version — also for ``edited``. Then an edit (new text) gets a new idempotency key,
a redelivery of the same event the same key, and the nightly export, which
carries the final text and no version, agrees with the webhook, so the same
comment is never filed twice. ``remove``/``hide``/``unhide`` events have no text;
they carry the verb for the ledger to act on and an empty text.

>>> delivery = {"object": "page", "entry": [{"id": "101", "time": 1700000000, "changes": [
...     {"field": "feed", "value": {"item": "comment", "verb": "add", "comment_id": "55_66",
...      "post_id": "101_55", "parent_id": "101_55", "message": "Hvornår tømmes skraldet?",
...      "from": {"id": "900", "name": "Mette Hansen"}, "created_time": 1700000000}}]}]}
>>> [(p.id, p.channel, p.thread_id, p.from_page) for p in posts_from_delivery(delivery)]
[('55_66', 'facebook_comment', '101_55', False)]
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sojournal.models import Attachment, Post
from sojournal.platforms.sources.records import (
    BadRecord,
    ReadResult,
    decode_line,
    from_unix,
    iter_lines,
    post_or_bad,
)

__all__ = ["posts_from_delivery", "read_delivery", "read_webhook_file"]

log = logging.getLogger(__name__)

_POST_ITEMS = frozenset({"status", "post", "photo", "video", "share", "link", "event"})
#: Meta's feed verbs that change a post, mapped to ``Post.verb``; the rest (block, mute,
#: follow, ...) are not about a post's content and are ignored.
_VERBS = {
    "add": "add",
    "edited": "edited",
    "edit": "edited",
    "update": "edited",
    "remove": "remove",
    "delete": "remove",
    "hide": "hide",
    "unhide": "unhide",
}
#: Whole-document webhook files (pretty-printed captures) above this are refused.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024


def posts_from_delivery(payload: dict[str, Any]) -> list[Post]:
    """The posts in one delivery; unmappable events are logged by position only."""
    posts: list[Post] = []
    for result in read_delivery(payload):
        if isinstance(result, Post):
            posts.append(result)
        else:
            log.warning("webhook event skipped at %s: %s", result.path, result.reason)
    return posts


def read_delivery(
    payload: Any, path: str = "delivery", line: int | None = None
) -> list[ReadResult]:
    """Every post-shaped event of a delivery, as a ``Post`` or a ``BadRecord``."""
    if not isinstance(payload, dict) or not isinstance(payload.get("entry"), list):
        return [BadRecord(path, line, "not a webhook delivery", field="entry")]
    obj = payload.get("object")
    results: list[ReadResult] = []
    for i, entry in enumerate(payload["entry"]):
        if not isinstance(entry, dict):
            results.append(BadRecord(path, line, "not an object", field=f"entry[{i}]"))
            continue
        page_id = _sid(entry.get("id"))
        for j, change in enumerate(_list(entry.get("changes"))):
            where = f"entry[{i}].changes[{j}]"
            value = change.get("value") if isinstance(change, dict) else None
            if not isinstance(value, dict):
                continue
            field = change.get("field")
            if obj == "page" and field == "feed":
                result = _feed(value, page_id, entry.get("time"), path, line, where)
            elif obj == "instagram" and field in ("comments", "live_comments"):
                result = _instagram(value, page_id, entry.get("time"), path, line, where)
            else:
                result = None
            if result is not None:
                results.append(result)
        for j, event in enumerate(_list(entry.get("messaging"))):
            where = f"entry[{i}].messaging[{j}]"
            result = _message(event, page_id, obj, path, line, where)
            if result is not None:
                results.append(result)
    return results


def _feed(
    value: dict[str, Any], page_id: str | None, time: Any, path: str, line: int | None, where: str
) -> ReadResult | None:
    item = value.get("item")
    if item == "comment":
        channel, post_id = "facebook_comment", _sid(value.get("comment_id"))
    elif item in _POST_ITEMS:
        channel, post_id = "facebook_post", _sid(value.get("post_id"))
    else:
        return None  # reactions, likes, shares of others' posts: not posts
    verb = _VERBS.get(str(value.get("verb", "add")))
    if verb is None:
        return None
    if not post_id:
        field = "comment_id" if item == "comment" else "post_id"
        return BadRecord(path, line, "missing id", field=f"{where}.value.{field}")
    sender = _dict(value.get("from"))
    top = _sid(value.get("post_id"))
    permalink = _dict(value.get("post")).get("permalink_url")
    fields: dict[str, Any] = {
        "id": post_id,
        "channel": channel,
        "text": value.get("message") or "",
        "kind": item,
        "post_id": top,
        "parent_id": _sid(value.get("parent_id")) if item == "comment" else None,
        "thread_id": top,
        "page_id": page_id,
        "author": sender.get("name"),
        "author_id": _sid(sender.get("id")),
        "created": _time(value.get("created_time"), time),
        "permalink": permalink if isinstance(permalink, str) else None,
        "attachments": _feed_attachments(value),
        "from_page": bool(page_id) and _sid(sender.get("id")) == page_id,
        "verb": verb,
    }
    return post_or_bad(fields, path, line)


def _feed_attachments(value: dict[str, Any]) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    item = value.get("item")
    if item in ("photo", "video") and isinstance(value.get("link"), str):
        found.append(Attachment(kind=str(item), url=value["link"]))
    for url in _list(value.get("photos")):
        if isinstance(url, str):
            found.append(Attachment(kind="photo", url=url))
    if item == "comment" and isinstance(value.get("photo"), str):
        found.append(Attachment(kind="photo", url=value["photo"]))
    return tuple(found)


def _instagram(
    value: dict[str, Any], page_id: str | None, time: Any, path: str, line: int | None, where: str
) -> ReadResult:
    comment_id = _sid(value.get("id"))
    if not comment_id:
        return BadRecord(path, line, "missing id", field=f"{where}.value.id")
    sender = _dict(value.get("from"))
    media = _dict(value.get("media"))
    media_id = _sid(media.get("id"))
    fields: dict[str, Any] = {
        "id": comment_id,
        "channel": "instagram_comment",
        "text": value.get("text") or "",
        "kind": "comment",
        "post_id": media_id,
        "parent_id": _sid(value.get("parent_id")) or media_id,
        "thread_id": media_id,
        "page_id": page_id,
        "author": sender.get("username"),
        "author_id": _sid(sender.get("id")),
        "created": _time(value.get("timestamp"), time),
        "from_page": bool(page_id) and _sid(sender.get("id")) == page_id,
    }
    return post_or_bad(fields, path, line)


def _message(
    event: Any, page_id: str | None, obj: Any, path: str, line: int | None, where: str
) -> ReadResult | None:
    if not isinstance(event, dict):
        return None
    message, verb = event.get("message"), "add"
    if not isinstance(message, dict) and isinstance(event.get("message_edit"), dict):
        message, verb = event["message_edit"], "edited"
    if not isinstance(message, dict):
        return None  # delivery and read receipts, postbacks, reactions
    mid = _sid(message.get("mid"))
    if not mid:
        return BadRecord(path, line, "missing id", field=f"{where}.message.mid")
    sender = _sid(_dict(event.get("sender")).get("id"))
    recipient = _sid(_dict(event.get("recipient")).get("id"))
    echo = message.get("is_echo") is True
    citizen = recipient if echo else sender
    page = sender if echo else (recipient or page_id)
    fields: dict[str, Any] = {
        "id": mid,
        "channel": "messenger",
        "text": message.get("text") or "",
        "kind": "instagram_message" if obj == "instagram" else "message",
        "thread_id": f"{page}:{citizen}" if page and citizen else None,
        "page_id": page_id,
        "author_id": sender,
        "created": _time(event.get("timestamp"), None),
        "attachments": _message_attachments(message),
        "from_page": echo,
        "verb": verb,
    }
    return post_or_bad(fields, path, line)


def _message_attachments(message: dict[str, Any]) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for attachment in _list(message.get("attachments")):
        if not isinstance(attachment, dict):
            continue
        payload = _dict(attachment.get("payload"))
        url = payload.get("url")
        title = attachment.get("title") or payload.get("title")
        found.append(
            Attachment(
                kind=str(attachment.get("type") or "file"),
                url=url if isinstance(url, str) else None,
                title=title if isinstance(title, str) else None,
            )
        )
    return tuple(found)


def _time(value: Any, fallback: Any) -> datetime | None:
    for candidate in (value, fallback):
        if candidate is None:
            continue
        if isinstance(candidate, str) and not candidate.strip().isdigit():
            try:
                return datetime.fromisoformat(candidate.replace("+0000", "+00:00"))
            except ValueError:
                continue
        try:
            return from_unix(candidate)
        except (ValueError, OverflowError, OSError):
            continue
    return None


def _sid(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    return str(value) if isinstance(value, str | int) else None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def read_webhook_file(path: str | os.PathLike[str]) -> Iterator[ReadResult]:
    """Captured deliveries: one per line (JSONL), or one JSON document (object or array).

    Line numbers are those of the delivery; the field names where in it an event sat.
    """
    name = os.fspath(path)
    with open(path, "rb") as f:
        first = f.readline(MAX_DOCUMENT_BYTES).strip()
        try:
            json.loads(first.decode("utf-8-sig"))
            line_by_line = True
        except (UnicodeDecodeError, json.JSONDecodeError):
            line_by_line = False
        f.seek(0)
        if not line_by_line:
            yield from _whole_document(f.read(MAX_DOCUMENT_BYTES + 1), name)
            return
        for number, raw in iter_lines(f):
            if raw is None:
                yield BadRecord(name, number, "line too long")
            elif raw.strip():
                yield from _delivery_line(raw, number, name)


def _delivery_line(raw: bytes, number: int, name: str) -> list[ReadResult]:
    try:
        payload = json.loads(decode_line(raw, number))
    except UnicodeDecodeError:
        return [BadRecord(name, number, "not valid UTF-8")]
    except json.JSONDecodeError as exc:
        text = raw.decode("utf-8", "replace")
        return [
            BadRecord(name, number, f"not valid JSON: {exc.msg} (column {exc.colno})", raw=text)
        ]
    return read_delivery(payload, name, number)


def _whole_document(data: bytes, name: str) -> list[ReadResult]:
    if len(data) > MAX_DOCUMENT_BYTES:
        return [BadRecord(name, 1, "file too large for a single JSON document")]
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return [BadRecord(name, 1, "not valid UTF-8")]
    except json.JSONDecodeError as exc:
        return [BadRecord(name, exc.lineno, f"not valid JSON: {exc.msg}")]
    deliveries = payload if isinstance(payload, list) else [payload]
    results: list[ReadResult] = []
    for delivery in deliveries:
        results.extend(read_delivery(delivery, name, 1))
    return results
