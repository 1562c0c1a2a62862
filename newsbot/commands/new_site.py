"""Add a site: write its profile (newsbot/sites/NAME.py) and the folder of its saved pages, which
``tests/test_profiles.py`` checks it against; `scrapy list` shows it at once."""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import newsbot.sites

PROFILE = '''"""{name}: the {section!r} section of {base_url}.

Only what differs from the defaults of ``newsbot.sites.base.SiteProfile`` is set here; try the generic
extraction first (``newsbot extract URL``) and override a selector only where a field comes out wrong.
"""

from newsbot.sites.base import {theme}, SiteProfile


class {class_name}(SiteProfile):
    name = "{name}"
    base_url = "{base_url}"
    section = "{section}"
    selectors = {theme}  # e.g. {theme}.override(title="h1.headline", body="div.article-body")
    timezone = "UTC"  # the timezone of dates the site shows without an offset
    # section_path = "/category/{{section}}/"  # the section's listing, if not WordPress's
    # boilerplate = (r"^Follow us on",)  # extra body paragraphs to drop
'''

THEMES = {"wordpress": "WORDPRESS", "tagdiv": "TAGDIV_NEWSPAPER"}
PROFILES_DIR = Path(newsbot.sites.__file__).parent  # every module there is a profile, picked up by name


def add_arguments(parser) -> None:
    parser.add_argument("name", help="the spider's name: lowercase letters, digits and _")
    parser.add_argument("--base-url", required=True, help="the site's scheme and host, e.g. https://example.com")
    parser.add_argument("--section", default="world-news", help="the section's slug (default world-news)")
    parser.add_argument("--theme", choices=sorted(THEMES), default="wordpress",
                        help="selectors to start from (default wordpress: any WordPress theme)")
    parser.add_argument("--force", action="store_true", help="overwrite existing files")


def run(args) -> int:
    if not re.fullmatch(r"[a-z][a-z0-9_]*", args.name) or keyword.iskeyword(args.name):
        print(f"newsbot new-site: {args.name!r} is not a valid name (lowercase letters, digits, _)", file=sys.stderr)
        return 2
    parts = urlsplit(args.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        print(f"newsbot new-site: --base-url must be http(s)://host, got {args.base_url!r}", file=sys.stderr)
        return 2
    try:
        existing = newsbot.sites.get_profile(args.name)
    except KeyError:
        existing = None
    if existing and not args.force:
        print(f"newsbot new-site: a profile named {args.name!r} exists ({existing.__module__})", file=sys.stderr)
        return 2
    profile = PROFILES_DIR / f"{args.name}.py"
    if profile.exists() and not args.force:
        print(f"newsbot new-site: {profile} exists (use --force to overwrite)", file=sys.stderr)
        return 2
    class_name = "".join(part.capitalize() for part in args.name.split("_"))
    profile.write_text(PROFILE.format(name=args.name, base_url=args.base_url.rstrip("/"), section=args.section,
                                      theme=THEMES[args.theme], class_name=class_name), encoding="utf-8")
    pages = Path.cwd() / "tests" / "data" / "sites" / args.name
    pages.mkdir(parents=True, exist_ok=True)
    print(f"wrote {profile}\n"
          f"next: scrapy crawl {args.name} -a max_pages=1 -O /tmp/{args.name}.jsonl, then save an article page "
          f"as served in {pages}/ with the fields you expect beside it (tests/test_profiles.py checks them)")
    return 0
