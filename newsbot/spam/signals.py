"""The spam signals: plain functions from a comment's facts to the reasons they see.

Each signal returns ``(reason, units)`` pairs; a reason is a short stable string (``links>2``,
``vocab:casino``), and ``SpamFilter`` adds ``units`` times the weight of the reason's signal (the reason up
to its first ``:`` or ``>``) to the comment's score. Only ``vocabulary`` counts more than one unit: one per
distinct term of a category, at most ``VOCAB_MAX_UNITS``.

Laughter and emphasis are legitimate: repeated letters (``ههههه``, ``يااااا``, ``sooo``) are never a sign;
only runs of symbols (``$$$$$``, ``✅✅✅✅``) are, and a repeated word only when it is most of the comment.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newsbot.spam.junk import is_junk
from newsbot.spam.text import count_latin_letters, find_urls, host_of, normalize, strip_urls, url_key, words
from newsbot.spam.language import identify
from newsbot.spam.vocab import Vocabulary, trie_pattern

Hit = tuple[str, float]

VOCAB_MAX_UNITS = 2
REPEATED_TOKEN_MIN_COUNT = 4  # "WEBSITE WEBSITE WEBSITE WEBSITE"; "عار عار عار" (shame!) is a reader's
REPEATED_TOKEN_MIN_SHARE = 0.6
URL_ONLY_MAX_WORDS = 1  # words left once the URLs are taken out
SHOUTING_MIN_LETTERS = 20
SHOUTING_MIN_SHARE = 0.8
ECHO_MIN_LETTERS = 5  # a comment word found in the website's host: shorter ones are there by chance
AUTHOR_CACHE_SIZE = 10_000  # author names whose keyword check is remembered

PHONE_RE = re.compile(r"(?<![\d+])(\+|00)?(\d(?:[ .\-]?\d){8,14})(?!\d)")
# Messengers a commenter is asked to write to, by the marks they go by in normalized text (any language)
MESSENGER_MARKS = {
    "whatsapp": ("واتس", "وتساب", "واتساب", "whatsapp", "whats app", "watsapp", "wa.me", "ватсап", "вацап"),
    "telegram": ("telegram", "تلغرام", "تليجرام", "تيليجرام", "تلجرام", "t.me/", "телеграм", "телеграмм"),
    "wechat": ("wechat", "微信", "weixin", "vx:", "vx：", "薇信"),
    "viber": ("viber", "فايبر", "вайбер"),
    "snapchat": ("snapchat", "سناب شات", "سناب:"),
}
MESSENGER_RE = {name: re.compile("|".join(map(re.escape, marks))) for name, marks in MESSENGER_MARKS.items()}
ANY_MESSENGER_RE = re.compile(trie_pattern({mark for marks in MESSENGER_MARKS.values() for mark in marks}))
EMAIL_RE = re.compile(r"[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}")
PHONE_DIGITS_RE = re.compile(r"\d(?:[ .\-]?\d){8}")  # the first nine digits of any PHONE_RE match
# Symbols that advertisers repeat (laughing faces and hearts are readers', never counted)
AD_SYMBOLS = "$€£¥*#=+~|✅✔☑☎📞📲📱💰💵💲🔥⭐★☆►▶➡→👉✨"
# Four of one symbol, or ten of one of "!?؟". The pattern starts with one character class, which ``re`` scans
# for quickly (it tries an alternation of classes branch by branch at every character), of the symbols up to
# U+FFFF only (emoji slow the scan down): runs of the others are looked for with ``in``, which returns at once
# for the texts that have no character above U+FFFF.
_BMP_SYMBOLS = re.escape("".join(ch for ch in AD_SYMBOLS if ch <= "\uffff"))
SYMBOL_RUN_RE = re.compile(rf"([{_BMP_SYMBOLS}!?؟])(?:(?<=[{_BMP_SYMBOLS}])\1{{3,}}|\1{{9,}})")
ASTRAL_SYMBOL_RUNS = tuple(ch * 4 for ch in AD_SYMBOLS if ch > "\uffff")
MARKUP_LINK_RE = re.compile(r"<a\s[^>]*href|\[url[=\]]|\[link[=\]]")  # in normalized (lower case) text
CAPITAL_RE = re.compile(r"[A-Z\u00C0-\u00DE]")
SHORTENERS = frozenset(
    "bit.ly tinyurl.com goo.gl t.co ow.ly is.gd buff.ly cutt.ly rebrand.ly shorturl.at rb.gy tiny.cc "
    "s.id v.gd t.ly lnkd.in bitly.com".split()
)


@dataclass(frozen=True)
class Rules:
    """What the signals need besides the comment: the word lists and the limits set in settings."""

    vocabulary: Vocabulary
    max_links: int = 2


@dataclass(slots=True)
class Facts:
    """What the signals read of one comment, computed once (not frozen: that would slow its creation)."""

    text: str
    normalized: str  # text.normalize(text)
    words: list[str]  # normalized words outside URLs
    all_words: list[str]  # normalized words, URLs included: text.words(normalized)
    links: list[str]  # the comment's hrefs and the URLs written in its text, once each
    author: str
    author_url: str
    article_language: str | None

    @classmethod
    def of(cls, text: str, author: str, author_url: str, links: list[str], article_language: str | None) -> Facts:
        normalized = normalize(text)
        urls = find_urls(text)
        all_links = list(dict.fromkeys([*(link for link in links if link), *urls]))
        all_words = words(normalized)
        plain_words = words(strip_urls(normalized)) if urls else all_words
        return cls(text, normalized, plain_words, all_words, all_links, author, author_url, article_language)


def too_many_links(facts: Facts, rules: Rules) -> list[Hit]:
    """More links than WordPress's ``comment_max_links`` allows before holding a comment."""
    return [(f"links>{rules.max_links}", 1.0)] if len(facts.links) > rules.max_links else []


def url_only(facts: Facts, rules: Rules) -> list[Hit]:
    """A comment that is links and (almost) nothing else."""
    return [("url-only", 1.0)] if facts.links and len(facts.words) <= URL_ONLY_MAX_WORDS else []


def markup_link(facts: Facts, rules: Rules) -> list[Hit]:
    """HTML or BBCode link markup typed into the text: written by a bot for another kind of site."""
    marked = ("<a" in facts.normalized or "[" in facts.normalized) and MARKUP_LINK_RE.search(facts.normalized)
    return [("markup-link", 1.0)] if marked else []


def link_shortener(facts: Facts, rules: Rules) -> list[Hit]:
    return [("link-shortener", 1.0)] if any(host_of(link) in SHORTENERS for link in facts.links) else []


def commercial_link(facts: Facts, rules: Rules) -> list[Hit]:
    """A link in the text whose host or path names a spam trade (``best-casino.com``, ``naql-afsh.sa``)."""
    commercial = any(rules.vocabulary.commercial_url(url_key(link)) for link in facts.links)
    return [("link-commercial", 1.0)] if commercial else []


def repeated_tokens(facts: Facts, rules: Rules) -> list[Hit]:
    """One word (not laughter) making most of the comment: ``WEBSITE WEBSITE WEBSITE WEBSITE``."""
    if len(set(facts.words)) > len(facts.words) - REPEATED_TOKEN_MIN_COUNT + 1:
        return []  # no word can be there REPEATED_TOKEN_MIN_COUNT times
    candidates = [w for w in facts.words if len(w) >= 3 and len(set(w)) > 2]
    if not candidates:
        return []
    _, count = Counter(candidates).most_common(1)[0]
    share = count / len(facts.words)
    return [("repeated-tokens", 1.0)] if count >= REPEATED_TOKEN_MIN_COUNT and share >= REPEATED_TOKEN_MIN_SHARE else []


def vocabulary(facts: Facts, rules: Rules) -> list[Hit]:
    """Spam vocabulary, one reason per category, one unit per distinct term (at most ``VOCAB_MAX_UNITS``)."""
    found = rules.vocabulary.categories_in(facts.normalized, facts.all_words)
    return [(f"vocab:{category}", min(n, VOCAB_MAX_UNITS)) for category, n in sorted(found.items())]


def generic_praise(facts: Facts, rules: Rules) -> list[Hit]:
    """Praise that fits any article; legitimate alone, it is what spam wraps its link in."""
    return [("generic-praise", 1.0)] if rules.vocabulary.praise.search(facts.normalized, facts.all_words) else []


def contact_channels(facts: Facts, rules: Rules) -> list[Hit]:
    """How to reach the commenter off the site: a phone number, a messenger, an e-mail address.

    One reason per channel (``contact:phone``, ``contact:whatsapp``, ``contact:email``) but one unit in all:
    a reader may quote an embassy's number and address; it takes a commercial sign besides to be spam.
    """
    channels = ["phone"] if has_phone_number(facts.normalized) else []
    if ANY_MESSENGER_RE.search(facts.normalized):
        channels += [name for name, pattern in MESSENGER_RE.items() if pattern.search(facts.normalized)]
    if "@" in facts.normalized and EMAIL_RE.search(facts.normalized):
        channels.append("email")
    return [(f"contact:{name}", 1.0 if i == 0 else 0.0) for i, name in enumerate(channels)]


def has_phone_number(normalized: str) -> bool:
    """9 to 15 digits starting with ``+``, ``00`` or ``0`` (``0551234567``, ``+966 55…``, Arabic-Indic too)."""
    digits = PHONE_DIGITS_RE.search(normalized)
    if not digits:
        return False
    # a number's first nine digits are found first; the number starts at most two characters ("00") before
    for match in PHONE_RE.finditer(normalized, max(digits.start() - 2, 0)):
        if match.group(1) or match.group(2).startswith("0"):
            return True
    return False


def author_keyword(facts: Facts, rules: Rules) -> list[Hit]:
    """An author name that is a keyword (``Best SEO Services``, ``شركة نقل عفش``), not a person's name."""
    return [("author-keyword", 1.0)] if facts.author and is_keyword_name(facts.author, rules.vocabulary) else []


@lru_cache(maxsize=AUTHOR_CACHE_SIZE)
def is_keyword_name(author: str, vocabulary: Vocabulary) -> bool:
    """Whether an author name holds an author keyword or a spam term (cached: readers post many comments)."""
    name = normalize(author)
    name_words = words(name)
    return vocabulary.author_words.search(name, name_words) or bool(vocabulary.categories_in(name, name_words))


def author_url_as_name(facts: Facts, rules: Rules) -> list[Hit]:
    """An author name that is a URL or a domain."""
    return [("author-url", 1.0)] if facts.author and find_urls(facts.author) else []


def commercial_author_url(facts: Facts, rules: Rules) -> list[Hit]:
    """The commenter's website names a spam trade: often the only sign on generic praise."""
    commercial = facts.author_url and rules.vocabulary.commercial_url(url_key(facts.author_url))
    return [("author-url-commercial", 1.0)] if commercial else []


def shouting(facts: Facts, rules: Rules) -> list[Hit]:
    """Mostly capital letters over a comment of some length."""
    capitals = len(CAPITAL_RE.findall(facts.text))
    if capitals < SHOUTING_MIN_LETTERS * SHOUTING_MIN_SHARE or facts.text == facts.text.lower():
        return []  # (a text that lower case leaves alone has no capitals, only signs such as "×")
    letters = count_latin_letters(facts.text)
    return [("shouting", 1.0)] if letters >= SHOUTING_MIN_LETTERS and capitals / letters >= SHOUTING_MIN_SHARE else []


def repeated_symbols(facts: Facts, rules: Rules) -> list[Hit]:
    """Runs of one symbol (``$$$$``, ``✅✅✅✅``, ten ``!``); repeated letters are laughter or emphasis."""
    run = SYMBOL_RUN_RE.search(facts.text) or any(map(facts.text.__contains__, ASTRAL_SYMBOL_RUNS))
    return [("repeated-chars", 1.0)] if run else []


def junk(facts: Facts, rules: Rules) -> list[Hit]:
    """No word of any language (mash, one character repeated, punctuation, ``test``) from a junk author name.

    Laughter (``ههههه``, ``lol``, ``hahaha``) and emoji are words here; junk from a real name is a reader's,
    and so is junk without a name (SMS, some comment exports): what the name is cannot be told.
    """
    return [("junk", 1.0)] if facts.author and is_junk_name(facts.author) and is_junk(facts.text) else []


@lru_cache(maxsize=AUTHOR_CACHE_SIZE)
def is_junk_name(author: str) -> bool:
    """A name that is junk as a text is (``asdf``, ``test``, ``xxx``, ``123``, ``.``)."""
    return is_junk(author)


def website_echoed(facts: Facts, rules: Rules) -> list[Hit]:
    """The commenter's website is named by the comment's own words (``best movers`` from bestmovers.example)
    and not by the commenter's name (``omarhaddad.blog`` from Omar Haddad): the comment advertises it."""
    if not facts.author_url:
        return []
    host = url_key(host_of(facts.author_url))
    echoed = any(len(word) >= ECHO_MIN_LETTERS and word in host for word in facts.words)
    return [("author-url-echoed", 1.0)] if echoed and not names_site(facts.author, host) else []


@lru_cache(maxsize=AUTHOR_CACHE_SIZE)
def names_site(author: str, host_key: str) -> bool:
    """Whether a word of the author's name (three letters or more) is in the website's host."""
    return any(len(part) >= 3 and part in host_key for part in words(normalize(author)))


def foreign_language(facts: Facts, min_confidence: float) -> list[Hit]:
    """The comment is in another language than the article (``foreign-language:ru``).

    Weak, and ``SpamFilter`` looks for it only where it can change the verdict and there is a commercial
    sign, a link or a website for it to go with: a reader writing in Russian about the article is a reader.
    The identifier costs about 0.2 ms a comment, which is also why it runs only then.
    """
    if not facts.article_language:
        return []
    code, confidence = identify(facts.text)
    foreign = code is not None and code != facts.article_language and confidence >= min_confidence
    return [(f"foreign-language:{code}", 1.0)] if foreign else []


# The stateless signals, by what a comment must have for them to see anything: a signal is not called on a
# comment that lacks it (most comments have no link and no website).
TEXT_SIGNALS = (markup_link, repeated_tokens, vocabulary, generic_praise, contact_channels, shouting, repeated_symbols)
LINK_SIGNALS = (too_many_links, url_only, link_shortener, commercial_link)
AUTHOR_SIGNALS = (author_keyword, author_url_as_name, junk)
WEBSITE_SIGNALS = (commercial_author_url, website_echoed)
STATELESS_SIGNALS = TEXT_SIGNALS + LINK_SIGNALS + AUTHOR_SIGNALS + WEBSITE_SIGNALS


_SIGNALS_BY_PRESENCE = {
    (links, author, website): TEXT_SIGNALS + LINK_SIGNALS * links + AUTHOR_SIGNALS * author + WEBSITE_SIGNALS * website
    for links in (False, True)
    for author in (False, True)
    for website in (False, True)
}


def signals_for(facts: Facts) -> tuple:
    """The stateless signals that may see something in a comment with these facts."""
    return _SIGNALS_BY_PRESENCE[bool(facts.links), bool(facts.author), bool(facts.author_url)]
