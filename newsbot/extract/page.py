"""One page to one clean article, outside a crawl: the extraction chain, then the same cleaning a spider's
items get (``newsbot.clean.article``). ``newsbot extract``, profile tests and the extraction benchmark use it."""

from __future__ import annotations

from parsel import Selector

from newsbot import settings as defaults
from newsbot.clean.article import CleanRules, clean_article
from newsbot.extract.article import extract_article
from newsbot.items import Article
from newsbot.sites.base import SiteProfile


def extract_page(html: str, url: str, profile: type[SiteProfile] = SiteProfile, section: str | None = None) -> Article:
    """The cleaned article of a page; raises ``NoArticle`` when the page holds none."""
    article = extract_article(Selector(text=html), url, profile, section)
    rules = CleanRules.of(profile.timezone or defaults.NEWSBOT_TIMEZONE, profile.boilerplate, profile.site_name)
    clean_article(article, rules)
    return article
