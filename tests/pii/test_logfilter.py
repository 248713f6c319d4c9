"""The log filter masks personal data that reaches a log, however it got there."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest

from sojournal.errors import InputError, PolicyError
from sojournal.pii import RedactingFilter, install_redaction, safe_exception_message
from sojournal.pii.logfilter import mask


@pytest.fixture
def logged() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("sojournal.tests.pii.logfilter")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    install_redaction(logger)
    yield logger, stream
    logger.handlers = []
    logger.filters = []


def test_unexpected_cpr_in_message_and_args_is_masked(
    logged: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, stream = logged
    logger.info("citizen 211062-5629 wrote %s and %r", "mail a.b@c.dk", {"tlf": "23 45 67 81"})
    logger.warning("raw %s", "2110625629")
    out = stream.getvalue()
    assert "5629" not in out and "a.b@c.dk" not in out and "23 45 67 81" not in out
    assert out.count("[cpr]") == 2 and "[email]" in out and "[phone]" in out


def test_traceback_text_is_masked(logged: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = logged
    try:
        raise ValueError("bad record for 211062-5629")
    except ValueError:
        logger.exception("failed")
    out = stream.getvalue()
    assert "ValueError" in out and "211062-5629" not in out and "[cpr]" in out


def test_child_logger_records_are_masked_by_the_handler_filter() -> None:
    stream = io.StringIO()
    parent = logging.getLogger("sojournal.tests.pii.parent")
    parent.handlers = [logging.StreamHandler(stream)]
    parent.propagate = False
    parent.setLevel(logging.INFO)
    try:
        install_redaction(parent)
        install_redaction(parent)  # twice is harmless
        assert sum(isinstance(f, RedactingFilter) for f in parent.handlers[0].filters) == 1
        logging.getLogger("sojournal.tests.pii.parent.child").info("cpr %s", "211062-5629")
        assert stream.getvalue().strip() == "cpr [cpr]"
    finally:
        parent.handlers = []
        parent.filters = []


def test_mask_leaves_impossible_dates_and_ordinary_numbers() -> None:
    assert mask("post 123 has 4 likes") == "post 123 has 4 likes"
    assert mask("id 3213999999") == "id 3213999999"
    assert mask("ordre 2011874563") == "ordre [cpr]"  # blunt on purpose: plausible date


def test_broken_format_string_still_logs(logged: tuple[logging.Logger, io.StringIO]) -> None:
    logger, stream = logged
    logger.info("two %s %s", "211062-5629")
    assert "[cpr]" in stream.getvalue() and "5629" not in stream.getvalue()


def test_safe_exception_message() -> None:
    assert safe_exception_message(ValueError("Jens Hansen 211062-5629")) == "ValueError"
    assert safe_exception_message(InputError("bad", path="x.jsonl", line=2)) == (
        "InputError: x.jsonl:2: bad"
    )
    assert safe_exception_message(PolicyError("cpr 211062-5629", file="f.toml")) == (
        "PolicyError: f.toml: cpr [cpr]"
    )
    assert safe_exception_message(ConnectionRefusedError(111, "Connection refused")) == (
        "ConnectionRefusedError: Connection refused"
    )
