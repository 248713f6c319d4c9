"""CSV comment exports (the Graph-API-scraper layout used by many municipalities).

Columns: ``comment_id,status_id,parent_id,comment_message,comment_author,
comment_published``. Messages may hold quoted commas and newlines, so rows are
read with the ``csv`` module (file opened with ``newline=""``) and a bad record
is reported at the line where it *starts*. A row with the wrong number of
columns, an empty ``comment_id`` or a date we cannot parse is a ``BadRecord``;
the rest of the file goes on.

``comment_published`` may be ISO 8601 (``2024-03-05T08:15:00+0000``), a date
and time without offset, which exports write in UTC, or unix seconds.

>>> import io
>>> data = io.StringIO(
...     "comment_id,status_id,parent_id,comment_message,comment_author,comment_published\\n"
...     '1_2,1,,"Hej, er der\\nåbent?",Mette,2024-03-05 08:15:00\\n'
...     ',1,,tom id,Ole,2024-03-05 08:16:00\\n'
... )
>>> [r.text if not isinstance(r, BadRecord) else str(r) for r in read_csv_stream(data, "x.csv")]
['Hej, er der\\nåbent?', 'x.csv:4: comment_id: empty']
"""

from __future__ import annotations

import csv
import dataclasses
import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import IO, Any

from sojournal.platforms.sources.records import BadRecord, ReadResult, from_unix, post_or_bad

__all__ = ["CSV_HEADER", "parse_published", "read_csv", "read_csv_stream"]

CSV_HEADER = (
    "comment_id",
    "status_id",
    "parent_id",
    "comment_message",
    "comment_author",
    "comment_published",
)


def read_csv(path: str | os.PathLike[str]) -> Iterator[ReadResult]:
    name = os.fspath(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        yield from read_csv_stream(f, name)


def read_csv_stream(f: IO[str], name: str) -> Iterator[ReadResult]:
    reader = csv.reader(f)
    start = 1
    header: list[str] | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield BadRecord(name, start, f"not valid CSV: {exc}")
            start = reader.line_num + 1
            continue
        except UnicodeDecodeError:
            yield BadRecord(name, start, "not valid UTF-8; rest of file skipped")
            return
        line, start = start, reader.line_num + 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            missing = [c for c in CSV_HEADER if c not in header]
            if missing:
                yield BadRecord(name, line, "missing column; file skipped", field=missing[0])
                return
            continue
        yield _record(dict(zip(header, row, strict=False)), len(row), len(header), name, line, row)


def _record(
    row: dict[str, str], width: int, expected: int, name: str, line: int, cells: list[str]
) -> ReadResult:
    result = _parse(row, width, expected, name, line)
    if isinstance(result, BadRecord):
        return dataclasses.replace(result, raw=_unparse(cells))
    return result


def _parse(row: dict[str, str], width: int, expected: int, name: str, line: int) -> ReadResult:
    if width != expected:
        return BadRecord(name, line, f"{width} columns, expected {expected}")
    comment_id = row["comment_id"].strip()
    if not comment_id:
        return BadRecord(name, line, "empty", field="comment_id")
    try:
        created = parse_published(row["comment_published"])
    except ValueError:
        return BadRecord(name, line, "not a date", field="comment_published")
    status_id = row["status_id"].strip() or None
    fields: dict[str, Any] = {
        "id": comment_id,
        "channel": "facebook_comment",
        "text": row["comment_message"],
        "kind": "comment",
        "post_id": status_id,
        "parent_id": row["parent_id"].strip() or status_id,
        "thread_id": status_id,
        "author": row["comment_author"].strip() or None,
        "created": created,
    }
    return post_or_bad(fields, name, line)


def parse_published(value: str) -> datetime:
    """An aware datetime from the export's date column; naive times are UTC.

    >>> parse_published("2024-03-05T08:15:00+0000").isoformat()
    '2024-03-05T08:15:00+00:00'
    >>> parse_published("1709626500").isoformat()
    '2024-03-05T08:15:00+00:00'
    """
    text = value.strip()
    if text.isdigit():
        return from_unix(int(text))
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _unparse(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    return out.getvalue()
