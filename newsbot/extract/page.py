"""One page to one clean article, outside a crawl: the extraction chain, then the clean pipeline, exactly as
a spider's items go through them. ``newsbot extract``, profile tests and the extraction benchmark use it."""

from __future__ import annotations

from parsel import Selector

from newsbot.extract.article import extract_article
from newsbot.items import Article
from newsbot.pipelines.clean import CleanArticlePipeline
from newsbot.sites.base import SiteProfile


class _Uncounted:
    """Stats of a one-page extraction: nobody reads them."""

    def inc_value(self, *args, **kwargs):
        pass


def extract_page(html: str, url: str, profile: type[SiteProfile] = SiteProfile, section: str | None = None) -> Article:
    """The cleaned article of a page; raises ``NoArticle`` when the page holds none."""
    article = extract_article(Selector(text=html), url, profile, section)
    cleaner = CleanArticlePipeline(_Uncounted(), profile.timezone, profile.boilerplate, profile.site_name)
    return cleaner.process_item(article)
