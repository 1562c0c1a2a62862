"""Small helpers over parsel selectors and lxml trees shared by the field extractors."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import cssselect
from cssselect.parser import Class, CombinedSelector
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator

_SPACE = re.compile(r"\s+")


def squash(text: str | None) -> str:
    """Whitespace runs folded to one space, ends stripped."""
    return _SPACE.sub(" ", text or "").strip()


_TRANSLATOR = HTMLTranslator()  # parsel's: CSS with ``::text`` and ``::attr(name)``
_REGEX_NAMESPACE = {"re": "http://exslt.org/regular-expressions"}
_ELEMENTS_WITH_CLASS = etree.XPath("//*[@class]")
_TREES_KEPT = 4
_tree_indexes: list[ClassIndex] = []  # newest last


@dataclass
class ClassIndex:
    """The elements of one tree (a page, or a pruned copy) by class name, in document order."""

    root: etree._Element
    elements: dict[str, list]


def _class_index(element) -> ClassIndex | None:
    """The class index of the tree whose root is ``element``, built once per tree (one pass over its classed
    elements); None for an element inside a tree (a query from there scans only its subtree: cheap)."""
    for index in reversed(_tree_indexes):
        if index.root is element:
            return index
    if element.getparent() is not None:
        return None
    elements: dict[str, list] = {}
    for classed in _ELEMENTS_WITH_CLASS(element):
        for name in classed.get("class").split():
            elements.setdefault(name, []).append(classed)
    _tree_indexes.append(ClassIndex(element, elements))
    del _tree_indexes[:-_TREES_KEPT]
    return _tree_indexes[-1]


def _required_classes(node) -> set[str]:
    """Class names every match of a parsed CSS selector needs (a negated part needs nothing)."""
    if isinstance(node, CombinedSelector):
        return _required_classes(node.selector) | _required_classes(node.subselector)
    inner = getattr(node, "selector", None)
    required = _required_classes(inner) if inner is not None else set()
    return required | {node.class_name} if isinstance(node, Class) else required


def _leftmost(node):
    while isinstance(node, CombinedSelector):
        node = node.selector
    return node


@dataclass(frozen=True)
class Query:
    """A selector compiled once: its XPath; for CSS, the classes a document must use for it to match, and
    when its first compound names a class, the same query anchored on the elements of that class."""

    xpath: etree.XPath
    needed: frozenset[str] = frozenset()
    anchor: str | None = None
    anchored: etree.XPath | None = None


@lru_cache(maxsize=4096)  # queries come from profiles and code, a few hundred at most
def compiled(query: str) -> Query:
    """A selector: CSS, or XPath when it starts with ``/``, ``(`` or ``./``."""
    if query.startswith(("/", "(", "./")):
        return Query(etree.XPath(query, namespaces=_REGEX_NAMESPACE, smart_strings=False))
    xpath = etree.XPath(_TRANSLATOR.css_to_xpath(query), namespaces=_REGEX_NAMESPACE, smart_strings=False)
    parsed = cssselect.parse(query)
    if len(parsed) != 1:  # a group: each alternative needs its own classes
        return Query(xpath)
    tree = parsed[0].parsed_tree
    first = sorted(_required_classes(_leftmost(tree)))
    if not first:
        return Query(xpath, frozenset(_required_classes(tree)))
    anchored = etree.XPath("$anchor/" + _TRANSLATOR.css_to_xpath(query, prefix="self::"),
                           namespaces=_REGEX_NAMESPACE, smart_strings=False)
    return Query(xpath, frozenset(_required_classes(tree)), first[0], anchored)


def query_all(sel: Selector | list[Selector], query: str) -> SelectorList:
    """The matches of one selector under ``sel`` (a selector or a list of them), in document order.

    From a tree's root (a page, a pruned copy), CSS that needs a class the tree never uses is not run at all
    (most candidates of a profile's selector lists are such misses), and CSS whose first compound names a
    class starts from the elements of that class (libxml2 tests a class on every element of the page otherwise)."""
    compiled_query = compiled(query)
    found = []
    for node in sel if isinstance(sel, list) else (sel,):
        root = node.root
        if isinstance(root, str):
            continue
        index = _class_index(root) if compiled_query.needed else None
        if index is not None:
            if not all(name in index.elements for name in compiled_query.needed):
                continue
            if compiled_query.anchor:
                found.extend(compiled_query.anchored(root, anchor=index.elements[compiled_query.anchor]))
                continue
        found.extend(compiled_query.xpath(root))
    return SelectorList(Selector(root=match, type="html") for match in found)


def first_match(sel: Selector | list[Selector], query: str) -> str | None:
    """The first string a ``::text``/``::attr()``/``@attr`` query matches, as ``.get()`` would give it."""
    found = query_all(sel, query)
    return found[0].root if found and isinstance(found[0].root, str) else None


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
