"""Pages whose bytes are not in the charset they declare, or that declare none: decoded in the right one.

A text/html response whose body is not valid in its declared encoding (HTTP header, then ``<meta>``; UTF-8
when none) is decoded in the first encoding of ``NEWSBOT_FALLBACK_ENCODINGS`` (by default UTF-8, then windows-1256: the
legacy Arabic code page of the first target) in which it is valid, with a WARNING
``wrong charset at URL: declared utf-8, decoded as windows-1256`` (or ``no charset at URL: …``).
Stats: ``newsbot/charset/wrong``, ``newsbot/charset/missing``, ``newsbot/charset/undecodable`` (valid in none).
"""

from __future__ import annotations

import codecs
import logging

from scrapy.http import HtmlResponse
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding

from newsbot import config

logger = logging.getLogger(__name__)


def decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


class CharsetRepairMiddleware:
    def __init__(self, crawler):
        self.stats = crawler.stats
        self.fallbacks = crawler.settings.getlist("NEWSBOT_FALLBACK_ENCODINGS")
        for encoding in self.fallbacks:
            try:
                codecs.lookup(encoding)
            except LookupError:
                raise config.InvalidSetting("NEWSBOT_FALLBACK_ENCODINGS", encoding, "not an encoding Python knows") from None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        if not isinstance(response, HtmlResponse):
            return response
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        declared = http_content_type_encoding(content_type) or html_body_declared_encoding(response.body)
        if decodes(response.body, declared or "utf-8"):
            return response
        kind = "wrong" if declared else "missing"
        for encoding in self.fallbacks:
            if decodes(response.body, encoding):
                self.stats.inc_value(f"newsbot/charset/{kind}")
                logger.warning("%s charset at %s: declared %s, decoded as %s", "wrong" if declared else "no",
                               response.url, declared or "none", codecs.lookup(encoding).name)
                return response.replace(encoding=encoding)
        self.stats.inc_value("newsbot/charset/undecodable")
        logger.warning("undecodable page at %s: not valid in %s nor in %s", response.url, declared or "utf-8",
                       ", ".join(self.fallbacks))
        return response
