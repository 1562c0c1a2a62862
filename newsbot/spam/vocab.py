"""The word lists behind the vocabulary signals, read from plain text files, one term per line.

Layout of a data folder (the package's own is ``newsbot/spam/data/``; ``SPAM_DATA_DIRS`` adds more, whose
terms are added to the package's):

- ``vocab/<category>.<lang>.txt``: spam vocabulary; a match gives the reason ``vocab:<category>``.
- ``author.<lang>.txt``: words that make an author name a keyword (``Best SEO Services``, ``شركة نقل``).
- ``praise.<lang>.txt``: generic praise that fits any article (``great post``, ``موضوع رائع``).
- ``url.txt``: fragments that make a link or an author's website commercial (``casino``, ``naql``).

Blank lines and lines starting with ``#`` are skipped. Terms are matched after ``text.normalize``, as whole
words (an Arabic term may carry a clitic prefix: و ف ب ل ك ال).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsbot.spam.text import normalize

PACKAGE_DATA_DIR = Path(__file__).with_name("data")
_PREFIX = r"(?:وال|بال|فال|كال|لل|ال|و|ف|ب|ل|ك)?"


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


def whole_word_regex(terms: set[str]) -> re.Pattern[str] | None:
    """One regex finding any of ``terms`` as a whole word, longest first, None for no terms.

    The match is a lookahead, so that ``findall`` also finds terms that overlap (``شركة نقل`` and ``نقل عفش``
    in ``شركة نقل عفش``).
    """
    if not terms:
        return None
    return re.compile(rf"(?<!\w)(?={_PREFIX}({trie_pattern(terms)})(?!\w))")


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


@dataclass(frozen=True)
class Vocabulary:
    spam_terms: re.Pattern[str] | None  # every category's terms; ``category_of`` names a match's category
    category_of: dict[str, str]
    author_words: re.Pattern[str] | None
    praise: re.Pattern[str] | None
    url_fragments: tuple[str, ...]

    @classmethod
    def load(cls, extra_dirs: list[Path] | None = None) -> Vocabulary:
        dirs = [PACKAGE_DATA_DIR, *(Path(d) for d in extra_dirs or [])]
        categories = _terms_in([d / "vocab" for d in dirs], "*.txt")
        category_of = {term: name for name, terms in sorted(categories.items()) for term in terms}
        return cls(
            spam_terms=whole_word_regex(set(category_of)),
            category_of=category_of,
            author_words=whole_word_regex(set().union(*_terms_in(dirs, "author.*.txt").values())),
            praise=whole_word_regex(set().union(*_terms_in(dirs, "praise.*.txt").values())),
            url_fragments=tuple(sorted(set().union(*_terms_in(dirs, "url.txt").values()))),
        )

    def categories_in(self, normalized_text: str) -> dict[str, int]:
        """How many distinct spam terms of each category the text holds."""
        if self.spam_terms is None:
            return {}
        found: dict[str, set[str]] = {}
        for term in self.spam_terms.findall(normalized_text):
            found.setdefault(self.category_of[term], set()).add(term)
        return {category: len(terms) for category, terms in found.items()}

    def commercial_url(self, key: str) -> bool:
        """Whether a URL key (``text.url_key``) holds one of the commercial fragments."""
        return any(fragment in key for fragment in self.url_fragments)
