"""Replies from the tool vendor's support, in Chinese: the same rules as for the marketplaces."""

from __future__ import annotations

import datetime as dt

import pytest

from sellerdesk.cases.actions import change_status
from sellerdesk.cases.choices import Status
from sellerdesk.followup import agreements
from sellerdesk.followup.models import Agreement
from sellerdesk.followup.replies import record_reply
from sellerdesk.shops.models import Shop

ASKS = "您好！关于工单 GD202611263197，请提供付款截图和订单号 DD20261120301806 的发票信息，以便我们核实。"
PROMISE = "您好！您的退款申请（工单 GD202611263197）已提交财务部门，我们将在3个工作日内完成退款。"
BRUSH_OFF = "您好，感谢您的反馈！相关问题请参考帮助中心：https://help.mpstats.cn/ 祝您生活愉快！"


@pytest.fixture
def vendor_case(world, make_case):
    shop = Shop.objects.create(workspace=world.workspace, platform="vendor", name="MPStats 账户")
    case = make_case(shop=shop, subject="承诺的退款 ¥4,692.00 超过30天未到账", external_number="GD202611263197",
                     entities=[("order", "DD20261120301806")], status=Status.SUBMITTED)
    return change_status(case, world.owner, Status.WAITING, expected_version=case.version)


def test_a_chinese_request_for_screenshots_puts_the_case_on_us(world, vendor_case):
    record_reply(vendor_case, world.manager, ASKS)
    vendor_case.refresh_from_db()
    assert vendor_case.status == Status.ON_US
    note = vendor_case.events.filter(kind="status").last().text
    assert "☐ " in note and "付款截图" in note


def test_a_chinese_promise_becomes_an_agreement_and_its_confirmation_is_drafted_in_chinese(world, vendor_case):
    record_reply(vendor_case, world.manager, PROMISE, occurred_at=dt.datetime(2026, 11, 27, 6, 0, tzinfo=dt.UTC))
    agreement = Agreement.objects.get(case=vendor_case)
    assert "3个工作日内完成退款" in agreement.promise
    assert agreement.due_at.date() == dt.date(2026, 12, 2)
    assert not agreement.needs_confirmation  # it is in writing already
    assert "工单号" in agreements.draft_confirmation(agreement).text


def test_a_chinese_brush_off_is_answered(world, vendor_case):
    event = record_reply(vendor_case, world.manager, BRUSH_OFF)
    assert event.changes["assessment"]["brush_off"] is True
    vendor_case.refresh_from_db()
    assert vendor_case.status == Status.ANSWERED
