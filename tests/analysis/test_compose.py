"""The composer writes a factual appeal in the platform's language from the wizard's fields."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sellerdesk.analysis.compose import AppealFields, compose, format_date, format_money, to_decimal
from sellerdesk.playbook import book
from sellerdesk.playbook.templates import phrasebook


def _penalty_fields(**extra) -> AppealFields:
    fields = dict(
        shop_name="Северная нить", cabinet_id="4412873", inn="526317984689", contact="ops@severnit.ru",
        section="Поставки", work_model="FBO", when=dt.datetime(2026, 3, 12, 14, 30), count=10, kind="logistics",
        essence="По поставке начислен штраф за несоответствие количества, хотя приняты все 10 коробов.",
        steps="Сдали поставку по описи на 10 коробов.", result="В отчёте появился штраф 7 500 ₽.",
        expected="Поставка без штрафа.", request="dispute_penalty", urgency="penalties_accrue",
        references=[("supply", "24815162"), ("article", "SN-SCARF-01")], money_at_risk=Decimal("7500"),
        evidence=["акт_приемки.pdf", "опись.xlsx"],
    )
    fields.update(extra)
    return AppealFields(**fields)


def test_it_puts_the_main_number_and_date_into_the_subject():
    composed = compose(_penalty_fields(), book("wb"))
    assert composed.subject == "Оспаривание штрафа по поставке № 24815162 от 12.03.2026"
    assert composed.language == "ru"


def test_it_follows_the_structure_of_a_good_appeal():
    body = compose(_penalty_fields(), book("wb")).body
    order = ["Здравствуйте!", "Пишет магазин «Северная нить» (ID кабинета 4412873, ИНН 526317984689)",
             "Контакт для ответа: ops@severnit.ru", "Суть: По поставке", "Раздел кабинета: Поставки",
             "Модель работы: FBO", "Дата и время: 12 марта 2026 г., 14:30 МСК", "Затронуто позиций: 10",
             "Как было: Сдали поставку", "Что в итоге: В отчёте", "Как должно быть по процессу: Поставка без штрафа",
             "Данные:\n- Поставка: № 24815162\n- Артикул продавца: SN-SCARF-01",
             "Под риском сумма 7 500,00 ₽", "Прилагаем файлы:\n- акт_приемки.pdf\n- опись.xlsx",
             "Просьба: Просим отменить штраф", "Почему это срочно: Штрафы продолжают начисляться",
             "С уважением,\nСеверная нить"]
    positions = [body.index(piece) for piece in order]
    assert positions == sorted(positions)
    assert ".." not in body


def test_it_writes_the_finance_sentence_per_report_per_our_calculation_and_difference():
    fields = AppealFields(kind="finance", request="recalculate", report_number="284716539",
                          period=("2026-03-03", "2026-03-09"), report_amount="48210", our_amount=Decimal("39870.00"),
                          essence="Логистика начислена по завышенному коэффициенту склада.")
    composed = compose(fields, book("wb"))
    assert composed.subject == "Перерасчёт начислений по отчёту № 284716539 за период 03.03.2026–09.03.2026"
    assert ("По отчёту № 284716539 за период с 3 марта 2026 г. по 9 марта 2026 г.: сумма по отчёту 48 210,00 ₽, "
            "по нашему расчёту 39 870,00 ₽, разница 8 340,00 ₽.") in composed.body


def test_it_uses_the_kind_lead_when_no_request_is_chosen():
    composed = compose(AppealFields(kind="technical", essence="Не загружаются цены через Excel."), book("ozon"))
    assert composed.subject == "Ошибка в работе кабинета"
    assert "Просьба" not in composed.body


def test_it_writes_to_a_chinese_vendor_in_chinese():
    fields = AppealFields(shop_name="北极星家居", kind="technical", request="fix_bug", when="2026-03-12T09:30",
                          references=[["order", "48127735"]], essence="Ozon 新订单不再同步到 ERP。")
    composed = compose(fields, book("vendor"))
    assert composed.language == "zh"
    assert composed.subject == "修复故障：订单 48127735（2026年3月12日）"
    assert "时间：2026年3月12日 09:30（莫斯科时间）。" in composed.body
    assert composed.body.startswith("您好！")
    assert composed.flags == []


def test_it_writes_in_english_when_a_workspace_sets_the_vendor_to_english():
    vendor = book("vendor", {"platform": {"language": "en"}})
    fields = AppealFields(kind="finance", request="refund", money_at_risk="3600", currency="CNY",
                          when=dt.date(2026, 3, 1), essence="The annual subscription was charged twice.")
    composed = compose(fields, vendor)
    assert composed.language == "en"
    assert composed.subject == "Refund of 01.03.2026"
    assert "Amount at risk: 3,600.00 CNY." in composed.body
    assert "Date and time: 1 March 2026." in composed.body


def test_money_is_decimal_and_formatted_per_language():
    assert format_money(Decimal("1500"), "RUB", phrasebook("ru")) == "1 500,00 ₽"
    assert format_money(Decimal("1234567.5"), "RUB", phrasebook("ru")) == "1 234 567,50 ₽"
    assert format_money(Decimal("-12.345"), "RUB", phrasebook("ru")) == "-12,34 ₽"
    assert format_money(Decimal("1500"), "CNY", phrasebook("zh")) == "1,500.00 元"
    assert to_decimal("1 500,50") == Decimal("1500.50")
    assert to_decimal("12 000,50 ₽") == Decimal("12000.50")
    assert to_decimal("много") is None
    assert to_decimal(Decimal("NaN")) is None


def test_dates_are_moscow_time():
    utc = dt.datetime(2023, 10, 15, 11, 30, tzinfo=dt.UTC)
    assert format_date(utc, phrasebook("ru")) == "15 октября 2023 г., 14:30 МСК"
    assert format_date(dt.date(2023, 10, 15), phrasebook("ru")) == "15 октября 2023 г."
    assert format_date(dt.date(2023, 10, 15), phrasebook("ru"), short=True) == "15.10.2023"


def test_fields_round_trip_through_json():
    fields = _penalty_fields(period=(dt.date(2026, 3, 1), dt.date(2026, 3, 7)))
    again = AppealFields.from_dict({**fields.as_dict(), "unknown": "ignored"})
    assert compose(again, book("wb")).body == compose(fields, book("wb")).body
