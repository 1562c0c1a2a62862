"""Print one article as a JSON object, from a saved HTML file or a URL, with the spiders' own code."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from itemadapter import ItemAdapter
from w3lib.encoding import html_to_unicode

from newsbot.extract import NoArticle
from newsbot.extract.page import extract_page
from newsbot.sites import SiteProfile, get_profile


def add_arguments(parser) -> None:
    parser.add_argument("source", metavar="FILE_OR_URL", help="a saved HTML page, or an http(s) URL")
    parser.add_argument("--url", help="the page's URL, for a saved file (resolves relative links)")
    parser.add_argument("--site", help="a site profile's name (default: the generic profile)")
    parser.add_argument("--section", help="the section's slug, for its label and membership")


def _read(source: str, url: str | None) -> tuple[str, str]:
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=30) as response:
            body, content_type = response.read(), response.headers.get("Content-Type")
            url = url or response.geturl()
    else:
        body, content_type = Path(source).read_bytes(), None
        url = url or Path(source).resolve().as_uri()
    _, text = html_to_unicode(content_type, body)
    return text, url


def run(args) -> int:
    profile = get_profile(args.site) if args.site else SiteProfile
    try:
        text, url = _read(args.source, args.url)
    except (OSError, ValueError) as error:
        print(f"newsbot extract: cannot read {args.source}: {error}", file=sys.stderr)
        return 2
    try:
        article = extract_page(text, url, profile, args.section)
    except NoArticle as reason:
        print(f"newsbot extract: no article found in {args.source}: {reason}", file=sys.stderr)
        return 1
    json.dump(ItemAdapter(article).asdict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0
