"""What the store indexes an article's text by: an exact content fingerprint and a MinHash signature.

- :func:`normalize`: NFKC, casefold, Arabic diacritics (combining marks) and tatweel removed, punctuation,
  symbols and ``_`` turned into spaces, whitespace folded; the result is :class:`NormalizedText`, the words
  joined by single spaces, with its code points. Its ``words`` are the list of those words.
- :func:`content_fingerprint`: a BLAKE2b hash of the space-joined words; equal for bodies that differ only
  in punctuation, case, spacing or diacritics.
- :class:`NearDuplicateSigner`: a MinHash over word shingles and its LSH band buckets.

Everything runs in numpy over the text's code points, or in rensa, with no Python step per word or character:

- one table (:func:`folding_table`, built once per process in about 0.1 s from ``str.casefold`` and the
  regular expressions a plain implementation would use) maps every code point to its case folding, a
  space (separator) or "remove" (mark); characters whose folding is several characters (``ß``) send the
  text through ``str.casefold`` first. Runs of separators then fold into one space.
- a shingle (``shingle_words`` consecutive words) is hashed as the polynomial hash modulo 2**64 of its
  text and a space (``sum(ord(c) * SHINGLE_BASE**i)``), from prefix sums over the whole text.
- the signature is rensa's ``RMinHash`` (a MinHash of ``num_perm`` seeded permutations, in Rust) of those
  shingle hashes, several times faster than the same MinHash in numpy. Its estimate of the Jaccard
  similarity is unbiased with the usual variance, ``sqrt(J (1 - J) / num_perm)``.
- the band layout (bands x rows) is the one ``datasketch.MinHashLSH`` chooses for the threshold
  (``newsbot.dedup.bands``, computed without datasketch's scipy); a band's
  bucket is a non-negative 63-bit integer (so the store can index it): the band's values times fixed odd
  64-bit constants (one per position), summed modulo 2**64, shifted right by one.

Stores record a signer's ``scheme`` (:data:`SIGNATURE_SCHEME`, rensa's ``RMinHash.ALGORITHM_VERSION`` and
the signer's parameters: permutations, seed, shingle length, band layout): signatures and buckets made
under another are not comparable (see ``newsbot.store.Store.begin_run``). Stores written before rensa
(datasketch's scheme) have their signatures cleared once, with a WARNING; fingerprints are unchanged.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import cache

import numpy as np
from rensa import RMinHash

from newsbot.dedup.bands import band_layout

SIGNATURE_SCHEME = "shingle-poly64 band-sum64"
SIGNATURE_DTYPE = np.dtype("<u4")
SHINGLE_BASE = 0x9E3779B97F4A7C15  # odd, so invertible modulo 2**64
_INVERSE_BASE = pow(SHINGLE_BASE, -1, 1 << 64)
_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060\ufeff]")
_WORD_CHARACTERS = re.compile(r"[^\W_]+")
EXPANDS, MARK = 0, 1  # in the folding table: case folding makes several characters; a mark to remove
SPACE = ord(" ")
CODE_POINTS = 0x110000
_FOLDING_BLOCK = 512


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")


@cache
def folding_table() -> np.ndarray:
    """For every code point: its case folding if that is one word character (``[^\\W_]``), ``SPACE`` if it
    is a separator, ``MARK`` if a mark to remove (``_MARKS``), ``EXPANDS`` if it folds into several."""
    every = np.arange(CODE_POINTS, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    folded, expands = np.arange(CODE_POINTS, dtype=np.uint32), np.zeros(CODE_POINTS, bool)
    for start in range(0, CODE_POINTS, _FOLDING_BLOCK):
        block = every[start : start + _FOLDING_BLOCK]
        folding = block.casefold()
        if len(folding) == len(block):  # no character of the block folds into several: they map 1:1
            folded[start : start + len(block)] = _code_points(folding)
            continue
        for offset, character in enumerate(map(str.casefold, block), start):
            if len(character) == 1:
                folded[offset] = ord(character)
            else:
                expands[offset] = True
    word = np.zeros(CODE_POINTS, bool)
    for run in _WORD_CHARACTERS.finditer(every):
        word[run.start() : run.end()] = True
    mark = np.zeros(CODE_POINTS, bool)
    mark[[found.start() for found in _MARKS.finditer(every)]] = True
    table = np.where(word[folded], folded, SPACE).astype(np.uint32)
    table[mark[folded]] = MARK
    table[expands] = EXPANDS
    return table


@dataclass(frozen=True, eq=False)
class NormalizedText:
    """A text's normalized words joined by single spaces (``text``), and the code points of ``text`` between
    two more spaces (``codes``: each word then lies between two spaces)."""

    text: str
    codes: np.ndarray

    @property
    def words(self) -> list[str]:
        return self.text.split(" ") if self.text else []


def normalize(text: str) -> NormalizedText:
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    table = folding_table()
    codes = table.take(_code_points(" " + text + " "))
    lowest = codes.min()
    if lowest == EXPANDS:  # rare (e.g. "ß"): fold the whole text with str.casefold (idempotent) first
        codes = table.take(_code_points(" " + text.casefold() + " "))
        lowest = codes.min()
    if lowest == MARK:
        codes = codes[codes != MARK]
    keep = codes != SPACE
    keep[1:] |= keep[:-1]  # the word characters and the first separator after each word
    keep[0] = True  # and the leading space
    codes = codes[keep]
    return NormalizedText(codes[1:-1].tobytes().decode("utf-32-le"), codes)


def content_fingerprint(normalized: NormalizedText) -> str:
    return hashlib.blake2b(normalized.text.encode(), digest_size=16).hexdigest()


class _Powers:
    """For ``i < n`` (modulo 2**64): ``SHINGLE_BASE ** i``, and ``SHINGLE_BASE ** -(i + 1)`` (shifts a hash of
    characters from ``i + 1`` on to position 0); grown by doubling."""

    def __init__(self):
        self.powers = self.shifts = np.ones(0, np.uint64)

    def up_to(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if n > len(self.powers):
            size = max(1024, 1 << (n - 1).bit_length())
            self.powers = np.multiply.accumulate(np.r_[np.uint64(1), np.full(size - 1, SHINGLE_BASE, np.uint64)])
            self.shifts = np.multiply.accumulate(np.full(size, _INVERSE_BASE, np.uint64))
        return self.powers, self.shifts


def _band_keys(bands: int, rows: int) -> np.ndarray:
    """Odd 64-bit multipliers, one per (band, row), fixed by BLAKE2b so they never change."""
    digests = b"".join(hashlib.blake2b(b"band key %d" % n, digest_size=8).digest() for n in range(bands * rows))
    return np.frombuffer(digests, "<u8").reshape(bands, rows) | np.uint64(1)


class NearDuplicateSigner:
    """MinHash signatures of word shingles, their LSH buckets, and the similarity of two signatures."""

    def __init__(self, threshold: float, num_perm: int = 64, shingle_words: int = 3, seed: int = 1):
        self.threshold = threshold
        self.shingle_words = shingle_words
        self.num_perm = num_perm
        self.seed = seed
        bands, rows = band_layout(threshold, num_perm)
        self.bands = [(band * rows, (band + 1) * rows) for band in range(bands)]  # equal (start, end) spans
        self._rows = self.bands[0][1] - self.bands[0][0]
        self._band_keys = _band_keys(len(self.bands), self._rows)
        self._powers = _Powers()
        self._packed = struct.Struct(f"<{num_perm}I")  # as SIGNATURE_DTYPE
        # what makes two signatures comparable: the code's scheme, the MinHash's version, every parameter
        self.scheme = (f"{SIGNATURE_SCHEME} rensa-rminhash-v{RMinHash.ALGORITHM_VERSION}; num_perm={num_perm}"
                       f" seed={seed} shingle_words={shingle_words} bands={len(self.bands)}x{self._rows}")

    def shingle_hashes(self, normalized: NormalizedText) -> np.ndarray:
        """One uint64 per shingle (one for the whole text when it has fewer words than a shingle): the
        polynomial hash of the shingle and the space after it, ``sum(ord(c) * SHINGLE_BASE ** i)`` modulo
        2**64, from prefix sums over the whole text."""
        codes = normalized.codes
        powers, shifts = self._powers.up_to(len(codes))
        prefix = np.multiply(codes, powers[: len(codes)], dtype=np.uint64).cumsum()  # prefix[i]: codes[:i + 1]
        spaces = np.flatnonzero(codes == SPACE)  # a shingle runs from after spaces[i] to spaces[i + span]
        span = min(self.shingle_words, len(spaces) - 1)
        before, after = spaces[: len(spaces) - span], spaces[span:]
        return (prefix[after] - prefix[before]) * shifts[before]

    def signature(self, normalized: NormalizedText) -> bytes:
        """rensa's ``RMinHash(num_perm, seed)`` digest of the shingle hashes, as ``num_perm`` uint32."""
        hashes = self.shingle_hashes(normalized)
        rows = np.array((0, len(hashes)), np.uint64)  # one document: its hashes from 0 to the end
        digest = RMinHash.digest_matrix_from_flat_token_hashes(hashes, rows, self.num_perm, self.seed)
        return self._packed.pack(*digest.to_rows()[0])

    def buckets(self, signature: bytes) -> list[int]:
        """One non-negative 63-bit integer per band."""
        values = np.frombuffer(signature, SIGNATURE_DTYPE)[: self._band_keys.size].reshape(self._band_keys.shape)
        return ((values * self._band_keys).sum(axis=1, dtype=np.uint64) >> np.uint64(1)).tolist()

    @staticmethod
    def similarity(a: bytes, b: bytes) -> float:
        """The estimated Jaccard similarity (the share of equal MinHash values, as ``MinHash.jaccard``)."""
        if len(a) != len(b):
            return 0.0
        left, right = np.frombuffer(a, SIGNATURE_DTYPE), np.frombuffer(b, SIGNATURE_DTYPE)
        return float(np.count_nonzero(left == right)) / len(left)
