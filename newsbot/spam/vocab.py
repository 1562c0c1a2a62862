"""The word lists behind the vocabulary signals, read from plain text files, one term per line.

Layout of a data folder (the package's own is ``newsbot/spam/data/``; ``SPAM_DATA_DIRS`` adds more, whose
terms are added to the package's):

- ``vocab/<category>.<lang>.txt``: spam vocabulary; a match gives the reason ``vocab:<category>``.
- ``author.<lang>.txt``: words that make an author name a keyword (``Best SEO Services``, ``شركة نقل``).
- ``praise.<lang>.txt``: generic praise that fits any article (``great post``, ``موضوع رائع``).
- ``url.txt``: fragments that make a link or an author's website commercial (``casino``, ``naql``).

Blank lines and lines starting with ``#`` are skipped. Terms are matched after ``text.normalize``, as whole
words (an Arabic term may carry a clitic prefix: و ف ب ل ك ال); a term in a script written without spaces
between words (Chinese, Japanese, Thai) is matched anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from newsbot.spam.text import WORD_RE, normalize

PACKAGE_DATA_DIR = Path(__file__).with_name("data")
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")  # clitics, tried in this order
_PREFIX = "(?:" + "|".join(_PREFIXES) + ")?"
UNSPACED_SCRIPT_RE = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")  # Thai, kana, CJK


def read_terms(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [normalize(line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _terms_in(dirs: list[Path], pattern: str) -> dict[str, set[str]]:
    """Terms of the files matching ``pattern`` in every folder, grouped by the file name's first part."""
    groups: dict[str, set[str]] = {}
    for folder in dirs:
        for path in sorted(folder.glob(pattern)):
            groups.setdefault(path.name.split(".", 1)[0], set()).update(read_terms(path))
    return groups


class WholeWordTerms:
    """Finds terms in a normalized text as whole words, each with an optional clitic prefix.

    The pattern is a lookahead, so that terms that overlap are all found (``شركة نقل`` and ``نقل عفش`` in
    ``شركة نقل عفش``). Python's ``re`` would try it at every character of every text; but a term that
    starts with a letter or digit can only start where a word (``text.words``) starts that is the term's
    first word, alone or behind a clitic prefix. ``openers`` holds those words: a text without any (most
    comments) is skipped with one set operation, and in the others the pattern is tried only where an
    opener is written. A term that starts with another character (extra data folders may have some)
    turns that off, and the pattern is tried everywhere.
    """

    def __init__(self, terms: set[str]):
        self.pattern = re.compile(rf"(?<!\w)(?={_PREFIX}({trie_pattern(terms)})(?!\w))")
        first_words = [WORD_RE.match(term) for term in terms]
        self.openers: frozenset[str] | None = (
            frozenset(prefix + word.group() for prefix in ("", *_PREFIXES) for word in first_words)
            if all(first_words)
            else None
        )

    def findall(self, text: str, words: list[str]) -> list[str]:
        """The term found at each place of ``text`` where one starts; ``words`` are ``text.words(text)``."""
        return [match.group(1) for match in self._matches(text, words)]

    def search(self, text: str, words: list[str]) -> bool:
        """Whether ``text`` holds any of the terms; ``words`` are ``text.words(text)``."""
        return bool(self._matches(text, words))

    def _matches(self, text: str, words: list[str]) -> list[re.Match[str]]:
        if self.openers is None:
            return list(self.pattern.finditer(text))
        if self.openers.isdisjoint(words):
            return []
        places = sorted({place for word in self.openers.intersection(words) for place in _places(word, text)})
        return [match for place in places if (match := self.pattern.match(text, place))]


def _places(part: str, text: str) -> Iterator[int]:
    """Where ``part`` is written in ``text``, overlaps included."""
    place = text.find(part)
    while place >= 0:
        yield place
        place = text.find(part, place + 1)


def trie_pattern(terms: set[str]) -> str:
    """An alternation of ``terms`` factored by common prefixes (``ab|ac`` -> ``a(?:b|c)``), longest first.

    Python's ``re`` tries a flat alternation's branches one by one at each word; the factored form fails
    a branch at its first differing character, which keeps hundreds of terms fast.
    """
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:
    branches = [re.escape(ch) + _node_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


@dataclass(frozen=True, eq=False)  # hashed by identity, so that checks on it can be cached
class Vocabulary:
    spam_terms: WholeWordTerms  # every category's terms; ``category_of`` names a match's category
    unspaced_terms: re.Pattern[str] | None  # the terms in scripts without spaces, found anywhere
    category_of: dict[str, str]
    author_words: WholeWordTerms
    praise: WholeWordTerms
    url_fragments: re.Pattern[str] | None  # any of the fragments, anywhere

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> Vocabulary:
        dirs = [PACKAGE_DATA_DIR, *(Path(d) for d in extra_dirs or [])]
        categories = _terms_in([d / "vocab" for d in dirs], "*.txt")
        category_of = {term: name for name, terms in sorted(categories.items()) for term in terms}
        unspaced = {term for term in category_of if UNSPACED_SCRIPT_RE.search(term)}
        return cls(
            spam_terms=WholeWordTerms(set(category_of) - unspaced),
            unspaced_terms=_any_of(unspaced),
            category_of=category_of,
            author_words=WholeWordTerms(set().union(*_terms_in(dirs, "author.*.txt").values())),
            praise=WholeWordTerms(set().union(*_terms_in(dirs, "praise.*.txt").values())),
            url_fragments=_any_of(set().union(*_terms_in(dirs, "url.txt").values())),
        )

    def categories_in(self, normalized_text: str, words: list[str]) -> dict[str, int]:
        """How many distinct spam terms of each category the text (whose ``text.words`` are ``words``) holds."""
        found: dict[str, int] = {}
        terms = set(self.spam_terms.findall(normalized_text, words))
        if self.unspaced_terms is not None and UNSPACED_SCRIPT_RE.search(normalized_text):
            terms.update(self.unspaced_terms.findall(normalized_text))
        for term in terms:
            category = self.category_of[term]
            found[category] = found.get(category, 0) + 1
        return found

    def commercial_url(self, key: str) -> bool:
        """Whether a URL key (``text.url_key``) holds one of the commercial fragments."""
        return self.url_fragments is not None and self.url_fragments.search(key) is not None


def _any_of(fragments: set[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``fragments`` anywhere in a text, None for no fragments."""
    return re.compile(trie_pattern(fragments)) if fragments else None
