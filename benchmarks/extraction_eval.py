"""Body and metadata extraction on real pages of public corpora: newsbot's generic path against trafilatura
with its defaults and other extractors, all in one run.

    .venv/bin/python datasets/extraction/fetch_corpora.py        # once: the public corpora into the cache
    .venv/bin/python benchmarks/extraction_eval.py [--corpus NAME …] [--others NAME …] [--pages] [--repeat 3]

Corpora (see ``datasets/extraction/README.md``): ``newspaper4k`` (the 20 pages in the repository) and
``fundus`` are the tuning corpora; ``zyte`` (Zyte's article-extraction-benchmark) is the held-out test
corpus, printed apart. A corpus missing from the cache is skipped, and the run says so.

For each corpus and extractor: token-level precision, recall and F1 of the body (means over pages), and the
corpus' own measure where it has one (Zyte: F1 of the mean precision and recall over 4-word shingles, each
page's counts normalized, as its ``evaluate.py`` computes it); then the same over all pages together, the
pages each extractor wins against trafilatura, and pages per second (CPU time, best of ``--repeat`` rounds).
Extractors: ``newsbot`` (exactly ``newsbot extract FILE --url URL``: the extraction chain with the
profile-less ``SiteProfile``, then the clean pipeline), ``trafilatura`` (``trafilatura.extract(html,
url=url)``, its defaults), ``resiliparse`` (``extract_plain_text(main_content=True)``) and ``readability``
(readability-lxml's summary as text); one that is not installed is skipped and said so.

Metadata: title, published date and authors of newsbot against those the corpora label (fundus), next to
trafilatura's metadata (``bare_extraction(with_metadata=True)``) on the same pages.

``--rules``: for each boilerplate rule, the paragraphs it removes that the truth holds and that it does not.

Start-up: the wall-clock time of ``newsbot extract`` of one page against a bare ``python -c pass``.

Then the replica (``newsbot.replica``: its article pages against its truth, generic and ``world_news``
profile paths) and ``tests/data/wordpress/post.html``.

Tokens: the text NFKC-normalized and lower-cased; letters, marks and digits form words, and each character
of a script written without spaces (CJK, kana, Thai, Lao, Khmer, Myanmar) is a token of its own.
Precision, recall and F1 count tokens as a multiset.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import regex
from parsel import Selector

from newsbot.commands.extract import decode_page
from newsbot.extract import NoArticle, extract_article
from newsbot.extract.page import extract_page
from newsbot.sites import SiteProfile, get_profile

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT / "datasets" / "extraction"
WORDPRESS = ROOT / "tests" / "data" / "wordpress"
CACHE = Path(os.environ.get("NEWSBOT_CORPUS_CACHE") or Path.home() / ".cache" / "newsbot" / "extraction")
TUNING = ("newspaper4k", "fundus")
TEST = ("zyte",)
UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}"
TOKEN = regex.compile(rf"[{UNSPACED}]|[\p{{L}}\p{{M}}\p{{N}}--[{UNSPACED}]]+", regex.V1)
ZYTE_WORD = regex.compile(r"\w+", regex.UNICODE)
SHINGLE_WORDS = 4


# -- scoring ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFKC", text or "").lower())


def token_score(predicted: str | None, truth: str) -> Score:
    """Multiset token overlap of an extracted body with the true one (an empty extraction scores 0)."""
    got, want = Counter(tokens(predicted)), Counter(tokens(truth))
    common = sum((got & want).values())
    if not got or not want:
        return Score(0.0, 0.0)
    return Score(common / sum(got.values()), common / sum(want.values()))


def shingle_counts(predicted: str | None, truth: str) -> tuple[float, float, float]:
    """Zyte's measure of one page: true positive, false positive and false negative counts of 4-word shingles
    (lower-cased ``\\w+`` words joined), normalized to sum to 1 so that long pages weigh no more."""
    def shingles(text: str) -> Counter:
        words = ZYTE_WORD.findall((text or "").lower())
        return Counter(" ".join(words[i:i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
                       if words)
    got, want = shingles(predicted or ""), shingles(truth)
    tp = sum((got & want).values())
    fp, fn = sum((got - want).values()), sum((want - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def shingle_f1(counts: list[tuple[float, float, float]]) -> float:
    """Zyte's corpus F1: of the mean precision (pages with a prediction) and mean recall (pages with a truth),
    a page with neither false positives nor false negatives scoring 1 on both."""
    def ratio(tp: float, other: float, fp: float, fn: float) -> float:
        return 1.0 if fp == fn == 0 else (tp / (tp + other) if tp + other else 0.0)
    precision = _mean(ratio(tp, fp, fp, fn) for tp, fp, fn in counts if tp + fp > 0)
    recall = _mean(ratio(tp, fn, fp, fn) for tp, fp, fn in counts if tp + fn > 0)
    return f1(precision, recall)


# -- extractors --------------------------------------------------------------------------------------------
def read_saved(body: bytes) -> str:
    """A saved page's text, decoded as ``newsbot extract FILE`` decodes it (BOM, then UTF-8, then <meta charset>)."""
    return decode_page(body)


def newsbot_body(html: str, url: str, profile: type[SiteProfile] = SiteProfile) -> str | None:
    """The body ``newsbot extract`` prints for a page: the extraction chain, then the clean pipeline."""
    try:
        return extract_page(html, url, profile).body
    except NoArticle:
        return None


def trafilatura_body(html: str, url: str) -> str | None:
    import trafilatura
    return trafilatura.extract(html, url=url)


def resiliparse_body(html: str, url: str) -> str | None:
    from resiliparse.extract.html2text import extract_plain_text
    return extract_plain_text(html, main_content=True)


def readability_body(html: str, url: str) -> str | None:
    import lxml.html
    from readability import Document
    summary = Document(html, url=url).summary(html_partial=True)
    return "\n\n".join(t for t in (s.strip() for s in lxml.html.fromstring(summary).itertext()) if t)


EXTRACTORS: dict[str, Callable[[str, str], str | None]] = {
    "newsbot": newsbot_body, "trafilatura": trafilatura_body, "resiliparse": resiliparse_body,
    "readability": readability_body,
}


def available_extractors(names: list[str]) -> dict[str, Callable[[str, str], str | None]]:
    """The extractors of ``names`` whose library imports; each missing one is named once."""
    usable = {}
    for name, extract in ((n, EXTRACTORS[n]) for n in names):
        try:
            extract("<html><body><p>probe</p></body></html>", "http://example.com/")
        except ImportError as missing:
            print(f"[{name} skipped: {missing}]")
            continue
        usable[name] = extract
    return usable


def run_extractor(extract, html: str, url: str) -> str | None:
    """An extractor's body of a page; one that raises extracts nothing (as it would in production)."""
    try:
        return extract(html, url)
    except Exception:
        return None


def pages_per_second(extract, pages: list[tuple[str, str]], repeat: int) -> float:
    """Best of ``repeat`` rounds of pages per CPU second (each round extracts every page once)."""
    rounds = []
    for _ in range(repeat):
        start = time.process_time()
        for html, url in pages:
            run_extractor(extract, html, url)
        rounds.append(time.process_time() - start)
    return len(pages) / min(rounds)


# -- corpora -----------------------------------------------------------------------------------------------
def load_corpus(directory: Path) -> list[dict]:
    """The truth records of a corpus directory (``truth.jsonl``, ``pages/<id>.html``), each with its ``html``."""
    with (directory / "truth.jsonl").open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    for record in records:
        record["html"] = read_saved((directory / "pages" / f"{record['id']}.html").read_bytes())
    return records


def load_dataset(directory: Path = DATASET) -> list[dict]:
    """The 20 pages kept in the repository."""
    return load_corpus(directory)


def corpus_directory(name: str) -> Path:
    return DATASET if name == "newspaper4k" else CACHE / name


@dataclass
class CorpusResult:
    name: str
    records: list[dict]
    scores: dict[str, list[Score]]
    shingles: dict[str, list[tuple[float, float, float]]]
    speed: dict[str, float]


def evaluate_corpus(name: str, records: list[dict], extractors: dict, repeat: int) -> CorpusResult:
    scores = {n: [] for n in extractors}
    shingles = {n: [] for n in extractors}
    for record in records:
        for extractor, extract in extractors.items():
            body = run_extractor(extract, record["html"], record["url"])
            scores[extractor].append(token_score(body, record["body"]))
            shingles[extractor].append(shingle_counts(body, record["body"]))
    pages = [(r["html"], r["url"]) for r in records]
    speed = {n: pages_per_second(extract, pages, repeat) for n, extract in extractors.items()}
    return CorpusResult(name, records, scores, shingles, speed)


def print_results(title: str, results: list[CorpusResult], details: bool = True) -> None:
    names = list(results[0].scores)
    records = [r for result in results for r in result.records]
    sites = len({urlsplit(r["url"]).hostname for r in records})
    print(f"== {title}: {len(records)} pages, {sites} sites")
    header = f"{'':16}" + "".join(f"{n + ' P/R/F1':>26}" for n in names)
    print(header)
    for result in results:
        _print_row(result.name, result.scores, len(result.records))
        if details and result.name == "zyte":
            print(f"{'  shingle F1':16}" + "".join(f"{shingle_f1(result.shingles[n]):26.3f}" for n in names))
    if len(results) > 1:
        merged = {n: [s for result in results for s in result.scores[n]] for n in names}
        _print_row("ALL", merged, len(records))
    if not details:
        seconds = {n: sum(len(result.records) / result.speed[n] for result in results) for n in names}
        print("pages/s (CPU) over all: " + ", ".join(
            f"{n} {len(records) / seconds[n]:.1f} ({seconds['trafilatura'] / seconds[n]:.2f}x)" for n in names))
        return
    for result in results:
        base = result.speed["trafilatura"]
        print(f"{result.name} pages/s (CPU): " + ", ".join(
            f"{n} {result.speed[n]:.1f} ({result.speed[n] / base:.2f}x)" for n in names))
        wins = Counter(_winner(a.f1, b.f1) for a, b in zip(result.scores["newsbot"], result.scores["trafilatura"]))
        print(f"{result.name} pages where F1 differs by > 0.01: newsbot better {wins['newsbot']}, "
              f"trafilatura better {wins['trafilatura']}, tie {wins['tie']}")


def _print_row(label: str, scores: dict[str, list[Score]], count: int) -> None:
    cells = "".join(f"{_mean(s.precision for s in chosen):.3f}/{_mean(s.recall for s in chosen):.3f}/"
                    f"{_mean(s.f1 for s in chosen):.4f}".rjust(26) for chosen in scores.values())
    print(f"{label + f' ({count})':16}{cells}")


def print_pages(result: CorpusResult) -> None:
    print(f"-- {result.name}, per page: id, F1 of " + ", ".join(result.scores))
    for i, record in enumerate(result.records):
        print(f"{record['id'][:40]:40} " + " ".join(f"{result.scores[n][i].f1:.3f}" for n in result.scores))


def _mean(values) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0


def _winner(newsbot: float, trafilatura: float) -> str:
    if abs(newsbot - trafilatura) <= 0.01:
        return "tie"
    return "newsbot" if newsbot > trafilatura else "trafilatura"


# -- metadata ----------------------------------------------------------------------------------------------
def _same_text(got: str | None, want: str | None) -> bool:
    return " ".join(tokens(got)) == " ".join(tokens(want))


def _same_day(got: str | None, want: str | None) -> bool:
    return bool(got) and bool(want) and str(got)[:10] == str(want)[:10]


def _same_names(got: list[str] | None, want: list[str]) -> bool:
    return sorted(" ".join(tokens(n)) for n in got or []) == sorted(" ".join(tokens(n)) for n in want)


def newsbot_metadata(html: str, url: str) -> dict:
    """Title and authors as ``newsbot extract`` prints them; the published date as the chain read it, before
    the clean pipeline expresses it in the site's timezone (the corpora label the page's own local time)."""
    try:
        article = extract_page(html, url, SiteProfile)
        raw = extract_article(Selector(text=html), url, SiteProfile)
    except NoArticle:
        return {}
    return {"title": article.title, "published": raw.published, "authors": article.authors}


def trafilatura_metadata(html: str, url: str) -> dict:
    from trafilatura import bare_extraction
    document = bare_extraction(html, url=url, with_metadata=True)
    if document is None:
        return {}
    author = document.author or ""
    return {"title": document.title, "published": document.date,
            "authors": [a.strip() for a in author.split(";") if a.strip()]}


METADATA_CHECKS = {"title": _same_text, "published": _same_day, "authors": _same_names}


def evaluate_metadata(records: list[dict]) -> None:
    """Share of the pages whose labelled field each extractor gets right (title: same tokens; published: same
    day; authors: the same names), over the pages where the corpus labels it."""
    labelled = [r for r in records if r.get("title")]
    if not labelled:
        return
    got = {name: [extract(r["html"], r["url"]) for r in labelled]
           for name, extract in (("newsbot", newsbot_metadata), ("trafilatura", trafilatura_metadata))}
    print(f"== metadata on {len(labelled)} labelled pages (share right)")
    for field, same in METADATA_CHECKS.items():
        with_field = [i for i, r in enumerate(labelled) if r.get(field)]
        cells = ", ".join(f"{name} {_mean(same(got[name][i].get(field), labelled[i][field]) for i in with_field):.3f}"
                          for name in got)
        print(f"{field:10} ({len(with_field)} pages): {cells}")


# -- the replica -------------------------------------------------------------------------------------------
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


def evaluate_replica(articles: int, repeat: int) -> None:
    profile = get_profile("world_news")
    with tempfile.TemporaryDirectory() as directory:
        pages = replica_pages(articles, Path(directory))
    paths = {"profile": lambda html, url: newsbot_body(html, url, profile), "generic": newsbot_body,
             "trafilatura": trafilatura_body}
    print(f"== replica: {len(pages)} article pages (Site(articles={articles}))")
    for name, extract in paths.items():
        chosen = [token_score(extract(html, url), body) for url, html, body in pages]
        print(f"{name:12} token F1 mean {_mean(s.f1 for s in chosen):.4f}  min {min(s.f1 for s in chosen):.4f}  "
              f"pages below 0.98: {sum(s.f1 < 0.98 for s in chosen)}")
    inputs = [(html, url) for url, html, _ in pages]
    print("pages/s (CPU): " + ", ".join(f"{n} {pages_per_second(e, inputs, repeat):.1f}" for n, e in paths.items()))


def wordpress_scores() -> dict[str, Score]:
    html = read_saved((WORDPRESS / "post.html").read_bytes())
    url = json.loads((WORDPRESS / "meta.json").read_text(encoding="utf-8"))["post_url"]
    truth = json.loads((WORDPRESS / "post.truth.json").read_text(encoding="utf-8"))["body"]
    return {name: token_score(extract(html, url), truth)
            for name, extract in (("newsbot", newsbot_body), ("trafilatura", trafilatura_body))}


# -- boilerplate rules -------------------------------------------------------------------------------------
def evaluate_rules(results: dict[str, CorpusResult]) -> None:
    """For each rule of ``newsbot.clean.boilerplate``, the paragraphs it removes from the generic path's bodies
    (before cleaning) that the corpus' truth holds (wrongly removed) and that it does not (rightly)."""
    from newsbot.clean.boilerplate import remove_boilerplate

    print("== boilerplate rules: paragraphs removed rightly / wrongly (in the truth)")
    for name, result in results.items():
        right, wrong = Counter(), Counter()
        for record in result.records:
            try:
                body = extract_article(Selector(text=record["html"]), record["url"], SiteProfile).body
            except NoArticle:
                continue
            truth = " ".join(tokens(record["body"]))
            for removed in remove_boilerplate(body.split("\n\n"))[1]:
                text = " ".join(tokens(removed.text))
                (wrong if text and text in truth else right)[removed.rule] += 1
        rules = sorted(set(right) | set(wrong))
        print(f"{name}: " + ", ".join(f"{rule} {right[rule]}/{wrong[rule]}" for rule in rules))


# -- start-up ----------------------------------------------------------------------------------------------
def startup_seconds(command: list[str], repeat: int) -> tuple[float, float]:
    """Best of ``repeat`` runs of a command (its output discarded): wall clock, and CPU (user and system) of
    the process, which a loaded machine inflates less."""
    import resource
    import subprocess
    import sys

    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *command], check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def evaluate_startup(repeat: int) -> None:
    page = str(DATASET / "pages" / "en-time-climate.html")
    bare = startup_seconds(["-c", "pass"], repeat)
    one = startup_seconds(["-m", "newsbot.cli", "extract", page], repeat)
    print(f"== start-up, best of {repeat}: bare python {bare[0]:.2f} s wall, {bare[1]:.2f} s CPU; newsbot extract of "
          f"one page {one[0]:.2f} s wall, {one[1]:.2f} s CPU; load average {os.getloadavg()[0]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="*", default=[*TUNING, *TEST], help="corpora to read (default: all)")
    parser.add_argument("--others", nargs="*", default=["resiliparse", "readability"],
                        choices=["resiliparse", "readability"], help="extractors besides newsbot and trafilatura")
    parser.add_argument("--pages", action="store_true", help="one line per page")
    parser.add_argument("--rules", action="store_true", help="what each boilerplate rule removes, right or wrong")
    parser.add_argument("--articles", type=int, default=200, help="replica size (default 200; 0: no replica)")
    parser.add_argument("--repeat", type=int, default=3, help="timing rounds, best kept (default 3)")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # readability logs every page it cannot parse; it then extracts nothing
    extractors = available_extractors(["newsbot", "trafilatura", *args.others])
    results = {}
    for name in args.corpus:
        directory = corpus_directory(name)
        if not (directory / "truth.jsonl").is_file():
            print(f"[corpus {name} absent from {directory}: run datasets/extraction/fetch_corpora.py]")
            continue
        results[name] = evaluate_corpus(name, load_corpus(directory), extractors, args.repeat)
        if args.pages:
            print_pages(results[name])
    for title, group in (("tuning corpora", TUNING), ("TEST corpus (held out)", TEST)):
        chosen = [results[n] for n in group if n in results]
        if chosen:
            print_results(title, chosen)
            print()
    if len(results) > 1:
        print_results("all corpora together", list(results.values()), details=False)
        print()
    evaluate_metadata([r for result in results.values() for r in result.records])
    if args.rules:
        evaluate_rules(results)
    evaluate_startup(args.repeat)
    if args.articles:
        print()
        evaluate_replica(args.articles, args.repeat)
        for name, score in wordpress_scores().items():
            print(f"== wordpress post.html, {name}: P {score.precision:.4f} R {score.recall:.4f} F1 {score.f1:.4f}")


if __name__ == "__main__":
    main()
