"""Language tags (``<html lang>``, ``og:locale``, ``inLanguage``) as the ISO 639-1 code the output carries."""

from __future__ import annotations

import re

_PRIMARY = re.compile(r"[A-Za-z]{2,3}")
# varieties written for their macrolanguage (Egyptian Arabic is Arabic on an Arabic site)
MACROLANGUAGE = {"arz": "ar", "yue": "zh", "nb": "no", "nn": "no"}


def language_code(tag: str | None) -> str | None:
    """The primary language of a BCP 47 or locale tag, lowercase: ``ar-SA``, ``ar_SA``, `` AR `` -> ``ar``;
    a variety is its macrolanguage (``arz`` -> ``ar``); None for an empty or unreadable tag."""
    match = _PRIMARY.match((tag or "").strip())
    if not match:
        return None
    code = match.group().lower()
    return MACROLANGUAGE.get(code, code)
