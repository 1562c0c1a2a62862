"""Spam precision and recall of ``SpamFilter`` on ``datasets/comments/labelled.jsonl``, per split.

    .venv/bin/python benchmarks/spam_eval.py [--signals] [--errors] [-s SPAM_THRESHOLD=1.5 ...]

Each split is scored as one run (a fresh filter, comments in file order, so the "same text on several
articles" signal sees what a crawl would). Prints precision, recall, the confusion counts and the errors by
kind; ``--signals`` adds, for the tuning split, how many spam and ham comments show each signal (how the
weights in ``newsbot.spam.filter`` were chosen); ``--errors`` lists every misclassified comment of the tuning split (the held-out one is only counted).
Acceptance: precision >= 0.99 and recall >= 0.95.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from newsbot.commands.spam_check import parse_override
from newsbot.spam import SpamFilter
from newsbot.spam.filter import signal_name

LABELLED = Path(__file__).resolve().parent.parent / "datasets" / "comments" / "labelled.jsonl"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def judge(rows: list[dict], settings: dict) -> list[tuple[dict, object]]:
    spam_filter = SpamFilter.from_settings(settings)
    return [(row, spam_filter.score(row, article_language="ar", article_url=row.get("article_url"))) for row in rows]


def report(split: str, judged: list[tuple[dict, object]], show_errors: bool) -> None:
    tp = sum(1 for row, v in judged if v.spam and row["label"] == "spam")
    fp = sum(1 for row, v in judged if v.spam and row["label"] == "ham")
    fn = sum(1 for row, v in judged if not v.spam and row["label"] == "spam")
    tn = len(judged) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    print(f"{split:8} n={len(judged):4}  precision={precision:.3f}  recall={recall:.3f}  "
          f"TP={tp} FP={fp} FN={fn} TN={tn}")
    errors = Counter(row["kind"] for row, v in judged if v.spam != (row["label"] == "spam"))
    for kind, count in sorted(errors.items()):
        total = sum(1 for row, _ in judged if row["kind"] == kind)
        print(f"         errors in {kind}: {count}/{total}")
    if show_errors:
        for row, v in judged:
            if v.spam != (row["label"] == "spam"):
                print(f"         {row['label']:4} score={v.score} {v.reasons} {row['author']!r}: {row['text'][:90]!r}")


def signal_table(judged: list[tuple[dict, object]]) -> None:
    counts: dict[str, Counter] = {}
    for row, verdict in judged:
        for name in {signal_name(reason) for reason in verdict.reasons}:
            counts.setdefault(name, Counter())[row["label"]] += 1
    print("signal                  spam   ham  (tuning split: comments showing the signal)")
    for name, c in sorted(counts.items()):
        print(f"{name:22} {c['spam']:5} {c['ham']:5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("-s", "--set", action="append", default=[], type=parse_override, metavar="NAME=VALUE")
    parser.add_argument("--file", type=Path, default=LABELLED)
    args = parser.parse_args()
    settings = dict(args.set)
    rows = load(args.file)
    for split in ("tune", "heldout"):
        judged = judge([r for r in rows if r["split"] == split], settings)
        report(split, judged, args.errors and split == "tune")
        if args.signals and split == "tune":
            signal_table(judged)


if __name__ == "__main__":
    main()
