"""Escalations by e-mail, with SMTP failures mapped to retry-or-not.

The connection comes from an injected ``smtp_factory`` (``smtplib.SMTP`` by
default) so tests run against a real local server and deployments can swap in
``SMTP_SSL``. STARTTLS is required by default: when it is configured but not
offered, we refuse to send rather than fall back to plain text with a password.

A 4xx reply, a dropped connection or a timeout is a ``TransientError`` (the
pipeline tries again on the next run); a 5xx refusal is a ``PermanentError``,
a refused login an ``AuthError``. Messages name host, port and SMTP code only.
"""

from __future__ import annotations

import contextlib
import hashlib
import smtplib
import ssl
from collections.abc import Callable
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from sojournal.errors import AuthError, PermanentError, TransientError
from sojournal.notify.message import body, subject
from sojournal.platforms.port import Escalation

__all__ = ["SmtpConnection", "SmtpNotifier", "SmtpSettings", "build_email"]


class SmtpSettings(BaseModel):
    """Where escalation e-mails go. ``recipient`` is the address from config
    (Center for Politik og Organisation); the password only ever arrives here,
    from the environment via ``config.py``, and never shows in a repr.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field(min_length=1)
    port: int = Field(default=587, ge=1, le=65535)
    sender: str = Field(min_length=3)
    recipient: str = Field(min_length=3)
    starttls: bool = True
    username: str | None = None
    password: SecretStr | None = None
    timeout: float = Field(default=30.0, gt=0)


class SmtpConnection(Protocol):
    """The part of ``smtplib.SMTP`` we use."""

    def ehlo_or_helo_if_needed(self) -> None: ...

    def starttls(self, *, context: ssl.SSLContext | None = ...) -> object: ...

    def login(self, user: str, password: str) -> object: ...

    def send_message(self, msg: EmailMessage) -> object: ...

    def quit(self) -> object: ...

    def close(self) -> None: ...


def _default_factory(settings: SmtpSettings) -> SmtpConnection:
    return smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)


def _utcnow() -> datetime:
    return datetime.now(UTC)


def build_email(escalation: Escalation, settings: SmtpSettings, now: datetime) -> EmailMessage:
    """The message as sent; its Message-ID is derived from the escalation, so a
    re-sent escalation can be recognised as the same one by the recipient's mail system.
    """
    msg = EmailMessage()
    msg["From"] = settings.sender
    msg["To"] = settings.recipient
    msg["Subject"] = subject(escalation)
    msg["Date"] = format_datetime(now.astimezone(UTC))
    ident = f"{escalation.kind}\x1f{escalation.post_id}\x1f{escalation.thread_id or ''}"
    msg["Message-ID"] = f"<sj-{hashlib.sha256(ident.encode()).hexdigest()[:32]}@sojournal>"
    # quoted-printable keeps æøå safe through servers without 8BITMIME.
    msg.set_content(body(escalation), charset="utf-8", cte="quoted-printable")
    return msg


class SmtpNotifier:
    """A ``Notifier`` that e-mails each escalation to one configured recipient."""

    def __init__(
        self,
        settings: SmtpSettings,
        smtp_factory: Callable[[SmtpSettings], SmtpConnection] = _default_factory,
        clock: Callable[[], datetime] = _utcnow,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._settings = settings
        self._factory = smtp_factory
        self._clock = clock
        self._ssl_context = ssl_context

    def escalate(self, escalation: Escalation) -> None:
        msg = build_email(escalation, self._settings, self._clock())
        where = f"SMTP {self._settings.host}:{self._settings.port}"
        try:
            self._send(msg)
        except smtplib.SMTPAuthenticationError as exc:
            raise AuthError(f"{where}: login refused ({exc.smtp_code})") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise PermanentError(f"{where}: STARTTLS or AUTH not offered by the server") from exc
        except smtplib.SMTPRecipientsRefused as exc:
            codes = sorted({code for code, _ in exc.recipients.values()})
            raise _by_code(codes[-1], f"{where}: recipient refused ({codes[-1]})") from exc
        except smtplib.SMTPResponseException as exc:
            raise _by_code(exc.smtp_code, f"{where}: refused ({exc.smtp_code})") from exc
        except (smtplib.SMTPException, OSError) as exc:
            # connection refused/reset/dropped, timeouts, TLS handshake failures
            raise TransientError(f"{where}: {type(exc).__name__}") from exc

    def _send(self, msg: EmailMessage) -> None:
        settings = self._settings
        smtp = self._factory(settings)
        try:
            if settings.starttls:
                smtp.ehlo_or_helo_if_needed()
                context = self._ssl_context or ssl.create_default_context()
                smtp.starttls(context=context)
            if settings.username is not None and settings.password is not None:
                smtp.login(settings.username, settings.password.get_secret_value())
            smtp.send_message(msg)
            # The message is accepted; a failed goodbye must not make the caller send it again.
            with contextlib.suppress(smtplib.SMTPException, OSError):
                smtp.quit()
        finally:
            smtp.close()


def _by_code(code: int, message: str) -> TransientError | PermanentError:
    return TransientError(message) if 400 <= code < 500 else PermanentError(message)
