"""What the Arabic tweets set's labels hold, counted on its tuning part only (the test part is never read).

    .venv/bin/python datasets/comments/describe_arabic_tweets.py [--examples 3]

Ham: which tweets end with a news outlet's signature (``العربية``, ``سكاي``, ``الإماراتاليوم``...), i.e.
headlines posted by news accounts rather than people. Spam: a rough kind per tweet, the first of ``KINDS``
whose words it holds (so the counts say what the set is made of, not what the filter does), and the traces
of the set's "contextual augmentation" (``[UNK]`` tokens left by the language model that rewrote tweets).
Needs ``.cache/arabic_tweets.jsonl`` (``import_public.py``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from newsbot.spam.labelled_sets import SETS  # noqa: E402

NEWS_SIGNATURE_RE = re.compile(r"(?:العربية|سكاي\w*|\w*سكاي|الإماراتاليوم|الحدث|الفراتنيوز|الجزيرة\w*)$")
KINDS = (  # (kind, words that tell it), tried in this order
    ("augmentation artifact ([UNK] left in the text)", r"\[UNK\]"),
    ("sexual content, sex remedies", r"سكس|جنس|نيك|محارم|قذف|القذ|انتصاب|القضيب|العضو|الثدي|محنه|شرموط|ممحون"),
    ("certificates, IELTS/TOEFL, degrees for sale", r"ايلتس|توفل|شهاد|بكالوريوس|بكالريوس|ماجستير|معادل|اختبار"),
    ("remedies, diets, cosmetics", r"علاج|تنحيف|تنحف|وزن|رجيم|خلطات|بشر|بشره|شعر|تبييض|تفتيح|كورس"),
    ("followers, likes, accounts for sale", r"متابعين|لايكات|مشاهدات|رتويت|حسابات|فولو"),
    ("discount codes, coupons, subscriptions", r"كود|كوبون|خصم|نتفلكس|اشتراك"),
    ("contact or link to follow", r"\[رابط\]|واتس|وتساب|تواصل|اتصل|راسلني|دايركت|الرابط"),
    ("clickbait: watch before it is deleted", r"قبل الحذف|سبب الحذف|شاهد|فضيحة|فضيحه"),
)
OTHER = "none of these words"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3)
    args = parser.parse_args()
    tweets = SETS["arabic_tweets"]
    if not tweets.path.exists():
        print(f"absent: {tweets.path}; run datasets/comments/import_public.py with its mirror")
        return 1
    rows = tweets.rows(tweets.tuning_part)
    ham = [r["text"].strip() for r in rows if r["label"] == "ham"]
    spam = [r["text"].strip() for r in rows if r["label"] == "spam"]
    signed = sum(bool(NEWS_SIGNATURE_RE.search(text)) for text in ham)
    print(f"tuning part: {len(rows)} rows, {len(ham)} ham, {len(spam)} spam")
    print(f"ham ending with a news outlet's signature: {signed} ({signed / len(ham):.1%})")
    for text in [t for t in ham if NEWS_SIGNATURE_RE.search(t)][: args.examples]:
        print(f"    {text[:120]}")
    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for text in spam:
        kind = next((name for name, words in KINDS if re.search(words, text)), OTHER)
        kinds[kind] += 1
        if len(examples[kind]) < args.examples:
            examples[kind].append(text[:120])
    print("spam by kind (the first kind whose words a tweet holds):")
    for kind, count in kinds.most_common():
        print(f"  {count:6} {count / len(spam):6.1%}  {kind}")
        for text in examples[kind]:
            print(f"      {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
