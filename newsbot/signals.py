"""newsbot's own signals: run events that components connect to, as they connect to Scrapy's.

- ``run_committed(committed)``: the run's feeds are complete and their articles recorded as emitted in the
  store (``newsbot.extensions.emitted_commit``). From then on the run counts as completed: what a killed
  run must not change (incremental markers, the pending-feed note) changes on this signal.
- ``page_without_article(url, reason)``: a page requested as an article was read and holds no article to
  emit (not a text page, no article, another section, older than ``since``); nothing to fetch again. Not
  sent when extraction failed: that page is fetched again by the next run.
"""

run_committed = object()
page_without_article = object()
