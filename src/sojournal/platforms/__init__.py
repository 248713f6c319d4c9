"""Platforms: sources that read posts, and adapters that act on the platform."""

from sojournal.platforms.port import Escalation, Notifier, Platform

__all__ = ["Escalation", "Notifier", "Platform"]
