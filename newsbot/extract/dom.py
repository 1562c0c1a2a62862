"""Small helpers over parsel selectors and lxml trees shared by the field extractors."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import cssselect
from cssselect.parser import Class, CombinedSelector
from lxml import etree
from parsel import Selector, SelectorList
from parsel.csstranslator import HTMLTranslator


def squash(text: str | None) -> str:
    """Whitespace runs folded to one space, ends stripped (``str.split`` knows the characters ``\\s`` does)."""
    return " ".join(text.split()) if text else ""


_TRANSLATOR = HTMLTranslator()  # parsel's: CSS with ``::text`` and ``::attr(name)``
_REGEX_NAMESPACE = {"re": "http://exslt.org/regular-expressions"}
_ELEMENTS_WITH_CLASS = etree.XPath("//*[@class]")
_CLASS_VALUES = etree.XPath("//@class", smart_strings=False)
_DOCUMENTS_KEPT = 4
_documents: list[Document] = []  # newest last


class Document:
    """What the queries from one tree's root (a page, or a pruned copy) share, found once: the class names
    it uses, its elements by class name in document order (``anchored``: worth it on a page, whose queries
    start from a class's elements; built by the first query that needs a class), and the matches of every
    query run from the root. A tree queried this way is read, never changed: changes are made on copies
    (``pruned_copy``)."""

    __slots__ = ("root", "anchored", "_by_class", "_classes", "matches")

    def __init__(self, root: etree._Element, anchored: bool = True):
        self.root = root
        self.anchored = anchored
        self._by_class: dict[str, list] | None = None
        self._classes = None
        self.matches: dict[str, list] = {}

    @property
    def by_class(self) -> dict[str, list]:
        if self._by_class is None:  # one pass over the classed elements: a class test in XPath costs more
            self._by_class = {}
            for classed in _ELEMENTS_WITH_CLASS(self.root):
                for name in classed.get("class").split():
                    self._by_class.setdefault(name, []).append(classed)
        return self._by_class

    @property
    def classes(self):
        """The class names the tree uses (without an index, a superset: ``str.split`` knows more spaces)."""
        if self._classes is None:
            self._classes = (self.by_class.keys() if self.anchored
                             else frozenset(" ".join(_CLASS_VALUES(self.root)).split()))
        return self._classes

    def run(self, query: str, compiled_query: Query) -> list:
        """The matches of ``query`` from the root, found once."""
        found = self.matches.get(query)
        if found is None:
            found = self.matches[query] = _run(self.root, compiled_query, self)
        return found


def _kept_document(root: etree._Element) -> Document | None:
    for document in reversed(_documents):
        if document.root is root:
            return document
    return None


def _document(root: etree._Element) -> Document:
    """The ``Document`` of the tree whose root is ``root``, made on its first query (the last few are kept)."""
    document = _kept_document(root)
    if document is None:
        _documents.append(document := Document(root))
        del _documents[:-_DOCUMENTS_KEPT]
    return document


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


def _run(root: etree._Element, compiled_query: Query, document: Document | None) -> list:
    """The matches of a compiled query under ``root``; from a tree's root (``document``), CSS that needs a
    class the tree never uses is not run at all (most candidates of a profile's selector lists are such
    misses), and CSS whose first compound names a class starts from the elements of that class (libxml2
    tests a class on every element of the page otherwise)."""
    if document is not None and compiled_query.needed:
        if not compiled_query.needed <= document.classes:
            return []
        if compiled_query.anchor and document.anchored:
            return compiled_query.anchored(root, anchor=document.by_class[compiled_query.anchor])
    return compiled_query.xpath(root)


def _wrapped(found: list) -> SelectorList:
    return SelectorList([Selector(root=match, type="html") for match in found])


def query_all(sel: Selector | list[Selector], query: str) -> SelectorList:
    """The matches of one selector under ``sel`` (a selector or a list of them), in document order. A query
    from a tree's root is run once per tree (``Document``); from an element inside it, on its subtree, unless
    it needs a class that the tree's ``Document`` says the tree lacks."""
    compiled_query = compiled(query)
    if not isinstance(sel, list):
        root = sel.root
        if isinstance(root, str):
            return SelectorList()
        if root.getparent() is None:
            return _wrapped(_document(root).run(query, compiled_query))
        if compiled_query.needed:  # a class the whole page lacks is not in this element either
            document = _kept_document(root.getroottree().getroot())
            if document is not None and not compiled_query.needed <= document.classes:
                return SelectorList()
        return _wrapped(compiled_query.xpath(root))
    found = []
    for node in sel:
        if not isinstance(node.root, str):
            found.extend(query_all(node, query))
    return SelectorList(found)


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
    document = Document(root, anchored=False)  # not kept: the copy changes as it is pruned
    for query in exclude:
        for found in _run(root, compiled(query), document):
            if not isinstance(found, str) and found is not root:
                drop(found)
    return Selector(root=root, type="html")


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
