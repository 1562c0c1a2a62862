"""Text normalization for Arabic (and English) news text: one line with ``normalize_text``, a body with
``normalize_body`` (or its paragraphs with ``split_paragraphs``).

What is done, in this order:

1. Mojibake repaired (``fix_mojibake``): UTF-8 bytes decoded as cp1252 or latin-1 (``Ø§Ù„`` for ``ال``) with
   ``ftfy``, plus what ftfy does not do: the bytes cp1252 leaves undefined, which a decoder turned into U+FFFD
   (``Ù�`` is almost always ``ف``, UTF-8 ``D9 81``; ``â€�`` is ``”``), and Arabic windows-1256 bytes decoded
   as cp1252 or latin-1 (``ÇáÚÑÈíÉ`` for ``العربية``).
2. HTML entities left in the text unescaped (``&amp;``, ``&quot;``, ``&#8217;``, and double escapes).
3. Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE) mapped to the base letters (their NFKC
   decomposition: ``ﻻ`` becomes ``لا``; the isolated harakat forms become the bare combining mark).
4. Unicode NFC.
5. Invisible characters that carry nothing in plain text removed: ZWSP, word joiner, BOM, soft hyphen, the
   bidi marks, embeddings, overrides and isolates (LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI,
   PDI), and control characters. ZWNJ is kept only between two Arabic-script letters (where it changes the
   joining, as in Persian ``می‌خواهم``); ZWJ is kept only inside emoji sequences.
6. Whitespace unified: every run of space characters (NBSP, narrow NBSP, en/em spaces, tabs; and line breaks
   in ``normalize_text``) becomes one plain space; the ends are stripped.
7. Tatweel (U+0640) used as elongation removed: a run of tatweels between two Arabic letters (harakat
   allowed around it), ``كـــبير`` becomes ``كبير``. A tatweel that ends a word is kept: it marks an
   abbreviation (``1444 هـ``) or a prefix written apart from a number or a Latin word (``بـ 10``, ``لـCNN``).

``split_paragraphs`` does 5 to 7 line by line and keeps the structure: paragraphs are separated by blank
lines (lines of spaces count as blank), each line is stripped, empty paragraphs dropped, single line breaks
inside a paragraph kept; ``normalize_body`` joins them with exactly one blank line.
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
_LATIN_HIGH_LETTER = re.compile("[\u00c0-\u00ff]")  # what mojibake of Arabic is mostly made of
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
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

    Only text whose letters are mostly Latin-1 accented ones (French or Spanish text has a few), and that
    becomes mostly Arabic letters once re-read.
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
    if not _LATIN_HIGH_LETTER.search(text):
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
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]+"
)
_PRESENTATION_FORM = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
_DECORATIVE_TATWEEL = re.compile(
    f"(?<=[{_ARABIC_SCRIPT_LETTER}{_HARAKAT}])\u0640+(?=[{_HARAKAT}]*[{_ARABIC_SCRIPT_LETTER}])"
)


def _base_letters(form: re.Match[str]) -> str:
    """An Arabic presentation form as its base letters: its NFKC decomposition, without the space that the
    isolated harakat forms decompose to."""
    base = unicodedata.normalize("NFKC", form[0])
    return base.lstrip(" ") or base


def _normalize_characters(text: str) -> str:
    """Steps 2 to 4 of the module docstring, which work the same on a whole body."""
    text = unescape_entities(text)
    if _PRESENTATION_FORM.search(text):
        text = _PRESENTATION_FORM.sub(_base_letters, text)
    return unicodedata.normalize("NFC", text)


def _normalize_line(line: str) -> str:
    """Steps 5 to 7 of the module docstring; every whitespace character counts as a space."""
    if not line.isprintable() or "  " in line:  # printable: no control, format or non-ASCII space character
        if "\u200c" in line or "\u200d" in line:
            line = _JOINER_NOT_MEANINGFUL.sub("", line)
        line = " ".join(_INVISIBLE.sub("", line).split())
    if "\u0640" in line:
        line = _DECORATIVE_TATWEEL.sub("", line)
    return line.strip()


def normalize_text(text: str | None, *, repair_encoding: bool = True) -> str:
    """One clean line of text (a title, an author, a tag); see the module docstring. None becomes ``""``.

    ``repair_encoding=False`` skips the mojibake step, for a caller that ran ``fix_mojibake`` itself.
    """
    if not text:
        return ""
    if repair_encoding:
        text = fix_mojibake(text)
    return _normalize_line(_normalize_characters(text))


def split_paragraphs(text: str | None, *, repair_encoding: bool = True) -> list[str]:
    """The normalized, non-empty paragraphs of a body; lines inside a paragraph stay apart."""
    if not text:
        return []
    if repair_encoding:
        text = fix_mojibake(text)
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in map(_normalize_line, _normalize_characters(text).splitlines()):
        if line:
            lines.append(line)
        elif lines:
            paragraphs.append("\n".join(lines))
            lines = []
    if lines:
        paragraphs.append("\n".join(lines))
    return paragraphs


def normalize_body(text: str | None, *, repair_encoding: bool = True) -> str:
    """A body with each paragraph normalized, separated from the next by exactly one blank line."""
    return "\n\n".join(split_paragraphs(text, repair_encoding=repair_encoding))
