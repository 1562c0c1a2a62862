"""``Replica``: maps an HTTP request to a response of the replica site, without sockets.

``Replica(site, theme="tagdiv", base_url=..., slow_delay=1.0).respond(method, path_with_query, headers)``
returns ``(status, headers, body)``. Rendered pages are cached; the only state is the set of paths of the
"500-once" trap already answered with an error. The server asks ``delay(path)`` how long to hold a response
(the slow trap) so that waiting happens in the server's per-connection thread, never here.
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from newsbot.replica import machine, themes
from newsbot.replica.content import WORLD_JS, Post, Site
from newsbot.replica.themes import tagdiv_js

HTML = "text/html; charset=UTF-8"
TRACKING = re.compile(r"^(utm_.*|fbclid|gclid)$")
ARTICLE = re.compile(r"^/(\d{4})/(\d{2})/(\d{2})/([^/]+)/(amp/)?$")
LISTING = re.compile(r"^/category/([\w-]+)/(?:page/(\d+)/)?$")
# the smallest valid JPEG (1x1 pixel) for every upload path
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9"
)

Response = tuple[int, dict[str, str], bytes]
RENDER_CACHE_MAX = 25_000  # pages (about 30 KB each)


class Replica:
    def __init__(self, site: Site, theme: str = "tagdiv", base_url: str = "http://127.0.0.1:8000", slow_delay: float = 1.0,
                 latency: float = 0.0):
        self.site, self.base, self.slow_delay, self.latency = site, base_url.rstrip("/"), slow_delay, latency
        self.theme = themes.load(theme)(site, self.base)
        self.js_theme = tagdiv_js.Theme(site, self.base)  # the world-js section, whatever the theme
        self._failed_once: set[str] = set()
        self._lock = threading.Lock()
        # every page of a benchmark-sized site stays rendered (an LRU smaller than a crawl re-renders every page)
        self._render = lru_cache(maxsize=min(RENDER_CACHE_MAX, 2 * site.articles + 2_000))(self._render_uncached)

    # -- public ---------------------------------------------------------------------------------------
    def respond(self, method: str, path_with_query: str, headers: dict[str, str] | None = None) -> Response:
        if method not in ("GET", "HEAD"):
            return 405, {"Content-Type": "text/plain", "Allow": "GET, HEAD"}, b"Method Not Allowed"
        path, query = _split(path_with_query)
        post = self._article(path)
        if post is not None and post.trap == "500-once" and self._first_request(path):
            return 500, {"Content-Type": HTML}, b"<html><body><h1>Internal Server Error</h1></body></html>"
        status, response_headers, body = self._render(path, query)
        return status, dict(response_headers), b"" if method == "HEAD" else body

    def delay(self, path_with_query: str) -> float:
        """Seconds the server holds the response before sending it: ``latency`` (a remote site's round trip
        and page generation, for benchmarks), plus ``slow_delay`` for the slow-article trap."""
        post = self._article(_split(path_with_query)[0])
        return self.latency + (self.slow_delay if post is not None and post.trap == "slow" else 0.0)

    # -- routing ----------------------------------------------------------------------------------------
    def _first_request(self, path: str) -> bool:
        with self._lock:
            first = path not in self._failed_once
            self._failed_once.add(path)
        return first

    def _article(self, path: str) -> Post | None:
        match = ARTICLE.match(path)
        if not match:
            return None
        year, month, day, slug, _ = match.groups()
        try:
            return self.site.find(int(year), int(month), int(day), slug)
        except ValueError:  # an impossible date
            return None

    def _render_uncached(self, path: str, query: tuple[tuple[str, str], ...]) -> Response:
        q = dict(query)
        if path.startswith("/wp-json/"):
            return self._rest(path[len("/wp-json/"):], q)
        if path == "/wp-admin/admin-ajax.php":
            return self._ajax(q)
        for route in (self._documents, self._pages):
            found = route(path, q)
            if found is not None:
                return found
        if not path.endswith("/") and "." not in path.rsplit("/", 1)[-1] and self._render(path + "/", query)[0] == 200:
            return 301, {"Location": self.base + path + "/" + _query_string(query), "Content-Type": HTML}, b""
        return 404, {"Content-Type": HTML}, self.theme.not_found().encode("utf-8")

    def _documents(self, path: str, q: dict) -> Response | None:
        base, site = self.base, self.site
        if path == "/robots.txt":
            return _ok(machine.robots(base), "text/plain; charset=utf-8")
        if path == "/wp-sitemap.xml":
            return _ok(machine.sitemap_index(base, site), "application/xml; charset=UTF-8")
        if match := re.match(r"^/wp-sitemap-posts-post-(\d+)\.xml$", path):
            return _maybe(machine.sitemap_posts(base, site, int(match.group(1))), "application/xml; charset=UTF-8")
        if path == "/wp-sitemap-taxonomies-category-1.xml":
            return _ok(machine.sitemap_categories(base, site), "application/xml; charset=UTF-8")
        if match := re.match(r"^/(?:category/([\w-]+)/)?feed/$", path):
            section = match.group(1)
            if section is not None and section not in site.sections:
                return None
            paged = int(q["paged"]) if q.get("paged", "").isdigit() else 1
            return _maybe(machine.rss(base, site, section, max(paged, 1)), "application/rss+xml; charset=UTF-8")
        if path.startswith("/wp-content/uploads/") and path.endswith(".jpg"):
            return 200, {"Content-Type": "image/jpeg"}, TINY_JPEG
        return None

    def _pages(self, path: str, q: dict) -> Response | None:
        if path == "/" and q.get("p", "").isdigit():  # the RSS guid form: WordPress redirects it to the permalink
            post = self.site.by_id(int(q["p"]))
            return (301, {"Location": self.base + post.path, "Content-Type": HTML}, b"") if post else None
        if path == "/":
            return self._html(self.theme.home())
        if match := LISTING.match(path):
            section, page = match.group(1), int(match.group(2) or 1)
            if section in self.site.sections:
                html = (self.js_theme if section == WORLD_JS else self.theme).listing(section, page)
                return self._html(html) if html is not None else None
            return None
        post = self._article(path)
        if post is None:
            return None
        if path.endswith("/amp/"):
            return self._html(self.theme.amp(post))
        if post.trap == "windows-1256":
            html = self.theme.article(post).replace('<meta charset="UTF-8" />', '<meta charset="windows-1256" />', 1)
            return 200, self._html_headers("text/html; charset=windows-1256"), html.encode("cp1256", errors="xmlcharrefreplace")
        return self._html((self.js_theme if post.ref.section == WORLD_JS else self.theme).article(post))

    def _ajax(self, q: dict) -> Response:
        """The JSON endpoints the world-js section's scripts call (``themes/tagdiv_js.py``)."""
        body = None
        if q.get("action") == "td_ajax_loop" and q.get("loopState[category]") == WORLD_JS:
            page = q.get("loopState[currentPage]", "")
            body = self.js_theme.ajax_loop(WORLD_JS, int(page)) if page.isdigit() else None
        elif q.get("action") == "td_load_comments" and q.get("post", "").isdigit():
            post = self.site.by_id(int(q["post"]))
            body = self.js_theme.comments_json(post) if post is not None and post.ref.section == WORLD_JS else None
        if body is None:
            return 400, {"Content-Type": "application/json; charset=UTF-8"}, b"0"  # admin-ajax.php's answer to a bad call
        return _ok(tagdiv_js.to_json(body), "application/json; charset=UTF-8")

    def _html(self, html: str) -> Response:
        return 200, self._html_headers(HTML), html.encode("utf-8")

    def _html_headers(self, content_type: str) -> dict[str, str]:
        return {"Content-Type": content_type, "Link": f'<{self.base}/wp-json/>; rel="https://api.w.org/"'}

    def _rest(self, route: str, q: dict) -> Response:
        route = route.rstrip("/")
        if route in ("", "wp/v2"):
            return 200, {"Content-Type": "application/json; charset=UTF-8"}, machine.to_json({"name": "replica", "namespaces": ["wp/v2"]})
        if not route.startswith("wp/v2/"):
            return _json_error(machine.RestError(404, "rest_no_route", "No route was found matching the URL and request method."))
        try:
            body, extra = machine.rest(self.base, self.site, route[len("wp/v2/"):], q)
        except machine.RestError as error:
            return _json_error(error)
        return 200, {"Content-Type": "application/json; charset=UTF-8", **extra}, machine.to_json(body)


def _split(path_with_query: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """The normalized path (percent-encoding in lower case, as WordPress stores slugs) and the query
    without tracking parameters."""
    parts = urlsplit(path_with_query)
    path = quote(unquote(parts.path, errors="strict"), safe="/-_.~").lower() if "%" in parts.path or not parts.path.isascii() else parts.path
    query = tuple((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k))
    return path or "/", query


def _query_string(query) -> str:
    return "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query) if query else ""


def _ok(text: str, content_type: str) -> Response:
    return 200, {"Content-Type": content_type}, text.encode("utf-8")


def _maybe(text: str | None, content_type: str) -> Response | None:
    return _ok(text, content_type) if text is not None else None


def _json_error(error: "machine.RestError") -> Response:
    return error.status, {"Content-Type": "application/json; charset=UTF-8"}, json.dumps(error.body).encode("utf-8")
