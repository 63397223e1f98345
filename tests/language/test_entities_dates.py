"""Dates, times and periods in Russian, Chinese and English, relative ones against a fixed `now`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sellerdesk.language import entities
from tests.language.entity_helpers import MSK, NOW, of_kind, pairs, spans


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(entities, "RAISE_ERRORS", True)


@pytest.mark.parametrize("text, expected", [
    ("Заказ от 15.10.2023 не пришёл", "2023-10-15"),
    ("приняли 05.03.26, а списали позже", "2026-03-05"),
    ("15 октября 2023 года поставка была принята", "2023-10-15"),
    ("1 марта 2026 г. изменили цену", "2026-03-01"),
    ("с 3-го апреля ничего не меняется", None),
    ("2026年3月5日 提交的申诉", "2026-03-05"),
    ("我们在3月5日发的货", "2026-03-05"),
    ("on March 5, 2026 the card was blocked", "2026-03-05"),
    ("since 5th March 2026", "2026-03-05"),
    ("the report of 2026-03-05 is wrong", "2026-03-05"),
    ("выгрузка 2026/03/05", "2026-03-05"),
])
def test_it_reads_dates_in_three_languages(text, expected):
    if expected is None:
        assert of_kind(text, "date") == ["2026-04-03"]  # no year: the 3 April nearest to 10 March 2026
    else:
        assert of_kind(text, "date") == [expected]


@pytest.mark.parametrize("text, expected", [
    ("вчера списали штраф", "2026-03-09"),
    ("позавчера товар пропал", "2026-03-08"),
    ("сегодня утром", "2026-03-10"),
    ("昨天钱没到账", "2026-03-09"),
    ("前天申诉的", "2026-03-08"),
    ("yesterday the payout did not arrive", "2026-03-09"),
    ("the day before yesterday", "2026-03-08"),
    ("3 дня назад", "2026-03-07"),
    ("2 weeks ago", "2026-02-24"),
    ("5天前", "2026-03-05"),
])
def test_it_resolves_relative_dates_against_now(text, expected):
    assert of_kind(text, "date") == [expected]


def test_relative_dates_follow_moscow_time_of_now():
    late_utc = datetime(2026, 3, 9, 22, 30, tzinfo=UTC)  # already 10 March, 01:30 in Moscow
    assert of_kind("вчера", "date", now=late_utc) == ["2026-03-09"]


def test_a_naive_now_is_read_as_moscow_time():
    assert of_kind("yesterday", "date", now=datetime(2026, 1, 1, 0, 5)) == ["2025-12-31"]


def test_without_now_it_uses_the_current_moscow_date():
    today = datetime.now(MSK).date()
    assert of_kind("сегодня", "date", now=None) in ([today.isoformat()], [(today + timedelta(days=1)).isoformat()])


@pytest.mark.parametrize("text, value, covered", [
    ("15 октября 2023, около 14:30 по МСК поставка не принята", "2023-10-15T14:30",
     "15 октября 2023, около 14:30 по МСК"),
    ("15.10.2023 14:30 ошибка при загрузке", "2023-10-15T14:30", "15.10.2023 14:30"),
    ("вчера в 14:30 пропали остатки", "2026-03-09T14:30", "вчера в 14:30"),
    ("2026年3月5日下午2点 系统报错", "2026-03-05T14:00", "2026年3月5日下午2点"),
    ("3月5日下午2点 发的货", "2026-03-05T14:00", "3月5日下午2点"),
    ("3月5日下午2点半 提交", "2026-03-05T14:30", "3月5日下午2点半"),
    ("昨天晚上8点 钱被扣了", "2026-03-09T20:00", "昨天晚上8点"),
    ("on March 5, 2026 at 2:30 pm the API returned 500", "2026-03-05T14:30", "March 5, 2026 at 2:30 pm"),
    ("2026-03-05T10:15:00Z sync failed", "2026-03-05T13:15", "2026-03-05T10:15:00Z"),
    ("5 марта 2026 в 10:00 по Пекину", "2026-03-05T05:00", "5 марта 2026 в 10:00 по Пекину"),
    ("15 октября в 9 часов утра", "2025-10-15T09:00", "15 октября в 9 часов утра"),
])
def test_it_joins_a_date_and_its_time_into_moscow_time(text, value, covered):
    found = entities.extract(text, now=NOW)
    dated = [e for e in found if e.kind in ("date", "datetime")]
    assert [(e.kind, e.value) for e in dated] == [("datetime", value)]
    assert text[dated[0].start:dated[0].end] == covered
    moment = dated[0].get("datetime")
    assert moment.tzinfo is not None and moment.utcoffset() == timedelta(hours=3)


def test_a_time_alone_is_not_an_entity():
    assert pairs("в 14:30 всё упало") == []


@pytest.mark.parametrize("text, value, covered", [
    ("за период с 01.10.2023 по 31.10.2023 удержали", "2023-10-01/2023-10-31", "за период с 01.10.2023 по 31.10.2023"),
    ("с 1 октября по 31 октября 2023 выплаты нет", "2023-10-01/2023-10-31", "с 1 октября по 31 октября 2023"),
    ("с 1 по 31 октября 2023", "2023-10-01/2023-10-31", "с 1 по 31 октября 2023"),
    ("неделя 12–18 октября 2023", "2023-10-12/2023-10-18", "неделя 12–18 октября 2023"),
    ("за октябрь 2023 нет выплаты", "2023-10-01/2023-10-31", "за октябрь 2023"),
    ("в феврале 2024 начислили штраф", "2024-02-01/2024-02-29", "феврале 2024"),
    ("2023年10月的结算有问题", "2023-10-01/2023-10-31", "2023年10月"),
    ("2023年10月1日至2023年10月31日", "2023-10-01/2023-10-31", "2023年10月1日至2023年10月31日"),
    ("week 12-18 Oct 2023", "2023-10-12/2023-10-18", "week 12-18 Oct 2023"),
    ("for October 2023", "2023-10-01/2023-10-31", "for October 2023"),
    ("from 2023-10-01 to 2023-10-31", "2023-10-01/2023-10-31", "from 2023-10-01 to 2023-10-31"),
    ("2023-10-01/2023-10-31", "2023-10-01/2023-10-31", "2023-10-01/2023-10-31"),
    ("за 10.2023", "2023-10-01/2023-10-31", "за 10.2023"),
])
def test_it_reads_periods(text, value, covered):
    found = [e for e in entities.extract(text, now=NOW) if e.kind in ("period", "date", "datetime")]
    assert [(e.kind, e.value) for e in found] == [("period", value)]
    assert text[found[0].start:found[0].end] == covered
    first, last = value.split("/")
    assert found[0].get("start") == date.fromisoformat(first) and found[0].get("end") == date.fromisoformat(last)


def test_a_week_without_a_year_is_the_last_one_by_that_name():
    assert of_kind("week 12-18 Oct", "period") == ["2025-10-12/2025-10-18"]
    assert of_kind("неделя 2–8 марта", "period") == ["2026-03-02/2026-03-08"]


def test_a_month_without_a_year_is_the_latest_one_that_began():
    assert of_kind("за октябрь удержали комиссию", "period") == ["2025-10-01/2025-10-31"]
    assert of_kind("за март", "period") == ["2026-03-01/2026-03-31"]


def test_the_first_date_of_a_range_borrows_the_year_of_the_second():
    assert of_kind("с 25 декабря по 5 января 2024", "period") == ["2023-12-25/2024-01-05"]


def test_a_range_backwards_is_two_dates_not_a_period():
    assert of_kind("с 31.10.2023 по 01.10.2023", "period") == []


@pytest.mark.parametrize("text", [
    "31.02.2023", "2023-13-01", "32 октября", "цена 15.50 руб.", "версия 1.12", "2.5 %", "25:99",
])
def test_impossible_dates_and_numbers_that_look_like_dates_are_not_dates(text):
    assert [k for k, _v in pairs(text) if k in ("date", "datetime", "period")] == []


def test_a_day_and_month_without_a_year_is_the_nearest_one():
    assert of_kind("15.10 в 14:30", "datetime") == ["2025-10-15T14:30"]
    assert of_kind("5 марта", "date") == ["2026-03-05"]


def test_spans_cover_dates_in_mixed_text():
    text = "Поставка от 15.10.2023, 2026年3月5日 和 yesterday"
    assert spans(text) == [("date", "15.10.2023"), ("date", "2026年3月5日"), ("date", "yesterday")]


@pytest.mark.parametrize("text, expected", [
    ("15.12", "2025-12-15"),  # this year's 15 December is nine months ahead: last year's
    ("25 апреля", "2026-04-25"),  # six weeks ahead: a deadline this year
    ("20 мая", "2025-05-20"),  # more than two months ahead: last year
    ("29 февраля", "2024-02-29"),  # the last leap year's
])
def test_a_date_without_a_year_is_this_years_unless_far_ahead(text, expected):
    assert of_kind(text, "date") == [expected]
