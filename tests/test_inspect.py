"""``newsbot inspect``: the report on a good feed, and on a feed with a broken line and an invalid article.

The feeds are written here, so every expected figure is counted from the lines the test wrote."""

from __future__ import annotations

import json

from newsbot.cli import main


def article(n: int, **fields) -> dict:
    return {"url": f"https://example.org/a{n}/", "canonical_url": f"https://example.org/a{n}/",
            "title": f"عنوان {n}", "body": "نص المقال.", "section": "world-news",
            "crawled_at": "2026-11-27T23:59:01+00:00", **fields}


GOOD = [
    article(1, published="2023-03-02T10:00:00+03:00", authors=["ليلى حسن"]),
    article(2, published="2023-03-05T08:30:00+03:00", authors=["ليلى حسن", "خالد"]),
    article(3, published=None, authors=[], section="sports"),
]


def write_feed(path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def inspect_json(path, capsys) -> tuple[int, dict]:
    code = main(["inspect", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_good_file(tmp_path, capsys):
    feed = tmp_path / "run.jsonl"
    write_feed(feed, [json.dumps(a, ensure_ascii=False) for a in GOOD])
    (tmp_path / "run.summary.json").write_text(json.dumps(
        {"status": "ok", "exit_code": 0, "duplicates_dropped": 4, "already_emitted": 2, "spam_dropped": 7,
         "invalid_dropped": 1}), encoding="utf-8")
    write_feed(tmp_path / "run.spam.jsonl", ['{"id": "1"}', '{"id": "2"}'])
    code, report = inspect_json(feed, capsys)
    assert code == 0
    assert report["articles"] == 3 and report["problem_count"] == 0
    assert report["published"]["first"] == "2023-03-02T10:00:00+03:00"
    assert report["published"]["last"] == "2023-03-05T08:30:00+03:00"
    assert report["published"]["articles_with_date"] == 2
    assert report["sections"] == {"world-news": 2, "sports": 1}
    assert report["top_authors"] == {"ليلى حسن": 2, "خالد": 1}
    assert report["completeness"]["title"] == 1.0
    assert report["completeness"]["authors"] == round(2 / 3, 4)
    assert report["completeness"]["published"] == round(2 / 3, 4)
    assert report["run"]["duplicates_dropped"] == 4 and report["run"]["spam_dropped"] == 7
    assert report["run"]["spam_quarantined"] == 2


def test_broken_line_and_invalid_article_are_reported_with_line_numbers(tmp_path, capsys):
    feed = tmp_path / "run.jsonl"
    invalid = article(5, title="", published="yesterday")
    write_feed(feed, [json.dumps(GOOD[0]), '{"url": "https://example.org/cut', json.dumps(invalid), "[1, 2]"])
    code, report = inspect_json(feed, capsys)
    assert code == 1
    assert report["articles"] == 2 and report["lines"] == 4
    by_line = {}
    for problem in report["problems"]:
        by_line.setdefault(problem["line"], []).append(problem)
    assert set(by_line) == {2, 3, 4}
    assert by_line[2][0]["kind"] == "invalid JSON"
    assert by_line[4][0]["kind"] == "not an object"
    schema_messages = " ".join(p["message"] for p in by_line[3])
    assert "title" in schema_messages and "published" in schema_messages


def test_human_readable_report_and_unreadable_file(tmp_path, capsys):
    feed = tmp_path / "run.jsonl"
    write_feed(feed, [json.dumps(GOOD[0]), "not json"])
    assert main(["inspect", str(feed)]) == 1
    out = capsys.readouterr().out
    assert "1 articles (2 lines)" in out and "line 2: invalid JSON" in out
    assert main(["inspect", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_stats_file_is_used_without_a_summary(tmp_path, capsys):
    feed = tmp_path / "run.jsonl"
    write_feed(feed, [json.dumps(GOOD[0])])
    (tmp_path / "run.stats.json").write_text(json.dumps(
        {"item_dropped_reasons_count/DuplicateItem": 5, "dedup/seen_before": 3, "spam/dropped": 9,
         "finish_reason": "finished"}), encoding="utf-8")
    _, report = inspect_json(feed, capsys)
    assert report["run"]["duplicates_dropped"] == 2 and report["run"]["already_emitted"] == 3
    assert report["run"]["spam_dropped"] == 9 and report["run"]["finish_reason"] == "finished"


def test_several_feeds_are_their_union_and_an_article_in_two_is_a_problem(tmp_path, capsys):
    """A shared crawl's workers' feeds: one report; figures summed; an article on two lines named."""
    first, second = tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"
    write_feed(first, [json.dumps(a, ensure_ascii=False) for a in GOOD[:2]])
    write_feed(second, [json.dumps(GOOD[2], ensure_ascii=False), json.dumps(GOOD[1], ensure_ascii=False)])
    for name, dropped in (("w1", 4), ("w2", 3)):
        (tmp_path / f"{name}.summary.json").write_text(json.dumps({"status": "ok", "exit_code": 0,
                                                                   "duplicates_dropped": dropped}))
    code = main(["inspect", str(first), str(second), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["articles"] == 4 and report["sections"] == {"world-news": 3, "sports": 1}
    assert report["run"]["duplicates_dropped"] == 7 and report["run"]["status"] == "ok"
    assert report["problems"] == [{"file": str(second), "line": 2, "kind": "twice",
                                   "message": f"https://example.org/a2/ is also at {first} line 2"}]
