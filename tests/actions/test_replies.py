"""Reply templates: each branch, the channel wording, overrides and their errors."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest

from sojournal.errors import ConfigError
from sojournal.models import Decision
from sojournal.replies import (
    ReplySettings,
    check_reply_settings,
    compose_reply,
    reply_mode,
)

FREDENSBORG = ReplySettings(municipality="Fredensborg Kommune", channel="digital_post")
CASE = Decision(category="case", journalise=True, remove="delete", reply="redirect")
CASE_DM = Decision(category="case", journalise=True, reply="redirect")
COMPLAINT = Decision(category="complaint", journalise=True, reply="redirect")
COMPLAINT_HIDDEN = Decision(category="complaint", journalise=True, remove="hide", reply="redirect")
QUESTION = Decision(category="general", journalise=False, reply="answer")
POLITICAL = Decision(category="political", journalise=False)
TROLL = Decision(category="offensive", journalise=False, remove="hide", escalate=None)


def compose(decision: Decision, *, removed: bool, private: bool, **settings: object) -> str:
    values = {"municipality": "Fredensborg Kommune", "channel": "digital_post", **settings}
    text = compose_reply(
        decision,
        removed=removed,
        private=private,
        settings=ReplySettings.model_validate(values),
    )
    assert text is not None
    return text


def test_case_deleted_redirects_and_says_why_it_was_deleted() -> None:
    text = compose(CASE, removed=True, private=True)
    assert text.startswith("Tak for din henvendelse. Vi kan ikke behandle sager på sociale medier")
    assert "skriv venligst til os via Digital Post på borger.dk" in text
    assert "Vi har slettet dit opslag, fordi det indeholdt personlige oplysninger" in text
    assert text.endswith("\n\nMed venlig hilsen Fredensborg Kommune")


def test_case_in_messenger_is_private_and_removes_nothing() -> None:
    text = compose(CASE_DM, removed=False, private=True)
    assert "heller ikke i private beskeder" in text
    assert "slettet" not in text and "skjult" not in text


def test_case_kept_public_warns_against_personal_data() -> None:
    text = compose(CASE_DM, removed=False, private=False)
    assert "Skriv ikke personlige oplysninger her på siden" in text
    assert "slettet" not in text


def test_complaint_has_its_own_wording_in_every_variant() -> None:
    public = compose(COMPLAINT, removed=False, private=False)
    hidden = compose(COMPLAINT_HIDDEN, removed=True, private=True)
    deleted = compose(COMPLAINT.model_copy(update={"remove": "delete"}), removed=True, private=True)
    dm = compose(COMPLAINT, removed=False, private=True)
    assert all("Vi tager klager alvorligt" in t for t in (public, hidden, deleted, dm))
    assert "Vi har skjult din kommentar" in hidden and "slettet" not in hidden
    assert "Vi har slettet dit opslag" in deleted
    assert "skjult" not in public and "slettet" not in public


def test_answer_acknowledges_and_points_to_the_website() -> None:
    text = compose(QUESTION, removed=False, private=False)
    assert "Vi har givet det videre" in text
    assert "på Fredensborg Kommunes hjemmeside" in text
    with_url = compose(QUESTION, removed=False, private=False, url="https://fredensborg.dk")
    assert "på https://fredensborg.dk." in with_url
    deleted = compose(QUESTION.model_copy(update={"remove": "delete"}), removed=True, private=True)
    assert "Vi har slettet dit opslag" in deleted and "Digital Post" in deleted


@pytest.mark.parametrize(
    ("channel", "extra", "expected"),
    [
        ("digital_post", {}, "via Digital Post på borger.dk"),
        ("secure_mail", {}, "via sikker mail via Fredensborg Kommunes hjemmeside"),
        (
            "secure_mail",
            {"url": "https://fredensborg.dk/kontakt"},
            "https://fredensborg.dk/kontakt",
        ),
        ("phone", {"phone": "72 56 50 00"}, "via telefon på 72 56 50 00"),
    ],
)
def test_channel_wording(channel: str, extra: dict[str, str], expected: str) -> None:
    assert expected in compose(CASE, removed=True, private=True, channel=channel, **extra)


def test_no_reply_for_political_trolling_and_none() -> None:
    for decision in (
        POLITICAL,
        TROLL,
        Decision(category="general", journalise=False, reply="none"),
        # the guidance does not answer political posts, even if a policy asks to
        Decision(category="political", journalise=False, reply="answer"),
    ):
        assert compose_reply(decision, removed=False, private=False, settings=FREDENSBORG) is None
        assert reply_mode(decision, "facebook_comment") == "none"


def test_reply_mode_branches() -> None:
    assert reply_mode(CASE, "facebook_comment") == "private"  # deleted: nothing to reply under
    assert reply_mode(COMPLAINT_HIDDEN, "instagram_comment") == "private"
    assert reply_mode(CASE_DM, "messenger") == "private"
    assert reply_mode(COMPLAINT, "facebook_post") == "public"
    assert reply_mode(QUESTION, "facebook_comment") == "public"
    # a question whose comment was actually removed (sensitive data) is answered privately
    assert reply_mode(QUESTION, "facebook_comment", removed=True) == "private"
    assert reply_mode(POLITICAL, "facebook_comment", removed=True) == "none"


def test_phone_channel_without_a_number_is_a_config_error() -> None:
    settings = ReplySettings(municipality="Fredensborg Kommune", channel="phone")
    with pytest.raises(ConfigError, match=r"replies_da\.toml: channels\.phone: .*\{phone\}"):
        compose_reply(CASE, removed=True, private=True, settings=settings)
    with pytest.raises(ConfigError, match="phone"):
        check_reply_settings(settings)
    check_reply_settings(FREDENSBORG)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vores_svar.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_override_replaces_only_the_given_templates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[redirect]\ndeleted = "Hej! Skriv til {municipality} via {channel}. Opslaget er væk."\n'
        '[channels]\ndigital_post = "e-Boks"\n',
    )
    settings = FREDENSBORG.model_copy(update={"templates_path": path})
    assert compose_reply(CASE, removed=True, private=True, settings=settings) == (
        "Hej! Skriv til Fredensborg Kommune via e-Boks. Opslaget er væk."
    )
    complaint = compose_reply(COMPLAINT, removed=False, private=False, settings=settings)
    assert (
        complaint is not None and "Vi tager klager alvorligt" in complaint and "e-Boks" in complaint
    )
    # an edited file is read again
    path.write_text('[redirect]\ndeleted = "Ændret tekst fra {municipality}, ny længde"\n', "utf-8")
    assert compose_reply(CASE, removed=True, private=True, settings=settings) == (
        "Ændret tekst fra Fredensborg Kommune, ny længde"
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            '[redirect]\nremoved = "x"\n',
            r"vores_svar\.toml: redirect\.removed: unknown template key",
        ),
        ('[greeting]\nhello = "x"\n', r"vores_svar\.toml: greeting: unknown template section"),
        ('[answer]\npublic = "Hej {navn}"\n', r"vores_svar\.toml: answer\.public: .*\{navn\}"),
        ('[answer]\npublic = "Hej {url!r}"\n', r"vores_svar\.toml: answer\.public: unknown"),
        ('[answer]\npublic = "Hej {"\n', r"vores_svar\.toml: answer\.public: "),
        ('[answer]\npublic = ""\n', r"vores_svar\.toml: answer\.public: must be"),
        ('[channels]\nphone = "{channel}"\n', r"vores_svar\.toml: channels\.phone: "),
        ("[answer\n", r"vores_svar\.toml: not valid TOML"),
    ],
)
def test_bad_override_names_file_and_key(tmp_path: Path, text: str, where: str) -> None:
    settings = FREDENSBORG.model_copy(update={"templates_path": write(tmp_path, text)})
    with pytest.raises(ConfigError, match=where):
        compose_reply(QUESTION, removed=False, private=False, settings=settings)


def test_missing_override_file_is_a_config_error(tmp_path: Path) -> None:
    settings = FREDENSBORG.model_copy(update={"templates_path": tmp_path / "nope.toml"})
    with pytest.raises(ConfigError, match=r"nope\.toml"):
        check_reply_settings(settings)


def test_bundled_templates_are_danish_and_hold_no_personal_data() -> None:
    raw = resources.files("sojournal").joinpath("replies_da.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    texts = [t for section in data.values() for t in section.values()]
    assert len(texts) == 15
    assert any(c in "".join(texts) for c in "æøå")
    for t in texts:
        assert not re.search(r"\d{3,}", t)  # no CPR, phone or case numbers
        assert not re.search(r"\S+@\S+", t)  # no e-mail addresses
        assert "Fredensborg" not in t  # the municipality comes from settings


def test_reply_never_contains_anything_but_settings_and_template() -> None:
    # compose_reply has no access to the post at all: same output for any two posts
    a = compose(CASE, removed=True, private=True)
    b = compose(CASE.model_copy(update={"reasons": (), "pii": ()}), removed=True, private=True)
    assert a == b
