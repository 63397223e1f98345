"""The reply says it is done: a penalty cancelled, money returned, an error fixed (已退款, has been credited)."""

from __future__ import annotations

import datetime as dt

from sellerdesk.analysis.reply import assess_reply

TODAY = dt.date(2026, 12, 1)


def resolved(text):
    return assess_reply(text, today=TODAY).resolved


def test_russian_done():
    assert resolved("Штраф 38 000 ₽ отменён, сумма уже возвращена на баланс.")
    assert resolved("Блокировку сняли, объявление снова в поиске.")
    assert resolved("Мы исправили обработку 9 декабря, запросы теперь проходят.")


def test_russian_not_yet_or_not_at_all():
    assert not resolved("Сумма будет возвращена в течение 5 рабочих дней.")
    assert not resolved("Штраф начислен корректно, оснований для отмены нет.")
    assert not resolved("Вы отменили подписку 24 ноября, но списание прошло 27 ноября.")
    assert not resolved("Заказ отменён системой: сборочное задание не было передано в доставку.")


def test_chinese_done_and_not():
    assert resolved("款项已经原路退回到您的支付宝，请注意查收。")
    assert resolved("我们已为您解冻，请使用“忘记密码”重置后登录。")
    assert not resolved("罚款将被取消，款项会在5个工作日内退回。")
    assert not resolved("您的问题已转交相关部门处理。")


def test_english_done():
    assert resolved("Compensation of 2,640 RUB has been credited to your balance today.")
    assert not resolved("A fix is being deployed and will be live by tomorrow.")


def test_resolved_with_money_on_its_way_also_promises():
    result = assess_reply("Штраф отменён и вернётся в ближайшем отчёте.", today=TODAY)
    assert result.resolved and result.promises
