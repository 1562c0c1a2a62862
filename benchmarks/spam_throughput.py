"""Comments scored per second by ``SpamFilter``, beside a bare pass-through over the same comments.

    .venv/bin/python benchmarks/spam_throughput.py [--comments 50000] [--repeats 3]

The comments are the project's labelled set's (``datasets/comments/labelled.jsonl``, 40 % spam), cycled up
to ``--comments``; each cycle's texts end with the cycle's number and sit under their own article URL, so
that no text is seen twice (the language identifier's cache and the duplicate index work as on a long
crawl, not on repeats). The baseline reads every comment through ``ItemAdapter`` and returns a constant
verdict: the cost of visiting the comments at all. The filter is built, and its models loaded, before the
clock starts (a crawl does it once). The two alternate, ``--repeats`` runs each, the median run of each
reported, in wall-clock time and in this process's CPU time (which moves less on a shared machine). A third
line identifies the language of every comment, which the filter does only where it can change a verdict;
the last says how many comments it asked the identifier about. Target: over 20,000 comments/s, language
identification included.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import time
from pathlib import Path

from itemadapter import ItemAdapter

from newsbot.spam import SpamFilter, Verdict
from newsbot.spam.language import identify

LABELLED = Path(__file__).resolve().parent.parent / "datasets" / "comments" / "labelled.jsonl"
PASS = Verdict(spam=False, score=0.0, reasons=[])


def comments(count: int, offset: int) -> list[tuple[dict, str]]:
    """``count`` comments, each text unique (the cycle's number after it, counted from ``offset``)."""
    rows = [json.loads(line) for line in LABELLED.open(encoding="utf-8") if line.strip()]
    cycled = itertools.islice(itertools.cycle(rows), count)
    batch = []
    for i, row in enumerate(cycled):
        cycle = offset + i // len(rows)
        batch.append(({**row, "text": f"{row['text']} ({cycle})"}, f"{row['article_url']}#{cycle}"))
    return batch


def pass_through(comment, article_language="ar", article_url=None) -> Verdict:
    ItemAdapter(comment).get("text")
    return PASS


def identify_only(comment, article_language="ar", article_url=None) -> Verdict:
    identify(ItemAdapter(comment).get("text"))
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
    spam_filter = SpamFilter()
    identify("warm up: load the language model before the clock starts")
    asked_before = identify.cache_info().misses
    runs: dict[str, list[tuple[float, float]]] = {"pass-through": [], "SpamFilter.score": [], "identify() on all": []}
    for repeat in range(args.repeats):
        batch = comments(args.comments, offset=repeat * args.comments)  # new texts each run: no cache hits
        runs["pass-through"].append(rates(pass_through, batch))
        runs["SpamFilter.score"].append(rates(spam_filter.score, batch))
        runs["identify() on all"].append(rates(identify_only, comments(args.comments // 10, offset=10**6 + repeat * args.comments)))
    median = {name: tuple(map(statistics.median, zip(*measured))) for name, measured in runs.items()}
    print(f"comments            {args.comments} ({args.comments // 10} for identify() on all)")
    print("                        wall clock     CPU time")
    for name, (wall, cpu) in median.items():
        target = "   (target > 20,000)" if name == "SpamFilter.score" else ""
        print(f"{name:19} {wall:12,.0f} {cpu:12,.0f}   comments/s{target}")
    (base_wall, base_cpu), (filt_wall, filt_cpu) = median["pass-through"], median["SpamFilter.score"]
    print(f"ratio               {filt_wall / base_wall:12.3f} {filt_cpu / base_cpu:12.3f}   (filter / pass-through)")
    asked = identify.cache_info().misses - asked_before - args.repeats * (args.comments // 10)  # minus "on all"
    print(f"identifier asked    {asked / (args.comments * args.repeats):12.2%}   of the comments the filter scored")


if __name__ == "__main__":
    main()
