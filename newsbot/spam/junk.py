"""Junk: a text that is no word of any language (keyboard mash, one character repeated, digits, ``test``,
punctuation only), told apart from laughter (``ههههه``, ``خخخخ``, ``lol``, ``hahaha``) and emoji reactions."""

from __future__ import annotations

import re
import unicodedata

from newsbot.spam.text import normalize, words

# Laughter is words: ههههه, خخخخ, hahaha, lol, lmao, xD, jajaja, kkkk
LAUGHTER_RE = re.compile(r"(?:[هخ]{2,}|(?:ha|he|ja|je|ah|ха)+h?|l+o+l+|lmf?ao+|x+d+|k{3,}|5{3,}|(?:wk)+w?|rs{2,})")
TEST_WORDS = frozenset({"test", "testing", "tst", "тест", "teste", "prueba"})
KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890", "ضصثقفغعهخحجد", "شسيبلاتنمك", "ءؤرىةوزظ",
                 "йцукенгшщзх", "фывапролджэ", "ячсмитьбю")
KEY_RUN = 4  # keys side by side on one row, either way, inside a word: "asdf", "lkjh", "ضصثق"
KEY_RUNS = frozenset(
    line[i : i + n]
    for row in KEYBOARD_ROWS
    for line in (row, row[::-1])
    for n in ((3, KEY_RUN) if row.isascii() else (KEY_RUN,))
    for i in range(len(line) - n + 1)
)  # and Latin three-key runs, junk as a whole word only ("asd", "qwe"; "robert" holds "ert"); not Arabic
# ones: three letters side by side there are often a word ("بلا", without)
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
