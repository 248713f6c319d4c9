"""Settings from one TOML file plus the environment; the only place that reads either.

The file says *where* things are and *how* to behave; secrets (passwords,
tokens, webhook secrets) come only from environment variables, so a config
file can be committed and reviewed. Below this module nothing reads the
environment: adapters get what they need passed in (zeep's style).

Lookup order for the file: an explicit path, ``$SOJOURNAL_CONFIG``, ``./sojournal.toml``.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from sojournal.errors import ConfigError
from sojournal.retry import RetrySettings

__all__ = [
    "CaseSystemConfig",
    "EscalationConfig",
    "GraphConfig",
    "LedgerConfig",
    "PolicyConfig",
    "RepliesConfig",
    "Settings",
    "ShitstormConfig",
    "WebhookConfig",
    "load_settings",
]

ENV_CONFIG = "SOJOURNAL_CONFIG"
DEFAULT_FILE = "sojournal.toml"

_HOW_TO = (
    f"set {ENV_CONFIG} to a TOML file, or create ./{DEFAULT_FILE}, with at least\n"
    '  [case_system]\n  endpoint = "https://esdh.example.dk/sojournal"\n'
    "(see examples/sojournal.toml for every setting)"
)


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class LedgerConfig(_Section):
    path: Path = Path("sojournal.sqlite")
    #: Text of posts left in review/failed is purged after this many days.
    retention_days: int = Field(default=30, ge=1)


class CaseSystemConfig(_Section):
    endpoint: str
    timeout: float = Field(default=15.0, gt=0)
    verify_tls: bool = True
    ca_bundle: Path | None = None
    username: str | None = None
    #: Read from this environment variable, never from the file.
    password_env: str = "SOJOURNAL_ESDH_PASSWORD"  # noqa: S105 - a variable name
    password: SecretStr | None = Field(default=None, exclude=True)


class GraphConfig(_Section):
    kind: Literal["graph", "memory", "none"] = "none"
    base_url: str = "https://graph.facebook.com"
    api_version: str = "v21.0"
    page_id: str | None = None
    timeout: float = Field(default=10.0, gt=0)
    verify_tls: bool = True
    token_env: str = "SOJOURNAL_GRAPH_TOKEN"  # noqa: S105 - a variable name
    token: SecretStr | None = Field(default=None, exclude=True)
    #: The Meta app secret (the same one that signs webhooks): with it, every call carries
    #: an ``appsecret_proof``, so a leaked token alone is useless.
    app_secret_env: str = "SOJOURNAL_WEBHOOK_APP_SECRET"  # noqa: S105 - a variable name
    app_secret: SecretStr | None = Field(default=None, exclude=True)
    #: Block the author of trolling as well as hiding it (guidance: "brugeren kan evt. blokeres").
    block_trolls: bool = False


class PolicyConfig(_Section):
    rules: Path | None = None
    #: Send an automatic acknowledgement to general questions (else staff answer them).
    auto_answer: bool = False


class RepliesConfig(_Section):
    municipality: str = "Kommunen"
    channel: Literal["digital_post", "secure_mail", "phone"] = "digital_post"
    phone: str | None = None
    url: str | None = None
    templates: Path | None = None


class EscalationConfig(_Section):
    kind: Literal["smtp", "file", "log"] = "log"
    recipient: str = "politik-og-organisation@kommune.example"
    sender: str = "sojournal@kommune.example"
    file: Path = Path("escalations.jsonl")
    smtp_host: str = "localhost"
    smtp_port: int = 587
    starttls: bool = True
    smtp_username: str | None = None
    password_env: str = "SOJOURNAL_SMTP_PASSWORD"  # noqa: S105 - a variable name
    password: SecretStr | None = Field(default=None, exclude=True)


class ShitstormConfig(_Section):
    threshold: int = Field(default=10, ge=2)
    window_minutes: float = Field(default=30, gt=0)


class WebhookConfig(_Section):
    host: str = "127.0.0.1"
    port: int = 8443
    threads: int = Field(default=8, ge=1)
    app_secret_env: str = "SOJOURNAL_WEBHOOK_APP_SECRET"  # noqa: S105 - a variable name
    verify_token_env: str = "SOJOURNAL_WEBHOOK_VERIFY_TOKEN"  # noqa: S105 - a variable name
    app_secret: SecretStr | None = Field(default=None, exclude=True)
    verify_token: SecretStr | None = Field(default=None, exclude=True)


class Settings(_Section):
    """Everything sojournal needs to run, already validated."""

    source: str = "<defaults>"
    ledger: LedgerConfig = LedgerConfig()
    case_system: CaseSystemConfig
    platform: GraphConfig = GraphConfig()
    policy: PolicyConfig = PolicyConfig()
    replies: RepliesConfig = RepliesConfig()
    escalation: EscalationConfig = EscalationConfig()
    shitstorm: ShitstormConfig = ShitstormConfig()
    webhook: WebhookConfig = WebhookConfig()
    retry: RetrySettings = RetrySettings()


def _find_file(path: str | Path | None, environ: Mapping[str, str]) -> Path:
    if path is not None:
        chosen, why = Path(path), "the --config option"
    elif environ.get(ENV_CONFIG):
        chosen, why = Path(environ[ENV_CONFIG]), f"${ENV_CONFIG}"
    elif Path(DEFAULT_FILE).is_file():
        return Path(DEFAULT_FILE)
    else:
        raise ConfigError(f"no sojournal configuration found: {_HOW_TO}")
    if not chosen.is_file():
        raise ConfigError(f"{chosen}: configuration file named by {why} does not exist")
    return chosen


def _secret(environ: Mapping[str, str], name: str) -> SecretStr | None:
    value = environ.get(name)
    return SecretStr(value) if value else None


def _with_secrets(raw: dict[str, object], environ: Mapping[str, str]) -> dict[str, object]:
    """Fill the secret fields from the environment variables the file names."""

    def section(name: str) -> dict[str, object]:
        value = raw.get(name)
        if value is None:
            value = {}
            raw[name] = value
        if not isinstance(value, dict):
            raise ConfigError(f"[{name}] must be a table")
        return value

    for name, pairs in {
        "case_system": (("password", "password_env", "SOJOURNAL_ESDH_PASSWORD"),),
        "platform": (
            ("token", "token_env", "SOJOURNAL_GRAPH_TOKEN"),
            ("app_secret", "app_secret_env", "SOJOURNAL_WEBHOOK_APP_SECRET"),
        ),
        "escalation": (("password", "password_env", "SOJOURNAL_SMTP_PASSWORD"),),
        "webhook": (
            ("app_secret", "app_secret_env", "SOJOURNAL_WEBHOOK_APP_SECRET"),
            ("verify_token", "verify_token_env", "SOJOURNAL_WEBHOOK_VERIFY_TOKEN"),
        ),
    }.items():
        table = section(name)
        for field, env_field, default_env in pairs:
            if field in table:
                raise ConfigError(
                    f"[{name}] {field}: secrets are not read from files; "
                    f"set the environment variable named by {env_field} instead"
                )
            env_name = str(table.get(env_field, default_env))
            secret = _secret(environ, env_name)
            if secret is not None:
                table[field] = secret
    return raw


def load_settings(
    path: str | Path | None = None, *, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read and validate the configuration; a ``ConfigError`` says exactly what to fix.

    Relative paths in the file are taken relative to the file, so a scheduled job
    finds its ledger wherever it is started from.
    """
    env = os.environ if environ is None else environ
    file = _find_file(path, env)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{file}: not valid TOML: {error}") from error
    except OSError as error:
        raise ConfigError(f"{file}: cannot read: {error.strerror}") from error
    if "case_system" not in raw:
        raise ConfigError(f"{file}: [case_system] endpoint is missing: {_HOW_TO}")
    raw = _with_secrets(raw, env)
    raw["source"] = str(file)
    try:
        settings = Settings.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"{file}: {where}: {first['msg']}") from None
    return _resolve_paths(settings, file.parent)


def _resolve_paths(settings: Settings, base: Path) -> Settings:
    def rel(p: Path | None) -> Path | None:
        return None if p is None or p.is_absolute() else base / p

    ledger = settings.ledger.model_copy(update={"path": rel(settings.ledger.path)})
    escalation = settings.escalation.model_copy(update={"file": rel(settings.escalation.file)})
    policy = settings.policy.model_copy(
        update={"rules": rel(settings.policy.rules) or settings.policy.rules}
    )
    replies = settings.replies.model_copy(
        update={"templates": rel(settings.replies.templates) or settings.replies.templates}
    )
    return settings.model_copy(
        update={"ledger": ledger, "escalation": escalation, "policy": policy, "replies": replies}
    )
