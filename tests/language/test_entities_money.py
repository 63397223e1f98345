"""Amounts with their currency (Decimal, never float) and percentages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sellerdesk.language import entities
from tests.language.entity_helpers import NOW, of_kind, pairs, spans


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(entities, "RAISE_ERRORS", True)


@pytest.mark.parametrize("text, value, covered", [
    ("удержали 1 500 руб. за хранение", "1500.00 RUB", "1 500 руб."),
    ("штраф 1500₽ без объяснений", "1500.00 RUB", "1500₽"),
    ("разница 2 350,50 рублей по отчёту", "2350.50 RUB", "2 350,50 рублей"),
    ("компенсация 1,5 тыс. руб. вместо 3 тыс. руб.", "1500.00 RUB", "1,5 тыс. руб."),
    ("не доплатили 12 000 000 р.", "12000000.00 RUB", "12 000 000 р."),
    ("удержание 350 р за логистику", "350.00 RUB", "350 р"),
    ("выплата 2\u00a0350,50\u00a0₽ не пришла", "2350.50 RUB", "2\u00a0350,50\u00a0₽"),
    ("сумма 99,9 RUB", "99.90 RUB", "99,9 RUB"),
    ("扣了¥300的罚款", "300.00 CNY", "¥300"),
    ("退款300元还没到账", "300.00 CNY", "300元"),
    ("损失3万元", "30000.00 CNY", "3万元"),
    ("人民币 1,200.50", "1200.50 CNY", "人民币 1,200.50"),
    ("they charged $25 for nothing", "25.00 USD", "$25"),
    ("a fee of 25 USD", "25.00 USD", "25 USD"),
    ("invoice for 1,234.56 dollars", "1234.56 USD", "1,234.56 dollars"),
    ("подписка 49 долларов в месяц", "49.00 USD", "49 долларов"),
    ("оплатили 100 евро", "100.00 EUR", "100 евро"),
    ("€ 12.5 fee", "12.50 EUR", "€ 12.5"),
    ("комиссия 5000 тенге", "5000.00 KZT", "5000 тенге"),
    ("1.500.000 руб. удержано", "1500000.00 RUB", "1.500.000 руб."),
    ("5k руб на рекламу", "5000.00 RUB", "5k руб"),
    ("2 млн руб. оборота", "2000000.00 RUB", "2 млн руб."),
])
def test_it_reads_amounts_with_their_currency(text, value, covered):
    found = [e for e in entities.extract(text, now=NOW) if e.kind == "money"]
    assert [e.value for e in found][:1] == [value]
    assert text[found[0].start:found[0].end] == covered


def test_amounts_are_decimals_never_floats():
    for entity in entities.extract("2 350,50 руб., $0.10, 0,1 тыс. руб., 300元, 1,5 тыс. руб.", now=NOW):
        assert entity.kind == "money"
        amount = entity.get("amount")
        assert type(amount) is Decimal
        assert amount == amount.quantize(Decimal("0.01"))
        assert entity.value == f"{amount} {entity.get('currency')}"
    assert of_kind("$0.10 и 0,1 тыс. руб.", "money") == ["0.10 USD", "100.00 RUB"]


def test_a_number_without_a_currency_is_not_money():
    assert of_kind("продали 1500 штук, 2 350,50 кг", "money") == []


def test_a_rouble_letter_inside_a_word_is_not_a_currency():
    assert of_kind("500 рабочих мест и 12 регионов", "money") == []


def test_two_amounts_in_one_sentence():
    text = "по отчёту 10 500 руб., по нашему расчёту 12 000 руб., разница 1 500 руб."
    assert of_kind(text, "money") == ["10500.00 RUB", "12000.00 RUB", "1500.00 RUB"]


@pytest.mark.parametrize("text, value, covered", [
    ("удержали 15% от выплаты", "15", "15%"),
    ("комиссия выросла до 2,5 %", "2.5", "2,5 %"),
    ("скидка 30 процентов", "30", "30 процентов"),
    ("佣金提高了5％", "5", "5％"),
    ("commission 12.75% instead of 10%", "12.75", "12.75%"),
])
def test_it_reads_percentages(text, value, covered):
    found = [e for e in entities.extract(text, now=NOW) if e.kind == "percent"]
    assert found[0].value == value
    assert text[found[0].start:found[0].end] == covered
    assert type(found[0].get("value")) is Decimal


def test_money_and_percent_side_by_side():
    assert pairs("штраф 1 500 руб. (15%)") == [("money", "1500.00 RUB"), ("percent", "15")]
    assert spans("¥300, 5%") == [("money", "¥300"), ("percent", "5%")]


def test_roubles_written_in_chinese():
    from sellerdesk.language.entities import extract

    found = [e for e in extract("货件丢了，请帮我们申请赔偿 3490 卢布") if e.kind == "money"]
    assert [(e.value, e.get("currency")) for e in found] == [("3490.00 RUB", "RUB")]


def test_full_width_digits_are_read_and_other_scripts_digits_are_not():
    from sellerdesk.language.entities import extract

    assert [(e.kind, e.value) for e in extract("请赔偿 ３４９０ 卢布")] == [("money", "3490.00 RUB")]
    assert extract("$০১২") == []
