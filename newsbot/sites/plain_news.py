"""plain_news: the 'world-news' section of http://127.0.0.1:8766.

Only what differs from the defaults of ``newsbot.sites.base.SiteProfile`` is set here; try the generic
extraction first (``newsbot extract URL``) and override a selector only where a field comes out wrong.
"""

from newsbot.sites.base import WORDPRESS, SiteProfile


class PlainNews(SiteProfile):
    name = "plain_news"
    base_url = "http://127.0.0.1:8766"
    section = "world-news"
    selectors = WORDPRESS  # e.g. WORDPRESS.override(title="h1.headline", body="div.article-body")
    timezone = "Asia/Riyadh"  # the timezone of dates the site shows without an offset
    # section_path = "/category/{section}/"  # the section's listing, if not WordPress's
    # boilerplate = (r"^Follow us on",)  # extra body paragraphs to drop
