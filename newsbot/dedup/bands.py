"""The LSH band layout for a similarity threshold: how many bands of how many rows a MinHash is cut into.

The layout is the one ``datasketch.MinHashLSH`` chooses (equal weights on false positives and false
negatives): of every ``bands x rows <= num_perm``, the one that minimizes the area under the probability
that two texts share a bucket below the threshold, plus the area over the probability that they do not
above it. Computed here without scipy (which datasketch imports for its numerical integration, 0.6 s of a
crawl's start): ``1 - (1 - s**rows)**bands`` is a polynomial of degree ``bands * rows``, so Gauss-Legendre
quadrature with enough nodes integrates it exactly.
"""

from __future__ import annotations

from functools import cache

import numpy as np


def _nodes(low: float, high: float, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes and weights on ``[low, high]``: exact for polynomials of degree < 2 * count."""
    nodes, weights = np.polynomial.legendre.leggauss(count)
    half = (high - low) / 2
    return low + half * (nodes + 1), half * weights


@cache
def band_layout(threshold: float, num_perm: int) -> tuple[int, int]:
    """``(bands, rows)`` for near duplicates from ``threshold`` with ``num_perm`` MinHash values."""
    count = num_perm // 2 + 1
    below, below_weights = _nodes(0.0, threshold, count)
    above, above_weights = _nodes(threshold, 1.0, count)
    best, best_error = (0, 0), float("inf")
    for bands in range(1, num_perm + 1):
        for rows in range(1, num_perm // bands + 1):
            false_positive = below_weights @ (1 - (1 - below ** rows) ** bands)
            false_negative = above_weights @ ((1 - above ** rows) ** bands)
            error = 0.5 * false_positive + 0.5 * false_negative
            if error < best_error:
                best, best_error = (bands, rows), error
    return best
