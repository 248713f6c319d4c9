"""Reading posts: exports (JSONL, Facebook DYI JSON, CSV) and webhook deliveries.

Every source yields ``ReadResult`` items — a ``Post``, or a ``BadRecord`` that
says where and why without quoting the post — and streams, so memory does not
grow with the file. ``read`` is the front door:

>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "posts.jsonl").write_text(
...     '{"id": "1", "channel": "messenger", "text": "Hej"}\\nikke json\\n', encoding="utf-8")
>>> [r.id if isinstance(r, Post) else r.line for r in read([d / "posts.jsonl"])]
['1', 2]
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable, Iterable, Iterator

from sojournal.errors import ConfigError, InputError
from sojournal.models import Post
from sojournal.platforms.sources.csv_export import read_csv, read_csv_stream
from sojournal.platforms.sources.detect import FORMATS, detect_format
from sojournal.platforms.sources.dyi import read_dyi, read_dyi_stream
from sojournal.platforms.sources.jsonl import read_jsonl, read_jsonl_stream
from sojournal.platforms.sources.output import Quarantine, post_to_json, run_read
from sojournal.platforms.sources.records import BadRecord, ReadResult
from sojournal.platforms.sources.webhook_payload import (
    posts_from_delivery,
    read_delivery,
    read_webhook_file,
)

__all__ = [
    "FORMATS",
    "BadRecord",
    "Post",
    "Quarantine",
    "ReadResult",
    "detect_format",
    "post_to_json",
    "posts_from_delivery",
    "read",
    "read_delivery",
    "run_read",
]

_READERS: dict[str, Callable[[str], Iterator[ReadResult]]] = {
    "jsonl": read_jsonl,
    "dyi": read_dyi,
    "csv": read_csv,
    "webhook": read_webhook_file,
}


def read(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], format: str = "auto"
) -> Iterator[ReadResult]:
    """Posts and bad records from each path in turn; ``-`` is standard input.

    A file that cannot be opened or recognised is one ``BadRecord`` (line ``None``)
    and the next file is read. An unknown ``format`` is a ``ConfigError``.
    """
    if format != "auto" and format not in FORMATS:
        raise ConfigError(f"unknown format {format!r}; use auto, {', '.join(FORMATS)}")
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in paths:
        name = os.fspath(path)
        try:
            if name == "-":
                yield from _read_stdin(format)
                continue
            fmt = detect_format(name) if format == "auto" else format
            yield from _READERS[fmt](name)
        except InputError as exc:
            yield BadRecord(name, exc.line, exc.reason, field=exc.field)
        except OSError as exc:
            yield BadRecord(name, None, f"cannot read: {exc.strerror or type(exc).__name__}")


def _read_stdin(format: str) -> Iterator[ReadResult]:
    if format == "csv":
        yield from read_csv_stream(io.TextIOWrapper(sys.stdin.buffer, "utf-8-sig", newline=""), "-")
    elif format == "dyi":
        yield from read_dyi_stream(io.TextIOWrapper(sys.stdin.buffer, "utf-8-sig"), "-")
    elif format == "webhook":
        yield BadRecord("-", None, "webhook captures are read from files, not stdin")
    else:
        yield from read_jsonl_stream(sys.stdin.buffer, "-")
