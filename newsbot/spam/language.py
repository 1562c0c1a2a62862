"""The language of a comment or an article, from py3langid's shipped model (langid.py's, 97 languages).

One function, ``identify(text) -> (code, confidence)``, so that the identifier can be swapped in one place.
The model is loaded on first use (about 0.1 s) and texts are cached: a bot posts the same text many times.
Too few letters to tell (``lol``, ``ههه``, emoji) gives ``(None, 0.0)``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsbot.language import language_code

MIN_LETTERS = 10  # below this, short-text identification is a guess
_LETTER_RE = re.compile(r"[^\W\d_]")
_identifier = None


def _model():
    global _identifier
    if _identifier is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier  # numpy and a 2 MB model: loaded lazily

        _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


@lru_cache(maxsize=20_000)
def identify(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of ``text``'s language and the model's probability for it, or ``(None, 0.0)``."""
    if len(_LETTER_RE.findall(text[:400])) < MIN_LETTERS:
        return None, 0.0
    code, probability = _model().classify(text[:1000])
    return language_code(code), float(probability)  # a variety as its macrolanguage
