"""Scrapy's downloader with each download slot's concurrency held under the asyncio reactor.

Scrapy 2.19's ``Downloader._process_queue`` starts a slot's queued requests while the slot has free transfer
places, but a request joins ``slot.transferring`` only when its download task first runs, after that loop:
a burst of queued requests all start at once, and ``CONCURRENT_REQUESTS_PER_DOMAIN`` (or a ``DOWNLOAD_SLOTS``
concurrency) is not held (measured: 16 requests open at once at one host whose limit was 2). Here a request
joins ``transferring`` as it leaves the slot's queue; ``Downloader._download`` adds it again (a set) and
removes it when done, as before.
"""

from __future__ import annotations

from collections import deque

from scrapy.core.downloader import Downloader, Slot


class TransferOnPop(deque):
    """A slot's queue of ``(request, deferred)`` whose taken requests count as transferring at once."""

    def __init__(self, slot: Slot, queued=()):
        super().__init__(queued)
        self.slot = slot

    def popleft(self):
        request, queue_dfd = super().popleft()
        self.slot.transferring.add(request)
        return request, queue_dfd


class SlotBoundDownloader(Downloader):
    def _get_slot(self, request, spider=None):
        key, slot = super()._get_slot(request)
        if not isinstance(slot.queue, TransferOnPop):
            slot.queue = TransferOnPop(slot, slot.queue)
        return key, slot
