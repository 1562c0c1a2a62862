"""Fits the spam filter's linear model on the tuning parts of the labelled sets and writes ``data/model.json``.

    .venv/bin/python -m newsbot.spam.train [--out newsbot/spam/data/model.json]

Training rows: the ``tune`` part of the public sets kept in the repository (``datasets/comments/public/``:
``youtube.jsonl``, ``sms.jsonl``), and the ham of the ``tune`` part of the project's own ``labelled.jsonl``
(news readers' words, so that "please check the original" is not YouTube's "please check my channel");
test and held-out parts are never read. Not the project's own spam: it is templated by the hands that wrote
the rules, and a model fitted to it learned the templates (Arabic praise wrapped around a website became a
spam word). Logistic
regression (AdaGrad, L2), deterministic. The two cut-offs come from out-of-fold logits (``FOLDS``-fold
cross-validation inside the tuning rows): ``strong_logit`` is the lowest logit above which the out-of-fold
precision is at least ``STRONG_PRECISION`` (the model alone drops a comment), ``weak_logit`` the same for
``WEAK_PRECISION`` (it takes another sign besides). Weights under ``MIN_WEIGHT`` are left out of the file.
"""

from __future__ import annotations

import argparse
import json
import math
import random
from pathlib import Path

from newsbot.spam.filter import SpamConfig, SpamFilter, model_features
from newsbot.spam.model import MODEL_FILE, sigmoid

DATASETS = Path(__file__).resolve().parents[2] / "datasets" / "comments"
TRAINING_FILES = (DATASETS / "public" / "youtube.jsonl", DATASETS / "public" / "sms.jsonl", DATASETS / "labelled.jsonl")
HAM_ONLY = {"labelled"}  # file stems whose spam is left out (see above)
EPOCHS = 12
LEARNING_RATE = 0.5
L2 = 1e-4
FOLDS = 4
STRONG_PRECISION = 0.995
WEAK_PRECISION = 0.98
MIN_WEIGHT = 0.02


def training_rows() -> list[tuple[list[str], int]]:
    """(features, 1 for spam) of every tuning row, the hand signals computed by a filter without a model."""
    hand_filter = SpamFilter(SpamConfig(use_model=False))
    rows = []
    for path in TRAINING_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["split"] == "tune" and not (path.stem in HAM_ONLY and row["label"] == "spam"):
                facts, hits = hand_filter.observe(row)
                rows.append((model_features(facts, hits), int(row["label"] == "spam")))
    return rows


def fit(rows: list[tuple[list[str], int]], seed: int = 0) -> tuple[dict[str, float], float]:
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for i in order:
            feats, label = rows[i]
            error = sigmoid(bias + sum(weights.get(f, 0.0) for f in feats)) - label
            for f in feats:
                w = weights.get(f, 0.0)
                gradient = error + L2 * w
                squares[f] = squares.get(f, 1e-8) + gradient * gradient
                weights[f] = w - LEARNING_RATE * gradient / math.sqrt(squares[f])
            bias_square += error * error
            bias -= LEARNING_RATE * error / math.sqrt(bias_square)
    return weights, bias


def cut_off(scored: list[tuple[float, int]], precision: float) -> float:
    """The lowest logit such that the rows at or above it are spam with at least ``precision``."""
    best = math.inf
    tp = fp = 0
    for logit, label in sorted(scored, reverse=True):
        tp, fp = tp + label, fp + (1 - label)
        if tp / (tp + fp) >= precision:
            best = logit
    return best


def out_of_fold(rows: list[tuple[list[str], int]]) -> list[tuple[float, int]]:
    scored = []
    for fold in range(FOLDS):
        weights, bias = fit([r for i, r in enumerate(rows) if i % FOLDS != fold])
        scored += [(bias + sum(weights.get(f, 0.0) for f in feats), label)
                   for i, (feats, label) in enumerate(rows) if i % FOLDS == fold]
    return scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    args = parser.parse_args()
    rows = training_rows()
    scored = out_of_fold(rows)
    strong, weak = cut_off(scored, STRONG_PRECISION), cut_off(scored, WEAK_PRECISION)
    weights, bias = fit(rows)
    kept = {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= MIN_WEIGHT}
    model = {"bias": round(bias, 3), "weak_logit": round(weak, 3), "strong_logit": round(strong, 3),
             "trained_on": [str(p.relative_to(DATASETS)) + ":tune" for p in TRAINING_FILES], "weights": kept}
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    top = sorted(kept.items(), key=lambda item: -item[1])[:15]
    print(f"{len(rows)} rows, {len(kept)} weights, bias {bias:.2f}, weak {weak:.2f}, strong {strong:.2f}")
    print("top spam features:", ", ".join(f"{f} {w:.2f}" for f, w in top))


if __name__ == "__main__":
    main()
