"""``newsbot demo``: the README's first command, on a small replica."""

from __future__ import annotations

import subprocess
import sys

from crawling import ROOT, read_jsonl


def test_demo_writes_every_unique_world_news_article(tmp_path):
    output = tmp_path / "demo.jsonl"
    process = subprocess.run([sys.executable, "-m", "newsbot.cli", "demo", "--articles", "60", "--output", str(output)],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stderr[-3000:]
    items = read_jsonl(output)
    assert f"{len(items)} articles written to {output}" in process.stdout
    # 60 posts, of which every 20th + 7 is an exact copy and every 20th + 13 a rewrite: 54 unique stories,
    # one rewrite may escape the near-duplicate threshold
    assert 54 <= len(items) <= 57
    assert all(item["section"] == "world-news" for item in items)
    text = output.read_text(encoding="utf-8")
    assert "اخبار العالم" in text and "\\u06" not in text  # UTF-8, Arabic unescaped
