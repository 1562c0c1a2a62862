"""newsbot's own signals: run events that components connect to, as they connect to Scrapy's.

- ``run_committed(committed)``: the run's feeds are complete and their articles recorded as emitted in the
  store (``newsbot.extensions.emitted_commit``). From then on the run counts as completed: what a killed
  run must not change (incremental markers, the pending-feed note) changes on this signal.
- ``feed_recovered(path)``: the JSON Lines file at ``path`` holds articles a killed run delivered, now
  taken into this run (``newsbot.extensions.recover_feed``): it gets this run's feed corrections at commit.
- ``page_without_article(url, reason)``: a page requested as an article was read and holds no article to
  emit (not a text page, no article, another section, older than ``since``); nothing to fetch again. Not
  sent when extraction failed: that page is fetched again by the next run.
- ``worker_lost(slot)``: a worker of a shared crawl (``newsbot crawl --frontier``) stopped sending its
  heartbeat: ``slot`` (``<run>/<worker>``) is dead. The dedup pipeline voids what it staged and never
  delivered, so the living workers can emit those articles when its requests are re-queued.
"""

run_committed = object()
feed_recovered = object()
page_without_article = object()
worker_lost = object()
