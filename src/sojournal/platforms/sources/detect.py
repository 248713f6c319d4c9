"""Which reader a file needs: by extension first, then by its first bytes.

``.jsonl``/``.ndjson`` are JSONL and ``.csv`` is CSV; anything else is sniffed.
A first line that is a whole JSON object is JSONL (of posts, or of webhook
deliveries when it has ``entry``); a document opening with ``[`` or ``{`` whose
first key is ``object``/``entry`` is a captured webhook delivery, otherwise DYI;
a first line with the CSV export's columns is CSV.
"""

from __future__ import annotations

import csv
import json
import os
import re

from sojournal.errors import InputError
from sojournal.models import Post
from sojournal.platforms.sources.csv_export import CSV_HEADER
from sojournal.platforms.sources.dyi import DYI_KEYS

__all__ = ["FORMATS", "detect_format", "sniff_format"]

FORMATS = ("jsonl", "dyi", "csv", "webhook")
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_FIRST_KEY = re.compile(r'[\[{\s]*"((?:[^"\\]|\\.)*)"')
_SNIFF_BYTES = 1 << 16
_POST_KEYS = frozenset(Post.model_fields) | {"platform"}
_DYI_KEYS = frozenset(DYI_KEYS) | {"participants"}


def detect_format(path: str | os.PathLike[str]) -> str:
    """One of ``FORMATS``; raises ``InputError`` when the file says nothing we recognise."""
    ext = os.path.splitext(os.fspath(path))[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    with open(path, "rb") as f:
        head = f.read(_SNIFF_BYTES)
    fmt = sniff_format(head)
    if fmt is None:
        raise InputError("cannot detect the format; give --format", path=os.fspath(path))
    return fmt


def sniff_format(head: bytes) -> str | None:
    """The format of a file from its first bytes, or ``None``.

    >>> sniff_format(b'{"id": "1", "channel": "messenger", "text": "Hej"}\\n{"id": "2"')
    'jsonl'
    >>> sniff_format(b'{\\n  "comments_v2": [\\n    {\\n      "timestamp": 17')
    'dyi'
    >>> sniff_format(b'{"object": "page", "entry": [{"id": "1"}]}\\n')
    'webhook'
    >>> sniff_format(b'{"id": "1", "channel": "messenger", "text": "Hej\\n{"id": "2", "chan')
    'jsonl'
    >>> sniff_format(b'comment_id,status_id,parent_id,comment_message,comment_author,comme')
    'csv'
    """
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not text:
        return "jsonl"
    lines = text.split("\n")
    first_line = lines[0].strip()
    # JSONL: any of the first few lines is a whole object (line 1 itself may be a bad record).
    for candidate in [line.strip() for line in lines[:4] if line.strip()][:3]:
        try:
            obj = json.loads(candidate)
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict) and not _DYI_KEYS.intersection(obj):
            return "webhook" if "entry" in obj and "object" in obj else "jsonl"
    if text[0] in "[{":
        match = _FIRST_KEY.match(text)
        key = match.group(1) if match else ""
        if key in ("object", "entry"):
            return "webhook"
        return "jsonl" if text[0] == "{" and key in _POST_KEYS else "dyi"
    try:
        columns = {c.strip().lower() for c in next(csv.reader([first_line]))}
    except (csv.Error, StopIteration):
        return None
    return "csv" if set(CSV_HEADER[:1] + CSV_HEADER[3:4]) <= columns else None
