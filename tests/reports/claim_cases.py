"""A WB finance case with a real story, and a vendor case in Chinese, for the claim and summary tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from sellerdesk.cases.actions import add_event, change_status
from sellerdesk.cases.evidence import add_evidence
from sellerdesk.shops.models import Shop
from tests.conftest import GOOD_APPEAL

DIALOG = "WB-77310455"
SUBMITTED = dt.datetime(2026, 11, 2, 7, 30, tzinfo=dt.UTC)  # 10:30 in Moscow
REPLY = ("Здравствуйте! Штраф начислен корректно согласно правилам. Подробнее в разделе «Справка». "
         "Спасибо за обращение.")
MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
               b"trailer<</Root 1 0 R>>\n%%EOF\n")


def wb_finance_case(world, make_case):
    """Штраф 15 400 ₽ за маркировку: filed on 2 November 2026 with a dialog number, a templated reply two days
    later, two files."""
    with time_machine.travel(SUBMITTED, tick=False):
        case = make_case(body=GOOD_APPEAL, money_at_risk=Decimal("15400.00"))
        case.appeal = {"report_amount": "15400.00", "our_amount": "0", "request": "cancel_penalty"}
        case.save(update_fields=["appeal"])
        case = change_status(case, world.owner, "ready", expected_version=case.version)
        case = change_status(case, world.owner, "submitted", expected_version=case.version, external_number=DIALOG)
        case = change_status(case, world.owner, "waiting", expected_version=case.version)
    with time_machine.travel(SUBMITTED + dt.timedelta(days=2), tick=False):
        add_event(case, world.owner, "message_in", REPLY)
    add_evidence(case, world.owner, SimpleUploadedFile("акт приёмки 24815162.pdf", MINIMAL_PDF))
    photos = "Фото 1–12: этикетки WB на коробах".encode()
    add_evidence(case, world.owner, SimpleUploadedFile("фото коробов.txt", photos))
    case.refresh_from_db()
    return case


def vendor_case(world, make_case):
    """A Chinese ERP vendor charged a year of subscription; order sync has been broken for two weeks."""
    shop = Shop.objects.create(workspace=world.workspace, platform="vendor", name="店小秘 ERP", inn="")
    with time_machine.travel(SUBMITTED, tick=False):
        case = make_case(shop=shop, kind="technical", money_at_risk=Decimal("12800.00"), currency="CNY",
                         subject="订单同步失败，年费已扣 12800 元", entities=[("order", "5563201")],
                         body="订单自 11月10日 起无法同步到 ERP，工单 HW-20931 无人处理。")
        case = change_status(case, world.owner, "ready", expected_version=case.version,
                             override_reason="Вендор, текст на китайском")
        case = change_status(case, world.owner, "submitted", expected_version=case.version,
                             external_number="HW-20931")
    with time_machine.travel(SUBMITTED + dt.timedelta(days=1), tick=False):
        add_event(case, world.owner, "message_in", "您好，您的问题已记录，请耐心等待。")
    case.refresh_from_db()
    return case


def claim_form_data(client, url: str) -> dict:
    """The claim form's proposed values, as a browser would send them back."""
    form = client.get(url).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name == "articles":
            data[name] = list(value)
        elif isinstance(value, dt.date):
            data[name] = value.isoformat()
        elif value is not None:
            data[name] = value
    return data
