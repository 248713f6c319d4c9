"""What ``sojournal read`` writes: posts as JSONL, bad records on stderr and in quarantine.

Stderr gets ``PATH:LINE: reason`` only, safe for logs and terminals. The raw
content of a bad record goes only to the quarantine file, an operator's file
kept next to the export (created owner-only, since it may hold personal data).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from types import TracebackType
from typing import IO, Any

from sojournal.models import Post
from sojournal.platforms.sources.records import BadRecord

__all__ = ["Quarantine", "post_to_json", "run_read"]


def post_to_json(post: Post) -> dict[str, Any]:
    """The JSON shape ``sojournal decide`` reads; the JSONL reader reads it back unchanged.

    >>> from datetime import UTC, datetime
    >>> post = Post(id="9", channel="facebook_comment", text="Hej",
    ...             created=datetime(2024, 3, 5, 8, 15, tzinfo=UTC))
    >>> shape = post_to_json(post)
    >>> shape["platform"], shape["created"], shape["attachments"]
    ('facebook', '2024-03-05T08:15:00+00:00', [])
    """
    return {
        "id": post.id,
        "channel": post.channel,
        "text": post.text,
        "platform": post.platform,
        "kind": post.kind,
        "post_id": post.post_id,
        "parent_id": post.parent_id,
        "thread_id": post.thread_id,
        "page_id": post.page_id,
        "author": post.author,
        "author_id": post.author_id,
        "created": post.created.isoformat() if post.created else None,
        "version": post.version,
        "permalink": post.permalink,
        "attachments": [a.model_dump() for a in post.attachments],
        "from_page": post.from_page,
        "verb": post.verb,
    }


class Quarantine:
    """Appends each bad record — ``PATH:LINE: reason`` then its raw lines prefixed ``> `` —
    to a file that is only created when the first bad record arrives.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self.count = 0
        self._file: IO[str] | None = None

    def add(self, bad: BadRecord) -> None:
        if self._file is None:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._file = open(fd, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        lines = [str(bad)]
        if bad.raw is not None:
            lines += ["> " + part for part in bad.raw.split("\n")]
        self._file.write("\n".join(lines) + "\n")
        self._file.flush()
        self.count += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> Quarantine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def run_read(
    paths: Iterable[str | os.PathLike[str]],
    fmt: str,
    out: IO[str],
    err: IO[str],
    quarantine: Quarantine | None = None,
) -> int:
    """``sojournal read``: posts as JSONL on ``out``; exit 1 if any record was bad, else 0."""
    from sojournal.platforms.sources import read  # the front door imports this module

    bad_count = 0
    for result in read(paths, fmt):
        if isinstance(result, BadRecord):
            bad_count += 1
            err.write(f"{result}\n")
            if quarantine is not None:
                quarantine.add(result)
        else:
            out.write(json.dumps(post_to_json(result), ensure_ascii=False) + "\n")
    return 1 if bad_count else 0
