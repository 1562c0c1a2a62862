"""What a run was told to expect against what it reached: the signals spiders send, and the coverage they add up to.

Spiders report facts with ``crawler.signals.send_catch_log(signal, **kwargs)``; the run-coverage extension
(``newsbot.extensions.run_coverage``) adds them up when the spider closes. Nothing reads another
component's stats.

Signals and their arguments:
- ``listing_page_reached``: ``pagination`` (``newsbot.pagination.Pagination``) and ``url``, a listing page
  parsed;
- ``listing_page_failed``: ``url``, ``number``, ``reason``, a listing page that failed for good;
- ``listing_walk_stopped``: ``url``, ``reason``, the walk down the listing stopped on purpose (``since``,
  ``max_pages``, an incremental run at known articles): the pages after it are not missed;
- ``rest_total_announced``: ``posts``, ``pages``, the REST API's ``X-WP-Total`` and ``X-WP-TotalPages``;
- ``rest_page_read``: ``page``, ``posts``; ``rest_page_failed``: ``url``, ``page``, ``reason``;
- ``article_failed``: ``url``, ``source``, ``reason``, an article a discovery source named and the run could
  not fetch.
"""

from __future__ import annotations

listing_page_reached = object()
listing_page_failed = object()
listing_walk_stopped = object()
rest_total_announced = object()
rest_page_read = object()
rest_page_failed = object()
article_failed = object()
