"""Order, supply, shipment, posting, nmID, SKU, article, srid, claim and report numbers, and `references()`."""

from __future__ import annotations

import pytest

from sellerdesk.language import entities
from tests.language.entity_helpers import of_kind, pairs, spans


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(entities, "RAISE_ERRORS", True)


@pytest.mark.parametrize("text, expected", [
    ("Заказ №123456789 не доставлен, статус не меняется третьи сутки.", ["123456789"]),
    ("По заказу 3456789012 покупатель получил пустую коробку", ["3456789012"]),
    ("номер заказа: 1234567890123", ["1234567890123"]),
    ("Заказы 123456789, 987654321 и 555555555 висят в статусе «в пути»", ["123456789", "987654321", "555555555"]),
    ("订单号：1234567890 一直显示运输中", ["1234567890"]),
    ("我的订单2345678901没有收到货款", ["2345678901"]),
    ("Order #12345678 was cancelled by the warehouse", ["12345678"]),
    ("order no. 98765432 shows delivered but the buyer has nothing", ["98765432"]),
    ("сборочное задание 4455667788 отменено складом", ["4455667788"]),
])
def test_it_finds_order_numbers_after_an_order_word(text, expected):
    assert of_kind(text, "order") == expected


def test_it_takes_a_long_number_a_few_words_after_the_order_word():
    text = "Заказ покупателя от 15.10.2023 под номером 123456789 отменён без причины"
    assert of_kind(text, "order") == ["123456789"]
    assert of_kind(text, "date") == ["2023-10-15"]


def test_it_does_not_take_a_short_count_after_the_order_word():
    assert of_kind("заказ 2 шт., заказов 15", "order") == []


def test_it_tells_a_twelve_digit_order_number_from_a_phone():
    text = "заказ 791612345678, покупатель просит перезвонить: тел. 89161234567"
    assert pairs(text) == [("order", "791612345678"), ("phone", "+79161234567")]


@pytest.mark.parametrize("text, kind, value", [
    ("заказ 89161234567 не пришёл", "order", "89161234567"),  # an order word wins over the phone shape
    ("звоните 89161234567 после обеда", "phone", "+79161234567"),
    ("телефон: 8 (916) 123-45-67", "phone", "+79161234567"),
    ("+7 916 123-45-67 — это номер покупателя", "phone", "+79161234567"),
    ("Покупатель оставил номер 89161234567 в комментарии", "phone", "+79161234567"),  # 8, then 9, no order word
    ("номер заказа 79161234567", "order", "79161234567"),
])
def test_it_decides_between_order_and_phone(text, kind, value):
    found = pairs(text)
    assert (kind, value) in found
    other = "phone" if kind == "order" else "order"
    assert not [p for p in found if p[0] == other]


def test_it_leaves_a_bare_number_without_context_alone():
    assert pairs("На складе лежит 123456789 единиц чего-то") == []


@pytest.mark.parametrize("text, expected", [
    ("Поставка WB-GI-12345678 не принята складом Коледино", "WB-GI-12345678"),
    ("по поставке №24815162 приёмка не отражена", "24815162"),
    ("wb-gi-98765432 застряла на приёмке", "WB-GI-98765432"),
    ("Supply WB-GI-55554444 was not accepted", "WB-GI-55554444"),
    ("供货单号 WB-GI-11223344 没有入库", "WB-GI-11223344"),
])
def test_it_finds_supply_numbers(text, expected):
    assert of_kind(text, "supply") == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Отгрузка 12345678 ушла на склад вчера", "12345678"),
    ("по отгрузке № FBS-2231 нет акта", "FBS-2231"),
    ("shipment 556677889 is stuck", "556677889"),
    ("发货批次 77889900 没有签收", "77889900"),
])
def test_it_finds_shipment_numbers(text, expected):
    assert of_kind(text, "shipment") == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Отправление 12345678-0001-1 потеряно на сортировке", "12345678-0001-1"),
    ("заказ 12345678-0001 не собран", "12345678-0001"),  # the posting shape wins over the order digits
    ("postings 87654321-0012-1 and 87654321-0012-2 were cancelled", None),
    ("货件 0123456789-0001-2 已取消", "0123456789-0001-2"),
])
def test_it_finds_ozon_postings_by_their_shape(text, expected):
    found = of_kind(text, "posting")
    if expected is None:
        assert found == ["87654321-0012-1", "87654321-0012-2"]
    else:
        assert found == [expected]
    assert of_kind(text, "order") == []


def test_a_date_is_not_a_posting():
    assert of_kind("2023-10-15 и 15-10-2023", "posting") == []


@pytest.mark.parametrize("text, kind, value", [
    ("артикул WB 145678923 пропал из поиска", "nmid", "145678923"),
    ("nmID 87654321 не индексируется", "nmid", "87654321"),
    ("Карточка 123456789 заблокирована", "nmid", "123456789"),
    ("номенклатура 55667788 скрыта", "nmid", "55667788"),
    ("комиссия выше по нмид 176543210", "nmid", "176543210"),
    ("артикул 145678923 не виден покупателям", "nmid", "145678923"),  # long digits after "артикул": WB article
    ("артикул продавца TSH-BLK-42 не проходит модерацию", "article", "TSH-BLK-42"),
    ("артикул ПЛ-КР-44 и артикул 2231", None, None),
    ("vendorCode: dress_red/XL", "article", "dress_red/XL"),
    ("offer_id 778899-A is blocked", "article", "778899-A"),
    ("商家货号 ABC-123 审核未通过", "article", "ABC-123"),
    ("SKU 1234567890 не отображается на витрине", "sku", "1234567890"),
    ("Ozon SKU: 987654321", "sku", "987654321"),
])
def test_it_finds_nmid_sku_and_articles(text, kind, value):
    if kind is None:
        assert of_kind(text, "article") == ["ПЛ-КР-44", "2231"]
    else:
        assert of_kind(text, kind) == [value]


def test_an_ordinary_word_after_article_is_not_an_article():
    assert of_kind("артикул не найден в каталоге", "article") == []


@pytest.mark.parametrize("text, expected", [
    ("srid d3f1c6e2b9a04e7f8c1d2e3f4a5b6c7d.0.0 не найден", "d3f1c6e2b9a04e7f8c1d2e3f4a5b6c7d.0.0"),
    ("по строке 12345678901234567.0.0 нет выплаты", "12345678901234567.0.0"),
    ("srid: 11.rf9ef11fce1684117b0nhj96222982382.3.0", "11.rf9ef11fce1684117b0nhj96222982382.3.0"),
    ("7513432034713632943.1.0 — возврат не засчитан", "7513432034713632943.1.0"),
    ("srid ad3817664d3046c5a8d55054d8be96d6", "ad3817664d3046c5a8d55054d8be96d6"),
])
def test_it_finds_wb_srid(text, expected):
    assert of_kind(text, "srid") == [expected]


def test_a_version_number_is_not_a_srid():
    assert of_kind("версия 1.2.3 и IP 192.168.0.1", "srid") == []


@pytest.mark.parametrize("text, expected", [
    ("Претензия №ABC-123 отклонена", ["ABC-123"]),
    ("обращение 12345678 закрыто без ответа", ["12345678"]),
    ("тикет 4567, заявка № 778899", ["4567", "778899"]),
    ("ticket #SD-2026-00042 is still open", ["SD-2026-00042"]),
    ("申诉单号：CL-889900 被驳回", ["CL-889900"]),
    ("工单 556677 没有回复", ["556677"]),
])
def test_it_finds_claim_and_ticket_numbers(text, expected):
    assert of_kind(text, "claim") == expected


@pytest.mark.parametrize("text, expected", [
    ("отчёт №123456789 за неделю", "123456789"),
    ("по отчёту о реализации № 234567891 удержали больше", "234567891"),
    ("в отчете по реализации 345678912", "345678912"),
    ("реализации № 456789123 нет в кабинете", "456789123"),
    ("report 567891234 shows a penalty", "567891234"),
    ("报告 678912345 金额不对", "678912345"),
])
def test_it_finds_report_numbers(text, expected):
    assert of_kind(text, "report") == [expected]


def test_spans_point_at_the_numbers():
    text = "Заказ №123456789, поставка WB-GI-12345678, отправление 12345678-0001-1"
    assert spans(text) == [("order", "123456789"), ("supply", "WB-GI-12345678"), ("posting", "12345678-0001-1")]


def test_references_keep_case_reference_kinds_once_in_order():
    text = ("Заказ 123456789, снова заказ 123456789, артикул продавца TSH-1, звоните 89161234567, "
            "за период с 01.10.2023 по 31.10.2023 удержали 1 500 руб.")
    found = entities.extract(text)
    assert entities.references(found) == [
        ("order", "123456789"), ("article", "TSH-1"), ("period", "2023-10-01/2023-10-31"),
    ]


def test_reference_kinds_match_the_case_entity_kinds():
    from sellerdesk.cases.choices import EntityKind

    assert set(entities.REFERENCE_KINDS) == set(EntityKind.values)
    assert set(entities.REFERENCE_KINDS) | set(entities.PERSONAL_KINDS) <= set(entities.KINDS)


def test_a_date_after_a_supply_word_is_a_date_not_a_supply():
    assert pairs("не совпадает с датой поставки 02.03.2026, поставка 20.03") == [
        ("date", "2026-03-02"), ("date", "2026-03-20")]


def test_a_dated_bill_number_is_not_a_posting_unless_a_word_says_so():
    assert pairs("账单号 20260301-7781 扣款两次") == []
    assert pairs("заказ 20260301-7781") == [("order", "20260301-7781")]


def test_an_order_number_with_letters_after_the_order_word():
    assert of_kind("退款申请：订单 CN-2026-004512 未处理", "order") == ["CN-2026-004512"]
    assert of_kind("заказ FBS отменён", "order") == []


def test_an_identifier_word_after_article_is_not_the_article():
    assert pairs("Наш товар (артикул SKU 987654321) скрыт") == [("sku", "987654321")]
