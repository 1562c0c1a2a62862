"""Rules that remove what a template or an auto-blog plugin adds to an article body, paragraph by paragraph.

Every rule is a named regular expression in ``RULES`` that must match a *whole* paragraph (``fullmatch``) of at
most ``INSERT_MAX_CHARS`` (300) characters, so a paragraph of news that merely mentions AP, a "source" or a
share is kept. The rules are conservative on purpose: a paragraph that starts with a dateline
(``نيودلهي (أ ف ب) –``) is never matched by any of them. To add a rule for every site, add an entry to
``RULES`` (and a positive and a negative case to ``tests/test_clean.py``).

- ``read_also``: ``Read also`` / ``اقرأ أيضا`` / ``إقرأ أيضاً`` / ``شاهد أيضا`` / ``اقرأ المزيد`` / ``READ MORE`` /
  ``Lee también`` / ``À lire aussi`` lines, with the linked title that follows them (one line of at most 200
  characters).
- ``source_link``: attribution-only lines: ``Source link``, ``رابط المصدر``, ``المصدر: وكالات`` (a label, a
  colon and at most 8 words).
- ``share``: share prompts made only of share words and network names (``Share this:``, ``شارك``,
  ``Facebook Twitter WhatsApp``).
- ``promo``: newsletter and ad inserts (``Subscribe to our newsletter``, ``إعلان``, ``Advertisement``,
  ``تابعونا على تلغرام``, ``Follow ONE Esports on Facebook…``), affiliate-link disclosures.
- ``paywall``: subscription notices where the rest of the article would be (``この記事は会員限定です``,
  ``Subscribe to continue reading``, ``Cet article est réservé aux abonnés``).
- ``photo_credit``: photo credit lines: ``أوليفييه دوليري / صورة بركة عبر AP``, ``(Photo: AFP)``,
  ``Getty Images``, ``رويترز/أحمد``, ``AP Photo/Evan Vucci``: a photo label with its source, agencies only,
  or a line of at most 100 characters, without a sentence end, with a ``/`` or ``via``/``عبر`` and an agency
  (or ``صورة بركة``, ``مواقع التواصل``…).
- ``template``: paragraphs made only of the theme's own labels, one a line, when they leak into the body
  (tagDiv Newspaper: ``RELATED ARTICLES``, ``LEAVE A REPLY``, ``Please enter your comment!``, ``Most
  Popular``…; and their Arabic).
- ``caption``: captions the extractor missed: a paragraph that ends with a parenthesized photo credit
  (``… (AP Photo/Evan Vucci)``); or a paragraph directly followed by a photo credit line that describes a
  picture (a position in it: ``أعلى الوسط``, ``يسار``, ``(L)``…) or ends with the full date the picture was
  taken (``… في 2 مارس 2023.``), the way agency captions are written.

One rule looks at the body's end rather than at one paragraph:

- ``related_tail``: a related-links or comments heading (``More Must-Reads From TIME``, ``Related stories``,
  ``เรื่องที่เกี่ยวข้อง``, ``関連記事``, ``مقالات ذات صلة``, ``Comentarios``…), not the first paragraph, followed by
  at most 12 paragraphs of at most 200 characters each and nothing else: the heading and those paragraphs.

A site profile adds its own patterns with ``extra_patterns`` (strings or compiled patterns); they are searched
(``re.search``) in each paragraph, so anchor them (``^…$``) to remove only whole paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple


class RemovedParagraph(NamedTuple):
    text: str
    rule: str  # the name of the rule in RULES, or "extra" for a site's own pattern


def _alternatives(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_SEP = r"\s*[:：\-–—|،,]*\s*"
_AGENCY = _alternatives(
    r"AP(?: Photo)?", r"AFP", r"Reuters", r"REUTERS", r"Getty(?: Images)?", r"EPA(?:-EFE)?", r"EFE",
    r"Anadolu(?: Agency)?", r"Xinhua", r"Shutterstock", r"SIPA", r"Pool", r"POOL", r"Bloomberg", r"Sputnik",
    r"TASS", r"DPA", r"dpa", r"UPI", r"IRNA", r"WANA", r"Twitter", r"X", r"Facebook",
    r"رويترز", r"أ ف ب", r"أ\.ف\.ب", r"ا ف ب", r"فرانس برس", r"الفرنسية", r"أ ب", r"أ\.ب", r"إيه بي",
    r"أسوشيتد برس", r"أسوشييتد برس", r"غيتي(?: إيماجز)?", r"جيتي(?: إيماجز)?", r"الأناضول", r"شينخوا",
    r"سبوتنيك", r"د ب أ", r"إفي", r"واس", r"وام", r"سانا", r"ارنا", r"إرنا", r"بلومبرغ",
    r"صورة بركة", r"صورة مجمعة", r"صورة أرشيفية", r"أرشيف", r"مواقع التواصل(?: الاجتماعي)?",
    r"وسائل التواصل(?: الاجتماعي)?", r"وكالات", r"الإنترنت", r"متداولة",
)
_PHOTO_WORD = _alternatives(
    r"[Pp]hoto(?:graph)?s?", r"[Pp]ictures?", r"[Ii]mages?", r"[Cc]redit", r"[Pp]hoto [Cc]redit",
    r"صورة", r"الصورة", r"الصور", r"تصوير", r"مصدر الصورة", r"حقوق الصورة", r"الصورة من",
)
_CREDIT_TEXT = r"[^.!?؟\n]{1,80}"
_READ_ALSO_WORD = _alternatives(
    r"[اإأ]قر[أا]\s+(?:[أا]يض[اًٌ]*|المزيد)", r"شاهد\s+[أا]يض[اًٌ]*", r"طالع\s+[أا]يض[اًٌ]*",
    r"(?i:read\s+(?:also|more|next)|see\s+also)", r"(?:RELATED|Related)\s*(?::|$)",
    r"(?:Lee|Lea|Leer)\s+(?:también|más)", r"(?:À\s+)?[Ll]ire\s+aussi", r"Lesen Sie (?:auch|mehr)",
    r"Leia\s+(?:também|mais)",
)
_SHARE_WORD = _alternatives(
    r"[Ss]hare(?:\s+(?:this|on|via|the|article|post|story))*", r"[Cc]lick to share on \w+(?: \([^)]*\))?",
    r"شارك(?:\s+(?:هذا|هذه|الخبر|المقال|المقالة|على|عبر))*", r"مشاركة", r"انشر", r"Facebook", r"Twitter",
    r"X", r"WhatsApp", r"Telegram", r"LinkedIn", r"Pinterest", r"Reddit", r"Email", r"Print", r"Tweet",
    r"فيسبوك", r"فيس بوك", r"تويتر", r"واتساب", r"واتس آب", r"تيليجرام", r"تلغرام", r"لينكد إن", r"طباعة",
    r"البريد الإلكتروني", r"Copy\s+(?:link|URL)", r"نسخ الرابط",
)
_POSITION_IN_PICTURE = r"(?<!\w)" + _alternatives(
    r"أعلى الوسط", r"أسفل الوسط", r"يسار", r"يمين", r"وسط", r"الوسط", r"اليسار", r"اليمين", r"في الصورة",
    r"\((?:L|R|C|left|right|center|centre)\)", r"pictured", r"seen here", r"foreground", r"background",
) + r"(?!\w)"
_MONTH = (
    r"(?:يناير|فبراير|مارس|[أإا]بريل|مايو|يونيو|يونيه|يوليو|يوليه|[أا]غسطس|سبتمبر|[أا]كتوبر|نوفمبر|ديسمبر"
    r"|كانون الثاني|شباط|[آا]ذار|نيسان|[أا]يار|حزيران|تموز|آب|[أا]يلول|تشرين الأول|تشرين الثاني|كانون الأول"
    r"|January|February|March|April|May|June|July|August|September|October|November|December)"
)
_ENDS_WITH_DATE = rf"(?:\d{{1,2}}\s+{_MONTH}\s*،?\s*\d{{4}}|{_MONTH}\s+\d{{1,2}},?\s+\d{{4}})\s*[.)]?"

_NETWORK = _alternatives(
    r"Facebook", r"Twitter", r"X", r"Instagram", r"YouTube", r"TikTok", r"Telegram", r"WhatsApp", r"LinkedIn",
    r"Threads", r"Google News",
)
_PAYWALL = _alternatives(
    r"この記事は(?:会員|有料会員)限定です", r"(?:続きを読む|続きをお読み)",
    r"(?i:(?:this|the) (?:article|story|content) is (?:only )?(?:for|available to|exclusive to|reserved for)"
    r" (?:paying )?(?:subscribers|members))",
    r"(?i:(?:subscribe|sign in|log in|register)(?: now)? to (?:continue|keep) reading)",
    r"Suscr[ií]bete para (?:seguir|continuar) leyendo", r"Cet article est réservé aux abonnés",
    r"Dieser Artikel ist (?:nur )?für Abonnenten", r"هذا المحتوى (?:متاح )?للمشتركين فقط",
)

INSERT_MAX_CHARS = 300  # a longer paragraph is never matched by RULES (and is not tried: most news is longer)
RULES: dict[str, re.Pattern[str]] = {
    "read_also": re.compile(rf"{_READ_ALSO_WORD}{_SEP}[^\n]{{0,200}}"),
    "source_link": re.compile(
        rf"(?:[Ss]ource\s+[Ll]ink|رابط المصدر|المصدر الأصلي)(?:{_SEP}\S+)?"
        rf"|(?:[Ss]ource|[Ss]ources|المصدر|المصادر|مصدر الخبر)\s*[:：]\s*\S+(?:\s+\S+){{0,7}}\s*"
    ),
    "share": re.compile(rf"(?:{_SHARE_WORD}{_SEP})+"),
    "promo": re.compile(
        r"(?:[Ss]ubscribe|[Ss]ign up|[Jj]oin)\b[^\n]{0,80}\b(?:newsletter|channel|updates)\b[^\n]{0,80}"
        r"|(?:[اإ]شترك|سجل|انضم)[^\n]{0,60}(?:النشرة البريدية|النشرة الإخبارية|نشرتنا|القائمة البريدية|قناتنا)"
        r"[^\n]{0,60}"
        r"|(?:تابعونا|تابعوا|[Ff]ollow us)\s+(?:على|عبر|on)\s+[^\n.]{1,60}"
        rf"|(?:Follow|Síguenos|Suivez)(?:\s+[^\s,.;:]+){{0,4}}\s+(?:on|en|sur)\s+{_NETWORK}[^\n]{{0,120}}"
        r"|(?=[^\n]*\baffiliate links?\b)(?=[^\n]*\b(?:commission|earn|purchase)\b)[^\n]+"
        r"|(?:إعلان|اعلان|[Aa]dvertisement|ADVERTISEMENT|[Ss]ponsored|محتوى مدعوم|محتوى مموَّ?ل)\s*[:：]?"
    ),
    "photo_credit": re.compile(
        rf"\(?\s*{_PHOTO_WORD}\s*[:：/]\s*{_CREDIT_TEXT}\)?"
        rf"|©?\s*{_AGENCY}(?:\s*(?:/|,|،|via|عبر|و)\s*{_AGENCY})*\s*"
        # at most 100 characters, no sentence end, a "/" or "via", an agency
        rf"|(?=[^\n]{{1,100}}$)(?![^\n]*[.!?؟]$)(?=.*(?:/|\bvia\b|عبر))(?=.*(?<!\w){_AGENCY}(?!\w)).+"
    ),
    # subscription walls: the notice where the rest of the article would be
    "paywall": re.compile(rf"[^\n]{{0,120}}{_PAYWALL}[^\n]{{0,160}}"),
    # comment-policy notices printed under articles, above their comments
    "comment_policy": re.compile(
        r"[^\n]{0,120}(?:(?:الآراء|التعليقات) (?:الواردة|المنشورة)[^\n]{0,40}لا (?:تعبر|تعكس)"
        r"|مراجعة التعليقات|إرشادات (?:المجتمع|النشر|التعليق)|سياسة التعليقات"
        r"|[Cc]omments (?:are|will be) (?:moderated|reviewed)|[Cc]ommunity (?:guidelines|standards)"
        r"|(?:views|opinions) expressed (?:in|by) (?:the )?comments"
        r"|comentarios (?:es|son) (?:la |las )?opini[oó]n|(?i:no está permitido|se reserva el derecho)[^\n]{0,60}comentario"
        r"|commentaires (?:n'engagent|sont modérés))[^\n]{0,200}"
    ),
    "template": re.compile(r"(?:{0})(?:\n(?:{0}))*".format(
        r"RELATED ARTICLES|MORE FROM AUTHOR|LEAVE A REPLY|Please enter your comment!|Please enter your name here"
        r"|You have entered an incorrect email address!|Please enter your email address here"
        r"|Save my name, email, and website in this browser for the next time I comment\."
        r"|Most Popular|Recent Comments|Popular Posts|Editor Picks|Popular Category"
        r"|مقالات ذات صلة|المزيد من الكاتب|اترك تعليقا|اترك ردا|اترك رداً|اترك تعليقاً|الأكثر شعبية"
        r"|أحدث التعليقات|آخر التعليقات|أخبار ذات صلة|الأكثر قراءة|اختيارات المحرر"
    )),
}
_INLINE_CREDIT = re.compile(
    rf"[^\n]{{20,}}\(\s*(?:{_AGENCY}(?:\s*Photo)?\s*/\s*[^)]{{1,60}}|{_PHOTO_WORD}\s*[:：]\s*[^)]{{1,60}})\)\s*"
)
# the heading of a related-links or comments block; from it, a body's short last paragraphs are that block
_TAIL_HEADING = re.compile(_alternatives(
    r"(?i:related(?: articles| stories| posts| news| coverage| content)?|more (?:must-reads |stories |news )?from"
    r" [^\n]{1,30}|more stories|you (?:may|might) also like|recommended(?: for you)?|read next"
    r"|(?:leave a |post a |add a )?comments?)",
    r"(?:[Nn]oticias|[Aa]rtículos) relacionad[oa]s", r"[Tt]e puede interesar", r"[Cc]omentar(?:ios)?",
    r"[Ss]ur le même sujet", r"[Cc]ommentaires?", r"Mehr zum Thema", r"Kommentare",
    r"เรื่องที่เกี่ยวข้อง", r"ข่าวที่เกี่ยวข้อง", r"関連記事", r"相关(?:新闻|文章|阅读)", r"相關(?:新聞|文章)",
    r"(?:مقالات|أخبار|مواضيع) ذات صلة", r"التعليقات", r"اترك (?:تعليقا|ردا)",
) + r"\s*[:：]?")
_TAIL_LINE_MAX_CHARS = 200
_TAIL_MAX_PARAGRAPHS = 12  # after the heading: a longer run of short paragraphs may be the article's own
_CAPTION_HINT = re.compile(rf"[^\n]*(?:{_POSITION_IN_PICTURE}[^\n]*|{_ENDS_WITH_DATE})")
_CAPTION_MAX_CHARS = 400


def _rule_of(paragraph: str) -> str | None:
    if _INLINE_CREDIT.fullmatch(paragraph):
        return "caption"
    if len(paragraph) <= INSERT_MAX_CHARS:
        for name, pattern in RULES.items():
            if pattern.fullmatch(paragraph):
                return name
    return None


def is_photo_credit(text: str) -> bool:
    """Whether ``text`` is a photo credit line ("Jane Doe / AP", "(Photo: AFP)")."""
    return len(text) <= INSERT_MAX_CHARS and bool(RULES["photo_credit"].fullmatch(text))


def _compile(patterns: Iterable[str | re.Pattern[str]]) -> list[re.Pattern[str]]:
    return [p if isinstance(p, re.Pattern) else re.compile(p) for p in patterns]


def _is_caption_before_credit(paragraph: str) -> bool:
    return len(paragraph) <= _CAPTION_MAX_CHARS and bool(_CAPTION_HINT.fullmatch(paragraph))


def _related_tail(paragraphs: Sequence[str]) -> int:
    """Where a related-links or comments block at the end of the body starts: a heading (``_TAIL_HEADING``,
    not the first paragraph) followed by at most ``_TAIL_MAX_PARAGRAPHS`` paragraphs, all short (link titles,
    notices); else the end."""
    short_from = len(paragraphs)  # paragraphs[short_from:] are all short
    while short_from > 0 and len(paragraphs[short_from - 1]) <= _TAIL_LINE_MAX_CHARS:
        short_from -= 1
    for i in range(max(short_from, 1, len(paragraphs) - 1 - _TAIL_MAX_PARAGRAPHS), len(paragraphs)):
        if _TAIL_HEADING.fullmatch(paragraphs[i]):
            return i
    return len(paragraphs)


def remove_boilerplate(
    paragraphs: Sequence[str], extra_patterns: Iterable[str | re.Pattern[str]] = ()
) -> tuple[list[str], list[RemovedParagraph]]:
    """Split ``paragraphs`` into the ones kept and the ones removed (with the rule that removed each).

    The removed list is in body order.
    """
    extras = _compile(extra_patterns)
    rules: list[str | None] = []
    for paragraph in paragraphs:
        rule = _rule_of(paragraph)
        if rule is None and any(p.search(paragraph) for p in extras):
            rule = "extra"
        rules.append(rule)
    for i in range(len(paragraphs) - 1):
        if rules[i] is None and rules[i + 1] == "photo_credit" and _is_caption_before_credit(paragraphs[i]):
            rules[i] = "caption"
    tail = _related_tail(paragraphs)
    rules[tail:] = ["related_tail"] * (len(paragraphs) - tail)
    kept = [p for p, rule in zip(paragraphs, rules) if rule is None]
    removed = [RemovedParagraph(p, rule) for p, rule in zip(paragraphs, rules) if rule is not None]
    return kept, removed
