"""Imports the public labelled comment sets from fetched mirrors into the JSON Lines the spam evaluation reads.

    python datasets/comments/import_public.py [--mirror /work/.mirror]

Every row gets a ``split`` (``tune`` or ``test``) from a hash of the set's name and the row's text (case and
spaces folded), so the split is fixed by this code before any result is looked at, a row keeps its part
when a set is re-imported, and the copies of one text (a bot's, or a chain message) are all in one part. Sets whose licence allows it (CC BY 4.0) are written to ``public/`` and committed; the others
go to ``.cache/`` (git-ignored) and are read from there when present. Sources and licences: README.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree

HERE = Path(__file__).resolve().parent
COMMITTED = HERE / "public"
CACHE = HERE / ".cache"
TEST_SHARE = 0.5

YOUTUBE_REPO = "arshikachauhan+youtube-spam-comment-detector"
YOUTUBE_VIDEOS = ("01-Psy", "02-KatyPerry", "03-LMFAO", "04-Eminem", "05-Shakira")
SMS_REPO = "hamzaaacodes+sms-spam-collection"
ARABIC_TWEETS_REPO = "hananaq+Arabic-Tweet-Classification-MARBERT"
XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def split_of(set_name: str, text: str) -> str:
    """``test`` for a fixed TEST_SHARE of the distinct texts, chosen by a hash (not by order or label)."""
    folded = " ".join(text.lower().split())
    digest = hashlib.sha256(f"{set_name}:{folded}".encode()).digest()
    return "test" if int.from_bytes(digest[:4], "big") < TEST_SHARE * 2**32 else "tune"


def git_show(mirror: Path, repo: str, path: str) -> bytes:
    git_dir = mirror / repo / "repo"
    return subprocess.run(["git", f"--git-dir={git_dir}", "show", f"HEAD:{path}"], check=True, capture_output=True).stdout


def row(set_name: str, row_id: str, text: str, label: str, kind: str, author: str = "") -> dict:
    return {"id": row_id, "text": text, "author": author, "author_url": None, "links": [], "label": label,
            "kind": kind, "set": set_name, "split": split_of(set_name, text)}


def youtube(mirror: Path) -> Iterator[dict]:
    """UCI YouTube Spam Collection: 1,956 comments under five music videos (2013-2015), CLASS 1 = spam."""
    for video in YOUTUBE_VIDEOS:
        text = git_show(mirror, YOUTUBE_REPO, f"data/Youtube{video}.csv").decode("utf-8")
        for record in csv.DictReader(io.StringIO(text)):
            label = "spam" if record["CLASS"].strip() == "1" else "ham"
            name = video.split("-", 1)[1].lower()
            yield row("youtube", record["COMMENT_ID"], record["CONTENT"], label, f"{label}-{name}", record["AUTHOR"])


def sms(mirror: Path) -> Iterator[dict]:
    """UCI SMS Spam Collection v.1: 5,574 English SMS (label TAB text), one per line."""
    lines = git_show(mirror, SMS_REPO, "SMSSpamCollection").decode("utf-8").splitlines()
    for number, line in enumerate(lines):
        label, _, text = line.partition("\t")
        if label in ("ham", "spam"):
            yield row("sms", str(number), text, label, f"{label}-sms")


def arabic_tweets(mirror: Path) -> Iterator[dict]:
    """Arabic spam and ham tweets (``Augmented_SpamHamTweets.xlsx``): column A the tweet, C ``Spam``/``Ham``."""
    workbook = zipfile.ZipFile(io.BytesIO(git_show(mirror, ARABIC_TWEETS_REPO, "Augmented_SpamHamTweets.xlsx")))
    with workbook.open("xl/worksheets/sheet1.xml") as sheet:
        for _, element in ElementTree.iterparse(sheet):
            if element.tag != f"{XLSX_NS}row":
                continue
            cells = {cell.get("r").rstrip("0123456789"): "".join(cell.itertext()) for cell in element}
            number = element.get("r")
            element.clear()
            label = cells.get("C", "").strip().lower()
            if label in ("spam", "ham") and cells.get("A", "").strip():
                yield row("arabic_tweets", number, cells["A"], label, f"{label}-tweet-ar")


SETS = {  # name -> (reader, committed: the licence allows keeping the rows in the repository)
    "youtube": (youtube, True),
    "sms": (sms, True),
    "arabic_tweets": (arabic_tweets, False),
}


def write(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for record in rows:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    for name, (reader, committed) in SETS.items():
        try:
            rows = list(reader(args.mirror))
        except (subprocess.CalledProcessError, FileNotFoundError) as error:
            print(f"{name}: not imported, its mirror is missing ({error})", file=sys.stderr)
            continue
        path = (COMMITTED if committed else CACHE) / f"{name}.jsonl"
        write(path, rows)
        tests = sum(r["split"] == "test" for r in rows)
        print(f"{name}: {len(rows)} rows ({tests} test) -> {path.relative_to(HERE)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
