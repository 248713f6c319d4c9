"""Shared by the platform tests: the test token, a scripted Graph app, type aliases."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from typing import Any

from sojournal.platforms.graph import GraphPlatform

TOKEN = "EAAB-page-token-do-not-log-4711"

Answer = tuple[int, dict[str, Any] | None, dict[str, str]]


class ScriptedGraph:
    """Answers requests from a script, in order (the last answer repeats), and records them."""

    def __init__(self, answers: list[Answer]) -> None:
        self._answers = list(answers)
        self.requests: list[tuple[str, str, bytes]] = []
        self._lock = threading.Lock()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        with self._lock:
            self.requests.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], body))
            status, payload, headers = (
                self._answers.pop(0) if len(self._answers) > 1 else self._answers[0]
            )
        data = json.dumps(payload).encode() if payload is not None else b"<html>oops</html>"
        start_response(
            f"{status} X",
            [
                ("Content-Type", "application/json"),
                *headers.items(),
                ("Content-Length", str(len(data))),
            ],
        )
        return [data]


PlatformFactory = Callable[..., GraphPlatform]
