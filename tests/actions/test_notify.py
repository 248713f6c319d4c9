"""Escalation notifiers against a real local SMTP server, a file and a logger."""

from __future__ import annotations

import email
import email.policy
import logging
import smtplib
import socket
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from sojournal.errors import AuthError, PermanentError, TransientError
from sojournal.notify import (
    FanoutNotifier,
    FileNotifier,
    LogNotifier,
    SmtpNotifier,
    SmtpSettings,
    read_escalations,
)
from sojournal.platforms.port import Escalation
from sojournal.testing.smtp_sink import SmtpSink

POST_TEXT = "Jeg hedder Søren Ærø og min CPR er 010203-1234, kommunen er elendig"
NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
SHITSTORM = Escalation(
    kind="shitstorm", post_id="111_222", thread_id="111", rules=("shitstorm.threshold",)
)
TROLL = Escalation(kind="trolling", post_id="111_333", rules=("offensive.insult", "tone.caps"))


def settings(sink: SmtpSink, **overrides: object) -> SmtpSettings:
    values: dict[str, object] = {
        "host": sink.host,
        "port": sink.port,
        "sender": "sojournal@kommune.example",
        "recipient": "politik-og-organisation@kommune.example",
        "starttls": False,
        "timeout": 5.0,
    }
    return SmtpSettings.model_validate({**values, **overrides})


def received(sink: SmtpSink) -> EmailMessage:
    assert len(sink.messages) == 1
    msg = email.message_from_bytes(sink.messages[0].data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_email_arrives_with_ids_and_danish_explanation_but_no_post_text() -> None:
    with SmtpSink() as sink:
        SmtpNotifier(settings(sink), clock=lambda: NOW).escalate(SHITSTORM)
    msg = received(sink)
    assert sink.messages[0].rcpt_tos == ("politik-og-organisation@kommune.example",)
    assert sink.messages[0].mail_from == "sojournal@kommune.example"
    assert msg["Subject"] == "Eskalering fra sojournal: shitstorm i tråd 111"
    assert msg["Date"] == "Sun, 01 Mar 2026 08:00:00 +0000"
    text = msg.get_content()
    assert "Opslag-id: 111_222" in text and "Tråd-id: 111" in text
    assert "Regler: shitstorm.threshold" in text
    assert "straks orienteres" in text
    raw = sink.messages[0].data.decode("ascii")
    for fragment in ("Søren", "Ærø", "010203", "elendig", "S=C3=B8ren"):
        assert fragment not in raw and fragment not in text


def test_each_kind_has_its_own_explanation() -> None:
    with SmtpSink() as sink:
        notifier = SmtpNotifier(settings(sink))
        notifier.escalate(TROLL)
        notifier.escalate(Escalation(kind="critical", post_id="9"))
    bodies = [
        email.message_from_bytes(m.data, policy=email.policy.default).get_body().get_content()  # type: ignore[union-attr]
        for m in sink.messages
    ]
    assert "blokeres" in bodies[0] and "Regler: offensive.insult, tone.caps" in bodies[0]
    assert "særligt kritisk" in bodies[1] and "Tråd-id: -" in bodies[1]


def test_same_escalation_gets_the_same_message_id() -> None:
    with SmtpSink() as sink:
        notifier = SmtpNotifier(settings(sink))
        notifier.escalate(TROLL)
        notifier.escalate(TROLL)
        notifier.escalate(SHITSTORM)
    ids = [email.message_from_bytes(m.data)["Message-ID"] for m in sink.messages]
    assert ids[0] == ids[1] != ids[2]


def test_login_uses_passed_in_credentials() -> None:
    with SmtpSink(credentials=("sj", "hemmeligt")) as sink:
        SmtpNotifier(settings(sink, username="sj", password="hemmeligt")).escalate(TROLL)
    assert sink.messages[0].auth_user == "sj"


def test_refused_login_is_an_auth_error_without_the_password() -> None:
    with SmtpSink(credentials=("sj", "rigtigt")) as sink:
        notifier = SmtpNotifier(settings(sink, username="sj", password="forkert-kode"))
        with pytest.raises(AuthError) as info:
            notifier.escalate(TROLL)
    assert "535" in str(info.value) and "forkert-kode" not in str(info.value)
    assert "forkert-kode" not in repr(settings(sink, password="forkert-kode"))
    assert sink.messages == []


@pytest.mark.parametrize(
    ("faults", "error"),
    [
        ({"RCPT": "550 5.1.1 no such user"}, PermanentError),
        ({"RCPT": "450 4.2.1 mailbox busy"}, TransientError),
        ({"MAIL": "451 4.3.0 try again later"}, TransientError),
        ({"MAIL": "553 5.7.1 sender rejected"}, PermanentError),
        ({"DATA": "554 5.6.0 message refused"}, PermanentError),
        ({"DATA": "drop"}, TransientError),
        ({"EHLO": "drop"}, TransientError),
    ],
)
def test_smtp_errors_map_to_transient_or_permanent(
    faults: dict[str, str], error: type[Exception]
) -> None:
    with SmtpSink(faults=faults) as sink, pytest.raises(error) as info:
        SmtpNotifier(settings(sink)).escalate(TROLL)
    assert not isinstance(info.value, TransientError) or error is TransientError
    assert f"{sink.host}:{sink.port}" in str(info.value)


def test_a_failed_goodbye_after_delivery_is_not_an_error() -> None:
    with SmtpSink(faults={"QUIT": "drop"}) as sink:
        SmtpNotifier(settings(sink)).escalate(TROLL)
    assert len(sink.messages) == 1


def test_starttls_required_but_not_offered_is_permanent() -> None:
    with SmtpSink() as sink, pytest.raises(PermanentError, match="STARTTLS"):
        SmtpNotifier(settings(sink, starttls=True)).escalate(TROLL)
    assert sink.messages == []


def test_connection_refused_and_timeout_are_transient() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    refused = SmtpSettings(host="127.0.0.1", port=port, sender="a@b.dk", recipient="c@d.dk")
    with pytest.raises(TransientError):
        SmtpNotifier(refused).escalate(TROLL)

    with socket.socket() as silent:  # accepts, never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        host, port = silent.getsockname()
        slow = SmtpSettings(host=host, port=port, sender="a@b.dk", recipient="c@d.dk", timeout=0.3)
        with pytest.raises(TransientError):
            SmtpNotifier(slow).escalate(TROLL)


def test_factory_is_injectable() -> None:
    opened: list[SmtpSettings] = []
    with SmtpSink() as sink:

        def factory(s: SmtpSettings) -> smtplib.SMTP:
            opened.append(s)
            return smtplib.SMTP(s.host, s.port, timeout=s.timeout)

        SmtpNotifier(settings(sink), smtp_factory=factory).escalate(TROLL)
    assert len(opened) == 1 and len(sink.messages) == 1


def test_file_notifier_appends_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "escalations.jsonl"
    notifier = FileNotifier(path, clock=lambda: NOW)
    notifier.escalate(SHITSTORM)
    notifier.escalate(TROLL)
    assert read_escalations(path) == [SHITSTORM, TROLL]
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith('{"time": "2026-03-01T08:00:00+00:00", "kind": "shitstorm"')


def test_file_notifier_unwritable_is_transient(tmp_path: Path) -> None:
    with pytest.raises(TransientError):
        FileNotifier(tmp_path / "missing-dir" / "x.jsonl").escalate(TROLL)


def test_log_notifier_logs_ids_only(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.escalation")
    with caplog.at_level(logging.WARNING, logger="test.escalation"):
        LogNotifier(logger).escalate(SHITSTORM)
    assert caplog.messages == [
        "escalation kind=shitstorm post_id=111_222 thread_id=111 rules=shitstorm.threshold"
    ]


def test_fanout_tries_all_then_raises_first_failure(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    broken = FileNotifier(tmp_path / "nope" / "e.jsonl")
    with pytest.raises(TransientError):
        FanoutNotifier([broken, FileNotifier(path)]).escalate(TROLL)
    assert read_escalations(path) == [TROLL]
