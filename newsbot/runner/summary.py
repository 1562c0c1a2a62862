"""The run summary: a few lines on stderr at the end of ``newsbot crawl``, and the same as JSON beside the
feed (``newsbot.runfiles.sidecar_path(crawler, ".summary.json")``) for scripts and ``newsbot inspect``.

JSON fields: ``spider``, ``status`` (``ok``/``failed``), ``exit_code``, ``exit_meaning``, ``checks_failed``
(``[{"check", "exit_code", "reason"}]``), ``feed``, ``log``, ``started``, ``finished``, ``error_rate``,
``pages``, ``new_articles``, ``frontier`` (a shared crawl only: ``site``, ``run``, ``worker``, ``slot``,
``workers_joined``, ``workers``: what each worker did, in the last worker's summary, else null), ``coverage`` (``newsbot.extensions.run_coverage``: ``complete``, ``expected``,
``reached``, ``unit``, ``missed``, ``reasons``) and every field of ``newsbot.runner.figures.RunFigures``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from newsbot.runner.exit_codes import ExitCode
from newsbot.runner.figures import RunFigures


def _iso(value) -> str | None:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else None


def build_summary(spider: str, stats: dict, exit_code: ExitCode, checks_failed: list[dict],
                  feed: Path | None, log: Path | None) -> dict:
    figures = RunFigures.from_stats(stats)
    return {
        "spider": spider,
        "status": "ok" if exit_code == ExitCode.OK else "failed",
        "exit_code": int(exit_code),
        "exit_meaning": exit_code.name.lower().replace("_", " "),
        "checks_failed": checks_failed,
        "feed": str(feed) if feed else None,
        "log": str(log) if log else None,
        "started": _iso(stats.get("start_time")),
        "finished": _iso(stats.get("finish_time")),
        **asdict(figures),
        "pages_total": figures.pages_total,
        "new_articles": figures.new_articles,
        "error_rate": round(figures.error_rate, 4),
        "coverage": stats.get("newsbot/coverage"),
    }


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes // 60}:{minutes % 60:02d}:{secs:02d}"


def shared_run_lines(frontier: dict) -> list[str]:
    """A shared crawl's lines: this worker, how many joined and (from the last to leave) what each did."""
    lines = [f"  shared run {frontier['run']} of {frontier['site']}: worker {frontier['worker']}, "
             f"{frontier['workers_joined']} workers joined"]
    for name, done in sorted((frontier.get("workers") or {}).items()):
        lines.append(f"    {name}: {done['items_written']} articles, {done['pages_total']} pages, exit {done['exit_code']}"
                     + (f", {done['requeued']} requests of lost workers re-queued" if done.get("requeued") else ""))
    return lines


def format_summary(summary: dict) -> str:
    s = summary
    outcome = "OK" if s["status"] == "ok" else f"FAILED, exit {s['exit_code']} ({s['exit_meaning']})"
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(s["pages"].items(), key=lambda kv: -kv[1]))
    lines = [
        f"newsbot crawl {s['spider']}: {outcome} in {_duration(s['duration_seconds'])} "
        f"(finish reason: {s['finish_reason']})",
        *(f"  ✗ {c['check']}: {c['reason']}" for c in s["checks_failed"]),
        f"  pages {s['pages_total']}" + (f" ({kinds})" if kinds else "")
        + f", {s['responses']} responses, failed requests {s['failed_requests']} ({s['error_rate']:.1%})",
        f"  articles written {s['items_written']}: {s['new_articles']} new, {s['updates']} updates; dropped: "
        f"{s['duplicates_dropped']} duplicates, {s['already_emitted']} already emitted, "
        f"{s['invalid_dropped']} invalid; {s['spam_dropped']} spam comments removed",
        f"  errors: {s['spider_errors']} spider errors, {s['error_log_lines']} ERROR log lines",
    ]
    if s["coverage"]:
        c = s["coverage"]
        lines.append(f"  coverage: {'complete' if c['complete'] else 'INCOMPLETE'}, {c['reached']} of "
                     f"{c['expected'] if c['expected'] is not None else '?'} {c['unit']} reached"
                     + "".join(f"\n    - {reason}" for reason in c["reasons"]))
    if s.get("frontier"):
        lines += shared_run_lines(s["frontier"])
    if s["feed"]:
        lines.append(f"  feed {s['feed']}")
    if s["log"]:
        lines.append(f"  log  {s['log']}")
    return "\n".join(lines)


def write_summary(summary: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    temporary.replace(path)
