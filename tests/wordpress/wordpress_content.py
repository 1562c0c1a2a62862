"""What the test WordPress holds: a deterministic plan of users, categories, posts and comments.

About 30 Arabic world-news posts (section `world-news`, shown as «اخبار العالم») and 10 sports posts
(`sports`, «رياضة») that a crawl of world news must leave out. Dates are local times of the site
(Asia/Riyadh) in 2023; every fourth post is modified later. Each world-news post ends with a «Source link»
paragraph as on the target site. One post is republished verbatim under another slug (exact duplicate),
another is rewritten lightly (near duplicate). Comments mix legitimate threaded Arabic ones with spam
(keyword stuffing, casino/pharma link stuffing, URL only); `spam` is the label the truth carries.
The plan is plain data; php/populate.php inserts it.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from html import escape

WORLD_NEWS_SLUG = "world-news"
WORLD_NEWS_NAME = "اخبار العالم"
SPORTS_SLUG = "sports"
SPORTS_NAME = "رياضة"
WORLD_NEWS_POSTS = 30
SPORTS_POSTS = 10
SEED = 20230302
FIRST_DATE = datetime(2023, 1, 4, 9, 15)
SOURCE_LINK_TEXT = "Source link"

USERS = [
    {"login": "sara", "display_name": "سارة الأحمد", "email": "sara@example.org"},
    {"login": "mohammed", "display_name": "محمد العلي", "email": "mohammed@example.org"},
    {"login": "layla", "display_name": "ليلى حسن", "email": "layla@example.org"},
]

SUBJECTS = [
    "وزير الخارجية الأمريكي", "الرئيس الفرنسي", "رئيس الوزراء البريطاني", "المستشار الألماني",
    "الأمين العام للأمم المتحدة", "وزير الدفاع الياباني", "رئيسة المفوضية الأوروبية", "المتحدث باسم الكرملين",
    "وزير المالية الهندي", "الرئيس البرازيلي", "وزيرة الخارجية الأسترالية", "رئيس الوزراء الكندي",
]
CITIES = [
    "نيودلهي", "جنيف", "بروكسل", "نيويورك", "طوكيو", "برلين", "باريس", "لندن", "نيروبي", "برازيليا",
    "سيول", "جاكرتا", "أوتاوا", "مدريد", "روما",
]
WEEKDAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
REPORTING_VERBS = ["أعلن", "أكد", "أوضح", "ذكر", "رأى"]
CLAIMS = [
    "المحادثات ستستأنف الأسبوع المقبل بمشاركة وفود من عدة دول",
    "بلاده ستزيد المساعدات الإنسانية للمتضررين من الفيضانات",
    "الحكومة تدرس فرض عقوبات جديدة على شركات الطاقة",
    "الاتفاق التجاري سيوقع قبل نهاية العام الجاري",
    "أسعار الطاقة ستظل مرتفعة طوال فصل الشتاء",
    "الانتخابات ستجرى في موعدها رغم الصعوبات الأمنية",
    "فرق الإنقاذ ما زالت تبحث عن ناجين تحت الأنقاض",
    "الهدنة صامدة رغم تبادل الاتهامات بخرقها",
    "معدل التضخم بدأ يتراجع تدريجيا منذ الربيع",
    "المفاوضات النووية وصلت إلى مرحلة حاسمة",
    "الجفاف يهدد محاصيل ملايين المزارعين في المنطقة",
    "القمة ستركز على الأمن الغذائي وتغير المناخ",
    "البنك المركزي قد يرفع أسعار الفائدة مرة أخرى",
    "آلاف اللاجئين عبروا الحدود خلال الأيام الماضية",
    "الموانئ استأنفت تصدير الحبوب بعد توقف طويل",
    "التحقيق في الحادث سيستغرق عدة أشهر",
    "الشركات الكبرى وعدت بخفض انبعاثاتها إلى النصف",
    "المعارضة رفضت نتائج الاستفتاء ودعت إلى الاحتجاج",
]
SOURCES = [
    "مسؤول كبير طلب عدم الكشف عن هويته", "متحدث باسم الحكومة", "دبلوماسي غربي", "مصدر مطلع على المحادثات",
    "محلل سياسي في مركز أبحاث مستقل", "مسؤول في وزارة الخارجية",
]
CONTEXTS = [
    "في وقت تتصاعد فيه التوترات بين القوى الكبرى",
    "بعد أسابيع من الجمود الدبلوماسي",
    "قبيل اجتماع وزراء خارجية مجموعة العشرين",
    "وسط مخاوف من ركود اقتصادي عالمي",
    "عقب موجة من الاحتجاجات في عدة مدن",
    "بينما تواصل المنظمات الدولية دعواتها إلى ضبط النفس",
]
TOPICS = [
    "تصاعد التوترات في شرق أوروبا", "أزمة الغذاء العالمية", "محادثات المناخ", "أسعار الطاقة",
    "الانتخابات المقبلة", "اتفاق الحبوب", "العقوبات الجديدة", "موجة الجفاف", "أزمة اللاجئين",
    "المفاوضات النووية", "التضخم المتزايد", "إعادة الإعمار",
]
TITLE_VERBS = ["يحذر من", "يبحث", "يعلق على", "يدعو إلى حل", "يتحدث عن"]
TAGS = ["روسيا", "أوكرانيا", "الأمم المتحدة", "الاقتصاد", "المناخ", "الانتخابات", "الطاقة", "الاتحاد الأوروبي"]
AGENCIES = ["apnews.example", "reuters.example", "afp.example"]

TEAMS = ["الهلال", "النصر", "الأهلي", "الاتحاد", "الشباب", "الاتفاق", "الفتح", "التعاون"]
SPORTS_SENTENCES = [
    "سجل المهاجم هدفين في الشوط الثاني وسط حضور جماهيري كبير",
    "أشاد المدرب بأداء لاعبيه وقال إن الفريق يتحسن من مباراة إلى أخرى",
    "غاب قائد الفريق عن المباراة بسبب الإصابة",
    "يتصدر الفريق جدول الترتيب بفارق ثلاث نقاط عن أقرب منافسيه",
    "أعلن النادي تجديد عقد حارس المرمى لموسمين إضافيين",
    "ستقام المباراة المقبلة على ملعب الملك فهد الدولي",
]

LEGIT_COMMENTS = [
    "مقال ممتاز، شكرا على الترجمة الدقيقة.",
    "أتمنى أن تنجح المفاوضات هذه المرة.",
    "هل هناك مصدر آخر لهذا الخبر؟",
    "تحليل متوازن، لكن ينقصه رأي الطرف الآخر.",
    "الوضع مقلق فعلا ونحتاج إلى متابعة مستمرة.",
    "Надеюсь, переговоры дадут результат.",
    "هههههههه",
    "😂😂",
    "رقم طوارئ السفارة في أنقرة 00903124567890 لمن يحتاج.",
]
LEGIT_REPLIES = [
    "المصدر مذكور في نهاية المقال.",
    "أتفق معك تماما، الصورة لم تكتمل بعد.",
]
COMMENTERS = ["أحمد", "فاطمة", "خالد", "نور", "يوسف", "مريم"]
SPAM_COMMENTS = [
    # (author, author_url, content)
    ("WEBSITE", "", "WEBSITE WEBSITE WEBSITE WEBSITE"),
    ("Best Casino", "http://casino-bonus.example/",
     'Win big at the <a href="http://casino-bonus.example/">online casino</a>, free spins at '
     '<a href="http://slots.example/bonus">best slots</a> and cheap viagra at '
     '<a href="http://pharma.example/buy">pharmacy online</a> no prescription'),
    ("pills", "", "https://cheap-pills.example/offer"),
    # other languages, more trades, scams without a link, praise with a website, junk
    ("Права", "http://prava-bez.example/", "Купить водительские права без экзаменов, быстро и надёжно"),
    ("giris", "", "Canlı bahis ve casino siteleri, kaçak bahis giriş adresi"),
    ("Agen", "https://agenslot.example/", "Agen judi slot online terpercaya, deposit pulsa"),
    ("Kevin", "", "论文代写 作业代写 代考 联系微信 paper666"),
    ("روحاني", "", "جلب الحبيب بسرعة ورد المطلقة، شيخ روحاني مضمون 0096599887766"),
    ("سداد", "", "قروض بدون كفيل وسداد المتعثرات في نفس اليوم، تواصل معنا 0506677889"),
    ("مسيار", "", "زواج مسيار ومطلقات للزواج، ارقام بنات للتعارف 0550011223"),
    ("Daniel", "", "Scammed? Contact the best funds recovery experts on WhatsApp +44 7700 900123"),
    ("Grace", "", "Love spells that work, contact the great spell caster at spelltemple@outlook.com"),
    ("Noah", "https://seoagency-pro.example/", "Thanks for sharing, very informative post!"),
    ("qwe", "", "!!!!!!!!!"),
]


def plan() -> dict:
    """The whole site as plain data; the same on every call."""
    rng = random.Random(SEED)
    world = [_world_post(i, rng) for i in range(WORLD_NEWS_POSTS)]
    _add_duplicates(world)
    sports = [_sports_post(i, rng) for i in range(SPORTS_POSTS)]
    posts = sorted(world + sports, key=lambda post: post["date"])
    return {
        "users": USERS,
        "categories": [{"slug": WORLD_NEWS_SLUG, "name": WORLD_NEWS_NAME}, {"slug": SPORTS_SLUG, "name": SPORTS_NAME}],
        "posts": posts,
    }


def _local(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _post_date(i: int) -> datetime:
    return FIRST_DATE + timedelta(days=2 * i, hours=(i * 5) % 11, minutes=(i * 17) % 60)


def _paragraph_blocks(paragraphs: list[str]) -> str:
    return "\n\n".join(f"<!-- wp:paragraph -->\n<p>{escape(p, quote=False)}</p>\n<!-- /wp:paragraph -->"
                       for p in paragraphs)


def _source_block(url: str) -> str:
    return (f'<!-- wp:paragraph -->\n<p><a href="{url}" target="_blank" rel="noopener">{SOURCE_LINK_TEXT}</a></p>'
            "\n<!-- /wp:paragraph -->")


def _world_sentence(rng: random.Random) -> str:
    return (f"{rng.choice(REPORTING_VERBS)} {rng.choice(SUBJECTS)} يوم {rng.choice(WEEKDAYS)} في "
            f"{rng.choice(CITIES)} أن {rng.choice(CLAIMS)}.")


def _world_paragraph(rng: random.Random) -> str:
    sentences = [_world_sentence(rng), f"وقال {rng.choice(SOURCES)} إن {rng.choice(CLAIMS)}."]
    if rng.random() < 0.5:
        sentences.append(f"وجاءت هذه التصريحات {rng.choice(CONTEXTS)}.")
    return " ".join(sentences)


def _world_post(i: int, rng: random.Random) -> dict:
    subject = SUBJECTS[i % len(SUBJECTS)]
    title = f"{subject} {TITLE_VERBS[i % len(TITLE_VERBS)]} {TOPICS[(i * 7) % len(TOPICS)]}"
    paragraphs = [_world_paragraph(rng) for _ in range(rng.randint(4, 6))]
    date = _post_date(i)
    source = f"https://{AGENCIES[i % len(AGENCIES)]}/article/{SEED + i}"
    return {
        "key": f"world-{i:02d}",
        "title": title,
        "paragraphs": paragraphs,
        "source_url": source,
        "content": _paragraph_blocks(paragraphs) + "\n\n" + _source_block(source),
        "author": USERS[i % len(USERS)]["login"],
        "category": WORLD_NEWS_SLUG,
        "tags": rng.sample(TAGS, 2 + i % 2),
        "date": _local(date),
        "modified": _local(date + timedelta(days=3, hours=2)) if i % 4 == 1 else None,
        "comments": _comments(i, date, rng),
    }


def _comments(i: int, date: datetime, rng: random.Random) -> list[dict]:
    """Threaded comments: on most posts a legitimate one and a reply; spam on every third post."""
    comments: list[dict] = []

    def add(author: str, url: str, content: str, spam: bool, parent: str | None = None) -> str:
        key = f"c{len(comments)}"
        comments.append({
            "key": key, "parent": parent, "author": author, "url": url, "content": content, "spam": spam,
            "email": f"commenter{len(comments)}@example.org",
            "date": _local(date + timedelta(hours=3 + 7 * len(comments), minutes=i)),
        })
        return key

    if i % 5 != 4:
        first = add(rng.choice(COMMENTERS), "", rng.choice(LEGIT_COMMENTS), False)
        if i % 2 == 0:
            reply = add(rng.choice(COMMENTERS), "", rng.choice(LEGIT_REPLIES), False, parent=first)
            if i % 6 == 0:
                add(rng.choice(COMMENTERS), "", "شكرا للتوضيح.", False, parent=reply)
    if i % 4 == 0:
        add("مدونة الشرق", "https://sharq-blog.example/", "تناولنا هذا الموضوع أيضا في مدونتنا بتفصيل أكبر.", False)
    if i % 3 == 0:
        author, url, content = SPAM_COMMENTS[(i // 3) % len(SPAM_COMMENTS)]
        add(author, url, content, True)
    return comments


def _add_duplicates(world: list[dict]) -> None:
    """An exact republication of post 2 under another slug, and a light rewrite of post 5."""
    original = world[2]
    world.append({
        **original, "key": "world-exact-copy", "duplicate_of": original["key"], "duplicate_kind": "exact",
        "date": _local(_post_date(len(world) + 1)), "modified": None, "comments": [],
    })
    rewritten = world[5]
    paragraphs = ["(أ ف ب) - " + rewritten["paragraphs"][0], *rewritten["paragraphs"][1:-1],
                  rewritten["paragraphs"][-1].rsplit(". ", 1)[0] + "."]
    world.append({
        **rewritten, "key": "world-near-copy", "title": "عاجل: " + rewritten["title"], "paragraphs": paragraphs,
        "content": _paragraph_blocks(paragraphs) + "\n\n" + _source_block(rewritten["source_url"]),
        "duplicate_of": rewritten["key"], "duplicate_kind": "near",
        "date": _local(_post_date(len(world) + 1)), "modified": None, "comments": [],
    })


def _sports_post(i: int, rng: random.Random) -> dict:
    home, away = rng.sample(TEAMS, 2)
    paragraphs = [f"فاز فريق {home} على ضيفه {away} بنتيجة {rng.randint(1, 4)}-{rng.randint(0, 1)} في الدوري."]
    paragraphs += [f"{sentence}." for sentence in rng.sample(SPORTS_SENTENCES, 3)]
    date = _post_date(i) + timedelta(hours=5)
    return {
        "key": f"sports-{i:02d}",
        "title": f"{home} يتغلب على {away} في الجولة {i + 1}",
        "paragraphs": paragraphs,
        "source_url": None,
        "content": _paragraph_blocks(paragraphs),
        "author": USERS[(i + 1) % len(USERS)]["login"],
        "category": SPORTS_SLUG,
        "tags": ["كرة القدم"],
        "date": _local(date),
        "modified": None,
        "comments": _comments(i + 1, date, rng),
    }
