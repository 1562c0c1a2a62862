"""Dates as pages show them, to ISO 8601 with the site's UTC offset: ``to_iso8601``.

Accepted, fastest first (dateparser, the last resort, is by far the slowest):

- unix timestamps, in seconds (9–10 digits, optional fraction) or milliseconds (12–13 digits);
- ISO 8601 (``datetime`` attributes), with or without an offset or ``Z``;
- absolute dates with a month name, in either order (``2 مارس 2023``, ``مارس 2, 2023``, ``Mar 2, 2023``),
  or numeric (``2023/03/02``, ``02/03/2023`` read day first), optionally with a weekday, a time (``17:33``,
  ``5:33 م``, ``10:15 ص``, ``5:33 pm``) and a zone (``GMT``, ``+0300``). Month names: the Egyptian/Gulf
  family (يناير، فبراير…), the Levantine one (كانون الثاني، شباط، آذار…), the Maghreb ones (جانفي، فيفري…
  and the Moroccan يوليوز، غشت، شتنبر…), ``آذار/مارس`` pairs, English names and abbreviations;
- relative dates, counted back from ``now`` (the crawl time): ``منذ ساعتين``, ``منذ 3 أيام``,
  ``قبل 5 دقائق``, ``منذ ساعة و 20 دقيقة``, ``2 hours ago``, ``أمس`` / ``yesterday`` (now minus one day),
  ``أول أمس``, ``اليوم`` / ``today`` / ``الآن``; and ``أمس 10:15 م`` (that day at that time);
- anything else goes to ``dateparser`` (languages ``ar`` and ``en``, day-month-year order, day, month and
  year required so a lone weekday or time is not taken for a date).

Digits may be Western, Arabic-Indic (٠١٢…) or Persian (۰۱۲…). A naive date or time is in the site's
timezone; an aware one is converted to it; a date without a time is midnight. The result has seconds and no
fraction: ``2023-03-02T17:33:00+03:00``. Unparseable input gives None.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.parser import isoparse
from dateutil.relativedelta import relativedelta

from newsbot.arabic import DIGITS as ARABIC_DIGITS, fold_arabic
from newsbot.clean.text import normalize_text
from newsbot.settings import NEWSBOT_TIMEZONE as DEFAULT_TIMEZONE

_DIGITS = str.maketrans(ARABIC_DIGITS)


def _fold(text: str) -> str:
    """For matching words: Arabic spelling variants folded (``newsbot.arabic``), the Arabic comma a comma."""
    return fold_arabic(text).replace("،", ",").lower()


_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            "يناير|كانون الثاني|جانفي|january|jan",
            "فبراير|شباط|فيفري|february|feb",
            "مارس|اذار|march|mar",
            "ابريل|نيسان|افريل|april|apr",
            "مايو|ايار|ماي|may",
            "يونيو|يونيه|حزيران|جوان|june|jun",
            "يوليو|يوليه|تموز|جويليه|يوليوز|july|jul",
            "اغسطس|اب|اوت|غشت|august|aug",
            "سبتمبر|ايلول|شتنبر|september|sept|sep",
            "اكتوبر|تشرين الاول|october|oct",
            "نوفمبر|تشرين الثاني|نونبر|november|nov",
            "ديسمبر|كانون الاول|دجنبر|december|dec",
        ],
        start=1,
    )
    for name in names.split("|")
}
_WORD_EDGE_BEFORE = r"(?<![a-z\u0621-\u064a])"
_WORD_EDGE_AFTER = r"(?![a-z\u0621-\u064a])"
_MONTH = re.compile(
    _WORD_EDGE_BEFORE + "(" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + ")"
    + _WORD_EDGE_AFTER
)
_AM = "ص|صباحا|صباح|فجرا|am|a\\.m\\."
_PM = "م|مساء|مساءا|ظهرا|عصرا|pm|p\\.m\\."
_TIME = re.compile(
    r"(?<!\d)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    rf"(?:\s*({_AM}|{_PM}){_WORD_EDGE_AFTER})?"
    r"(?:\s*(z|gmt|utc|[+-]\d{2}:?\d{2}))?(?!\w)"
)
_NOISE = re.compile(
    _WORD_EDGE_BEFORE
    + r"(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه|يوم|الساعه|في|at|on|"
    r"sat|sun|mon|tue|wed|thu|fri|saturday|sunday|monday|tuesday|wednesday|thursday|friday)"
    + _WORD_EDGE_AFTER
    + r"|[\s,.\-–—|@()/]+"
)
_NUMBER = re.compile(r"\d+")
_UNIX = re.compile(r"([0-9]{9,10}(?:\.[0-9]+)?|[0-9]{12,13})")
_ISO = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[t ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?"
    r"\s*(?:z|[+-][0-9]{2}:?[0-9]{2})?",
    re.IGNORECASE,
)

# unit: (singular words, dual words, plural words); a plural without a count ("منذ ساعات") is too vague.
_UNIT_WORDS = {
    "seconds": ("ثانيه second sec", "ثانيتين ثانيتان", "ثوان ثواني seconds secs"),
    "minutes": ("دقيقه minute min", "دقيقتين دقيقتان", "دقائق minutes mins"),
    "hours": ("ساعه hour hr", "ساعتين ساعتان", "ساعات hours hrs"),
    "days": ("يوم day", "يومين يومان", "ايام days"),
    "weeks": ("اسبوع week", "اسبوعين اسبوعان", "اسابيع weeks"),
    "months": ("شهر month", "شهرين شهران", "اشهر شهور months"),
    "years": ("سنه عام year", "سنتين سنتان عامين عامان", "سنوات سنين اعوام years"),
}
_UNITS: dict[str, tuple[str, int | None]] = {
    word: (unit, implied)
    for unit, forms in _UNIT_WORDS.items()
    for words, implied in zip(forms, (1, 2, None))
    for word in words.split()
}
_UNIT = "(" + "|".join(sorted(_UNITS, key=len, reverse=True)) + ")" + _WORD_EDGE_AFTER
_AMOUNT = rf"(?:(\d+|an?|one)\s+)?{_UNIT}"
_RELATIVE = re.compile(
    rf"(?:منذ|قبل)\s+(?P<ar>{_AMOUNT}(?:\s+و\s*{_AMOUNT})*)|(?P<en>{_AMOUNT}(?:,?\s+(?:and\s+)?{_AMOUNT})*)\s+ago"
)
_AMOUNT_PART = re.compile(_AMOUNT)
_DAY_WORDS = {"امس": -1, "البارحه": -1, "yesterday": -1, "اول امس": -2, "اليوم": 0, "today": 0}
_NOW_WORDS = {"الان", "now", "just now", "للتو", "منذ لحظات"}
_DAY_WORD = re.compile("(" + "|".join(sorted(_DAY_WORDS, key=len, reverse=True)) + ")")


def _as_local(value: datetime, zone: ZoneInfo) -> datetime:
    """A naive datetime taken as wall time in ``zone``, an aware one converted to it."""
    if value.tzinfo is None:
        return value.replace(tzinfo=zone)
    return value.astimezone(zone)


def _clock(match: re.Match[str] | None) -> tuple[int, int, int, str | None]:
    """Hour, minute, second and zone token of a ``_TIME`` match; midnight without one."""
    if match is None:
        return 0, 0, 0, None
    hour, minute, second = int(match[1]), int(match[2]), int(match[3] or 0)
    meridiem = match[4]
    if meridiem and re.fullmatch(_PM, meridiem) and hour < 12:
        hour += 12
    elif meridiem and re.fullmatch(_AM, meridiem) and hour == 12:
        hour = 0
    return hour, minute, second, match[5]


def _zone_of(token: str | None, zone: ZoneInfo) -> dt_timezone | ZoneInfo:
    if token is None:
        return zone
    if token in ("z", "gmt", "utc"):
        return dt_timezone.utc
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    return dt_timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _calendar_date(rest: str) -> date | None:
    """The date of a text without its time: a month name with a day and a year, or three numbers."""
    months = {_MONTHS[m] for m in _MONTH.findall(rest)}
    numbers = _NUMBER.findall(rest)
    leftover = _NOISE.sub("", _NUMBER.sub("", _MONTH.sub("", rest)))
    if leftover or len(months) > 1:
        return None
    if months and len(numbers) == 2:
        day, year = sorted(numbers, key=len)
        if len(year) != 4:
            return None
        ymd = int(year), months.pop(), int(day)
    elif not months and len(numbers) == 3 and 4 in (len(numbers[0]), len(numbers[2])):
        first, middle, last = map(int, numbers)
        ymd = (first, middle, last) if len(numbers[0]) == 4 else (last, middle, first)
    else:
        return None
    try:
        return date(*ymd)
    except ValueError:
        return None


def _absolute(text: str, zone: ZoneInfo) -> datetime | None:
    time_match = _TIME.search(text)
    rest = text if time_match is None else text[: time_match.start()] + " " + text[time_match.end() :]
    day = _calendar_date(rest)
    if day is None:
        return None
    hour, minute, second, zone_token = _clock(time_match)
    try:
        moment = datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None
    return moment.replace(tzinfo=_zone_of(zone_token, zone)).astimezone(zone)


def _duration(amounts: str) -> relativedelta | None:
    total = relativedelta()
    for count, unit_word in _AMOUNT_PART.findall(amounts):
        unit, implied = _UNITS[unit_word]
        number = int(count) if count.isdigit() else implied if not count else 1  # "an hour", "a day"
        if number is None:
            return None
        total += relativedelta(**{unit: number})
    return total


def _relative(text: str, now: datetime) -> datetime | None:
    if text in _NOW_WORDS:
        return now
    match = _RELATIVE.fullmatch(text)
    if match:
        delta = _duration(match["ar"] or match["en"])
        if delta is None:
            return None
        if delta.years or delta.months or delta.weeks or delta.days:
            return now - delta  # calendar arithmetic on the local wall clock
        return (now.astimezone(dt_timezone.utc) - delta).astimezone(now.tzinfo)
    day_match = _DAY_WORD.match(text)
    if day_match is None:
        return None
    rest = text[day_match.end() :]
    time_match = _TIME.search(rest)
    if _NOISE.sub("", rest if time_match is None else rest.replace(time_match[0], "")):
        return None
    shifted = now + timedelta(days=_DAY_WORDS[day_match[1]])
    if time_match is None:
        return shifted
    hour, minute, second, _ = _clock(time_match)
    return shifted.replace(hour=hour, minute=minute, second=second)


_COMPACT_ISO = re.compile(r"\d{8}T\d{4,6}(?:Z|[+-]\d{2}:?\d{2})?")


@lru_cache(maxsize=8)
def _dateparser(timezone: str, relative_base: datetime, languages: tuple[str, ...] | None):
    """dateparser for ``languages`` (None: every language it knows, detected per date: slower)."""
    from dateparser.date import DateDataParser  # slow to import and to build: only for what the fast paths miss

    return DateDataParser(
        languages=list(languages) if languages else None,
        settings={
            "TIMEZONE": timezone,
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": relative_base,
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": "DMY",
            "REQUIRE_PARTS": ["day", "month", "year"],
        },
    )


def _with_dateparser(text: str, timezone: str, now: datetime) -> datetime | None:
    """Arabic and English first (the target sites'), then any language dateparser knows."""
    base = now.replace(tzinfo=None, second=0, microsecond=0)
    for languages in (("ar", "en"), None):
        found = _dateparser(timezone, base, languages).get_date_data(text).date_obj
        if found is not None:
            return found
    return None


def _compact_iso(text: str) -> datetime | None:
    """ISO 8601's basic format, ``20180619T055000+0900``."""
    if not _COMPACT_ISO.fullmatch(text):
        return None
    try:
        return isoparse(text)
    except ValueError:
        return None


def _now_in(zone: ZoneInfo, now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(zone)
    if now.tzinfo is None:
        now = now.replace(tzinfo=dt_timezone.utc)
    return now.astimezone(zone)


def parse_date(
    raw: str | int | float | datetime | None, timezone: str = DEFAULT_TIMEZONE, now: datetime | None = None
) -> datetime | None:
    """``raw`` as an aware datetime in ``timezone``, or None; see the module docstring.

    ``now`` (for relative dates) defaults to the current time; a naive ``now`` is UTC.
    """
    zone = ZoneInfo(timezone)
    if isinstance(raw, datetime):
        return _as_local(raw, zone).replace(microsecond=0)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = str(raw)
    if not isinstance(raw, str):
        return None
    clean = raw.strip()
    if not _ISO.fullmatch(clean):  # the common case (``datetime`` attributes) skips normalization
        clean = normalize_text(raw, repair_encoding=False).translate(_DIGITS)
    if _ISO.fullmatch(clean):
        try:
            return _as_local(datetime.fromisoformat(clean.upper()), zone).replace(microsecond=0)
        except ValueError:  # 2023-02-30
            return None
    if _UNIX.fullmatch(clean):
        seconds = float(clean) / (1000 if len(clean) >= 12 and "." not in clean else 1)
        return datetime.fromtimestamp(seconds, zone).replace(microsecond=0)
    text = _fold(clean)
    if not text:
        return None
    local_now = _now_in(zone, now)
    parsed = _absolute(text, zone) or _relative(text, local_now) or _compact_iso(clean)
    if parsed is None:
        parsed = _with_dateparser(clean, timezone, local_now)
    return None if parsed is None else _as_local(parsed, zone).replace(microsecond=0)


def to_iso8601(
    raw: str | int | float | datetime | None, timezone: str = DEFAULT_TIMEZONE, now: datetime | None = None
) -> str | None:
    """``raw`` as ISO 8601 with the site's UTC offset (``2023-03-02T17:33:00+03:00``), or None."""
    parsed = parse_date(raw, timezone, now)
    return None if parsed is None else parsed.isoformat(timespec="seconds")
