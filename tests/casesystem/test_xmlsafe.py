"""xml_safe_text and the hardened parser: nothing XML cannot carry, nothing XML can abuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from sojournal.errors import DocumentError
from sojournal.xmlsafe import REPLACEMENT, hardened_parser, parse_xml, xml_safe_text

from .conftest import NASTY_CHARS

ANY_TEXT = st.lists(
    st.one_of(st.sampled_from(NASTY_CHARS), st.characters(codec=None, exclude_categories=()))
).map("".join)


@pytest.mark.parametrize("code", [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)])
def test_c0_controls_become_replacement(code: int) -> None:
    assert xml_safe_text(f"a{chr(code)}b") == f"a{REPLACEMENT}b"


def test_tab_newline_cr_and_ordinary_text_are_kept() -> None:
    text = "Hej\tmed\r\ndig — æøå ÆØÅ 👍 \x7f\x85"
    assert xml_safe_text(text) == text


def test_non_characters_fffe_ffff_are_replaced() -> None:
    assert xml_safe_text("\ufffe\uffff") == REPLACEMENT * 2


def test_surrogates_pair_joined_lone_ones_replaced() -> None:
    assert xml_safe_text("\ud83d\ude00") == "😀"
    assert xml_safe_text("x\udc00y\ud800") == f"x{REPLACEMENT}y{REPLACEMENT}"
    # A low surrogate before a high one is not a pair.
    assert xml_safe_text("\ude00\ud83d") == REPLACEMENT * 2


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_any_text_survives_an_xml_round_trip(text: str) -> None:
    safe = xml_safe_text(text)
    element = etree.Element("body")
    element.text = safe  # lxml raises ValueError for text XML cannot carry
    parsed = parse_xml(etree.tostring(element, encoding="UTF-8"))
    assert (parsed.text or "") == safe
    assert len(safe) <= len(text)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<lolz>&lol4;</lolz>"""


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(DocumentError, match="DOCTYPE"):
        parse_xml(BILLION_LAUGHS)


def test_external_entity_is_refused_and_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-42")
    xxe = f'<!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]><x>&e;</x>'.encode()
    with pytest.raises(DocumentError) as caught:
        parse_xml(xxe)
    assert "TOPSECRET" not in str(caught.value)
    # Even the bare parser (used where DOCTYPEs cannot be refused) does not resolve it.
    root = etree.fromstring(xxe, hardened_parser())
    assert "TOPSECRET" not in etree.tostring(root).decode()


def test_external_dtd_and_network_are_refused() -> None:
    with pytest.raises(DocumentError, match="DOCTYPE"):
        parse_xml(b'<!DOCTYPE x SYSTEM "http://127.0.0.1:9/evil.dtd"><x/>')


def test_malformed_xml_names_the_line_not_the_content() -> None:
    with pytest.raises(DocumentError, match=r"line 2") as caught:
        parse_xml(b"<a>\n<b>Kirsten</a>")
    assert "Kirsten" not in str(caught.value)
