"""Read the public extraction corpora from local bare git mirrors into a cache outside git.

    .venv/bin/python datasets/extraction/fetch_corpora.py [--mirror /work/.mirror] [--cache DIR]

Each corpus becomes ``<cache>/<corpus>/truth.jsonl`` (one page a line: ``id``, ``url``, ``body``, and where the
corpus labels them ``title``, ``published``, ``authors``, ``language``) and ``<cache>/<corpus>/pages/<id>.html``
(the page's bytes as the corpus stores them, gunzipped). The pages belong to their publishers, so they are
kept out of the repository (see the README). The cache is ``NEWSBOT_CORPUS_CACHE``, else
``~/.cache/newsbot/extraction``; a mirror is a bare repository at ``<mirror>/<owner>+<name>/repo`` (what
``git clone --mirror`` of the repository gives, renamed). A corpus whose mirror is absent is skipped and said so.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

DEFAULT_MIRROR = Path("/work/.mirror")
FUNDUS_DATA = "tests/resources/parser/test_data"
# fundus' parser versions are named V1, V1_1, V2…; each test page is the one saved for one version
VERSION = re.compile(r"V(\d+)(?:_(\d+))?")


def default_cache() -> Path:
    return Path(os.environ.get("NEWSBOT_CORPUS_CACHE") or Path.home() / ".cache" / "newsbot" / "extraction")


class Mirror:
    """Read-only access to one bare git repository (its ``HEAD`` tree)."""

    def __init__(self, git_dir: Path):
        self.git_dir = git_dir

    def _git(self, *args: str) -> bytes:
        return subprocess.run(["git", "--git-dir", str(self.git_dir), *args], check=True, capture_output=True).stdout

    def commit(self) -> str:
        return self._git("rev-parse", "HEAD").decode().strip()

    def files(self, under: str) -> list[str]:
        return self._git("ls-tree", "-r", "--name-only", "-z", "HEAD", under).decode().split("\0")[:-1]

    def read(self, path: str) -> bytes:
        return self._git("show", f"HEAD:{path}")


# -- fundus ----------------------------------------------------------------------------------------------------
def fundus_body(expected: dict) -> str:
    """An expected fundus body as text: the summary, then each section's headline and paragraphs."""
    body = expected.get("body") or {}
    parts = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts += [*(section.get("headline") or []), *(section.get("paragraphs") or [])]
    return "\n\n".join(part.strip() for part in parts if part and part.strip())


def _version_key(name: str) -> tuple[int, int]:
    match = VERSION.fullmatch(name)
    return (int(match[1]), int(match[2] or 0)) if match else (0, 0)


def fundus_records(mirror: Mirror) -> Iterator[tuple[dict, bytes]]:
    """One record per (publisher, parser version) with a saved page: fundus pairs pages with versions by
    crawl date, so the publisher's pages in date order go with its versions in order (when there are as many
    of each), else its newest page with its newest version."""
    paths = mirror.files(FUNDUS_DATA)
    for meta_path in (p for p in paths if p.endswith("/meta.info")):
        country = PurePosixPath(meta_path).parent
        meta = json.loads(mirror.read(meta_path))
        pages_of: dict[str, list[str]] = {}
        for page in sorted(meta):
            pages_of.setdefault(page.rsplit("_", 3)[0], []).append(page)
        for publisher, pages in sorted(pages_of.items()):
            expected_path = f"{country}/{publisher}.json"
            if expected_path not in paths:
                continue
            versions = json.loads(mirror.read(expected_path))
            names = sorted(versions, key=_version_key)
            pairs = list(zip(pages, names)) if len(pages) == len(names) else [(pages[-1], names[-1])]
            for page, version in pairs:
                expected = versions[version]
                body = fundus_body(expected)
                if not body:
                    continue
                record = {
                    "id": f"{country.name}-{page.removesuffix('.html.gz')}",
                    "url": meta[page]["url"],
                    "body": body,
                    "title": expected.get("title"),
                    "published": expected.get("publishing_date"),
                    "authors": expected.get("authors") or [],
                    "source": f"flairNLP/fundus@{mirror.commit()[:12]} {country}/{page} ({version})",
                }
                yield record, gzip.decompress(mirror.read(f"{country}/{page}"))


# -- Zyte's article-extraction-benchmark ------------------------------------------------------------------------
def zyte_records(mirror: Mirror) -> Iterator[tuple[dict, bytes]]:
    truth = json.loads(mirror.read("ground-truth.json"))
    commit = mirror.commit()[:12]
    for key, expected in sorted(truth.items()):
        record = {"id": key[:16], "url": expected["url"], "body": expected.get("articleBody") or "",
                  "source": f"scrapinghub/article-extraction-benchmark@{commit} html/{key}.html.gz"}
        yield record, gzip.decompress(mirror.read(f"html/{key}.html.gz"))


CORPORA: dict[str, tuple[str, Callable[[Mirror], Iterator[tuple[dict, bytes]]]]] = {
    "fundus": ("flairNLP+fundus", fundus_records),
    "zyte": ("scrapinghub+article-extraction-benchmark", zyte_records),
}


def write_corpus(records: Iterator[tuple[dict, bytes]], directory: Path) -> int:
    (directory / "pages").mkdir(parents=True, exist_ok=True)
    count = 0
    with (directory / "truth.jsonl").open("w", encoding="utf-8") as truth:
        for record, page in records:
            (directory / "pages" / f"{record['id']}.html").write_bytes(page)
            truth.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR, help="where the bare mirrors are")
    parser.add_argument("--cache", type=Path, default=default_cache(), help="where the corpora go")
    args = parser.parse_args()
    missing = 0
    for name, (mirror_name, records) in CORPORA.items():
        git_dir = args.mirror / mirror_name / "repo"
        if not git_dir.is_dir():
            print(f"{name}: no mirror at {git_dir}: skipped", file=sys.stderr)
            missing += 1
            continue
        count = write_corpus(records(Mirror(git_dir)), args.cache / name)
        print(f"{name}: {count} pages in {args.cache / name}")
    return 1 if missing == len(CORPORA) else 0


if __name__ == "__main__":
    sys.exit(main())
