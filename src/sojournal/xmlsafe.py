"""XML we can trust: a hardened parser for everything we read, and text XML 1.0 can carry.

Parsing: every XML sojournal parses (case documents, SOAP envelopes in the
emulator, schemas) goes through ``hardened_parser``: no DTD loading, no entity
expansion, no network, no huge trees. ``parse_xml`` additionally refuses any
document that declares a DOCTYPE at all, so billion-laughs and external-entity
tricks never get as far as our code.

Text: citizens paste anything, and platform exports carry control characters
and broken UTF-16 (lone surrogates) that XML 1.0 cannot represent. Rather
than crash a batch on one post, ``xml_safe_text`` replaces each such code
point with U+FFFD (the Unicode replacement character), so the case worker
sees that something was there:

- C0 control characters other than tab, newline and carriage return
  (including NUL) become U+FFFD;
- U+FFFE and U+FFFF (non-characters XML forbids) become U+FFFD;
- a high surrogate followed by a low surrogate is joined into the character
  it encodes; any other surrogate becomes U+FFFD.

DEL and the C1 controls (U+007F-U+009F) are legal in XML 1.0 and kept, as
is everything else. The result is never longer than the input.

>>> xml_safe_text("Hej\\x00 med\\x07 dig\\n")
'Hej\\ufffd med\\ufffd dig\\n'
>>> xml_safe_text("lone \\ud800 surrogate")
'lone \\ufffd surrogate'
>>> xml_safe_text("\\ud83d\\ude00") == "\\U0001F600"
True
>>> xml_safe_text("Ærø — ok\\t")
'Ærø — ok\\t'
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from sojournal.errors import DocumentError

__all__ = ["REPLACEMENT", "hardened_parser", "parse_xml", "xml_safe_text"]

REPLACEMENT = "\ufffd"

# Code points XML 1.0 cannot carry, besides surrogates (handled separately).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SURROGATE_RUN = re.compile("[\ud800-\udfff]+")


def _fix_surrogates(match: re.Match[str]) -> str:
    run, out, i = match.group(), [], 0
    while i < len(run):
        high, low = run[i], run[i + 1] if i + 1 < len(run) else ""
        if "\ud800" <= high <= "\udbff" and "\udc00" <= low <= "\udfff":
            out.append(chr(0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00)))
            i += 2
        else:
            out.append(REPLACEMENT)
            i += 1
    return "".join(out)


def xml_safe_text(s: str) -> str:
    """``s`` with every code point XML 1.0 cannot carry replaced (see the module docstring)."""
    return _FORBIDDEN.sub(REPLACEMENT, _SURROGATE_RUN.sub(_fix_surrogates, s))


def hardened_parser() -> etree.XMLParser:
    """A new parser that never loads DTDs, expands entities or touches the network.

    A new one per call: lxml parsers must not be shared between threads.
    """
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes) -> etree._Element:
    """Parse untrusted XML; a DOCTYPE or malformed input raises ``DocumentError``.

    The message carries the line and libxml2's error code, never the content.

    >>> parse_xml(b"<a><b>1</b></a>").findtext("b")
    '1'
    >>> parse_xml(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    Traceback (most recent call last):
    ...
    sojournal.errors.DocumentError: XML with a DOCTYPE is refused
    """
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        raise DocumentError(
            f"XML is not well-formed (line {exc.lineno}, libxml2 code {getattr(exc, 'code', '?')})"
        ) from None
    docinfo: Any = root.getroottree().docinfo  # lxml-stubs lack doctype/internalDTD
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise DocumentError("XML with a DOCTYPE is refused")
    return root
