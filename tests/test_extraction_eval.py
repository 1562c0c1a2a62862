"""The extraction evaluation set is consistent, and newsbot's generic path reads the replica and WordPress
pages right (token F1 >= 0.98, the acceptance threshold), with the scoring of benchmarks/extraction_eval.py."""

from __future__ import annotations

import html
import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATASET = ROOT / "datasets" / "extraction"
FIELDS = ("id", "url", "language", "body", "source", "licence")


def _load_benchmark():
    spec = importlib.util.spec_from_file_location("extraction_eval", ROOT / "benchmarks" / "extraction_eval.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


evaluation = _load_benchmark()


@pytest.fixture(scope="module")
def truth() -> list[dict]:
    with (DATASET / "truth.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_every_page_has_one_truth_line_and_every_line_a_page(truth):
    ids = [record["id"] for record in truth]
    assert len(ids) == len(set(ids))
    assert sorted(ids) == sorted(path.stem for path in (DATASET / "pages").glob("*.html"))


def test_truth_lines_are_complete(truth):
    for record in truth:
        assert all(isinstance(record.get(field), str) and record[field].strip() for field in FIELDS), record["id"]
        assert record["url"].startswith(("http://", "https://"))
        assert len(record["language"]) == 2 and record["language"].islower()


def test_readme_names_every_source_repository(truth):
    readme = (DATASET / "README.md").read_text(encoding="utf-8")
    for record in truth:
        assert record["source"].split()[0] in readme, record["id"]


def test_every_truth_body_is_found_in_its_page(truth):
    """A body whose words are not on the page (character references read) would be a transcription error."""
    for record in truth:
        page = evaluation.read_saved((DATASET / "pages" / f"{record['id']}.html").read_bytes())
        page_tokens = set(evaluation.tokens(html.unescape(page)))
        assert set(evaluation.tokens(record["body"])) <= page_tokens, record["id"]


def test_token_score_counts_a_multiset_overlap():
    score = evaluation.token_score("a b b c", "a b d")
    assert (score.precision, score.recall) == (2 / 4, 2 / 3)
    assert evaluation.token_score("", "a").f1 == 0.0
    assert evaluation.tokens("東京 Ünï, مرحبا") == ["東", "京", "ünï", "مرحبا"]


def test_generic_path_reads_the_wordpress_post():
    assert evaluation.wordpress_scores()["newsbot"].f1 >= 0.98


def test_generic_path_reads_the_replica_pages(tmp_path):
    pages = evaluation.replica_pages(30, tmp_path)
    assert len(pages) >= 30
    scores = [evaluation.token_score(evaluation.newsbot_body(html, url), body).f1 for url, html, body in pages]
    assert sum(scores) / len(scores) >= 0.98


def test_shingle_counts_are_zytes_normalized_four_word_overlap():
    # truth "a b c d e": shingles abcd, bcde; prediction "a b c d x": abcd, bcdx -> tp 1, fp 1, fn 1
    assert evaluation.shingle_counts("a b c d x", "A b, c d e") == (1 / 3, 1 / 3, 1 / 3)
    assert evaluation.shingle_counts("a b c d e", "a b c d e") == (1.0, 0.0, 0.0)
    # the corpus F1: the mean precision and recall over pages, a perfect page scoring 1 on both
    assert evaluation.shingle_f1([(1.0, 0.0, 0.0), (0.5, 0.5, 0.0)]) == pytest.approx(2 * 0.75 / 1.75)


def _load_fetcher():
    spec = importlib.util.spec_from_file_location("fetch_corpora", DATASET / "fetch_corpora.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fundus_pages_are_paired_with_their_expected_bodies(tmp_path):
    """A bare repository laid out as fundus' test data: each page gets the expected fields of its parser
    version (pages in date order with versions in order), the body as summary, headlines and paragraphs."""
    import gzip
    import subprocess

    fetch = _load_fetcher()
    work = tmp_path / "work"
    data = work / fetch.FUNDUS_DATA / "xx"
    data.mkdir(parents=True)
    meta = {f"Paper_{day}.html.gz": {"url": f"https://paper.example/{day}", "crawl_date": day}
            for day in ("2024_01_01", "2025_01_01")}
    (data / "meta.info").write_text(json.dumps(meta), encoding="utf-8")
    versions = {version: {"title": f"Title {version}", "authors": ["A. Writer"], "publishing_date": "2024-01-01",
                          "body": {"summary": [f"Lead {version}."],
                                   "sections": [{"headline": [], "paragraphs": ["One.", "Two."]},
                                                {"headline": ["Sub"], "paragraphs": ["Three."]}]}}
                for version in ("V1_1", "V1")}
    (data / "Paper.json").write_text(json.dumps(versions), encoding="utf-8")
    for page in meta:
        (data / page).write_bytes(gzip.compress(f"<html>{page}</html>".encode()))
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    subprocess.run(["git", "-C", str(work), "add", "."], check=True)
    subprocess.run(["git", "-C", str(work), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
                   check=True)
    records = list(fetch.fundus_records(fetch.Mirror(work / ".git")))
    assert [(r["id"], r["title"]) for r, _ in records] == [("xx-Paper_2024_01_01", "Title V1"),
                                                          ("xx-Paper_2025_01_01", "Title V1_1")]
    first, page = records[0]
    assert first["body"] == "Lead V1.\n\nOne.\n\nTwo.\n\nSub\n\nThree."
    assert first["url"] == "https://paper.example/2024_01_01" and first["authors"] == ["A. Writer"]
    assert page == b"<html>Paper_2024_01_01.html.gz</html>"
