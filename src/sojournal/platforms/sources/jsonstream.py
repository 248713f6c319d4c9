"""Walk one big JSON document (a DYI export) element by element in bounded memory.

A DYI file is a single JSON document — a top-level array, or an object whose
values are arrays — so reading it line by line is impossible and ``json.load``
would hold the whole file. Instead we keep a text buffer a little larger than
one element: structural characters (``[``, ``,``, ``:``, ``]``) are walked by
hand, and each element is decoded with ``json.JSONDecoder.raw_decode``. When
the decoder fails because the buffer ends mid-element, we read more (doubling,
so a large element costs linear time) and try again; consumed text is dropped,
counting its newlines so every element knows its starting line.

>>> import io
>>> doc = io.StringIO('{"comments_v2": [\\n {"a": 1},\\n {"a": 2}\\n], "title": "x"}')
>>> [(e.key, e.line, e.value, e.item) for e in walk(doc, chunk_size=4)]
[('comments_v2', 2, {'a': 1}, True), ('comments_v2', 3, {'a': 2}, True), ('title', 4, 'x', False)]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

__all__ = ["Element", "JsonStreamError", "walk"]

_WS = " \t\n\r"


class JsonStreamError(ValueError):
    """The document is not valid JSON from ``line`` on; nothing after it can be trusted."""

    def __init__(self, reason: str, line: int) -> None:
        self.reason, self.line = reason, line
        super().__init__(f"line {line}: {reason}")


@dataclass(frozen=True)
class Element:
    """One top-level element: ``key`` is ``None`` for a top-level array, else the object key.

    ``item`` is true for an element of an array (streamed one by one), false for
    a whole top-level value (``"title": "..."``).
    """

    key: str | None
    line: int
    value: Any
    item: bool


class _Buffer:
    def __init__(self, f: IO[str], chunk_size: int, max_element: int) -> None:
        self.f, self.chunk_size, self.max_element = f, chunk_size, max_element
        self.buf, self.pos, self.eof = "", 0, False
        # Newlines are counted once each: up to ``counted``, there were ``lines`` of them.
        self.counted, self.lines = 0, 1
        self.decoder = json.JSONDecoder()

    def line(self) -> int:
        if self.pos > self.counted:
            self.lines += self.buf.count("\n", self.counted, self.pos)
            self.counted = self.pos
        return self.lines

    def _fill(self) -> bool:
        if self.eof:
            return False
        if self.pos > self.chunk_size:
            self.line()
            self.buf, self.pos, self.counted = self.buf[self.pos :], 0, 0
        # Read at least as much as is pending, so re-decoding a big element stays linear.
        data = self.f.read(max(self.chunk_size, len(self.buf) - self.pos))
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def peek(self) -> str | None:
        """The next non-whitespace character (not consumed), or ``None`` at the end."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return None

    def expect(self, chars: str) -> str:
        ch = self.peek()
        if ch is None or ch not in chars:
            found = "end of file" if ch is None else repr(ch)
            raise JsonStreamError(f"expected one of {chars!r}, found {found}", self.line())
        self.pos += 1
        return ch

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                truncated = exc.pos >= len(self.buf) - 16 or exc.msg.startswith("Unterminated")
                if not truncated or not self._grow():
                    raise JsonStreamError(exc.msg, self.line()) from None
                continue
            # A number cut by the buffer's end ("3.58", "1e") may continue in the next chunk.
            if self._maybe_cut(value, end) and self._grow():
                continue
            self.pos = end
            return value

    def _maybe_cut(self, value: Any, end: int) -> bool:
        if end >= len(self.buf):
            return True
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return is_number and self.buf[end] in "0123456789.eE+-"

    def _grow(self) -> bool:
        if len(self.buf) - self.pos > self.max_element:
            raise JsonStreamError("element too large", self.line())
        return self._fill()


def walk(
    f: IO[str], *, chunk_size: int = 1 << 16, max_element: int = 64 << 20
) -> Iterator[Element]:
    """Yield the elements of a top-level array, or of each array value of a top-level object.

    Raises ``JsonStreamError`` (with the line) where the document stops being valid JSON.
    """
    b = _Buffer(f, chunk_size, max_element)
    first = b.expect("[{")
    if first == "[":
        yield from _array(b, None)
    else:
        if b.peek() == "}":
            b.pos += 1
        else:
            while True:
                if b.peek() != '"':
                    raise JsonStreamError("expected a key", b.line())
                key = b.value()
                b.expect(":")
                if b.peek() == "[":
                    b.pos += 1
                    yield from _array(b, key)
                else:
                    line = b.line()
                    yield Element(key, line, b.value(), item=False)
                if b.expect(",}") == "}":
                    break
    if b.peek() is not None:
        raise JsonStreamError("extra data after the document", b.line())


def _array(b: _Buffer, key: str | None) -> Iterator[Element]:
    if b.peek() == "]":
        b.pos += 1
        return
    while True:
        b.peek()
        line = b.line()
        yield Element(key, line, b.value(), item=True)
        if b.expect(",]") == "]":
            return
