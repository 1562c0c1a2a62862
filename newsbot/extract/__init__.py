"""Field extraction: plain functions over parsed pages (``extract_article`` is the entry point)."""

from newsbot.extract.article import NoArticle, extract_article

__all__ = ["NoArticle", "extract_article"]
