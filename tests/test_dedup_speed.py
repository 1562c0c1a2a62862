"""The fast paths of near-duplicate detection give the results of the plain definitions they replace.

Ground truths: ``datasketch.MinHash.update_batch`` for signatures, the documented normalization rule
(non-word characters and ``_`` are separators) written out with ``re.sub``, a dict of sets for the
in-memory key index.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from datasketch import MinHash

from newsbot.store import StoredArticle
from newsbot.store.fingerprint import NearDuplicateSigner, normalized_words
from newsbot.store.keyindex import KeyIndex
from newsbot.store.sqlite import SQLiteStore, document_key

SEED = Path("/work/shared/seed/000_b07d8cbfed1aec86.txt")
if not SEED.exists():
    SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / SEED.name
TEXTS = [
    SEED.read_text(encoding="utf-8"),
    "snake_case and__x _ مُحَمَّد كتـــاب، «قال»: ١٢٣ x² ﻻ",
    "one",
    "two words",
]


def reference_words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u2060\ufeff]", "", text)
    return re.sub(r"[\W_]+", " ", text).split()


@pytest.mark.parametrize("text", TEXTS)
def test_normalized_words_follow_the_documented_rule(text):
    assert normalized_words(text) == reference_words(text)


@pytest.mark.parametrize("text", TEXTS)
def test_signature_is_datasketch_minhash_of_the_shingles(text):
    signer = NearDuplicateSigner(threshold=0.4)
    words = normalized_words(text)
    minhash = MinHash(num_perm=64, seed=1, hashfunc=int)
    minhash.update_batch(signer.shingle_hashes(words).tolist())
    assert signer.signature(words) == minhash.hashvalues.astype("<u4").tobytes()


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
    assert len(index) == sum(map(len, truth.values()))


def test_store_finds_staged_articles_by_bucket_after_the_index_grew(tmp_path):
    store = SQLiteStore(tmp_path / "state.sqlite3")
    store.begin_run("run")
    for n in range(2000):
        store.stage(StoredArticle(f"https://s/{n}", f"https://s/{n}", f"f{n}", signature=b"s"), [10 * n, 10 * n + 1])
    store.stage(StoredArticle("https://s/7", "https://s/7", "f7-new", signature=b"s"), [5])  # a new version
    found = [a.canonical_url for a in store.near_candidates([10 * 1999 + 1, 10 * 42])]
    assert found == sorted(["https://s/1999", "https://s/42"], key=document_key)  # in document-key order, as before
    assert store.near_candidates([70]) == []  # the replaced version's buckets lead nowhere
    assert store.find_url("https://s/7").fingerprint == "f7-new"
    assert store.find_fingerprint("f1500").canonical_url == "https://s/1500"
    store.close()
