"""A case system (ESDH) speaking the reference SOAP contract, with faults on demand.

Tests and ``sojournal demo`` need a case system that behaves like a real one
where it matters for exactly-once filing: it validates what it receives
against the XSD, files idempotently on the key, and can fail the way networks
fail — a transient fault before anything is stored, or a *lost response*
after the document was stored (the case that tempts a client into filing a
duplicate). Faults are drawn from a seeded random generator, so a failing
test can be replayed.

>>> from sojournal.testing.server import LocalServer
>>> import urllib.request
>>> emulator = EsdhEmulator()
>>> with LocalServer(emulator) as server:
...     wsdl = urllib.request.urlopen(server.url + "/?wsdl").read()
>>> (server.url + "/").encode() in wsdl, emulator.count()
(True, 0)
"""

from __future__ import annotations

import hmac
import logging
import random
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import cache
from importlib.resources import files
from typing import Any
from wsgiref.util import request_uri

from lxml import etree
from pydantic import BaseModel, ConfigDict

from sojournal.document import CASEDOCUMENT_NS, CASEDOCUMENT_XSD, validate_document
from sojournal.errors import DocumentError
from sojournal.testing.esdh_faults import FaultSettings, parse_faults
from sojournal.testing.server import DropConnection, LocalServer
from sojournal.xmlsafe import parse_xml

__all__ = [
    "ESDH_NS",
    "ESDH_WSDL",
    "EsdhEmulator",
    "FaultSettings",
    "StoredDocument",
    "parse_faults",
    "serve_esdh",
]

log = logging.getLogger(__name__)

ESDH_NS = "urn:sojournal:esdh:1"
ESDH_WSDL = "sojournal-esdh.wsdl"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
MAX_REQUEST_BYTES = 16 * 1024 * 1024


class StoredDocument(BaseModel):
    """One filed document, as the emulator holds it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    idempotency_key: str
    document_id: str
    case_id: str
    xml: bytes
    stored_at: str


class _Fault(Exception):
    """A SOAP fault to answer with (code and message are ours, never the request's text)."""

    def __init__(self, code: str, message: str, *, transient: bool, status: int = 500) -> None:
        super().__init__(message)
        self.code, self.message, self.transient, self.status = code, message, transient, status


@cache
def _packaged(name: str) -> bytes:
    return (files("sojournal") / "schemas" / name).read_bytes()


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _envelope(body_child: etree._Element) -> bytes:
    envelope = etree.Element(_q(SOAP_NS, "Envelope"), nsmap={"soap": SOAP_NS, "tns": ESDH_NS})
    etree.SubElement(envelope, _q(SOAP_NS, "Body")).append(body_child)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def _fault_envelope(fault: _Fault) -> bytes:
    node = etree.Element(_q(SOAP_NS, "Fault"), nsmap={"soap": SOAP_NS})
    etree.SubElement(node, "faultcode").text = "soap:Server" if fault.transient else "soap:Client"
    etree.SubElement(node, "faultstring").text = fault.message
    detail = etree.SubElement(etree.SubElement(node, "detail"), _q(ESDH_NS, "CaseSystemFault"))
    etree.SubElement(detail, _q(ESDH_NS, "code")).text = fault.code
    etree.SubElement(detail, _q(ESDH_NS, "transient")).text = str(fault.transient).lower()
    etree.SubElement(detail, _q(ESDH_NS, "message")).text = fault.message
    return _envelope(node)


def _receipt_element(parent: etree._Element, row: tuple[str, str], duplicate: bool) -> None:
    receipt = etree.SubElement(parent, _q(ESDH_NS, "receipt"))
    etree.SubElement(receipt, _q(ESDH_NS, "documentId")).text = row[0]
    etree.SubElement(receipt, _q(ESDH_NS, "caseId")).text = row[1]
    etree.SubElement(receipt, _q(ESDH_NS, "duplicate")).text = str(duplicate).lower()


class EsdhEmulator:
    """The WSGI app: ``LocalServer(EsdhEmulator(...))`` is a case system on localhost.

    ``credentials`` (username, password), when given, must arrive as a
    WS-Security UsernameToken, or the answer is HTTP 401. ``sleep`` plays latency.
    """

    def __init__(
        self,
        faults: FaultSettings | None = None,
        *,
        db_path: str = ":memory:",
        credentials: tuple[str, str] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._faults = faults or FaultSettings()
        self._rng = random.Random(self._faults.seed)  # noqa: S311 - fault injection, not crypto
        self._credentials, self._sleep = credentials, sleep
        self._lock = threading.Lock()
        self._requests: Counter[str] = Counter()
        self._db = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None)
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS documents ("
            " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " idempotency_key TEXT NOT NULL UNIQUE,"
            " document_id TEXT NOT NULL, case_id TEXT NOT NULL,"
            " xml BLOB NOT NULL, stored_at TEXT NOT NULL)"
        )

    # -- what tests look at ---------------------------------------------------------

    def documents(self) -> list[StoredDocument]:
        with self._lock:
            rows = self._db.execute(
                "SELECT idempotency_key, document_id, case_id, xml, stored_at"
                " FROM documents ORDER BY seq"
            ).fetchall()
        return [
            StoredDocument(
                idempotency_key=r[0],
                document_id=r[1],
                case_id=r[2],
                xml=bytes(r[3]),
                stored_at=r[4],
            )
            for r in rows
        ]

    def count(self) -> int:
        with self._lock:
            (n,) = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
        return int(n)

    def request_count(self, operation: str | None = None) -> int:
        """POSTs received (all, or those whose body was ``operation``, e.g. "SubmitDocument")."""
        with self._lock:
            return self._requests[operation] if operation else sum(self._requests.values())

    def set_faults(self, faults: FaultSettings) -> None:
        with self._lock:
            self._faults = faults
            self._rng = random.Random(faults.seed)  # noqa: S311

    def close(self) -> None:
        self._db.close()

    # -- WSGI -----------------------------------------------------------------------

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD", "GET")
        if method == "GET":
            return self._get(environ, start_response)
        if method != "POST":
            start_response("405 Method Not Allowed", [("Allow", "GET, POST")])
            return [b""]
        status, body = self._post(environ)
        start_response(status, [("Content-Type", "text/xml; charset=utf-8")])
        return [body]

    def _get(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        query = environ.get("QUERY_STRING", "").lower()
        path = environ.get("PATH_INFO", "")
        if query == "wsdl":
            body = self._wsdl(request_uri(environ, include_query=False))
        elif path.endswith("/" + CASEDOCUMENT_XSD) or query == "xsd":
            body = _packaged(CASEDOCUMENT_XSD)
        else:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found; try ?wsdl\n"]
        start_response("200 OK", [("Content-Type", "text/xml; charset=utf-8")])
        return [body]

    @staticmethod
    def _wsdl(own_url: str) -> bytes:
        root = parse_xml(_packaged(ESDH_WSDL))
        for address in root.iter(_q(WSDL_SOAP_NS, "address")):
            address.set("location", own_url)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def _post(self, environ: dict[str, Any]) -> tuple[str, bytes]:
        if self._faults.latency:
            self._sleep(self._faults.latency)
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_REQUEST_BYTES:
            self._count("invalid")
            return "400 Bad Request", _fault_envelope(
                _Fault("BAD_REQUEST", "missing or oversized request body", transient=False)
            )
        data = environ["wsgi.input"].read(length)
        try:
            operation, body = self._parse(data)
            self._count(operation.tag.rsplit("}", 1)[-1])
            self._check_credentials(body.getparent())
            draw = self._draw()
            if draw < self._faults.transient:
                if self._draw() < 0.5:
                    return "503 Service Unavailable", b""
                raise _Fault("UNAVAILABLE", "case system busy, try again", transient=True)
            answer = self._dispatch(operation)
        except _Fault as fault:
            log.info("esdh emulator fault %s (transient=%s)", fault.code, fault.transient)
            status = "401 Unauthorized" if fault.status == 401 else "500 Internal Server Error"
            return status, _fault_envelope(fault)
        if self._draw() < self._faults.lost_response:
            log.info("esdh emulator dropping the response (lost response)")
            raise DropConnection
        return "200 OK", _envelope(answer)

    def _count(self, operation: str) -> None:
        with self._lock:
            self._requests[operation] += 1

    def _draw(self) -> float:
        with self._lock:
            return self._rng.random()

    @staticmethod
    def _parse(data: bytes) -> tuple[etree._Element, etree._Element]:
        try:
            envelope = parse_xml(data)
        except DocumentError as exc:
            raise _Fault("MALFORMED", str(exc), transient=False) from None
        body = envelope.find(_q(SOAP_NS, "Body"))
        if envelope.tag != _q(SOAP_NS, "Envelope") or body is None or len(body) != 1:
            raise _Fault(
                "NOT_SOAP", "expected a SOAP 1.1 envelope with one body element", transient=False
            )
        return body[0], body

    def _check_credentials(self, envelope: etree._Element | None) -> None:
        if self._credentials is None:
            return
        token = (
            None
            if envelope is None
            else envelope.find(
                f"{_q(SOAP_NS, 'Header')}/{_q(WSSE_NS, 'Security')}/{_q(WSSE_NS, 'UsernameToken')}"
            )
        )
        user, password = (
            ("", "")
            if token is None
            else (
                token.findtext(_q(WSSE_NS, "Username")) or "",
                token.findtext(_q(WSSE_NS, "Password")) or "",
            )
        )
        # Constant time, like a real server should: the emulator is also a reference.
        user_ok = hmac.compare_digest(user.encode(), self._credentials[0].encode())
        password_ok = hmac.compare_digest(password.encode(), self._credentials[1].encode())
        if token is None or not (user_ok and password_ok):
            raise _Fault(
                "UNAUTHORIZED", "missing or wrong credentials", transient=False, status=401
            )

    def _dispatch(self, operation: etree._Element) -> etree._Element:
        if operation.tag == _q(ESDH_NS, "SubmitDocument"):
            return self._submit(operation)
        if operation.tag == _q(ESDH_NS, "FindDocument"):
            return self._find(operation)
        raise _Fault("UNKNOWN_OPERATION", "unknown operation", transient=False)

    def _find(self, operation: etree._Element) -> etree._Element:
        key = (operation.findtext(_q(ESDH_NS, "idempotencyKey")) or "").strip()
        answer = etree.Element(_q(ESDH_NS, "FindDocumentResponse"))
        with self._lock:
            row = self._db.execute(
                "SELECT document_id, case_id FROM documents WHERE idempotency_key = ?", (key,)
            ).fetchone()
        if row is not None:
            _receipt_element(answer, row, duplicate=True)
        log.info("esdh emulator find %s: %s", key, "found" if row else "not found")
        return answer

    def _submit(self, operation: etree._Element) -> etree._Element:
        key = (operation.findtext(_q(ESDH_NS, "idempotencyKey")) or "").strip()
        wrapper = operation.find(_q(ESDH_NS, "document"))
        documents = [] if wrapper is None else list(wrapper)
        if len(documents) != 1 or documents[0].tag != _q(CASEDOCUMENT_NS, "caseDocument"):
            raise _Fault(
                "INVALID_DOCUMENT", "document must hold one cd:caseDocument", transient=False
            )
        xml = etree.tostring(documents[0], xml_declaration=True, encoding="UTF-8")
        try:
            validate_document(xml)
        except DocumentError as exc:
            raise _Fault("INVALID_DOCUMENT", str(exc), transient=False) from None
        if documents[0].findtext(_q(CASEDOCUMENT_NS, "idempotencyKey")) != key:
            raise _Fault(
                "KEY_MISMATCH", "idempotencyKey differs from the document's", transient=False
            )
        case_ref = documents[0].findtext(_q(CASEDOCUMENT_NS, "caseReference"))
        answer = etree.Element(_q(ESDH_NS, "SubmitDocumentResponse"))
        with self._lock:
            row = self._db.execute(
                "SELECT document_id, case_id FROM documents WHERE idempotency_key = ?", (key,)
            ).fetchone()
            duplicate = row is not None
            if row is None:
                (seq,) = self._db.execute(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM documents"
                ).fetchone()
                row = (f"DOK-{seq:06d}", case_ref or f"SAG-{seq:06d}")
                self._db.execute(
                    "INSERT INTO documents (seq, idempotency_key, document_id, case_id, xml,"
                    " stored_at) VALUES (?, ?, ?, ?, ?, ?)",
                    (seq, key, row[0], row[1], xml, datetime.now(UTC).isoformat()),
                )
        log.info("esdh emulator submit %s -> %s (duplicate=%s)", key, row[0], duplicate)
        _receipt_element(answer, row, duplicate=duplicate)
        return answer


def serve_esdh(
    port: int = 0,
    faults: FaultSettings | None = None,
    db_path: str = ":memory:",
    *,
    host: str = "127.0.0.1",
    announce: Callable[[str], None] = print,
) -> None:
    """Serve the emulator until interrupted (``sojournal emulate esdh``); announces its WSDL URL."""
    emulator = EsdhEmulator(faults, db_path=db_path)
    server = LocalServer(emulator, host=host, port=port)
    announce(f"ESDH emulator listening on {server.url}/ (WSDL: {server.url}/?wsdl)")
    try:
        server.serve_forever()
    finally:
        emulator.close()
