"""Score comments for spam: JSON Lines from FILE (or stdin) back on stdout with spam, score and reasons.

Each line is a JSON object with ``text`` and optionally ``author``, ``author_url``, ``links`` (a list) and
``article_url`` (for the "same text on several articles" signal, over the whole input as over a crawl).
The filter and its settings are the crawl's (``newsbot.spam``; change one with ``-s NAME=VALUE``). A bad
line is reported on stderr with its number and skipped; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from typing import Iterable, TextIO

from scrapy.utils.project import get_project_settings

from newsbot.spam import SpamFilter

OPTIONAL_STRINGS = ("author", "author_url", "article_url")


def add_arguments(parser) -> None:
    parser.add_argument("file", nargs="?", type=argparse.FileType("r", encoding="utf-8"), metavar="FILE",
                        help="JSON Lines of comments (default: stdin)")
    parser.add_argument("--language", default="ar", help="the articles' language (default: ar)")
    parser.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                        help="override a setting, e.g. -s SPAM_THRESHOLD=1.5 (value read as JSON if it parses)")


def comment_of(line: str) -> dict:
    """The comment on one input line; ValueError saying what is wrong with it."""
    try:
        comment = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(comment, dict):
        raise ValueError(f"expected a JSON object, got {type(comment).__name__}")
    if not isinstance(comment.get("text"), str):
        raise ValueError('"text" is missing or not a string')
    for name in OPTIONAL_STRINGS:
        if comment.get(name) is not None and not isinstance(comment[name], str):
            raise ValueError(f'"{name}" is not a string')
    links = comment.get("links")
    if links is not None and not (isinstance(links, list) and all(isinstance(link, str) for link in links)):
        raise ValueError('"links" is not a list of strings')
    return comment


def parse_override(text: str) -> tuple[str, object]:
    name, sep, value = text.partition("=")
    if not sep or not name:
        raise SystemExit(f"newsbot spam-check: -s expects NAME=VALUE, got {text!r}")
    try:
        return name, json.loads(value)
    except json.JSONDecodeError:
        return name, value


def check(lines: Iterable[str], spam_filter: SpamFilter, language: str, out: TextIO, err: TextIO, name: str) -> int:
    """Writes each comment back with its verdict; returns how many lines were bad."""
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            comment = comment_of(line)
        except ValueError as error:
            print(f"{name}:{number}: {error}", file=err)
            bad += 1
            continue
        verdict = spam_filter.score(comment, article_language=language, article_url=comment.get("article_url"))
        row = {**comment, "spam": verdict.spam, "score": verdict.score, "reasons": verdict.reasons}
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return bad


def run(args) -> int:
    settings = get_project_settings()
    for override in args.set:
        settings.set(*parse_override(override), priority="cmdline")
    source = args.file or io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    name = "<stdin>" if args.file is None else args.file.name
    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", write_through=True)
    with source:
        bad = check(source, SpamFilter.from_settings(settings), args.language, out, sys.stderr, name)
    out.detach()
    return 1 if bad else 0
