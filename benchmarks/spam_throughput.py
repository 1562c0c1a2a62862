"""Comments scored per second by ``SpamFilter``, beside a bare pass-through over the same comments.

    .venv/bin/python benchmarks/spam_throughput.py [--comments 50000] [--repeats 3]

The comments are the labelled set's, cycled up to ``--comments``, each under an article URL made unique
per cycle (so the duplicate index grows as in a long crawl). The baseline reads every comment through
``ItemAdapter`` and returns a constant verdict: the cost of visiting the comments at all. The two alternate,
``--repeats`` runs each, best run of each reported, both in wall-clock time and in this process's CPU time:
on a shared machine the CPU-time figures (and their ratio) move much less from run to run. Target: over
20,000 comments/s.
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


def rates(score, batch: list[tuple[dict, str]]) -> tuple[float, float]:
    """Comments per second of wall-clock time and of CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    for comment, url in batch:
        score(comment, article_language="ar", article_url=url)
    return len(batch) / (time.perf_counter() - wall), len(batch) / (time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=50_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    batch = comments(args.comments)
    baseline_runs, filter_runs = zip(
        *[(rates(pass_through, batch), rates(SpamFilter().score, batch)) for _ in range(args.repeats)]
    )
    baseline_wall, baseline_cpu = map(max, zip(*baseline_runs))
    filtered_wall, filtered_cpu = map(max, zip(*filter_runs))
    print(f"comments            {len(batch)}")
    print("                        wall clock     CPU time")
    print(f"pass-through        {baseline_wall:12,.0f} {baseline_cpu:12,.0f}   comments/s")
    print(f"SpamFilter.score    {filtered_wall:12,.0f} {filtered_cpu:12,.0f}   comments/s   (target > 20,000)")
    ratio_wall, ratio_cpu = filtered_wall / baseline_wall, filtered_cpu / baseline_cpu
    print(f"ratio               {ratio_wall:12.3f} {ratio_cpu:12.3f}   (filter / pass-through)")


if __name__ == "__main__":
    main()
