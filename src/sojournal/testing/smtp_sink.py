r"""A tiny SMTP server on a free localhost port that keeps what it receives, for tests.

``smtpd`` left the standard library and ``aiosmtpd`` is not a dependency, so
this speaks just enough SMTP for ``smtplib``: EHLO/HELO, AUTH PLAIN, MAIL,
RCPT, DATA, RSET, NOOP, QUIT. ``faults`` replaces the answer to a command
with a fixed reply line (``{"RCPT": "550 5.1.1 no such user"}``) or drops the
connection (``{"DATA": "drop"}``), so a notifier's error mapping is tested
against a real conversation. STARTTLS is never offered.

>>> import smtplib
>>> with SmtpSink() as sink:
...     with smtplib.SMTP(sink.host, sink.port, timeout=5) as smtp:
...         refused = smtp.sendmail("a@example.org", ["b@example.org"], b"Subject: hej\r\n\r\nhej")
>>> refused, sink.messages[0].rcpt_tos, sink.messages[0].data
({}, ('b@example.org',), b'Subject: hej\r\n\r\nhej\r\n')
"""

from __future__ import annotations

import base64
import socketserver
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType

__all__ = ["SinkMessage", "SmtpSink"]


@dataclass(frozen=True)
class SinkMessage:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    auth_user: str | None = None


@dataclass
class _Session:
    auth_user: str | None = None
    mail_from: str | None = None
    rcpt_tos: list[str] = field(default_factory=list)


def _address(arg: str) -> str:
    # "FROM:<a@b> SIZE=10" -> "a@b"
    value = arg.split(":", 1)[1].strip() if ":" in arg else arg
    return value.split(">", 1)[0].lstrip("<").strip()


class _Handler(socketserver.StreamRequestHandler):
    server: _Server

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode("ascii") + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        sink = self.server.sink
        session = _Session()
        self.reply("220 sink ESMTP ready")
        while raw := self.rfile.readline():
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb, _, arg = line.partition(" ")
            verb = verb.upper()
            fault = sink.faults.get(verb)
            if fault == "drop":
                return
            if fault is not None:
                self.reply(fault)
                continue
            if verb == "QUIT":
                self.reply("221 bye")
                return
            self.command(verb, arg, session)

    def command(self, verb: str, arg: str, session: _Session) -> None:
        sink = self.server.sink
        if verb == "EHLO":
            self.reply("250-sink\r\n250-8BITMIME\r\n250 AUTH PLAIN")
        elif verb == "HELO" or verb == "NOOP":
            self.reply("250 ok")
        elif verb == "RSET":
            session.mail_from, session.rcpt_tos = None, []
            self.reply("250 ok")
        elif verb == "AUTH":
            _, _, token = arg.partition(" ")
            parts = base64.b64decode(token).split(b"\0")
            user, password = parts[1].decode(), parts[2].decode()
            if sink.credentials is None or sink.credentials == (user, password):
                session.auth_user = user
                self.reply("235 2.7.0 authenticated")
            else:
                self.reply("535 5.7.8 authentication failed")
        elif verb == "MAIL":
            session.mail_from, session.rcpt_tos = _address(arg), []
            self.reply("250 ok")
        elif verb == "RCPT":
            session.rcpt_tos.append(_address(arg))
            self.reply("250 ok")
        elif verb == "DATA":
            self.reply("354 end with <CRLF>.<CRLF>")
            self.receive(session)
        else:
            self.reply("502 5.5.2 command not implemented")

    def receive(self, session: _Session) -> None:
        lines: list[bytes] = []
        while (raw := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        message = SinkMessage(
            mail_from=session.mail_from or "",
            rcpt_tos=tuple(session.rcpt_tos),
            data=b"".join(lines),
            auth_user=session.auth_user,
        )
        with self.server.sink.lock:
            self.server.sink.messages.append(message)
        self.reply("250 2.0.0 queued")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    sink: SmtpSink


class SmtpSink:
    """Start with ``with SmtpSink() as sink``; ``sink.messages`` holds what arrived."""

    def __init__(
        self,
        *,
        faults: Mapping[str, str] | None = None,
        credentials: tuple[str, str] | None = None,
    ) -> None:
        self.faults = {k.upper(): v for k, v in (faults or {}).items()}
        self.credentials = credentials
        self.messages: list[SinkMessage] = []
        self.lock = threading.Lock()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.sink = self
        self.host, self.port = "127.0.0.1", int(self._server.server_address[1])
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> SmtpSink:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
