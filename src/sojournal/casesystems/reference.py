"""The adapter for sojournal's own SOAP contract (``schemas/sojournal-esdh.wsdl``), over zeep.

Exactly-once lives here as much as anywhere: a document is rendered and
validated before it leaves, transient failures are retried with the shared
policy, and after an *ambiguous* failure (request sent, answer lost) the
adapter asks ``FindDocument`` before it sends again — so a lost response
never becomes a second document.

Errors are mapped at this boundary; nothing from zeep or requests escapes:

=====================================  =================  ===========
what happened                          raised             retried
=====================================  =================  ===========
connection refused, DNS, connect t/o   TransientError     yes
read timeout, reset after sending      AmbiguousError     yes, after FindDocument
HTTP 5xx without a SOAP Fault          TransientError     yes
SOAP Fault with ``transient=true``     TransientError     yes
any other SOAP Fault, other HTTP 4xx   PermanentError     no
HTTP 401 / 403                         AuthError          no
document does not validate             DocumentError      no (never sent)
=====================================  =================  ===========

>>> from sojournal.document import build_case_document
>>> from sojournal.models import Decision, Post
>>> from sojournal.testing.esdh_emulator import EsdhEmulator
>>> from sojournal.testing.server import LocalServer
>>> post = Post(id="1_2", channel="messenger", text="Hej")
>>> doc = build_case_document(post, Decision(category="case", journalise=True),
...                           kle_number="05.01.08", handling_facet="G01")
>>> with LocalServer(EsdhEmulator()) as server:
...     esdh = ReferenceCaseSystem(server.url + "/", ReferenceSettings(timeout=5))
...     first, again = esdh.submit(doc), esdh.submit(doc)
>>> first.document_id == again.document_id, again.duplicate
(True, True)
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable
from typing import Any

import requests
import zeep
import zeep.exceptions
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator
from zeep.wsse.username import UsernameToken

from sojournal.casesystems._soap_transport import (
    PackagedSchemaTransport,
    silence_zeep_envelope_logging,
)
from sojournal.document import render_document
from sojournal.errors import (
    AmbiguousError,
    ConfigError,
    PermanentError,
    SojournalError,
    TransientError,
)
from sojournal.models import CaseDocument, Receipt
from sojournal.retry import RetrySettings, build_retrying
from sojournal.xmlsafe import parse_xml

__all__ = ["ReferenceCaseSystem", "ReferenceSettings"]

log = logging.getLogger(__name__)

ESDH_NS = "urn:sojournal:esdh:1"
_BINDING = f"{{{ESDH_NS}}}CaseDocumentBinding"
# zeep resolves the XSD import against this name; the transport serves both from the package.
_WSDL_LOCATION = "sojournal-schemas/sojournal-esdh.wsdl"


class ReferenceSettings(BaseModel):
    """How to reach the case system. Secrets come from ``config.py``, never from here."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    timeout: float = Field(default=30.0, gt=0, description="seconds to wait for an answer")
    connect_timeout: float = Field(default=10.0, gt=0)
    verify_tls: bool = True
    ca_bundle: str | None = None
    username: str | None = None
    password: SecretStr | None = None

    @model_validator(mode="after")
    def _credentials_in_pairs(self) -> ReferenceSettings:
        if (self.username is None) != (self.password is None):
            raise ValueError("username and password must be given together")
        return self


class ReferenceCaseSystem:
    """``CaseSystem`` for the reference contract at ``endpoint``.

    ``session`` is injected like zeep's own transport takes one; its ``verify``
    is set from ``settings`` (TLS verification stays on unless turned off).
    """

    def __init__(
        self,
        endpoint: str,
        settings: ReferenceSettings | None = None,
        retry: RetrySettings | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        session: requests.Session | None = None,
    ) -> None:
        silence_zeep_envelope_logging()
        self._settings = settings or ReferenceSettings()
        self._retry = retry or RetrySettings()
        self._sleep, self._clock = sleep, clock
        self._endpoint = endpoint
        session = session or requests.Session()
        session.verify = self._settings.ca_bundle or self._settings.verify_tls
        session.headers["User-Agent"] = "sojournal"
        transport = PackagedSchemaTransport(
            session,
            connect_timeout=self._settings.connect_timeout,
            read_timeout=self._settings.timeout,
        )
        wsse = None
        if self._settings.username is not None and self._settings.password is not None:
            secret = self._settings.password.get_secret_value()
            wsse = UsernameToken(self._settings.username, secret)  # type: ignore[no-untyped-call]
        zeep_settings = zeep.Settings(
            strict=True,
            xml_huge_tree=False,
            forbid_dtd=True,
            forbid_entities=True,
            forbid_external=True,
        )
        try:
            client = zeep.Client(  # type: ignore[no-untyped-call]
                _WSDL_LOCATION, transport=transport, settings=zeep_settings, wsse=wsse
            )
            self._service: Any = client.create_service(_BINDING, endpoint)  # type: ignore[no-untyped-call]
        except SojournalError:
            raise
        except Exception as exc:  # zeep raises many kinds while reading a WSDL
            raise ConfigError(f"cannot load the packaged reference WSDL: {exc}") from exc

    def submit(self, document: CaseDocument) -> Receipt:
        """File ``document`` once, retrying transient failures; see the module docstring."""
        key = document.idempotency_key
        element = parse_xml(render_document(document))  # DocumentError: never sent
        reconcile = False

        def attempt() -> Receipt:
            nonlocal reconcile
            if reconcile:
                found = self._find_once(key)
                if found is not None:
                    log.info("document %s already filed as %s", key, found.document_id)
                    return found
                log.info("document %s not filed after a lost answer; sending again", key)
            try:
                return self._submit_once(copy.deepcopy(element), key)
            except AmbiguousError:
                reconcile = True
                raise

        receipt = build_retrying(self._retry, sleep=self._sleep, clock=self._clock)(attempt)
        log.info(
            "filed %s as %s in %s (duplicate=%s)",
            key,
            receipt.document_id,
            receipt.case_id,
            receipt.duplicate,
        )
        return receipt

    def find(self, idempotency_key: str) -> Receipt | None:
        """The receipt filed under ``idempotency_key``, or None; transient failures retried."""
        retrying = build_retrying(self._retry, sleep=self._sleep, clock=self._clock)
        result: Receipt | None = retrying(self._find_once, idempotency_key)
        return result

    # -- one call each, errors mapped ----------------------------------------------

    def _submit_once(self, element: etree._Element, key: str) -> Receipt:
        response = self._call("SubmitDocument", key, document={"_value_1": element})
        return _receipt(key, response)

    def _find_once(self, key: str) -> Receipt | None:
        response = self._call("FindDocument", key)
        return None if response is None else _receipt(key, response)

    def _call(self, operation: str, key: str, **arguments: Any) -> Any:
        try:
            return getattr(self._service, operation)(idempotencyKey=key, **arguments)
        except SojournalError:
            raise  # mapped by the transport
        except zeep.exceptions.Fault as fault:
            raise _fault_error(operation, key, fault) from None
        except zeep.exceptions.TransportError as exc:
            # zeep's message quotes the response body; keep only the status.
            if exc.status_code >= 500:
                raise TransientError(f"{operation} {key}: HTTP {exc.status_code}") from None
            raise PermanentError(f"{operation} {key}: HTTP {exc.status_code}") from None
        except (zeep.exceptions.XMLSyntaxError, etree.XMLSyntaxError):
            # The server had the request but answered with something unreadable.
            raise AmbiguousError(f"{operation} {key}: unreadable answer") from None
        except zeep.exceptions.Error as exc:
            raise PermanentError(f"{operation} {key}: {type(exc).__name__}") from None


def _fault_error(operation: str, key: str, fault: zeep.exceptions.Fault) -> SojournalError:
    detail = fault.detail
    node = None if detail is None else detail.find(f"{{{ESDH_NS}}}CaseSystemFault")
    code = "" if node is None else (node.findtext(f"{{{ESDH_NS}}}code") or "").strip()
    transient = node is not None and (
        (node.findtext(f"{{{ESDH_NS}}}transient") or "").strip() in ("true", "1")
    )
    # The fault's message may echo the document; the code is enough for an operator.
    message = f"{operation} {key}: case system fault {code or fault.code or 'unknown'}"
    return TransientError(message) if transient else PermanentError(message)


def _receipt(key: str, response: Any) -> Receipt:
    receipt = response["receipt"] if isinstance(response, dict) else response
    if receipt is None:
        raise AmbiguousError(f"answer for {key} carried no receipt")
    return Receipt(
        idempotency_key=key,
        document_id=str(receipt["documentId"]),
        case_id=str(receipt["caseId"]),
        duplicate=bool(receipt["duplicate"]),
    )
