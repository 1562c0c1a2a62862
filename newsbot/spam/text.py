"""Text helpers for the spam signals: one normal form for Arabic and Latin text, URLs, tokens, scripts.

``normalize`` folds what commenters (and spammers) vary without changing a word: case, Arabic diacritics
and tatweel, the alef/ya/ta-marbuta variants, Arabic-Indic digits. Vocabulary terms go through the same
function when they are loaded, so a list entry matches every spelling that folds to it.
"""

from __future__ import annotations

import re
import unicodedata

_STRIP_RE = re.compile("[\u064B-\u0652\u0670\u0640]")  # harakat, tanwin, shadda, sukun, superscript alef, tatweel
_LETTER_FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"))
_INDIC_DIGIT_RE = re.compile("[\u0660-\u0669\u06F0-\u06F9]")
_DIGITS = str.maketrans({**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}})

_TLDS = "com|net|org|info|biz|sa|ae|eg|co|io|me|xyz|online|site|store|shop"
# "://", "www." or a dot before a top-level domain; every branch starts with ":" or ".", which ``re`` scans
# for quickly (``www\.`` first would have it try every branch at every character)
URL_HINT_RE = re.compile(rf"://|\.(?:(?<=www\.)|(?:{_TLDS})\b)", re.IGNORECASE)
URL_RE = re.compile(rf"(?:https?://|www\.)[^\s<>\"'\]\[]+|(?<![@.])\b[a-z0-9][a-z0-9-]*\.(?:{_TLDS})\b(?:/[^\s<>\"']*)?", re.IGNORECASE)
WORD_RE = re.compile(r"\w+")
_NOT_ALNUM_RE = re.compile(r"[\W_]+")  # \w is str.isalnum() or "_"
ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00C0-\u024F]")


def normalize(text: str) -> str:
    """Case-folded text with Arabic spelling variants folded and digits made ASCII."""
    if _STRIP_RE.search(text):
        text = _STRIP_RE.sub("", text)
    for variant, letter in _LETTER_FOLDS:
        if variant in text:
            text = text.replace(variant, letter)
    if _INDIC_DIGIT_RE.search(text):
        text = text.translate(_DIGITS)
    return text.lower()


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


def has_arabic(text: str) -> bool:
    return ARABIC_LETTER_RE.search(text) is not None


def count_latin_letters(text: str) -> int:
    return len(LATIN_LETTER_RE.findall(text))


# Junk: text that is no word of any language. Laughter is words: ههههه, خخخخ, hahaha, lol, lmao, xD, jajaja, kkkk
LAUGHTER_RE = re.compile(r"(?:[هخ]{2,}|(?:ha|he|ja|je|ah|ха)+h?|l+o+l+|lmf?ao+|x+d+|k{3,}|5{3,}|(?:wk)+w?|rs{2,})")
TEST_WORDS = frozenset({"test", "testing", "tst", "тест", "teste", "prueba"})
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "ضصثقفغعهخحجد", "شسيبلاتنمك", "ءؤرىةوزظ",
                 "йцукенгшщзх", "фывапролджэ", "ячсмитьбю")
KEY_RUN = 4  # keys side by side on one row, either way, inside a word: "asdf", "lkjh", "ضصثق"
KEY_RUNS = frozenset(
    line[i : i + n] for row in KEYBOARD_ROWS for line in (row, row[::-1]) for n in (3, KEY_RUN) for i in range(len(line) - n + 1)
)  # and the three-key runs, which are junk as a whole word only ("asd", "qwe"; "robert" holds "ert")
LATIN_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüáíóúãõœæ")
JUNK_MAX_WORDS = 4


def is_junk(text: str) -> bool:
    """Whether ``text`` holds no word of any language: key runs, letters without a vowel, one character
    repeated, digits, ``test``, punctuation; laughter and emoji are not junk."""
    found = words(normalize(text))
    if not found:
        return not any(unicodedata.category(ch) == "So" for ch in text)  # punctuation only; emoji are reactions
    return len(found) <= JUNK_MAX_WORDS and all(_is_junk_word(word) for word in found)


def _is_junk_word(word: str) -> bool:
    if LAUGHTER_RE.fullmatch(word):
        return False
    if word in TEST_WORDS or word in KEY_RUNS or len(set(word)) == 1 or word.isdigit():
        return True
    if any(word[i : i + KEY_RUN] in KEY_RUNS for i in range(len(word) - KEY_RUN + 1)):  # 4-key runs only
        return True
    latin = word.isascii() and word.isalpha()
    return latin and len(word) >= 4 and LATIN_VOWELS.isdisjoint(word)
