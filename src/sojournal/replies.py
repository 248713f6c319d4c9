"""What we answer a citizen, and where: Danish reply templates as data.

The guidance (anbefaling 5-6) says: meet the citizen in a recognising tone, do
not handle cases on social media, point to the proper channel, and delete
posts about case handling or with sensitive data. Political posts are, as a
rule, not answered, and trolling gets no reply. The wording is the
municipality's to choose, so it lives in ``replies_da.toml`` and a
municipality can override any text with its own file; the code only picks
the template and fills in the municipality's name and channel.

Public or private? A deleted comment has nothing left to reply under, and a
public reply under a hidden comment would put the hidden comment back in
everyone's view, so any removed post gets a private reply. Messenger is
private by nature. Everything else is answered where it was asked.
Meta finds the recipient of a private reply from the comment itself, so a
comment that is to be deleted must get its private reply *before* the delete.

>>> from sojournal.models import Decision
>>> case = Decision(category="case", journalise=True, remove="delete", reply="redirect")
>>> reply_mode(case, "facebook_comment")
'private'
>>> s = ReplySettings(municipality="Fredensborg Kommune", channel="digital_post")
>>> text = compose_reply(case, removed=True, private=True, settings=s)
>>> text.startswith("Tak for din henvendelse. Vi kan ikke behandle sager på sociale medier")
True
>>> "Digital Post" in text and "Vi har slettet dit opslag" in text
True
>>> compose_reply(Decision(category="political", journalise=False), removed=False,
...     private=False, settings=s) is None
True
"""

from __future__ import annotations

import functools
import string
import tomllib
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sojournal.errors import ConfigError
from sojournal.models import Channel, Decision

__all__ = [
    "DEFAULT_TEMPLATES",
    "ReplyMode",
    "ReplySettings",
    "check_reply_settings",
    "compose_reply",
    "reply_mode",
]

ReplyMode = Literal["public", "private", "none"]
ContactChannel = Literal["digital_post", "secure_mail", "phone"]
Variant = Literal["deleted", "hidden", "private", "public"]

#: The bundled templates' file name, as shown in error messages.
DEFAULT_TEMPLATES = "replies_da.toml"

_VARIANTS: tuple[Variant, ...] = ("deleted", "hidden", "private", "public")
_SECTIONS: dict[str, tuple[str, ...]] = {
    "channels": ("digital_post", "secure_mail", "phone"),
    "redirect": _VARIANTS,
    "redirect_complaint": _VARIANTS,
    "answer": _VARIANTS,
}
_PLACEHOLDERS = frozenset({"municipality", "channel", "phone", "url", "website"})
# Categories the guidance does not answer, whatever a policy says.
_SILENT_CATEGORIES = frozenset({"political", "offensive"})


class ReplySettings(BaseModel):
    """The municipality's name and its proper channel; from config, never from a post."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    municipality: str = Field(min_length=1)
    channel: ContactChannel = "digital_post"
    phone: str | None = None
    url: str | None = None
    templates_path: Path | None = None


class _Template(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    source: str  # file name, for error messages
    key: str  # "section.name"


def reply_mode(decision: Decision, channel: Channel, *, removed: bool = False) -> ReplyMode:
    """Where the reply goes; see the module docstring for why removed posts get a private one.

    ``removed`` says the post is actually gone from view. A post the policy
    wanted removed but that still stands (no platform access) is also answered
    privately: a public reply would only draw eyes to what should not be there.

    >>> from sojournal.models import Decision
    >>> question = Decision(category="general", journalise=False, reply="answer")
    >>> reply_mode(question, "facebook_comment"), reply_mode(question, "messenger")
    ('public', 'private')
    >>> reply_mode(Decision(category="offensive", journalise=False, remove="hide"),
    ...     "facebook_comment")
    'none'
    """
    if not _reply_due(decision):
        return "none"
    if removed or channel == "messenger" or decision.remove is not None:
        return "private"
    return "public"


def _reply_due(decision: Decision) -> bool:
    return decision.reply != "none" and decision.category not in _SILENT_CATEGORIES


def compose_reply(
    decision: Decision, *, removed: bool, private: bool, settings: ReplySettings
) -> str | None:
    """The reply text, or None when no reply is due.

    ``removed`` says the post was actually deleted or hidden (the text then
    says which, from ``decision.remove``); ``private`` that the reply goes to
    the citizen alone (Messenger, or a private reply to a removed comment).
    """
    if not _reply_due(decision):
        return None
    section = "answer" if decision.reply == "answer" else "redirect"
    if section == "redirect" and decision.category == "complaint":
        section = "redirect_complaint"
    variant: Variant
    if removed:
        variant = "hidden" if decision.remove == "hide" else "deleted"
    else:
        variant = "private" if private else "public"
    templates = _load(settings.templates_path)
    return _render(templates[f"{section}.{variant}"], settings, templates)


def check_reply_settings(settings: ReplySettings) -> None:
    """Render every template once, so a missing phone number or a broken override
    file stops the run at start-up (``ConfigError``) instead of at the first reply.
    """
    templates = _load(settings.templates_path)
    for key, template in templates.items():
        if not key.startswith("channels."):
            _render(template, settings, templates)


def _render(template: _Template, settings: ReplySettings, templates: dict[str, _Template]) -> str:
    channel_template = templates[f"channels.{settings.channel}"]
    values = _values(settings)
    values["channel"] = _fill(channel_template, values)
    return _fill(template, values)


def _values(settings: ReplySettings) -> dict[str, str | None]:
    return {
        "municipality": settings.municipality,
        "phone": settings.phone,
        "url": settings.url,
        "website": settings.url or f"{_genitive(settings.municipality)} hjemmeside",
    }


def _fill(template: _Template, values: dict[str, str | None]) -> str:
    for name in _fields(template):
        if values.get(name) is None:
            raise ConfigError(
                f"{template.source}: {template.key}: placeholder {{{name}}} has no value "
                f"(set {name} in the reply settings)"
            )
    return template.text.format_map(values)


def _fields(template: _Template) -> set[str]:
    try:
        parsed = list(string.Formatter().parse(template.text))
    except ValueError as exc:
        raise ConfigError(f"{template.source}: {template.key}: {exc}") from exc
    names = set()
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in _PLACEHOLDERS or spec or conversion:
            raise ConfigError(
                f"{template.source}: {template.key}: unknown placeholder {{{name}}}; "
                f"known: {', '.join(sorted(_PLACEHOLDERS))}"
            )
        names.add(name)
    return names


def _genitive(name: str) -> str:
    """Danish genitive: an apostrophe after s, x and z, else an s.

    >>> _genitive("Fredensborg Kommune"), _genitive("Frederiks")
    ('Fredensborg Kommunes', "Frederiks'")
    """
    return name + "'" if name[-1:].lower() in {"s", "x", "z"} else name + "s"


def _load(path: Path | None) -> dict[str, _Template]:
    if path is None:
        return _defaults()
    try:
        stat = Path(path).stat()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read reply templates: {exc.strerror}") from exc
    return _with_override(str(path), stat.st_mtime_ns, stat.st_size)


@functools.cache
def _defaults() -> dict[str, _Template]:
    text = resources.files("sojournal").joinpath(DEFAULT_TEMPLATES).read_text(encoding="utf-8")
    templates = _parse(text, DEFAULT_TEMPLATES)
    missing = [f"{s}.{k}" for s, keys in _SECTIONS.items() for k in keys]
    missing = [key for key in missing if key not in templates]
    if missing:
        raise ConfigError(f"{DEFAULT_TEMPLATES}: {missing[0]}: template missing")
    return templates


@functools.lru_cache(maxsize=8)
def _with_override(path: str, mtime_ns: int, size: int) -> dict[str, _Template]:
    # keyed on mtime and size so an edited override file is read again
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read reply templates: {exc}") from exc
    return {**_defaults(), **_parse(text, path)}


def _parse(text: str, source: str) -> dict[str, _Template]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    templates: dict[str, _Template] = {}
    for section, entries in data.items():
        if section not in _SECTIONS or not isinstance(entries, dict):
            raise ConfigError(
                f"{source}: {section}: unknown template section; "
                f"known: {', '.join(sorted(_SECTIONS))}"
            )
        for name, value in entries.items():
            key = f"{section}.{name}"
            if name not in _SECTIONS[section]:
                raise ConfigError(
                    f"{source}: {key}: unknown template key; "
                    f"known in [{section}]: {', '.join(_SECTIONS[section])}"
                )
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{source}: {key}: must be a non-empty string")
            template = _Template(text=value, source=source, key=key)
            names = _fields(template)  # unknown placeholders fail at load, not at reply time
            if section == "channels" and "channel" in names:
                raise ConfigError(f"{source}: {key}: a channel cannot refer to {{channel}}")
            templates[key] = template
    return templates
