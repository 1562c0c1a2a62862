"""Spam precision and recall of ``SpamFilter`` on every labelled set, per set, per part and per kind.

    .venv/bin/python benchmarks/spam_eval.py [--sets labelled,youtube,...] [--signals] [--errors] [-s NAME=VALUE ...]

The sets (``datasets/comments/README.md``): ``labelled`` (the project's own, parts ``tune``/``heldout``)
and the public ones (parts ``tune``/``test``): ``youtube`` and ``sms`` from ``datasets/comments/public/``,
``arabic_tweets`` from ``datasets/comments/.cache/`` when ``import_public.py`` has written it (from a mirror;
said so when absent). Each part is scored as one run (a fresh filter, rows in file order, so the "same text
on several articles" signal sees what a crawl would), under an article in the set's language. Prints
precision, recall and the confusion counts per part, beside the same filter without its linear model
(``SPAM_MODEL=0``: the hand signals alone, measured in the same run), then per kind; ``--signals`` adds, for tuning parts,
how many spam and ham rows show each signal; ``--errors`` lists the misclassified rows of tuning parts only
(test parts are only counted, never read). Goal on every test part: precision >= 0.99, recall >= 0.97.
"""

from __future__ import annotations

import argparse
from collections import Counter
from scrapy.utils.project import get_project_settings

from newsbot.commands.spam_check import parse_override
from newsbot.spam import SpamFilter
from newsbot.spam.filter import signal_name
from newsbot.spam.labelled_sets import SETS

def judge(rows: list[dict], language: str, overrides: dict) -> list[tuple[dict, object]]:
    settings = get_project_settings()
    settings.setdict(overrides, priority="cmdline")
    spam_filter = SpamFilter.from_settings(settings)
    return [(row, spam_filter.score(row, article_language=language, article_url=row.get("article_url"))) for row in rows]


def counts(judged: list[tuple[dict, object]]) -> tuple[int, int, int, int]:
    tp = sum(1 for row, v in judged if v.spam and row["label"] == "spam")
    fp = sum(1 for row, v in judged if v.spam and row["label"] == "ham")
    fn = sum(1 for row, v in judged if not v.spam and row["label"] == "spam")
    return tp, fp, fn, len(judged) - tp - fp - fn


def line(name: str, judged: list[tuple[dict, object]]) -> str:
    tp, fp, fn, tn = counts(judged)
    precision = f"{tp / (tp + fp):.3f}" if tp + fp else "  -  "
    recall = f"{tp / (tp + fn):.3f}" if tp + fn else "  -  "
    return f"{name:40} n={len(judged):5}  precision={precision}  recall={recall}  TP={tp} FP={fp} FN={fn} TN={tn}"


def report(set_name: str, part: str, judged: list[tuple[dict, object]], baseline: list[tuple[dict, object]],
           show_errors: bool) -> None:
    print(line(f"{set_name}/{part}", judged))
    print(line(f"{set_name}/{part} (hand signals only)", baseline))
    for kind in sorted({row["kind"] for row, _ in judged}):
        print("  " + line(kind, [(row, v) for row, v in judged if row["kind"] == kind]))
    if show_errors:
        for row, v in judged:
            if v.spam != (row["label"] == "spam"):
                print(f"    {row['label']:4} {v.score} {v.reasons} {row.get('author')!r}: {row['text'][:100]!r}")


def signal_table(judged: list[tuple[dict, object]]) -> None:
    table: dict[str, Counter] = {}
    for row, verdict in judged:
        for name in {signal_name(reason) for reason in verdict.reasons}:
            table.setdefault(name, Counter())[row["label"]] += 1
    print("    signal                  spam   ham  (rows of this tuning part showing the signal)")
    for name, c in sorted(table.items()):
        print(f"    {name:22} {c['spam']:5} {c['ham']:5}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated names of the sets to score")
    parser.add_argument("--signals", action="store_true")
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("-s", "--set", action="append", default=[], type=parse_override, metavar="NAME=VALUE")
    args = parser.parse_args()
    settings = dict(args.set)
    for set_name in args.sets.split(","):
        labelled_set = SETS[set_name]
        if not labelled_set.path.exists():
            print(f"{set_name}: absent ({labelled_set.path}); run datasets/comments/import_public.py with its mirror")
            continue
        rows = labelled_set.rows()
        for part in labelled_set.parts:
            of_part = [r for r in rows if r["split"] == part]
            judged = judge(of_part, labelled_set.language, settings)
            baseline = judge(of_part, labelled_set.language, {**settings, "SPAM_MODEL": False})
            tuning = part == labelled_set.tuning_part
            report(set_name, part, judged, baseline, args.errors and tuning)
            if args.signals and tuning:
                signal_table(judged)


if __name__ == "__main__":
    main()
