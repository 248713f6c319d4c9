"""The ESDH emulator on the wire: raw SOAP over real HTTP, faults, storage, --faults parsing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import requests
from lxml import etree

from sojournal.document import render_document
from sojournal.errors import ConfigError
from sojournal.testing.esdh_emulator import (
    ESDH_NS,
    SOAP_NS,
    EsdhEmulator,
    FaultSettings,
    parse_faults,
    serve_esdh,
)
from sojournal.xmlsafe import parse_xml

from .conftest import SECRET_TEXT, App, SleepRecorder, make_document

Q = {"s": SOAP_NS, "t": ESDH_NS}


def _envelope(body: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"'
        b' xmlns:t="urn:sojournal:esdh:1"><s:Body>' + body + b"</s:Body></s:Envelope>"
    )


def _submit(document_xml: bytes, key: str) -> bytes:
    document = document_xml.split(b"?>", 1)[1]  # drop the XML declaration
    return _envelope(
        b"<t:SubmitDocument><t:document>"
        + document
        + b"</t:document><t:idempotencyKey>"
        + key.encode()
        + b"</t:idempotencyKey></t:SubmitDocument>"
    )


def _post(url: str, body: bytes) -> requests.Response:
    return requests.post(url, data=body, headers={"Content-Type": "text/xml"}, timeout=5)


def _fault(response: requests.Response) -> tuple[str, str]:
    root = parse_xml(response.content)
    detail = root.find("s:Body/s:Fault/detail/t:CaseSystemFault", Q)
    assert detail is not None
    return detail.findtext("t:code", namespaces=Q) or "", detail.findtext(
        "t:transient", namespaces=Q
    ) or ""


def test_wsdl_is_served_with_its_own_address_and_the_xsd_next_to_it(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    url = served(emulator)
    base = url.rsplit("/", 1)[0]
    wsdl = parse_xml(requests.get(base + "/?wsdl", timeout=5).content)
    address = wsdl.find(".//{http://schemas.xmlsoap.org/wsdl/soap/}address")
    assert address is not None and address.get("location") == base + "/"
    xsd = requests.get(base + "/sojournal-casedocument.xsd", timeout=5)
    assert xsd.status_code == 200 and b"caseDocument" in xsd.content
    assert requests.get(base + "/other", timeout=5).status_code == 404


def test_submit_stores_once_and_find_answers(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    url = served(emulator)
    doc = make_document(1)
    xml = render_document(doc)
    first = _post(url, _submit(xml, doc.idempotency_key))
    second = _post(url, _submit(xml, doc.idempotency_key))
    assert first.status_code == second.status_code == 200
    receipts = [parse_xml(r.content).find(".//t:receipt", Q) for r in (first, second)]
    assert [r.findtext("t:duplicate", namespaces=Q) for r in receipts if r is not None] == [
        "false",
        "true",
    ]
    assert emulator.count() == 1
    stored = emulator.documents()[0]
    assert stored.idempotency_key == doc.idempotency_key
    assert stored.case_id == "SAG-2026-17"  # the decision's case reference
    assert etree.tostring(parse_xml(stored.xml), method="c14n", exclusive=True) == etree.tostring(
        parse_xml(xml), method="c14n", exclusive=True
    )
    found = _post(
        url,
        _envelope(
            f"<t:FindDocument><t:idempotencyKey>{doc.idempotency_key}</t:idempotencyKey></t:FindDocument>".encode()
        ),
    )
    assert parse_xml(found.content).findtext(".//t:documentId", namespaces=Q) == stored.document_id
    missing = _post(
        url,
        _envelope(
            b"<t:FindDocument><t:idempotencyKey>sj1-nothing-here</t:idempotencyKey></t:FindDocument>"
        ),
    )
    assert missing.status_code == 200
    assert parse_xml(missing.content).find(".//t:receipt", Q) is None


def test_invalid_document_is_a_permanent_fault_and_nothing_is_stored(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    url = served(emulator)
    doc = make_document(2)
    xml = render_document(doc).replace(b"05.01.08", b"5.1.8")
    response = _post(url, _submit(xml, doc.idempotency_key))
    assert response.status_code == 500
    assert _fault(response) == ("INVALID_DOCUMENT", "false")
    assert b"kleNumber" in response.content and SECRET_TEXT.encode() not in response.content
    assert emulator.count() == 0


def test_key_mismatch_malformed_doctype_and_unknown_operation_are_faults(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    url = served(emulator)
    doc = make_document(3)
    assert _fault(_post(url, _submit(render_document(doc), "sj1-other-key"))) == (
        "KEY_MISMATCH",
        "false",
    )
    assert _fault(_post(url, b"<not xml")) == ("MALFORMED", "false")
    xxe = b'<!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + _envelope(b"<t:X>&e;</t:X>")
    response = _post(url, xxe)
    assert _fault(response) == ("MALFORMED", "false") and b"root:" not in response.content
    assert _fault(_post(url, _envelope(b"<t:DeleteEverything/>"))) == ("UNKNOWN_OPERATION", "false")
    assert emulator.count() == 0
    assert emulator.request_count("SubmitDocument") == 1


def test_transient_faults_store_nothing_and_lost_responses_store_first(
    served: Callable[[App], str],
) -> None:
    sleeps = SleepRecorder()
    emulator = EsdhEmulator(FaultSettings(transient=1.0, latency=0.25, seed=1), sleep=sleeps)
    url = served(emulator)
    doc = make_document(4)
    statuses = set()
    for _ in range(12):
        response = _post(url, _submit(render_document(doc), doc.idempotency_key))
        statuses.add(response.status_code)
        if response.status_code == 500:
            assert _fault(response) == ("UNAVAILABLE", "true")
    assert statuses == {500, 503}  # both kinds of transient failure occur
    assert emulator.count() == 0
    assert sleeps.calls == [0.25] * 12

    emulator.set_faults(FaultSettings(lost_response=1.0))
    with pytest.raises(requests.ConnectionError):
        _post(url, _submit(render_document(doc), doc.idempotency_key))
    assert emulator.count() == 1  # stored, though the client never heard


def test_file_database_survives_a_restart(tmp_path: Path, served: Callable[[App], str]) -> None:
    db = str(tmp_path / "esdh.sqlite")
    doc = make_document(5)
    first = EsdhEmulator(db_path=db)
    _post(served(first), _submit(render_document(doc), doc.idempotency_key))
    first.close()
    second = EsdhEmulator(db_path=db)
    assert [d.idempotency_key for d in second.documents()] == [doc.idempotency_key]
    second.close()


def test_wrong_credentials_get_401(served: Callable[[App], str]) -> None:
    emulator = EsdhEmulator(credentials=("svc", "pw"))
    response = _post(
        served(emulator),
        _envelope(
            b"<t:FindDocument><t:idempotencyKey>sj1-abcdefgh</t:idempotencyKey></t:FindDocument>"
        ),
    )
    assert response.status_code == 401
    assert _fault(response) == ("UNAUTHORIZED", "false")


def test_parse_faults() -> None:
    assert parse_faults("transient=0.3,lost=0.1,latency=0.05") == FaultSettings(
        transient=0.3, lost_response=0.1, latency=0.05
    )
    assert parse_faults(" seed = 7 , lost_response=1 ") == FaultSettings(lost_response=1.0, seed=7)
    assert parse_faults("") == FaultSettings()
    for spec, words in [
        ("transient", "NAME=VALUE"),
        ("bogus=1", "NAME=VALUE"),
        ("lost=x", "lost must be a number"),
        ("transient=1.5", "from 0 to 1"),
        ("latency=-1", "latency must be seconds"),
        ("seed=1.5", "seed must be an integer"),
    ]:
        with pytest.raises(ConfigError, match=words):
            parse_faults(spec)


def test_serve_esdh_announces_its_url_and_serves(tmp_path: Path) -> None:
    import threading
    import time

    announced: list[str] = []
    thread = threading.Thread(
        target=serve_esdh,
        kwargs={"port": 0, "db_path": str(tmp_path / "e.sqlite"), "announce": announced.append},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 5
    while not announced and time.monotonic() < deadline:
        time.sleep(0.01)
    assert announced, "serve_esdh did not announce"
    url = announced[0].split(" ")[4].rstrip("/")
    assert requests.get(url + "/?wsdl", timeout=5).status_code == 200


def test_a_plain_zeep_client_can_use_the_served_wsdl(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    import zeep

    base = served(emulator).rsplit("/", 1)[0]
    # Follows the relative XSD import over HTTP.
    client = zeep.Client(base + "/?wsdl")  # type: ignore[no-untyped-call]
    assert client.service._binding_options["address"] == base + "/"
    assert client.service.FindDocument(idempotencyKey="sj1-abcdefgh") is None
