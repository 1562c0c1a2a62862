"""``SpamFilter``: adds up the weighted signals of a comment into an explainable ``Verdict``.

Settings (``SpamConfig.from_settings`` reads them from a crawl's Scrapy settings, checked; their defaults are in ``newsbot.settings``):

- ``SPAM_THRESHOLD`` (default ``1.0``): a comment whose score reaches it is spam.
- ``SPAM_MAX_LINKS`` (default ``2``, WordPress's ``comment_max_links``): more links than this is a sign.
- ``SPAM_WEIGHTS`` (default ``{}``): weights by signal name (``vocab``) or by reason (``vocab:casino``), over
  ``DEFAULT_WEIGHTS``.
- ``SPAM_DUPLICATE_MIN_CHARS`` (default ``60``): shorter normalized texts (``شكرا``, prayers and slogans that
  many readers post under many articles) are never counted as the same text posted on several articles.
- ``SPAM_DUPLICATE_MEMORY`` (default ``100000``): how many distinct texts the duplicate signal remembers
  (least recently seen forgotten first): the state across the articles of a run stays bounded.
- ``SPAM_DATA_DIRS`` (default ``[]``): more word-list folders, laid out like ``newsbot/spam/data/``.
- ``SPAM_MODEL`` (default ``True``): use the linear model shipped in ``newsbot/spam/data/model.json``.
- ``SPAM_FOREIGN_MIN_CONFIDENCE`` (default ``0.3``): the language identifier's probability above which a
  comment counts as written in another language than the article's.

How the weights were chosen (``benchmarks/spam_eval.py --signals`` prints the figures on the tuning parts
of every set in ``datasets/comments/``; held-out and test parts were never used for this): a signal that no ham
comment of the tuning split shows gets the full threshold (``STRONG``: enough alone); a signal that some ham
comments show (a reader citing three sources, praising an article, writing in English with a website,
shouting "STOP THE WAR", mentioning WhatsApp or Viagra) gets half (``WEAK``: it takes two signs), and so does
a signal with no evidence either way (``repeated-chars``). ``0.5`` rather than a fitted value keeps a verdict
readable: "one strong sign" or "two weak ones". ``SPAM_DUPLICATE_MIN_CHARS`` is above the longest prayer
that several readers posted under several articles in the tuning split (48 characters), which made the
duplicate signal ham-free there. A contact channel (phone, messenger, e-mail) is weak however many there are
(an embassy's number and address); another language than the article's is weak and looked at only beside a
commercial sign; the linear model gives a weak or a strong sign at the two cut-offs its training chose.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter

from newsbot import config
from newsbot import settings as defaults
from newsbot.spam.model import LinearModel
from newsbot.spam.signals import Facts, Hit, Rules, foreign_language, signals_for
from newsbot.spam.vocab import Vocabulary

STRONG = 1.0
WEAK = 0.5
DEFAULT_WEIGHTS: dict[str, float] = {
    "links": WEAK,
    "url-only": STRONG,
    "markup-link": STRONG,
    "link-shortener": STRONG,
    "link-commercial": STRONG,
    "repeated-tokens": STRONG,
    "vocab": WEAK,  # per distinct term, two at most: two terms of one trade are enough
    "generic-praise": WEAK,
    "contact": WEAK,  # a phone number, a messenger or an e-mail address: one unit whatever their number
    "author-keyword": STRONG,
    "author-url": STRONG,
    "author-url-commercial": STRONG,
    "author-url-echoed": WEAK,
    "foreign-language": WEAK,  # looked for only when another sign is there: never a sign on its own
    "shouting": WEAK,
    "repeated-chars": WEAK,
    "duplicate-text": STRONG,
    "junk": STRONG,
    "model": STRONG,  # units 1 or 0.5: the model's logit against the two cut-offs in data/model.json
    # a reason's own weight goes before its signal's: trades whose words no reader's comment had, in the
    # tuning parts (the project's readers, the Arabic tweets' ham), enough with one term
    "vocab:adult": STRONG,
    "vocab:followers": STRONG,
    "vocab:diploma": STRONG,
}
# Signs of selling something: only with one of them (or a link, or a website) is the language looked at
COMMERCIAL_SIGNALS = frozenset(
    {"vocab", "contact", "link-commercial", "link-shortener", "author-url-commercial", "author-url-echoed", "author-keyword",
     "links", "url-only", "markup-link"}
)
_SIGNAL_NAME_RE = re.compile(r"[:>]")


@lru_cache(maxsize=1024)  # reasons are few: one per signal, per vocabulary category
def signal_name(reason: str) -> str:
    """The weight key of a reason: ``vocab:casino`` -> ``vocab``, ``links>2`` -> ``links``."""
    return _SIGNAL_NAME_RE.split(reason, maxsplit=1)[0]


def weight_of(reason: str, weights: dict[str, float]) -> float:
    """The reason's own weight (``vocab:adult``) if set, else its signal's (``vocab``)."""
    weight = weights.get(reason)
    return weights.get(signal_name(reason), 0.0) if weight is None else weight


@dataclass(frozen=True)
class Verdict:
    spam: bool
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SpamConfig:
    """The filter's settings; the defaults are ``newsbot.settings``' (their one home)."""

    threshold: float = defaults.SPAM_THRESHOLD
    max_links: int = defaults.SPAM_MAX_LINKS
    weights: dict[str, float] = field(default_factory=lambda: {**DEFAULT_WEIGHTS, **defaults.SPAM_WEIGHTS})
    duplicate_min_chars: int = defaults.SPAM_DUPLICATE_MIN_CHARS
    duplicate_memory: int = defaults.SPAM_DUPLICATE_MEMORY
    data_dirs: tuple[Path, ...] = tuple(Path(p) for p in defaults.SPAM_DATA_DIRS)
    foreign_min_confidence: float = defaults.SPAM_FOREIGN_MIN_CONFIDENCE
    use_model: bool = defaults.SPAM_MODEL

    @classmethod
    def from_settings(cls, settings: Any) -> SpamConfig:
        """The settings of a crawl (Scrapy ``Settings``), checked: a bad value stops the run naming it."""
        weights = {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in (settings.getdict("SPAM_WEIGHTS")).items()}}
        return cls(
            threshold=config.number(settings, "SPAM_THRESHOLD", float, minimum=0),
            max_links=config.number(settings, "SPAM_MAX_LINKS", int, minimum=0),
            weights=weights,
            duplicate_min_chars=config.number(settings, "SPAM_DUPLICATE_MIN_CHARS", int, minimum=0),
            duplicate_memory=config.number(settings, "SPAM_DUPLICATE_MEMORY", int, minimum=1),
            data_dirs=tuple(Path(p) for p in settings.getlist("SPAM_DATA_DIRS")),
            foreign_min_confidence=config.number(settings, "SPAM_FOREIGN_MIN_CONFIDENCE", float, minimum=0, maximum=1),
            use_model=settings.getbool("SPAM_MODEL"),
        )


class DuplicateIndex:
    """Remembers which article each comment text was first seen on, for at most ``capacity`` texts."""

    def __init__(self, capacity: int, min_chars: int):
        self.capacity = capacity
        self.min_chars = min_chars
        self._first_article: OrderedDict[int, str] = OrderedDict()

    def seen_elsewhere(self, words: list[str], article_url: str | None) -> bool:
        """Whether the same words were seen on another article before; remembers this sighting."""
        if article_url is None or self.capacity <= 0:
            return False
        key_text = " ".join(words)
        if len(key_text) < self.min_chars:
            return False
        key = hash(key_text)  # 64 bits: a false match would need a collision within one run's texts
        first = self._first_article.get(key)
        if first is None:
            self._first_article[key] = article_url
            if len(self._first_article) > self.capacity:
                self._first_article.popitem(last=False)
            return False
        self._first_article.move_to_end(key)
        return first != article_url


class SpamFilter:
    """Scores comments; stateful only in the duplicate index (one filter per run)."""

    def __init__(self, config: SpamConfig | None = None):
        self.config = config or SpamConfig()
        self.rules = Rules(vocabulary=Vocabulary.load(list(self.config.data_dirs)), max_links=self.config.max_links)
        self.duplicates = DuplicateIndex(self.config.duplicate_memory, self.config.duplicate_min_chars)
        self.model = LinearModel.load() if self.config.use_model else None
        self._reason_weights: dict[str, float] = {}  # hand signals' reasons only: their names are few

    @classmethod
    def from_settings(cls, settings: Any) -> SpamFilter:
        return cls(SpamConfig.from_settings(settings))

    def _language_may_decide(self, total: float, facts: Facts, hits: list[Hit]) -> bool:
        """Whether the comment's language is worth identifying (0.2 ms): it can change the verdict (the score
        is short of the threshold by no more than the sign's weight) and there is a commercial sign, a link or
        a website for it to go with."""
        weight = self.config.weights.get("foreign-language", 0.0)
        if not self.config.threshold - weight <= total < self.config.threshold:
            return False
        return bool(facts.links or facts.author_url) or any(signal_name(r) in COMMERCIAL_SIGNALS for r, _ in hits)

    def observe(self, comment: Any, article_language: str | None = "ar") -> tuple[Facts, list[Hit]]:
        """A comment's facts and what the stateless hand signals see in it."""
        get = comment.get if isinstance(comment, dict) else ItemAdapter(comment).get  # a dict read directly
        facts = Facts.of(
            text=get("text") or "",
            author=get("author") or "",
            author_url=get("author_url") or "",
            links=list(get("links") or ()),
            article_language=article_language,
        )
        return facts, [hit for signal in signals_for(facts) for hit in signal(facts, self.rules)]

    def score(self, comment: Any, article_language: str | None = "ar", article_url: str | None = None) -> Verdict:
        """The verdict on one comment (a ``Comment`` or a dict), posted under ``article_url`` if known.

        The model is asked only when the hand signals fall short of the threshold: it can only add to the
        score, so once they reach it the verdict is theirs (and so are the reasons)."""
        facts, hits = self.observe(comment, article_language)
        duplicate = self.duplicates.seen_elsewhere(facts.words, article_url)
        total = self._weigh(hits) + (self.config.weights["duplicate-text"] if duplicate else 0.0)
        if self.model is not None and total < self.config.threshold:
            judged = self.model.judge(*model_inputs(facts, hits))
            if judged:
                hits.append(judged)
                total += self.config.weights["model"] * judged[1]
        if duplicate:
            hits.append(("duplicate-text", 1.0))
        if self._language_may_decide(total, facts, hits):
            foreign = foreign_language(facts, self.config.foreign_min_confidence)
            hits += foreign
            total += self._weigh(foreign)
        total = round(float(total), 3)
        return Verdict(spam=total >= self.config.threshold, score=total, reasons=[reason for reason, _ in hits])

    def _weigh(self, hits: list[Hit]) -> float:
        """The hand signals' hits weighed (a reason's weight is looked up once per filter)."""
        weights = self._reason_weights
        total = 0.0
        for reason, units in hits:
            weight = weights.get(reason)
            if weight is None:
                weight = weights[reason] = weight_of(reason, self.config.weights)
            total += weight * units
        return total


def model_inputs(facts: Facts, hits: list[Hit]) -> tuple[list[str], list[str], bool]:
    """What the linear model reads of a comment whose hand signals gave ``hits``: its words, the reasons
    that count, whether the commenter gave a website."""
    return facts.words, [reason for reason, units in hits if units], bool(facts.author_url)
