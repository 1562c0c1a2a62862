"""The spam filter: each signal, the hard cases it must leave alone, settings, the pipeline, spam-check."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from itemadapter import ItemAdapter
from crawling import project_crawler

from newsbot.items import Article, Comment
from newsbot.pipelines.spam import SpamCommentsPipeline
from newsbot.spam import SpamConfig, SpamFilter

ARTICLE = "https://news.example/world-news/a/"


def crawl_settings(overrides: dict):
    """newsbot's settings with ``overrides`` as ``-s`` gives them."""
    return project_crawler(settings=overrides).settings


@pytest.fixture(scope="module")
def spam_filter():
    return SpamFilter()


def verdict(spam_filter, article_url=ARTICLE, **comment):
    return spam_filter.score(comment, article_language="ar", article_url=article_url)


# -------------------------------------------------------------------------------------------- signals
@pytest.mark.parametrize(
    "comment, reason",
    [
        ({"text": "see http://a.xyz http://b.xyz http://c.xyz"}, "links>2"),
        ({"text": "x", "links": ["http://a.test/1", "http://a.test/2", "http://a.test/3"]}, "links>2"),
        ({"text": "https://some-site.xyz/page"}, "url-only"),
        ({"text": '<a href="http://x.xyz">cheap</a> here'}, "markup-link"),
        ({"text": "[url=http://x.xyz]cheap[/url]"}, "markup-link"),
        ({"text": "look https://bit.ly/abc right now please"}, "link-shortener"),
        ({"text": "نقل ممتاز www.naql-afsh-riyadh.com"}, "link-commercial"),
        ({"text": "WEBSITE WEBSITE WEBSITE WEBSITE"}, "repeated-tokens"),
        ({"text": "play at the best online casino today"}, "vocab:casino"),
        ({"text": "buy viagra here"}, "vocab:pharma"),
        ({"text": "قرض شخصي سريع"}, "vocab:loans"),
        ({"text": "تداول العملات الرقمية معنا"}, "vocab:crypto"),
        ({"text": "need backlinks?"}, "vocab:seo"),
        ({"text": "افلام سكس"}, "vocab:adult"),
        ({"text": "أفضل شركة نقل عفش"}, "vocab:services"),
        ({"text": "Great article, thanks for sharing!"}, "generic-praise"),
        ({"text": "اتصل على 0551234567"}, "contact:phone"),
        ({"text": "اتصل على +966 55 123 4567"}, "contact:phone"),
        ({"text": "اتصل على ٠٥٥١٢٣٤٥٦٧"}, "contact:phone"),
        ({"text": "راسلنا على الواتساب"}, "contact:whatsapp"),
        ({"text": "write to me on Telegram @recovery_pro"}, "contact:telegram"),
        ({"text": "代写论文 加微信 abc123"}, "contact:wechat"),
        ({"text": "email dr.ogudugu@gmail.com for help"}, "contact:email"),
        ({"text": "ok", "author": "شركة تنظيف بجدة"}, "author-keyword"),
        ({"text": "ok", "author": "Best SEO Services"}, "author-keyword"),
        ({"text": "ok", "author": "www.example.com"}, "author-url"),
        ({"text": "nice", "author": "Sam", "author_url": "https://best-movers-dubai.com"}, "author-url-commercial"),
        ({"text": "Быстрый займ сегодня, звоните", "author_url": "https://x.example"}, "foreign-language:ru"),
        ({"text": "asdfghjkl", "author": "qwerty"}, "junk"),
        ({"text": "THIS IS THE BEST OFFER IN THE WHOLE WORLD"}, "shouting"),
        ({"text": "offer $$$$$ now"}, "repeated-chars"),
    ],
)
def test_each_signal_gives_its_reason(spam_filter, comment, reason):
    assert reason in verdict(spam_filter, **comment).reasons


def test_vocabulary_folds_arabic_spelling_variants(spam_filter):
    # ة/ه, tatweel and diacritics fold to the list's spelling; a clitic prefix (و) is allowed
    assert "vocab:services" in verdict(spam_filter, text="شركـــة نَقْل عفش").reasons
    assert "vocab:services" in verdict(spam_filter, text="ونقل العفش").reasons


def test_same_text_on_a_second_article_is_a_duplicate(spam_filter):
    text = "I have been browsing online for hours today and never found an article as good as this one."
    first = verdict(spam_filter, text=text, article_url="https://news.example/1")
    same_article = verdict(spam_filter, text=text, article_url="https://news.example/1")
    other_article = verdict(spam_filter, text=text, article_url="https://news.example/2")
    assert "duplicate-text" not in first.reasons
    assert "duplicate-text" not in same_article.reasons  # a double post on one article is not a campaign
    assert "duplicate-text" in other_article.reasons
    assert other_article.spam


def test_duplicate_memory_is_bounded():
    spam_filter = SpamFilter(SpamConfig(duplicate_memory=2, duplicate_min_chars=5))
    for i in range(3):
        spam_filter.score({"text": f"some comment text number {'x' * i}"}, article_url="https://n/1")
    # the first text was forgotten when the third came in: seen again elsewhere it is new
    again = spam_filter.score({"text": "some comment text number "}, article_url="https://n/2")
    assert "duplicate-text" not in again.reasons
    assert len(spam_filter.duplicates._first_article) == 2


# ------------------------------------------------------------------------------------------ hard cases
@pytest.mark.parametrize(
    "comment",
    [
        {"text": "شكرا"},
        {"text": "ههههههههه والله ضحكتني"},
        {"text": "يااااااااا سلاااام"},
        {"text": "ههههه ههههه ههههه ههههه"},
        {"text": "عار عار عار على هذا الصمت"},
        {"text": "لا لا لا لا للحرب"},
        {"text": "LOL this is hilarious 😂😂😂😂"},
        {"text": "الخبر الأصلي هنا: https://apnews.com/article/blinken-lavrov-g20",
         "links": ["https://apnews.com/article/blinken-lavrov-g20"]},
        {"text": "Ten minutes is nothing, but at least they talked."},
        {"text": "Dix minutes, c'est peu, mais c'est déjà un signe."},
        {"text": "walah el 7arb di lazem tkhlas, el as3ar 3alet gedan"},
        {"text": "كأستاذ علاقات دولية أرى أن رمزية اللقاء أهم من مضمونه.", "author": "د. مروان",
         "author_url": "https://marwanhaddad.net"},
        {"text": "As a journalist who covered Geneva, the tone was colder then.", "author": "Laura",
         "author_url": "https://laurajensen.me"},
        {"text": "بايدن يحتاج إلى فياجرا سياسية هههه"},
        {"text": "سعر الدولار اليوم 30.95 جنيه، والخسائر 100000000 دولار منذ 2022"},
        {"text": "NO TO WAR"},
        {"text": "مقال رائع"},
    ],
)
def test_hard_cases_are_not_spam(spam_filter, comment):
    result = verdict(spam_filter, **comment)
    assert not result.spam, result


# ------------------------------------------------------------- the kinds of issue 13, with their reasons
@pytest.mark.parametrize(
    "comment, reasons",
    [
        # spam in a language foreign to the site: with a website, and with no link at all
        ({"text": "Купить диплом о высшем образовании недорого", "author_url": "http://diplom.example"},
         {"vocab:diploma"}),  # a trade whose words are enough alone
        ({"text": "Нужны деньги? Быстрый займ для всех граждан России", "author_url": "http://zaim.example"}, {"vocab:loans", "foreign-language:ru"}),
        ({"text": "Смотреть фильмы онлайн бесплатно в хорошем качестве"}, {"vocab:films", "foreign-language:ru"}),
        ({"text": "Bahis siteleri arasında en güvenilir olanı burada"}, {"vocab:casino", "foreign-language:tr"}),
        ({"text": "Main di slot gacor malam ini, pasti untung besar"}, {"vocab:casino", "foreign-language:id"}),
        ({"text": "Nhà cái uy tín hàng đầu châu Á"}, {"vocab:casino", "foreign-language:vi"}),
        ({"text": "专业论文代写，加微信 paper123"}, {"vocab:essay", "contact:wechat"}),
        # Arabic trades
        ({"text": "شيخ روحاني لجلب الحبيب ورد المطلقة، اتصل 00966551234567"}, {"vocab:spiritual", "contact:phone"}),
        ({"text": "قرض بدون كفيل للمقيمين، واتساب 0551234567"}, {"vocab:loans", "contact:whatsapp", "contact:phone"}),
        ({"text": "شركة تنظيف بالرياض، جلي بلاط وتنظيف موكيت"}, {"vocab:services"}),
        ({"text": "عيادة تجميل: حقن فيلر وازالة الشعر بالليزر"}, {"vocab:cosmetic"}),
        ({"text": "اربح من المنزل 300 ريال يوميا، للتواصل 0559876543"}, {"vocab:earn", "contact:phone"}),
        ({"text": "ارقام بنات للتعارف، واتس 0551122334"}, {"vocab:dating", "contact:whatsapp"}),
        # English scams without a link
        ({"text": "A recovery expert helped me recover my lost bitcoin, write to him on Telegram @fixer"},
         {"vocab:crypto", "contact:telegram"}),
        ({"text": "I am making $9000 a month working from home, just copy and paste"}, {"vocab:earn"}),
        ({"text": "The great spell caster brought back my ex, email magic.temple@gmail.com"},
         {"vocab:spiritual", "contact:email"}),
        ({"text": "Buy tramadol without prescription, discreet delivery"}, {"vocab:pharma"}),
        # praise whose only tell is the commenter's website
        ({"text": "Very informative post, thank you!", "author": "Emma", "author_url": "https://writemyessay.example"},
         {"generic-praise", "author-url-commercial"}),
        # junk from a junk name
        ({"text": "asdfghjkl", "author": "asd"}, {"junk"}),
        ({"text": "!!!!!!!!", "author": "qwerty"}, {"junk"}),
        ({"text": "zzzzzzzz", "author": "test"}, {"junk"}),
    ],
)
def test_spam_of_every_kind_is_spam_with_its_reasons(spam_filter, comment, reasons):
    result = verdict(spam_filter, **comment)
    assert result.spam, result
    assert reasons <= set(result.reasons), result


@pytest.mark.parametrize(
    "comment",
    [
        # readers writing in another language about the article, with a source or a website
        {"text": "Россия снова обещает перемирие, но никто ему не верит.", "author": "Иван"},
        {"text": "Bu savaş bitmeli, siviller ölüyor. Kaynak: https://www.aa.com.tr/tr/dunya", "author": "Mehmet"},
        {"text": "Semoga perdamaian segera tercapai di sana.", "author": "Budi", "author_url": "https://budi.blog"},
        {"text": "这篇文章写得很清楚，希望局势早日缓和。", "author": "王伟"},
        {"text": "Отличная статья, спасибо", "author": "Ольга"},
        # laughter, emoji, junk from a real name
        {"text": "ههههههههههه", "author": "asd"},
        {"text": "lol", "author": "qwe"},
        {"text": "😂😂😂", "author": "x"},
        {"text": "؟؟؟", "author": "خالد العتيبي"},
        # companies, prices, an embassy's number, crypto, sanctions in the article's context
        {"text": "رقم طوارئ السفارة في بيروت +961 1 765432 والبريد consular@embassy.example حسب البيان"},
        {"text": "Sanctions pushed Russian exporters to bitcoin and the yuan, the article misses that."},
        {"text": "شركة أرامكو رفعت الأسعار 3 بالمئة، وسعر البرميل 85 دولارا"},
        {"text": "The translation misses the prisoner swap, please check the original.", "author": "Hannah"},
    ],
)
def test_readers_of_every_kind_are_kept(spam_filter, comment):
    result = verdict(spam_filter, **comment)
    assert not result.spam, result


def test_a_foreign_language_is_never_a_sign_alone(spam_filter):
    alone = verdict(spam_filter, text="Купить это нельзя, но статья хорошая", author_url="https://ivan.example")
    assert not alone.spam and set(alone.reasons) <= {"foreign-language:ru"}, alone
    with_trade = verdict(spam_filter, text="Быстрый займ сегодня", author_url="https://ivan.example")
    assert with_trade.spam and "foreign-language:ru" in with_trade.reasons


def test_language_identifier_tells_the_languages_spam_comes_in():
    from newsbot.spam.language import identify

    samples = {"ar": "هذا المقال يشرح موقف الحكومة من المفاوضات", "ru": "Купить диплом о высшем образовании",
               "tr": "Bu savaş bir an önce bitmeli", "vi": "Nhà cái uy tín hàng đầu châu Á",
               "zh": "这篇文章写得很清楚，希望局势早日缓和", "en": "The great spell caster brought back my ex"}
    assert {code: identify(text)[0] for code, text in samples.items()} == {code: code for code in samples}
    assert identify("ههههه") == (None, 0.0)  # too few letters to tell


def test_the_model_names_its_features_and_can_be_turned_off():
    comment = {"text": "Hey guys check out my new channel and subscribe please, I subscribe back"}
    result = SpamFilter().score(comment, article_language="en")
    model_reasons = [r for r in result.reasons if r.startswith("model:")]
    assert result.spam and model_reasons and "subscribe" in model_reasons[0], result
    assert not any(r.startswith("model:") for r in SpamFilter.from_settings(crawl_settings({"SPAM_MODEL": "0"})).score(comment).reasons)


def test_a_short_prayer_on_many_articles_is_not_a_duplicate(spam_filter):
    verdicts = [verdict(spam_filter, text="اللهم ارحم الشهداء واشف الجرحى", article_url=f"https://n/{i}") for i in range(4)]
    assert not any(v.spam or "duplicate-text" in v.reasons for v in verdicts)


def test_typical_spam_is_spam(spam_filter):
    assert verdict(spam_filter, text="شركة نقل عفش بالرياض بأرخص الأسعار واتساب 0551234567").spam
    assert verdict(spam_filter, text="مقال رائع", author="Ali", author_url="https://naql-afsh-riyadh.com").spam
    assert verdict(spam_filter, text="WEBSITE WEBSITE WEBSITE WEBSITE").spam


# --------------------------------------------------------------------------------------------- settings
def test_threshold_and_max_links_come_from_settings():
    two_links = {"text": "مصدران: https://apnews.com/a و https://reuters.com/b", "links": []}
    three_links = {"text": "مصادر: https://a.test/1 https://b.test/2 https://c.test/3 وغيرها كثير"}
    default = SpamFilter.from_settings(crawl_settings({}))
    assert "links>2" in default.score(three_links).reasons
    assert not default.score(three_links).spam  # too many links is a weak sign alone
    strict = SpamFilter.from_settings(crawl_settings({"SPAM_MAX_LINKS": 1, "SPAM_THRESHOLD": 0.5}))
    assert strict.score(two_links).reasons == ["links>1"]
    assert strict.score(two_links).spam


def test_weights_come_from_settings():
    praise = {"text": "Great article, thanks for sharing!"}
    assert not SpamFilter.from_settings(crawl_settings({})).score(praise).spam
    heavy = SpamFilter.from_settings(crawl_settings({"SPAM_WEIGHTS": {"generic-praise": 2}}))
    assert heavy.score(praise).spam and heavy.score(praise).score == 2.0


def test_extra_word_lists_extend_the_vocabulary(tmp_path):
    (tmp_path / "vocab").mkdir()
    (tmp_path / "vocab" / "watches.en.txt").write_text("# replica watches\nreplica rolex\n", encoding="utf-8")
    spam_filter = SpamFilter.from_settings(crawl_settings({"SPAM_DATA_DIRS": [str(tmp_path)]}))
    assert "vocab:watches" in spam_filter.score({"text": "cheap replica rolex"}).reasons
    assert "vocab:casino" in spam_filter.score({"text": "online casino"}).reasons


def test_comment_dataclass_and_dict_score_alike(spam_filter):
    fields = {"text": "أفضل شركة تنظيف منازل 0551234567", "author": "x"}
    from_dict = spam_filter.score(fields, article_url=None)
    from_item = spam_filter.score(Comment(id="1", **fields), article_url=None)
    assert from_dict == from_item and from_item.spam


# --------------------------------------------------------------------------------------------- pipeline
def article_with_thread() -> Article:
    """1 ham, 2 spam replying to 1, 3 ham replying to spam 2, 4 spam replying to 3... 5 replies to spam 4."""
    return Article(
        url="https://news.example/world-news/a/?utm_source=x",
        canonical_url="https://news.example/world-news/a/",
        language="ar",
        comments=[
            Comment(id="1", text="لقاء قصير لن يغير شيئا"),
            Comment(id="2", parent_id="1", text="شركة نقل عفش بالرياض واتساب 0551234567", author="نقل"),
            Comment(id="3", parent_id="2", text="احذفوا هذا الإعلان من فضلكم"),
            Comment(id="4", parent_id="1", text="WEBSITE WEBSITE WEBSITE WEBSITE"),
            Comment(id="5", parent_id="4", text="ما هذا؟"),
            Comment(id="6", parent_id="4", text="online casino free spins", author="casino"),
            Comment(id="7", parent_id="6", text="هههه"),
        ],
    )


def make_pipeline(tmp_path, **settings):
    crawler = project_crawler(settings={"FEEDS": {str(tmp_path / "feed.jsonl"): {"format": "jsonlines"}}, **settings})
    crawler.stats.open_spider()
    return crawler, SpamCommentsPipeline.from_crawler(crawler)


def test_pipeline_drops_reparents_quarantines_and_counts(tmp_path):
    crawler, pipeline = make_pipeline(tmp_path)
    item = pipeline.process_item(article_with_thread())
    pipeline.close_spider()

    kept = {c.id: c.parent_id for c in item.comments}
    assert kept == {"1": None, "3": "1", "5": "1", "7": "1"}  # 3 was under 2, 5 under 4, 7 under 6 under 4
    quarantine = tmp_path / "feed.spam.jsonl"
    rows = [json.loads(line) for line in quarantine.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["2", "4", "6"]
    assert all(r["article_url"] == item.url and r["score"] >= 1.0 and r["reasons"] for r in rows)
    assert "شركة نقل عفش" in quarantine.read_text(encoding="utf-8")  # unescaped UTF-8
    stats = crawler.stats.get_stats()
    assert stats["spam/dropped"] == 3 and stats["spam/kept"] == 4 and stats["spam/reparented"] == 3
    assert stats["spam/reason/repeated-tokens"] == 1 and stats["spam/reason/contact:phone"] == 1


def test_pipeline_handles_dict_items_and_the_quarantine_setting(tmp_path):
    target = tmp_path / "elsewhere" / "q.jsonl"
    crawler, pipeline = make_pipeline(tmp_path, SPAM_QUARANTINE_PATH=str(target))
    item = {"url": ARTICLE, "language": "ar", "comments": [
        {"id": "a", "text": "شكرا"}, {"id": "b", "parent_id": "a", "text": "https://cutt.ly/xyz"}]}
    pipeline.process_item(item)
    pipeline.close_spider()
    assert [c["id"] for c in item["comments"]] == ["a"]
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "b"
    assert not (tmp_path / "feed.spam.jsonl").exists()


def test_pipeline_opens_no_quarantine_without_spam(tmp_path):
    crawler, pipeline = make_pipeline(tmp_path)
    item = pipeline.process_item(Article(url=ARTICLE, canonical_url=ARTICLE, comments=[Comment(id="1", text="شكرا")]))
    pipeline.close_spider()
    assert len(ItemAdapter(item)["comments"]) == 1
    assert not (tmp_path / "feed.spam.jsonl").exists()
    assert crawler.stats.get_value("spam/dropped") is None and crawler.stats.get_value("spam/kept") == 1


# ------------------------------------------------------------------------------------------- spam-check
LINES = [
    {"text": "شركة نقل عفش بالرياض واتساب 0551234567"},
    {"text": "شكرا", "author": "علي"},
]


def run_spam_check(args, stdin=""):
    return subprocess.run([sys.executable, "-m", "newsbot.cli", "spam-check", *args], input=stdin,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)


def test_spam_check_on_a_file(tmp_path):
    path = tmp_path / "comments.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in LINES) + "\n", encoding="utf-8")
    result = run_spam_check([str(path)])
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["spam"] for o in out] == [True, False]
    assert out[1]["author"] == "علي" and out[1]["reasons"] == [] and "score" in out[1]
    assert "شركة" in result.stdout  # not \u-escaped


def test_spam_check_on_stdin_reports_bad_lines_and_goes_on():
    stdin = "\n".join([json.dumps(LINES[0], ensure_ascii=False), "{not json", '{"author": "x"}',
                       json.dumps(LINES[1], ensure_ascii=False)]) + "\n"
    result = run_spam_check([], stdin)
    assert result.returncode == 1
    assert [json.loads(line)["spam"] for line in result.stdout.splitlines()] == [True, False]
    assert "<stdin>:2:" in result.stderr and "<stdin>:3:" in result.stderr and '"text"' in result.stderr


def test_spam_check_settings_override():
    result = run_spam_check(["-s", "SPAM_THRESHOLD=100"], json.dumps(LINES[0], ensure_ascii=False) + "\n")
    assert result.returncode == 0 and json.loads(result.stdout)["spam"] is False


def test_word_list_shortcut_finds_what_the_full_scan_finds():
    """The word lists skip texts without a term's first word; that must never change what is found."""
    from newsbot.spam.text import normalize, words
    from newsbot.spam.vocab import WholeWordTerms

    labelled = Path(__file__).parents[1] / "datasets" / "comments" / "labelled.jsonl"
    texts = [normalize(json.loads(line)["text"]) for line in labelled.read_text(encoding="utf-8").splitlines()]
    for terms in ({"casino", "شركة نقل", "نقل عفش", "viagra", "قرض"}, {"$$$ fast", "casino"}):
        matcher = WholeWordTerms(terms)
        found = 0
        for text in texts:
            expected = [m.group(1) for m in matcher.pattern.finditer(text)]
            assert matcher.findall(text, words(text)) == expected, text
            found += bool(expected)
        assert found > 0  # the lists do occur in the set: the comparison is not vacuous


def test_the_models_cached_scoring_adds_up_the_features_training_counts():
    """Scoring reads cached word shares and chains pair hashes; training counts ``features``: the two agree."""
    from newsbot.spam.model import LinearModel, bucket, features

    words = "check out my channel سلام عليكم 2026 x2 check out my channel".split()
    signals, website = ["vocab:casino", "links>2"], True
    names = features(words, signals, website)
    weights = {bucket(name): (i % 7 - 3) / 10 for i, name in enumerate(dict.fromkeys(names))}
    model = LinearModel(weights, bias=0.25, weak_logit=0.0, strong_logit=1.0)
    expected = 0.25 + sum(weights[bucket(name)] for name in names)
    assert model.logit(words, signals, website) == pytest.approx(expected)
    assert "check_out" in names and "~<ch" in names and names.count("check") == 1  # pairs, n-grams, words once


def test_the_model_is_asked_only_when_the_hand_signals_fall_short(spam_filter):
    decided_by_hand = verdict(spam_filter, text="WEBSITE WEBSITE WEBSITE WEBSITE subscribe to my channel")
    assert decided_by_hand.spam and not any(r.startswith("model:") for r in decided_by_hand.reasons), decided_by_hand
    by_the_model = spam_filter.score({"text": "Hey guys check out my new channel and subscribe please"}, "en")
    assert by_the_model.spam and any(r.startswith("model:") for r in by_the_model.reasons), by_the_model


@pytest.mark.slow
def test_the_shipped_model_is_what_training_on_the_tuning_parts_writes(tmp_path):
    from newsbot.spam.labelled_sets import SETS
    from newsbot.spam.model import MODEL_FILE

    shipped = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    absent = [name.split(":")[0] for name in shipped["trained_on"] if not SETS[name.split(":")[0]].path.exists()]
    if absent:
        pytest.skip(f"the model was fitted on sets absent here: {absent} (datasets/comments/import_public.py)")
    out = tmp_path / "model.json"
    subprocess.run([sys.executable, "-m", "newsbot.spam.train", "--out", str(out)], check=True, capture_output=True)
    assert json.loads(out.read_text(encoding="utf-8")) == shipped


def test_a_bad_spam_setting_stops_with_its_name():
    from newsbot.config import InvalidSetting

    with pytest.raises(InvalidSetting, match="SPAM_FOREIGN_MIN_CONFIDENCE"):
        SpamFilter.from_settings(crawl_settings({"SPAM_FOREIGN_MIN_CONFIDENCE": "often"}))
