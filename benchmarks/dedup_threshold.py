"""How ``DEDUP_NEAR_THRESHOLD`` was chosen: similarity of rewrites vs. different stories on one topic.

    .venv/bin/python benchmarks/dedup_threshold.py

Pairs with a known answer, scored with the pipeline's own signer (3-word shingles, 64 permutations):

- rewrites (should be near duplicates): an article with k of its paragraphs replaced and one added,
  on the seed article (real Arabic text of the first target) and on synthetic articles;
- same-topic stories (should not be): two synthetic articles that draw a third of their words from one
  shared topic vocabulary and repeat the same agency sentence, and the seed article against one made
  from its own vocabulary shuffled into new sentences.

Prints, per kind of pair, the spread of the estimated similarity, then recall and false-positive rate
for candidate thresholds. The default is the lowest threshold with no false positive over these pairs
that keeps rewrites with up to a third of the paragraphs changed.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from dedup_throughput import article_stream  # noqa: E402  (run from benchmarks/ or with it on sys.path)
from newsbot.dedup.fingerprint import NearDuplicateSigner, normalize

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_b07d8cbfed1aec86.txt"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def seed_paragraphs() -> list[str]:
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    end = lines.index("Source link")
    return [line for line in lines[4:end] if len(line.split()) > 8 and not line.startswith("Read also")]


def rewrite(paragraphs: list[str], fresh: list[str], replaced: int, rng) -> list[str]:
    out = list(paragraphs)
    for index in rng.choice(len(out), min(replaced, len(out)), replace=False):
        out[index] = fresh.pop()
    return out + [fresh.pop()]


def main() -> None:
    signer = NearDuplicateSigner(threshold=0.5)
    rng = np.random.default_rng(3)

    def score(a: list[str], b: list[str]) -> float:
        sa, sb = (signer.signature(normalize("\n\n".join(p))) for p in (a, b))
        return signer.similarity(sa, sb)

    synthetic = [body.split("\n\n") for _, body, _, source in article_stream(1200, 0.0)]
    filler = [p for article in synthetic[600:] for p in article]
    pairs: dict[str, list[float]] = {}
    for replaced in (1, 2, 3, 4):
        key = f"rewrite, {replaced} paragraph(s) replaced + 1 added"
        pairs[key] = [score(a, rewrite(a, filler, replaced, rng)) for a in synthetic[: 200]]
        seed = seed_paragraphs()
        pairs[key].append(score(seed, rewrite(seed, filler, replaced, rng)))
    topic_words = [w for p in synthetic[599] for w in p.split()][:150]
    agency = "وقال مسؤول كبير للصحفيين شريطة عدم الكشف عن هويته إن المحادثات ستستمر"

    def on_topic(article: list[str]) -> list[str]:
        out = []
        for p in article:
            words = p.split()
            for i in rng.choice(len(words), len(words) // 3, replace=False):
                words[i] = topic_words[int(rng.integers(len(topic_words)))]
            out.append(" ".join(words))
        return out + [agency]

    pairs["different story, same topic"] = [
        score(on_topic(synthetic[200 + i]), on_topic(synthetic[400 + i])) for i in range(200)
    ]
    seed_words = " ".join(seed_paragraphs()).split()
    shuffled = [" ".join(rng.permutation(seed_words)[:60]) for _ in range(8)]
    pairs["different story, same topic"].append(score(seed_paragraphs(), shuffled))

    print(f"{'pairs':45} {'n':>4} {'min':>5} {'p05':>5} {'median':>6} {'max':>5}")
    for key, values in pairs.items():
        v = np.array(values)
        print(f"{key:45} {len(v):>4} {v.min():>5.2f} {np.percentile(v, 5):>5.2f} {np.median(v):>6.2f} {v.max():>5.2f}")
    negatives = np.array(pairs["different story, same topic"])
    print("\nthreshold  " + "  ".join(f"recall({k.split(',')[1].split()[0]} repl.)" for k in pairs if k.startswith("rewrite")) + "  false positives")
    for threshold in THRESHOLDS:
        recalls = [np.mean(np.array(v) >= threshold) for k, v in pairs.items() if k.startswith("rewrite")]
        print(f"{threshold:9.2f}  " + "  ".join(f"{r:>16.2f}" for r in recalls) + f"  {np.mean(negatives >= threshold):>15.3f}")


if __name__ == "__main__":
    main()
