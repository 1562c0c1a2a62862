"""An in-memory index from 63-bit keys to integer ids, several ids per key, for one run's staged records.

A hash table of rows of ``SLOTS`` slots, in two flat ``array.array`` (tags, ids): a key goes into row
``tag % rows``, or the next row with a free slot when that row is full, where ``tag`` is the key's top 32
bits (lowest bit set, so 0 marks a free slot). A slot is 8 bytes, about 15 bytes per entry at the table's
load (0.43 to 0.65); growing is vectorized with numpy. Lookups and inserts are plain Python over 8-slot
slices: for the 16 LSH buckets of an article, a numpy version (about 15 calls) measured slower than this
loop, numpy's per-call cost being higher than the work for so few keys.

There is no removal, and two keys with the same top 32 bits share a tag: callers check what an id points
to (a lookup may return a few ids of other keys).
"""

from __future__ import annotations

from array import array
from typing import Iterable

import numpy as np

SLOTS = 8
MAX_LOAD = 0.65
GROWTH = 1.5
EMPTY = 0


class KeyIndex:
    def __init__(self, rows: int = 1024):
        self._rows = rows
        self._tags = array("I", bytes(4 * rows * SLOTS))
        self._ids = array("i", bytes(4 * rows * SLOTS))
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def find(self, keys: Iterable[int]) -> list[int]:
        """The ids stored under any of ``keys`` (each once)."""
        tags, ids, size = self._tags, self._ids, self._rows * SLOTS
        found = []
        for key in keys:
            tag = (key >> 31) | 1  # the top 32 bits, odd
            start = tag % self._rows * SLOTS
            while True:
                slots = tags[start : start + SLOTS]
                if tag in slots:
                    found.extend(ids[start + i] for i, other in enumerate(slots) if other == tag)
                if slots[-1] == EMPTY:  # a full row: the key may have spilled into the next one
                    break
                start = (start + SLOTS) % size
        return list(dict.fromkeys(found)) if found else found

    def add(self, keys: Iterable[int], id_: int) -> None:
        """Store ``id_`` under each of ``keys``."""
        keys = list(keys)
        if self._count + len(keys) > MAX_LOAD * self._rows * SLOTS:
            self._grow(self._count + len(keys))
        tags, ids, size = self._tags, self._ids, self._rows * SLOTS
        for key in keys:
            tag = (key >> 31) | 1
            start = tag % self._rows * SLOTS
            while tags[start + SLOTS - 1] != EMPTY:
                start = (start + SLOTS) % size
            slot = tags.index(EMPTY, start)  # slots fill from the left and are never freed
            tags[slot], ids[slot] = tag, id_
        self._count += len(keys)

    def _grow(self, needed: int) -> None:
        """Rebuild in a table ``GROWTH`` times larger, vectorized; the old table is released first."""
        old_tags, old_ids = np.frombuffer(self._tags, np.uint32), np.frombuffer(self._ids, np.int32)
        used = old_tags != EMPTY
        tags, ids = old_tags[used], old_ids[used]
        del old_tags, old_ids, used
        rows = max(int(self._rows * GROWTH), int(needed / (MAX_LOAD * SLOTS)) + 1)
        self._rows, self._tags, self._ids = rows, array("I", [EMPTY]) * (rows * SLOTS), array("i", [0]) * (rows * SLOTS)
        order = np.argsort(tags % rows, kind="stable")
        tags, ids = tags[order], ids[order]
        del order
        row_of = tags % rows
        starts = np.flatnonzero(np.r_[True, row_of[1:] != row_of[:-1]])
        rank = np.arange(len(row_of)) - np.repeat(starts, np.diff(np.r_[starts, len(row_of)]))
        del starts
        direct = rank < SLOTS  # fits in its own row; rows with more entries spill over as in ``add``
        slot = row_of[direct].astype(np.int64) * SLOTS + rank[direct]
        np.frombuffer(self._tags, np.uint32)[slot] = tags[direct]
        np.frombuffer(self._ids, np.int32)[slot] = ids[direct]
        spilled = list(zip(tags[~direct].tolist(), ids[~direct].tolist()))
        self._count = len(tags) - len(spilled)
        del tags, ids, row_of, rank, direct, slot
        for tag, id_ in spilled:
            self.add([tag << 31], id_)
