"""Titles without the site's name, authors without their bylines' words, lists without repeats.

- ``clean_title(title, site_name)``: the title normalized and trimmed of the site name where the theme adds
  it as a suffix or a prefix, after one of ``– — - | : · • »`` (``بلينكين ولافروف… – أخبار العالم``,
  ``Site | Title``; the name as ``og:site_name`` gives it, compared without case, alef or spacing
  differences). A title that is nothing but the site name is kept.
- ``clean_author(name)``: the name normalized, without a byline prefix (``بقلم``, ``كتب``, ``كتبت``,
  ``إعداد``, ``تحرير``, ``By``, ``Written by``, ``Posted by``, ``Reporting by``, with an optional colon) or
  a role suffix after a separator (``- Staff Writer``, ``| Contributor``, ``، مراسل``, ``(محرر)``).
- ``unique(values)``: the non-empty values, first occurrence kept, compared by their folded form.
- ``clean_authors(names)`` / ``clean_tags(tags)``: the two above applied to lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsbot.clean.text import normalize_text

_SEPARATORS = r"\s+[-–—|:·•»]\s+|\s*[|·•»]\s*"
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})
_AUTHOR_PREFIX = re.compile(
    r"^(?:بقلم|كتب|كتبت|كتبه|إعداد|اعداد|تحرير|by|written by|posted by|reporting by|author)\s*[:：\-–]?\s+",
    re.IGNORECASE,
)
_ROLE = (
    r"(?:staff writer|staff reporter|correspondent|contributor|editor|reporter|staff|"
    r"مراسل[^\n,،|()\-–]*|محرر[^\n,،|()\-–]*|صحفي[^\n,،|()\-–]*|كاتب[^\n,،|()\-–]*|فريق التحرير)"
)
_AUTHOR_SUFFIX = re.compile(rf"\s*(?:[,،|\-–—]\s*{_ROLE}|\(\s*{_ROLE}\s*\))\s*$", re.IGNORECASE)


def _folded(text: str) -> str:
    return " ".join(text.translate(_FOLD).split()).casefold()


def clean_title(title: str | None, site_name: str | None = None) -> str:
    """The title normalized and without the site name as a prefix or suffix; see the module docstring."""
    title = normalize_text(title)
    site = _folded(normalize_text(site_name))
    if not site:
        return title
    parts = re.split(f"({_SEPARATORS})", title)
    if len(parts) < 3:
        return title
    if _folded(parts[-1]) == site:
        return "".join(parts[:-2]).strip() or title
    if _folded(parts[0]) == site:
        return "".join(parts[2:]).strip() or title
    return title


def clean_author(name: str | None) -> str:
    """The author's name without byline words; see the module docstring."""
    name = normalize_text(name)
    name = _AUTHOR_PREFIX.sub("", name)
    return _AUTHOR_SUFFIX.sub("", name).strip()


def unique(values: Iterable[str]) -> list[str]:
    """The non-empty values in their order, without repeats (compared without case or alef differences)."""
    seen = set()
    kept = []
    for value in values:
        key = _folded(value)
        if key and key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def clean_authors(names: Iterable[str | None]) -> list[str]:
    return unique(clean_author(name) for name in names)


def clean_tags(tags: Iterable[str | None]) -> list[str]:
    return unique(normalize_text(tag) for tag in tags)
