"""newsbot's own signals: run events that components connect to, as they connect to Scrapy's.

- ``run_committed(committed)``: the run's feeds are complete and their articles recorded as emitted in the
  store (``newsbot.extensions.emitted_commit``). From then on the run counts as completed: what a killed
  run must not change (incremental markers, the pending-feed note) changes on this signal.
- ``feed_recovered(path)``: the JSON Lines file at ``path`` holds articles a killed run delivered, now
  taken into this run (``newsbot.extensions.recover_feed``): it gets this run's feed corrections at commit.
- ``page_without_article(url, reason)``: a page requested as an article was read and holds no article to
  emit (not a text page, no article, another section, older than ``since``); nothing to fetch again. Not
  sent when extraction failed: that page is fetched again by the next run.
- ``worker_lost(slot)``: in a crawl shared through Redis (``newsbot crawl --frontier``), the worker of
  ``slot`` (``<site>:<run>/<worker>``, what the store calls its run) stopped beating for longer than
  ``NEWSBOT_WORKER_LEASE``; sent by one live worker (``newsbot.frontier.worker``) before it puts the dead
  worker's requests in flight back in the queue. The store forgets what that slot staged and never
  delivered to its feed, so that those articles can be emitted again.
"""

run_committed = object()
feed_recovered = object()
page_without_article = object()
worker_lost = object()
