"""Comments as the page shows them: WordPress's threaded comment list, in any theme."""

from __future__ import annotations

import re

from parsel import Selector

from newsbot.extract.dom import all_texts, blocks, first_match, first_text, node_text, query_all, select
from newsbot.items import Comment
from newsbot.sites.base import Selectors

_NUMBER = re.compile(r"(\d+)$")
_OWN_PART = "./*[not(self::ul or self::ol)]"  # a comment without its replies (WordPress nests them in ul/ol)


_ID_SOURCES = (lambda node: node.attrib.get("id"),
               lambda node: first_match(node, ".//*[starts-with(@id, 'comment-')]/@id"),
               lambda node: first_match(node, ".//*[starts-with(@id, 'div-comment-')]/@id"))


def _comment_id(node: Selector) -> str | None:
    """The comment's number: of its own ``id``, else of the first element inside with a comment id."""
    for source in _ID_SOURCES:
        match = _NUMBER.search(source(node) or "")
        if match:
            return match.group(1)
    return None


def _unix(value: str | None) -> str | None:
    """tagDiv writes a comment's time as a unix timestamp in ``pubdate``."""
    return value.strip() if value and value.strip().isdigit() else None


def extract_comments(page: Selector, selectors: Selectors) -> list[Comment]:
    nodes = list(select(page, selectors.comments))
    ids = {id(node.root): _comment_id(node) for node in nodes}
    comments = []
    for node in nodes:
        comment_id = ids[id(node.root)]
        if comment_id is None:
            continue
        parent_id = None
        ancestor = node.root.getparent()
        while ancestor is not None:
            if id(ancestor) in ids:
                parent_id = ids[id(ancestor)]
                break
            ancestor = ancestor.getparent()
        own = query_all(node, _OWN_PART)
        author_node = select(own, selectors.comment_author)
        author = node_text(author_node[0]) if author_node else None
        author_url = (first_match(author_node[0], "./descendant-or-self::a/@href") if author_node else None) \
            or first_match(own, "a.url::attr(href)")
        text_node = select(own, selectors.comment_text)
        paragraphs = blocks(text_node[0], {"p", "blockquote", "li", "pre"}) if text_node else []
        if text_node and not paragraphs:
            paragraphs = all_texts(text_node[0], ("::text",))
        published = first_match(own, "time::attr(datetime)") or _unix(first_match(own, "time::attr(pubdate)")) or first_text(
            own, ("time", ".comment-metadata a", ".comment-date", ".comment-meta a"))
        comments.append(Comment(
            id=comment_id,
            parent_id=parent_id,
            author=author or None,
            author_url=author_url or None,
            links=[link.root for link in query_all(text_node[0], "a::attr(href)")] if text_node else [],
            published=published,
            text="\n\n".join(paragraphs),
        ))
    return comments
