"""Tests of newsbot.clean and the clean pipeline.

``tests/data/seed_article.txt`` is a verbatim excerpt of the seed page (the visible text of one article of the
first target site, /work/shared/seed/000_b07d8cbfed1aec86.txt): from the dateline to "Source link". Expected
values were worked out by hand: which seed lines are boilerplate (read by a person), and every ISO date
(e.g. 1677767580 s = 19418 days (2023-03-02) + 52380 s (14:33 UTC) = 17:33 in Riyadh, UTC+3).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from crawling import PlainSpider, project_crawler, seed_text

from newsbot.clean.boilerplate import RULES, remove_boilerplate
from newsbot.clean.dates import to_iso8601
from newsbot.clean.names import clean_author, clean_authors, clean_tags, clean_title, unique
from newsbot.clean.text import fix_mojibake, normalize_body, normalize_text, split_paragraphs
from newsbot.config import InvalidSetting
from newsbot.items import Article, Comment, Image
from newsbot.pipelines.clean import CleanArticlePipeline
from newsbot.sites.base import SiteProfile
from newsbot.spiders.section import SectionSpider

SEED = seed_text()
DATELINE = "نيودلهي (أ ف ب) – تحدث وزير الخارجية الأمريكي"
CAPTION = "وزير الخارجية الأمريكي أنتوني بلينكين ، أعلى الوسط ، يمشي أمام"
CREDIT = "أوليفييه دوليري / صورة بركة عبر AP"
READ_ALSO = "Read also"
SOURCE_LINK = "Source link"
# The seed's paragraphs, as a reader sees them: 10 of news, then the 4 inserts (by their first words).
NEWS_COUNT = 10
INSERTS = {CAPTION: "caption", CREDIT: "photo_credit", READ_ALSO: "read_also", SOURCE_LINK: "source_link"}
NOW = datetime(2023, 3, 26, 9, 0, tzinfo=timezone.utc)  # 12:00 in Riyadh


# ---- text ----------------------------------------------------------------------------------------------


def test_seed_paragraphs_are_split_on_blank_lines():
    paragraphs = split_paragraphs(SEED)
    assert len(paragraphs) == NEWS_COUNT + len(INSERTS)
    assert paragraphs[0].startswith(DATELINE)
    assert paragraphs[-1] == SOURCE_LINK
    assert "Read also روسيا" in normalize_body(SEED)  # NBSP + space became one space


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("ا\u0653", "آ"),  # NFC: alef + combining madda
        ("كلمة\u200bأخرى", "كلمةأخرى"),  # ZWSP
        ("\u200fنص\u200e \u202bمضمن\u202c \u2067معزول\u2069 \u2066x\u2069 \u2068y\u2069", "نص مضمن معزول x y"),
        ("\ufeffبداية", "بداية"),  # BOM
        ("اقتصـ\u00adادية", "اقتصادية"),  # soft hyphen (and the tatweel inside the word)
        ("ﻻ", "لا"),
        ("ﺍﻟﻌﺮﺑﻴﺔ", "العربية"),
        ("ﷲ", "الله"),
        ("\ufe70", "\u064b"),  # isolated fathatan: the mark, without the space of its NFKC form
        ("كـــبير", "كبير"),
        ("كـَبير", "كَبير"),
        ("a\u00a0b\u202fc\u2003d\t e  f", "a b c d e f"),
        ("  حول  \n  السطر ", "حول السطر"),
        ("&amp; &quot;x&quot; it&#8217;s &amp;quot;", "& \"x\" it\u2019s \""),
    ],
)
def test_normalize_text(dirty, clean):
    assert normalize_text(dirty) == clean


@pytest.mark.parametrize(
    "kept",
    [
        "1444 هـ",  # tatweel marking an abbreviation
        "بـ 10 ملايين",  # a prefix written apart from a number
        "لـCNN",
        "می\u200cخواهم",  # ZWNJ between two Arabic-script letters changes the joining
        "👨\u200d👩\u200d👧",  # ZWJ inside an emoji sequence
        "AT&T R&D",
        "Curaçao, français, été à Noël",
        "Ørsted",
        "“حرم” ’s",  # curly quotes stay curly
    ],
)
def test_normalize_text_keeps_what_is_meaningful(kept):
    assert normalize_text(kept) == kept


def test_joiners_are_removed_where_they_mean_nothing():
    assert normalize_text("\u200cكلمة\u200c x\u200dy") == "كلمة xy"
    assert normalize_text("می\u200c\u200cخواهم") == "می\u200cخواهم"


def test_normalize_body_keeps_exactly_one_blank_line():
    assert normalize_body("  p1 \r\n line2\u200b \n\n\n \u00a0\n\t\np2 \n\n \n") == "p1\nline2\n\np2"
    assert normalize_body(None) == normalize_body("\n \n") == ""


@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_utf8_read_with_a_western_codec_is_repaired(wrong):
    paragraph = split_paragraphs(SEED)[3]  # has ف (D9 81: undefined in cp1252) and ” (E2 80 9D: too)
    assert "ف" in paragraph and "”" in paragraph
    garbled = paragraph.encode("utf-8").decode(wrong, errors="replace")
    assert "Ø§Ù" in garbled
    assert fix_mojibake(garbled) == paragraph
    assert normalize_text(garbled) == paragraph


@pytest.mark.parametrize("wrong", ["cp1252", "latin-1"])
def test_windows_1256_read_with_a_western_codec_is_repaired(wrong):
    paragraph = split_paragraphs(SEED)[3]
    garbled = paragraph.encode("cp1256").decode(wrong)
    assert "ÇáãÓÄæá" in garbled  # المسؤول
    assert fix_mojibake(garbled) == paragraph


def test_text_without_mojibake_is_returned_as_is():
    for text in ["Curaçao, français, été à Noël", "Ørsted Ñandú", split_paragraphs(SEED)[0]]:
        assert fix_mojibake(text) is text


# ---- boilerplate ---------------------------------------------------------------------------------------


def test_seed_body_loses_its_inserts_and_keeps_the_dateline():
    kept, removed = remove_boilerplate(split_paragraphs(SEED))
    assert len(kept) == NEWS_COUNT
    assert kept[0].startswith(DATELINE)
    removed_by_insert = {prefix: r.rule for r in removed for prefix in INSERTS if r.text.startswith(prefix)}
    assert removed_by_insert == INSERTS and len(removed) == len(INSERTS)
    assert not any(p.startswith(tuple(INSERTS)) for p in kept)


POSITIVE = {
    "read_also": [
        "Read also  روسيا تهدد بقطع إنتاج النفط رداً على العقوبات الغربية",
        "اقرأ أيضا: بلينكين يلتقي لافروف",
        "إقرأ أيضاً بلينكين يلتقي لافروف",
        "اقرأ ايضا",
        "شاهد أيضا - فيديو الاجتماع",
        "RELATED: Blinken meets Lavrov",
        "READ MORE: Riot is considering making these changes to the Worlds 2024 format",
        "Lee también: El Gobierno aprueba el plan de vivienda",
        "À lire aussi : la réforme des retraites devant le Sénat",
    ],
    "source_link": ["Source link", "رابط المصدر", "المصدر: وكالات", "Source: AP", "المصدر: https://example.com/a"],
    "share": ["Share this:", "شارك", "شارك هذا المقال", "Facebook Twitter WhatsApp", "Share on Facebook | Tweet"],
    "promo": [
        "Subscribe to our newsletter",
        "اشترك في النشرة البريدية لتصلك آخر الأخبار",
        "إعلان",
        "Advertisement",
        "تابعونا على تلغرام",
        "Follow ONE Esports on Facebook and Twitter for more LoL news, guides, and highlights.",
        "Some of the links on this site are affiliate links: if you make a purchase, we may earn a commission.",
    ],
    "paywall": [
        "この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
        "This article is for subscribers only.",
        "Subscribe to continue reading",
    ],
    "photo_credit": [
        "أوليفييه دوليري / صورة بركة عبر AP",
        "(Photo: AFP)",
        "Getty Images",
        "رويترز/أحمد جاد الله",
        "AP Photo/Evan Vucci",
        "الصورة: أ ف ب",
        "AFP via Getty Images",
    ],
    "comment_policy": [
        "الآراء الواردة أدناه لا تعبر عن رأي الموقع، بل تعكس وجهات نظر أصحابها فقط.",
        "Comments are moderated and will appear after review.",
        "- El contenido de los comentarios es la opinión de los usuarios o internautas no de ultimahora.es.",
        "- No está permitido verter comentarios contrarios a las leyes, injuriantes, ilícitos o lesivos a terceros.",
    ],
    "template": ["RELATED ARTICLES", "LEAVE A REPLY", "Please enter your comment!\nPlease enter your name here"],
    "caption": ["President Biden speaks at the White House in Washington, March 2, 2023. (AP Photo/Evan Vucci)"],
}
NEGATIVE = [
    "نيودلهي (أ ف ب) – تحدث وزير الخارجية الأمريكي أنتوني بلينكين ووزير الخارجية الروسي سيرجي لافروف.",
    "وقال المصدر إن المحادثات ستستأنف الأسبوع المقبل.",
    "المصدر الذي تحدث إلى أسوشيتد برس طلب عدم الكشف عن هويته.",
    "شارك الآلاف في المظاهرات يوم الجمعة.",
    "إعلان الحكومة عن خطة جديدة أثار جدلا واسعا.",
    "قالت رويترز إن المحادثات انتهت.",
    "Related to this, officials said the talks would resume.",
    "Most Popular songs of the year were announced on Friday.",
    "وذكرت وكالة أسوشيتد برس عبر موقعها أن 50/50 من المقاعد محسومة.",
    "اقرأ التقرير الكامل، قال الوزير للصحفيين بعد الاجتماع الذي استمر ساعتين في العاصمة.",
    "قال مسؤولون إن التعليقات التي أدلى بها الوزير لا تعبر عن موقف الحكومة.",
    "Follow-up talks on Facebook's data policy were held in Brussels on Monday, officials said.",
    "The company said affiliate links made up a growing share of its revenue last year.",
    "Subscribers to the service said the price rise was unfair.",
    "Los comentarios del ministro provocaron una fuerte reacción de la oposición.",
]


@pytest.mark.parametrize("rule, paragraph", [(rule, p) for rule, ps in POSITIVE.items() for p in ps])
def test_rule_removes_its_insert(rule, paragraph):
    kept, removed = remove_boilerplate([normalize_body(paragraph)])
    assert kept == []
    assert [r.rule for r in removed] == [rule]


@pytest.mark.parametrize("paragraph", NEGATIVE)
def test_news_paragraph_is_kept(paragraph):
    assert remove_boilerplate([paragraph]) == ([paragraph], [])


def test_every_rule_has_a_positive_case():
    assert set(RULES) | {"caption"} == set(POSITIVE)


NEWS = "The minister said on Monday that the talks would resume next week, after two days of meetings. " * 3


def test_a_related_links_block_ends_the_body():
    titles = ["- The Struggle to Save Lives Inside Gaza's Hospitals", "- The Best Inventions of 2023"]
    kept, removed = remove_boilerplate([NEWS, NEWS, "More Must-Reads From TIME", *titles])
    assert kept == [NEWS, NEWS]
    assert [r.text for r in removed] == ["More Must-Reads From TIME", *titles]
    assert {r.rule for r in removed} == {"related_tail"}
    thai = ["เรื่องที่เกี่ยวข้อง", "ลืออุ้ม อ.สุรชัย ผู้ลี้ภัยหายจากที่พัก 12 วันแล้ว", "เฟซบุ๊ก https://fb.me/prachatai"]
    assert remove_boilerplate([NEWS, *thai])[0] == [NEWS]


@pytest.mark.parametrize("paragraphs", [
    ["More stories", NEWS, NEWS],  # a heading first: not a block at the end
    [NEWS, "Comments", NEWS],  # a long paragraph after the heading: the article goes on
    [NEWS, "Comments"] + [f"Short paragraph {n} of a bulletin." for n in range(13)],  # too long a run
])
def test_a_heading_not_followed_by_a_short_tail_is_kept(paragraphs):
    assert remove_boilerplate(paragraphs)[0] == paragraphs


def test_caption_needs_a_credit_after_it_and_a_picture_cue():
    news, caption, credit = split_paragraphs(SEED)[5], split_paragraphs(SEED)[6], split_paragraphs(SEED)[7]
    assert caption.startswith(CAPTION) and credit == CREDIT
    assert remove_boilerplate([news, caption])[0] == [news, caption]  # no credit after it: not a caption
    kept, removed = remove_boilerplate([news, credit])  # a news paragraph before a credit stays
    assert kept == [news] and [r.rule for r in removed] == ["photo_credit"]


def test_extra_patterns_from_a_site_profile():
    paragraphs = ["تابع آخر الأخبار عبر موقعنا", "وقال الوزير إن المحادثات مستمرة."]
    assert remove_boilerplate(paragraphs)[0] == paragraphs
    for pattern in (r"^تابع آخر الأخبار", re.compile(r"^تابع آخر الأخبار")):
        kept, removed = remove_boilerplate(paragraphs, [pattern])
        assert kept == paragraphs[1:] and removed[0].rule == "extra"


# ---- dates ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2023-03-02T17:33:00+03:00", "2023-03-02T17:33:00+03:00"),
        ("2023-03-02T14:33:00Z", "2023-03-02T17:33:00+03:00"),
        ("2023-03-02T14:33:00.555+00:00", "2023-03-02T17:33:00+03:00"),
        ("2023-03-02T17:33:00", "2023-03-02T17:33:00+03:00"),  # naive: the site's timezone
        ("2023-03-02T17:33:00+01:00", "2023-03-02T19:33:00+03:00"),
        ("2023-03-02", "2023-03-02T00:00:00+03:00"),
        ("٢٠٢٣-٠٣-٠٢T١٧:٣٣:٠٠", "2023-03-02T17:33:00+03:00"),
        ("١٦٧٧٧٦٧٥٨٠", "2023-03-02T17:33:00+03:00"),
        ("2 مارس 2023", "2023-03-02T00:00:00+03:00"),
        ("2 آذار 2023", "2023-03-02T00:00:00+03:00"),
        ("2 آذار/مارس 2023", "2023-03-02T00:00:00+03:00"),
        ("2 كانون الثاني 2023", "2023-01-02T00:00:00+03:00"),
        ("15 تشرين الأول 2022", "2022-10-15T00:00:00+03:00"),
        ("30 كانون الأول 2022", "2022-12-30T00:00:00+03:00"),
        ("2 أيار 2023", "2023-05-02T00:00:00+03:00"),
        ("2 يونيو 2023", "2023-06-02T00:00:00+03:00"),
        ("2 جانفي 2023", "2023-01-02T00:00:00+03:00"),
        ("15 غشت 2023", "2023-08-15T00:00:00+03:00"),
        ("مارس 2, 2023", "2023-03-02T00:00:00+03:00"),
        ("الخميس، 2 مارس 2023", "2023-03-02T00:00:00+03:00"),
        ("٢ مارس ٢٠٢٣", "2023-03-02T00:00:00+03:00"),
        ("۲ مارس ۲۰۲۳", "2023-03-02T00:00:00+03:00"),
        ("2 مارس، 2023 5:33 م", "2023-03-02T17:33:00+03:00"),
        ("٢ مارس ٢٠٢٣ - ٥:٣٣ مساءً", "2023-03-02T17:33:00+03:00"),
        ("2 مارس 2023 10:15 ص", "2023-03-02T10:15:00+03:00"),
        ("2 مارس 2023 12:30 ص", "2023-03-02T00:30:00+03:00"),
        ("2 مارس 2023 12:05 م", "2023-03-02T12:05:00+03:00"),
        ("March 2, 2023 at 5:33 pm", "2023-03-02T17:33:00+03:00"),
        ("Thu, 02 Mar 2023 14:33:00 GMT", "2023-03-02T17:33:00+03:00"),
        ("2023/03/02 17:33", "2023-03-02T17:33:00+03:00"),
        ("02/03/2023", "2023-03-02T00:00:00+03:00"),  # day first, as Arabic sites write it
        ("2nd of March 2023", "2023-03-02T00:00:00+03:00"),  # left to dateparser
        ("1677767580", "2023-03-02T17:33:00+03:00"),
        ("1677767580000", "2023-03-02T17:33:00+03:00"),
        (1677767580, "2023-03-02T17:33:00+03:00"),
        ("منذ ساعتين", "2023-03-26T10:00:00+03:00"),
        ("منذ ساعة", "2023-03-26T11:00:00+03:00"),
        ("منذ 3 ساعات", "2023-03-26T09:00:00+03:00"),
        ("منذ ٣ أيام", "2023-03-23T12:00:00+03:00"),
        ("منذ يومين", "2023-03-24T12:00:00+03:00"),
        ("منذ أسبوع", "2023-03-19T12:00:00+03:00"),
        ("منذ شهرين", "2023-01-26T12:00:00+03:00"),
        ("قبل 5 دقائق", "2023-03-26T11:55:00+03:00"),
        ("منذ ساعة و 20 دقيقة", "2023-03-26T10:40:00+03:00"),
        ("أمس", "2023-03-25T12:00:00+03:00"),
        ("أمس 10:15 م", "2023-03-25T22:15:00+03:00"),
        ("أول أمس", "2023-03-24T12:00:00+03:00"),
        ("2 hours ago", "2023-03-26T10:00:00+03:00"),
        ("an hour ago", "2023-03-26T11:00:00+03:00"),
        ("yesterday", "2023-03-25T12:00:00+03:00"),
    ],
)
def test_to_iso8601(raw, expected):
    assert to_iso8601(raw, "Asia/Riyadh", now=NOW) == expected


@pytest.mark.parametrize("raw", [None, "", "WEBSITE", "Sunday", "10:15", "منذ ساعات", "2023-02-30", "31 فبراير 2023"])
def test_unparseable_dates_give_none(raw):
    assert to_iso8601(raw, now=NOW) is None


def test_datetime_objects_are_converted():
    assert to_iso8601(datetime(2023, 3, 2, 14, 33, 0, 5, tzinfo=timezone.utc)) == "2023-03-02T17:33:00+03:00"
    assert to_iso8601(datetime(2023, 3, 2, 17, 33)) == "2023-03-02T17:33:00+03:00"


def test_site_timezone_sets_the_offset():
    assert to_iso8601("2023-03-02T14:33:00Z", "Europe/Paris") == "2023-03-02T15:33:00+01:00"
    assert to_iso8601("2 مارس 2023 5:33 م", "UTC") == "2023-03-02T17:33:00+00:00"
    assert to_iso8601("منذ ساعتين", "UTC", now=NOW) == "2023-03-26T07:00:00+00:00"


# ---- names ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, site, expected",
    [
        ("بلينكين ولافروف يلتقيان – أخبار العالم", "أخبار العالم", "بلينكين ولافروف يلتقيان"),
        ("بلينكين ولافروف يلتقيان | أخبار العالم", "اخبار  العالم", "بلينكين ولافروف يلتقيان"),
        ("أخبار العالم | بلينكين ولافروف يلتقيان", "أخبار العالم", "بلينكين ولافروف يلتقيان"),
        ("Blinken: talks - World News", "world news", "Blinken: talks"),
        ("Blinken - talks", "World News", "Blinken - talks"),  # the site name is not there
        ("Biden – Lavrov – Blinken", "Blinken", "Biden – Lavrov"),
        ("World News", "World News", "World News"),  # nothing but the name: kept
        ("  بلينكين\u00a0ولافروف ", None, "بلينكين ولافروف"),
    ],
)
def test_clean_title(title, site, expected):
    assert clean_title(title, site) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("بقلم: أحمد علي", "أحمد علي"),
        ("كتب - محمد حسن", "محمد حسن"),
        ("By John Smith", "John Smith"),
        ("Written by Jane Doe - Staff Writer", "Jane Doe"),
        ("سارة أحمد (مراسل الجزيرة)", "سارة أحمد"),
        ("Ali Hassan, Correspondent", "Ali Hassan"),
        ("Byron Smith", "Byron Smith"),
        ("كتبي الحسن", "كتبي الحسن"),
    ],
)
def test_clean_author(raw, expected):
    assert clean_author(raw) == expected


def test_lists_are_deduplicated_in_order():
    assert clean_authors(["By John Smith", "john smith", "أحمد", "احمد", "", None, "Ali"]) == [
        "John Smith",
        "أحمد",
        "Ali",
    ]
    assert clean_tags([" روسيا ", "روسيا", "أوكرانيا"]) == ["روسيا", "أوكرانيا"]
    assert unique(["b", "a", "B", ""]) == ["b", "a"]


# ---- pipeline ------------------------------------------------------------------------------------------


class WorldNewsProfile(SiteProfile):
    base_url = "https://example.com"
    section = "world"
    timezone = "Asia/Riyadh"
    site_name = "أخبار العالم"
    boilerplate = (r"^تابع آخر الأخبار",)


class WorldNewsSpider(SectionSpider):
    name = "world_news_test"
    profile = WorldNewsProfile


class NoProfileSettingsSpider(SectionSpider):
    name = "no_profile_settings"  # a profile with no timezone, site_name or boilerplate
    profile = type("Bare", (SiteProfile,), {"base_url": "https://example.com", "section": "world"})


def _pipeline(spider_cls=WorldNewsSpider, **settings):
    crawler = project_crawler(spider_cls, settings)
    return CleanArticlePipeline.from_crawler(crawler), crawler.stats


def _garbled(text: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors="replace")


def test_pipeline_cleans_an_article():
    pipeline, stats = _pipeline(CLEAN_BOILERPLATE_PATTERNS=[r"^إعلان ممول"])
    body = SEED + "\n\nتابع آخر الأخبار عبر موقعنا\n\nإعلان ممول من شركة"
    article = Article(
        url="https://example.com/a",
        canonical_url="https://example.com/a",
        title="بلينكين ولافروف يلتقيان – أخبار العالم",
        published="2 مارس 2023 5:33 م",
        modified="منذ ساعتين",
        authors=["بقلم: أحمد علي", "احمد علي"],
        tags=[" روسيا ", "روسيا"],
        section_name="اخبار\u00a0العالم",
        body=body,
        images=[Image(url="https://example.com/i.jpg", caption=" صورة\u200b ", credit=" AP ")],
        comments=[Comment(id="1", author=" Ali ", published="أمس 10:15 م", text="أول\n\n\n\nثاني")],
        crawled_at="2023-03-26T09:00:00+00:00",
    )
    assert pipeline.process_item(article) is article
    assert article.title == "بلينكين ولافروف يلتقيان"
    assert article.published == "2023-03-02T17:33:00+03:00"  # the profile's timezone
    assert article.modified == "2023-03-26T10:00:00+03:00"
    assert article.authors == ["أحمد علي"] and article.tags == ["روسيا"]
    assert article.section_name == "اخبار العالم"
    paragraphs = article.body.split("\n\n")
    assert len(paragraphs) == NEWS_COUNT and paragraphs[0].startswith(DATELINE)
    assert (article.images[0].caption, article.images[0].credit) == ("صورة", "AP")
    expected_comment = Comment(id="1", author="Ali", published="2023-03-25T22:15:00+03:00", text="أول\n\nثاني")
    assert article.comments[0] == expected_comment
    assert stats.get_value("clean/boilerplate_removed") == len(INSERTS) + 2
    assert stats.get_value("clean/boilerplate_removed/extra") == 2
    assert stats.get_value("clean/boilerplate_removed/read_also") == 1
    assert stats.get_value("clean/dates_unparsed") is None
    assert stats.get_value("clean/mojibake_fixed") is None


def test_pipeline_repairs_and_counts_mojibake_in_a_dict_item(caplog):
    pipeline, stats = _pipeline(NoProfileSettingsSpider)
    item = {"title": _garbled("بلينكين ولافروف"), "body": _garbled(SEED), "published": "WEBSITE", "url": "u"}
    pipeline.process_item(item)
    assert item["title"] == "بلينكين ولافروف"
    assert item["body"].split("\n\n")[0].startswith(DATELINE)
    assert item["published"] is None
    assert stats.get_value("clean/mojibake_fixed") == 1
    assert stats.get_value("clean/dates_unparsed") == 1
    assert "Unparsed published date 'WEBSITE' on u" in caplog.text
    assert set(item) == {"title", "body", "published", "url"}  # fields a dict lacks are not added


@pytest.mark.parametrize("spider_cls, settings, expected", [
    (NoProfileSettingsSpider, {}, "2023-03-02T17:33:00+03:00"),  # no profile timezone: Riyadh, the default
    (NoProfileSettingsSpider, {"NEWSBOT_TIMEZONE": "Europe/Paris"}, "2023-03-02T15:33:00+01:00"),
    (WorldNewsSpider, {}, "2023-03-02T17:33:00+03:00"),  # the profile's
    (WorldNewsSpider, {"NEWSBOT_TIMEZONE": "UTC"}, "2023-03-02T14:33:00+00:00"),  # -s over the profile
    (PlainSpider, {"NEWSBOT_TIMEZONE": "Asia/Tokyo"}, "2023-03-02T23:33:00+09:00"),  # no newsbot spider
])
def test_timezone_is_the_setting_the_profile_sets_and_s_overrides(spider_cls, settings, expected):
    pipeline, _ = _pipeline(spider_cls, **settings)
    item = {"published": "2023-03-02T14:33:00Z", "modified": None}
    pipeline.process_item(item)
    assert item == {"published": expected, "modified": None}


def test_timezone_spider_argument_is_the_setting():
    crawler = project_crawler(NoProfileSettingsSpider, timezone="America/New_York")
    assert crawler.settings["NEWSBOT_TIMEZONE"] == "America/New_York"


@pytest.mark.parametrize("name, value", [("NEWSBOT_TIMEZONE", "Mars/Olympus"),
                                         ("CLEAN_BOILERPLATE_PATTERNS", ["(unclosed"])])
def test_an_invalid_clean_setting_is_an_error_naming_it(name, value):
    with pytest.raises(InvalidSetting, match=name):
        _pipeline(NoProfileSettingsSpider, **{name: value})


@pytest.mark.parametrize("published, modified, expected", [
    ("2023-03-02T10:00:00+00:00", "2023-03-02T13:00:00+03:00", None),  # the same instant: never edited
    ("2023-03-02T10:00:00+00:00", "2023-03-02T10:00:00+00:00", None),
    ("2023-03-02T10:00:00+00:00", "2023-03-02T11:00:00+00:00", "2023-03-02T14:00:00+03:00"),
    (None, "2023-03-02T11:00:00+00:00", "2023-03-02T14:00:00+03:00"),
])
def test_modified_at_the_publication_instant_is_left_out(published, modified, expected):
    pipeline, _ = _pipeline(NoProfileSettingsSpider)
    item = {"published": published, "modified": modified, "extraction": {"modified": "rest-api"}}
    pipeline.process_item(item)
    assert item["modified"] == expected
    assert ("modified" in item["extraction"]) == (expected is not None)
