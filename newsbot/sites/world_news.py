"""The first target: an Arabic WordPress news site on the tagDiv "Newspaper" theme, world-news section.

Its default base URL is the local replica that ``newsbot replica``/``newsbot demo`` serve; point it at the
real site with ``-a base_url=https://…``.
"""

from newsbot.sites.base import SiteProfile, TAGDIV_NEWSPAPER


class WorldNews(SiteProfile):
    name = "world_news"
    base_url = "http://127.0.0.1:8765"
    section = "world-news"
    selectors = TAGDIV_NEWSPAPER
    timezone = "Asia/Riyadh"
    language = "ar"
