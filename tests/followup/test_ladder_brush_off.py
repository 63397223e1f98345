"""The journey the issue asks for: a pasted brush-off is recognised, and the escalation draft restates the ask in
one sentence and lists what the reply missed; taking the step moves the case to "escalated"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.urls import reverse

from sellerdesk.cases.models import CaseEvent
from sellerdesk.followup import replies
from sellerdesk.followup.ladder import draft, next_step
from tests.followup.ladder_cases import DIALOG, MSK, waiting_case

BRUSH_OFF = """Здравствуйте!

Благодарим за обращение. Ваш вопрос очень важен для нас. Рекомендуем ознакомиться с разделом помощи:
https://seller.wildberries.ru/help-center

Хорошего дня!
С уважением, служба поддержки"""

VENDOR_APPEAL = """您好！

我们的账户在3月份被重复扣除了订阅费用399元，订单 880031。

请退还重复扣除的399元。

谢谢！"""
VENDOR_BRUSH_OFF = "您好，感谢您的反馈！请参考帮助中心：https://help.helloword.com/ 祝您生活愉快！"


def test_a_pasted_brush_off_brings_the_senior_step_with_what_it_missed(world, make_case, client_for):
    case = waiting_case(world, make_case)
    replied = dt.datetime(2026, 3, 17, 16, 30, tzinfo=MSK)
    with time_machine.travel(replied, tick=False):
        replies.record_reply(case, world.manager, BRUSH_OFF)
    case.refresh_from_db()
    assert case.status == "answered"
    event = CaseEvent.objects.filter(case=case, kind="message_in").last()
    assert event.changes["assessment"]["brush_off"] is True

    later = replied + dt.timedelta(minutes=10)
    step = next_step(case, later)
    assert step.code == "senior" and step.is_due
    text = draft(case, step, later)
    assert DIALOG in text.body
    ask = next(line for line in text.body.splitlines() if line.startswith("Наша просьба:"))
    assert ask.count(".") == 1 and ask.endswith(".")
    assert "- не рассмотрен номер 24815162" in text.body
    assert "- не рассмотрена сумма 15 400,00 ₽" in text.body
    assert "В ответе от 17 марта 2026 г. не учтено:" in text.body

    client = client_for(world.manager)
    with time_machine.travel(later, tick=False):
        page = client.get(reverse("case_detail", args=[world.workspace.slug, case.number])).content.decode()
        assert "Senior specialist / second line" in page and "не рассмотрен номер 24815162" in page
        response = client.post(reverse("case_escalate", args=[world.workspace.slug, case.number]),
                               {"level": 2, "version": case.version, "text": text.body})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "escalated" and case.escalation_level == 2
    assert case.deadline is not None and case.deadline > later  # support owes an update again


def test_a_vendor_brush_off_gets_a_chinese_escalation(world, make_case):
    from sellerdesk.shops.models import Shop

    vendor = Shop.objects.create(workspace=world.workspace, platform="vendor", name="义乌小商品店")
    case = waiting_case(world, make_case, shop=vendor, entities=[("order", "880031")], currency="CNY",
                        subject="订阅费用重复扣款，订单 880031", money_at_risk=Decimal("399"),
                        body=VENDOR_APPEAL)
    replied = dt.datetime(2026, 3, 17, 9, 0, tzinfo=MSK)
    with time_machine.travel(replied, tick=False):
        replies.record_reply(case, world.manager, VENDOR_BRUSH_OFF)
    case.refresh_from_db()
    step = next_step(case, replied)
    assert step.code == "senior" and step.is_due and step.channel == "email"
    text = draft(case, step, replied + dt.timedelta(hours=1))
    assert text.language == "zh"
    assert DIALOG in text.subject and "请将工单" in text.body
    assert "未涉及编号 880031" in text.body
    assert "该工单已持续1天。" in text.body  # the vendor's clock counts calendar days
    assert "我们的诉求：请退还重复扣除的399元（订单 880031）。" in text.body
