"""Small helpers over parsel selectors and lxml trees shared by the field extractors."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable

from lxml import etree
from parsel import Selector

_SPACE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return _SPACE.sub(" ", text or "").strip()


def select(sel: Selector, candidates: Iterable[str]):
    """The matches of the first candidate selector that matches anything (CSS, or XPath from ``/``/``(``)."""
    for query in candidates:
        found = sel.xpath(query) if query.startswith(("/", "(", "./")) else sel.css(query)
        if found:
            return found
    return []


def node_text(node: Selector) -> str:
    """Text of an element, or the value of a ``::text``/``::attr()`` match."""
    if isinstance(node.root, str):
        return squash(node.root)
    return squash("".join(node.root.itertext()))


def first_text(sel: Selector, candidates: Iterable[str]) -> str | None:
    for node in select(sel, candidates):
        text = node_text(node)
        if text:
            return text
    return None


def all_texts(sel: Selector, candidates: Iterable[str]) -> list[str]:
    texts = [node_text(n) for n in select(sel, candidates)]
    return list(dict.fromkeys(t for t in texts if t))


def drop(element) -> None:
    """Remove an element but keep its tail text in the tree."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def pruned_copy(node: Selector, exclude: Iterable[str]) -> Selector:
    """A copy of ``node`` without the elements matched by the ``exclude`` selectors."""
    root = copy.deepcopy(node.root)
    pruned = Selector(root=root, type="html")
    for query in exclude:
        for found in (pruned.xpath(query) if query.startswith(("/", "(", "./")) else pruned.css(query)):
            if not isinstance(found.root, str) and found.root is not root:
                drop(found.root)
    return pruned


def blocks(node: Selector, tags: set[str]) -> list[str]:
    """Text of the paragraph-like blocks under ``node``, in document order.

    A block nested in another (a ``<p>`` in an ``<li>``, or the paragraphs that libxml2 nests inside an
    unclosed ``<p>`` of malformed HTML, where a browser would have closed it) is a paragraph of its own:
    each block gives the text that is its own, split where a nested block starts and ends.
    """
    paragraphs: list[str] = []
    buffer: list[str] = []
    depth = 0

    def flush():
        text = squash("".join(buffer))
        if text:
            paragraphs.append(text)
        buffer.clear()

    for event, element in etree.iterwalk(node.root, events=("start", "end")):
        is_block = isinstance(element.tag, str) and element.tag in tags
        if event == "start":
            if is_block:
                flush()
                depth += 1
            if depth and element.tag == "br":
                buffer.append(" ")
            if depth and isinstance(element.tag, str) and element.text:
                buffer.append(element.text)
        else:
            if is_block:
                flush()
                depth -= 1
            if depth and element.tail and element is not node.root:
                buffer.append(element.tail)
    flush()
    return paragraphs
