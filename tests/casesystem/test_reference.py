"""ReferenceCaseSystem through real HTTP: receipts, idempotency, faults, reconciliation, logs."""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
from lxml import etree

from sojournal.casesystems._soap_transport import PackagedSchemaTransport
from sojournal.casesystems.port import CaseSystem
from sojournal.casesystems.reference import ReferenceCaseSystem, ReferenceSettings
from sojournal.document import render_document
from sojournal.errors import (
    AmbiguousError,
    AuthError,
    ConfigError,
    DocumentError,
    PermanentError,
    RateLimitError,
    TransientError,
)
from sojournal.retry import RetrySettings
from sojournal.testing.esdh_emulator import EsdhEmulator, FaultSettings
from sojournal.xmlsafe import parse_xml

from .conftest import (
    SECRET_NAME,
    SECRET_TEXT,
    App,
    Interceptor,
    SleepRecorder,
    make_client,
    make_document,
)


def test_submit_returns_the_receipt_and_the_emulator_has_the_document(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    client: CaseSystem = make_client(served(emulator))
    doc = make_document(1)
    receipt = client.submit(doc)
    assert receipt.idempotency_key == doc.idempotency_key
    assert (receipt.document_id, receipt.case_id, receipt.duplicate) == (
        "DOK-000001",
        "SAG-2026-17",
        False,
    )
    [stored] = emulator.documents()
    assert stored.idempotency_key == doc.idempotency_key
    # What went over the wire is exactly the validated rendering.
    assert etree.tostring(parse_xml(stored.xml), method="c14n", exclusive=True) == etree.tostring(
        parse_xml(render_document(doc)), method="c14n", exclusive=True
    )


def test_concurrent_submits_of_one_key_file_one_document(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    url = served(emulator)
    doc = make_document(30)
    clients = [make_client(url) for _ in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        receipts = list(pool.map(lambda c: c.submit(doc), clients))
    assert emulator.count() == 1
    assert sorted(r.duplicate for r in receipts) == [False] + [True] * 5
    assert len({r.document_id for r in receipts}) == 1


def test_schemas_come_from_the_package_only() -> None:
    transport = PackagedSchemaTransport(requests.Session(), connect_timeout=1, read_timeout=1)
    assert b"SubmitDocument" in transport.load("http://evil.example/x/sojournal-esdh.wsdl")
    with pytest.raises(ConfigError, match="only packaged"):
        transport.load("http://evil.example/other.xsd")


def test_same_key_twice_is_one_document_and_a_duplicate_receipt(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    client = make_client(served(emulator))
    doc = make_document(2)
    first, second = client.submit(doc), client.submit(doc)
    assert emulator.count() == 1
    assert (first.duplicate, second.duplicate) == (False, True)
    assert first.document_id == second.document_id


def test_find_found_and_not_found(emulator: EsdhEmulator, served: Callable[[App], str]) -> None:
    client = make_client(served(emulator))
    doc = make_document(3)
    assert client.find(doc.idempotency_key) is None
    receipt = client.submit(doc)
    found = client.find(doc.idempotency_key)
    assert found is not None and found.document_id == receipt.document_id


def test_fifty_documents_through_faults_land_exactly_once(served: Callable[[App], str]) -> None:
    emulator = EsdhEmulator(FaultSettings(transient=0.3, lost_response=0.1, seed=20261128))
    client = make_client(served(emulator), attempts=25)
    docs = [make_document(n) for n in range(50)]
    receipts = [client.submit(doc) for doc in docs]

    stored = emulator.documents()
    assert len(stored) == 50 == emulator.count()
    assert sorted(d.idempotency_key for d in stored) == sorted(d.idempotency_key for d in docs)
    assert len({d.document_id for d in stored}) == 50
    by_key = {d.idempotency_key: d.document_id for d in stored}
    assert all(by_key[r.idempotency_key] == r.document_id for r in receipts)
    # The faults really happened, and lost answers were reconciled, not resent blindly.
    assert emulator.request_count("SubmitDocument") > 50
    assert emulator.request_count("FindDocument") > 0


def test_lost_answer_is_reconciled_with_find_not_resent(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    app = Interceptor(emulator, {"SubmitDocument": ["drop-after"]})
    client = make_client(served(app))
    receipt = client.submit(make_document(4))
    assert app.seen == ["SubmitDocument", "FindDocument"]
    assert receipt.duplicate is True and emulator.count() == 1


def test_request_lost_before_filing_is_found_missing_and_resent(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    app = Interceptor(emulator, {"SubmitDocument": ["drop-before"]})
    client = make_client(served(app))
    receipt = client.submit(make_document(5))
    assert app.seen == ["SubmitDocument", "FindDocument", "SubmitDocument"]
    assert receipt.duplicate is False and emulator.count() == 1


def test_read_timeout_is_ambiguous_and_reconciled(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    app = Interceptor(emulator, {"SubmitDocument": ["delay-after"]}, delay=1.0)
    client = make_client(served(app), settings=ReferenceSettings(timeout=0.3, connect_timeout=1.0))
    receipt = client.submit(make_document(6))
    assert app.seen[:2] == ["SubmitDocument", "FindDocument"]
    assert receipt.duplicate is True and emulator.count() == 1


def test_everything_lost_raises_ambiguous_and_never_duplicates(
    served: Callable[[App], str],
) -> None:
    emulator = EsdhEmulator(FaultSettings(lost_response=1.0))
    client = make_client(served(emulator), attempts=4)
    with pytest.raises(AmbiguousError):
        client.submit(make_document(7))
    assert emulator.count() == 1
    assert emulator.request_count("SubmitDocument") == 1
    assert emulator.request_count("FindDocument") == 3


def test_connection_refused_is_transient_after_all_attempts() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleeps = SleepRecorder()
    client = make_client(f"http://127.0.0.1:{port}/esdh", attempts=3, sleep=sleeps)
    with pytest.raises(TransientError) as caught:
        client.submit(make_document(8))
    assert not isinstance(caught.value, AmbiguousError)  # nothing was sent
    assert len(sleeps.calls) == 2


def test_invalid_document_is_never_sent(
    emulator: EsdhEmulator, served: Callable[[App], str]
) -> None:
    client = make_client(served(emulator))
    good = make_document(9)
    bad = good.model_construct(**{**good.__dict__, "handling_facet": "g1"})
    with pytest.raises(DocumentError, match="handlingFacet"):
        client.submit(bad)
    assert emulator.request_count() == 0


class Scripted:
    """Answers every POST the same way; counts them."""

    def __init__(self, status: str, body: bytes, headers: list[tuple[str, str]] | None = None):
        self.status, self.body, self.headers, self.calls = status, body, headers or [], 0

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        self.calls += 1
        start_response(self.status, [("Content-Type", "text/xml"), *self.headers])
        return [self.body]


def _fault_body(code: str, transient: bool) -> bytes:
    return (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        f"<faultcode>s:Server</faultcode><faultstring>{SECRET_TEXT}</faultstring><detail>"
        f'<t:CaseSystemFault xmlns:t="urn:sojournal:esdh:1"><t:code>{code}</t:code>'
        f"<t:transient>{str(transient).lower()}</t:transient><t:message>m</t:message>"
        "</t:CaseSystemFault></detail></s:Fault></s:Body></s:Envelope>"
    ).encode()


@pytest.mark.parametrize(
    ("status", "body", "headers", "error", "calls"),
    [
        ("500 Internal Server Error", _fault_body("REJECTED", False), [], PermanentError, 1),
        ("500 Internal Server Error", _fault_body("BUSY", True), [], TransientError, 3),
        ("503 Service Unavailable", b"", [], TransientError, 3),
        ("500 Internal Server Error", b"<html>oops</html", [], TransientError, 3),
        ("401 Unauthorized", b"", [], AuthError, 1),
        ("403 Forbidden", b"", [], AuthError, 1),
        ("404 Not Found", b"", [], PermanentError, 1),
        ("429 Too Many Requests", b"", [("Retry-After", "2")], RateLimitError, 3),
    ],
)
def test_answers_are_mapped_and_only_transient_ones_retried(
    served: Callable[[App], str],
    status: str,
    body: bytes,
    headers: list[tuple[str, str]],
    error: type[Exception],
    calls: int,
) -> None:
    app = Scripted(status, body, headers)
    client = make_client(served(app), attempts=3)
    with pytest.raises(error) as caught:
        client.submit(make_document(10))
    assert type(caught.value) is error or error is PermanentError
    if error is PermanentError:
        assert not isinstance(caught.value, AuthError | DocumentError)
    assert app.calls == calls
    assert SECRET_TEXT not in str(caught.value)


def test_ws_security_username_token(served: Callable[[App], str]) -> None:
    emulator = EsdhEmulator(credentials=("svc-sojournal", "s3cret"))
    url = served(emulator)
    right = ReferenceSettings(username="svc-sojournal", password="s3cret")
    wrong = ReferenceSettings(username="svc-sojournal", password="guess")
    assert make_client(url, settings=right).submit(make_document(11)).duplicate is False
    with pytest.raises(AuthError):
        make_client(url, settings=wrong).submit(make_document(12))
    assert emulator.count() == 1
    assert "s3cret" not in repr(right)


def test_tls_verification_is_on_by_default_and_ca_bundle_is_used() -> None:
    session = requests.Session()
    session.verify = False
    ReferenceCaseSystem("https://esdh.example/x", session=session)
    assert session.verify is True
    other = requests.Session()
    ReferenceCaseSystem(
        "https://esdh.example/x", ReferenceSettings(ca_bundle="/etc/ssl/kommune.pem"), session=other
    )
    assert other.verify == "/etc/ssl/kommune.pem"
    with pytest.raises(ValueError, match="together"):
        ReferenceSettings(username="only-me")


def test_no_post_text_or_envelope_reaches_the_logs(
    served: Callable[[App], str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # root at DEBUG
    for name in ("zeep", "urllib3", "sojournal"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    emulator = EsdhEmulator(FaultSettings(transient=0.3, lost_response=0.3, seed=3))
    client = ReferenceCaseSystem(
        served(emulator), retry=RetrySettings(max_attempts=20), sleep=SleepRecorder()
    )
    # Someone lowering zeep's transport logger again must not bring envelopes back.
    logging.getLogger("zeep.transports").setLevel(logging.DEBUG)
    docs = [make_document(n) for n in range(20, 26)]
    for doc in docs:
        client.submit(doc)
    client.find(docs[0].idempotency_key)
    assert caplog.records, "expected some DEBUG/INFO records"
    assert any(docs[0].idempotency_key in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        text = record.getMessage() + (str(record.exc_info[1]) if record.exc_info else "")
        assert SECRET_TEXT[:20] not in text, record.name
        assert SECRET_NAME not in text, record.name
        assert "Envelope" not in text, record.name
