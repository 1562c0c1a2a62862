"""Canonical article URLs: the same article under tracking parameters, AMP and slash variants folds to one."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "__hs")
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mkt_tok", "ref", "ref_src",
                   "_ga", "_gl", "amp", "ncid", "cmpid", "ocid", "sr_share", "spm", "share"}
AMP_SUFFIX = re.compile(r"/amp/?$")
PERCENT_ESCAPE = re.compile(r"%[0-9A-F]{2}")


def _tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


@lru_cache(maxsize=20_000)  # listings, feeds, sitemaps and related blocks name the same URLs again and again
def fold_url(url: str, trailing_slash: bool = True) -> str:
    """The canonical form of an article URL.

    Drops tracking parameters and the fragment, folds ``/amp/`` and ``?amp=1`` variants, adds (or removes)
    the trailing slash of the path, lowercases scheme and host, and percent-encodes the path the one way
    w3lib does, so that an Arabic slug written raw or encoded gives the same URL. Percent-escapes are
    written in lowercase, as WordPress writes its permalinks (RFC 3986 holds both cases equivalent).
    """
    params = [name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True) if _tracking(name)]
    if params:
        url = url_query_cleaner(url, params, remove=True, unique=False, keep_fragments=False)
    scheme, netloc, path, query, _ = urlsplit(canonicalize_url(url, keep_fragments=False))
    path = AMP_SUFFIX.sub("/", path) or "/"
    last = path.rsplit("/", 1)[-1]
    if trailing_slash and not path.endswith("/") and "." not in last:
        path += "/"
    elif not trailing_slash and path != "/" and path.endswith("/"):
        path = path.rstrip("/")
    path = PERCENT_ESCAPE.sub(lambda m: m.group(0).lower(), path)
    return urlunsplit((scheme.lower(), netloc.lower(), path, query, ""))


def same_site(url: str, base_url: str) -> bool:
    host = urlsplit(url).hostname or ""
    base = urlsplit(base_url).hostname or ""
    return host == base or host.endswith("." + base.removeprefix("www.")) or base.endswith("." + host)
