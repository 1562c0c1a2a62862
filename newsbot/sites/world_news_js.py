"""The replica's ``world-js`` section: tagDiv's "Load more" listing and script-inserted comments.

Its listing is always rendered in Chromium (``browser_pages``); an article goes to Chromium only when its
HTML shows a comment count but no comment (``newsbot.browser.policy``). The section has no page links and
is found through its listing only.
"""

from newsbot.sites.base import Discovery, SiteProfile, TAGDIV_NEWSPAPER


class WorldNewsJs(SiteProfile):
    name = "world_news_js"
    base_url = "http://127.0.0.1:8765"
    section = "world-js"
    selectors = TAGDIV_NEWSPAPER
    timezone = "Asia/Riyadh"
    language = "ar"
    discovery = Discovery(listing=True, feed=False, sitemap=False)
    browser_pages = frozenset({"listing"})
