"""Buyers' personal data must not be sent to support: phones, e-mails, addresses, cards, passports, names."""

from __future__ import annotations

from tests.analysis.appeal_samples import PENALTY_BODY, codes, finding


def _with(sentence: str) -> str:
    return PENALTY_BODY.replace("Просим отменить", sentence + "\n\nПросим отменить")


def test_our_own_contact_is_not_a_buyers_data():
    assert "personal.buyer" not in codes()
    assert "personal.buyer" not in codes(body=_with("Наш телефон для связи: +7 916 123-45-67."))


def test_it_blocks_a_buyers_phone_with_its_span():
    body = _with("Покупатель звонил нам с номера +7 903 555-12-34 и подтвердил, что всё получил.")
    result = finding("personal.buyer", body=body)
    assert result.severity == "blocking"
    assert "555" in body[result.start:result.end]
    assert "phone" in result.message.render()


def test_it_blocks_a_buyers_email_and_address():
    assert "personal.buyer" in codes(body=_with("Почта покупателя petrov.ivan@gmail.com."))
    assert "personal.buyer" in codes(body=_with("Адрес получателя: г. Москва, ул. Ленина, д. 15, кв. 42."))


def test_it_blocks_a_card_number_wherever_it_is():
    assert "personal.buyer" in codes(body=_with("Деньги вернуть на карту 4276 1600 1234 5675."))


def test_it_blocks_a_chinese_buyers_phone():
    assert "personal.buyer" in codes(body=_with("买家张伟的电话 13812345678。"))
