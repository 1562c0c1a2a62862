"""The dedup pipeline and the commit extension, driven through their Scrapy APIs like a crawl drives them.

Texts: the seed article (the first target's visible text), rewrites of it made here by replacing and
adding paragraphs (so they are near duplicates by construction), and a different story on the same
topic with the same people and places (so it is unique by construction).
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from itemadapter import ItemAdapter
from crawling import project_crawler, run_crawl, seed_text

from newsbot import settings as project_settings
from newsbot.config import InvalidSetting
from newsbot.extensions.emitted_commit import EmittedCommit
from newsbot.items import Article
from newsbot.pipelines.dedup import DeduplicationPipeline, DuplicateItem
from newsbot.store import release_crawler_stores

# the seed article's news paragraphs, without its "Read also" and "Source link" lines
PARAGRAPHS = [line.strip() for line in seed_text().splitlines()
              if line.strip() and not line.startswith(("Read also", "Source link"))]
BODY = "\n\n".join(PARAGRAPHS)
NEW_PARAGRAPH = (
    "وأضاف المسؤول أن الجانبين لم يتفقا على موعد لاجتماع آخر، وأن واشنطن ستواصل التنسيق مع حلفائها "
    "في مجموعة السبع قبل القمة المقبلة، مشيرا إلى أن المحادثة جرت بعيدا عن الكاميرات."
)
REWRITE = "\n\n".join(PARAGRAPHS[:3] + [NEW_PARAGRAPH] + PARAGRAPHS[4:] + [NEW_PARAGRAPH.replace("السبع", "العشرين")])
SAME_TOPIC = "\n\n".join(
    [
        "موسكو (أ ف ب) – قال وزير الخارجية الروسي سيرجي لافروف يوم السبت إن بلاده مستعدة للحوار مع "
        "الولايات المتحدة بشأن معاهدة ستارت النووية الجديدة، لكنه اتهم واشنطن بعرقلة أي تقدم.",
        "وجاءت تصريحات لافروف في مؤتمر صحفي في موسكو بعد عودته من نيودلهي، حيث شارك في اجتماع وزراء "
        "خارجية مجموعة العشرين الذي انتهى دون بيان مشترك بسبب الخلاف حول الحرب في أوكرانيا.",
        "وقال لافروف إن وزير الخارجية الأمريكي أنتوني بلينكين لم يقدم أي اقتراح جديد، وإن روسيا لن "
        "تعود إلى المعاهدة ما لم تتخل الولايات المتحدة عن سياستها العدائية تجاه موسكو.",
        "ومن جهتها، قالت وزارة الخارجية الأمريكية إن الباب لا يزال مفتوحا أمام الدبلوماسية، وإن بلينكين "
        "أبلغ نظيره الروسي بأن دعم واشنطن لكييف لن يتراجع، وطالب بالإفراج عن بول ويلان المحتجز في روسيا.",
        "ويرى محللون أن اللقاء القصير بين الوزيرين في نيودلهي لم يغير شيئا في العلاقات المتدهورة بين "
        "البلدين منذ بدء الغزو الروسي لأوكرانيا في فبراير من العام الماضي.",
    ]
)


def article(slug: str, body: str = BODY, published: str = "2023-03-02T10:00:00+00:00", **fields) -> Article:
    url = f"https://news.example/{slug}/"
    return Article(url=url, canonical_url=url, body=body, published=published, **fields)


class Run:
    """One crawl: the pipeline and the extension on a crawler with the project settings, a JSON Lines feed file."""

    def __init__(self, tmp_path: Path, name: str, **settings):
        self.feed = tmp_path / f"{name}.jsonl"
        settings = {"NEWSBOT_STORE_URI": f"sqlite:///{tmp_path}/state.sqlite3", **settings}
        self.crawler = project_crawler(settings=settings)
        self.stats = self.crawler.stats
        self.pipeline = DeduplicationPipeline.from_crawler(self.crawler)
        self.extension = EmittedCommit.from_crawler(self.crawler)
        self.pipeline.open_spider()

    def process(self, *items: Article) -> None:
        """Each item through dedup, the last pipeline; those it passes go to the feed."""
        with self.feed.open("a", encoding="utf-8") as feed:
            for item in items:
                try:
                    item = self.pipeline.process_item(item)
                except DuplicateItem:
                    continue
                feed.write(json.dumps(ItemAdapter(item).asdict(), ensure_ascii=False) + "\n")
                self.extension.item_scraped(item)

    def finish(self) -> list[dict]:
        """Close the run as Scrapy does: pipelines, the feed slot, the feed exporter, the engine."""
        self.pipeline.close_spider()
        self.feed.touch()
        self.extension.feed_slot_closed(SimpleNamespace(storage=SimpleNamespace(path=str(self.feed)), format="jsonlines"))
        self.extension.feed_exporter_closed()
        self.extension.engine_stopped()
        return self.emitted()

    def kill(self) -> list[dict]:
        """The process dies after the items reached the feed file, before the feed was finished."""
        self.pipeline.store.flush()
        release_crawler_stores(self.crawler)
        return self.emitted()

    def emitted(self) -> list[dict]:
        if not self.feed.exists():
            return []
        return [json.loads(line) for line in self.feed.read_text(encoding="utf-8").splitlines()]

    def stat(self, name: str) -> int:
        return self.stats.get_value(f"dedup/{name}", 0)


def urls(records: list[dict]) -> list[str]:
    return [record["canonical_url"] for record in records]


def test_same_url_twice_in_a_run_is_emitted_once(tmp_path):
    run = Run(tmp_path, "run1")
    run.process(article("a"), article("a"))
    assert urls(run.finish()) == ["https://news.example/a/"]
    assert run.stat("exact_url") == 1


def test_same_text_under_another_url_keeps_the_first_published_with_the_other_as_alias(tmp_path):
    run = Run(tmp_path, "run1")
    copy = article("copy", BODY.replace("،", ",").upper(), published="2023-03-03T08:00:00+00:00")
    original = article("original", published="2023-03-02T10:00:00+00:00")
    run.process(copy, original)  # newest first, as a listing is walked
    emitted = run.finish()
    assert urls(emitted) == ["https://news.example/original/"]
    assert emitted[0]["aliases"] == ["https://news.example/copy/"]
    assert run.stat("exact_content") == 1 and run.stat("superseded") == 1 and run.stat("feed_removed") == 1


def test_a_copy_met_after_its_original_is_dropped_and_becomes_an_alias(tmp_path):
    run = Run(tmp_path, "run1")
    run.process(article("original"), article("copy", published="2023-03-04T08:00:00+00:00"))
    emitted = run.finish()
    assert urls(emitted) == ["https://news.example/original/"]
    assert emitted[0]["aliases"] == ["https://news.example/copy/"]
    assert run.stat("feed_corrected") == 1


def test_near_duplicate_is_dropped_in_drop_mode(tmp_path):
    run = Run(tmp_path, "run1", DEDUP_NEAR_MODE="drop")
    run.process(article("original"), article("rewrite", REWRITE, published="2023-03-02T12:00:00+00:00"))
    assert urls(run.finish()) == ["https://news.example/original/"]
    assert run.stat("near") == 1


def test_near_duplicate_is_marked_in_mark_mode(tmp_path):
    run = Run(tmp_path, "run1", DEDUP_NEAR_MODE="mark")
    run.process(article("original"), article("rewrite", REWRITE, published="2023-03-02T12:00:00+00:00"))
    emitted = {record["canonical_url"]: record for record in run.finish()}
    assert emitted["https://news.example/rewrite/"]["near_duplicate_of"] == "https://news.example/original/"
    assert emitted["https://news.example/original/"]["near_duplicate_of"] is None


def test_original_met_after_its_rewrite_wins_in_both_modes(tmp_path):
    rewrite = article("rewrite", REWRITE, published="2023-03-02T12:00:00+00:00")
    dropping = Run(tmp_path, "drop", DEDUP_NEAR_MODE="drop", NEWSBOT_STORE_URI=f"sqlite:///{tmp_path}/d.sqlite3")
    dropping.process(rewrite, article("original"))
    assert urls(dropping.finish()) == ["https://news.example/original/"]
    marking = Run(tmp_path, "mark", DEDUP_NEAR_MODE="mark", NEWSBOT_STORE_URI=f"sqlite:///{tmp_path}/m.sqlite3")
    marking.process(article("rewrite", REWRITE, published="2023-03-02T12:00:00+00:00"), article("original"))
    emitted = {record["canonical_url"]: record for record in marking.finish()}
    assert emitted["https://news.example/rewrite/"]["near_duplicate_of"] == "https://news.example/original/"


def test_a_different_story_on_the_same_topic_is_not_a_duplicate(tmp_path):
    run = Run(tmp_path, "run1", DEDUP_NEAR_MODE="drop")
    run.process(article("blinken-lavrov-meet"), article("lavrov-start-treaty", SAME_TOPIC))
    assert len(run.finish()) == 2
    assert run.stat("near") == 0 and run.stat("exact_content") == 0


def test_a_second_run_emits_nothing_already_emitted(tmp_path):
    items = lambda: [article("a"), article("b", SAME_TOPIC)]  # noqa: E731
    first = Run(tmp_path, "run1")
    first.process(*items())
    assert len(first.finish()) == 2 and first.stat("committed") == 2
    second = Run(tmp_path, "run2")
    second.process(*items())
    assert second.finish() == []
    assert second.stat("seen_before") == 2


def test_an_edited_article_is_emitted_again_as_an_update(tmp_path):
    first = Run(tmp_path, "run1")
    first.process(article("a"))
    fingerprint = first.finish()[0]["fingerprint"]
    second = Run(tmp_path, "run2")
    second.process(article("a", BODY + "\n\nتحديث: أكد البيت الأبيض اللقاء.", modified="2023-03-03T09:00:00+00:00"))
    emitted = second.finish()
    assert emitted[0]["update"] is True and emitted[0]["previous_fingerprint"] == fingerprint
    assert emitted[0]["fingerprint"] != fingerprint and second.stat("updated") == 1


def test_a_new_modified_date_alone_is_an_update(tmp_path):
    first = Run(tmp_path, "run1")
    first.process(article("a", modified="2023-03-02T10:00:00+00:00"))
    first.finish()
    second = Run(tmp_path, "run2")
    second.process(article("a", modified="2023-03-05T10:00:00+00:00"))
    assert [record["update"] for record in second.finish()] == [True]


def test_articles_of_a_killed_run_are_emitted_again(tmp_path):
    killed = Run(tmp_path, "run1")
    killed.process(article("a"), article("b", SAME_TOPIC))
    assert len(killed.kill()) == 2
    again = Run(tmp_path, "run2")
    assert again.stat("discarded_staged") == 2
    again.process(article("a"), article("b", SAME_TOPIC))
    assert len(again.finish()) == 2


def test_dedup_is_the_last_pipeline_so_nothing_it_records_is_dropped_after_it():
    order = sorted(project_settings.ITEM_PIPELINES.items(), key=lambda entry: entry[1])
    assert [path.rsplit(".", 1)[1] for path, _ in order] == [
        "CleanArticlePipeline", "SpamCommentsPipeline", "ValidateArticlePipeline", "DeduplicationPipeline"]


def test_an_earlier_original_found_in_a_later_run_becomes_an_alias_of_the_delivered_copy(tmp_path):
    first = Run(tmp_path, "run1")
    first.process(article("copy", published="2023-03-04T08:00:00+00:00"))
    first.finish()
    second = Run(tmp_path, "run2")
    second.process(article("original"))
    assert second.finish() == []
    third = Run(tmp_path, "run3")
    third.process(article("original"))  # now known by its URL
    assert third.finish() == [] and third.stat("seen_before") == 1


@pytest.mark.parametrize("name, value", [("DEDUP_NEAR_MODE", "keep"), ("DEDUP_NEAR_MODE", ""),
                                         ("DEDUP_NEAR_THRESHOLD", "high"), ("DEDUP_NUM_PERM", 0)])
def test_an_invalid_dedup_setting_is_an_error_naming_it(tmp_path, name, value):
    with pytest.raises(InvalidSetting, match=f"setting {name}="):
        Run(tmp_path, "run1", **{name: value})


def test_an_invalid_near_mode_stops_the_crawl_before_any_request(tmp_path):
    # the crawl would otherwise go on without dedup (NotConfigured only disables a pipeline)
    run = run_crawl("world_news", tmp_path, args={"base_url": "http://127.0.0.1:9"},
                    settings={"DEDUP_NEAR_MODE": "keep"}, timeout=120)
    assert run.returncode != 0
    assert "setting DEDUP_NEAR_MODE='keep' is invalid: expected one of drop, mark" in run.log
    assert "downloader/request_count" not in run.stats and run.items == []
