"""Save replica pages for the profile checks (``tests/test_profiles.py``), byte for byte as served, with the fields expected of them taken from the replica
generator's ground truth (``newsbot.replica.write_truth``), not from newsbot's extraction.

    .venv/bin/python tests/data/sites/save_replica_pages.py
"""

import json
import tempfile
from pathlib import Path

from newsbot.replica import Replica, Site, write_truth

BASE = "http://127.0.0.1:8765"
FIELDS = ("url", "canonical_url", "title", "published", "modified", "authors", "section_name", "tags", "body",
          "images", "source_url", "related_urls", "language")  # comments: see the crawl tests
SITES = {"world_news": ("tagdiv", "world-news"), "plain_news": ("plain", "world-news"),
         "world_news_js": ("tagdiv", "world-js")}
HERE = Path(__file__).parent


def main() -> None:
    site = Site(articles=60, seed=7)
    truth_dir = write_truth(site, tempfile.mkdtemp(), BASE)
    truth = [json.loads(line) for line in (truth_dir / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    for name, (theme, section) in SITES.items():
        replica = Replica(site, theme=theme, base_url=BASE)
        wanted = [t for t in truth if t["section"] == section and not t.get("trap")]
        # one with comments, images and tags; one trap page of each kind a parser meets (the script-built
        # section has none: its comments come from a script, so they are not among the fields checked)
        chosen = [next(t for t in wanted if t["comments"] and t["images"] and t["tags"])]
        if section == "world-news":
            chosen += [next(t for t in truth if t.get("trap") == trap) for trap in ("malformed", "windows-1256")]
        folder = HERE / name
        folder.mkdir(exist_ok=True)
        for number, expected in enumerate(chosen, 1):
            status, headers, body = replica.respond("GET", expected["url"][len(BASE):], {})
            assert status == 200
            stem = f"{number}-{expected.get('trap') or 'article'}"
            (folder / f"{stem}.html").write_bytes(body)  # as served: the windows-1256 page in windows-1256
            (folder / f"{stem}.json").write_text(
                json.dumps({f: expected[f] for f in FIELDS}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
