"""A replica in a process of its own for the benchmarks, so that its serving does not share the crawler's
interpreter: ``start_replica`` returns the process and its base URL once it serves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def start_replica(articles: int, truth: Path, latency: float = 0.0) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "newsbot.cli", "replica", "--articles", str(articles),
                                "--truth", str(truth), "--slow-delay", "0", "--latency", str(latency)],
                               stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    if not line.startswith("serving "):
        process.kill()
        raise SystemExit(f"the replica did not start: {line!r}")
    return process, line.split()[1].rstrip("/")
