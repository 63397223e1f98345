"""review.build: overdue cases, money closed this week per currency, ageing buckets, the 12-week trend, and
nothing of another workspace."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from sellerdesk.reports import review
from sellerdesk.shops.models import Shop
from tests.reports.review_data import MSK, NOW, at, resolve, waiting_case

pytestmark = pytest.mark.django_db


def test_cases_waiting_past_their_deadline_are_listed_longest_late_first(world, make_case):
    late = waiting_case(make_case, at(10), amount="15400.00", deadline=NOW - dt.timedelta(days=2),
                        subject="Штраф за маркировку коробов по поставке 24815162")
    later = waiting_case(make_case, at(20), amount="1200", currency="CNY", deadline=NOW - dt.timedelta(hours=1),
                         subject="供应商未退款 订单 LT-2025-0098")
    waiting_case(make_case, at(21), amount="999", deadline=NOW + dt.timedelta(days=1))  # not due yet
    closed = waiting_case(make_case, at(5), amount="500", deadline=NOW - dt.timedelta(days=9))
    resolve(closed, world.owner, at(6), "500")

    data = review.build(world.workspace, now=NOW)

    assert data["overdue"]["count"] == 2
    assert data["overdue"]["money"] == {"RUB": Decimal("15400.00"), "CNY": Decimal("1200.00")}
    assert [c["number"] for c in data["overdue"]["cases"]] == [late.number, later.number]
    first = data["overdue"]["cases"][0]
    assert first["late_days"] == 2 and first["status_label"] == "Waiting for support"
    assert first["responsible"] == "Nobody"


def test_money_recovered_this_week_is_summed_per_currency_on_moscow_weeks(world, make_case):
    cases = [waiting_case(make_case, at(2), amount=a, currency=c) for a, c in
             [("20000", "RUB"), ("5000", "RUB"), ("900", "CNY"), ("7000", "RUB"), ("3000", "RUB")]]
    resolve(cases[0], world.owner, at(23, 10), "15400.50")
    resolve(cases[1], world.manager, at(25, 9), "3099.50", outcome="partial")
    resolve(cases[2], world.owner, at(24), "800")
    # Sunday 23:30 in Moscow is the week before; Monday 00:30 in Moscow is still Sunday in UTC but this week.
    resolve(cases[3], world.owner, dt.datetime(2026, 11, 22, 23, 30, tzinfo=MSK), "7000")
    resolve(cases[4], world.owner, dt.datetime(2026, 11, 23, 0, 30, tzinfo=MSK), "1000", outcome="partial")

    closed = review.build(world.workspace, now=NOW)["closed"]

    assert closed["count"] == 4
    assert closed["recovered"] == {"RUB": Decimal("19500.00"), "CNY": Decimal("800.00")}
    assert closed["claimed"] == {"RUB": Decimal("28000.00"), "CNY": Decimal("900.00")}
    assert {o["code"]: o["count"] for o in closed["outcomes"]} == {"won": 2, "partial": 2}
    assert closed["cases"][0]["money_recovered"] == Decimal("15400.50")

    previous = review.build(world.workspace, week="2026-W47", now=NOW)["closed"]
    assert previous["count"] == 1 and previous["recovered"] == {"RUB": Decimal("7000.00")}


def test_open_cases_are_aged_in_buckets_and_grouped_by_platform_kind_and_responsible(world, make_case):
    ozon = Shop.objects.create(workspace=world.workspace, platform="ozon", name="Sokolova Ozon")
    ages = [0, 7, 8, 14, 15, 30, 31, 60, 61, 200]
    for index, days in enumerate(ages):
        waiting_case(make_case, NOW - dt.timedelta(days=days), amount=str(1000 * (index + 1)),
                     shop=ozon if index % 2 else world.shop, kind="logistics" if days > 30 else "finance",
                     responsible=world.manager if index < 4 else None)
    old = waiting_case(make_case, NOW - dt.timedelta(days=300), amount="99999")
    resolve(old, world.owner, NOW - dt.timedelta(days=100), "0", outcome="lost")

    data = review.build(world.workspace, now=NOW)

    assert [(b["label"], b["count"]) for b in data["ageing"]] == [
        ("0–7", 2), ("8–14", 2), ("15–30", 2), ("31–60", 2), ("60+", 2)]
    assert data["ageing"][4]["money"] == {"RUB": Decimal("19000.00")}
    at_risk = data["at_risk"]
    assert at_risk["total"] == {"count": 10, "money": {"RUB": Decimal("55000.00")}}
    platforms = {r["key"]: (r["count"], r["money"]["RUB"]) for r in at_risk["by_platform"]}
    assert platforms == {"wb": (5, Decimal("25000.00")), "ozon": (5, Decimal("30000.00"))}
    assert at_risk["by_platform"][0]["label"] == "Ozon"
    kinds = {r["label"]: r["count"] for r in at_risk["by_kind"]}
    assert kinds == {"Finance": 6, "Logistics": 4}
    people = {r["label"]: (r["count"], r["money"]["RUB"]) for r in at_risk["by_responsible"]}
    assert people == {"Борис": (4, Decimal("10000.00")), "Nobody": (6, Decimal("45000.00"))}


def test_the_trend_covers_twelve_weeks_up_to_the_chosen_one(world, make_case):
    # Opened in W45 (Mon 02.11), resolved in W47: at risk at the end of W45 and W46, not after.
    first = waiting_case(make_case, at(3), amount="10000")
    resolve(first, world.owner, at(18), "8000")
    # Opened in W46, still open.
    waiting_case(make_case, at(11), amount="2500")
    waiting_case(make_case, at(12), amount="300", currency="CNY")
    # Opened long before the window and still open: at risk in every week.
    waiting_case(make_case, dt.datetime(2026, 6, 1, 10, tzinfo=MSK), amount="1000")

    trend = review.build(world.workspace, now=NOW)["trend"]

    assert len(trend) == 12
    assert trend[0]["code"] == "2026-W37" and trend[-1]["code"] == "2026-W48"
    by_week = {row["code"]: row for row in trend}
    assert by_week["2026-W45"]["opened"] == 1 and by_week["2026-W46"]["opened"] == 2
    assert by_week["2026-W47"]["closed"] == 1
    assert by_week["2026-W47"]["recovered"] == {"RUB": Decimal("8000.00")}
    assert by_week["2026-W44"]["at_risk"] == {"RUB": Decimal("1000.00")}
    assert by_week["2026-W45"]["at_risk"] == {"RUB": Decimal("11000.00")}
    assert by_week["2026-W46"]["at_risk"] == {"RUB": Decimal("13500.00"), "CNY": Decimal("300.00")}
    assert by_week["2026-W47"]["at_risk"] == {"RUB": Decimal("3500.00"), "CNY": Decimal("300.00")}
    assert sum(row["opened"] for row in trend) == 3

    earlier = review.build(world.workspace, week="2026-W46", now=NOW)["trend"]
    assert earlier[-1]["code"] == "2026-W46" and earlier[-1]["opened"] == 2


def test_another_workspace_never_appears(world, make_case):
    mine = waiting_case(make_case, at(20), amount="100", deadline=NOW - dt.timedelta(days=1))
    theirs = waiting_case(make_case, at(20), amount="777777", deadline=NOW - dt.timedelta(days=1),
                          workspace=world.other_workspace, actor=world.outsider)
    resolve(theirs, world.outsider, at(24), "777777")
    waiting_case(make_case, at(21), amount="555", workspace=world.other_workspace, actor=world.outsider,
                 deadline=NOW - dt.timedelta(days=3))

    data = review.build(world.workspace, now=NOW)

    assert [c["number"] for c in data["overdue"]["cases"]] == [mine.number]
    assert data["closed"]["count"] == 0 and data["closed"]["recovered"] == {}
    assert data["at_risk"]["total"] == {"count": 1, "money": {"RUB": Decimal("100.00")}}
    assert sum(row["opened"] for row in data["trend"]) == 1
    assert [r["key"] for r in data["at_risk"]["by_platform"]] == ["wb"]


@pytest.mark.parametrize(("code", "expected"), [
    ("2026-W47", "2026-W47"), ("2026w05", "2026-W05"), ("", "2026-W48"), ("next week", "2026-W48"),
    ("2027-W01", "2026-W48"), ("2025-W53", "2026-W48"), ("2020-W53", "2020-W53"),
])
def test_weeks_are_read_from_iso_codes(code, expected):
    assert review.parse_week(code, NOW).code == expected


def test_a_week_runs_monday_to_sunday_in_moscow_time():
    week = review.Week.of(dt.datetime(2026, 11, 22, 21, 30, tzinfo=dt.UTC))  # Monday 00:30 in Moscow
    assert week.code == "2026-W48" and week.label == "23.11–29.11.2026"
    assert week.start == dt.datetime(2026, 11, 23, tzinfo=MSK)
    assert week.shifted(-1).code == "2026-W47" and week.shifted(6).code == "2027-W01"
