"""Promises get a due date: the reply's own date, its period in business or calendar days, or a default horizon."""

from __future__ import annotations

import datetime as dt

from sellerdesk.analysis.reply import DEFAULT_HORIZON, add_business_days, assess_reply

MONDAY = dt.date(2026, 11, 16)
FRIDAY = dt.date(2026, 11, 27)


def promises(text, today=MONDAY):
    return assess_reply(text, today=today).promises


def test_business_days_skip_the_weekend():
    [p] = promises("Сумма будет возвращена в течение 5 рабочих дней.", today=FRIDAY)
    assert p.due == dt.date(2026, 12, 4) and not p.horizon


def test_calendar_days_and_hours():
    [p] = promises("Вернём средства на кошелёк в течение 48 часов.", today=dt.date(2026, 12, 2))
    assert p.due == dt.date(2026, 12, 4)
    [p] = promises("Срок рассмотрения — до 30 дней.", today=dt.date(2026, 12, 4))
    assert p.due == dt.date(2027, 1, 3)


def test_a_date_in_the_reply():
    [p] = promises("Сумма будет зачислена до 26 ноября отдельной строкой.")
    assert p.due == dt.date(2026, 11, 26)
    [p] = promises("Перерасчёт отразится в отчёте за неделю 30 ноября – 6 декабря, выплата — до 7 декабря.",
                   today=dt.date(2026, 11, 30))
    assert p.due == dt.date(2026, 12, 7)


def test_soon_gets_the_default_horizon():
    [p] = promises("Ответ придёт в этот чат в ближайшее время.")
    assert p.horizon and p.due == add_business_days(MONDAY, DEFAULT_HORIZON)


def test_chinese_promises():
    [p] = promises("款项会在5个工作日内退回到您的余额。", today=FRIDAY)
    assert p.due == dt.date(2026, 12, 4)
    [p] = promises("技术团队已经定位问题，预计11月18日前发布修复版本。")
    assert p.due == dt.date(2026, 11, 18)
    [p] = promises("我们会尽快为您处理，请您耐心等待。")
    assert p.horizon


def test_the_earliest_stated_date_wins():
    result = assess_reply("1）明天补发200件；2）直接退款，2个工作日内原路退回。", today=dt.date(2026, 11, 17))
    assert result.promise_due == dt.date(2026, 11, 18)


def test_english_promise():
    [p] = promises("We have refunded the duplicate 49 USD; your bank should show it within 5 business days.",
                   today=dt.date(2026, 11, 18))
    assert p.due == dt.date(2026, 11, 25)


def test_a_promise_that_waits_for_our_data_is_not_one_unless_dated():
    assert promises("Пришлите трек-номера — мы проверим и ответим.") == []
    assert promises("请提供订单号，我们查到后会把权益转过来。") == []
    [p] = promises("Пришлите трек-номера этих заказов — мы исключим их из расчёта и ответим завтра.")
    assert p.due == MONDAY + dt.timedelta(days=1)


def test_no_promise_in_a_past_fact():
    assert promises("Ограничение снимается автоматически через 14 дней без подозрительной активности.") == []
    assert promises("Заказ отменён системой 6 декабря.", today=dt.date(2026, 12, 8)) == []


def test_business_days_follow_the_production_calendar():
    [p] = promises("Ответим в течение 1 рабочего дня.", today=dt.date(2026, 11, 3))
    assert p.due == dt.date(2026, 11, 5)  # 4 November is a public holiday
    [p] = promises("Деньги будут зачислены в течение 2 рабочих дней.", today=dt.date(2026, 12, 30))
    assert p.due == dt.date(2027, 1, 12)  # the New Year holidays
