"""The Russian production calendar in Moscow time, and clock arithmetic on it.

A working day is Monday–Friday, or a weekend day the government made a working one, that is not a
public holiday (the `holidays` package: Labour Code art. 112) and not a day off moved there by decree
(`data/calendar.toml`, kept by us for 2025–2027 with the decrees cited).

Business time counts only working days, 24 hours each, as the playbook's `business_time = true`
means: a clock of 24 business hours started on a Friday afternoon runs out on Monday afternoon, and
one started during the May holidays starts counting on the first working day. Calendar time counts
every hour (chats, phone). All functions take and return aware datetimes; results are in Moscow time.

Pure: no Django.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays

from sellerdesk.playbook import DATA_DIR

MOSCOW = ZoneInfo("Europe/Moscow")
DAY = dt.timedelta(days=1)
# Longest run of non-working days we step over before deciding the calendar is broken (the New Year
# holidays with their weekends are 12 days).
_MAX_IDLE_DAYS = 60


@cache
def table() -> dict[int, dict]:
    """Our calendar.toml: year -> {"source", "days_off", "working_days"} (dates as frozensets)."""
    with open(DATA_DIR / "calendar.toml", "rb") as fh:
        raw = tomllib.load(fh)
    return {
        int(year): {
            "source": row.get("source", ""),
            "days_off": frozenset(row.get("days_off", ())),
            "working_days": frozenset(row.get("working_days", ())),
        }
        for year, row in raw.items()
    }


@cache
def _days_off() -> frozenset[dt.date]:
    return frozenset(d for row in table().values() for d in row["days_off"])


@cache
def _working_weekend_days() -> frozenset[dt.date]:
    return frozenset(d for row in table().values() for d in row["working_days"])


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[dt.date]:
    """Non-working holidays of a year per the `holidays` package (incl. its moved days)."""
    return frozenset(holidays.country_holidays("RU", years=year))


@lru_cache(maxsize=8192)
def is_working_day(day: dt.date) -> bool:
    """True when `day` is worked under the Russian production calendar (five-day week)."""
    if isinstance(day, dt.datetime):
        day = moscow(day).date()
    if day in _working_weekend_days():
        return True
    if day in _days_off() or day.weekday() >= 5:
        return False
    return day not in public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """The first working day on or after `day`."""
    for _ in range(_MAX_IDLE_DAYS):
        if is_working_day(day):
            return day
        day += DAY
    raise ValueError(f"no working day within {_MAX_IDLE_DAYS} days of {day}")


def moscow(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("the calendar works with aware datetimes only")
    return moment.astimezone(MOSCOW)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=MOSCOW)


def add_business_time(start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
    """`start` moved on by `amount` of working-day time (negative amounts are refused)."""
    if amount < dt.timedelta(0):
        raise ValueError("a clock cannot run backwards")
    cursor = moscow(start)
    if not amount:
        return cursor
    remaining = amount
    idle = 0
    while True:
        day = cursor.date()
        day_end = _midnight(day + DAY)
        if not is_working_day(day):
            idle += 1
            if idle > _MAX_IDLE_DAYS:
                raise ValueError(f"no working day within {_MAX_IDLE_DAYS} days of {day}")
            cursor = day_end
            continue
        idle = 0
        available = day_end - cursor
        if remaining <= available:
            return cursor + remaining
        remaining -= available
        cursor = day_end


def business_time_between(a: dt.datetime, b: dt.datetime) -> dt.timedelta:
    """Working-day time from `a` to `b` (negative when `b` is before `a`)."""
    a, b = moscow(a), moscow(b)
    if b < a:
        return -business_time_between(b, a)
    total = dt.timedelta(0)
    cursor = a
    while cursor < b:
        day = cursor.date()
        day_end = min(_midnight(day + DAY), b)
        if is_working_day(day):
            total += day_end - cursor
        cursor = day_end
    return total


def add_business_hours(start: dt.datetime, hours: float) -> dt.datetime:
    """`start` plus `hours` hours counted on working days only (24 h each), in Moscow time."""
    return add_business_time(start, dt.timedelta(hours=hours))


def business_hours_between(a: dt.datetime, b: dt.datetime) -> float:
    """Hours of working-day time from `a` to `b` (negative when `b` is before `a`)."""
    return business_time_between(a, b).total_seconds() / 3600


def add_calendar_hours(start: dt.datetime, hours: float) -> dt.datetime:
    """`start` plus `hours` hours of ordinary time (chats, phone), in Moscow time."""
    if hours < 0:
        raise ValueError("a clock cannot run backwards")
    return moscow(start) + dt.timedelta(hours=hours)


def calendar_hours_between(a: dt.datetime, b: dt.datetime) -> float:
    return (moscow(b) - moscow(a)).total_seconds() / 3600


def add_time(start: dt.datetime, amount: dt.timedelta, *, business: bool) -> dt.datetime:
    """`start` plus `amount`, on the production calendar when `business`, else in ordinary time."""
    if business:
        return add_business_time(start, amount)
    if amount < dt.timedelta(0):
        raise ValueError("a clock cannot run backwards")
    return moscow(start) + amount


def time_between(a: dt.datetime, b: dt.datetime, *, business: bool) -> dt.timedelta:
    return business_time_between(a, b) if business else moscow(b) - moscow(a)


def add_hours(start: dt.datetime, hours: float, *, business: bool) -> dt.datetime:
    return add_time(start, dt.timedelta(hours=hours), business=business)


def hours_between(a: dt.datetime, b: dt.datetime, *, business: bool) -> float:
    return time_between(a, b, business=business).total_seconds() / 3600
