"""Dates, times and periods in Russian, Chinese and English seller texts, for `entities.extract`.

Everything here is a candidate: `(start, end, kind, value, data, priority)` plus, for dates, what
the merging passes need. `entities.py` resolves overlaps; this module only finds and reads.

Every pattern has bounded quantifiers and, where it begins with a repeated class, a look-behind
that stops it from starting again in the middle of a run, so a scan costs a constant per position.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MOSCOW = ZoneInfo("Europe/Moscow")

# ---------------------------------------------------------------- month names

_RU_MONTHS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("ма", 5), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
)
_RU_ABBR = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "июн": 6, "июл": 7, "авг": 8, "сен": 9, "сент": 9,
            "окт": 10, "ноя": 11, "нояб": 11, "дек": 12}
_EN_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}

# Genitive forms ("15 октября") and the forms a month takes alone ("октябрь", "в октябре", "за октябрь");
# "октября 2023" alone is left out: it is nearly always the tail of a date.
_RU_MONTH_GEN = (r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
                 r"|янв|фев|мар|апр|июн|июл|авг|сент|сен|окт|нояб|ноя|дек)\.?")
_RU_MONTH_ANY = (r"(?:январ[ье]|феврал[ье]|март[е]?|апрел[ье]|ма[йе]|июн[ье]|июл[ье]|август[е]?"
                 r"|сентябр[ье]|октябр[ье]|ноябр[ье]|декабр[ье])")

_NOT_LETTER_AFTER = r"(?![^\W\d_])"
_YEAR_WORD = r"(?:\s{0,2}(?:года|год|г\.|г(?![^\W\d_])))?"


def ru_month(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in _RU_ABBR:
        return _RU_ABBR[word]
    for stem, number in _RU_MONTHS:
        if word.startswith(stem) and (stem != "ма" or word in ("май", "мая", "мае")):
            return number
    return 0


def en_month(word: str) -> int:
    return _EN_MONTHS.get(word.lower().rstrip("."), 0)


# ---------------------------------------------------------------- patterns
# All of them run on the lower-cased text (same length as the text, see `safe_lower`). A pattern begins
# with a digit or a literal, and the look-behind that keeps it from starting inside a longer number
# comes after the first character (`\d(?<![\d.]\d)`), so the regex engine can skip ahead by its
# first character instead of trying every position.


def _lead(before: str) -> str:
    """A first digit that does not continue a run of `before` characters."""
    return rf"\d(?<![{before}]\d)"


_LEAD_D, _LEAD_DATE, _LEAD_ISO, _LEAD_TIME = _lead(r"\d"), _lead(r"\d.,/"), _lead(r"\d.\-"), _lead(r"\d:.")


_EN_MONTH_LOW = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)\.?"
)
_D_NUMERIC = re.compile(
    rf"({_LEAD_DATE}\d?)([./])(\d{{1,2}})\2(\d{{4}}|\d{{2}})(?!\d)(?!\.\d)" + _YEAR_WORD
)
_D_SHORT = re.compile(rf"({_LEAD_DATE}\d)\.(\d{{2}})(?![\d]|[.,]\d|\s?%)")
_D_ISO = re.compile(
    rf"({_LEAD_ISO}\d{{3}})([-/.])(\d{{1,2}})\2(\d{{1,2}})(?!\d)"
    r"(?:[t ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,9})?)?(z|[+-]\d{2}:?\d{2})?(?!\d))?"
)
_D_RU = re.compile(
    rf"({_LEAD_D}\d?)\s{{0,2}}(?:-?го\s{{1,2}})?(" + _RU_MONTH_GEN + ")" + _NOT_LETTER_AFTER
    + r"(?:,?\s{1,2}(\d{4})(?!\d)" + _YEAR_WORD + ")?"
)
_D_EN_MD = re.compile(
    "(" + _EN_MONTH_LOW + r")\s{1,2}(\d{1,2})(?:st|nd|rd|th)?(?![\d])" + _NOT_LETTER_AFTER
    + r"(?:,?\s{1,2}(\d{4})(?!\d))?"
)
_D_EN_DM = re.compile(
    rf"({_LEAD_D}\d?)(?:st|nd|rd|th)?\s{{1,2}}(?:of\s{{1,2}})?(" + _EN_MONTH_LOW + ")" + _NOT_LETTER_AFTER
    + r"(?:,?\s{1,2}(\d{4})(?!\d))?"
)
_D_ZH = re.compile(rf"(?:({_LEAD_D}\d{{3}})\s?年\s?)(\d{{1,2}})\s?月\s?(\d{{1,2}})\s?[日号號]")
_D_ZH_SHORT = re.compile(rf"()({_LEAD_D}\d?)\s?月\s?(\d{{1,2}})\s?[日号號]")
_D_RELATIVE = re.compile(
    r"(позавчера|вчера|сегодня|завтра|послезавтра|day\s{1,2}before\s{1,2}yesterday|yesterday|today|tomorrow)"
    + _NOT_LETTER_AFTER
    + r"|(大前天|前天|昨天|昨日|今天|今日|明天|后天)"
)
_D_AGO = re.compile(
    rf"({_LEAD_D}\d{{0,2}})\s{{0,2}}(?:(дн(?:я|ей|ь)|день|недел[юиь]|days?|weeks?)\s{{1,2}}(?:назад|ago)"
    + _NOT_LETTER_AFTER + r"|(天|周|星期)前)"
)
_RELATIVE_DAYS = {
    "позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2,
    "yesterday": -1, "today": 0, "tomorrow": 1,
    "大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "后天": 2,
}

_T_CLOCK = re.compile(
    rf"({_LEAD_TIME}\d?)([:.])([0-5]\d)(?::[0-5]\d)?(?![\d]|[.:]\d)"
    r"(?:\s?([ap])\.?m\.?" + _NOT_LETTER_AFTER + ")?"
)
_ZH_PART_BEFORE = re.compile(r"(上午|下午|晚上|早上|中午|凌晨|傍晚|早晨)\s?$")
_T_AMPM = re.compile(rf"({_LEAD_TIME}\d?)\s?([ap])\.?m\.?" + _NOT_LETTER_AFTER)
_T_ZH = re.compile(rf"({_LEAD_D}\d?)\s?[点點时時](?:\s?(半)|\s?(\d{{1,2}})\s?分?)?")
_T_RU = re.compile(
    rf"({_LEAD_TIME}\d?)\s{{0,2}}(?:час(?:а|ов)?|ч\.)(?:\s{{0,2}}(\d{{1,2}})\s{{0,2}}мин(?:ут[аы]?|\.)?)?"
    + r"(?:\s{1,2}(утра|дня|вечера|ночи))?"
)

# What may stand between a date and its time: "15 октября 2023, около 14:30", "вчера в 14:30", "昨天下午".
_GAP_DATE_TIME = re.compile(
    r"[\s,，]{0,3}(?:(?:в|во|около|примерно|ориентировочно|ок\.|at|around|about|approximately|~)\s{0,2})?"
)
_TZ_SUFFIX = re.compile(
    r"\s{0,2}\(?\s{0,2}(?:(?:по\s{1,2})?(мск|msk|москв[а-я]{0,3}|moscow\s{1,2}time|московскому\s{1,2}времени)"
    r"|(?:по\s{1,2})?(пекин[а-я]{0,3}|beijing\s{1,2}time|北京时间)|(utc|gmt)(?:\s?([+-]\d{1,2}))?)"
    r"\s{0,2}\)?"
)
_TZ_PREFIX = re.compile(r"(北京时间|莫斯科时间)\s?$")
_GAP_RANGE = re.compile(r"\s{0,3}(?:-|–|—|−|/|~|～|－|по|до|to|till|until|through|and|至|到)\s{0,3}")
_RANGE_PREFIX = re.compile(
    r"(?:(?:за\s{1,3})?(?:период[а-я]{0,2}|for\s{1,2}the\s{1,2}period|period)\s{1,3})?"
    r"(?:с|c|from|between|从|自)\s{0,3}$"
)

_P_RU_DAYS = re.compile(
    rf"({_LEAD_D}\d?)\s{{0,2}}(?:-|–|—|по|до)\s{{0,2}}"
    r"(\d{1,2})\s{1,2}(" + _RU_MONTH_GEN + ")" + _NOT_LETTER_AFTER + r"(?:\s{1,2}(\d{4})(?!\d)" + _YEAR_WORD + ")?"
)
_P_WEEK = re.compile(r"(?:недел[яюие]\s{1,2}|week\s{1,2}|(?:за\s{1,3})?период\s{1,3})$")
_P_EN_DAYS = re.compile(
    rf"({_LEAD_D}\d?)\s?(?:-|–|—)\s?(\d{{1,2}})\s{{1,2}}(" + _EN_MONTH_LOW + ")" + _NOT_LETTER_AFTER
    + r"(?:,?\s{1,2}(\d{4})(?!\d))?"
)
_P_EN_MDD = re.compile(
    "(" + _EN_MONTH_LOW + r")\s{1,2}(\d{1,2})\s?(?:-|–|—)\s?(\d{1,2})(?![\d])(?:,?\s{1,2}(\d{4})(?!\d))?"
)
_P_RU_MONTH = re.compile(
    "(" + _RU_MONTH_ANY + ")" + _NOT_LETTER_AFTER + r"(?:\s{1,2}(\d{4})(?!\d)" + _YEAR_WORD + ")?"
)
_P_RU_MONTH_BEFORE = re.compile(r"(?:за|в|во)\s{1,3}$")
_P_EN_MONTH = re.compile("(" + _EN_MONTH_LOW + ")" + _NOT_LETTER_AFTER + r"(?:,?\s{1,2}(\d{4})(?!\d))?")
_P_EN_MONTH_BEFORE = re.compile(r"(?:for|in)\s{1,3}(?:the\s{1,2}month\s{1,2}of\s{1,2})?$")
_P_ZH_MONTH = re.compile(r"(?<![\d])(\d{4})\s?年\s?(\d{1,2})\s?月(?:份)?(?!\s?\d{1,2}\s?[日号號])")
_P_NUM_MONTH = re.compile(r"(?:за|for)\s{1,3}(\d{2})\.(\d{4})(?![\d]|\.\d)")


def safe_lower(text: str) -> str:
    """text.lower() with every character kept in place (a few characters grow when lower-cased)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _word_start(lower: str, start: int) -> bool:
    return start == 0 or not lower[start - 1].isalpha()


# ---------------------------------------------------------------- reading

MAX_MATCHES = 5_000  # of one pattern in one text: an appeal has dozens; this only bounds pathological input


def _scan(pattern: re.Pattern, text: str):
    return itertools.islice(pattern.finditer(text), MAX_MATCHES)



_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_RU_MONTH_STEMS = ("янв", "фев", "мар", "апр", "мая", "май", "мае", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
_EN_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Hints:
    """Which families of patterns can match at all, told by plain substring tests (a few microseconds)."""

    def __init__(self, lower: str, cjk: bool | None):
        if cjk is None:
            cjk = _CJK_CHAR.search(lower) is not None
        self.cjk = cjk
        self.ru_month = any(stem in lower for stem in _RU_MONTH_STEMS)
        self.en_month = any(stem in lower for stem in _EN_MONTH_STEMS)
        self.relative = cjk or any(w in lower for w in ("вчера", "сегодня", "завтра", "yesterday", "today",
                                                          "tomorrow"))
        self.ago = cjk or "назад" in lower or "ago" in lower
        self.ampm = "m" in lower and ("am" in lower or "pm" in lower or "a.m" in lower or "p.m" in lower)
        self.hours = "час" in lower or "ч." in lower
        self.dotted = "." in lower or "/" in lower
        self.numeric_month = "за " in lower or "for " in lower


@dataclass
class DateCand:
    start: int
    end: int
    day: date
    explicit_year: bool
    relative: bool = False
    hour: int | None = None
    minute: int = 0


@dataclass
class TimeCand:
    start: int
    end: int
    hour: int
    minute: int


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _make(year: int, month: int, day: int) -> date | None:
    if not (1900 <= year <= 2100):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


FUTURE_DAYS = 62


def _nearest(month: int, day: int, today: date) -> date | None:
    """A day and month without a year: this year's, unless that is more than two months ahead; then last
    year's. Sellers write about what happened; a date ahead is a deadline, and deadlines are close."""
    candidate = _make(today.year, month, day)
    if candidate is None:  # 29 February: the last leap year's
        return next((c for c in (_make(today.year - k, month, day) for k in range(1, 5)) if c), None)
    if (candidate - today).days > FUTURE_DAYS:
        return _make(today.year - 1, month, day)
    return candidate


def _dated(start, end, year_text, month, day, today) -> DateCand | None:
    if year_text:
        value = _make(_year(year_text), month, day)
        return DateCand(start, end, value, True) if value else None
    value = _nearest(month, day, today)
    return DateCand(start, end, value, False) if value else None


def find_dates(text: str, today: date, hints: Hints) -> list[DateCand]:
    """Dates in the lower-cased `text`."""
    out: list[DateCand] = []
    dotted = hints.dotted
    for m in _scan(_D_NUMERIC, text) if dotted else ():
        if m.group(2) == "/" and int(m.group(3)) > 12 >= int(m.group(1)):  # 03/25/2026: month first
            cand = _dated(m.start(), m.end(), m.group(4), int(m.group(1)), int(m.group(3)), today)
        else:
            cand = _dated(m.start(), m.end(), m.group(4), int(m.group(3)), int(m.group(1)), today)
        if cand:
            out.append(cand)
    for m in _scan(_D_SHORT, text) if "." in text else ():
        cand = _dated(m.start(), m.end(), None, int(m.group(2)), int(m.group(1)), today)
        if cand:
            cand.explicit_year = False
            out.append(cand)
    for m in _scan(_D_ISO, text) if "-" in text or dotted else ():
        value = _make(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if not value:
            continue
        cand = DateCand(m.start(), m.end(), value, True)
        if m.group(5) is not None:
            hour, minute = int(m.group(5)), int(m.group(6))
            if hour > 23 or minute > 59:
                cand.end = m.start(5) - 1
            else:
                moment = datetime(value.year, value.month, value.day, hour, minute)
                offset = m.group(7)
                if offset:
                    moment = _to_moscow(moment, offset)
                cand.day, cand.hour, cand.minute = moment.date(), moment.hour, moment.minute
        out.append(cand)
    for m in _scan(_D_RU, text) if hints.ru_month else ():
        month = ru_month(m.group(2))
        if month:
            cand = _dated(m.start(), m.end(), m.group(3), month, int(m.group(1)), today)
            if cand:
                out.append(cand)
    for m in _scan(_D_EN_MD, text) if hints.en_month else ():
        if not _word_start(text, m.start()):
            continue
        cand = _dated(m.start(), m.end(), m.group(3), en_month(m.group(1)), int(m.group(2)), today)
        if cand:
            out.append(cand)
    for m in _scan(_D_EN_DM, text) if hints.en_month else ():
        cand = _dated(m.start(), m.end(), m.group(3), en_month(m.group(2)), int(m.group(1)), today)
        if cand:
            out.append(cand)
    for m in itertools.chain(_scan(_D_ZH, text), _scan(_D_ZH_SHORT, text)) if hints.cjk else ():
        cand = _dated(m.start(), m.end(), m.group(1), int(m.group(2)), int(m.group(3)), today)
        if cand:
            out.append(cand)
    for m in _scan(_D_RELATIVE, text) if hints.relative else ():
        if m.group(1) and not _word_start(text, m.start()):
            continue
        word = " ".join((m.group(1) or m.group(2)).lower().split())
        shift = -2 if word.startswith("day") else _RELATIVE_DAYS.get(word)
        if shift is not None:
            out.append(DateCand(m.start(), m.end(), today + timedelta(days=shift), True, relative=True))
    for m in _scan(_D_AGO, text) if hints.ago else ():
        count = int(m.group(1))
        unit = (m.group(2) or m.group(3) or "").lower()
        days = count * 7 if unit[:1] in ("н", "w", "周", "星") else count
        if days <= 3660:
            out.append(DateCand(m.start(), m.end(), today - timedelta(days=days), True, relative=True))
    return out


def _hour(hour: int, part: str | None, ampm: str | None) -> int:
    if ampm:
        ampm = ampm.lower()
        if ampm == "p" and hour < 12:
            return hour + 12
        if ampm == "a" and hour == 12:
            return 0
        return hour
    if part in ("下午", "晚上", "傍晚", "вечера", "дня") and hour < 12:
        return hour + 12
    if part == "中午" and hour < 6:
        return hour + 12
    if part == "ночи" and hour == 12:
        return 0
    return hour


def find_times(text: str, hints: Hints) -> list[TimeCand]:
    """Times of day in the lower-cased `text`."""
    out: list[TimeCand] = []
    for m in _scan(_T_CLOCK, text) if ":" in text or "." in text else ():
        hour = int(m.group(1))
        part = _ZH_PART_BEFORE.search(text, max(0, m.start() - 3), m.start()) if hints.cjk else None
        if hour > 23 or m.group(2) == "." and not (part or m.group(4)) and len(m.group(1)) == 1:
            continue  # "1.50" is an amount more often than a time
        start = part.start() if part else m.start()
        out.append(TimeCand(start, m.end(), _hour(hour, part and part.group(1), m.group(4)), int(m.group(3))))
    for m in _scan(_T_AMPM, text) if hints.ampm else ():
        if not 1 <= int(m.group(1)) <= 12:
            continue
        out.append(TimeCand(m.start(), m.end(), _hour(int(m.group(1)), None, m.group(2)), 0))
    for m in _scan(_T_ZH, text) if hints.cjk else ():
        hour = int(m.group(1))
        minute = 30 if m.group(2) else int(m.group(3) or 0)
        if hour <= 24 and minute < 60:
            part = _ZH_PART_BEFORE.search(text, max(0, m.start() - 3), m.start())
            start = part.start() if part else m.start()
            out.append(TimeCand(start, m.end(), _hour(hour, part and part.group(1), None) % 24, minute))
    for m in _scan(_T_RU, text) if hints.hours else ():
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour <= 23 and minute < 60:
            part = (m.group(3) or "").lower() or None
            out.append(TimeCand(m.start(), m.end(), _hour(hour, part, None), minute))
    out.sort(key=lambda t: t.start)
    return out


def _to_moscow(moment: datetime, offset: str) -> datetime:
    """A naive local time at `offset` ('Z', '+08:00', '+8', 'beijing', 'moscow') as naive Moscow time."""
    if offset in ("moscow",):
        return moment
    if offset == "beijing":
        hours, minutes = 8, 0
    elif offset.upper() == "Z" or offset == "utc":
        hours, minutes = 0, 0
    else:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours = int(digits[:2]) if len(digits) >= 2 else int(digits)
        minutes = int(digits[2:4]) if len(digits) >= 4 else 0
        hours, minutes = sign * hours, sign * minutes
    utc = moment - timedelta(hours=hours, minutes=minutes)
    return utc + timedelta(hours=3)  # Moscow has kept UTC+3 since 2014


def _zone_of(match: re.Match) -> str:
    if match.group(1):
        return "moscow"
    if match.group(2):
        return "beijing"
    if match.group(3):
        shift = match.group(4)
        return shift if shift else "utc"
    return "moscow"


# ---------------------------------------------------------------- candidates for entities.py

Candidate = tuple  # (start, end, kind, value, data, priority)

P_DATE, P_DATETIME, P_PERIOD = 50, 56, 58


def _date_candidate(d: DateCand) -> Candidate:
    priority = P_DATE - (30 if not d.explicit_year and not d.relative and d.end - d.start <= 5 else 0)
    if d.hour is not None:
        moment = datetime(d.day.year, d.day.month, d.day.day, d.hour, d.minute, tzinfo=MOSCOW)
        return (d.start, d.end, "datetime", moment.strftime("%Y-%m-%dT%H:%M"), (("datetime", moment),), P_DATETIME)
    return (d.start, d.end, "date", d.day.isoformat(), (("date", d.day),), priority)


def _period_candidate(start: int, end: int, first: date, last: date) -> Candidate | None:
    if last < first or (last - first).days > 3700:
        return None
    return (start, end, "period", f"{first.isoformat()}/{last.isoformat()}", (("start", first), ("end", last)),
            P_PERIOD)


def _month_period(start: int, end: int, year: int, month: int) -> Candidate | None:
    first = _make(year, month, 1)
    if not first:
        return None
    last = (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)) - timedelta(days=1)
    return _period_candidate(start, end, first, last)


def _last_month_occurrence(month: int, today: date) -> int:
    """The year of the latest month `month` that has begun by today ("за октябрь")."""
    return today.year if month <= today.month else today.year - 1


def candidates(text: str, now: datetime, lower: str | None = None, cjk: bool | None = None) -> list[Candidate]:
    """Date, datetime and period candidates of `text`, read on its lower-cased form (which the caller may
    pass, with whether the text has Chinese characters, when it has them already)."""
    text = lower if lower is not None and len(lower) == len(text) else safe_lower(text)
    hints = Hints(text, cjk)
    today = now.date()
    dates = find_dates(text, today, hints)
    times = find_times(text, hints) if dates else []
    out: list[Candidate] = []

    # Date + time: "15 октября 2023, около 14:30 по МСК", "вчера в 14:30", "3月5日下午2点".
    time_starts = [t.start for t in times]

    for d in dates:
        if d.hour is None:
            i = bisect.bisect_left(time_starts, d.end)
            while i < len(times) and times[i].start <= d.end + 16:
                t = times[i]
                gap = _GAP_DATE_TIME.fullmatch(text, d.end, t.start)
                if gap:
                    prefix = _TZ_PREFIX.search(text, max(0, d.start - 8), d.start)
                    suffix = _TZ_SUFFIX.match(text, t.end)
                    moment = datetime(d.day.year, d.day.month, d.day.day, t.hour, t.minute)
                    start, end = d.start, t.end
                    if suffix and suffix.end() > suffix.start() and suffix.group().strip():
                        moment = _to_moscow(moment, _zone_of(suffix))
                        end = suffix.end()
                        while end > t.end and text[end - 1].isspace():
                            end -= 1
                    elif prefix:
                        moment = _to_moscow(moment, "beijing" if prefix.group(1) == "北京时间" else "moscow")
                        start = prefix.start()
                    merged = DateCand(start, end, moment.date(), d.explicit_year, d.relative, moment.hour,
                                      moment.minute)
                    out.append(_date_candidate(merged))
                    break
                i += 1
        out.append(_date_candidate(d))

    # Two dates joined by "по", "-", "to", "至": a period, with "за период с" taken in.
    ordered = sorted(dates, key=lambda d: (d.start, -d.end))
    starts = [d.start for d in ordered]
    for d in ordered:
        j = bisect.bisect_left(starts, d.end)
        while j < len(ordered) and ordered[j].start <= d.end + 9:
            other = ordered[j]
            if _GAP_RANGE.fullmatch(text, d.end, other.start):
                first, last = d.day, other.day
                if not d.explicit_year and other.explicit_year:
                    first = _make(last.year, first.month, first.day) or first
                    if first > last:
                        first = _make(last.year - 1, first.month, first.day) or first
                prefix = _RANGE_PREFIX.search(text, max(0, d.start - 30), d.start)
                cand = _period_candidate(prefix.start() if prefix else d.start, other.end, first, last)
                if cand:
                    out.append(cand)
                break
            j += 1

    # "с 1 по 31 октября 2023", "1–7 октября", "week 12-18 Oct", "Oct 12-18, 2023".
    for m in _scan(_P_RU_DAYS, text) if hints.ru_month else ():
        month = ru_month(m.group(3))
        _append_day_range(out, text, m, int(m.group(1)), int(m.group(2)), month, m.group(4), today)
    for m in _scan(_P_EN_DAYS, text) if hints.en_month else ():
        _append_day_range(out, text, m, int(m.group(1)), int(m.group(2)), en_month(m.group(3)), m.group(4), today)
    for m in _scan(_P_EN_MDD, text) if hints.en_month else ():
        if not _word_start(text, m.start()):
            continue
        _append_day_range(out, text, m, int(m.group(2)), int(m.group(3)), en_month(m.group(1)), m.group(4), today)

    # A whole month: "за октябрь 2023", "October 2023", "2023年10月", "за 10.2023".
    in_date = bytearray(len(text) + 1)
    for d in dates:
        in_date[d.start:d.end] = b"\x01" * (d.end - d.start)
    for pattern, before, read, gate in ((_P_RU_MONTH, _P_RU_MONTH_BEFORE, ru_month, hints.ru_month),
                                        (_P_EN_MONTH, _P_EN_MONTH_BEFORE, en_month, hints.en_month)):
        for m in _scan(pattern, text) if gate else ():
            if not _word_start(text, m.start()) or in_date[m.start()]:
                continue  # "5th March 2026" is a date, not the month
            prefix = before.search(text, max(0, m.start() - 30), m.start())
            has_for = prefix is not None and prefix.group().startswith(("за", "for"))
            if not (m.group(2) or has_for):
                continue
            month = read(m.group(1))
            year = int(m.group(2)) if m.group(2) else _last_month_occurrence(month, today)
            cand = _month_period(prefix.start() if has_for else m.start(), m.end(), year, month) if month else None
            if cand:
                out.append(cand)
    for m in _scan(_P_ZH_MONTH, text) if hints.cjk else ():
        cand = _month_period(m.start(), m.end(), int(m.group(1)), int(m.group(2)))
        if cand:
            out.append(cand)
    for m in _scan(_P_NUM_MONTH, text) if hints.numeric_month else ():
        cand = _month_period(m.start(), m.end(), int(m.group(2)), int(m.group(1)))
        if cand:
            out.append(cand)
    return out


def _append_day_range(out, text, m, first_day, last_day, month, year_text, today) -> None:
    if not month:
        return
    if year_text:
        year = int(year_text)
    else:
        nearest = _nearest(month, max(1, min(last_day, 28)), today)
        if not nearest:
            return
        year = nearest.year
    first, last = _make(year, month, first_day), _make(year, month, last_day)
    if not first or not last:
        return
    start = m.start()
    prefix = _RANGE_PREFIX.search(text, max(0, start - 30), start) or _P_WEEK.search(text, max(0, start - 16), start)
    if prefix:
        start = prefix.start()
    cand = _period_candidate(start, m.end(), first, last)
    if cand:
        out.append(cand)
