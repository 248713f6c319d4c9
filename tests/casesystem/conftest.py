"""Case-system fixtures: posts and documents, the ESDH emulator on a real port, scripted apps."""

from __future__ import annotations

import io
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from sojournal.casesystems.reference import ReferenceCaseSystem, ReferenceSettings
from sojournal.document import build_case_document
from sojournal.models import Attachment, CaseDocument, Decision, Post, Reason
from sojournal.retry import RetrySettings
from sojournal.testing.esdh_emulator import EsdhEmulator
from sojournal.testing.server import DropConnection, LocalServer

#: Text that must never reach a log record or an exception message.
SECRET_TEXT = "Hemmelig-klage-7b1f om min søn, CPR 010203-1234"
SECRET_NAME = "Kirsten Hemmeligsen"

App = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def make_post(n: int = 0, **changes: Any) -> Post:
    values: dict[str, Any] = {
        "id": f"1234567890_{n}",
        "channel": "facebook_comment",
        "text": f"{SECRET_TEXT} #{n}",
        "author": SECRET_NAME,
        "author_id": f"user-{n}",
        "created": datetime(2026, 11, 27, 12, 0, n % 60, tzinfo=UTC),
        "permalink": f"https://www.facebook.com/kommune/posts/{n}",
        "attachments": (Attachment(kind="photo", url="https://cdn.example/p.jpg", title="Foto"),),
    }
    values.update(changes)
    return Post(**values)


def make_decision(**changes: Any) -> Decision:
    values: dict[str, Any] = {
        "category": "complaint",
        "journalise": True,
        "sensitive": True,
        "reasons": (Reason(rule="complaint.keyword", text="complaint", text_da="klage"),),
        "policy_version": "2026.1",
        "case_refs": ("SAG-2026-17",),
    }
    values.update(changes)
    return Decision(**values)


def make_document(n: int = 0, **post_changes: Any) -> CaseDocument:
    return build_case_document(
        make_post(n, **post_changes), make_decision(), kle_number="05.01.08", handling_facet="G01"
    )


class SleepRecorder:
    """An injected sleep that records instead of waiting."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def emulator() -> Iterator[EsdhEmulator]:
    emu = EsdhEmulator()
    yield emu
    emu.close()


@pytest.fixture
def served() -> Iterator[Callable[[App], str]]:
    """Serve any WSGI app on a free port for the test; returns its URL."""
    servers: list[LocalServer] = []

    def serve(app: App) -> str:
        server = LocalServer(app).start()
        servers.append(server)
        return server.url + "/esdh"

    yield serve
    for server in servers:
        server.stop()


def make_client(
    url: str,
    *,
    attempts: int = 4,
    sleep: Callable[[float], None] | None = None,
    settings: ReferenceSettings | None = None,
) -> ReferenceCaseSystem:
    return ReferenceCaseSystem(
        url,
        settings or ReferenceSettings(timeout=5.0, connect_timeout=2.0),
        RetrySettings(max_attempts=attempts, deadline=60.0),
        sleep=sleep or SleepRecorder(),
    )


class Interceptor:
    """Wraps an app; ``plan`` maps operation name to a list of actions for its next calls.

    Actions: "drop-before" (drop without passing on: request lost at the server),
    "drop-after" (pass on, then drop: answer lost), "delay-after" (pass on, then
    answer too late), None (pass through).
    """

    def __init__(self, app: App, plan: dict[str, list[str | None]], delay: float = 0.0) -> None:
        self.app, self.plan, self.delay = app, plan, delay
        self.seen: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ["REQUEST_METHOD"] != "POST":
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        operation = "FindDocument" if b"FindDocument" in body else "SubmitDocument"
        with self._lock:
            self.seen.append(operation)
            queue = self.plan.get(operation, [])
            action = queue.pop(0) if queue else None
        if action == "drop-before":
            raise DropConnection
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            captured["args"] = (status, headers)
            return lambda data: None

        answer = b"".join(self.app(environ, capture))
        if action == "drop-after":
            raise DropConnection
        if action == "delay-after":
            threading.Event().wait(self.delay)
        start_response(*captured["args"])
        return [answer]


#: Characters XML 1.0 cannot carry, mixed into generated text far more often than chance would.
NASTY_CHARS = ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\ud800", "\udbff", "\udc00", "\udfff"]
NASTY_CHARS += ["\ud83d", "\ude00", "\ufffe", "\uffff", "\r", "\t", "\n", "<", "&", "]]>"]
