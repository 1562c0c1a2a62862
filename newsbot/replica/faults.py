"""Faults the replica server injects: server errors, broken transport and bad input, deterministic and bounded.

``Faults.parse(["503:2", "timeout"], hold=10.0)`` (``newsbot replica --fault NAME[:K]``,
``running_replica(faults=[...])``) turns the ``Replica``'s answer to a request into a ``Delivery``: what the
server sends and how. ``K`` (default 1) is how many first requests of each targeted URL get a transient fault;
the URL is answered normally after that. Bad input is served on every request.

Transient, on article pages:
- ``500``, ``502``, ``503``, ``504``: that status with an error page;
- ``timeout``: on one article page in five, nothing is sent for ``hold`` seconds (longer than the
  crawler's ``DOWNLOAD_TIMEOUT``), then the page;
- ``reset``: half the body, then a TCP reset;
- ``truncated``: ``Content-Length`` of the whole body, half of it sent, then a clean close.
Bad input, on every article page:
- ``malformed``: closing ``</p>`` tags dropped, stray end tags after ``<body>``, ``</body></html>`` cut off;
- ``charset-wrong``: windows-1256 bytes declared UTF-8 (header and ``<meta charset>``);
- ``charset-missing``: windows-1256 bytes, no charset in the header nor in the page.
Bad input on extra URLs that the section's feed lists besides its posts (``/2015/01/04/fault-NAME/``):
- ``huge``: a 50 MB page;
- ``redirect-loop``: 302 to ``?loop=1``, which redirects back;
- ``redirect-offsite``: 301 to ``http://offsite.invalid/…`` (a name that never resolves).
Bad documents:
- ``sitemap-invalid``, ``feed-invalid``: a PHP warning before the XML declaration, an unescaped ``&``, and
  the document cut off before its end;
- ``sitemap-bomb``, ``feed-bomb``: a "billion laughs" DOCTYPE whose entity a ``<loc>``/``<title>`` uses;
- ``listing-self-link``: the section's last listing page names itself as the next page;
- ``listing-endless``: the last listing page links to the page after it, and every page past the end repeats
  the last one with a link to the following number, forever.
Missing pages and documents (every request):
- ``listing-404``: the section's listing page 2 answers 404;
- ``listing-nav-missing``: the section's last listing page comes without its pagination block (a cut-off
  page, a broken template part);
- ``no-feed``, ``no-sitemap``, ``no-robots``: the site has no feeds, no sitemaps, no robots.txt (404).
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from newsbot.replica.site import ARTICLE, LISTING, Replica

HUGE_SIZE = 50 * 1024 * 1024
TIMEOUT_SHARE = 5  # the timeout fault holds one article page in this many
STATUS_FAULTS = {"500": 500, "502": 502, "503": 503, "504": 504}
TRANSIENT = {*STATUS_FAULTS, "timeout", "reset", "truncated"}
ARTICLE_INPUT = {"malformed", "charset-wrong", "charset-missing"}
EXTRA_URLS = {"huge", "redirect-loop", "redirect-offsite"}
DOCUMENTS = {"sitemap-invalid", "feed-invalid", "sitemap-bomb", "feed-bomb", "listing-self-link", "listing-endless"}
MISSING = {"listing-404", "listing-nav-missing", "no-feed", "no-sitemap", "no-robots"}
NAMES = sorted(TRANSIENT | ARTICLE_INPUT | EXTRA_URLS | DOCUMENTS | MISSING)
ABSENT = {"no-feed": re.compile(r"/feed/$"), "no-sitemap": re.compile(r"sitemap[\w-]*\.xml$"),
          "no-robots": re.compile(r"^/robots\.txt$")}
# the pagination blocks of the replica's themes (tagDiv's div.page-nav, the classic theme's nav.pagination)
PAGINATION_BLOCK = re.compile(rb'<div class="page-nav[^"]*">.*?<div class="clearfix"></div></div>'
                              rb'|<nav class="navigation pagination".*?</nav>', re.S)
EXTRA_PATH = "/2015/01/04/fault-{name}/"
POST_SITEMAP = re.compile(r"^/wp-sitemap-posts-post-\d+\.xml$")
FEED = re.compile(r"^/(?:category/[\w-]+/)?feed/$")
BOMB_DTD = ("<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
            + "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10}">' for i in range(1, 10))
            + "]>\n")
PHP_WARNING = b"<br />\n<b>Warning</b>:  Undefined array key \"host\" in <b>/var/www/html/wp-content/plugins/seo/sitemap.php</b> on line <b>42</b><br />\n"


@dataclass(frozen=True)
class Delivery:
    """What the server sends: ``Content-Length`` is always ``len(body)``."""

    status: int
    headers: dict[str, str]
    body: bytes
    hold: float = 0.0  # seconds of silence before the response
    sent: int | None = None  # bytes of the body sent before the connection ends (None: all of it)
    reset: bool = False  # end the connection with a TCP reset instead of a clean close


@dataclass
class Faults:
    times: dict[str, int]  # fault name -> first requests of a URL it affects (transient faults)
    hold: float = 10.0
    _seen: Counter = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def parse(cls, specs, hold: float = 10.0) -> "Faults":
        times = {}
        for spec in specs or ():
            name, _, count = spec.partition(":")
            if name not in NAMES:
                raise ValueError(f"unknown fault {name!r} (known: {', '.join(NAMES)})")
            times[name] = int(count) if count else 1
        return cls(times, hold)

    def __bool__(self) -> bool:
        return bool(self.times)

    def respond(self, replica: Replica, method: str, target: str, headers: dict[str, str]) -> Delivery:
        path = target.split("?", 1)[0]
        extra = self._extra_url(replica.base, target)
        if extra is not None:
            return extra
        if any(ABSENT[name].search(path) for name in self.times.keys() & ABSENT.keys()):
            return Delivery(*replica.respond(method, "/fault-absent/", headers))
        delivery = Delivery(*replica.respond(method, target, headers))
        if ARTICLE.match(path) and not path.endswith("/amp/") and delivery.status == 200:
            return self._article(path, delivery)
        if LISTING.match(path):
            return self._listing(replica, method, path, delivery)
        if POST_SITEMAP.match(path) and delivery.status == 200:
            return self._document("sitemap", delivery, "<url><loc>&lol9;</loc></url>", "</urlset>")
        if FEED.match(path) and delivery.status == 200:
            return self._feed(replica.base, delivery)
        return delivery

    # -- transient faults and bad input on article pages ------------------------------------------------
    def _article(self, path: str, delivery: Delivery) -> Delivery:
        for name in self.times.keys() & TRANSIENT:
            if name == "timeout" and zlib.crc32(path.encode()) % TIMEOUT_SHARE:
                continue
            if self._first_requests(name, path):
                return self._transient(name, delivery)
        if "malformed" in self.times:
            delivery = replace(delivery, body=malformed(delivery.body))
        if "utf-8" not in delivery.headers.get("Content-Type", "").lower():  # the windows-1256 trap page
            return delivery
        if "charset-wrong" in self.times:
            delivery = replace(delivery, body=to_windows_1256(delivery.body))
        elif "charset-missing" in self.times:
            delivery = replace(delivery, body=to_windows_1256(undeclared(delivery.body)),
                               headers={**delivery.headers, "Content-Type": "text/html"})
        return delivery

    def _first_requests(self, name: str, path: str) -> bool:
        with self._lock:
            self._seen[name, path] += 1
            return self._seen[name, path] <= self.times[name]

    def _transient(self, name: str, delivery: Delivery) -> Delivery:
        if name in STATUS_FAULTS:
            return Delivery(STATUS_FAULTS[name], {"Content-Type": "text/html; charset=UTF-8"},
                            b"<html><body><h1>Server error</h1></body></html>")
        if name == "timeout":
            return replace(delivery, hold=self.hold)
        return replace(delivery, sent=len(delivery.body) // 2, reset=name == "reset")

    # -- extra URLs the feed lists -------------------------------------------------------------------------
    def _extra_url(self, base: str, target: str) -> Delivery | None:
        path, _, query = target.partition("?")
        html = {"Content-Type": "text/html; charset=UTF-8"}
        if "huge" in self.times and path == EXTRA_PATH.format(name="huge"):
            return Delivery(200, html, huge_page())
        if "redirect-loop" in self.times and path == EXTRA_PATH.format(name="redirect-loop"):
            location = base + path + ("" if query else "?loop=1")
            return Delivery(302, {**html, "Location": location}, b"")
        if "redirect-offsite" in self.times and path == EXTRA_PATH.format(name="redirect-offsite"):
            return Delivery(301, {**html, "Location": "http://offsite.invalid" + path}, b"")
        return None

    def _feed(self, base: str, delivery: Delivery) -> Delivery:
        items = "".join(f"<item><title>{name}</title><link>{base}{EXTRA_PATH.format(name=name)}</link></item>"
                        for name in sorted(self.times.keys() & EXTRA_URLS))
        if items:
            delivery = replace(delivery, body=delivery.body.replace(b"<item>", items.encode() + b"<item>", 1))
        return self._document("feed", delivery, "<item><title>&lol9;</title></item>", "</channel>")

    # -- bad documents -------------------------------------------------------------------------------------
    def _document(self, kind: str, delivery: Delivery, bomb_entry: str, closing: str) -> Delivery:
        body = delivery.body
        if f"{kind}-bomb" in self.times:
            declaration_end = body.index(b"?>") + 2
            body = (body[:declaration_end] + b"\n" + BOMB_DTD.encode()
                    + body[declaration_end:].replace(closing.encode(), bomb_entry.encode() + closing.encode(), 1))
        if f"{kind}-invalid" in self.times:
            body = PHP_WARNING + body.replace(b"</", b"<x>a & b</x></", 1)[: len(body) * 9 // 10]
        return replace(delivery, body=body)

    def _listing(self, replica: Replica, method: str, path: str, delivery: Delivery) -> Delivery:
        if not self.times.keys() & {"listing-endless", "listing-self-link", "listing-404", "listing-nav-missing"}:
            return delivery
        section, page = LISTING.match(path).groups()
        page = int(page or 1)
        listing = f"/category/{section}/page/{{}}/"
        if "listing-404" in self.times and page == 2:
            return Delivery(*replica.respond(method, "/fault-absent/", {}))
        if "listing-nav-missing" in self.times and delivery.status == 200 and page > 1 \
                and replica.respond("HEAD", listing.format(page + 1), {})[0] != 200:
            return replace(delivery, body=PAGINATION_BLOCK.sub(b"", delivery.body, count=1))
        if "listing-endless" in self.times and delivery.status == 404 and page > 1:
            last = self._last_page(replica, listing, page)
            if last is not None:
                delivery = Delivery(*replica.respond(method, listing.format(last), {}))
                return replace(delivery, body=with_next_link(delivery.body, replica.base + listing.format(page + 1)))
        if delivery.status != 200 or replica.respond("HEAD", listing.format(page + 1), {})[0] == 200:
            return delivery
        if "listing-endless" in self.times:
            return replace(delivery, body=with_next_link(delivery.body, replica.base + listing.format(page + 1)))
        if "listing-self-link" in self.times:
            return replace(delivery, body=with_next_link(delivery.body, replica.base + path))
        return delivery

    @staticmethod
    def _last_page(replica: Replica, listing: str, page: int, scan: int = 1000) -> int | None:
        for number in range(page - 1, max(page - 1 - scan, 0), -1):
            if replica.respond("HEAD", listing.format(number), {})[0] == 200:
                return number
        return None


def malformed(html: bytes) -> bytes:
    html = html.replace(b"</p>", b"")
    html = re.sub(rb"(<body[^>]*>)", rb"\1</div></span></td>", html, count=1)
    return html.replace(b"</body>", b"").replace(b"</html>", b"")


def to_windows_1256(html: bytes) -> bytes:
    return html.decode("utf-8").encode("cp1256", errors="xmlcharrefreplace")


def undeclared(html: bytes) -> bytes:
    return re.sub(rb"<meta charset=[\"']?[\w-]+[\"']?\s*/?>", b"", html, flags=re.I)


def with_next_link(html: bytes, url: str) -> bytes:
    return html.replace(b"<head>", b'<head><link rel="next" href="' + url.encode() + b'" />', 1)


@lru_cache(maxsize=1)
def huge_page() -> bytes:
    head = b"<!doctype html><html><head><meta charset=\"UTF-8\" /><title>huge</title></head><body><!--"
    tail = b"--><p>end</p></body></html>"
    return head + b"x" * (HUGE_SIZE - len(head) - len(tail)) + tail
