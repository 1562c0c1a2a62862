"""Explainable spam scoring for reader comments, in the spirit of WordPress moderation and Antispam Bee.

``SpamFilter(config).score(comment, article_language="ar", article_url=...) -> Verdict(spam, score,
reasons)``; the signals are plain functions in ``newsbot.spam.signals``, the word lists plain text files in
``newsbot/spam/data/`` (by trade and language), the language identifier ``newsbot.spam.language``, the
linear model ``newsbot.spam.model`` (fitted by ``newsbot.spam.train``), the settings documented in
``newsbot.spam.filter``.
"""

from newsbot.spam.filter import DEFAULT_WEIGHTS, SpamConfig, SpamFilter, Verdict

__all__ = ["DEFAULT_WEIGHTS", "SpamConfig", "SpamFilter", "Verdict"]
