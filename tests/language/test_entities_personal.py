"""Personal data the linter warns about (phones, e-mails, links, messenger ids, cards, passports,
addresses, buyers' names) and INN, which a seller does quote."""

from __future__ import annotations

import pytest

from sellerdesk.language import entities
from tests.language.entity_helpers import NOW, of_kind, pairs, spans


@pytest.fixture(autouse=True)
def _strict(monkeypatch):
    monkeypatch.setattr(entities, "RAISE_ERRORS", True)


@pytest.mark.parametrize("text, expected", [
    ("Покупатель просит перезвонить: +7 916 123-45-67", "+79161234567"),
    ("тел. 8 (916) 123-45-67", "+79161234567"),
    ("телефон покупателя 89161234567", "+79161234567"),
    ("+79161234567", "+79161234567"),
    ("звоните 8-916-123-45-67", "+79161234567"),
    ("номер горячей линии 8 800 555-35-35", "+78005553535"),
    ("телефон: (916) 123-45-67", "+79161234567"),
    ("买家电话13812345678一直打不通", "+8613812345678"),
    ("手机：138 1234 5678", "+8613812345678"),
    ("call +86 138 1234 5678 after 6 pm", "+8613812345678"),
])
def test_it_finds_phones_in_e164(text, expected):
    assert of_kind(text, "phone") == [expected]


def test_a_bare_chinese_mobile_shape_in_russian_text_is_not_a_phone():
    assert of_kind("в поставке 13812345678 штук", "phone") == []


@pytest.mark.parametrize("text, expected", [
    ("пишите на Ivan.Petrov@Mail.RU до пятницы", "ivan.petrov@mail.ru"),
    ("邮箱abc123@qq.com联系", "abc123@qq.com"),
    ("e-mail: shop+support@romashka-shop.ru.", "shop+support@romashka-shop.ru"),
])
def test_it_finds_emails_in_lower_case(text, expected):
    assert of_kind(text, "email") == [expected]


@pytest.mark.parametrize("text, expected", [
    ("см. https://seller.wildberries.ru/supplies-management/all-supplies.", "https://seller.wildberries.ru/supplies-management/all-supplies"),
    ("ссылка (www.ozon.ru/product/123)", "www.ozon.ru/product/123"),
    ("зайдите на seller.ozon.ru/app/postings", "seller.ozon.ru/app/postings"),
    ("链接：https://example.cn/a?b=1，谢谢", "https://example.cn/a?b=1"),
])
def test_it_finds_links_as_written(text, expected):
    assert of_kind(text, "url") == [expected]


@pytest.mark.parametrize("text, expected, covered", [
    ("напишите в telegram @ivan_petrov", "@ivan_petrov", "telegram @ivan_petrov"),
    ("мой тг: romashka_shop", "@romashka_shop", "тг: romashka_shop"),
    ("покупатель написал с аккаунта @buyer2024", "@buyer2024", "@buyer2024"),
    ("WhatsApp +7 916 123 45 67", "whatsapp:+79161234567", "WhatsApp +7 916 123 45 67"),
    ("пишите в вотсап 89161234567", "whatsapp:+79161234567", "вотсап 89161234567"),
    ("买家微信号 wxid_abc123 加了我", "wechat:wxid_abc123", "微信号 wxid_abc123"),
    ("wechat: shop_helper88", "wechat:shop_helper88", "wechat: shop_helper88"),
])
def test_it_finds_messenger_handles(text, expected, covered):
    found = [e for e in entities.extract(text, now=NOW) if e.kind == "handle"]
    assert [e.value for e in found] == [expected]
    assert text[found[0].start:found[0].end] == covered


def test_an_email_is_not_a_handle():
    assert pairs("support@wb.ru") == [("email", "support@wb.ru")]


@pytest.mark.parametrize("text, expected", [
    ("карта 4276 3800 1234 5679 покупателя", "4276********5679"),
    ("оплатил с карты 2202-2012-3456-7895", "2202********7895"),
    ("card 4276380012345679", "4276********5679"),
    ("银行卡号 6217001234567890122", "6217***********0122"),
])
def test_it_finds_luhn_valid_cards_and_masks_them(text, expected):
    found = [e for e in entities.extract(text, now=NOW) if e.kind == "card"]
    assert [e.value for e in found] == [expected]
    assert found[0].get("last4") == expected[-4:]


def test_a_card_shape_that_fails_luhn_is_not_a_card():
    assert of_kind("карта 4276 3800 1234 5670", "card") == []


def test_formatted_card_numbers_are_found_without_a_word():
    assert of_kind("перевёл 4276 3800 1234 5679 вчера", "card") == ["4276********5679"]


def test_sixteen_bare_digits_without_a_card_scheme_are_not_a_card():
    assert of_kind("штрихкод 9876543210123452", "card") == []  # Luhn-valid, but no card starts with 98


@pytest.mark.parametrize("text, expected", [
    ("паспорт 4510 123456 выдан ОВД", "4510 123456"),
    ("паспорт серия 45 10 номер 123456", "4510 123456"),
    ("паспорт: 4510 № 123456", "4510 123456"),
    ("身份证号码 11010519491231002X", "11010519491231002X"),
])
def test_it_finds_passports(text, expected):
    assert of_kind(text, "passport") == [expected]


@pytest.mark.parametrize("text, expected", [
    ("доставить на ул. Ленина, д. 5, кв. 12 до вечера", "ул. Ленина, д. 5, кв. 12"),
    ("г. Казань, ул. Баумана 15", "г. Казань, ул. Баумана 15"),
    ("пр-т Мира, дом 101, корп. 2, кв. 7", "пр-т Мира, дом 101, корп. 2, кв. 7"),
    ("Адрес доставки: 123456, Москва, Тверская 7-3. Покупатель жалуется.", "123456, Москва, Тверская 7-3"),
    ("收货地址：北京市朝阳区建国路88号", "北京市朝阳区建国路88号"),
    ("寄到上海市浦东新区世纪大道100号", "上海市浦东新区世纪大道100号"),
])
def test_it_finds_street_addresses(text, expected):
    assert of_kind(text, "address") == [expected]


def test_an_address_word_without_an_address_is_nothing():
    assert of_kind("адрес склада не указан, address unknown", "address") == []


@pytest.mark.parametrize("text, expected", [
    ("покупатель Иванов Иван Петрович жалуется на брак", "Иванов Иван Петрович"),
    ("Получатель: Смирнова Анна", "Смирнова Анна"),
    ("ФИО покупателя Петров П.П.", "Петров П.П."),
    ("buyer John Smith left a review", "John Smith"),
    ("收件人：王小明，电话未接", "王小明"),
    ("买家张伟说没收到", "张伟"),
])
def test_it_finds_buyer_names_after_a_buyer_word(text, expected):
    assert of_kind(text, "person") == [expected]


@pytest.mark.parametrize("text", [
    "покупатель написал плохой отзыв",
    "Покупатель Не Доволен",
    "买家已经确认收货",
    "the buyer says hello",
    "Покупатель Ozon Premium получил скидку",
])
def test_a_buyer_word_without_a_name_is_nothing(text):
    assert of_kind(text, "person") == []


@pytest.mark.parametrize("text, expected", [
    ("ИНН 7707083893, ОГРН не помню", ["7707083893"]),
    ("ИНН/КПП 7707083893/770701001", ["7707083893"]),
    ("ИП Петров, ИНН 500100732259", ["500100732259"]),
    ("INN: 7707083893", ["7707083893"]),
    ("ИНН 1234567890", []),  # check digit does not match
    ("7707083893", []),  # no INN word
])
def test_it_finds_inn_only_with_valid_check_digits(text, expected):
    assert of_kind(text, "inn") == expected


def test_personal_data_lists_what_identifies_a_person():
    text = ("Заказ 123456789. Покупатель Иванов Иван, тел. +7 916 123-45-67, ivan@mail.ru, @ivan_petrov, "
            "карта 4276 3800 1234 5679, паспорт 4510 123456, ул. Ленина, д. 5, кв. 12. ИНН 7707083893, 1 500 руб.")
    found = entities.extract(text, now=NOW)
    personal = entities.personal_data(found)
    assert [e.kind for e in personal] == ["person", "phone", "email", "handle", "card", "passport", "address"]
    assert all(e in found for e in personal)


def test_spans_of_personal_data_in_a_chinese_message():
    text = "收件人：王小明，手机13812345678，地址：北京市朝阳区建国路88号"
    assert spans(text) == [("person", "王小明"), ("phone", "13812345678"), ("address", "北京市朝阳区建国路88号")]


def test_an_address_after_a_colon_stops_where_the_prose_starts():
    text = "Покупатель Кузнецов Андрей, адрес: г. Москва, ул. Ленина, д. 15, кв. 42, очень недоволен."
    assert of_kind(text, "address") == ["г. Москва, ул. Ленина, д. 15, кв. 42"]
