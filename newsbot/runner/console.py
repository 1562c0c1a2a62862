"""What a run shows on the terminal (stderr); everything else goes to the log file.

- Warnings and errors, one line each (an exception shortened to its type and message), as they happen;
  Spidermon's own report and Python warnings are left to the log (the summary names the failed checks).
- On a TTY, a live progress line (pages, items, items per minute, elapsed time), redrawn in place.
- Quiet mode (the default when stderr is not a TTY, i.e. under cron): warnings are held back (the last
  ``HELD_WARNINGS``) and shown with the summary only if the run fails, so a good run prints nothing and
  cron mails only about bad ones.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import TextIO

from scrapy import signals

HELD_WARNINGS = 30
PROGRESS_INTERVAL = 0.5  # seconds between redraws of the progress line
CLEAR_LINE = "\r\x1b[K"


class Terminal:
    def __init__(self, stream: TextIO, hold_warnings: bool):
        self.stream = stream
        self.hold_warnings = hold_warnings
        self.held: deque[str] = deque(maxlen=HELD_WARNINGS)
        self.warnings = 0
        self.progress_shown = False

    def write(self, text: str) -> None:
        self.clear_progress()
        self.stream.write(text if text.endswith("\n") else text + "\n")
        self.stream.flush()

    def warning(self, line: str) -> None:
        self.warnings += 1
        if self.hold_warnings:
            self.held.append(line)
        else:
            self.write(line)

    def release_warnings(self) -> None:
        """Print the warnings held back (quiet mode), saying how many were left out."""
        left_out = self.warnings - len(self.held)
        if left_out > 0:
            self.write(f"… {left_out} earlier warnings, see the log")
        for line in self.held:
            self.write(line)
        self.held.clear()

    def show_progress(self, line: str) -> None:
        self.stream.write(CLEAR_LINE + line)
        self.stream.flush()
        self.progress_shown = True

    def clear_progress(self) -> None:
        if self.progress_shown:
            self.stream.write(CLEAR_LINE)
            self.progress_shown = False


def _shown_on_terminal(record: logging.LogRecord) -> bool:
    """Spidermon's report and Python warnings (deprecations) stay in the log file."""
    return not (record.name == "py.warnings" or str(record.msg).startswith("[Spidermon]"))


class OneLineFormatter(logging.Formatter):
    """The first line of the message (a dropped item's message is followed by the whole item), and of an
    exception only its last line."""

    def format(self, record: logging.LogRecord) -> str:
        first_line = next(iter(record.getMessage().strip().splitlines()), "")
        line = f"{record.levelname} {record.name}: {first_line}"
        if record.exc_info and record.exc_info[1] is not None:
            line += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]})"
        return line


class TerminalWarnings(logging.Handler):
    """A root logging handler: WARNING and above, one line each, to the terminal."""

    def __init__(self, terminal: Terminal):
        super().__init__(logging.WARNING)
        self.terminal = terminal
        self.setFormatter(OneLineFormatter())
        self.addFilter(_shown_on_terminal)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.terminal.warning(self.format(record))
        except Exception:
            self.handleError(record)


class ProgressLine:
    """Redraws the progress line on the crawler's signals, at most every ``PROGRESS_INTERVAL`` seconds."""

    def __init__(self, crawler, terminal: Terminal):
        self.crawler = crawler
        self.terminal = terminal
        self.started = time.monotonic()
        self.drawn = 0.0
        crawler.signals.connect(self.open, signal=signals.spider_opened)
        crawler.signals.connect(self.update, signal=signals.response_received)
        crawler.signals.connect(self.update, signal=signals.item_scraped)
        crawler.signals.connect(self.close, signal=signals.spider_closed)

    def line(self) -> str:
        stats = self.crawler.stats
        elapsed = time.monotonic() - self.started
        items = stats.get_value("item_scraped_count", 0)
        rate = items * 60 / elapsed if elapsed > 0 else 0.0
        minutes, seconds = divmod(int(elapsed), 60)
        return (f"{self.crawler.spidercls.name}: {stats.get_value('response_received_count', 0)} pages, "
                f"{items} items, {rate:.0f}/min, {minutes // 60}:{minutes % 60:02d}:{seconds:02d}")

    def open(self, *args, **kwargs) -> None:
        self.started = time.monotonic()

    def update(self, *args, **kwargs) -> None:
        now = time.monotonic()
        if now - self.drawn >= PROGRESS_INTERVAL:
            self.drawn = now
            self.terminal.show_progress(self.line())

    def close(self, *args, **kwargs) -> None:
        self.terminal.clear_progress()
