"""A small linear model over a comment's words, word pairs and hand signals, shipped as ``data/model.json``.

``newsbot.spam.train`` fits it (logistic regression) on the tuning parts of the labelled sets in
``datasets/comments/`` and writes the file; ``LinearModel.load`` reads it. The model is one more signal of
``SpamFilter``: its reason names the features that weigh most towards spam (``model:subscribe+my_channel``),
so a verdict it takes part in stays explainable.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("data") / "model.json"
_DIGITS_RE = re.compile(r"\d")
REASON_FEATURES = 3  # features named in a reason


def features(words: list[str], signal_names: list[str], has_website: bool) -> list[str]:
    """The model's features: words (digits in them as ``0``; numbers alone are figures in news comments,
    phone numbers are a hand signal), adjacent word pairs, the hand signals' reasons, and
    whether the commenter gave a website (so that praise is not blamed for what the website does).

    Not a link's mere presence: in the training sets most links are spam, on a news site many are sources.
    """
    tokens = [word if word.isalpha() else _DIGITS_RE.sub("0", word) for word in words[:200] if not word.isdigit()]
    found = [*tokens, *(f"{a}_{b}" for a, b in zip(tokens, tokens[1:])), *(f"sig:{name}" for name in signal_names)]
    if has_website:
        found.append("sig:website")
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    bias: float
    weak_logit: float  # a logit at or above this is a weak sign (half the threshold)
    strong_logit: float  # and at or above this a strong one

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> LinearModel | None:
        """The shipped model, or None when there is none (the filter then runs on its hand signals)."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["weak_logit"], data["strong_logit"])

    def logit(self, feats: list[str]) -> float:
        return self.bias + sum(map(self.weights.get, feats, repeat(0.0)))

    def judge(self, feats: list[str]) -> tuple[str, float] | None:
        """``(reason, units)`` when the comment looks like spam to the model, else None."""
        logit = self.logit(feats)
        if logit < self.weak_logit:
            return None
        weights = self.weights
        contributions = [(weights[f], f) for f in feats if f in weights]
        top = [f for w, f in sorted(contributions, reverse=True)[:REASON_FEATURES] if w > 0]
        return f"model:{'+'.join(top)}", 1.0 if logit >= self.strong_logit else 0.5


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))
