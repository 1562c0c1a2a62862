"""One crawl holds a site's concurrency limit, counted at the server (``newsbot.downloader``)."""

from __future__ import annotations

import pytest
from crawling import counting_replica, run_crawl


@pytest.mark.parametrize("limit", [1, 3])
def test_a_crawl_never_has_more_requests_open_at_one_site_than_its_limit(tmp_path, limit):
    server, base_url, counts = counting_replica(articles=40, latency=0.05)
    try:
        result = run_crawl("world_news", tmp_path, args={"base_url": base_url},
                           settings={"CONCURRENT_REQUESTS_PER_DOMAIN": limit, "AUTOTHROTTLE_ENABLED": False})
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0 and len(result.items) > 20, result.log[-2000:]
    assert counts["peak"] == limit, f"at most {limit} requests open at once, and the crawl used them: {counts}"
