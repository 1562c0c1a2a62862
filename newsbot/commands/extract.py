"""Print articles as JSON Lines, from saved HTML files or URLs, with the spiders' own code.

One JSON object a line per source, in the order given, each with its ``source`` (the file or URL as given):
a folder of saved pages is one process (``newsbot extract pages/*.html``). A source that cannot be read or
holds no article is reported on stderr, with the reason, and the others are still extracted; the exit code is
then 2 (unreadable) or 1 (no article).
"""

from __future__ import annotations

import dataclasses
import json
import sys
import urllib.request
from pathlib import Path


def add_arguments(parser) -> None:
    parser.add_argument("sources", nargs="+", metavar="FILE_OR_URL", help="saved HTML pages, or http(s) URLs")
    parser.add_argument("--url", help="the page's URL, for a single saved file (resolves relative links)")
    parser.add_argument("--site", help="a site profile's name (default: the generic profile)")
    parser.add_argument("--section", help="the section's slug, for its label and membership")


def decode_page(body: bytes, content_type: str | None = None) -> str:
    """A page's text: in the encoding its byte-order mark names; else as UTF-8 when it is valid UTF-8, whatever
    it declares (text in another encoding is almost never valid UTF-8, and pages saved as UTF-8 under a stale
    ``<meta charset=gb2312>`` are common); else in the charset its HTTP header or ``<meta>`` declares."""
    from w3lib.encoding import html_to_unicode, read_bom

    encoding, bom = read_bom(body)
    if encoding:
        return body[len(bom):].decode(encoding, errors="replace")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return html_to_unicode(content_type, body)[1]
    # UTF-16 or UTF-32 without a byte-order mark, declared in the header, is valid UTF-8 with NULs in it
    return text if "\x00" not in text else html_to_unicode(content_type, body)[1]


def _read(source: str, url: str | None) -> tuple[str, str]:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:
            body, content_type = response.read(), response.headers.get("Content-Type")
            url = url or response.geturl()
    else:
        body, content_type = Path(source).read_bytes(), None
        url = url or Path(source).resolve().as_uri()
    return decode_page(body, content_type), url


def run(args) -> int:
    # imported here, not at the top: `newsbot` builds every command's parser before running one
    from newsbot.extract import NoArticle
    from newsbot.extract.page import extract_page
    from newsbot.sites import SiteProfile, get_profile

    if args.url and len(args.sources) > 1:
        print("newsbot extract: --url names one page: give one source with it", file=sys.stderr)
        return 2
    profile = get_profile(args.site) if args.site else SiteProfile
    status = 0
    for source in args.sources:
        try:
            text, url = _read(source, args.url)
        except (OSError, ValueError) as error:
            print(f"newsbot extract: cannot read {source}: {error}", file=sys.stderr)
            status = 2
            continue
        try:
            article = extract_page(text, url, profile, args.section)
        except NoArticle as reason:
            print(f"newsbot extract: no article found in {source}: {reason}", file=sys.stderr)
            status = status or 1
            continue
        print(json.dumps({"source": source, **dataclasses.asdict(article)}, ensure_ascii=False), flush=True)
    return status
