"""Where a run's files go: the feed, and the side files written beside it (quarantine, summary).

A run's feed is the first local file among the ``FEEDS`` keys (``output/<spider>/<timestamp>.jsonl`` by
default, or the file given with ``-o``/``-O``). Side files take the feed's path with another suffix, so
``output/world_news/2026-11-27T23-59-01.jsonl`` gets ``…T23-59-01.spam.jsonl`` and ``….summary.json``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

FEED_SUFFIXES = (".jsonl", ".jl", ".json", ".csv", ".xml")


def run_timestamp(now: datetime | None = None) -> str:
    """A UTC timestamp that is safe in file names on every system: ``2026-11-27T23-59-01``."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(timezone.utc).strftime("%Y-%m-%dT%H-%M-%S")


def _uri_params(spider) -> dict:
    params = {}
    for name in dir(spider):
        if name.startswith("_"):
            continue
        try:
            params[name] = getattr(spider, name)
        except Exception:  # a property that cannot be read before the crawl starts
            continue
    params.setdefault("time", run_timestamp())
    return params


def feed_path(crawler) -> Path | None:
    """The local path of the run's feed, with its ``%(name)s``-style parameters filled in, or None."""
    for uri in crawler.settings.getdict("FEEDS"):
        uri = str(uri)
        if crawler.spider is not None and "%(" in uri:
            uri = uri % _uri_params(crawler.spider)
        parsed = urlparse(uri)
        if parsed.scheme == "file":
            return Path(url2pathname(parsed.path))
        if parsed.scheme in ("",) or len(parsed.scheme) == 1:  # a plain path (or a Windows drive letter)
            return Path(uri)
    return None


def sidecar_for(feed: Path, suffix: str) -> Path:
    """The path beside ``feed`` with ``suffix`` (e.g. ``.spam.jsonl``) instead of the feed's own."""
    name = feed.name
    for ext in FEED_SUFFIXES:
        if name.endswith(ext):
            name = name[: -len(ext)]
            break
    return feed.with_name(name + suffix)


def sidecar_path(crawler, suffix: str) -> Path | None:
    """``sidecar_for`` the run's feed, or None when the run has no local feed."""
    feed = feed_path(crawler)
    return None if feed is None else sidecar_for(feed, suffix)
