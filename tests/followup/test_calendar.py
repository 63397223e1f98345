"""The Russian production calendar: every moved day of 2025–2027, every holiday block, and clock arithmetic."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sellerdesk.playbook import calendar
from sellerdesk.playbook.calendar import (
    MOSCOW,
    add_business_hours,
    add_calendar_hours,
    business_hours_between,
    calendar_hours_between,
    is_working_day,
)

D = dt.date


def msk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=MOSCOW)


# Weekdays that are days off by decree, or the Monday a weekend holiday moved to (art. 112).
MOVED_DAYS_OFF = [
    D(2024, 4, 29), D(2024, 4, 30), D(2024, 5, 10), D(2024, 12, 30), D(2024, 12, 31),
    D(2025, 5, 2), D(2025, 5, 8), D(2025, 6, 13), D(2025, 11, 3), D(2025, 12, 31),
    D(2026, 1, 9), D(2026, 3, 9), D(2026, 5, 11), D(2026, 12, 31),
    D(2027, 2, 22), D(2027, 5, 3), D(2027, 5, 10), D(2027, 6, 14), D(2027, 11, 5), D(2027, 12, 31),
]
# Saturdays worked by decree.
WORKING_SATURDAYS = [D(2024, 4, 27), D(2024, 11, 2), D(2024, 12, 28), D(2025, 11, 1), D(2027, 2, 20)]

# Each holiday block, with the working days around it: (first day off, last day off).
HOLIDAY_BLOCKS = [
    (D(2024, 12, 29), D(2025, 1, 8)), (D(2025, 2, 22), D(2025, 2, 23)), (D(2025, 3, 8), D(2025, 3, 9)),
    (D(2025, 5, 1), D(2025, 5, 4)), (D(2025, 5, 8), D(2025, 5, 11)), (D(2025, 6, 12), D(2025, 6, 15)),
    (D(2025, 11, 2), D(2025, 11, 4)), (D(2025, 12, 31), D(2026, 1, 11)),
    (D(2026, 2, 21), D(2026, 2, 23)), (D(2026, 3, 7), D(2026, 3, 9)), (D(2026, 5, 1), D(2026, 5, 3)),
    (D(2026, 5, 9), D(2026, 5, 11)), (D(2026, 6, 12), D(2026, 6, 14)), (D(2026, 11, 4), D(2026, 11, 4)),
    (D(2026, 12, 31), D(2027, 1, 10)),
    (D(2027, 2, 21), D(2027, 2, 23)), (D(2027, 3, 6), D(2027, 3, 8)), (D(2027, 5, 1), D(2027, 5, 3)),
    (D(2027, 5, 8), D(2027, 5, 10)), (D(2027, 6, 12), D(2027, 6, 14)), (D(2027, 11, 4), D(2027, 11, 7)),
    (D(2027, 12, 31), D(2028, 1, 9)),
]


@pytest.mark.parametrize("day", MOVED_DAYS_OFF, ids=str)
def test_moved_day_off(day):
    assert day.weekday() < 5
    assert not is_working_day(day)


@pytest.mark.parametrize("day", WORKING_SATURDAYS, ids=str)
def test_working_saturday(day):
    assert day.weekday() == 5
    assert is_working_day(day)


@pytest.mark.parametrize(("first", "last"), HOLIDAY_BLOCKS, ids=lambda d: str(d))
def test_holiday_block(first, last):
    day = first
    while day <= last:
        assert not is_working_day(day), day
        day += dt.timedelta(days=1)
    # The block is whole: the days on either side are worked (a weekend next to it would belong to it).
    assert is_working_day(first - dt.timedelta(days=1))
    assert is_working_day(last + dt.timedelta(days=1))


def test_table_lists_exactly_the_tested_days():
    listed_off = sorted(d for row in calendar.table().values() for d in row["days_off"])
    listed_working = sorted(d for row in calendar.table().values() for d in row["working_days"])
    assert listed_off == sorted(MOVED_DAYS_OFF)
    assert listed_working == sorted(WORKING_SATURDAYS)
    assert all(calendar.table()[year]["source"] for year in (2024, 2025, 2026, 2027))


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_table_agrees_with_the_holidays_package(year):
    """Every weekday the package calls a holiday is off for us, and every day off we list is one the package knows."""
    package = calendar.public_holidays(year)
    ours = calendar.table()[year]["days_off"]
    assert ours <= package
    day = D(year, 1, 1)
    while day.year == year:
        if day.weekday() < 5 and day in package:
            assert not is_working_day(day)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(("year", "working"), [(2024, 248), (2025, 247), (2026, 247), (2027, 247)])
def test_working_days_in_a_year(year, working):
    """The published norms of the five-day week."""
    day, count = D(year, 1, 1), 0
    while day.year == year:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    assert count == working


def test_a_friday_afternoon_clock_runs_out_on_monday():
    assert add_business_hours(msk(2026, 3, 13, 15, 0), 24) == msk(2026, 3, 16, 15, 0)


def test_a_clock_started_on_a_holiday_starts_counting_on_the_first_working_day():
    # Submitted on 2 January 2026: the holidays run to 11 January.
    assert add_business_hours(msk(2026, 1, 2, 11, 0), 24) == msk(2026, 1, 13, 0, 0)
    assert add_business_hours(msk(2026, 1, 2, 11, 0), 36) == msk(2026, 1, 13, 12, 0)


def test_a_clock_steps_over_the_november_holidays_and_counts_the_working_saturday():
    # 31 Oct 2025 (Fri) 18:00 + 24 business hours: Saturday 1 Nov is worked.
    assert add_business_hours(msk(2025, 10, 31, 18, 0), 24) == msk(2025, 11, 1, 18, 0)
    # + 72: the rest of Saturday (6 h), then 2–4 Nov off, 5 Nov full (24 h), 6 Nov to 18:00.
    assert add_business_hours(msk(2025, 10, 31, 18, 0), 72) == msk(2025, 11, 6, 18, 0)


def test_business_hours_are_counted_in_moscow_time():
    # 21:30 UTC on Friday is 00:30 on Saturday in Moscow: the weekend has begun.
    start = dt.datetime(2026, 3, 13, 21, 30, tzinfo=dt.UTC)
    assert add_business_hours(start, 1) == msk(2026, 3, 16, 1, 0)
    assert business_hours_between(start, msk(2026, 3, 16, 1, 0)) == 1


def test_between_is_negative_backwards_and_zero_across_a_weekend():
    assert business_hours_between(msk(2026, 3, 16, 10), msk(2026, 3, 13, 10)) == -24
    assert business_hours_between(msk(2026, 3, 14, 1), msk(2026, 3, 15, 23)) == 0


def test_calendar_time_ignores_the_calendar():
    assert add_calendar_hours(msk(2026, 1, 2, 11, 0), 0.5) == msk(2026, 1, 2, 11, 30)
    assert calendar_hours_between(msk(2026, 5, 8, 12), msk(2026, 5, 12, 12)) == 96


def test_naive_times_and_negative_hours_are_refused():
    with pytest.raises(ValueError):
        add_business_hours(dt.datetime(2026, 3, 13, 15, 0), 1)
    with pytest.raises(ValueError):
        add_business_hours(msk(2026, 3, 13, 15, 0), -1)


moments = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 1),
                       timezones=st.just(MOSCOW))
spans = st.integers(min_value=0, max_value=400 * 3600)  # seconds


@given(moments, spans, spans)
def test_adding_more_never_ends_earlier(start, a, b):
    a, b = sorted((a, b))
    assert add_business_hours(start, a / 3600) <= add_business_hours(start, b / 3600)


@given(moments, spans)
def test_add_then_between_is_identity(start, seconds):
    end = calendar.add_business_time(start, dt.timedelta(seconds=seconds))
    assert calendar.business_time_between(start, end) == dt.timedelta(seconds=seconds)
    assert end >= start


@given(moments, moments, moments)
def test_between_adds_up(a, b, c):
    a, b, c = sorted((a, b, c))
    assert calendar.business_time_between(a, c) == calendar.business_time_between(a, b) + \
        calendar.business_time_between(b, c)
