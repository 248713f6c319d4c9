"""Building, rendering and validating the case document against the packaged XSD."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from sojournal.document import (
    CASEDOCUMENT_NS,
    LEGAL_BASIS_PRIVATE,
    build_case_document,
    render_document,
    validate_document,
)
from sojournal.errors import DocumentError, SojournalError
from sojournal.models import Attachment, Post
from sojournal.xmlsafe import REPLACEMENT, parse_xml, xml_safe_text

from .conftest import NASTY_CHARS, SECRET_NAME, SECRET_TEXT, make_decision, make_document, make_post

NS = {"cd": CASEDOCUMENT_NS}


def _text(xml: bytes, path: str) -> str | None:
    found = parse_xml(xml).find(path, NS)
    return None if found is None else found.text


def test_build_takes_everything_from_post_and_decision() -> None:
    post, decision = make_post(3), make_decision()
    doc = build_case_document(post, decision, kle_number="05.01.08", handling_facet="G01")
    assert doc.idempotency_key == post.idempotency_key
    assert doc.title == "Henvendelse via Facebook-kommentar (klage)"
    assert doc.access_restricted is True
    assert doc.case_reference == "SAG-2026-17"
    assert doc.received == post.created
    assert (doc.sender_name, doc.sender_id, doc.platform_post_id) == (
        SECRET_NAME,
        "user-3",
        post.id,
    )
    assert doc.body == post.text and doc.attachments == post.attachments
    assert (doc.category, doc.reasons, doc.policy_version) == (
        "complaint",
        decision.reasons,
        "2026.1",
    )


def test_title_never_quotes_the_post_and_follows_direction_and_channel() -> None:
    post = make_post(channel="messenger", text="Mit navn er Hemmelig")
    doc = build_case_document(
        post,
        make_decision(category="case", sensitive=False, case_refs=()),
        kle_number="00.01.00",
        handling_facet="A00",
        direction="outgoing",
    )
    assert doc.title == "Svar via Messenger-besked (sag)"
    assert "Hemmelig" not in doc.title
    assert doc.access_restricted is False and doc.case_reference is None


def test_received_falls_back_to_the_injected_clock() -> None:
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    doc = build_case_document(
        make_post(created=None),
        make_decision(),
        kle_number="05.01.08",
        handling_facet="G01",
        clock=lambda: moment,
    )
    assert doc.received == moment


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("kle_number", {"kle_number": "5.1.8", "handling_facet": "G01"}),
        ("handling_facet", {"kle_number": "05.01.08", "handling_facet": "g1"}),
    ],
)
def test_build_rejects_bad_classification_naming_the_field(field: str, kwargs: Any) -> None:
    with pytest.raises(DocumentError, match=field) as caught:
        build_case_document(make_post(), make_decision(), **kwargs)
    assert SECRET_TEXT not in str(caught.value) and kwargs[field] not in str(caught.value)


def test_rendered_document_is_valid_and_carries_every_field() -> None:
    doc = make_document(7)
    xml = render_document(doc)
    validate_document(xml)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = parse_xml(xml)
    assert root.tag == f"{{{CASEDOCUMENT_NS}}}caseDocument"
    assert _text(xml, "cd:kleNumber") == "05.01.08"
    assert _text(xml, "cd:handlingFacet") == "G01"
    assert _text(xml, "cd:received") == "2026-11-27T12:00:07+00:00"
    assert _text(xml, "cd:sender/cd:name") == SECRET_NAME
    assert _text(xml, "cd:body") == doc.body
    assert _text(xml, "cd:attachments/cd:attachment/cd:url") == "https://cdn.example/p.jpg"
    assert _text(xml, "cd:accessRestriction/cd:restricted") == "true"
    assert _text(xml, "cd:accessRestriction/cd:legalBasis") == LEGAL_BASIS_PRIVATE
    assert _text(xml, "cd:caseReference") == "SAG-2026-17"
    assert _text(xml, "cd:decision/cd:reasons/cd:reason/cd:ruleId") == "complaint.keyword"
    assert _text(xml, "cd:decision/cd:reasons/cd:reason/cd:textDa") == "klage"


def test_unrestricted_document_has_no_legal_basis_and_naive_time_is_utc() -> None:
    doc = make_document(1).model_copy(
        update={"access_restricted": False, "received": datetime(2026, 5, 1, 8, 30)}
    )
    xml = render_document(doc)
    assert _text(xml, "cd:accessRestriction/cd:restricted") == "false"
    assert _text(xml, "cd:accessRestriction/cd:legalBasis") is None
    assert _text(xml, "cd:received") == "2026-05-01T08:30:00+00:00"


def test_control_characters_and_lone_surrogates_are_replaced_not_fatal() -> None:
    doc = make_document(2, text="før\x00midt\x07\ud800efter\r\nslut")
    xml = render_document(doc)
    assert _text(xml, "cd:body") == f"før{REPLACEMENT}midt{REPLACEMENT}{REPLACEMENT}efter\r\nslut"


def test_invalid_kle_in_a_document_is_a_document_error_naming_the_element() -> None:
    # model_construct skips pydantic, as a document from an older release or a bug might.
    bad = make_document(4).model_construct(**{**make_document(4).__dict__, "kle_number": "5.1.8"})
    with pytest.raises(DocumentError) as caught:
        render_document(bad)
    message = str(caught.value)
    assert "kleNumber" in message and "pattern" in message and "line" in message
    assert "5.1.8" not in message and SECRET_TEXT not in message


def test_title_too_long_names_title_and_facet() -> None:
    doc = make_document(5).model_copy(update={"title": "x" * 251})
    with pytest.raises(DocumentError, match=r"element title .*maxLength"):
        render_document(doc)


def test_validate_refuses_wrong_root_malformed_and_doctype() -> None:
    with pytest.raises(DocumentError, match="root"):
        validate_document(b"<caseDocument/>")
    with pytest.raises(DocumentError, match="well-formed"):
        validate_document(b"<cd:caseDocument xmlns:cd='urn:sojournal:casedocument:1'>")
    xml = render_document(make_document(6))
    doctype = b'<!DOCTYPE x [<!ENTITY e "e">]>'
    with pytest.raises(DocumentError, match="DOCTYPE"):
        validate_document(xml.replace(b"?>\n", b"?>\n" + doctype, 1))


def test_missing_element_is_named() -> None:
    xml = render_document(make_document(8))
    root = parse_xml(xml)
    channel = root.find("cd:channel", NS)
    assert channel is not None
    root.remove(channel)
    with pytest.raises(DocumentError, match=r"element platformPostId .*not expected"):
        validate_document(etree.tostring(root))


ANY_TEXT = st.lists(
    st.one_of(st.sampled_from(NASTY_CHARS), st.characters(codec=None, exclude_categories=())),
    max_size=40,
).map("".join)
MAYBE_URL = st.none() | st.sampled_from(["https://x.example/a?b=c", "not a url", ""]) | ANY_TEXT


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=ANY_TEXT,
    author=st.none() | ANY_TEXT,
    post_id=ANY_TEXT.filter(bool),
    permalink=MAYBE_URL,
    attachments=st.lists(st.tuples(ANY_TEXT, MAYBE_URL, st.none() | ANY_TEXT), max_size=3),
)
def test_any_post_yields_a_valid_document_or_a_typed_error(
    text: str,
    author: str | None,
    post_id: str,
    permalink: str | None,
    attachments: list[tuple[str, str | None, str | None]],
) -> None:
    # model_construct: pydantic refuses lone surrogates, but a source that skips
    # validation (or a future pydantic) must not be able to crash rendering.
    post = Post.model_construct(
        id=post_id,
        channel="instagram_comment",
        text=text,
        author=author,
        permalink=permalink,
        attachments=tuple(
            Attachment.model_construct(kind=k, url=u, title=t) for k, u, t in attachments
        ),
    )
    try:
        doc = build_case_document(
            post, make_decision(), kle_number="05.01.08", handling_facet="G01"
        )
        xml = render_document(doc)
    except SojournalError as error:
        assert isinstance(error, DocumentError)
        # Only links can be invalid: free text always renders.
        assert permalink is not None or any(u is not None for _, u, _ in attachments)
        return
    validate_document(xml)
    assert (_text(xml, "cd:body") or "") == xml_safe_text(text)
