"""Body extraction quality and speed: newsbot's generic path against plain trafilatura, on real pages.

    .venv/bin/python benchmarks/extraction_eval.py [--pages] [--articles 200] [--repeat 3]

Three parts, each measured in the same run:

1. ``datasets/extraction/`` (real news pages of many sites and languages with hand-checked body text, see
   its README): token-level precision, recall and F1 of the body from (a) newsbot's generic path, exactly
   as ``newsbot extract FILE --url URL`` runs it (``extract_article`` with the profile-less ``SiteProfile``,
   then ``CleanArticlePipeline``), and (b) ``trafilatura.extract(html, url=url)`` with its defaults. Prints
   the means per language and overall, how many pages each wins, and the CPU time per page of each;
   ``--pages`` adds one line per page.
2. The replica (``newsbot.replica``, ``Site(articles=N)``): its article pages rendered in memory and saved
   as files, then read back the way ``newsbot extract FILE`` reads them; token F1 against the replica's truth
   bodies (``write_truth``) of the generic path and of the ``world_news`` profile path, and CPU time per
   page of the profile path, the generic path and trafilatura.
3. ``tests/data/wordpress/post.html`` against ``post.truth.json``: token F1 of the generic path.

Tokens: the text NFKC-normalized and lower-cased; letters, marks and digits form words, and each character
of a script written without spaces (CJK, kana, Thai, Lao, Khmer, Myanmar) is a token of its own.
Precision, recall and F1 count tokens as a multiset (the measure of Zyte's article-extraction-benchmark).
Times are CPU seconds (``time.process_time``), best of ``--repeat`` rounds, so the ratios between the
extractors are what to read, not the absolute figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import regex
import trafilatura
from w3lib.encoding import html_to_unicode

from newsbot.extract import NoArticle
from newsbot.extract.page import extract_page
from newsbot.sites import SiteProfile, get_profile

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "datasets" / "extraction"
WORDPRESS = ROOT / "tests" / "data" / "wordpress"
UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
TOKEN = regex.compile(rf"[{UNSPACED}]|[\p{{L}}\p{{M}}\p{{N}}--[{UNSPACED}]]+", regex.V1)


# -- scoring ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower())


def token_score(predicted: str | None, truth: str) -> Score:
    """Multiset token overlap of an extracted body with the true one (an empty extraction scores 0)."""
    got, want = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((got & want).values())
    if not got or not want:
        return Score(0.0, 0.0)
    return Score(common / sum(got.values()), common / sum(want.values()))


# -- extractors --------------------------------------------------------------------------------------------
def read_saved(body: bytes) -> str:
    """A saved page's text, decoded as ``newsbot extract FILE`` decodes it (BOM, then <meta charset>)."""
    return html_to_unicode(None, body)[1]


def newsbot_body(html: str, url: str, profile: type[SiteProfile] = SiteProfile) -> str | None:
    """The body ``newsbot extract`` prints for a page: the extraction chain, then the clean pipeline."""
    try:
        return extract_page(html, url, profile).body
    except NoArticle:
        return None


def trafilatura_body(html: str, url: str) -> str | None:
    return trafilatura.extract(html, url=url)


EXTRACTORS = {"newsbot": newsbot_body, "trafilatura": trafilatura_body}


def cpu_time_per_page(extract, pages: list[tuple[str, str]], repeat: int) -> float:
    """Best of ``repeat`` rounds of CPU seconds per page (each round extracts every page once)."""
    rounds = []
    for _ in range(repeat):
        start = time.process_time()
        for html, url in pages:
            extract(html, url)
        rounds.append((time.process_time() - start) / len(pages))
    return min(rounds)


# -- 1. the evaluation set -------------------------------------------------------------------------------
def load_dataset(directory: Path = DATASET) -> list[dict]:
    """The truth records, each with its page's decoded ``html``."""
    with (directory / "truth.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    for record in records:
        record["html"] = read_saved((directory / "pages" / f"{record['id']}.html").read_bytes())
    return records


def evaluate_dataset(records: list[dict], repeat: int, per_page: bool) -> None:
    scores: dict[str, dict[str, Score]] = {name: {} for name in EXTRACTORS}
    for record in records:
        for name, extract in EXTRACTORS.items():
            scores[name][record["id"]] = token_score(extract(record["html"], record["url"]), record["body"])
    languages = sorted({r["language"] for r in records})
    print(f"== evaluation set: {len(records)} pages, {len(languages)} languages "
          f"({len({urlsplit(r['url']).hostname for r in records})} sites)")
    print(f"{'language':10} {'pages':>5}  " + "  ".join(f"{n + ' P/R/F1':>24}" for n in EXTRACTORS))
    groups = {lang: [r["id"] for r in records if r["language"] == lang] for lang in languages}
    groups["ALL"] = [r["id"] for r in records]
    for group, ids in groups.items():
        cells = []
        for name in EXTRACTORS:
            chosen = [scores[name][i] for i in ids]
            cells.append(f"{_mean(s.precision for s in chosen):.3f}/{_mean(s.recall for s in chosen):.3f}/"
                         f"{_mean(s.f1 for s in chosen):.3f}".rjust(24))
        print(f"{group:10} {len(ids):5}  " + "  ".join(cells))
    wins = Counter(_winner(scores["newsbot"][r["id"]].f1, scores["trafilatura"][r["id"]].f1) for r in records)
    print(f"pages where F1 differs by > 0.01: newsbot better {wins['newsbot']}, trafilatura better "
          f"{wins['trafilatura']}, tie {wins['tie']}")
    pages = [(r["html"], r["url"]) for r in records]
    _print_times({name: cpu_time_per_page(extract, pages, repeat) for name, extract in EXTRACTORS.items()},
                 baseline="trafilatura")
    if per_page:
        print(f"{'id':28} {'lang':4} {'newsbot F1':>10} {'trafilatura F1':>14}  newsbot P/R")
        for r in records:
            n, t = scores["newsbot"][r["id"]], scores["trafilatura"][r["id"]]
            print(f"{r['id']:28} {r['language']:4} {n.f1:10.3f} {t.f1:14.3f}  {n.precision:.3f}/{n.recall:.3f}")


def _mean(values) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0


def _winner(newsbot: float, trafilatura: float) -> str:
    if abs(newsbot - trafilatura) <= 0.01:
        return "tie"
    return "newsbot" if newsbot > trafilatura else "trafilatura"


def _print_times(per_page: dict[str, float], baseline: str) -> None:
    base = per_page[baseline]
    print("CPU time per page: " + ", ".join(f"{name} {seconds * 1000:.1f} ms ({seconds / base:.2f}x {baseline})"
                                             for name, seconds in per_page.items()))


# -- 2. the replica ------------------------------------------------------------------------------------------
def replica_pages(articles: int, directory: Path) -> list[tuple[str, str, str]]:
    """(url, saved page text, truth body) for every article page of a replica, saved under ``directory``."""
    from newsbot.replica import Replica, Site, write_truth

    base = "http://127.0.0.1:8765"
    site = Site(articles=articles)
    replica = Replica(site, base_url=base)
    with open(write_truth(site, directory / "truth", base) / "articles.jsonl", encoding="utf-8") as lines:
        truth = [json.loads(line) for line in lines]
    pages = []
    for number, record in enumerate(truth):
        path = urlsplit(record["url"]).path
        status, _, body = replica.respond("GET", path, {})
        if status == 500:  # the "500-once" trap: a crawler's retry gets the page
            status, _, body = replica.respond("GET", path, {})
        if status != 200:
            continue
        saved = directory / f"{number}.html"
        saved.write_bytes(body)
        pages.append((record["url"], read_saved(saved.read_bytes()), record["body"]))
    return pages


def evaluate_replica(articles: int, repeat: int) -> dict[str, float]:
    profile = get_profile("world_news")
    with tempfile.TemporaryDirectory() as directory:
        pages = replica_pages(articles, Path(directory))
    paths = {
        "profile": lambda html, url: newsbot_body(html, url, profile),
        "generic": newsbot_body,
        "trafilatura": trafilatura_body,
    }
    print(f"== replica: {len(pages)} article pages (Site(articles={articles}))")
    means = {}
    for name in ("profile", "generic", "trafilatura"):
        chosen = [token_score(paths[name](html, url), body) for url, html, body in pages]
        means[name] = _mean(s.f1 for s in chosen)
        print(f"{name:12} token F1 mean {means[name]:.4f}  min {min(s.f1 for s in chosen):.4f}  "
              f"pages below 0.98: {sum(s.f1 < 0.98 for s in chosen)}")
    inputs = [(html, url) for url, html, _ in pages]
    _print_times({name: cpu_time_per_page(extract, inputs, repeat) for name, extract in paths.items()},
                 baseline="trafilatura")
    return means


# -- 3. the WordPress fixture --------------------------------------------------------------------------------
def wordpress_scores() -> dict[str, Score]:
    html = read_saved((WORDPRESS / "post.html").read_bytes())
    url = json.loads((WORDPRESS / "meta.json").read_text(encoding="utf-8"))["post_url"]
    truth = json.loads((WORDPRESS / "post.truth.json").read_text(encoding="utf-8"))["body"]
    return {name: token_score(extract(html, url), truth) for name, extract in EXTRACTORS.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="one line per page of the evaluation set")
    parser.add_argument("--articles", type=int, default=200, help="replica size (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds, best kept (default 3)")
    args = parser.parse_args()
    evaluate_dataset(load_dataset(), args.repeat, args.pages)
    print()
    evaluate_replica(args.articles, args.repeat)
    print()
    for name, score in wordpress_scores().items():
        print(f"== wordpress post.html, {name}: P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f}")


if __name__ == "__main__":
    main()
