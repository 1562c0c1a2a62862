"""Parsing unit tests on replica pages (rendered without a server, read as Scrapy reads them), the trap
pages included, compared with the generator's ground truth; and the extraction chain's fallbacks."""

from __future__ import annotations

import json

import pytest
from crawling import squash
from parsel import Selector
from scrapy.http import HtmlResponse

from newsbot.clean.article import CleanRules, clean_article
from newsbot.extract import NoArticle, extract_article
from newsbot.extract import article as article_module
from newsbot.replica import Replica, Site, write_truth
from newsbot.sites import SiteProfile, get_profile

BASE = "http://127.0.0.1:8765"


@pytest.fixture(scope="module")
def replica_pages(tmp_path_factory):
    site = Site(articles=60, seed=3)
    truth_dir = write_truth(site, tmp_path_factory.mktemp("truth"), BASE)
    truth = [json.loads(line) for line in (truth_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    return Replica(site, base_url=BASE), {t["canonical_url"]: t for t in truth}


def fetch(replica: Replica, url: str) -> HtmlResponse:
    status, headers, body = replica.respond("GET", url[len(BASE):], {})
    assert status == 200
    return HtmlResponse(url=url, body=body, headers=headers)


def extracted(response: HtmlResponse, profile=None, section="world-news"):
    article = extract_article(response.selector, response.url, profile or get_profile("world_news"), section)
    clean_article(article, CleanRules(timezone="Asia/Riyadh"))
    return article



@pytest.mark.parametrize("trap", ["malformed", "windows-1256", None])
def test_page_fields_equal_truth(replica_pages, trap):
    replica, truth = replica_pages
    expected = next(t for t in truth.values() if t.get("trap") == trap and t["section"] == "world-news"
                    and (trap or (t["comments"] and t["images"])))
    response = fetch(replica, expected["url"])
    if trap == "windows-1256":
        assert response.encoding == "cp1256"
    article = extracted(response)
    assert article.canonical_url == expected["canonical_url"]
    assert article.title == expected["title"]
    assert squash(article.body) == squash(expected["body"])
    assert article.body.count("\n\n") == expected["body"].count("\n\n"), "paragraphs merged or split"
    assert article.authors == expected["authors"]
    assert [vars(i) for i in article.images] == expected["images"]
    assert article.source_url == expected["source_url"]
    assert {c.id for c in article.comments} == {c["id"] for c in expected["comments"]}


def test_noise_of_the_seed_page_is_not_in_the_body(replica_pages):
    replica, truth = replica_pages
    pages = ((t, fetch(replica, t["url"]).text) for t in truth.values() if t["section"] == "world-news")
    expected, html = next((t, html) for t, html in pages if "Read also" in html and "Source link" in html)
    article = extracted(fetch(replica, expected["url"]))
    for noise in ("Read also", "Source link", "RELATED ARTICLES", "LEAVE A REPLY", "Most Popular", "Recent Comments"):
        assert noise in html
        assert noise not in article.body


def test_a_failing_optional_field_leaves_the_article(replica_pages, monkeypatch):
    replica, truth = replica_pages
    expected = next(t for t in truth.values() if t["section"] == "world-news" and t["images"])

    def broken(*args):
        raise RuntimeError("theme changed")

    monkeypatch.setattr(article_module, "_images", broken)
    article = extracted(fetch(replica, expected["url"]))
    assert article.title == expected["title"] and article.images == []
    assert article.extraction["images"] == "error"


def test_structured_metadata_when_selectors_miss():
    html = """<html lang="fr"><head><title>x</title>
    <script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
      {"@type": "WebPage", "@id": "#w", "name": "page"},
      {"@type": "NewsArticle", "headline": "Le titre", "datePublished": "2024-05-01T08:00:00+02:00",
       "author": {"@id": "#p"}, "keywords": "a, b", "articleSection": "Monde"},
      {"@type": "Person", "@id": "#p", "name": "Marie Curie"}]}</script>
    <meta property="og:image" content="/img.jpg"></head>
    <body><div class="story"><p>Premier paragraphe assez long pour être pris comme corps de l'article.</p>
    <p>Second paragraphe, lui aussi assez long pour compter dans le texte extrait.</p></div></body></html>"""
    article = extract_article(Selector(text=html), "https://example.org/a", SiteProfile)
    assert article.title == "Le titre"
    assert article.published == "2024-05-01T08:00:00+02:00" and article.extraction["published"] == "json-ld"
    assert article.authors == ["Marie Curie"] and article.tags == ["a", "b"]
    assert article.images[0].url == "https://example.org/img.jpg"
    assert article.language == "fr"
    assert article.extraction["body"] == "generic"
    assert "Second paragraphe" in article.body


def test_generic_body_splits_a_paragraph_nested_in_an_unclosed_inline_element():
    """lxml nests ``<p>`` in an open ``<span>`` where a browser closes the paragraph: the generic path must
    still read three paragraphs, so the "Read also" line between them is removed on its own."""
    first = "Le premier paragraphe de la dépêche, assez long pour être pris comme corps de l'article."
    third = "Le troisième paragraphe poursuit le récit avec assez de mots pour compter dans le texte."
    html = f"""<html><head><title>x</title></head><body><div class="story">
    <p>{first}<span class="x"><p><strong>Read also</strong> <a href="/other">Un autre titre</a></p>
    <p>{third}</p></div></body></html>"""
    article = extract_article(Selector(text=html), "https://example.org/a", SiteProfile)
    clean_article(article, CleanRules(timezone="Europe/Paris"))
    assert article.extraction["body"] == "generic"
    assert article.body.split("\n\n") == [first, third]


LEAD = "Norvēģijas glābšanas komanda četras dienas pēc zemes nogruvuma atradusi piekto bojāgājušo."
STORY = """<div class="article__body"><p>Pirmais raksta teikums ir pietiekami garš, lai to uzskatītu par
tekstu, un stāsta par glābšanas darbiem ciematā.</p><p>Otrais raksta teikums turpina stāstu ar jaunām ziņām par
meklēšanu un laika apstākļiem.</p><p>Trešais teikums pabeidz rakstu ar policijas paziņojumu.</p></div>"""


@pytest.mark.parametrize("printed", [True, False])
def test_generic_body_keeps_a_lead_printed_outside_paragraphs(printed):
    lead_block = f'<div class="article__lead">{LEAD}</div>' if printed else ""
    html = f"""<html><head><title>x</title><meta name="description" content="{LEAD}"></head>
    <body><main><h1>Virsraksts</h1>{lead_block}{STORY}</main></body></html>"""
    article = extract_article(Selector(text=html), "https://example.lv/a", SiteProfile)
    assert article.extraction["body"] == "generic"
    paragraphs = article.body.split("\n\n")
    # a description that the page does not print is a summary, not the article's text: left out
    assert paragraphs[0] == LEAD if printed else paragraphs[0].startswith("Pirmais")
    assert paragraphs[-1].startswith("Trešais")


def test_a_page_without_an_article_is_refused():
    with pytest.raises(NoArticle):
        extract_article(Selector(text="<html><body><nav><a href='/'>Home</a></nav></body></html>"),
                        "https://example.org/", SiteProfile)
