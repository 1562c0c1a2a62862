"""Writes ``labelled.jsonl`` beside this file: the labelled comments the spam filter is measured on.

Deterministic (fixed seed): run ``python datasets/comments/build_labelled.py`` to rebuild. Every comment is
hand-written here or produced from templates and fillers written here; see README.md. The ``heldout`` split
was written with its own texts, templates, names, numbers and domains, before the filter's weights were
chosen, and is never used to tune them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("labelled.jsonl")
SITE = "https://arabnews-world.example/world-news"
ARTICLES = [
    f"{SITE}/{slug}/"
    for slug in (
        "blinken-lavrov-meet-g20", "ukraine-grain-deal", "gaza-ceasefire-talks", "sudan-fighting-khartoum",
        "turkey-earthquake-aid", "china-taiwan-drills", "iran-nuclear-talks", "france-pension-protests",
        "imf-egypt-loan", "opec-output-cut", "us-debt-ceiling", "india-g20-summit", "brazil-lula-amazon",
        "libya-floods-derna", "morocco-earthquake", "niger-coup", "saudi-iran-deal", "syria-arab-league",
        "lebanon-president-vote", "tunisia-migrants", "uk-king-coronation", "japan-fukushima-water",
        "south-africa-brics", "russia-wagner-mutiny", "israel-judicial-reform", "yemen-truce",
        "iraq-elections", "jordan-wedding", "kuwait-parliament", "algeria-gas-italy",
    )
]

# ---------------------------------------------------------------------------------------------- tune: ham
TUNE_HAM_HAND = [
    # (kind, text, author, author_url, links)
    ("ham-opinion-ar", "لقاء عشر دقائق لن يغير شيئا، كل طرف يريد أن يقول إنه حاول فقط.", "أبو خالد", None, []),
    ("ham-opinion-ar", "الغريب أن الخبر لا يذكر موقف الصين من المحادثة، وهي اللاعب الأهم في مجموعة العشرين.", "سامر", None, []),
    ("ham-opinion-ar", "الحرب ستطول طالما أن الطرفين يراهنان على الوقت، والخاسر هو الشعب الأوكراني.", "منى", None, []),
    ("ham-opinion-ar", "ترجمة الخبر فيها أخطاء: بلينكين وبلينكن في نفس الفقرة، يرجى التصحيح.", "قارئ", None, []),
    ("ham-opinion-ar", "أتمنى أن تنتهي هذه الحرب قريبا، ارتفعت أسعار الخبز عندنا بسببها.", "أم يوسف", None, []),
    ("ham-opinion-ar", "معاهدة ستارت كانت آخر ما تبقى من الحد من التسلح، وتعليقها خطر على الجميع.", "د. عادل", None, []),
    ("ham-opinion-ar", "لماذا لا تنشرون ردود الفعل الروسية كاملة؟ الخبر منقول من طرف واحد.", "محمود", None, []),
    ("ham-opinion-ar", "السياسة مصالح، اليوم أعداء وغدا يجلسون على طاولة واحدة.", "ابن البلد", None, []),
    ("ham-opinion-ar", "أرجو نشر الخبر الأصلي باللغة الإنجليزية أيضا للمقارنة.", "ليلى", None, []),
    ("ham-opinion-ar", "كم مرة سمعنا عن مفاوضات ولم يحدث شيء؟ الكلام كثير والفعل قليل.", "عبدالله", None, []),
    ("ham-opinion-ar", "شعوب المنطقة تدفع ثمن صراعات الكبار، وهذا ليس جديدا.", "فاطمة الزهراء", None, []),
    ("ham-opinion-ar", "هل هناك تفاصيل عن صفقة تبادل السجناء؟ الخبر مختصر جدا.", "ياسر", None, []),
    ("ham-opinion-ar", "الزلزال كارثة إنسانية، رحم الله الضحايا وشفى المصابين.", "نور", None, []),
    ("ham-opinion-ar", "صندوق النقد يفرض شروطا قاسية مقابل القرض، والمواطن البسيط هو من يدفع.", "حسام", None, []),
    ("ham-opinion-ar", "قرض جديد يعني ديونا أكثر على الأجيال القادمة، متى نتعلم؟", "مصري حزين", None, []),
    ("ham-opinion-ar", "خفض إنتاج النفط سيرفع الأسعار، وهذا في مصلحة دول الخليج على الأقل.", "خليجي", None, []),
    ("ham-opinion-ar", "الإعلام الغربي يركز على أوكرانيا وينسى السودان وغزة واليمن.", "أحمد", None, []),
    ("ham-opinion-ar", "أتابع موقعكم يوميا، لكن أرجو تحسين الترجمة فبعض الجمل غير مفهومة.", "متابع قديم", None, []),
    ("ham-opinion-ar", "عودة سوريا للجامعة العربية خطوة متأخرة لكنها ضرورية.", "حلبي", None, []),
    ("ham-opinion-ar", "الفيضانات في درنة كشفت إهمال السدود لسنوات طويلة، يجب محاسبة المسؤولين.", "ليبي", None, []),
    ("ham-opinion-ar", "العقوبات لم توقف روسيا، بل زادت الأسعار في أوروبا وعندنا.", "مراقب", None, []),
    ("ham-opinion-ar", "أين دور الأمم المتحدة من كل هذا؟ مجلس الأمن مشلول بالفيتو.", "رامي", None, []),
    ("ham-opinion-ar", "الصورة لا علاقة لها بالخبر، هذه من اجتماع العام الماضي.", "دقيق الملاحظة", None, []),
    ("ham-opinion-ar", "المقال جيد لكن ينقصه رأي الخبراء في تأثير القرار على الاقتصاد.", "طالب اقتصاد", None, []),
    ("ham-opinion-ar", "بعد 24 فبراير 2022 تغير العالم كله، ولم يعد أي شيء كما كان.", "هشام", None, []),
    ("ham-opinion-ar", "التضخم في مصر وصل إلى 30 بالمئة، والرواتب كما هي.", "موظف", None, []),
    ("ham-opinion-ar", "الانتخابات القادمة ستكون حاسمة، والمشاركة واجب على كل مواطن.", "كويتي", None, []),
    ("ham-opinion-ar", "شركة الكهرباء عندنا تقطع التيار ست ساعات يوميا، والحكومة تتحدث عن الإنجازات.", "غاضب", None, []),
    ("ham-opinion-ar", "تنظيف الشواطئ بعد التسرب النفطي سيستغرق سنوات، والصيادون هم الخاسر الأكبر.", "بحار", None, []),
    ("ham-opinion-ar", "نقل السفارة كان قرارا سياسيا بحتا ولا علاقة له بالسلام.", "فلسطيني", None, []),
    ("ham-short", "شكرا", "زائر", None, []),
    ("ham-short", "شكرا جزيلا", "سلمى", None, []),
    ("ham-short", "شكرا على الخبر", "علي", None, []),
    ("ham-short", "مقال رائع", "هدى", None, []),
    ("ham-short", "الله يرحمهم", "أم أحمد", None, []),
    ("ham-short", "لا حول ولا قوة إلا بالله", "مسلم", None, []),
    ("ham-short", "صح", "بو فهد", None, []),
    ("ham-short", "متى؟", "سائل", None, []),
    ("ham-short", "اللهم سلم", "رقية", None, []),
    ("ham-short", "كلام سليم 👍", "ناصر", None, []),
    ("ham-laughter", "هههههههههه والله ضحكتني هذه التصريحات", "خالد", None, []),
    ("ham-laughter", "ههههه عشر دقائق؟ ولا حتى فنجان قهوة", "مزاجي", None, []),
    ("ham-laughter", "يااااااااا سلاااام على هالسياسة", "بو ناصر", None, []),
    ("ham-laughter", "لاااااا مستحيل، ما صدقت الخبر!!!!", "دانة", None, []),
    ("ham-laughter", "هاهاهاها نكتة السنة", "سعود", None, []),
    ("ham-laughter", "ههههه ههههه ههههه ههههه", "ريم", None, []),
    ("ham-laughter", "الله الله الله يا بلادي", "حنين", None, []),
    ("ham-laughter", "عار عار عار على هذا الصمت الدولي", "ثائر", None, []),
    ("ham-laughter", "لا لا لا لا للحرب", "سلام", None, []),
    ("ham-laughter", "جميييييل جدا جدا جدا", "فرح", None, []),
    ("ham-laughter", "LOL this is hilarious 😂😂😂😂", "Adam", None, []),
    ("ham-laughter", "noooooo way, sooooo sad", "Sara", None, []),
    ("ham-source-url", "الخبر الأصلي هنا لمن يريد التفاصيل: https://apnews.com/article/blinken-lavrov-g20-india", "باحث", None, ["https://apnews.com/article/blinken-lavrov-g20-india"]),
    ("ham-source-url", "رويترز نشرت رواية مختلفة عن مدة اللقاء، راجعوا https://www.reuters.com/world/blinken-lavrov", "مدقق", None, ["https://www.reuters.com/world/blinken-lavrov"]),
    ("ham-source-url", "البيان الرسمي للخارجية الروسية موجود على موقعهم mid.ru وفيه تفاصيل أكثر من هذا الخبر.", "مترجم", None, []),
    ("ham-source-url", "للمقارنة: تقرير الأمم المتحدة https://news.un.org/ar/story/2023/03 وتقرير البنك الدولي عن الخسائر.", "سارة", None, ["https://news.un.org/ar/story/2023/03"]),
    ("ham-source-url", "أرقام الضحايا في ويكيبيديا مختلفة https://ar.wikipedia.org/wiki/زلزال_تركيا_وسوريا_2023", "إبراهيم", None, ["https://ar.wikipedia.org/wiki/زلزال_تركيا_وسوريا_2023"]),
    ("ham-source-url", "Source in English: https://www.bbc.com/news/world-europe-64834531", "Omar", None, ["https://www.bbc.com/news/world-europe-64834531"]),
    ("ham-english", "Ten minutes is nothing, but at least they talked. Better than silence.", "Michael", None, []),
    ("ham-english", "The translation misses the part about the prisoner swap, please check the original.", "Hannah", None, []),
    ("ham-english", "I read your site to practise my Arabic, thank you for the clear writing.", "Tom", None, []),
    ("ham-english", "Sad news from Sudan. The world is looking away again.", "Grace", None, []),
    ("ham-english", "Does anyone know if the grain corridor is still open?", "Peter", None, []),
    ("ham-french", "Dix minutes, c'est peu, mais c'est déjà un signe. Merci pour l'article.", "Nadia", None, []),
    ("ham-french", "La traduction est correcte mais le titre exagère un peu.", "Karim", None, []),
    ("ham-french", "Les sanctions ne marchent pas, tout le monde le sait maintenant.", "Yasmine", None, []),
    ("ham-arabizi", "walah el 7arb di lazem tkhlas, el as3ar 3alet gedan 3andena", "mido", None, []),
    ("ham-arabizi", "7aram 3alayhom, el sha3b howa elly byedfa3 el taman", "3ali", None, []),
    ("ham-arabizi", "ya3ni 10 da2ayi2 bas? mafi shi ra7 yetghayar", "Rami", None, []),
    ("ham-personal-site", "كتبت تحليلا مفصلا عن هذه المحادثات في مدونتي، والخلاصة أن لا شيء سيتغير قبل الانتخابات الأمريكية.", "يوسف الشامي", "https://yousef-alshami.blogspot.com", []),
    ("ham-personal-site", "كأستاذ علاقات دولية أرى أن رمزية اللقاء أهم من مضمونه.", "د. مروان حداد", "https://marwanhaddad.net", []),
    ("ham-personal-site", "As a journalist who covered Geneva 2022, I can say the tone was much colder then.", "Laura Jensen", "https://laurajensen.me", []),
    ("ham-personal-site", "صور جميلة من نيودلهي، كنت هناك الأسبوع الماضي ورأيت الإجراءات الأمنية المشددة.", "علاء المصور", "https://alaa-photography.com", []),
    ("ham-personal-site", "نشرت ترجمة كاملة لتصريحات المتحدثة الروسية على صفحتي لمن يهمه الأمر.", "ريما", "https://github.com/rima-translates", []),
    ("ham-personal-site", "Merci pour la traduction. J'ai écrit sur le même sujet la semaine dernière.", "Julien Martin", "https://julienmartin.fr", []),
    ("ham-numbers", "الخسائر تجاوزت 100 مليار دولار حسب البنك الدولي، وعدد الضحايا أكثر من 50000.", "محلل", None, []),
    ("ham-numbers", "من 2014 إلى 2022 ثماني سنوات من الحرب قبل الغزو الكامل.", "تاريخي", None, []),
    ("ham-numbers", "سعر الدولار اليوم 30.95 جنيه في البنك و 36 في السوق الموازية.", "مصري", None, []),
    ("ham-numbers", "رقم الطوارئ 911 لم يكن يعمل أثناء الفيضان حسب الشهود.", "شاهد", None, []),
    ("ham-mention-trade", "بايدن يحتاج إلى فياجرا سياسية ليستعيد قوته أمام بوتين هههه", "ساخر", None, []),
    ("ham-mention-trade", "الكازينوهات في لبنان تعمل والناس لا تجد الدواء، أي عدالة هذه؟", "لبناني", None, []),
    ("ham-mention-trade", "حتى شركات نقل العفش رفعت أسعارها بعد الزلزال، الناس تستغل المصائب.", "متضرر", None, []),
    ("ham-mention-trade", "بيتكوين انهار بعد قرار الفيدرالي، والخاسرون هم صغار المستثمرين.", "مستثمر صغير", None, []),
    ("ham-mention-trade", "The casino attack in Manila was years ago, why mention it now?", "Paolo", None, []),
    ("ham-mention-trade", "سمعت أن الحكومة ستمنح قروض بدون فوائد للمتضررين من الفيضانات، هل من تأكيد؟", "سائل", None, []),
    ("ham-mention-trade", "أرسلوا المساعدات عبر الجمعيات الرسمية فقط، هناك أرقام واتساب وهمية تجمع التبرعات.", "ناصح", None, []),
    ("ham-question", "هل يمكن أن تكتبوا مقالا عن تأثير الحرب على أسعار القمح في المغرب العربي؟", "مغربي", None, []),
    ("ham-question", "من هو بول ويلان؟ لم أسمع عنه من قبل.", "طالب", None, []),
    ("ham-question", "ما هي معاهدة ستارت بالضبط؟", "فضولي", None, []),
    ("ham-caps", "NO TO WAR", "Ali", None, []),
    ("ham-caps", "STOP THE WAR NOW, ENOUGH BLOOD!", "Peace", None, []),
    ("ham-links", "ثلاثة مصادر تقول عكس ما في الخبر: https://apnews.com/x و https://www.reuters.com/y و https://www.aljazeera.net/news/z فمن نصدق؟", "مدقق حقائق", None, ["https://apnews.com/x", "https://www.reuters.com/y", "https://www.aljazeera.net/news/z"]),
]

# Fragments for templated Arabic opinions: an opening, a view on the news, and sometimes a closing.
TUNE_OPENINGS = ["للأسف", "في رأيي", "بصراحة", "كالعادة", "من الواضح أن", "لا أعتقد أن", "أظن أن", "المشكلة أن"]
TUNE_VIEWS = [
    "الدول الكبرى لا تهتم إلا بمصالحها", "هذه المفاوضات مجرد استعراض إعلامي", "الشعوب هي التي تدفع الثمن دائما",
    "القرار جاء متأخرا جدا", "الحل لن يكون عسكريا", "الأسعار ستواصل الارتفاع هذا العام",
    "الإعلام لا ينقل الصورة كاملة", "المساعدات لا تصل إلى من يستحقها", "الحكومة تتحمل جزءا من المسؤولية",
    "المجتمع الدولي يكيل بمكيالين",
]
TUNE_CLOSINGS = ["", " والله المستعان.", " وسنرى.", " حسبنا الله.", " هذا رأيي.", " ربنا يستر."]
TUNE_AUTHORS = ["أحمد", "محمد", "سارة", "خالد", "ريم", "عمر", "هند", "يوسف", "مريم", "طارق", "بو سالم", "أم علي",
                "ابن الجزائر", "عراقي", "حسن", "زينب", "وليد", "سلوى", "جمال", "رنا"]
# Prayers and slogans that many readers post under many articles: the same text is not spam by itself.
TUNE_COMMON_PHRASES = [
    "اللهم ارحم الشهداء واشف الجرحى وفك أسر المأسورين",
    "حسبنا الله ونعم الوكيل في كل من ظلم هؤلاء الناس",
    "اللهم احفظ بلاد المسلمين من كل شر وسوء",
]

# --------------------------------------------------------------------------------------------- tune: spam
TUNE_SERVICE_TEMPLATES = [
    "{company} {trade} بالرياض بأرخص الأسعار مع الضمان، للتواصل واتساب {phone}",
    "أفضل {company} {trade} في جدة، عمالة مدربة وخصم خاص، اتصل الآن {phone}",
    "{trade} بالدمام والخبر، خدمة 24 ساعة، واتس {phone}",
    "هل تبحث عن {company} {trade}؟ نحن الأفضل في الكويت {phone} ☎️",
    "{company} {trade} بمكة {phone} أسعار مناسبة وخبرة طويلة",
]
TUNE_TRADES = ["نقل عفش", "تنظيف منازل", "مكافحة حشرات", "كشف تسربات", "تنظيف خزانات", "نقل اثاث", "رش مبيدات",
               "عزل اسطح", "تسليك مجاري"]
TUNE_PHONES = ["0551234567", "0509876543", "+966 55 123 4567", "00966512345678", "0561122334", "٠٥٥٤٤٣٣٢٢١",
               "+965 9988 7766", "0533 456 789"]
TUNE_SPAM_HAND = [
    ("spam-casino", "Best online casino with free spins and no deposit bonus, play now at https://luckyspin-casino.xyz", "Casino Guide", "https://luckyspin-casino.xyz", ["https://luckyspin-casino.xyz"]),
    ("spam-casino", "كازينو اون لاين بأفضل العروض ولفات مجانية يوميا، سجل الآن", "كازينو العرب", None, []),
    ("spam-casino", "مواقع مراهنات رياضية موثوقة مع بونص 100% للأعضاء الجدد https://bet-arab.online", "مراهن", None, ["https://bet-arab.online"]),
    ("spam-casino", "Slot gacor hari ini, online slots jackpot terbesar", "slot gacor", "https://slot-gacor88.site", []),
    ("spam-pharma", "Buy cialis online without prescription, cheap pills fast delivery", "Pharmacy", "https://cheap-pharma-store.net", []),
    ("spam-pharma", "حبوب سايتوتك للبيع في الرياض بدون وصفة طبية للتواصل واتساب 0543219876", "صيدلية", None, []),
    ("spam-pharma", "فياجرا وسياليس أصلية توصيل لجميع المدن", "متجر الصحة", None, []),
    ("spam-pharma", "Weight loss pills that really work! Order today https://keto-burn-pills.com", "Emily", None, ["https://keto-burn-pills.com"]),
    ("spam-loans", "Are you in need of a loan? We offer quick loans and personal loan offer at 2% interest. Contact loan lender on whatsapp +1 555 020 3344", "Mrs Linda Loans", None, []),
    ("spam-loans", "تمويل شخصي بدون كفيل وسداد المديونيات للمتقاعدين والموظفين، للتواصل 0559988776", "تمويل", None, []),
    ("spam-loans", "قرض شخصي بدون كفيل في نفس اليوم، تواصل واتساب", "أبو فيصل للتمويل", None, []),
    ("spam-loans", "Make money online from home, earn $500 a day https://easy-cash-online.biz", "Work From Home", None, ["https://easy-cash-online.biz"]),
    ("spam-crypto", "I lost $80,000 to fake crypto investment until I contacted Hack Wizard recovery expert, he helped me recover lost bitcoin. Email: hackwizard@protonmail.com", "Jennifer Brown", None, []),
    ("spam-crypto", "استثمار البيتكوين مع منصة تداول موثوقة، أرباح يومية مضمونة، راسلنا واتساب", "خبير تداول", None, []),
    ("spam-crypto", "Join our forex signals group and double your bitcoin in 24 hours https://t.me/cryptoking", "Crypto King", None, ["https://t.me/cryptoking"]),
    ("spam-crypto", "توصيات تداول الفوركس مجانا، أرباح مضمونة 100%، انضم الآن", "توصيات", None, []),
    ("spam-seo", "Buy high quality backlinks and dofollow guest posting, rank your website fast https://seo-backlinks-pro.com", "SEO Services", "https://seo-backlinks-pro.com", ["https://seo-backlinks-pro.com"]),
    ("spam-seo", "خدمات السيو وتحسين محركات البحث وباك لينك قوي لموقعك", "شركة سيو", None, []),
    ("spam-seo", "زيادة متابعين انستقرام حقيقيين بأرخص الأسعار اضغط هنا https://followers-arab.shop", "متابعين", None, ["https://followers-arab.shop"]),
    ("spam-seo", "Nice post! visit my website for web design company services https://webdesign-agency.xyz", "Web Design", None, ["https://webdesign-agency.xyz"]),
    ("spam-adult", "Hot girls in your city, adult dating without registration https://hot-dating.xyz", "Anna", None, ["https://hot-dating.xyz"]),
    ("spam-adult", "افلام سكس عربي جديدة اضغط هنا", "xx", None, []),
    ("spam-adult", "ارقام بنات للتعارف واتساب 0501112233", "تعارف", None, []),
    ("spam-url-only", "https://cutt.ly/xYz123", "Maria", None, ["https://cutt.ly/xYz123"]),
    ("spam-url-only", "http://free-movies-hd.online", "movies", None, ["http://free-movies-hd.online"]),
    ("spam-url-only", "https://bit.ly/3abcDEF https://bit.ly/3ghiJKL", "", None, ["https://bit.ly/3abcDEF", "https://bit.ly/3ghiJKL"]),
    ("spam-url-only", "موقعنا www.naqlafsh-riyadh.com", "نقل", None, []),
    ("spam-keyword-repeat", "WEBSITE WEBSITE WEBSITE WEBSITE", "WEBSITE", None, []),
    ("spam-keyword-repeat", "casino casino casino casino casino", "casino", None, []),
    ("spam-keyword-repeat", "نقل عفش نقل عفش نقل عفش نقل عفش", "نقل عفش", None, []),
    ("spam-author-keyword", "شكرا لكم على هذا الموضوع", "شركة نقل عفش بالرياض", None, []),
    ("spam-author-keyword", "Thank you, very useful.", "Best SEO Services", None, []),
    ("spam-author-keyword", "موضوع مفيد جدا", "www.cleaning-jeddah.com", None, []),
    ("spam-author-keyword", "I agree with this", "cheap viagra", None, []),
    ("spam-links", "check these: http://a-deals.xyz http://b-deals.xyz http://c-deals.xyz http://d-deals.xyz", "deals", None, ["http://a-deals.xyz", "http://b-deals.xyz", "http://c-deals.xyz", "http://d-deals.xyz"]),
    ("spam-links", "<a href=\"http://cheap-watches.xyz\">cheap watches</a> <a href=\"http://replica-bags.xyz\">replica bags</a>", "watches", None, ["http://cheap-watches.xyz", "http://replica-bags.xyz"]),
    ("spam-links", "[url=http://pills-shop.xyz]buy pills[/url]", "pills", None, []),
    ("spam-latin-commercial", "Thanks for the information, I will share it with my friends. Also check my page for discounts.", "Kevin", "http://discount-store-online.shop", []),
    ("spam-latin-commercial", "Good day! This post could not be written any better! Reading this post reminds me of my old room mate.", "Louis", "http://louis-furniture-deals.com", []),
    ("spam-latin-commercial", "Hello there, just became alert to your blog through Google, and found that it is truly informative.", "Clara", "https://best-cleaning-services-dubai.com", []),
]
TUNE_PRAISE_TEXTS = [
    "Great article, thanks for sharing!", "Very informative post, keep up the good work.", "مقال رائع، شكرا على المعلومات",
    "موضوع رائع ومفيد، بارك الله فيكم على الموضوع", "Nice post, I really like this website.", "معلومات قيمة جدا شكرا لكم",
    "Thank you for sharing this useful information.", "مجهود رائع، استمروا",
]
TUNE_COMMERCIAL_SITES = [
    "https://naql-afsh-riyadh.com", "https://tanzif-jeddah.sa", "https://mokafha-hashrat-dammam.com",
    "https://best-movers-dubai.com", "https://pest-control-kuwait.com", "https://casino-arab.online",
    "https://sharikat-cleaning.net", "https://seoexpert-arabia.com",
]
TUNE_DUPLICATE_TEXTS = [
    "I have been browsing online more than three hours today, yet I never found any interesting article like yours.",
    "موضوع رائع جدا ومفيد وأتمنى لكم المزيد من التقدم والنجاح في هذا الموقع الجميل",
    "Hi there! This is my first visit to your blog! We are a collection of volunteers starting a new project.",
]

# ------------------------------------------------------------------------------------------- heldout: ham
HELDOUT_HAM_HAND = [
    ("ham-opinion-ar", "الوساطة القطرية هي الأمل الوحيد الآن، أتمنى أن تنجح قبل رمضان.", "أبو عمر", None, []),
    ("ham-opinion-ar", "الخبر يتحدث عن ثلاث نقاط لكنه لم يشرح إلا نقطتين، أين الثالثة؟", "دقيق", None, []),
    ("ham-opinion-ar", "كل الاحترام للمتطوعين الذين ينقذون الناس من تحت الأنقاض.", "منال", None, []),
    ("ham-opinion-ar", "ما يحدث في السودان مأساة حقيقية لا يتحدث عنها أحد.", "سوداني", None, []),
    ("ham-opinion-ar", "الاتفاق السعودي الإيراني برعاية صينية يعني أن موازين القوى تغيرت.", "محلل سياسي", None, []),
    ("ham-opinion-ar", "أسعار الغاز في أوروبا انخفضت هذا الشتاء على عكس التوقعات.", "مهندس", None, []),
    ("ham-opinion-ar", "الانقلاب في النيجر سيعقد الوضع في الساحل كله.", "تشادي", None, []),
    ("ham-opinion-ar", "المهاجرون في تونس يعيشون ظروفا صعبة، نحتاج حلا إنسانيا.", "تونسية", None, []),
    ("ham-opinion-ar", "لماذا تأخر نشر الخبر يومين؟ المواقع الأخرى نشرته الخميس.", "متابع", None, []),
    ("ham-opinion-ar", "أنا من درنة، وما زلنا ننتظر المساعدات الحقيقية حتى اليوم.", "من درنة", None, []),
    ("ham-opinion-ar", "الإصلاح القضائي أشعل الشارع الإسرائيلي، والخلاف داخلي بالأساس.", "قارئ", None, []),
    ("ham-opinion-ar", "التتويج كلف الملايين في وقت يعاني فيه البريطانيون من الغلاء.", "لندني", None, []),
    ("ham-opinion-ar", "شركات الطيران رفعت الأسعار بعد الأزمة، السفر أصبح حلما.", "مغترب", None, []),
    ("ham-opinion-ar", "تنظيف المدينة من الركام سيحتاج أشهرا، الله يعين الأهالي.", "أنطاكي", None, []),
    ("ham-opinion-ar", "نقل الأسرى إلى سجون أخرى مخالف للقانون الدولي.", "حقوقي", None, []),
    ("ham-short", "شكراً", "مجهول", None, []),
    ("ham-short", "الله المستعان", "أبو بكر", None, []),
    ("ham-short", "خبر محزن", "نادية", None, []),
    ("ham-short", "بالتوفيق", "سعيد", None, []),
    ("ham-short", "Thanks", "Mark", None, []),
    ("ham-short", "👏👏", "هيا", None, []),
    ("ham-short", "اللهم آمين", "أم سعد", None, []),
    ("ham-laughter", "ههههههههههههه ما توقعت هالشي أبدا", "جاسم", None, []),
    ("ham-laughter", "وااااااو خبر مفرح أخيرا", "لمى", None, []),
    ("ham-laughter", "خخخخخخخ والله فضيحة", "بندر", None, []),
    ("ham-laughter", "ياربيييييي ارحمنا", "أمل", None, []),
    ("ham-laughter", "لا لا لا لا لا ما أصدق", "رهف", None, []),
    ("ham-laughter", "hahahaha classic politics", "Dan", None, []),
    ("ham-laughter", "!!!!!!! غير معقول !!!!!!!", "مصدوم", None, []),
    ("ham-source-url", "بيان البيت الأبيض الكامل: https://www.whitehouse.gov/briefing-room/statements-releases/2023/03/02/", "متابع", None, ["https://www.whitehouse.gov/briefing-room/statements-releases/2023/03/02/"]),
    ("ham-source-url", "نفس الخبر في فرانس 24 بتفاصيل أكثر https://www.france24.com/ar/", "باريسي", None, ["https://www.france24.com/ar/"]),
    ("ham-source-url", "المصدر الأصلي: AP News، والترجمة هنا مختصرة. apnews.com فيه الصور كاملة.", "قارئ نهم", None, []),
    ("ham-source-url", "Full transcript: https://www.state.gov/secretary-blinkens-press-availability/", "Ahmed K.", None, ["https://www.state.gov/secretary-blinkens-press-availability/"]),
    ("ham-english", "As an Egyptian living abroad, I find your coverage more balanced than most.", "Nour", None, []),
    ("ham-english", "Correction: the meeting was on Thursday, not Wednesday.", "Editor-in-spirit", None, []),
    ("ham-english", "Why is there no mention of China's position here?", "Li Wei", None, []),
    ("ham-english", "Praying for the families in Morocco. Stay strong.", "Fatima", None, []),
    ("ham-french", "Article intéressant, mais il manque le contexte historique.", "Sophie", None, []),
    ("ham-french", "Le Maroc a refusé certaines aides, c'est sa souveraineté.", "Amine", None, []),
    ("ham-arabizi", "bsara7a el khabar da mesh mafhoum, meen elly 2al keda?", "sherif", None, []),
    ("ham-arabizi", "allah yer7amhom w yesabbar ahalihom", "hiba", None, []),
    ("ham-arabizi", "wallah 3ayb 3alayhom, kel yom nafs el kalam", "tarek", None, []),
    ("ham-personal-site", "في كتابي عن الحرب الباردة شرحت كيف كانت اللقاءات القصيرة تسبق الانفراج دائما.", "د. سمير عطية", "https://samir-attia.com", []),
    ("ham-personal-site", "أتابع الملف السوداني منذ سنوات على مدونتي، والوضع أسوأ مما تنقله الوكالات.", "هاشم", "https://hashim-sudan.wordpress.com", []),
    ("ham-personal-site", "I teach Arabic translation; this article is a good example of literal rendering of AP style.", "Prof. Ellen Ward", "https://ellenward.org", []),
    ("ham-personal-site", "رسمت كاريكاتيرا عن هذا اللقاء، موجود في معرضي على الموقع.", "فنان", "https://nabil-art.net", []),
    ("ham-numbers", "الجيش خسر أكثر من 200 دبابة في شهر واحد حسب المعهد البريطاني.", "عسكري متقاعد", None, []),
    ("ham-numbers", "عدد السكان 4.5 مليون ونصفهم نازحون منذ 2011.", "إحصائي", None, []),
    ("ham-numbers", "اتصلت بالسفارة على الرقم الموجود في موقعها ولم يرد أحد طوال 3 أيام.", "عالق", None, []),
    ("ham-mention-trade", "الناس تبيع أثاثها لتأكل، ومحلات شراء الأثاث المستعمل امتلأت.", "بيروتي", None, []),
    ("ham-mention-trade", "قروض صندوق النقد لم تنقذ أي دولة عربية حتى الآن.", "اقتصادي", None, []),
    ("ham-mention-trade", "Crypto crashed again, good thing governments are regulating it.", "Ben", None, []),
    ("ham-mention-trade", "انتبهوا من رسائل الواتساب التي تطلب تبرعات باسم الضحايا.", "حذر", None, []),
    ("ham-question", "هل هناك رابط للتبرع الرسمي عبر الهلال الأحمر؟", "متبرع", None, []),
    ("ham-question", "متى ستعقد الجولة القادمة من المحادثات؟", "سائل", None, []),
    ("ham-caps", "FREE PALESTINE", "Sam", None, []),
    ("ham-caps", "WHERE IS THE UN???", "Angry reader", None, []),
]
HELDOUT_OPENINGS = ["صدقوني", "برأيي المتواضع", "الحقيقة أن", "يبدو أن", "لا شك أن", "مع الأسف"]
HELDOUT_VIEWS = [
    "القوى الكبرى تتلاعب بمصير المنطقة", "التصريحات لا تعني شيئا بدون أفعال", "الفقراء هم أول الضحايا",
    "الاتفاق لن يصمد طويلا", "العالم تغير ولم يعد أحادي القطب", "الإعلام العربي يحتاج استقلالية أكبر",
    "الشباب فقدوا الثقة في السياسيين", "الحلول الدبلوماسية أفضل من الحروب",
]
HELDOUT_CLOSINGS = ["", " والله أعلم.", " وما خفي أعظم.", " ننتظر ونرى."]
HELDOUT_AUTHORS = ["فيصل", "نجلاء", "ماجد", "عبير", "سلطان", "دعاء", "أنس", "بشرى", "مهند", "شيماء", "صقر", "غادة"]
HELDOUT_COMMON_PHRASES = [
    "اللهم انصر المظلومين في كل مكان يا رب العالمين",
    "إنا لله وإنا إليه راجعون، رحمهم الله جميعا",
]

# ------------------------------------------------------------------------------------------ heldout: spam
HELDOUT_SERVICE_TEMPLATES = [
    "لدينا {company} {trade} في الرياض وجميع الأحياء، الاتصال على {phone} أو واتساب",
    "خصومات على {trade} بالطائف وأبها، اتصل بنا {phone}",
    "{company} {trade} بالأحساء، عمال فلبينيين، ضمان سنة، هاتف {phone}",
    "مطلوب {trade}؟ {company} متخصصة في المدينة المنورة {phone}",
]
HELDOUT_TRADES = ["نقل العفش", "تنظيف فلل", "مكافحة النمل الابيض", "كشف تسرب", "غسيل خزانات", "صيانة مكيفات",
                  "تنظيف مجالس", "شفط بيارات"]
HELDOUT_PHONES = ["0597654321", "+966 50 765 4321", "00966555000111", "٠٥٠١٢٣٤٥٦٧", "0541-234-567", "+971 50 123 4567"]
HELDOUT_SPAM_HAND = [
    ("spam-casino", "سجل في كازينو أونلاين واحصل على مكافأة ترحيبية، ألعاب القمار متاحة 24 ساعة", "العاب", None, []),
    ("spam-casino", "Top bookmaker in Egypt, sports betting with best odds https://1xbet-egypt.site", "Betting Tips", None, ["https://1xbet-egypt.site"]),
    ("spam-pharma", "Order tramadol and xanax online, no prescription needed, discreet shipping", "MedStore", "https://rx-meds-online.xyz", []),
    ("spam-pharma", "علاج ضعف الانتصاب بالأعشاب، منشطات جنسية أصلية، واتساب 0533221144", "عطارة", None, []),
    ("spam-loans", "Need urgent cash? Guaranteed loan approval, no credit check. Email: fastloans@mail.com", "Fast Loans", None, []),
    ("spam-loans", "قروض بدون كفيل وتمويل فوري للمواطنين والمقيمين، للتواصل 0566778899", "شركة تمويل", None, []),
    ("spam-crypto", "I recommend Mr. Adam for bitcoin investment, I earned passive income every week. WhatsApp +44 7700 900123", "Sandra", None, []),
    ("spam-crypto", "ربح البيتكوين يوميا مع أفضل منصة تداول، دخل سلبي مضمون", "Crypto Arab", None, []),
    ("spam-seo", "We provide SEO services and guest posting on high DA sites, contact us now https://linkbuilder-pro.net", "Link Builder", None, ["https://linkbuilder-pro.net"]),
    ("spam-seo", "تصميم مواقع وتصميم متجر إلكتروني باحترافية، زوروا موقعنا", "مصمم", "https://design-store-arab.com", []),
    ("spam-adult", "Webcam girls online now, hookup tonight https://cams-xxx.online", "Lily", None, ["https://cams-xxx.online"]),
    ("spam-adult", "مساج منزلي في الرياض للتواصل واتس 0509090909", "مساج", None, []),
    ("spam-url-only", "https://tinyurl.com/y8abc12", "John", None, ["https://tinyurl.com/y8abc12"]),
    ("spam-url-only", "www.best-deals-online.shop", "deals", None, []),
    ("spam-keyword-repeat", "SEO SEO SEO SEO SEO backlinks", "seo", None, []),
    ("spam-keyword-repeat", "تنظيف تنظيف تنظيف تنظيف خزانات", "تنظيف", None, []),
    ("spam-author-keyword", "معلومات مفيدة", "مؤسسة تنظيف بجدة", None, []),
    ("spam-author-keyword", "Agreed.", "Buy Instagram Followers", None, []),
    ("spam-author-keyword", "مقال جيد", "naqlafsh.com", None, []),
    ("spam-links", "Links: http://x1-shop.xyz http://x2-shop.xyz http://x3-shop.xyz", "shop", None, ["http://x1-shop.xyz", "http://x2-shop.xyz", "http://x3-shop.xyz"]),
    ("spam-links", "<a href=\"https://cheap-flights-deal.xyz\">cheap flights</a>", "flights", None, ["https://cheap-flights-deal.xyz"]),
    ("spam-latin-commercial", "Wow, awesome blog layout! How long have you been blogging for? You made blogging look easy.", "Derek", "https://derek-carpet-cleaning.com", []),
    ("spam-latin-commercial", "Hey! I know this is kinda off topic but I was wondering which blog platform are you using?", "Rosa", "https://rosa-moving-company.net", []),
]
HELDOUT_PRAISE_TEXTS = [
    "Well written, useful information.", "Awesome post, thanks for sharing this.", "موضوع مميز، شكرا على المشاركة",
    "مقال مفيد، تسلم ايدك", "I like this post, great content.",
]
HELDOUT_COMMERCIAL_SITES = [
    "https://nakl-afsh-jeddah.com", "https://tanzeef-riyadh.net", "https://antipest-doha.com",
    "https://cleaning-services-qatar.com", "https://3afsh-makkah.com", "https://poker-stars-arab.net",
]
HELDOUT_DUPLICATE_TEXTS = [
    "Excellent write-up. I definitely appreciate this site. Continue the good work and thanks for sharing!",
    "جزاكم الله خيرا على هذا المقال المفيد وأتمنى لكم دوام التوفيق والنجاح والتميز",
]


# ------------------------------------------------- the kinds of issue 13: other languages, trades, junk
# Written after the filter's multilingual rules (so an optimistic check of them, not an estimate).
TUNE_ISSUE13 = [
    ("spam-foreign-link", "Купить диплом о высшем образовании недорого, доставка по всей России", "Диплом", "http://diplom-msk.example", []),
    ("spam-foreign-link", "Смотреть фильмы онлайн бесплатно в хорошем качестве hd http://kino-hd.example", "Кино", None, []),
    ("spam-foreign-link", "Deneme bonusu veren siteler listesi burada, en güvenilir bahis siteleri", "Bahis", "https://bahis-rehber.example", []),
    ("spam-foreign-link", "Situs slot gacor hari ini gampang menang maxwin, daftar sekarang", "slot88", "https://slot88.example", []),
    ("spam-foreign-link", "Nhà cái uy tín nhất Việt Nam, cá cược bóng đá trực tuyến", "nhacai", "https://nhacai.example", []),
    ("spam-foreign-nolink", "专业代写论文，留学生作业代写，加微信 essay888", "Lily", None, []),
    ("spam-foreign-nolink", "Продвижение сайтов в топ Яндекса, вечные ссылки, пишите в телеграм @seo_top", "SEO", None, []),
    ("spam-foreign-nolink", "Заработок в интернете без вложений, пассивный доход от 5000 в день", "Марина", None, []),
    ("spam-spiritual-ar", "الشيخ الروحاني أبو علي لجلب الحبيب ورد المطلقة وفك السحر، اتصل 00966551112233", "الشيخ الروحاني", None, []),
    ("spam-spiritual-ar", "معالج روحاني مجرب لفك المربوط وتهييج الزوج، واتساب 0097455667788", "أم سلطان", None, []),
    ("spam-loans-ar", "تمويل شخصي بدون كفيل وبدون تحويل راتب للمواطنين والمقيمين، للتواصل واتساب 0553344556", "تمويل", None, []),
    ("spam-cleaning-ar", "شركة تنظيف بالرياض تنظيف موكيت وكنب وجلي بلاط بأرخص الأسعار 0567788990", "خدمات", None, []),
    ("spam-cleaning-ar", "مكافحة الصراصير والفئران بضمان سنة، شركة مكافحة حشرات بجدة", "مؤسسة الأمان", None, []),
    ("spam-cosmetic-ar", "عيادة تجميل بالرياض: ابر فيلر وبوتوكس وازالة الشعر بالليزر، احجزي الآن 0501234000", "عيادة", None, []),
    ("spam-cosmetic-ar", "خلطة تبييض للجسم كامل، النتيجة من أول أسبوع، للطلب واتساب 0569988776", "أم سعود", None, []),
    ("spam-earn-ar", "اربح من المنزل يوميا 500 ريال بدون خبرة، راسلني على الواتساب 0541239876", "فرصة", None, []),
    ("spam-dating-ar", "ارقام بنات للتعارف والزواج المسيار، واتساب 0533221100", "تعارف", None, []),
    ("spam-crypto-recovery-en", "I lost $40,000 to a fake trading platform until a recovery expert helped me recover my lost bitcoin. Reach him on Telegram @wizard_recover", "Linda", None, []),
    ("spam-earn-en", "I am making $18,000 a month working from home, no experience needed, just copy and paste. Message me on WhatsApp +1 202 555 0147", "Jennifer", None, []),
    ("spam-spell-en", "Dr Zuma is a powerful spell caster, he helped me bring back my ex in 48 hours. Email him: drzuma.spell@gmail.com", "Rebecca", None, []),
    ("spam-pharma-en", "Buy tramadol and xanax without prescription, fast discreet delivery, order now", "Pharmacy", None, []),
    ("spam-praise-website", "Thanks for this useful information, keep up the good work!", "Emma", "https://essaywriting-help.example", []),
    ("spam-praise-website", "موضوع مميز، شكرا على المعلومات", "Lucas", "https://best-seoagency.example", []),
    ("spam-junk", "asdfghjkl", "asd", None, []),
    ("spam-junk", "test", "test", None, []),
    ("spam-junk", ".....", "qwe", None, []),
    ("spam-junk", "zzzzzzzzzzzz", "sdfsdf", None, []),
    ("ham-foreign-reader", "Россия снова обещает перемирие, но никто ему не верит. Хорошо, что вы пишете об этом.", "Иван", None, []),
    ("ham-foreign-reader", "Bu savaş bir an önce bitmeli, sivillerin çektiği acı çok büyük.", "Mehmet", None, []),
    ("ham-foreign-reader", "Semoga perdamaian segera tercapai, kasihan warga sipil di sana.", "Budi", None, []),
    ("ham-foreign-reader", "Hy vọng hai bên sớm ngồi vào bàn đàm phán.", "Minh", None, []),
    ("ham-foreign-reader", "这篇文章写得很清楚，希望局势早日缓和。", "王伟", None, []),
    ("ham-foreign-reader", "Article intéressant, mais il manque la position de l'Union européenne.", "Claire", None, []),
    ("ham-foreign-reader", "امیدوارم این جنگ زودتر تمام شود، مردم عادی قربانی هستند.", "رضا", None, []),
    ("ham-laughter", "هههههههههه والله ضحكتني", "أبو فهد", None, []),
    ("ham-laughter", "lol", "Sam", None, []),
    ("ham-emoji", "😂😂😂", "نورة", None, []),
    ("ham-emoji", "👍👍", "Khalid", None, []),
    ("ham-emoji", "💔", "سلمى", None, []),
    ("ham-embassy-phone", "للمواطنين العالقين: رقم طوارئ السفارة في بيروت +961 1 765432 حسب بيان الخارجية", "مغترب", None, []),
    ("ham-crypto-sanctions", "العقوبات دفعت بعض الشركات الروسية إلى البيتكوين والعملات الرقمية للالتفاف عليها، والخبر لم يذكر ذلك.", "محلل مالي", None, []),
    ("ham-personal-site", "كتبت تحليلا أطول عن القمة في مدونتي، والمقال هنا أدق مما قرأت في غيره.", "Omar Haddad", "https://omarhaddad.blog", []),
    ("ham-source-url", "The full statement of the ministry is here: https://www.mofa.gov.sa/en/news/statement", "Sara", None, []),
    ("ham-junk-real-name", "؟؟؟", "خالد العتيبي", None, []),
]
HELDOUT_ISSUE13 = [
    ("spam-foreign-link", "Купить водительские права без экзаменов, быстро и надёжно", "Права", "http://prava-bez.example", []),
    ("spam-foreign-link", "Canlı bahis ve casino siteleri, kaçak bahis giriş adresi", "giris", "https://bahis-giris.example", []),
    ("spam-foreign-link", "Agen judi slot online terpercaya, deposit pulsa tanpa potongan", "Agen", "https://agenslot.example", []),
    ("spam-foreign-nolink", "Dịch vụ seo tổng thể, thiết kế website chuẩn seo giá rẻ", "Seo VN", None, []),
    ("spam-foreign-nolink", "论文代写 作业代写 代考 靠谱 联系微信 paper666", "Kevin", None, []),
    ("spam-foreign-nolink", "Накрутка подписчиков и лайков в инстаграм, дешево и быстро", "SMM", None, []),
    ("spam-spiritual-ar", "جلب الحبيب بسرعة ورد المطلقة وزواج العانس، شيخ روحاني مضمون 0096599887766", "روحاني", None, []),
    ("spam-loans-ar", "قروض بدون كفيل وسداد المتعثرات في نفس اليوم، تواصل معنا 0506677889", "سداد", None, []),
    ("spam-cleaning-ar", "شركة مكافحة حشرات بالدمام رش مبيدات مكافحة النمل الابيض 0533445566", "الدمام", None, []),
    ("spam-cosmetic-ar", "حقن فيلر وتبييض الاسنان بأقل الأسعار في عيادة تجميل معتمدة", "عيادة النخبة", None, []),
    ("spam-earn-ar", "دخل اضافي من البيت للطلاب والموظفين، العمل من البيت ساعتين يوميا", "وظائف", None, []),
    ("spam-dating-ar", "زواج مسيار بالرياض ومطلقات للزواج، دردشة بنات 0550011223", "مسيار", None, []),
    ("spam-crypto-recovery-en", "If you were scammed, contact Hack Recovery, the best funds recovery experts. WhatsApp +44 7700 900123", "Daniel", None, []),
    ("spam-earn-en", "Earn money online from home, I get paid daily $600, visit my profile to start", "Olivia", None, []),
    ("spam-spell-en", "Love spells that work: return my ex in 24 hours, contact the great spell caster at spelltemple@outlook.com", "Grace", None, []),
    ("spam-pharma-en", "Online pharmacy: viagra and cialis without prescription, discreet shipping", "Meds", None, []),
    ("spam-praise-website", "Very informative post, thanks for sharing!", "Noah", "https://writemyessay-now.example", []),
    ("spam-junk", "qwertyuiop", "zxc", None, []),
    ("spam-junk", "!!!!!!!!!", "asdf", None, []),
    ("spam-junk", "ضصثقف", "ضصث", None, []),
    ("ham-foreign-reader", "Спасибо за новость. Надеюсь, переговоры в Стамбуле дадут результат.", "Ольга", None, []),
    ("ham-foreign-reader", "Depremde ölenlere Allah rahmet eylesin, yardımlar hızlı ulaşmalı.", "Ayşe", None, []),
    ("ham-foreign-reader", "Berita yang bagus, tapi tolong tambahkan sumbernya.", "Siti", None, []),
    ("ham-foreign-reader", "La traducción del título no es correcta, el ministro no dijo eso.", "Javier", None, []),
    ("ham-laughter", "خخخخخخخ مستحيل", "بدر", None, []),
    ("ham-laughter", "hahaha", "Mike", None, []),
    ("ham-emoji", "😢😢", "هيا", None, []),
    ("ham-embassy-phone", "السفارة الأردنية في أنقرة نشرت رقم الطوارئ 00903124567890 للمواطنين المتضررين من الزلزال", "أبو محمد", None, []),
    ("ham-crypto-sanctions", "Sanctions on Russian banks pushed exporters to crypto and the yuan; the article should say so.", "Peter", None, []),
    ("ham-personal-site", "I wrote about the same summit on my blog, your report is more complete.", "Lena Fischer", "https://lenafischer.de", []),
    ("ham-source-url", "المصدر الأصلي للخبر من رويترز: https://www.reuters.com/world/middle-east/ لمن أراد التفاصيل", "ناصر", None, []),
    ("ham-junk-real-name", "...", "Mona Saleh", None, []),
]


def record(kind, text, author, author_url, links, article_url, split, source):
    label = "spam" if kind.startswith("spam") else "ham"
    return {
        "text": text, "author": author, "author_url": author_url, "links": list(links), "article_url": article_url,
        "label": label, "kind": kind, "source": source, "split": split,
    }


def templated_opinions(rng, openings, views, closings, authors, count, split):
    pairs = [(o, v) for o in openings for v in views]
    rng.shuffle(pairs)
    return [
        record("ham-opinion-ar", f"{o} {v}{rng.choice(closings)}", rng.choice(authors), None, [],
               rng.choice(ARTICLES), split, "template")
        for o, v in pairs[:count]
    ]


def common_phrases(rng, phrases, authors, per_phrase, split):
    """The same prayer by different readers under different articles: legitimate."""
    return [
        record("ham-common-phrase", phrase, author, None, [], article, split, "template")
        for phrase in phrases
        for author, article in zip(rng.sample(authors, per_phrase), rng.sample(ARTICLES, per_phrase))
    ]


def service_spam(rng, templates, trades, phones, count, split):
    companies = ["شركة", "مؤسسة", "أفضل شركة", ""]
    out = []
    for _ in range(count):
        text = rng.choice(templates).format(company=rng.choice(companies), trade=rng.choice(trades),
                                            phone=rng.choice(phones))
        author = rng.choice(["", "خدمات منزلية", "أبو محمد", "الرياض", "مؤسسة الأمانة", "Ahmed"])
        out.append(record("spam-services-ar", " ".join(text.split()), author, None, [], rng.choice(ARTICLES),
                          split, "template"))
    return out


def praise_with_commercial_link(rng, texts, sites, authors, count, split):
    """Generic praise whose only sign is the commercial website in the author's link."""
    return [
        record("spam-praise-author-link", rng.choice(texts), rng.choice(authors), rng.choice(sites), [],
               rng.choice(ARTICLES), split, "template")
        for _ in range(count)
    ]


def duplicated(rng, texts, copies, split):
    """The same comment posted under several articles by a bot with changing names."""
    names = ["Jessica", "Mike", "Sarah", "Tony", "سمير", "Kim", "Ruby", "Alex"]
    return [
        record("spam-duplicate", text, rng.choice(names), None, [], article, split, "template")
        for text in texts
        for article in rng.sample(ARTICLES, copies)
    ]


def hand(rows, split):
    rng = random.Random(split)
    return [record(kind, text, author, url, links, rng.choice(ARTICLES), split, "hand-written")
            for kind, text, author, url, links in rows]


def build() -> list[dict]:
    rng = random.Random(20230302)
    tune = [
        *hand(TUNE_HAM_HAND, "tune"),
        *templated_opinions(rng, TUNE_OPENINGS, TUNE_VIEWS, TUNE_CLOSINGS, TUNE_AUTHORS, 70, "tune"),
        *common_phrases(rng, TUNE_COMMON_PHRASES, TUNE_AUTHORS, 4, "tune"),
        *hand(TUNE_SPAM_HAND, "tune"),
        *service_spam(rng, TUNE_SERVICE_TEMPLATES, TUNE_TRADES, TUNE_PHONES, 40, "tune"),
        *praise_with_commercial_link(rng, TUNE_PRAISE_TEXTS, TUNE_COMMERCIAL_SITES, TUNE_AUTHORS + ["John", "Mary"], 20, "tune"),
        *duplicated(rng, TUNE_DUPLICATE_TEXTS, 4, "tune"),
        *hand(TUNE_ISSUE13, "tune"),
    ]
    heldout = [
        *hand(HELDOUT_HAM_HAND, "heldout"),
        *templated_opinions(rng, HELDOUT_OPENINGS, HELDOUT_VIEWS, HELDOUT_CLOSINGS, HELDOUT_AUTHORS, 30, "heldout"),
        *common_phrases(rng, HELDOUT_COMMON_PHRASES, HELDOUT_AUTHORS, 4, "heldout"),
        *hand(HELDOUT_SPAM_HAND, "heldout"),
        *service_spam(rng, HELDOUT_SERVICE_TEMPLATES, HELDOUT_TRADES, HELDOUT_PHONES, 20, "heldout"),
        *praise_with_commercial_link(rng, HELDOUT_PRAISE_TEXTS, HELDOUT_COMMERCIAL_SITES, HELDOUT_AUTHORS + ["Chris"], 10, "heldout"),
        *duplicated(rng, HELDOUT_DUPLICATE_TEXTS, 3, "heldout"),
        *hand(HELDOUT_ISSUE13, "heldout"),
    ]
    # A run sees comments in crawl order, not grouped by kind: shuffle each split, tuning part first.
    rng.shuffle(tune)
    rng.shuffle(heldout)
    return tune + heldout


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} comments to {OUT}")


if __name__ == "__main__":
    main()
