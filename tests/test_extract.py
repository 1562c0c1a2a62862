"""Parsing unit tests on replica pages (rendered without a server, read as Scrapy reads them), the trap
pages included, compared with the generator's ground truth; and the extraction chain's fallbacks."""

from __future__ import annotations

import json

import pytest
from crawling import squash
import lxml.html
from parsel import Selector
from scrapy.http import HtmlResponse

from newsbot.clean.article import CleanRules, clean_article
from newsbot.extract import NoArticle, extract_article
from newsbot.extract import article as article_module
from newsbot.extract import generic
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


def test_a_wordpress_listing_is_no_article_whatever_its_excerpts():
    """The category page real WordPress served (saved with its post, tests/data/wordpress): its excerpts
    would read as a body; its body classes say it is an archive. The post beside it is still an article."""
    from pathlib import Path

    data = Path(__file__).parent / "data" / "wordpress"
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    listing = HtmlResponse(url=meta["category_url"], body=(data / "category.html").read_bytes())
    with pytest.raises(NoArticle, match="archive"):
        extract_article(listing.selector, listing.url, SiteProfile, "world-news")
    post = HtmlResponse(url=meta["post_url"], body=(data / "post.html").read_bytes())
    truth = json.loads((data / "post.truth.json").read_text(encoding="utf-8"))
    assert extract_article(post.selector, post.url, SiteProfile, "world-news").title == truth["title"]


EXCERPT = "Another story's excerpt, as a listing shows it under its headline, with a link to read it all."
LIVE_STORY = [
    "The council voted on Tuesday to close the old bridge to traffic from March, after engineers found cracks "
    "in two of its supports during the autumn inspection.",
    "Residents who cross it every day said the detour would add half an hour to their commute, and asked the "
    "council to run a shuttle bus while the repairs last.",
]


def test_a_body_selector_matching_several_separate_elements_is_not_the_body():
    """Three ``.entry-content`` excerpts (a "more stories" block) are not the article: the generic extractor
    reads the page's story instead of the first excerpt."""
    excerpts = "".join(f'<div class="more"><h3>Other {i}</h3><div class="entry-content"><p>{EXCERPT}</p></div></div>'
                       for i in range(3))
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LIVE_STORY)
    html = f"""<html><head><title>Bridge to close</title></head><body><main><h1>Bridge to close</h1>
    <div class="story">{story}</div></main><aside>{excerpts}</aside></body></html>"""
    article = extract_article(Selector(text=html), "https://example.org/bridge", SiteProfile)
    assert article.extraction["body"] == "generic"
    assert article.body.split("\n\n") == LIVE_STORY


def test_a_body_selector_matching_nested_elements_is_the_outer_one():
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LIVE_STORY)
    html = f"""<html><head><title>Bridge</title></head><body><h1>Bridge</h1>
    <div class="entry-content"><div class="entry-content">{story}</div></div></body></html>"""
    article = extract_article(Selector(text=html), "https://example.org/bridge", SiteProfile)
    assert article.extraction["body"] == "profile"
    assert article.body.split("\n\n") == LIVE_STORY


def test_the_balanced_pass_adds_only_prose_to_the_precise_one():
    prose = ("A whole paragraph that the precise pass left out, long enough to read as the article's own prose "
             "rather than a caption, a link or a label, and ending a sentence.")
    precise = ["First paragraph.", "Third paragraph."]
    balanced = ["Share this story", "First paragraph.", prose, "Photo: agency", "Third paragraph.",
                "A short line without an end"]
    assert generic.merge_passes(precise, balanced) == ["First paragraph.", prose, "Third paragraph."]
    assert generic.merge_passes(precise, ["First paragraph."]) == precise
    assert generic.merge_passes([], balanced) == balanced


def test_the_balanced_pass_runs_only_when_the_precise_one_reads_little_of_the_page(monkeypatch):
    calls = []

    def passes(root, url, **settings):
        calls.append(settings)
        return ["short"] if settings else ["short", LIVE_STORY[0]]

    monkeypatch.setattr(generic, "_trafilatura_paragraphs", passes)
    monkeypatch.setattr(generic, "_main_text_length", lambda root: 1000)
    page = lxml.html.fromstring("<html><body><p>short</p></body></html>")  # the passes are stubbed
    assert generic.generic_body(page) == ["short", LIVE_STORY[0]]  # 5 characters of 1000: a second pass
    assert len(calls) == 2 and calls[0] == {"fast": True, "favor_precision": True} and calls[1] == {}
    calls.clear()
    monkeypatch.setattr(generic, "_main_text_length", lambda root: 6)
    assert generic.generic_body(page) == ["short"] and len(calls) == 1


def test_newsbot_extract_reads_several_files_into_one_json_line_each(capsys, tmp_path):
    from pathlib import Path

    from newsbot.cli import main

    data = Path(__file__).parent / "data"
    post = data / "wordpress" / "post.html"
    truth = json.loads((data / "wordpress" / "post.truth.json").read_text(encoding="utf-8"))
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    missing = tmp_path / "missing.html"
    status = main(["extract", str(post), str(missing), str(empty), str(post)])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source"] for line in lines] == [str(post), str(post)]
    assert lines[0]["title"] == truth["title"] and lines[0] == lines[1]
    assert f"cannot read {missing}" in err and f"no article found in {empty}" in err
    assert status == 2


def test_the_generic_body_does_not_repeat_the_headline():
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LIVE_STORY)
    html = f"""<html><head><meta property="og:title" content="Bridge to close"></head><body>
    <div class="story"><p>Bridge to close</p>{story}</div></body></html>"""
    assert generic.without_headline(["Bridge to close", *LIVE_STORY], "Bridge  to CLOSE") == LIVE_STORY
    assert generic.without_headline(LIVE_STORY, "Bridge to close") == LIVE_STORY
    article = extract_article(Selector(text=html), "https://example.org/bridge", SiteProfile)
    assert article.title == "Bridge to close" and article.body.split("\n\n") == LIVE_STORY


def test_a_page_dated_nowhere_in_its_metadata_gets_htmldates_day():
    """No JSON-LD, meta or ``<time>`` date: the date in the article's URL, read by htmldate."""
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LIVE_STORY)
    html = f"<html><head><title>Bridge</title></head><body><h1>Bridge</h1><div>{story}</div></body></html>"
    article = extract_article(Selector(text=html), "https://example.org/news/2024/03/05/bridge-to-close", SiteProfile)
    assert article.published == "2024-03-05" and article.extraction["published"] == "htmldate"
    undated = extract_article(Selector(text=html), "https://example.org/news/bridge-to-close", SiteProfile)
    assert undated.published is None and "published" not in undated.extraction


def test_queries_read_each_tree_as_it_is():
    """A page's queries are run once per tree (newsbot.extract.dom.Document): a pruned copy is a tree of its
    own, queried without what was pruned, and the page keeps what the copy lost."""
    from newsbot.extract.dom import pruned_copy, query_all

    page = Selector(text="<html><body><div class='story'><p class='lead'>Lead</p><figure class='credit x'>"
                         "<p class='lead'>Caption</p></figure><p>Text</p></div></body></html>")
    story = query_all(page, ".story")[0]
    assert len(query_all(page, ".lead")) == 2 and len(query_all(page, ".x")) == 1
    pruned = pruned_copy(story, (".x",))
    assert [node.root.text for node in query_all(pruned, ".lead")] == ["Lead"]
    assert query_all(pruned, ".x") == [] and query_all(pruned, ".credit p") == []
    assert len(query_all(page, ".lead")) == 2 and len(query_all(story, "figure .lead")) == 1
    assert query_all(story, ".absent p") == [] and len(query_all(story, "p")) == 3


CHINESE_TITLE = "国务院常务会议部署进一步扩大内需"
CHINESE_STORY = ["会议指出，要着力扩大有收益的有效投资，加快推进重大工程项目建设，带动更多社会投资。",
                 "会议强调，要稳定和扩大消费，支持汽车、家电等大宗消费，发展服务消费和新型消费。"]


def chinese_page(charset: str) -> str:
    story = "".join(f"<p>{paragraph}</p>" for paragraph in CHINESE_STORY)
    return (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f"<title>{CHINESE_TITLE}</title></head><body><h1>{CHINESE_TITLE}</h1><div>{story}</div></body></html>")


@pytest.mark.parametrize("saved, declared", [
    ("utf-8", "gb2312"),  # saved as UTF-8 under a stale meta: read as GB2312 it comes out garbled
    ("gb2312", "gb2312"),  # really GB2312: not valid UTF-8, read in the charset it declares
    ("utf-8-sig", "gb2312"),  # a byte-order mark wins over the meta
    ("utf-16", "utf-8"),  # UTF-16 with its byte-order mark
])
def test_newsbot_extract_decodes_a_saved_page_by_bom_then_utf8_then_its_declared_charset(capsys, tmp_path,
                                                                                          saved, declared):
    from newsbot.cli import main

    page = tmp_path / "page.html"
    page.write_bytes(chinese_page(declared).encode(saved))
    assert main(["extract", str(page)]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["title"] == CHINESE_TITLE
    assert article["body"].split("\n\n") == CHINESE_STORY


def test_the_generic_profile_dates_a_page_by_its_metadata_before_any_time_element():
    """A ``<time>`` inside the article (here an update's) is not the publication date that JSON-LD states."""
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LIVE_STORY)
    html = f"""<html><head><title>Bridge</title><script type="application/ld+json">
    {{"@type": "NewsArticle", "headline": "Bridge", "datePublished": "2024-03-05T09:00:00+01:00"}}</script></head>
    <body><article><h1>Bridge</h1><p class="update">Updated <time datetime="2024-03-07T18:30:00+01:00">Thursday</time>
    </p>{story}</article></body></html>"""
    article = extract_article(Selector(text=html), "https://example.org/bridge", SiteProfile)
    assert article.published == "2024-03-05T09:00:00+01:00" and article.extraction["published"] == "json-ld"


def test_newsbot_extract_does_not_import_scrapy():
    """``newsbot extract`` reads files: importing Scrapy (through itemadapter) cost it a second of start-up."""
    import subprocess
    import sys
    from pathlib import Path

    post = Path(__file__).parent / "data" / "wordpress" / "post.html"
    script = ("import sys; from newsbot.cli import main; status = main(['extract', sys.argv[1]]); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted', 'itemadapter')))")
    run = subprocess.run([sys.executable, "-c", script, str(post)], capture_output=True, text=True, check=True)
    assert '"source"' in run.stdout.splitlines()[0]
    assert run.stdout.splitlines()[-1] == "[]"


def test_the_generic_body_reads_a_pruned_copy_and_leaves_the_page_whole():
    """The extractors get a copy without scripts, styles and comments; the page keeps them (its JSON-LD is read
    from it after the body)."""
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LIVE_STORY)
    html = f"""<html><head><script type="application/ld+json">{{"@type": "NewsArticle"}}</script>
    <style>p {{color: red}}</style></head><body><!-- a comment --><div class="story">{story}
    <script>var ad = 1;</script></div></body></html>"""
    page = lxml.html.fromstring(html)
    before = lxml.html.tostring(page)
    assert generic.generic_body(page) == LIVE_STORY
    assert lxml.html.tostring(page) == before
    tree = generic.prepared_tree(page)
    assert not tree.xpath("//script | //style | //head | //comment()")
    assert [squash(p.text_content()) for p in tree.iter("p")] == LIVE_STORY
