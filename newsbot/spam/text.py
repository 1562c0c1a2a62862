"""Text helpers for the spam signals: one normal form for Arabic and Latin text, URLs, tokens, scripts.

``normalize`` folds what commenters (and spammers) vary without changing a word: case, Arabic diacritics
and tatweel, the alef/ya/ta-marbuta variants, Arabic-Indic digits. Vocabulary terms go through the same
function when they are loaded, so a list entry matches every spelling that folds to it.
"""

from __future__ import annotations

import re

from newsbot.arabic import fold_arabic

_TLDS = "com|net|org|info|biz|sa|ae|eg|co|io|me|xyz|online|site|store|shop"
# "://", "www." or a dot before a top-level domain; every branch starts with ":" or ".", which ``re`` scans
# for quickly (``www\.`` first would have it try every branch at every character)
URL_HINT_RE = re.compile(rf"://|\.(?:(?<=www\.)|(?:{_TLDS})\b)", re.IGNORECASE)
URL_RE = re.compile(rf"(?:https?://|www\.)[^\s<>\"'\]\[]+|(?<![@.])\b[a-z0-9][a-z0-9-]*\.(?:{_TLDS})\b(?:/[^\s<>\"']*)?", re.IGNORECASE)
WORD_RE = re.compile(r"\w+")
_NOT_ALNUM_RE = re.compile(r"[\W_]+")  # \w is str.isalnum() or "_"
LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")


def normalize(text: str) -> str:
    """Case-folded text with Arabic spelling variants folded and digits made ASCII (``newsbot.arabic``)."""
    return fold_arabic(text).lower()


def find_urls(text: str) -> list[str]:
    """URLs written in the text, with or without a scheme (``https://x``, ``www.x``, ``x.com/path``)."""
    return URL_RE.findall(text) if URL_HINT_RE.search(text) else []


def strip_urls(text: str) -> str:
    return URL_RE.sub(" ", text)


def words(text: str) -> list[str]:
    """The words of ``text``: runs of letters, digits and underscores."""
    return WORD_RE.findall(text)


def url_key(url: str) -> str:
    """A URL's host and path, lower case, with every character that is not a letter or digit removed."""
    url = url.lower()
    for prefix in ("https://", "http://", "//"):
        if url.startswith(prefix):
            url = url[len(prefix) :]
            break
    url = url.split("?", 1)[0].split("#", 1)[0]
    if url.startswith("www."):
        url = url[4:]
    return _NOT_ALNUM_RE.sub("", url)


def host_of(url: str) -> str:
    """The host of a URL written with or without a scheme, lower case, without ``www.``."""
    rest = url.lower().split("://", 1)[-1].lstrip("/")
    host = re.split(r"[/?#:]", rest, maxsplit=1)[0]
    return host[4:] if host.startswith("www.") else host


def count_latin_letters(text: str) -> int:
    return len(LATIN_LETTER_RE.findall(text))

