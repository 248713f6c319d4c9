"""What every source yields, and the small helpers all readers share.

A source never raises on a bad record: it yields a ``BadRecord`` and goes on,
so one broken line in a nightly export costs one line, not the night. A
``BadRecord`` carries where and why (safe to print and log) and, separately,
the raw content for the operator's quarantine file (never printed).

>>> bad = BadRecord("export.jsonl", 7, "not valid JSON", raw='{"id": ')
>>> str(bad)
'export.jsonl:7: not valid JSON'
>>> str(BadRecord("x.csv", 3, "field required", field="comment_id"))
'x.csv:3: comment_id: field required'
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import IO, Any, TypeAlias

from pydantic import ValidationError

from sojournal.errors import InputError
from sojournal.models import Post

__all__ = [
    "BadRecord",
    "ReadResult",
    "bad_from_validation",
    "from_unix",
    "iter_lines",
    "post_or_bad",
]

#: Lines (JSONL, webhook files) longer than this are reported, never held in memory.
MAX_LINE_BYTES = 8 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class BadRecord:
    """A record that could not become a ``Post``: where, which field, and why.

    ``reason`` and ``field`` never contain post text or names; ``raw`` may, and is
    meant only for the quarantine file, so it is left out of ``str()`` and ``repr()``.
    """

    path: str
    line: int | None
    reason: str
    field: str = ""
    raw: str | None = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def error(self) -> InputError:
        return InputError(self.reason, path=self.path, line=self.line, field=self.field)

    def __str__(self) -> str:
        return str(self.error)


ReadResult: TypeAlias = Post | BadRecord


def display_path(path: str | os.PathLike[str]) -> str:
    return os.fspath(path)


def from_unix(value: Any) -> datetime:
    """Seconds or milliseconds since the epoch (Meta uses both) to an aware UTC datetime.

    >>> from_unix(1700000000).isoformat()
    '2023-11-14T22:13:20+00:00'
    >>> from_unix(1700000000123).isoformat()
    '2023-11-14T22:13:20.123000+00:00'
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError("not a timestamp")
    number = float(value)
    # No post is from before 1973 in milliseconds or after 5138 in seconds.
    if number > 1e11:
        number /= 1000.0
    return datetime.fromtimestamp(number, tz=UTC)


def bad_from_validation(
    exc: ValidationError, path: str, line: int | None, raw: str | None = None
) -> BadRecord:
    """The first pydantic error as a ``BadRecord``: the field from ``loc``, never the input."""
    first = exc.errors(include_url=False, include_input=False, include_context=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    return BadRecord(path, line, first["msg"], field=where, raw=raw)


def post_or_bad(
    fields: Mapping[str, Any], path: str, line: int | None, raw: str | None = None
) -> ReadResult:
    try:
        return Post(**fields)
    except ValidationError as exc:
        return bad_from_validation(exc, path, line, raw)


def iter_lines(f: IO[bytes], max_bytes: int = MAX_LINE_BYTES) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes without the newline) for each line; ``None`` for an over-long line.

    Reads with ``readline(limit)``, so a file with no newlines at all still
    streams in bounded memory instead of landing in one string.
    """
    number = 0
    while True:
        chunk = f.readline(max_bytes + 1)
        if not chunk:
            return
        number += 1
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):
                chunk = f.readline(max_bytes + 1)
            yield number, None
            continue
        yield number, chunk.rstrip(b"\r\n")


def decode_line(raw: bytes, number: int) -> str:
    """UTF-8 text of one line (a BOM on line 1 is dropped). Raises ``UnicodeDecodeError``."""
    text = raw.decode("utf-8")
    if number == 1 and text.startswith("\ufeff"):
        text = text[1:]
    return text
