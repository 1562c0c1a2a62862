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


_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NEGATION = re.compile(r":not\([^)]*\)")
_CLASSES_KEPT = 4
_classes_cache: list[tuple[object, frozenset[str]]] = []  # (tree root, its class names), newest last


def _classes_of(sel: Selector) -> frozenset[str]:
    """Every class name used in the tree of ``sel``, computed once per tree (a page, or a pruned copy)."""
    element = sel[0].root if isinstance(sel, list) and sel else getattr(sel, "root", None)
    if not hasattr(element, "getroottree"):
        return frozenset()
    root = element.getroottree().getroot()
    for cached_root, classes in reversed(_classes_cache):
        if cached_root is root:
            return classes
    classes = frozenset(c for value in root.xpath("//@class") for c in value.split())
    _classes_cache.append((root, classes))
    del _classes_cache[:-_CLASSES_KEPT]
    return classes


def _cannot_match(query: str, classes: frozenset[str]) -> bool:
    """A CSS query that needs a class the document never uses matches nothing: no need to run it."""
    needed = _CLASS.findall(_NEGATION.sub("", query.split("::")[0]))
    return any(name not in classes for name in needed)


def query_all(sel: Selector, query: str):
    """The matches of one selector (CSS, or XPath from ``/``, ``(`` or ``./``); CSS that needs a class the
    document never uses is not run at all (most candidates of a selector list are such misses)."""
    if query.startswith(("/", "(", "./")):
        return sel.xpath(query)
    classes = _classes_of(sel)
    if classes and _cannot_match(query, classes):
        return []
    return sel.css(query)


def select(sel: Selector, candidates: Iterable[str]):
    """The matches of the first candidate selector that matches anything."""
    for query in candidates:
        found = query_all(sel, query)
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
        for found in query_all(pruned, query):
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
