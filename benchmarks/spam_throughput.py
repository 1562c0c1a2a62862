"""Comments scored per second by ``SpamFilter``, beside a bare pass-through over the same comments.

    .venv/bin/python benchmarks/spam_throughput.py [--comments 50000] [--repeats 3]

The comments are the labelled set's, cycled up to ``--comments``, each under an article URL made unique
per cycle (so the duplicate index grows as in a long crawl). The baseline reads every comment through
``ItemAdapter`` and returns a constant verdict: the cost of visiting the comments at all. Best of
``--repeats`` runs each. Target: over 20,000 comments/s.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from pathlib import Path

from itemadapter import ItemAdapter

from newsbot.spam import SpamFilter, Verdict

LABELLED = Path(__file__).resolve().parent.parent / "datasets" / "comments" / "labelled.jsonl"
PASS = Verdict(spam=False, score=0.0, reasons=[])


def comments(count: int) -> list[tuple[dict, str]]:
    rows = [json.loads(line) for line in LABELLED.open(encoding="utf-8") if line.strip()]
    cycled = itertools.islice(itertools.cycle(rows), count)
    return [(row, f"{row['article_url']}#{i // len(rows)}") for i, row in enumerate(cycled)]


def pass_through(comment, article_language="ar", article_url=None) -> Verdict:
    ItemAdapter(comment).get("text")
    return PASS


def rate(score, batch: list[tuple[dict, str]]) -> float:
    start = time.perf_counter()
    for comment, url in batch:
        score(comment, article_language="ar", article_url=url)
    return len(batch) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    batch = comments(args.comments)
    baseline = max(rate(pass_through, batch) for _ in range(args.repeats))
    filtered = max(rate(SpamFilter().score, batch) for _ in range(args.repeats))
    print(f"comments            {len(batch)}")
    print(f"pass-through        {baseline:12,.0f} comments/s")
    print(f"SpamFilter.score    {filtered:12,.0f} comments/s   (target > 20,000)")
    print(f"ratio               {filtered / baseline:12.3f}   (filter / pass-through)")


if __name__ == "__main__":
    main()
