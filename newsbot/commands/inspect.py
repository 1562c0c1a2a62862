"""Summarize JSON Lines output files: counts, dates, sections, authors, field completeness, problems.

``newsbot inspect FILE.jsonl… [--json] [--problems N] [--top N]`` reads the files line by line (several
files, e.g. the feeds of every worker of a shared crawl, are reported as their union) and reports
the number of articles, the date range of ``published``, the sections, the top authors, the share of
articles with each schema field set, what the run dropped (duplicates, spam comments, invalid items: from
the ``.summary.json``, ``.stats.json`` and ``.spam.jsonl`` files beside it, when present) and the first
problems: lines that are not JSON objects, articles failing ``newsbot/schema/article.json``, and an article
(its canonical URL) on two lines of the files. Over several files, the run figures are summed.

Exit code: 0 when no problem was found, 1 when some were, 2 when the file cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from jsonschema import Draft202012Validator

from newsbot.runfiles import sidecar_for
from newsbot.runner.figures import RunFigures

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "article.json"
# what the run dropped, read from the summary (or, without one, the stats) beside the feed
RUN_FIELDS = ("status", "exit_code", "finish_reason", "duplicates_dropped", "already_emitted", "spam_dropped",
              "invalid_dropped")


def add_arguments(parser) -> None:
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE.jsonl",
                        help="a feed written by newsbot (several: their union, e.g. a shared crawl's workers' feeds)")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--problems", type=int, default=10, metavar="N", help="problems listed at most (10)")
    parser.add_argument("--top", type=int, default=10, metavar="N", help="authors and sections listed (10)")


def is_set(value) -> bool:
    return isinstance(value, bool) or value not in (None, "", [], {})


def _instant(value) -> datetime | None:
    try:
        instant = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return instant if instant.tzinfo else None  # naive dates cannot be ordered with aware ones


class Report:
    def __init__(self, schema: dict, max_problems: int):
        self.validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
        self.fields = list(schema["properties"])
        self.max_problems = max_problems
        self.count = 0
        self.lines = 0
        self.problem_count = 0
        self.problems: list[dict] = []
        self.field_counts: Counter[str] = Counter()
        self.sections: Counter[str] = Counter()
        self.authors: Counter[str] = Counter()
        self.published: list[datetime] = []
        self.where: dict[str, str] = {}  # canonical URL -> where it was first met ("file line N")
        self.file = ""  # the file being read

    def problem(self, line: int, kind: str, message: str) -> None:
        self.problem_count += 1
        if len(self.problems) < self.max_problems:
            self.problems.append({"file": self.file, "line": line, "kind": kind, "message": message})

    def add_line(self, number: int, text: str) -> None:
        self.lines += 1
        try:
            article = json.loads(text)
        except ValueError as error:
            self.problem(number, "invalid JSON", str(error))
            return
        if not isinstance(article, dict):
            self.problem(number, "not an object", f"a JSON {type(article).__name__}")
            return
        self.add_article(number, article)

    def add_article(self, number: int, article: dict) -> None:
        self.count += 1
        url = article.get("canonical_url")
        if isinstance(url, str):
            if url in self.where:
                self.problem(number, "twice", f"{url} is also at {self.where[url]}")
            else:
                self.where[url] = f"{self.file} line {number}"
        for error in self.validator.iter_errors(article):
            where = ".".join(map(str, error.absolute_path)) or "(article)"
            self.problem(number, "schema", f"{article.get('url', '?')}: {where}: {error.message}")
        self.field_counts.update(name for name in self.fields if is_set(article.get(name)))
        if article.get("section"):
            self.sections[article["section"]] += 1
        authors = article.get("authors")
        if isinstance(authors, list):
            self.authors.update(a for a in authors if isinstance(a, str))
        instant = _instant(article.get("published"))
        if instant:
            self.published.append(instant)

    def as_dict(self, top: int) -> dict:
        return {
            "articles": self.count,
            "lines": self.lines,
            "published": {"first": min(self.published).isoformat() if self.published else None,
                          "last": max(self.published).isoformat() if self.published else None,
                          "articles_with_date": len(self.published)},
            "sections": dict(self.sections.most_common(top)),
            "top_authors": dict(self.authors.most_common(top)),
            "completeness": {name: round(self.field_counts[name] / self.count, 4) if self.count else 0.0
                             for name in self.fields},
            "problem_count": self.problem_count,
            "problems": self.problems,
        }


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def run_figures(feed: Path) -> dict:
    """What the run that wrote ``feed`` dropped, from the files beside it; an empty dict without them."""
    figures = {}
    stats = read_json(sidecar_for(feed, ".stats.json")) or {}
    summary = read_json(sidecar_for(feed, ".summary.json")) or {}
    if stats:
        from_stats = asdict(RunFigures.from_stats(stats))
        figures.update({key: from_stats[key] for key in RUN_FIELDS if key in from_stats})
    figures.update({key: summary[key] for key in RUN_FIELDS if key in summary})
    spam = sidecar_for(feed, ".spam.jsonl")
    if spam.exists():
        with spam.open(encoding="utf-8") as lines:
            figures["spam_quarantined"] = sum(1 for line in lines if line.strip())
    return figures


def summed_figures(figures: list[dict]) -> dict:
    """The run figures of several feeds as one: counts summed, other values listed once each."""
    if len(figures) == 1:
        return figures[0]
    combined = {}
    for key in dict.fromkeys(key for one in figures for key in one):
        values = [one[key] for one in figures if key in one]
        numbers = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        combined[key] = (sum(values) if numbers and key != "exit_code"
                         else max(values) if numbers else ",".join(sorted(set(map(str, values)))))
    return combined


def inspect_files(paths: list[Path], max_problems: int = 10, top: int = 10) -> dict:
    report = Report(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")), max_problems)
    for path in paths:
        report.file = str(path)
        with path.open(encoding="utf-8", errors="replace") as lines:
            for number, text in enumerate(lines, start=1):
                if text.strip():
                    report.add_line(number, text)
    figures = [one for one in map(run_figures, paths) if one]
    return {"file": ", ".join(map(str, paths)), **report.as_dict(top),
            "run": summed_figures(figures) if figures else {}}


def inspect_file(path: Path, max_problems: int = 10, top: int = 10) -> dict:
    return inspect_files([path], max_problems, top)


def format_report(report: dict) -> str:
    published = report["published"]
    lines = [f"{report['file']}: {report['articles']} articles"
             + (f" ({report['lines']} lines)" if report["lines"] != report["articles"] else ""),
             f"  published: {published['first'] or '?'} … {published['last'] or '?'} "
             f"({published['articles_with_date']} dated)"]
    if report["sections"]:
        lines.append("  sections: " + ", ".join(f"{name} {n}" for name, n in report["sections"].items()))
    if report["top_authors"]:
        lines.append("  top authors: " + ", ".join(f"{name} {n}" for name, n in report["top_authors"].items()))
    lines.append("  fields set: " + ", ".join(f"{name} {share:.0%}" for name, share in report["completeness"].items()))
    if report["run"]:
        lines.append("  run: " + ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in report["run"].items()))
    if report["problem_count"]:
        lines.append(f"  problems: {report['problem_count']}" + (
            f" (first {len(report['problems'])})" if report["problem_count"] > len(report["problems"]) else ""))
        lines += [f"    {p['file'] + ' ' if ', ' in report['file'] else ''}line {p['line']}: {p['kind']}: {p['message']}"
                  for p in report["problems"]]
    else:
        lines.append("  problems: none")
    return "\n".join(lines)


def run(args) -> int:
    try:
        report = inspect_files(args.files, args.problems, args.top)
    except OSError as error:
        print(f"newsbot inspect: cannot read {error.filename}: {error.strerror}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(format_report(report))
    return 1 if report["problem_count"] else 0
