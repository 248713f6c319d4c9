"""The case document: built from a post and its decision, rendered to XML, checked by the XSD.

Nothing leaves for the case system unless it validates against the packaged
``sojournal-casedocument.xsd``: a document the case system would reject is
found here, with the element and line named (never its text), and never sent.

Titles are deliberately generic ("Henvendelse via Facebook-kommentar (klage)"):
a case system's postliste is often public, so the title must not quote the
citizen or name anyone.

>>> from sojournal.models import Decision, Post
>>> post = Post(id="1_2", channel="facebook_comment", text="Vejen er\\x00 hullet")
>>> decision = Decision(category="complaint", journalise=True, sensitive=True)
>>> doc = build_case_document(post, decision, kle_number="05.01.08", handling_facet="G01")
>>> doc.title, doc.access_restricted
('Henvendelse via Facebook-kommentar (klage)', True)
>>> xml = render_document(doc)
>>> b"<cd:kleNumber>05.01.08</cd:kleNumber>" in xml
True
>>> try:
...     validate_document(xml.replace(b"05.01.08", b"5.1.8"))
... except DocumentError as error:
...     print(error)
case document invalid: element kleNumber (line 5): facet 'pattern' not satisfied
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from lxml import etree
from pydantic import ValidationError

from sojournal.errors import DocumentError
from sojournal.models import Attachment, CaseDocument, Decision, Post
from sojournal.xmlsafe import parse_xml, xml_safe_text

__all__ = [
    "CASEDOCUMENT_NS",
    "CASEDOCUMENT_XSD",
    "LEGAL_BASIS_PRIVATE",
    "build_case_document",
    "case_document_schema",
    "render_document",
    "validate_document",
]

CASEDOCUMENT_NS = "urn:sojournal:casedocument:1"
CASEDOCUMENT_XSD = "sojournal-casedocument.xsd"
#: Why a sensitive document is closed to access requests (offentlighedsloven § 30, nr. 1).
LEGAL_BASIS_PRIVATE = "Offentlighedsloven § 30, nr. 1 (oplysninger om private forhold)"

_CHANNEL_DA = {
    "facebook_post": "Facebook-opslag",
    "facebook_comment": "Facebook-kommentar",
    "messenger": "Messenger-besked",
    "instagram_comment": "Instagram-kommentar",
}
_CATEGORY_DA = {
    "case": "sag",
    "complaint": "klage",
    "general": "generel henvendelse",
    "political": "politisk henvendelse",
    "offensive": "krænkende indhold",
}


def _safe(text: str | None) -> str | None:
    return None if text is None else xml_safe_text(text)


def _now_utc() -> datetime:
    return datetime.now(UTC)


def build_case_document(
    post: Post,
    decision: Decision,
    *,
    kle_number: str,
    handling_facet: str,
    direction: Literal["incoming", "outgoing"] = "incoming",
    title: str | None = None,
    clock: Callable[[], datetime] = _now_utc,
) -> CaseDocument:
    """The document to file for ``post``; ``clock`` dates posts that carry no time.

    A bad KLE number, facet or title raises ``DocumentError`` naming the field.
    Text XML cannot carry is replaced here already (``xml_safe_text``), so the
    document holds exactly what the case system will get.
    """
    channel = _CHANNEL_DA[post.channel]
    if title is None:
        lead = "Henvendelse" if direction == "incoming" else "Svar"
        title = f"{lead} via {channel} ({_CATEGORY_DA[decision.category]})"
    try:
        return CaseDocument(
            idempotency_key=post.idempotency_key,
            title=title,
            direction=direction,
            kle_number=kle_number,
            handling_facet=handling_facet,
            received=post.created or clock(),
            sender_name=_safe(post.author),
            sender_id=_safe(post.author_id),
            channel=post.channel,
            platform_post_id=xml_safe_text(post.id),
            permalink=_safe(post.permalink),
            body=xml_safe_text(post.text),
            attachments=tuple(
                Attachment(kind=xml_safe_text(a.kind), url=_safe(a.url), title=_safe(a.title))
                for a in post.attachments
            ),
            access_restricted=decision.sensitive,
            case_reference=decision.case_refs[0] if decision.case_refs else None,
            category=decision.category,
            reasons=decision.reasons,
            policy_version=decision.policy_version,
        )
    except ValidationError as exc:
        # pydantic's own message quotes the input; name the fields only.
        fields = ", ".join(
            f"{'.'.join(str(p) for p in err['loc'])} ({err['type']})" for err in exc.errors()
        )
        raise DocumentError(f"case document {post.idempotency_key}: invalid {fields}") from None


@cache
def case_document_schema() -> etree.XMLSchema:
    """The compiled XSD, loaded once from the package (never from the network)."""
    data = (files("sojournal") / "schemas" / CASEDOCUMENT_XSD).read_bytes()
    return etree.XMLSchema(parse_xml(data))


def _el(parent: etree._Element, name: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CASEDOCUMENT_NS}}}{name}")
    if text is not None:
        element.text = xml_safe_text(text)
    return element


def _xml_datetime(value: datetime) -> str:
    # A naive time is taken as UTC: the case system must get an unambiguous instant.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _build_tree(document: CaseDocument) -> etree._Element:
    root = etree.Element(
        f"{{{CASEDOCUMENT_NS}}}caseDocument", nsmap={"cd": CASEDOCUMENT_NS}, version="1"
    )
    _el(root, "idempotencyKey", document.idempotency_key)
    _el(root, "title", document.title)
    _el(root, "kleNumber", document.kle_number)
    _el(root, "handlingFacet", document.handling_facet)
    _el(root, "direction", document.direction)
    _el(root, "received", _xml_datetime(document.received))
    sender = _el(root, "sender")
    if document.sender_name is not None:
        _el(sender, "name", document.sender_name)
    if document.sender_id is not None:
        _el(sender, "platformId", document.sender_id)
    _el(root, "channel", document.channel)
    _el(root, "platformPostId", document.platform_post_id)
    if document.permalink is not None:
        _el(root, "permalink", document.permalink)
    _el(root, "body", document.body)
    attachments = _el(root, "attachments")
    for attachment in document.attachments:
        item = _el(attachments, "attachment")
        _el(item, "kind", attachment.kind)
        if attachment.url is not None:
            _el(item, "url", attachment.url)
        if attachment.title is not None:
            _el(item, "title", attachment.title)
    access = _el(root, "accessRestriction")
    _el(access, "restricted", "true" if document.access_restricted else "false")
    if document.access_restricted:
        _el(access, "legalBasis", LEGAL_BASIS_PRIVATE)
    if document.case_reference is not None:
        _el(root, "caseReference", document.case_reference)
    decision = _el(root, "decision")
    _el(decision, "category", document.category)
    reasons = _el(decision, "reasons")
    for reason in document.reasons:
        item = _el(reasons, "reason")
        _el(item, "ruleId", reason.rule)
        _el(item, "text", reason.text)
        if reason.text_da:
            _el(item, "textDa", reason.text_da)
    _el(decision, "policyVersion", document.policy_version)
    return root


def render_document(document: CaseDocument) -> bytes:
    """UTF-8 XML for ``document``, validated; ``DocumentError`` names what is wrong.

    Text XML cannot carry (control characters, lone surrogates) is replaced,
    not refused: see ``sojournal.xmlsafe.xml_safe_text``.
    """
    try:
        root = _build_tree(document)
    except (ValueError, TypeError) as exc:
        # lxml refuses text it cannot encode; xml_safe_text should have made that impossible.
        raise DocumentError(
            f"case document {document.idempotency_key}: cannot build XML ({type(exc).__name__})"
        ) from None
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    validate_document(xml)
    return xml


# One compiled schema is shared; its error log is not, so validations take turns.
_SCHEMA_LOCK = threading.Lock()
_FACET = re.compile(r"\[facet '([A-Za-z]+)'\]")


def _reason(message: str) -> str:
    # libxml2's messages quote the offending value; keep only what kind of error it was.
    facet = _FACET.search(message)
    if facet:
        return f"facet '{facet.group(1)}' not satisfied"
    if "Missing child element" in message:
        return "a required child element is missing"
    if "not expected" in message:
        return "element not expected here"
    if "is not a valid value" in message:
        return "not a valid value of its type"
    if "attribute" in message.lower():
        return "attribute not valid"
    return "does not match the schema"


def _element_name(path: str | None) -> str:
    last = (path or "").rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\[\d+\]$", "", last).rsplit(":", 1)[-1] or "?"


def validate_document(xml: bytes) -> None:
    """Check ``xml`` is a well-formed, XSD-valid case document, or raise ``DocumentError``."""
    root = parse_xml(xml)
    if root.tag != f"{{{CASEDOCUMENT_NS}}}caseDocument":
        raise DocumentError("case document invalid: root element is not cd:caseDocument")
    schema = case_document_schema()
    with _SCHEMA_LOCK:
        if schema.validate(root):
            return
        log: Any = schema.error_log  # lxml-stubs: not indexable, but it is
        error = log[0]
    raise DocumentError(
        f"case document invalid: element {_element_name(error.path)} (line {error.line}): "
        f"{_reason(error.message)}"
    )
