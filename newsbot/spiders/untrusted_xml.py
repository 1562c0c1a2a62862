"""Sitemaps and feeds as untrusted XML: entities never expanded, junk before the document skipped, errors named.

``read_xml(body) -> (body, problems)`` returns the bytes to hand to a lenient parser (Scrapy's ``Sitemap``,
parsel's XML ``Selector``: both recover from errors and never resolve entities) and what is wrong with them,
as ``(kind, message)`` pairs, kind ``invalid`` or ``entities``:
- text before the document (a PHP warning printed before ``<?xml``): cut off;
- a DOCTYPE with an internal subset (where entity-expansion bombs, "billion laughs", live): cut off, so that
  no entity is declared, let alone expanded; libxml2's amplification limit would otherwise make the lenient
  parsers give up on the whole document, losing its valid entries;
- not well-formed (an unescaped ``&``, a document cut short): named with libxml2's message; the lenient
  parser keeps what comes before the error.
The strict check parses with entities unresolved, no DTD loaded, no network.
"""

from __future__ import annotations

import re

from lxml import etree

DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?\]\s*>", re.S | re.I)


def read_xml(body: bytes) -> tuple[bytes, list[tuple[str, str]]]:
    problems = []
    start = body.find(b"<?xml")
    if start == -1:
        start = body.find(b"<")
    if start > 0 and body[:start].strip(b" \t\r\n\xef\xbb\xbf"):
        problems.append(("invalid", f"{start} bytes of text before the document, skipped"))
        body = body[start:]
    body, declarations = DOCTYPE_SUBSET.subn(b"", body, count=1)
    if declarations:
        problems.append(("entities", "a DOCTYPE declaring entities (an entity-expansion bomb?), removed unexpanded"))
    try:
        etree.fromstring(body, etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True))
    except etree.XMLSyntaxError as error:
        problems.append(("invalid", f"not well-formed XML ({error}), read up to the error"))
    return body, problems
