"""Text normalization for Arabic (and English) news text: one line with ``normalize_text``, a body with
``normalize_body``.

What ``normalize_text`` does, in this order:

1. Repairs mojibake (``fix_mojibake``): UTF-8 bytes decoded as cp1252 or latin-1 (``Ø§Ù„`` for ``ال``) with
   ``ftfy``, plus what ftfy cannot do: the bytes cp1252 leaves undefined, which a decoder turned into U+FFFD
   (``Ù�`` is almost always ``ف``, UTF-8 ``D9 81``), and Arabic windows-1256 bytes decoded as cp1252 or
   latin-1 (``ÇáÚÑÈíÉ`` for ``العربية``).
2. Unescapes HTML entities left in the text (``&amp;``, ``&quot;``, ``&#8217;``, and double escapes).
3. Removes invisible characters that carry nothing in plain text: ZWSP, word joiner, BOM, soft hyphen, the
   bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
   PDI), and control characters. ZWNJ is kept only between two Arabic-script letters (where it changes the
   joining, as in Persian ``می‌خواهم``); ZWJ is kept only inside emoji sequences.
4. Maps Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFF) to the base letters (their NFKC
   decomposition: ``ﻻ`` becomes ``لا``; the isolated harakat forms become the bare combining mark).
5. Unicode NFC.
6. Removes tatweel (U+0640) used as elongation: a run of tatweels between two Arabic letters (harakat
   allowed around it), ``كـــبير`` becomes ``كبير``. A tatweel that ends a word is kept: it marks an
   abbreviation (``1444 هـ``) or a prefix written apart from a number or a Latin word (``بـ 10``, ``لـCNN``).
7. Unifies whitespace: every space character (NBSP, narrow NBSP, en/em spaces, tabs, line breaks) becomes
   one plain space; the ends are stripped.

``normalize_body`` does the same per line and keeps the structure: paragraphs separated by exactly one blank
line, each stripped, empty ones dropped; single line breaks inside a paragraph are kept.
"""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,
    explain=False,
)

# Bytes that windows-1252 leaves undefined; decoders replace them with U+FFFD.
_CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
# A UTF-8 sequence whose last byte cp1252 leaves undefined, replaced by U+FFFD, mapped to the most frequent
# character it can have been: D9 81 (ف, far more frequent than the harakat D9 8D/8F/90) and E2 80 9D (”).
_LOST_BYTES = {"\u00d9\ufffd": "\u00d9\x81", "\u00e2\u20ac\ufffd": "\u00e2\u20ac\x9d"}
_LOST_BYTE = re.compile("|".join(_LOST_BYTES))
_MOJIBAKE_HINT = re.compile("[\u00c0-\u00ff]")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LATIN_HIGH_LETTER = re.compile("[\u00c0-\u00ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _cp1256_misread_table() -> dict[int, str]:
    """Each character that a cp1252 or latin-1 decoder makes of a byte, mapped to that byte in cp1256."""
    table = {}
    for byte in range(0x80, 0x100):
        arabic = bytes([byte]).decode("cp1256")
        table[byte] = arabic  # latin-1 reading
        if byte not in _CP1252_UNDEFINED:
            table[ord(bytes([byte]).decode("cp1252"))] = arabic
    return table


_CP1256_MISREAD = _cp1256_misread_table()


def _repair_cp1256(text: str) -> str:
    """Arabic windows-1256 text decoded as cp1252/latin-1 back to Arabic, when that is clearly what it is.

    Only text whose letters are mostly Latin-1 accented ones (French or Spanish
    text has a few), and that becomes mostly Arabic letters once re-read.
    """
    letters = len(_LETTER.findall(text))
    if not letters or len(_LATIN_HIGH_LETTER.findall(text)) < 0.5 * letters:
        return text
    candidate = text.translate(_CP1256_MISREAD)
    if len(_ARABIC_LETTER.findall(candidate)) < 0.5 * len(_LETTER.findall(candidate)):
        return text
    return candidate


def fix_mojibake(text: str) -> str:
    """``text`` with the mojibake of a wrong declared encoding repaired; unchanged text is returned as is."""
    if not _MOJIBAKE_HINT.search(text):
        return text
    fixed = ftfy.fix_encoding(_LOST_BYTE.sub(lambda lost: _LOST_BYTES[lost[0]], text), _FTFY_CONFIG)
    if _ARABIC_LETTER.search(fixed):  # UTF-8 mojibake repaired, or Arabic text that needed nothing
        return fixed
    repaired = _repair_cp1256(text)
    return repaired if repaired is not text else fixed


def unescape_entities(text: str) -> str:
    """HTML entities left in text decoded, including double-escaped ones (``&amp;quot;``)."""
    for _ in range(2):
        if "&" not in text:
            break
        text = html.unescape(text)
    return text


_ARABIC_SCRIPT_LETTER = "\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff"  # not tatweel
_HARAKAT = "\u064b-\u065f\u0670"
_EMOJI = "\u00a9\u00ae\u203c-\u3299\ufe0f\U0001f000-\U0001faff"
_JOINER_NOT_MEANINGFUL = re.compile(
    f"(?<![{_ARABIC_SCRIPT_LETTER}{_HARAKAT}])\u200c+|\u200c+(?![{_ARABIC_SCRIPT_LETTER}\u200c])"
    f"|(?<![{_EMOJI}\U0001f3fb-\U0001f3ff])\u200d+|\u200d+(?![{_EMOJI}])"
)
_INVISIBLE = (
    "\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f"
)
_SPACES = "\t\n\x0c\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


def _char_range(spec: str) -> list[int]:
    """Code points of a regex-style character set such as ``"\\u00ad\\u202a-\\u202e"``."""
    points = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            points.extend(range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            points.append(ord(spec[i]))
            i += 1
    return points


def _presentation_form(char: str) -> str:
    base = unicodedata.normalize("NFKC", char)
    return base.lstrip(" ") or base  # isolated harakat forms decompose to a space + the mark


def _translation_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for point in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        base = _presentation_form(chr(point))
        if base != chr(point):
            table[point] = base
    table.update(dict.fromkeys(_char_range(_INVISIBLE)))
    table.update(dict.fromkeys(_char_range(_SPACES), " "))
    return table


_TABLE = _translation_table()
_DECORATIVE_TATWEEL = re.compile(
    f"([{_ARABIC_SCRIPT_LETTER}][{_HARAKAT}]*)\u0640+(?=[{_HARAKAT}]*[{_ARABIC_SCRIPT_LETTER}])"
)
_RUN_OF_SPACES = re.compile(" {2,}")


def _normalize_line(text: str) -> str:
    """The steps after mojibake repair, for text whose line breaks do not matter."""
    text = unescape_entities(text)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER_NOT_MEANINGFUL.sub("", text)
    text = unicodedata.normalize("NFC", text.translate(_TABLE))
    if "\u0640" in text:
        text = _DECORATIVE_TATWEEL.sub(r"\1", text)
    return _RUN_OF_SPACES.sub(" ", text).strip()


def normalize_text(text: str | None, *, repair_encoding: bool = True) -> str:
    """One clean line of text (a title, an author, a tag); see the module docstring. None becomes ``""``.

    ``repair_encoding=False`` skips the mojibake step, for a caller that ran ``fix_mojibake`` itself.
    """
    if not text:
        return ""
    if repair_encoding:
        text = fix_mojibake(text)
    return _normalize_line(text)


_LINE_BREAK = re.compile(r"\r\n|[\r\n\u2028\u2029\x0b\x0c\x85]")
_BLANK_LINE = re.compile(r"\n\s*\n")


def split_paragraphs(text: str | None, *, repair_encoding: bool = True) -> list[str]:
    """The normalized, non-empty paragraphs of a body; lines inside a paragraph stay apart."""
    if not text:
        return []
    if repair_encoding:
        text = fix_mojibake(text)
    paragraphs = []
    for block in _BLANK_LINE.split(_LINE_BREAK.sub("\n", text)):
        lines = [line for line in map(_normalize_line, block.split("\n")) if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def normalize_body(text: str | None, *, repair_encoding: bool = True) -> str:
    """A body with each paragraph normalized, separated from the next by exactly one blank line."""
    return "\n\n".join(split_paragraphs(text, repair_encoding=repair_encoding))
