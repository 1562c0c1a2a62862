"""The fast paths of near-duplicate detection give the results of the plain definitions they replace.

Ground truths: rensa's per-document entry point (``RMinHash.digest_matrix_from_token_hash_sets``) for
signatures, and Jaccard similarities of shingle sets written out with Python sets for what they estimate;
the documented normalization rule
(non-word characters and ``_`` are separators) written out with ``str.casefold`` and ``re.sub``, BLAKE2b of
the space-joined words for fingerprints (the values existing stores hold), the shingle hash written out per
shingle with Python integers, a dict of sets for the in-memory key index.
"""

from __future__ import annotations

import hashlib
import random
import re
import struct
import subprocess
import sys
import unicodedata

import pytest
from crawling import seed_text
from rensa import RMinHash

from newsbot.dedup.bands import band_layout
from newsbot.dedup.fingerprint import (
    EXPANDS,
    MARK,
    SHINGLE_BASE,
    SPACE,
    NearDuplicateSigner,
    content_fingerprint,
    folding_table,
    normalize,
)
from newsbot.store import StoredArticle, open_stores
from newsbot.store.keyindex import KeyIndex
from newsbot.store.sqlite import document_key

TEXTS = [
    seed_text(),
    "snake_case and__x _ مُحَمَّد كتـــاب، «قال»: ١٢٣ x² ﻻ",
    "one",
    "two words",
    "Straße ﬁx İstanbul ΣΑΣ ǅ ﬃ",  # case foldings into several characters, one of them a combining mark
    "",
    " ،، ",
    "lone\ud800surrogate",  # undecodable input kept by surrogateescape: a separator
]
MARKS = r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060\ufeff]"


def reference_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(MARKS, "", text)
    return re.sub(r"[\W_]+", " ", text).split()


def reference_shingles(text: str, size: int = 3) -> list[str]:
    words = reference_words(text)
    return [" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 1))]


def reference_shingle_hash(shingle: str) -> int:
    return sum(ord(c) * SHINGLE_BASE**i for i, c in enumerate(shingle + " ")) % 2**64


@pytest.mark.parametrize("text", TEXTS)
def test_normalized_words_follow_the_documented_rule(text):
    assert normalize(text).words == reference_words(text)


def test_the_folding_table_is_casefold_then_the_rule_for_every_code_point():
    table = folding_table().tolist()
    for code in range(0x110000):
        folded = chr(code).casefold()
        if len(folded) > 1:
            expected = EXPANDS
        elif re.fullmatch(MARKS, folded):
            expected = MARK
        else:
            expected = ord(folded) if re.fullmatch(r"[^\W_]", folded) else SPACE
        assert table[code] == expected, hex(code)


@pytest.mark.parametrize("text", TEXTS)
def test_content_fingerprint_is_blake2b_of_the_space_joined_words(text):
    expected = hashlib.blake2b(" ".join(reference_words(text)).encode(), digest_size=16).hexdigest()
    assert content_fingerprint(normalize(text)) == expected


@pytest.mark.parametrize("text", [t for t in TEXTS if reference_words(t)])
def test_shingle_hashes_are_each_shingle_hashed_on_its_own(text):
    hashes = NearDuplicateSigner(threshold=0.4).shingle_hashes(normalize(text)).tolist()
    assert hashes == [reference_shingle_hash(s) for s in reference_shingles(text)]


@pytest.mark.parametrize("text", [t for t in TEXTS if reference_words(t)])
def test_signature_is_rensa_rminhash_of_the_shingle_hashes(text):
    signer = NearDuplicateSigner(threshold=0.4)
    hashes = [reference_shingle_hash(s) for s in reference_shingles(text)]
    expected = RMinHash.digest_matrix_from_token_hash_sets([hashes], 64, 1).to_rows()[0]
    assert signer.signature(normalize(text)) == struct.pack("<64I", *expected)


def test_similarity_estimates_the_jaccard_similarity_of_the_shingle_sets():
    words = reference_words(TEXTS[0])
    window = 200
    assert len(words) >= window + 200
    signer = NearDuplicateSigner(threshold=0.4)
    errors = []
    for shift in (0, 10, 30, 60, 100, 140, 180, 200):  # two windows of the text, overlapping less and less
        a, b = " ".join(words[:window]), " ".join(words[shift : shift + window])
        truth = len(set(reference_shingles(a)) & set(reference_shingles(b))) / len(set(reference_shingles(a)) | set(reference_shingles(b)))
        estimate = signer.similarity(signer.signature(normalize(a)), signer.signature(normalize(b)))
        errors.append(abs(estimate - truth))
        assert errors[-1] < 0.2, (shift, truth, estimate)  # about three standard deviations at 64 permutations
    assert sum(errors) / len(errors) < 0.08


def test_buckets_are_equal_exactly_for_equal_bands():
    signer = NearDuplicateSigner(threshold=0.4)
    signature = bytearray(signer.signature(normalize(TEXTS[0])))
    buckets = signer.buckets(bytes(signature))
    assert len(buckets) == len(signer.bands) and all(0 <= b < 2**63 for b in buckets)
    assert len(set(buckets)) == len(buckets)
    start, end = signer.bands[5]
    signature[4 * start] ^= 1  # one value of band 5 changes
    changed = signer.buckets(bytes(signature))
    assert [i for i, (a, b) in enumerate(zip(buckets, changed)) if a != b] == [5]


def test_key_index_returns_every_id_stored_under_a_key_across_growth():
    rng = random.Random(3)
    index, truth = KeyIndex(rows=4), {}
    shared = [rng.getrandbits(63) for _ in range(50)]
    for id_ in range(3000):
        keys = [rng.getrandbits(63) for _ in range(15)] + [rng.choice(shared)]
        index.add(keys, id_)
        for key in keys:
            truth.setdefault(key, set()).add(id_)
    crowded = [(1 << 40) * n for n in range(40)]  # one row: spills over into the next ones
    index.add(crowded, 9999)
    for key in crowded:
        truth.setdefault(key, set()).add(9999)
    for key in rng.sample(sorted(truth), 2000) + shared + crowded:
        assert truth[key] <= set(index.find([key]))
    batch = rng.sample(sorted(truth), 16) + [rng.getrandbits(63)]
    assert set().union(*(truth.get(key, set()) for key in batch)) <= set(index.find(batch))
    assert len(index) == sum(map(len, truth.values()))


def test_store_finds_staged_articles_by_bucket_after_the_index_grew(tmp_path):
    store = open_stores(f"sqlite:///{tmp_path}/state.sqlite3").dedup
    store.begin_run("run", NearDuplicateSigner(threshold=0.4).scheme)
    for n in range(2000):
        store.stage(StoredArticle(f"https://s/{n}", f"https://s/{n}", f"f{n}", signature=b"s"), [10 * n, 10 * n + 1])
    store.stage(StoredArticle("https://s/7", "https://s/7", "f7-new", signature=b"s"), [5])  # a new version
    found = [a.canonical_url for a in store.near_candidates([10 * 1999 + 1, 10 * 42])]
    assert found == sorted(["https://s/1999", "https://s/42"], key=document_key)  # in document-key order, as before
    assert store.near_candidates([70]) == []  # the replaced version's buckets lead nowhere
    assert store.find_url("https://s/7").fingerprint == "f7-new"
    assert store.find_fingerprint("f1500").canonical_url == "https://s/1500"
    store.close()


@pytest.mark.parametrize("num_perm", [16, 64, 128])
def test_band_layout_is_datasketchs_without_scipy(num_perm):
    """The layout datasketch's MinHashLSH chooses (its scipy integration the reference), at every threshold
    from 0.05 to 0.95, and the scheme a store records is unchanged by computing it here."""
    from datasketch import MinHashLSH

    compared = 0
    for threshold in [n / 20 for n in range(1, 20)]:
        try:
            reference = MinHashLSH(threshold=threshold, num_perm=num_perm)
        except ValueError:  # a layout datasketch refuses (too few permutations for the threshold)
            continue
        compared += 1
        assert band_layout(threshold, num_perm) == (reference.b, reference.r), threshold
        signer = NearDuplicateSigner(threshold=threshold, num_perm=num_perm)
        assert signer.bands == reference.hashranges
    assert compared >= 15


def test_a_crawl_process_does_not_import_scipy_or_playwright_for_a_plain_spider():
    code = ("import sys, newsbot.spiders.profiles, newsbot.pipelines.dedup, newsbot.extensions.recover_feed; "
            "print(sorted({'scipy', 'datasketch', 'playwright'} & {m.split('.')[0] for m in sys.modules}))")
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert imported.strip() == "[]"
