"""What the store indexes an article's text by: an exact content fingerprint and a MinHash signature.

- :func:`normalized_words`: NFKC, casefold, Arabic diacritics (combining marks) and tatweel removed,
  punctuation and symbols turned into spaces, whitespace folded.
- :func:`content_fingerprint`: a BLAKE2b hash of those words; equal for bodies that differ only in
  punctuation, case, spacing or diacritics.
- :class:`NearDuplicateSigner`: a MinHash over word shingles and its LSH band buckets. The signature is
  bit for bit ``datasketch.MinHash`` (its default ``affine32`` scheme, its permutation parameters for the
  seed) updated with the shingle hashes, computed here in one numpy pass over all permutations instead of
  through ``update_batch`` (which converts every hash through Python). The band layout (bands x rows) is
  the one ``datasketch.MinHashLSH`` chooses for the threshold; the buckets are plain integers so the store
  can index them. Word hashes are CRC-32 (stable across processes, unlike ``hash()``), cached per word,
  combined into shingle hashes with numpy.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np
from datasketch import MinHash, MinHashLSH

_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060\ufeff]")
_WORD = re.compile(r"[^\W_]+")
_WORD_OR_UNDERSCORE = re.compile(r"\w+")  # the same runs when the text has no "_", and faster
_SHINGLE_MIX = np.uint32(0x01000193)  # the FNV prime: mixes word hashes into a shingle hash
_WORD_CACHE_LIMIT = 500_000
SIGNATURE_DTYPE = np.dtype("<u4")


def normalized_words(text: str) -> list[str]:
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _MARKS.sub("", text.casefold())
    return (_WORD if "_" in text else _WORD_OR_UNDERSCORE).findall(text)


def content_fingerprint(words: list[str]) -> str:
    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer, as datasketch applies it to input hashes before its permutations."""
    hashes = hashes ^ (hashes >> np.uint32(16))
    hashes *= np.uint32(0x85EBCA6B)
    hashes ^= hashes >> np.uint32(13)
    hashes *= np.uint32(0xC2B2AE35)
    hashes ^= hashes >> np.uint32(16)
    return hashes


class NearDuplicateSigner:
    """MinHash signatures of word shingles, their LSH buckets, and the similarity of two signatures."""

    def __init__(self, threshold: float, num_perm: int = 64, shingle_words: int = 3, seed: int = 1):
        self.threshold = threshold
        self.shingle_words = shingle_words
        self.bands = MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges
        multipliers, increments = MinHash(num_perm=num_perm, seed=seed).permutations  # scheme affine32
        self._multipliers = multipliers.astype(np.uint32)[:, np.newaxis]
        self._increments = increments.astype(np.uint32)[:, np.newaxis]
        self._word_hashes: dict[str, int] = {}

    def _word_hashes_of(self, words: list[str]) -> list[int]:
        cache = self._word_hashes
        try:
            return list(map(cache.__getitem__, words))  # most words are cached: one C-level pass
        except KeyError:
            if len(cache) >= _WORD_CACHE_LIMIT:
                cache.clear()
            cache.update((word, zlib.crc32(word.encode())) for word in set(words).difference(cache))
            return list(map(cache.__getitem__, words))

    def shingle_hashes(self, words: list[str]) -> np.ndarray:
        hashes = np.array(self._word_hashes_of(words), dtype=np.uint32)
        count = max(len(words) - self.shingle_words + 1, 1)
        shingles = hashes[:count].copy()
        for offset in range(1, min(self.shingle_words, len(words))):
            shingles = shingles * _SHINGLE_MIX ^ hashes[offset : offset + count]
        return shingles

    def signature(self, words: list[str]) -> bytes:
        """``MinHash(num_perm, seed).update_batch(shingle_hashes)``'s hash values: min over shingles of
        ``a * fmix32(h) + b`` (uint32, wrapping) for each permutation ``(a, b)``."""
        mixed = _fmix32(self.shingle_hashes(words))
        permuted = self._multipliers * mixed  # (num_perm, shingles)
        permuted += self._increments
        return permuted.min(axis=1).astype(SIGNATURE_DTYPE, copy=False).tobytes()

    def buckets(self, signature: bytes) -> list[int]:
        width = SIGNATURE_DTYPE.itemsize
        return [
            int.from_bytes(
                hashlib.blake2b(signature[start * width : end * width], digest_size=8, person=b"band%d" % band).digest(),
                "big",
            )
            >> 1
            for band, (start, end) in enumerate(self.bands)
        ]

    @staticmethod
    def similarity(a: bytes, b: bytes) -> float:
        """The estimated Jaccard similarity (the share of equal MinHash values, as ``MinHash.jaccard``)."""
        if len(a) != len(b):
            return 0.0
        left, right = np.frombuffer(a, SIGNATURE_DTYPE), np.frombuffer(b, SIGNATURE_DTYPE)
        return float(np.count_nonzero(left == right)) / len(left)
