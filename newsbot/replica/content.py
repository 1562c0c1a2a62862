"""The replica's content model: a deterministic, lazy generator of sections, posts and comments.

``Site(articles=N, seed=S, edited=K)`` holds N posts in the ``world-news`` section, max(10, N // 5) in
``sports`` and max(10, N // 20) in ``world-js`` (world news whose listing and comments need JavaScript:
``themes/tagdiv_js.py``; no traps, no copies). Post i of a section is a pure function of (seed, section, i) and is built on first use, so a
50,000-post site costs nothing until asked. Post i is published at a fixed start + i steps, so the newest
post has the highest index and ``Site(articles=N + 10)`` only adds newer posts.

Duplicate traps (world-news, by index, about 5 % each): ``i % 20 == 7`` republishes an earlier post
verbatim under a ``-2`` slug, ``i % 20 == 13`` rewrites an earlier post (one or two paragraphs reworded or
added). Fixed-index traps: see ``TRAPS``; the deleted post behind ``GHOST_PATH`` answers 404.
``edited=K`` changes one paragraph of K older posts and sets their ``modified`` after every publication.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from urllib.parse import quote

from newsbot.replica import phrases as P

TZ = timezone(timedelta(hours=3))  # Asia/Riyadh, no daylight saving
START = datetime(2015, 1, 3, 8, 0, tzinfo=TZ)
STEP = timedelta(minutes=97)
WORLD, SPORTS, WORLD_JS = "world-news", "sports", "world-js"
NEWS = (WORLD, WORLD_JS)  # sections of translated agency news (the others are sports roundups)
# post i of a section sits at time slot a * i + b (ids 1000 + 12 * slot never collide between sections)
SLOTS = {WORLD: (1, 0.0), SPORTS: (5, 2.5), WORLD_JS: (5, 1.25)}
TRAPS = {3: "malformed", 5: "windows-1256", 8: "500-once", 11: "slow"}
EXACT_COPY, NEAR_COPY = 7, 13  # i % 20 of the duplicate traps
GHOST_PATH = "/2015/01/04/%d8%ae%d8%a8%d8%b1-%d9%85%d8%ad%d8%b0%d9%88%d9%81/"  # "خبر محذوف", deleted


@dataclass(frozen=True)
class Section:
    slug: str
    name: str
    id: int
    count: int


@dataclass(frozen=True)
class Picture:
    path: str  # site-relative, e.g. /wp-content/uploads/2015/01/x.jpg
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class CommentModel:
    id: int
    parent_id: int | None
    author: str
    author_url: str | None
    published: datetime
    text: str  # plain text; URLs in it are links
    links: tuple[str, ...]  # hrefs of the links in the text, in order
    anchors: tuple[tuple[str, str], ...]  # (anchor text, href) for links whose text is not the URL
    spam: bool


@dataclass(frozen=True)
class PostRef:
    section: str
    index: int


@dataclass(frozen=True)
class Block:
    """One element of the post content, in order: a paragraph, a read-also line, a figure, the source link."""

    kind: str  # "p", "read-also", "figure", "source"
    text: str = ""
    ref: PostRef | None = None
    picture: Picture | None = None
    href: str | None = None


@dataclass(frozen=True)
class Teaser:
    """What links to a post need (title, URL path, id), computed without building the post."""

    ref: PostRef
    id: int
    title: str
    path: str


@dataclass(frozen=True)
class Post:
    ref: PostRef
    id: int
    slug: str  # as it appears in the URL (percent-encoded when Arabic)
    title: str
    published: datetime
    modified: datetime | None
    author: tuple[str, str] | None  # (display name, nicename)
    tags: tuple[str, ...]
    featured: Picture | None
    blocks: tuple[Block, ...]
    related: tuple[PostRef, ...]
    comments: tuple[CommentModel, ...]
    source_url: str | None
    trap: str | None = None
    duplicate_of: PostRef | None = None
    duplicate_kind: str | None = None

    @property
    def path(self) -> str:
        return f"{self.published:/%Y/%m/%d}/{self.slug}/"

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]

    @property
    def pictures(self) -> list[Picture]:
        inline = [b.picture for b in self.blocks if b.kind == "figure"]
        return ([self.featured] if self.featured else []) + inline


def _hash(*parts) -> int:
    return int.from_bytes(hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=4).digest(), "big")


def _rng(*parts) -> random.Random:
    return random.Random(":".join(map(str, parts)))


def _pick(rng: random.Random, seq):
    """``rng.choice`` without its overhead (a third of the generator's time otherwise)."""
    return seq[int(rng.random() * len(seq))]


def _sentence(rng: random.Random) -> str:
    form = int(rng.random() * 3)
    if form == 0:
        return (f"{_pick(rng, P.SAY_VERBS)} {_pick(rng, P.PEOPLE)[0]} {_pick(rng, P.CONTEXTS)} إن "
                f"{_pick(rng, P.ENTITIES)} {_pick(rng, P.ACTIONS)} {_pick(rng, P.OBJECTS)} {_pick(rng, P.REASONS)}.")
    if form == 1:
        fact = _pick(rng, P.FACTS).format(n=3 + int(rng.random() * 897))
        return (f"{fact} {_pick(rng, P.PLACES)} {_pick(rng, P.TIMES)}، {_pick(rng, P.LINKERS)} {_pick(rng, P.ENTITIES)} "
                f"{_pick(rng, P.ACTIONS)} {_pick(rng, P.OBJECTS)}.")
    return (f"{_pick(rng, P.ENTITIES)} {_pick(rng, P.ACTIONS)} {_pick(rng, P.OBJECTS)} {_pick(rng, P.TIMES)} "
            f"{_pick(rng, P.PLACES)}، {_pick(rng, P.LINKERS)} {_pick(rng, P.PEOPLE)[0]} {_pick(rng, P.REASONS)}.")


def _paragraph(rng: random.Random, phrases: list[str] | None = None) -> str:
    if phrases:
        return "، ".join(rng.sample(phrases, 3)) + "."
    return " ".join([_sentence(rng) for _ in range(1 + int(rng.random() * 3))])


def _arabic_slug(title: str) -> str:
    words = title.split()[:6]
    return quote("-".join(words), safe="-").lower()


class Site:
    """The content of the replica: sections and their posts, built lazily and deterministically."""

    def __init__(self, articles: int = 50, seed: int = 1, edited: int = 0):
        if articles < 1:
            raise ValueError("articles must be positive")
        self.articles, self.seed, self.edited = articles, seed, edited
        self.sections = {
            WORLD: Section(WORLD, "اخبار العالم", 3, articles),
            SPORTS: Section(SPORTS, "رياضة", 5, max(10, articles // 5)),
            WORLD_JS: Section(WORLD_JS, "فيديو وتقارير", 7, max(10, articles // 20)),
        }
        self.edited_indices = self._pick_edited()
        self._post = lru_cache(maxsize=4096)(self._build_post)
        # small per-post facts that links need, kept for every post (tens of MB at 50,000 posts)
        self._headline = lru_cache(maxsize=None)(self._headline_uncached)
        self._slug = lru_cache(maxsize=None)(self._slug_uncached)
        self.published = lru_cache(maxsize=None)(self._published)
        self._day_slugs = lru_cache(maxsize=1024)(self._slugs_of_day)

    # -- time and ids -------------------------------------------------------------------------------
    def _slot(self, ref: PostRef) -> float:
        step, offset = SLOTS[ref.section]
        return step * ref.index + offset

    def _published(self, ref: PostRef) -> datetime:
        jitter = _hash(self.seed, "jitter", ref.section, ref.index) % 40
        return START + STEP * self._slot(ref) + timedelta(minutes=jitter)

    def post_id(self, ref: PostRef) -> int:
        return 1000 + int(12 * self._slot(ref))

    @property
    def last_published(self) -> datetime:
        return max(self.published(PostRef(s.slug, s.count - 1)) for s in self.sections.values())

    # -- access ---------------------------------------------------------------------------------------
    def post(self, section: str, index: int) -> Post:
        if not 0 <= index < self.sections[section].count:
            raise IndexError(index)
        return self._post(PostRef(section, index))

    def posts(self, section: str, newest_first: bool = True):
        count = self.sections[section].count
        order = range(count - 1, -1, -1) if newest_first else range(count)
        return (self.post(section, i) for i in order)

    def teaser(self, ref: PostRef) -> Teaser:
        path = f"{self.published(ref):/%Y/%m/%d}/{self._slug(ref)}/"
        return Teaser(ref, self.post_id(ref), self._headline(ref)[0], path)

    def newest(self, section: str, start: int, size: int) -> list[Post]:
        """Posts ``start`` to ``start + size`` of a section counted from the newest."""
        top = self.sections[section].count - 1 - start
        return [self.post(section, i) for i in range(top, max(top - size, -1), -1)]

    def all_posts(self):
        """Every post of every section, oldest first within each section."""
        for section in self.sections:
            yield from self.posts(section, newest_first=False)

    def find(self, year: int, month: int, day: int, slug: str) -> Post | None:
        """The post published on that day under that slug (slug as in the URL, case-insensitive)."""
        ref = self._day_slugs((year, month, day)).get(slug.lower())
        return self.post(ref.section, ref.index) if ref else None

    def by_id(self, post_id: int) -> Post | None:
        for section in self.sections.values():
            slot = (post_id - 1000) / 12
            step, offset = SLOTS[section.slug]
            index = (slot - offset) / step
            if index == int(index) and 0 <= index < section.count:
                return self.post(section.slug, int(index))
        return None

    def _slugs_of_day(self, day: tuple[int, int, int]) -> dict[str, PostRef]:
        found = {}
        day_start = datetime(*day, tzinfo=TZ)
        first_slot = (day_start - START - timedelta(minutes=40)) / STEP
        last_slot = (day_start + timedelta(days=1) - START) / STEP
        for section in self.sections.values():
            step, offset = SLOTS[section.slug]
            lo, hi = (first_slot - offset) / step, (last_slot - offset) / step
            for i in range(max(0, int(lo)), min(section.count, int(hi) + 1)):
                ref = PostRef(section.slug, i)
                if self.published(ref).date() == day_start.date():
                    found[self._slug(ref).lower()] = ref
        return found

    # -- generation -----------------------------------------------------------------------------------
    def _pick_edited(self) -> tuple[int, ...]:
        if not self.edited:
            return ()
        rng = _rng(self.seed, "edited", self.articles)
        pool = [i for i in range(max(0, self.articles - 10)) if self._is_plain_original(i)]
        return tuple(sorted(rng.sample(pool, min(self.edited, len(pool)))))

    def _is_plain_original(self, i: int) -> bool:
        """Neither a trap nor a copy, nor the original of a later copy."""
        if i in TRAPS or i % 20 in (EXACT_COPY, NEAR_COPY):
            return False
        return all(self._original_of(j) != i for j in range(i + 1, i + 41) if j % 20 in (EXACT_COPY, NEAR_COPY))

    def _original_of(self, i: int) -> int:
        rng = _rng(self.seed, "original", i)
        o = max(0, i - 1 - rng.randrange(30))
        while o in TRAPS or o % 20 in (EXACT_COPY, NEAR_COPY):
            o -= 1
        return max(o, 0)

    def _build_post(self, ref: PostRef) -> Post:
        if self._is_copy(ref):
            return self._build_copy(ref)
        post = self._build_original(ref)
        if ref.section == WORLD and ref.index in self.edited_indices:
            post = self._edit(post)
        return post

    def _build_original(self, ref: PostRef) -> Post:
        rng = _rng(self.seed, "post", ref.section, ref.index)
        published = self.published(ref)
        world = ref.section in NEWS
        title, latin, _ = self._headline(ref)
        slug = self._slug(ref)
        trap = TRAPS.get(ref.index) if ref.section == WORLD else None
        paragraphs = self._paragraphs(rng, world, trap)
        featured = self._picture(rng, published, slug, "featured") if rng.random() < 0.85 else None
        blocks = self._blocks(rng, ref, paragraphs, published, slug)
        modified = published + timedelta(minutes=rng.randrange(5, 600)) if rng.random() < 0.6 else None
        author = rng.choice(P.AUTHORS) if rng.random() < 0.9 else None
        tag_bank = P.TAGS if world else P.SPORTS_TAGS
        tags = tuple(rng.sample(tag_bank, rng.randint(1, 4))) if rng.random() < 0.8 else ()
        source = self._source_url(rng, latin) if world and rng.random() < 0.9 else None
        if source:
            blocks = blocks + (Block("source", "Source link", href=source),)
        return Post(
            ref=ref, id=self.post_id(ref), slug=slug, title=title, published=published, modified=modified,
            author=author, tags=tags, featured=featured, blocks=blocks, related=self._related(rng, ref),
            comments=self._comments(ref, published), source_url=source, trap=trap,
        )

    def _is_copy(self, ref: PostRef) -> bool:
        return ref.section == WORLD and ref.index >= 20 and ref.index % 20 in (EXACT_COPY, NEAR_COPY)

    def _headline_uncached(self, ref: PostRef) -> tuple[str, str, str]:
        """(title, latin slug words, slug before de-duplication), cheap: no body is built."""
        if self._is_copy(ref):
            title, latin, base = self._headline(PostRef(WORLD, self._original_of(ref.index)))
            if ref.index % 20 == NEAR_COPY:
                rng = _rng(self.seed, "retitle", ref.index)
                title = f"{title.split()[0]} {rng.choice(P.TITLE_VERBS)[0]} {rng.choice(P.OBJECTS)}"
            return title, latin, base + ("-2" if ref.index % 20 == EXACT_COPY else "-updated")
        rng = _rng(self.seed, "headline", ref.section, ref.index)
        if ref.section in NEWS:
            _, person_en, person = rng.choice(P.PEOPLE)
            verb, verb_en = rng.choice(P.TITLE_VERBS)
            tail, tail_en = rng.choice(P.TITLE_TAILS)
            title = f"{person} {verb} {rng.choice(P.OBJECTS)} {tail}"
            latin = f"{person_en}-{verb_en}-{tail_en}"
        else:
            title = f"{rng.choice(P.SPORTS_TITLES)} ({rng.randrange(1, 99)})"
            latin = f"sports-roundup-{rng.randrange(100, 999)}"
        slug = _arabic_slug(title) if rng.random() < 0.35 else latin
        return title, latin, slug + "-video" if ref.section == WORLD_JS else slug  # no clash with world-news slugs

    def _slug_uncached(self, ref: PostRef) -> str:
        """WordPress appends -2, -3… to a slug already taken; only same-day clashes matter in the URL."""
        base, day = self._headline(ref)[2], self.published(ref).date()
        taken = set()
        for j in range(ref.index - 1, -1, -1):
            earlier = PostRef(ref.section, j)
            if self.published(earlier).date() != day:
                break
            taken.add(self._slug(earlier))
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        return slug

    def _paragraphs(self, rng: random.Random, world: bool, trap: str | None) -> list[str]:
        if not world:
            return [_paragraph(rng, P.SPORTS_PHRASES) for _ in range(rng.randint(3, 5))]
        paragraphs = [_paragraph(rng) for _ in range(rng.randint(7, 11))]
        paragraphs[0] = f"{rng.choice(P.DATELINES)} {paragraphs[0]}"
        if trap == "malformed":
            paragraphs[2] += " وارتفعت حصة شركة AT&T إلى < 5 بالمئة & أكثر."
        return paragraphs

    def _picture(self, rng: random.Random, published: datetime, slug: str, role: str) -> Picture:
        name = f"{published:%Y/%m}/{role}-{rng.randrange(10**6):06d}.jpg"
        caption = f"{rng.choice(P.PEOPLE)[0]} {rng.choice(P.CAPTION_PREFIXES)} {rng.choice(P.PLACES)} في {arabic_date(published)}."
        credit = rng.choice(P.PHOTOGRAPHERS) if rng.random() < 0.85 else None
        return Picture(f"/wp-content/uploads/{name}", caption if rng.random() < 0.9 else None, credit)

    def _blocks(self, rng, ref: PostRef, paragraphs: list[str], published: datetime, slug: str) -> tuple[Block, ...]:
        blocks = [Block("p", text) for text in paragraphs]
        if ref.index > 0:
            for _ in range(rng.randint(1, 2)):
                target = PostRef(ref.section, rng.randrange(ref.index))
                blocks.insert(rng.randint(2, len(blocks) - 1), Block("read-also", rng.choice(P.READ_ALSO_LABELS), target))
        if ref.section in NEWS and rng.random() < 0.4:
            blocks.insert(rng.randint(3, len(blocks) - 1), Block("figure", picture=self._picture(rng, published, slug, "inline")))
        return tuple(blocks)

    def _source_url(self, rng: random.Random, latin: str) -> str:
        if rng.random() < 0.8:
            return f"https://apnews.com/article/{latin}-{rng.getrandbits(128):032x}"
        return f"https://www.reuters.com/world/{latin}-{rng.randrange(2015, 2024)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}/"

    def _related(self, rng: random.Random, ref: PostRef) -> tuple[PostRef, ...]:
        if ref.index < 3:
            return ()
        return tuple(PostRef(ref.section, j) for j in sorted(rng.sample(range(ref.index), 3), reverse=True))

    def _comments(self, ref: PostRef, published: datetime) -> tuple[CommentModel, ...]:
        rng = _rng(self.seed, "comments", ref.section, ref.index)
        if rng.random() < 0.3:
            return ()
        post_id, comments, when = self.post_id(ref), [], published
        for k in range(rng.randint(1, 12 if ref.section in NEWS else 3)):
            when += timedelta(minutes=rng.randrange(3, 900))
            parent = rng.choice(comments) if comments and rng.random() < 0.4 else None
            comments.append(_comment(rng, post_id * 16 + k, parent, when))
        return tuple(comments)

    def _build_copy(self, ref: PostRef) -> Post:
        original = self._post(PostRef(WORLD, self._original_of(ref.index)))
        rng = _rng(self.seed, "copy", ref.index)
        published = self.published(ref)
        common = dict(ref=ref, id=self.post_id(ref), published=published, duplicate_of=original.ref,
                      comments=self._comments(ref, published), related=self._related(rng, ref),
                      modified=None, trap=None)
        if ref.index % 20 == EXACT_COPY:
            return replace(original, slug=self._slug(ref), duplicate_kind="exact", **common)
        blocks = _reword(rng, list(original.blocks))
        return replace(original, slug=self._slug(ref), title=self._headline(ref)[0], blocks=tuple(blocks), duplicate_kind="near", **common)

    def _edit(self, post: Post) -> Post:
        rng = _rng(self.seed, "edit", post.ref.index)
        blocks = list(post.blocks)
        n = [k for k, b in enumerate(blocks) if b.kind == "p"][1]
        blocks[n] = Block("p", _paragraph(rng) + " (تحديث)")
        return replace(post, blocks=tuple(blocks), modified=self.last_published + timedelta(hours=6))


def _shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def _body_shingles(blocks: list[Block]) -> set[tuple[str, ...]]:
    return _shingles(" ".join(b.text for b in blocks if b.kind == "p"))


def _reword(rng: random.Random, blocks: list[Block], floor: float = 0.62) -> tuple[Block, ...]:
    """A rewrite of a body: a paragraph maybe added, then sentences of the later paragraphs replaced one at
    a time until the shingle Jaccard with the original reaches a target drawn in [0.65, 0.85]."""
    original, target = _body_shingles(blocks), rng.uniform(0.65, 0.85)
    positions = [n for n, b in enumerate(blocks) if b.kind == "p"][1:]
    if rng.random() < 0.4:
        blocks.insert(positions[-1] + 1, Block("p", _paragraph(rng)))
    for n in rng.sample(positions, len(positions)):
        sentences = blocks[n].text.split(". ")
        k = rng.randrange(len(sentences))
        sentences[k] = _sentence(rng).rstrip(".") + ("." if k == len(sentences) - 1 else "")
        candidate = blocks[:n] + [Block("p", ". ".join(sentences))] + blocks[n + 1:]
        shingles = _body_shingles(candidate)
        score = len(original & shingles) / len(original | shingles)
        if score < floor:
            continue
        blocks = candidate
        if score <= target:
            break
    return tuple(blocks)


def _comment(rng: random.Random, comment_id: int, parent: CommentModel | None, when: datetime) -> CommentModel:
    kinds = ["legit", "legit-url", "stuffing", "casino", "url-only", "service", "trade"]
    kind = rng.choices(kinds, [60, 8, 6, 6, 6, 6, 8])[0]
    if parent is not None and parent.spam and kind != "legit":
        kind = "reply-to-spam"
    author, author_url, text, anchors, spam = rng.choice(P.COMMENTER_NAMES), None, "", (), False
    if kind == "legit":
        text = rng.choice(P.LEGIT_COMMENTS)
        author_url = "https://blog.example.net/" if rng.random() < 0.1 else None
    elif kind == "legit-url":
        url = f"https://www.bbc.com/arabic/world-{rng.randrange(10**7, 10**8)}"
        text = f"التفاصيل الكاملة هنا {url}"
    elif kind == "reply-to-spam":
        text = rng.choice(P.REPLIES_TO_SPAM)
    elif kind == "stuffing":
        author, spam = "WEBSITE WEBSITE WEBSITE WEBSITE", True
        author_url = "https://website-website.example/"
        text = "WEBSITE " * rng.randint(4, 9) + "best WEBSITE"
    elif kind == "casino":
        spam = True
        pairs = rng.sample(P.SPAM_CASINO, 2)
        author, author_url = pairs[0][0], pairs[0][1]
        text = f"{pairs[0][0]} و {pairs[1][0]} احصل على مكافأة الآن"
        anchors = tuple(pairs)
    elif kind == "trade":  # other languages, more trades, scams without a link, junk
        spam = True
        author, author_url, text = rng.choice(P.SPAM_TRADES)
        author_url = author_url or None
    elif kind == "url-only":
        spam, text = True, rng.choice(P.SPAM_URLS)
        author = text.split("/")[2]
    else:  # service company with a phone number
        name, phone = rng.choice(P.SPAM_SERVICES)
        author, author_url, spam = name, f"https://{phone}.example/", True
        text = f"{name} بأفضل الأسعار اتصل الآن {phone} خدمة 24 ساعة"
    links = tuple(href for _, href in anchors) + tuple(w for w in text.split() if w.startswith("http"))
    return CommentModel(comment_id, parent.id if parent else None, author, author_url, when, text.strip(), links, anchors, spam)


ARABIC_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"]


def arabic_date(when: datetime) -> str:
    """WordPress's ``j F Y`` in the Arabic locale: ``2 مارس 2023``."""
    return f"{when.day} {ARABIC_MONTHS[when.month - 1]} {when.year}"


def arabic_time(when: datetime) -> str:
    """WordPress's ``g:i a`` in the Arabic locale: ``5:33 م``."""
    return f"{(when.hour - 1) % 12 + 1}:{when.minute:02d} {'ص' if when.hour < 12 else 'م'}"
