"""The public surface: one screen, sorted, and helpful without configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

import sojournal


def test_all_is_sorted_and_importable() -> None:
    assert list(sojournal.__all__) == sorted(sojournal.__all__)
    for name in sojournal.__all__:
        assert hasattr(sojournal, name), name


def test_journalise_without_configuration_says_what_to_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOJOURNAL_CONFIG", raising=False)
    post = sojournal.Post(id="1", channel="messenger", text="hej")
    with pytest.raises(sojournal.ConfigError) as raised:
        sojournal.journalise(post)
    message = str(raised.value)
    assert "SOJOURNAL_CONFIG" in message and "sojournal.toml" in message
    assert "[case_system]" in message and "endpoint" in message


def test_a_secret_in_the_file_is_refused(tmp_path: Path) -> None:
    from sojournal.config import load_settings

    path = tmp_path / "sojournal.toml"
    path.write_text('[case_system]\nendpoint = "http://x"\n[platform]\ntoken = "abc"\n')
    with pytest.raises(sojournal.ConfigError, match=r"\[platform\] token: secrets are not read"):
        load_settings(path, environ={})


def test_secrets_come_from_the_environment(tmp_path: Path) -> None:
    from sojournal.config import load_settings

    path = tmp_path / "sojournal.toml"
    path.write_text('[case_system]\nendpoint = "http://x"\n[ledger]\npath = "l.sqlite"\n')
    settings = load_settings(path, environ={"SOJOURNAL_GRAPH_TOKEN": "s3cr3t-value"})
    assert settings.platform.token is not None
    assert settings.platform.token.get_secret_value() == "s3cr3t-value"
    assert "s3cr3t-value" not in repr(settings)
    assert settings.ledger.path == tmp_path / "l.sqlite"
