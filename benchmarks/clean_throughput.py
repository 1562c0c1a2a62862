"""Throughput of text cleaning: normalize + boilerplate + dates per article, beside a bare NFC pass.

Builds N realistic article bodies from the seed excerpt (tests/data/seed_article.txt): its paragraphs in
varied order and number, each with one kind of noise pages really carry (NBSP, ZWSP, RLM, tatweel, double
spaces: a pessimistic mix, real pages have less), its inserts (caption, photo credit, "Read also", "Source
link"), and dates in the forms sites show (mostly ISO ``datetime`` attributes, some Arabic month names with
Arabic-Indic digits, some relative). Times each stage, and whole ``Article`` items through the pipeline, in
CPU seconds (the machine's cores are shared), best of several interleaved rounds; prints articles/s and the
cost relative to the baseline measured in the same run (``unicodedata.normalize("NFC", body)``).

    .venv/bin/python benchmarks/clean_throughput.py [--articles 3000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from scrapy import Spider
from scrapy.utils.test import get_crawler

from newsbot.clean.boilerplate import remove_boilerplate
from newsbot.clean.dates import to_iso8601
from newsbot.clean.text import normalize_body, split_paragraphs
from newsbot.items import Article
from newsbot.pipelines.clean import CleanArticlePipeline

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed_article.txt"
NOW = datetime(2023, 3, 26, 9, 0, tzinfo=timezone.utc)
DATES = [
    *(["2023-03-02T17:33:00+03:00"] * 6),
    "2023-03-02T14:33:00Z",
    "٢ مارس ٢٠٢٣ - ٥:٣٣ م",
    "2 آذار 2023",
    "منذ ساعتين",
]
NOISE = [("ال", "الـ"), (" ", "\u00a0"), (" ", "\u200b "), (" ", " \u200f"), (" ", "  ")]  # tatweel inside words


def _bodies(count: int, rng: random.Random) -> list[tuple[str, str]]:
    text = "\n".join(line for line in SEED.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    paragraphs = split_paragraphs(text)
    inserts, news = paragraphs[6:8] + paragraphs[9:10] + paragraphs[-1:], paragraphs[:6] + paragraphs[8:9]
    news += paragraphs[10:-1]
    articles = []
    for i in range(count):
        chosen = rng.sample(news, rng.randint(5, len(news))) + inserts
        noisy = [p.replace(*rng.choice(NOISE), 2) for p in chosen]
        articles.append(("\n\n".join(noisy), DATES[i % len(DATES)]))
    return articles


def _pipeline() -> CleanArticlePipeline:
    crawler = get_crawler(Spider, settings_dict={"NEWSBOT_TIMEZONE": "Asia/Riyadh", "NEWSBOT_SITE_BOILERPLATE": [],
                                                 "CLEAN_BOILERPLATE_PATTERNS": []})
    return CleanArticlePipeline.from_crawler(crawler)


def _article(body: str, date: str) -> Article:
    """An article as the spider yields it (built inside the timed loop: the pipeline changes it in place)."""
    return Article(
        url="https://example.com/a",
        canonical_url="https://example.com/a",
        title="بلينكين ولافروف يلتقيان لفترة وجيزة – أخبار العالم",
        published=date,
        modified=date,
        authors=["بقلم: أحمد علي"],
        tags=["روسيا", "الولايات المتحدة"],
        section_name="اخبار العالم",
        body=body,
        crawled_at="2023-03-26T09:00:00+00:00",
    )


def _seconds(stage, articles) -> float:
    """CPU seconds (not wall time: the machine's cores are shared) for one pass of ``stage`` over ``articles``."""
    start = time.process_time()
    for body, date in articles:
        stage(body, date)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = _bodies(args.articles, random.Random(4))
    to_iso8601("2 مارس 2023", now=NOW)  # imports done and regexes compiled before timing
    stages = {
        "baseline: unicodedata.normalize NFC": lambda body, date: unicodedata.normalize("NFC", body),
        "normalize_body": lambda body, date: normalize_body(body),
        "normalize + boilerplate": lambda body, date: remove_boilerplate(split_paragraphs(body)),
        "normalize + boilerplate + dates": lambda body, date: (
            remove_boilerplate(split_paragraphs(body)),
            to_iso8601(date, now=NOW),
            to_iso8601(date, now=NOW),
        ),
        "dates only (2 per article)": lambda body, date: (to_iso8601(date, now=NOW), to_iso8601(date, now=NOW)),
    }
    pipeline = _pipeline()
    stages["CleanArticlePipeline.process_item"] = lambda body, date: pipeline.process_item(_article(body, date))
    chars = sum(len(body) for body, _ in articles) / len(articles)
    print(f"{len(articles)} articles, {chars:.0f} characters each on average, best of {args.repeat} rounds (CPU time)")
    best = dict.fromkeys(stages, float("inf"))
    for _ in range(args.repeat):  # rounds interleave the stages, so a busy moment of the machine hits all
        for name, stage in stages.items():
            best[name] = min(best[name], _seconds(stage, articles))
    baseline = next(iter(best.values()))
    for name, seconds in best.items():
        rate = len(articles) / seconds
        print(f"{name:40s} {rate:12,.0f} articles/s   {seconds / baseline:8.1f}x the baseline's cost")

if __name__ == "__main__":
    main()
