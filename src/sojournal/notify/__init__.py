"""Notifiers: how an escalation reaches a person (``Notifier`` port adapters)."""

from sojournal.notify.fanout import FanoutNotifier
from sojournal.notify.file import FileNotifier, read_escalations
from sojournal.notify.log import LogNotifier
from sojournal.notify.smtp import SmtpNotifier, SmtpSettings

__all__ = [
    "FanoutNotifier",
    "FileNotifier",
    "LogNotifier",
    "SmtpNotifier",
    "SmtpSettings",
    "read_escalations",
]
