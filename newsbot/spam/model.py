"""A linear model over a comment's words, their character n-grams, word pairs and hand signals.

``newsbot.spam.train`` fits it (logistic regression) on the tuning parts of the labelled sets in
``datasets/comments/`` and writes ``data/model.json``; ``LinearModel.load`` reads it. Features are hashed
(``bucket``: the CRC-32 of the feature's name), so the file holds weights by bucket and no
text of the sets it was fitted on; a verdict stays explainable because the comment's own features are
known when it is scored: the model's reason names the words, pairs and signals that weigh most towards spam
(``model:subscribe+my_channel+sig:links>2``).

Character n-grams (``NGRAM_SIZES`` of each word between ``<`` and ``>``) carry what words alone miss in
Arabic (clitics, spelling variants), in obfuscated spam (``fr33``, ``القذ ف``) and across languages. A word's
share of the logit (the word and its n-grams) is computed once and remembered (``WORD_CACHE_SIZE``): words
repeat across comments, so scoring costs about one lookup a word, and one CRC a word pair.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, NamedTuple

MODEL_FILE = Path(__file__).with_name("data") / "model.json"
NGRAM_SIZES = (3, 4, 5)
MAX_WORDS = 200
WORD_CACHE_SIZE = 200_000
REASON_FEATURES = 3  # features named in a reason
_DIGITS_RE = re.compile(r"\d")


def bucket(feature: str) -> int:
    """The weight slot of a feature: its CRC-32, stable across processes (unlike ``hash``)."""
    return zlib.crc32(feature.encode("utf-8"))


def token(word: str) -> str | None:
    """The word as the model reads it: digits in it as ``0``; a number alone is left out (figures are
    common in news comments; phone numbers are a hand signal; reading their lengths instead did worse on
    the tuning parts)."""
    if word.isalpha():
        return word
    return None if word.isdigit() else _DIGITS_RE.sub("0", word)


def word_features(word: str) -> list[str]:
    """A word and its character n-grams (``~sub``), the word's edges marked ``<`` and ``>``."""
    marked = f"<{word}>"
    return [word, *(f"~{marked[i : i + n]}" for n in NGRAM_SIZES for i in range(len(marked) - n + 1))]


def context_features(read: list[str], signal_names: list[str], has_website: bool) -> list[str]:
    """Features beyond single words: adjacent word pairs (``a_b``), the hand signals' reasons, and whether
    the commenter gave a website (so that praise is not blamed for what the website does). Not a link's
    mere presence: in the training sets most links are spam, on a news site many are sources."""
    found = [f"{a}_{b}" for a, b in zip(read, read[1:])]
    found += [f"sig:{name}" for name in signal_names]
    if has_website:
        found.append("sig:website")
    return list(dict.fromkeys(found))


def features(words: list[str], signal_names: list[str], has_website: bool) -> list[str]:
    """Every feature of a comment, repeats included (an n-gram shared by two words counts twice): what
    ``LinearModel.logit`` adds up, and what training counts."""
    read = [t for t in map(token, words[:MAX_WORDS]) if t is not None]
    found = [f for word in dict.fromkeys(read) for f in word_features(word)]
    return found + context_features(read, signal_names, has_website)


class WordEntry(NamedTuple):
    token: str
    logit: float  # the word's share: its own weight and its n-grams'
    pair_prefix: int  # CRC-32 of ``token + "_"``: a pair's bucket is the next word's bytes chained on it
    encoded: bytes


@dataclass(frozen=True)
class LinearModel:
    weights: dict[int, float]  # bucket -> weight
    bias: float
    weak_logit: float  # a logit at or above this is a weak sign (half the threshold)
    strong_logit: float  # and at or above this a strong one
    entry: Callable[[str], WordEntry | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        weights = self.weights

        @lru_cache(maxsize=WORD_CACHE_SIZE)
        def entry(word: str) -> WordEntry | None:
            read = token(word)
            if read is None:
                return None
            share = sum(weights.get(bucket(f), 0.0) for f in word_features(read))
            return WordEntry(read, share, zlib.crc32(f"{read}_".encode("utf-8")), read.encode("utf-8"))

        object.__setattr__(self, "entry", entry)

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> LinearModel | None:
        """The shipped model, or None when there is none (the filter then runs on its hand signals)."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(zip(data["buckets"], data["weights"])), data["bias"], data["weak_logit"], data["strong_logit"])

    def weight(self, feature: str) -> float:
        return self.weights.get(bucket(feature), 0.0)

    def logit(self, words: list[str], signal_names: list[str], has_website: bool) -> float:
        """What ``features`` gives, added up: each word once and each pair once, from cached word entries."""
        get = self.weights.get
        total = self.bias
        seen: set[str] = set()
        pairs: set[int] = set()
        previous = None
        for current in map(self.entry, words[:MAX_WORDS]):
            if current is None:
                continue
            if current.token not in seen:
                seen.add(current.token)
                total += current.logit
            if previous is not None:
                pairs.add(zlib.crc32(current.encoded, previous.pair_prefix))
            previous = current
        total += sum(get(pair, 0.0) for pair in pairs)
        total += sum(self.weight(f"sig:{name}") for name in dict.fromkeys(signal_names))
        return total + self.weight("sig:website") if has_website else total

    def judge(self, words: list[str], signal_names: list[str], has_website: bool) -> tuple[str, float] | None:
        """``(reason, units)`` when the comment looks like spam to the model, else None."""
        logit = self.logit(words, signal_names, has_website)
        if logit < self.weak_logit:
            return None
        entries = [e for e in map(self.entry, words[:MAX_WORDS]) if e is not None]
        shares = [(e.logit, e.token) for e in {e.token: e for e in entries}.values()]
        shares += [(self.weight(f), f) for f in context_features([e.token for e in entries], signal_names, has_website)]
        top = [f for w, f in sorted(shares, reverse=True)[:REASON_FEATURES] if w > 0]
        return f"model:{'+'.join(top)}", 1.0 if logit >= self.strong_logit else 0.5


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
