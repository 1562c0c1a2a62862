"""Build the extraction evaluation set (``pages/`` and ``truth.jsonl``) from the news pages that newspaper4k's
source distribution ships with their expected article text.

    .venv/bin/pip download --no-deps --no-binary :all: newspaper4k==0.9.6 -d /tmp/np4k
    .venv/bin/python datasets/extraction/build.py /tmp/np4k/newspaper4k-0.9.6.tar.gz

The script reads the archive as it is (it downloads nothing): for every page listed in ``PAGES`` it copies
``tests/data/html/<stem>.html`` byte for byte to ``pages/<id>.html`` (every listed page is UTF-8; a page that
is not stops the build), and writes its truth line from ``tests/data/txt/<stem>.txt`` (paragraphs separated by
a blank line) after the corrections listed with the page, each of which was decided by reading the page:

- ``drop``: paragraphs of the package's text that are not the article's (captions, credits, bylines,
  "read more" lines, shop links), named by their first characters (every paragraph that starts so goes);
- ``add``: article paragraphs that the package's text misses, as ``(after, paragraph)``: the paragraph goes
  after the one that starts with ``after`` ("" puts it first);
- ``truth_xpath``: for a page that the package ships without expected text, the page's elements that hold
  the article's paragraphs (chosen by reading the page): each one's text, whitespace collapsed, is a paragraph.

Pages left out of ``PAGES`` on purpose are listed in ``LEFT_OUT`` with the reason; the build checks that every
page of the archive is either used or left out, so a new version of the package cannot add pages unnoticed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from parsel import Selector

HERE = Path(__file__).resolve().parent
PACKAGE = "newspaper4k"
VERSION = "0.9.6"
LICENCE = "MIT (newspaper4k's test data, (c) 2013 Lucas Ou-Yang and contributors); the article text is (c) its publisher, kept as test data"


@dataclass(frozen=True)
class Page:
    id: str
    stem: str
    url: str
    language: str
    drop: tuple[str, ...] = ()
    add: tuple[tuple[str, str], ...] = ()
    truth_xpath: str | None = None


PAGES: tuple[Page, ...] = (
    Page("ar-cnnarabic-syria", "arabic_article",
         "http://arabic.cnn.com/2013/middle_east/8/3/syria.clashes/index.html", "ar"),
    Page("en-sott-assange", "article_with_br",
         "https://www.sott.net/article/434715-The-American-friends-New-court-files-expose-Sheldon-Adelsons-security-team-involved-in-US-spy-operation-against-Julian-Assange",
         "en", drop=("Max Blumenthal is an award-winning journalist",)),
    Page("en-linknaija-henshaw", "article_with_divs",
         "https://www.linknaija.com/2018/10/nollywood-actress-kate-henshaw-is.html", "en",
         drop=("Kate Henshaw",),
         add=(("", "Photos which were released online and are making the rounds on social media, show Nigerian "
                   "actress, Kate Henshaw, looking absolutely stunning in new make-up photos."),
              ("She flaunted her hand bag", "See more photos:"))),
    Page("my-bbcburmese-politics", "burmese_article", "https://www.bbc.com/burmese/burma-45989453", "my"),
    Page("zh-sohu-news", "chinese_article", "http://news.sohu.com/20050601/n225789219.shtml", "zh"),
    Page("zh-chinadaily-economy", "chinese_article_001",
         "https://china.chinadaily.com.cn/a/202311/17/WS65571297a310d5acd876f404.html", "zh",
         drop=("（编辑：", "【责任编辑：")),
    Page("zh-xinhua-fortune", "chinese_article_002", "http://www.news.cn/fortune/2023-11/17/c_1129981476.htm", "zh"),
    Page("en-cleveland-food", "cleveland.com1",
         "http://www.cleveland.com/food/index.ssf/2014/12/let_me_google_that_for_you_201.html", "en",
         drop=("google.JPG", "-- By Michael Russell", "Related Stories")),
    Page("en-cnn-thanksgiving", "cnn_article",
         "http://www.cnn.com/2013/11/27/travel/weather-thanksgiving/index.html", "en",
         drop=("Are you in the grips of the wintry storm", "Don't get trapped by bad Thanksgiving weather",
               "#ATL24: A day in the life", "5 healthy eating tips", "Storm prompts airlines",
               "CNN's Jason Carroll, Ben Brumfield")),
    Page("en-fox13now-laws", "fox13now_001",
         "https://www.fox13now.com/2013/12/30/new-year-new-laws-obamacare-pot-guns-and-drones", "en"),
    Page("ja-nikkei-economy", "japanese_article",
         "https://www.nikkei.com/article/DGXMZO31897660Y8A610C1000000/", "ja"),
    Page("ja-afpbb-world", "japanese_article2", "http://www.afpbb.com/articles/-/3178894", "ja"),
    Page("lv-lsm-norway", "latvian_article",
         "https://www.lsm.lv/raksts/zinas/arzemes/norvegija-pec-zemes-nogruvuma-pieci-bojagajusie.a387519/", "lv"),
    Page("es-ultimahora-infanta", "spanish_article",
         "http://ultimahora.es/mallorca/noticia/noticias/local/fiscalia-anticorrupcion-estudia-recurre-imputacion-infanta.html",
         "es"),
    Page("th-prachatai-politics", "thai_article", "https://prachatai.com/journal/2019/01/80642", "th"),
    Page("en-time-climate", "time_001",
         "https://time.com/6330957/james-hansen-climate-warning-geoengineering-study/", "en",
         drop=("Read more: ",)),
    Page("en-oneesports-worlds", "video_article_02",
         "https://www.oneesports.gg/league-of-legends/t1-worlds-2023-champion/", "en",
         drop=("ADD TO CART: ", "PUNCH FIRST: ", "VIEW PRICE: ", "READ MORE: ", "Follow ONE Esports on",
               "Just a heads up, some of the links")),
    Page("en-wired-surveillance", "wired_001",
         "https://www.wired.com/story/israel-surveillance-state-out-of-control-west-bank/", "en"),
    Page("en-autoindustriya-sentra", "autoindustria",
         "https://www.autoindustriya.com/auto-industry-news/all-new-2020-sentra-is-what-we-really-want-from-nissan-ph.html",
         "en", truth_xpath="//div[@id='article']/p[not(@class)]"),
    Page("en-yonhap-northkorea", "yna_co_kr", "https://en.yna.co.kr/view/AEN20190820002300325?section=nk/nk", "en"),
)

LEFT_OUT: dict[str, str] = {
    "ap_meta_refresh": "a meta-refresh redirect, not an article",
    "google_meta_refresh": "a meta-refresh redirect, not an article",
    "sample_rss": "an RSS feed",
    "cnn_main_site": "a home page",
    "wired_main_site": "a home page",
    "yahoo_main_site": "a home page",
    "video_article_01": "the same file as cleveland.com1",
    "cnn_001": "2.5 MB (the set stays under 5 MB); CNN is in the set with cnn_article",
    "cnn_002": "2.6 MB (the set stays under 5 MB); CNN is in the set with cnn_article",
    "cnn_test_nlp": "2.9 MB (the set stays under 5 MB); CNN is in the set with cnn_article",
}


# -- reading the archive -----------------------------------------------------------------------------------
class Archive:
    """The test data of one newspaper4k source distribution (a ``.tar.gz`` as ``pip download`` saves it)."""

    def __init__(self, path: Path):
        self.path = path
        self._tar = tarfile.open(path, "r:gz")
        self._members = {PurePosixPath(m.name): m for m in self._tar.getmembers() if m.isfile()}
        self.root = PurePosixPath(f"{PACKAGE}-{VERSION}")
        if self.root / "pyproject.toml" not in self._members:
            raise SystemExit(f"{path}: not the {PACKAGE} {VERSION} source distribution")

    def read(self, kind: str, stem: str, suffix: str) -> bytes:
        member = self._members[self.root / "tests" / "data" / kind / f"{stem}{suffix}"]
        return self._tar.extractfile(member).read()

    def page_stems(self) -> set[str]:
        html = self.root / "tests" / "data" / "html"
        return {name.stem for name in self._members if name.parent == html and name.suffix == ".html"}

    def source(self, page: Page) -> str:
        where = f"{PACKAGE} {VERSION} sdist: tests/data/html/{page.stem}.html"
        if page.truth_xpath is not None:
            return f"{where}, no expected text in the package: truth = the text of {page.truth_xpath}"
        return f"{where}, truth tests/data/txt/{page.stem}.txt"


# -- the truth ---------------------------------------------------------------------------------------------
def paragraphs(text: str) -> list[str]:
    """The paragraphs of a text file: blocks separated by blank lines, each with its lines joined."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return [" ".join(line.strip() for line in block.splitlines() if line.strip()) for block in blocks if block.strip()]


def corrected(expected: list[str], page: Page) -> list[str]:
    """The package's paragraphs with the page's corrections applied (each correction must match)."""
    for start in page.drop:
        if not any(p.startswith(start) for p in expected):
            raise SystemExit(f"{page.id}: drop {start!r} matches no paragraph")
    kept = [p for p in expected if not any(p.startswith(start) for start in page.drop)]
    for after, paragraph in page.add:
        if not after:
            kept.insert(0, paragraph)
            continue
        places = [i for i, p in enumerate(kept) if p.startswith(after)]
        if len(places) != 1:
            raise SystemExit(f"{page.id}: add after {after!r} matches no paragraph or several")
        kept.insert(places[0] + 1, paragraph)
    return kept


def paragraphs_at(html: bytes, xpath: str) -> list[str]:
    """The text of each element that ``xpath`` selects in a page, whitespace collapsed, empty ones left out."""
    texts = (" ".join("".join(node.xpath(".//text()").getall()).split()) for node in Selector(body=html).xpath(xpath))
    return [text for text in texts if text]


def truth_record(archive: Archive, page: Page) -> dict[str, str]:
    if page.truth_xpath is None:
        body = corrected(paragraphs(archive.read("txt", page.stem, ".txt").decode("utf-8")), page)
    else:
        body = paragraphs_at(archive.read("html", page.stem, ".html"), page.truth_xpath)
    return {"id": page.id, "url": page.url, "language": page.language, "body": "\n\n".join(body),
            "source": archive.source(page) + _changes(page), "licence": LICENCE}


def _changes(page: Page) -> str:
    changes = [f"{len(page.drop)} paragraph(s) removed"] if page.drop else []
    changes += [f"{len(page.add)} paragraph(s) added"] if page.add else []
    return f"; truth corrected after reading the page: {', '.join(changes)} (see README)" if changes else ""


# -- writing the set ---------------------------------------------------------------------------------------
def check_coverage(archive: Archive) -> None:
    listed = {page.stem for page in PAGES} | set(LEFT_OUT)
    unlisted = archive.page_stems() - listed
    if unlisted:
        raise SystemExit(f"pages neither used nor left out: {sorted(unlisted)}")


def write_set(archive: Archive, directory: Path) -> int:
    pages = directory / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for old in pages.glob("*.html"):
        old.unlink()
    total = 0
    with (directory / "truth.jsonl").open("w", encoding="utf-8") as lines:
        for page in PAGES:
            html = archive.read("html", page.stem, ".html")
            html.decode("utf-8")  # every page of the set is UTF-8: stop here if one is not
            (pages / f"{page.id}.html").write_bytes(html)
            total += len(html)
            lines.write(json.dumps(truth_record(archive, page), ensure_ascii=False) + "\n")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sdist", type=Path, help=f"the {PACKAGE}-{VERSION}.tar.gz that pip downloaded")
    parser.add_argument("--out", type=Path, default=HERE, help="where pages/ and truth.jsonl go (default: here)")
    args = parser.parse_args(argv)
    archive = Archive(args.sdist)
    check_coverage(archive)
    size = write_set(archive, args.out)
    print(f"{len(PAGES)} pages, {size / 1e6:.2f} MB, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
