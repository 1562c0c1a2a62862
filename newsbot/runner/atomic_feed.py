"""Feed storage for local files that never leaves a half-written file at the feed's name.

Items are written to ``<feed>.partial``; when Scrapy stores the feed (the spider closed, whatever the
reason) the file is flushed to disk and renamed over ``<feed>`` in one step (``os.replace``). A killed run
leaves only its ``.partial`` file. With ``-o`` (append) the existing feed is copied to ``.partial`` first, so
the file at the feed's name stays whole until the new one replaces it. The file is unbuffered: each line
reaches the OS when the exporter writes it, so an item that went to the feed survives a SIGKILL of the
process (a shared crawl counts a request done once its items are written, ``newsbot.frontier.worker``). ``path`` is the final name, so side
files and other components (``newsbot.extensions.emitted_commit``) see the feed where it ends up.

Enable it for plain paths and ``file://`` URIs:
``FEED_STORAGES = {"": "newsbot.runner.atomic_feed.AtomicFileFeedStorage", "file": <same>}``, as
``newsbot.settings`` does, so ``scrapy crawl`` and ``newsbot crawl`` both write feeds this way.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import IO

from scrapy.extensions.feedexport import FileFeedStorage

PARTIAL_SUFFIX = ".partial"


def partial_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(path.name + PARTIAL_SUFFIX)


class AtomicFileFeedStorage(FileFeedStorage):
    def open(self, spider) -> IO[bytes]:
        final, partial = Path(self.path), partial_path(self.path)
        final.parent.mkdir(parents=True, exist_ok=True)
        if self.write_mode == "ab" and final.exists():
            shutil.copyfile(final, partial)
            return partial.open("ab", buffering=0)
        return partial.open("wb", buffering=0)

    def store(self, file: IO[bytes]) -> None:
        file.flush()
        os.fsync(file.fileno())
        file.close()
        os.replace(partial_path(self.path), self.path)
